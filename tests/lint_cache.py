"""Neo4j's Cypher front end is slow (a Node.js process, ~0.1 to 0.4 s a statement, about 0.3 ms a
character: its semantic analysis is Neo4j's own front end compiled to JavaScript): each distinct text
is checked once per run, and results are kept in pytest's cache folder, keyed by the text, its
parameters, the schema and the exact linter (its package and our lint.mjs), so a re-run checks only
what changed. Without pytest's cache (`-p no:cacheprovider`, or a fresh checkout as CI has it) the
results are kept for the run alone, in the temporary folder the pytest workers share.

Several pytest workers (pytest-xdist) share the folder: each result is a file of its own, named by
its key, written to a temporary name and renamed into place. A reader sees a whole result or none.
A worker checking texts holds a lock named by the set of texts, so a second worker asking for the
same texts (the template tests run on both workers) waits and reads the first one's results instead
of starting a Node.js process of its own; workers asking for different texts do not wait for each other."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

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


def cache_folder(request: pytest.FixtureRequest) -> Path:
    """Where results are kept: pytest's cache, or the run's temporary folder that every worker sees."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir(FOLDER))
    base = request.getfixturevalue("tmp_path_factory").getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    return folder


def _found(folder: Path, texts: dict[str, tuple[str, dict[str, Any]]], out: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Fills `out` with the results already kept; returns the texts still to check."""
    todo: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, (text, params) in texts.items():
        found = _read(folder / f"{_key(text, params)}.json")
        if isinstance(found, list):
            out[name] = found
        else:
            todo[name] = (text, params)
    return todo


def cached_lint(texts: dict[str, tuple[str, dict[str, Any]]], where: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Like cypher_lint.lint(); `where` is cache_folder(request), or None to check every text afresh."""
    if where is None:
        return lint(texts)
    folder = where / _linter_id()[:32]
    folder.mkdir(exist_ok=True)
    out: dict[str, list[dict[str, Any]]] = {}
    todo = _found(folder, texts, out)
    if not todo:
        return out
    # one Node.js process per distinct text: a text two names share is checked once
    distinct = {_key(t, p): (t, p) for t, p in todo.values()}
    lock = folder / f".lock-{hashlib.sha256(''.join(sorted(distinct)).encode()).hexdigest()[:32]}"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # released when the file closes, whatever happens
        todo = _found(folder, todo, out)  # what another worker checked while this one waited
        distinct = {_key(t, p): (t, p) for t, p in todo.values()}
        if distinct:
            fresh = lint(distinct)
            for key, diagnostics in fresh.items():
                _write(folder / f"{key}.json", diagnostics)
            for name, (text, params) in todo.items():
                out[name] = fresh[_key(text, params)]
    return out
