"""A JSON export (`accountable export --format json`) read back, checked against the model.

Every problem names the file, the line and the field (`nodes[3].label`), and
nothing is written unless the whole file is sound.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..graph.export import JSON_FORMAT, JSON_VERSION
from ..schema.model import NODE_BY_NAME, REL_BY_NAME, node_columns, rel_columns
from .problems import InvalidInput, Problem

MAX_BYTES = 1024 * 1024 * 1024  # an export of a very large graph; beyond this, use the Cypher script


def _item_lines(text: str) -> dict[tuple[str, int], int]:
    """Where each node and relationship starts, for exports in the one-item-per-line layout we write."""
    where: dict[tuple[str, int], int] = {}
    section = None
    index = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith('"nodes"'):
            section, index = "nodes", 0
        elif s.startswith('"relationships"'):
            section, index = "relationships", 0
        elif section and s.startswith("{"):
            where[(section, index)] = lineno
            index += 1
        elif s.startswith("]"):
            section = None
    return where


def read(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """The dump held by a JSON export: {"nodes": [...], "relationships": [...]} as Store.dump() gives it."""
    path = Path(path)
    label = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput([Problem(label, 1, "file", f"is over {MAX_BYTES // 2**20} MB; rebuild from the Cypher export instead")])
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InvalidInput([Problem(label, 1, "file", f"cannot be read: {e.strerror or e}")]) from None
    except UnicodeDecodeError as e:
        raise InvalidInput([Problem(label, 1, "file", f"is not UTF-8 text ({e.reason} at byte {e.start})")]) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InvalidInput([Problem(label, e.lineno, "json", e.msg)]) from None
    if not isinstance(doc, dict) or doc.get("format") != JSON_FORMAT:
        raise InvalidInput([Problem(label, 1, "format", f"is not an accountable graph export (expected \"format\": \"{JSON_FORMAT}\")")])
    if doc.get("version") != JSON_VERSION:
        raise InvalidInput([Problem(label, 1, "version", f"export version {doc.get('version')!r}; this accountable reads version {JSON_VERSION}")])
    lines = _item_lines(text)
    problems: list[Problem] = []

    def bad(section: str, i: int, field: str, message: str) -> None:
        problems.append(Problem(label, lines.get((section, i), 1), f"{section}[{i}].{field}", message))

    nodes = doc.get("nodes")
    rels = doc.get("relationships")
    for section, items in (("nodes", nodes), ("relationships", rels)):
        if not isinstance(items, list):
            problems.append(Problem(label, 1, section, "missing, or not a list"))
    if problems:
        raise InvalidInput(problems)

    keys: set[tuple[str, str]] = set()
    for i, n in enumerate(nodes):
        if not isinstance(n, dict):
            bad("nodes", i, "", "is not an object")
            continue
        if n.get("label") not in NODE_BY_NAME:
            bad("nodes", i, "label", f"{n.get('label')!r} is not a kind of node ({', '.join(NODE_BY_NAME)})")
            continue
        if not isinstance(n.get("id"), str) or not n["id"]:
            bad("nodes", i, "id", "missing")
            continue
        if (n["label"], n["id"]) in keys:
            bad("nodes", i, "id", f"{n['label']} {n['id']!r} is given twice")
        keys.add((n["label"], n["id"]))
        for c in node_columns(n["label"]):
            _check_value(n.get(c.name), c.type, lambda m, f=c.name: bad("nodes", i, f, m))
    rel_ids: set[tuple[str, str]] = set()
    for i, r in enumerate(rels):
        if not isinstance(r, dict):
            bad("relationships", i, "", "is not an object")
            continue
        kind = REL_BY_NAME.get(r.get("type"))
        if kind is None:
            bad("relationships", i, "type", f"{r.get('type')!r} is not a kind of relationship ({', '.join(REL_BY_NAME)})")
            continue
        ends = (r.get("from_label"), r.get("to_label"))
        if ends not in kind.ends:
            bad("relationships", i, "from_label", f"{kind.name} does not run from {ends[0]} to {ends[1]}")
            continue
        if not isinstance(r.get("id"), str) or not r["id"]:
            bad("relationships", i, "id", "missing")
            continue
        if (kind.name, r["id"]) in rel_ids:
            bad("relationships", i, "id", f"{kind.name} {r['id']!r} is given twice")
        rel_ids.add((kind.name, r["id"]))
        for end, lab in (("from", ends[0]), ("to", ends[1])):
            if (lab, r.get(end)) not in keys:
                bad("relationships", i, end, f"no {lab} {r.get(end)!r} among the nodes of this file")
        for c in rel_columns(kind.name):
            _check_value(r.get(c.name), c.type, lambda m, f=c.name: bad("relationships", i, f, m))
    if problems:
        raise InvalidInput(problems)
    return {"nodes": nodes, "relationships": rels}


def _is_day(text: str) -> bool:
    try:
        return len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _check_value(value: Any, typ: str, bad: Any) -> None:
    if value is None:
        return
    if typ == "STRING[]":
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            bad("expected a list of text")
    elif typ == "INT64":
        if not isinstance(value, int) or isinstance(value, bool):
            bad(f"expected a whole number, not {value!r}")
    elif typ == "DOUBLE":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value or value in (float("inf"), float("-inf")):
            bad(f"expected a number, not {value!r}")
    elif typ == "DATE":
        if not (isinstance(value, str) and _is_day(value)):
            bad(f"expected a date YYYY-MM-DD, not {value!r}")
    elif not isinstance(value, str):
        bad(f"expected text, not {value!r}")
