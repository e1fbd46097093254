"""Neo4j's Cypher front end is slow (a Node.js process, ~0.1 s a statement): results are kept in
pytest's cache folder, keyed by the text, its parameters, the schema and the exact linter (its package
and our lint.mjs), so a re-run checks only what changed. Delete .pytest_cache (or run with
`-p no:cacheprovider`) to check everything again.

Several pytest workers (pytest-xdist) share the cache: each result is a file of its own, named by
its key, written to a temporary name and renamed into place. A reader sees a whole result or none
(and then checks the text itself); two workers writing one key write the same bytes, so no write
is lost and none is half-read."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from accountable.queries.cypher_lint import LINT_DIR, lint
from accountable.schema.derive import lint_schema

FOLDER = "accountable-cypher-lint"


def _linter_id() -> str:
    h = hashlib.sha256()
    for f in (LINT_DIR / "lint.mjs", LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"):
        h.update(f.read_bytes())
    h.update(json.dumps(lint_schema(), sort_keys=True).encode())
    return h.hexdigest()


def _key(text: str, params: dict[str, Any]) -> str:
    return hashlib.sha256((text + "\0" + json.dumps(params, sort_keys=True)).encode()).hexdigest()


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, value: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_lint(texts: dict[str, tuple[str, dict[str, Any]]], cache: Any) -> dict[str, list[dict[str, Any]]]:
    """Like cypher_lint.lint(); `cache` is pytest's `request.config.cache`, or None for no cache."""
    if cache is None:
        return lint(texts)
    folder = Path(cache.mkdir(FOLDER)) / _linter_id()[:32]
    folder.mkdir(exist_ok=True)
    out: dict[str, list[dict[str, Any]]] = {}
    todo: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, (text, params) in texts.items():
        found = _read(folder / f"{_key(text, params)}.json")
        if isinstance(found, list):
            out[name] = found
        else:
            todo[name] = (text, params)
    if todo:
        fresh = lint(todo)
        for name, (text, params) in todo.items():
            _write(folder / f"{_key(text, params)}.json", fresh[name])
            out[name] = fresh[name]
    return out
