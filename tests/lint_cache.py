"""Neo4j's Cypher front end is slow (a Node.js process, ~0.1 s a statement): results are kept in
pytest's cache, keyed by the text, its parameters, the schema and the exact linter (its package and
our lint.mjs), so a re-run checks only what changed. Delete .pytest_cache (or run with
`-p no:cacheprovider`) to check everything again."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from accountable.queries.cypher_lint import LINT_DIR, lint
from accountable.schema.derive import lint_schema

KEY = "accountable/cypher-lint-v1"


def _linter_id() -> str:
    h = hashlib.sha256()
    for f in (LINT_DIR / "lint.mjs", LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"):
        h.update(f.read_bytes())
    h.update(json.dumps(lint_schema(), sort_keys=True).encode())
    return h.hexdigest()


def cached_lint(texts: dict[str, tuple[str, dict[str, Any]]], cache: Any) -> dict[str, list[dict[str, Any]]]:
    """Like cypher_lint.lint(); `cache` is pytest's `request.config.cache`, or None for no cache."""
    if cache is None:
        return lint(texts)
    linter = _linter_id()
    store: dict[str, Any] = cache.get(KEY, {})
    if store.get("linter") != linter:
        store = {"linter": linter, "results": {}}
    results: dict[str, Any] = store["results"]

    def key(text: str, params: dict[str, Any]) -> str:
        return hashlib.sha256((text + "\0" + json.dumps(params, sort_keys=True)).encode()).hexdigest()

    todo = {n: tp for n, tp in texts.items() if key(*tp) not in results}
    if todo:
        fresh = lint(todo)
        for n, tp in todo.items():
            results[key(*tp)] = fresh[n]
        cache.set(KEY, store)
    return {n: results[key(*tp)] for n, tp in texts.items()}
