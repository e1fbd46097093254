"""The whole graph as files: a Cypher script for any Neo4j, GraphML for Gephi and yEd, and JSON.

Every writer takes Store.dump() (dates already ISO text) and returns text;
nothing here talks to a store. Output is deterministic: the same graph gives
the same bytes, so exports can be compared and kept under version control.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

from ..schema.derive import neo4j_schema
from ..schema.model import NODE_KINDS, REL_KINDS, node_columns, rel_columns
from . import statements
from .neo4j_store import AWAIT_INDEXES  # the module imports the driver only when a store is made
from .transfer import batch_from_dump

FORMATS = ("cypher", "graphml", "json")
SUFFIXES = {".cypher": "cypher", ".cql": "cypher", ".graphml": "graphml", ".json": "json"}
JSON_FORMAT = "accountable-graph"
JSON_VERSION = 1
SCRIPT_BATCH = 500  # rows per UNWIND in a script: a statement cypher-shell sends in one message


def format_for(path: str) -> str | None:
    """The export format a file name implies (by its suffix), if any."""
    for suffix, fmt in SUFFIXES.items():
        if path.lower().endswith(suffix):
            return fmt
    return None


def render(dump: dict[str, list[dict[str, Any]]], fmt: str, batch_size: int = SCRIPT_BATCH) -> str:
    if fmt == "cypher":
        return to_cypher(dump, batch_size)
    if fmt == "graphml":
        return to_graphml(dump)
    if fmt == "json":
        return to_json(dump)
    raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _counts(dump: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    by_kind: dict[str, int] = {}
    for n in dump["nodes"]:
        by_kind[n["label"]] = by_kind.get(n["label"], 0) + 1
    for r in dump["relationships"]:
        by_kind[r["type"]] = by_kind.get(r["type"], 0) + 1
    return {"nodes": len(dump["nodes"]), "relationships": len(dump["relationships"]), "by_kind": by_kind}


# ---------------------------------------------------------------- JSON


def to_json(dump: dict[str, list[dict[str, Any]]]) -> str:
    """Nodes and relationships with every property; each relationship also carries its evidence
    (source title, publisher, date, link, quote) resolved from the Source nodes of the same file.

    One node or relationship per line, so that the file diffs well and a reader can name lines.
    """
    sources = {n["id"]: n for n in dump["nodes"] if n["label"] == "Source"}
    head = {"format": JSON_FORMAT, "version": JSON_VERSION, "counts": _counts(dump)}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)},")
    lines.append('"nodes": [')
    lines += _items([n for n in dump["nodes"]])
    lines.append("],")
    lines.append('"relationships": [')
    rels = []
    for r in dump["relationships"]:
        r = dict(r)
        r["evidence"] = _evidence(r, sources)
        rels.append(r)
    lines += _items(rels)
    lines.append("]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _items(items: list[dict[str, Any]]) -> list[str]:
    out = [json.dumps(x, ensure_ascii=False, sort_keys=True) + "," for x in items]
    if out:
        out[-1] = out[-1][:-1]
    return out


def _evidence(rel: dict[str, Any], sources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    ids = rel.get("sources") or []
    quotes = rel.get("quotes") or []
    accounts = rel.get("accounts") or []
    out = []
    for i, sid in enumerate(ids):
        s = sources.get(sid, {})
        out.append(
            {
                "source": sid,
                "title": s.get("title"),
                "publisher": s.get("publisher"),
                "published": s.get("published"),
                "published_precision": s.get("published_precision"),
                "url": s.get("url"),
                "quote": quotes[i] if i < len(quotes) else None,
                "account": (accounts[i] or None) if i < len(accounts) else None,
            }
        )
    return out


# ---------------------------------------------------------------- GraphML

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GRAPHML_TYPES = {"STRING": "string", "STRING[]": "string", "DATE": "string", "INT64": "long", "DOUBLE": "double"}


def graphml_node_ids(dump: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str], str]:
    """(label, id) -> GraphML node id: the id itself, or `Label:id` where two kinds share an id."""
    seen: dict[str, int] = {}
    for n in dump["nodes"]:
        seen[n["id"]] = seen.get(n["id"], 0) + 1
    return {(n["label"], n["id"]): n["id"] if seen[n["id"]] == 1 else f"{n['label']}:{n['id']}" for n in dump["nodes"]}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _graphml_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # GraphML has no lists: JSON text, which Gephi and yEd show as is
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return _NOT_XML.sub("\ufffd", text)  # characters XML 1.0 cannot hold at all


def to_graphml(dump: dict[str, list[dict[str, Any]]]) -> str:
    """GraphML 1.0: one <node> per node (labels as `:Label`, `label` the display name for Gephi),
    one directed <edge> per relationship (`label` its type), every property a <data> field."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(
        f"{{{GRAPHML_NS}}}graphml",
        {f"{{{_XSI}}}schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"},
    )

    def key(kid: str, domain: str, name: str, typ: str) -> None:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": kid, "for": domain, "attr.name": name, "attr.type": typ})

    node_cols: dict[str, str] = {}
    for k in NODE_KINDS:
        for c in node_columns(k.name):
            node_cols.setdefault(c.name, _GRAPHML_TYPES[c.type])
    rel_cols: dict[str, str] = {}
    for r in REL_KINDS:
        for c in rel_columns(r.name):
            rel_cols.setdefault(c.name, _GRAPHML_TYPES[c.type])
    key("labels", "node", "labels", "string")
    key("label", "node", "label", "string")
    for name, typ in node_cols.items():
        key(f"n_{name}", "node", name, typ)
    key("e_label", "edge", "label", "string")
    for name, typ in rel_cols.items():
        key(f"e_{name}", "edge", name, typ)

    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "accountable", "edgedefault": "directed"})
    ids = graphml_node_ids(dump)

    def data(parent: ET.Element, kid: str, value: Any) -> None:
        text = _graphml_value(value)
        if text is not None:
            ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": kid}).text = text

    for n in dump["nodes"]:
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": ids[(n["label"], n["id"])]})
        data(el, "labels", f":{n['label']}")
        data(el, "label", n.get("name") or n.get("title") or n["id"])
        for name in node_cols:
            if name in n:
                data(el, f"n_{name}", n[name])
    for r in dump["relationships"]:
        el = ET.SubElement(
            graph,
            f"{{{GRAPHML_NS}}}edge",
            {"id": r["id"], "source": ids[(r["from_label"], r["from"])], "target": ids[(r["to_label"], r["to"])]},
        )
        data(el, "e_label", r["type"])
        for name in rel_cols:
            if name in r:
                data(el, f"e_{name}", r[name])
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---------------------------------------------------------------- Cypher script

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Words some Cypher parser treats as keywords: map keys spelt like them are quoted with backticks.
_KEYWORDS = frozenset("""
    all and any as asc ascending by call case contains count create delete desc descending detach distinct do
    else end ends exists extract false filter for from in is limit match merge none not null of on optional or
    order reduce remove require return scalar set single skip starts then to true union unique unwind when where
    with xor yield
""".split())
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(s: str) -> str:
    """A Cypher string literal in plain ASCII: quotes, backslashes and control characters escaped,
    other characters as \\uXXXX (or \\UXXXXXXXX beyond the BMP), so no client's charset can alter it."""
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Python value (None, bool, int, float, str, list, dict) as a Cypher literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            key = k if _IDENT.match(k) and k.lower() not in _KEYWORDS else "`" + k.replace("`", "``") + "`"
            parts.append(f"{key}: {cypher_literal(v)}")
        return "{" + ", ".join(parts) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _with_literal_rows(stmt: str, rows: list[dict[str, Any]]) -> str:
    assert stmt.startswith("UNWIND $rows AS row ")
    body = ",\n".join(cypher_literal(r) for r in rows)
    return "UNWIND [\n" + body + "\n] AS row " + stmt[len("UNWIND $rows AS row ") :] + ";"


def to_cypher(dump: dict[str, list[dict[str, Any]]], batch_size: int = SCRIPT_BATCH) -> str:
    """A script `cypher-shell -f` runs to rebuild the graph in any Neo4j 5, without Python:
    constraints and indexes first (each on its own, as Neo4j requires), then every node and
    relationship in one transaction (:begin ... :commit), as batched UNWIND ... MERGE with literal rows.
    The statements are the Neo4j store's own (graph/statements.py)."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    c = _counts(dump)
    out = [
        f"// accountable graph: {c['nodes']} nodes, {c['relationships']} relationships.",
        "// Rebuild it in Neo4j 5 (no Python needed):",
        '//   cypher-shell -a bolt://localhost:7687 -u neo4j -p "$NEO4J_PASSWORD" -f THIS_FILE',
        "// On an empty database this is an exact copy; on one that holds data, nodes and",
        "// relationships are added or updated by id. The data goes in one transaction:",
        "// if any statement fails, cypher-shell stops and nothing of it is kept.",
        "",
        "// Constraints and indexes (schema/derive.py), each in its own transaction.",
    ]
    out += [s + ";" for s in neo4j_schema()]
    out.append(AWAIT_INDEXES + ";")
    out += ["", ":begin"]
    batch = batch_from_dump(dump)
    for label, rows in batch.nodes.items():
        stmt = statements.upsert_nodes(label, statements.neo4j_cast)
        out.append(f"// {label}: {len(rows)}")
        for i in range(0, len(rows), batch_size):
            out.append(_with_literal_rows(stmt, rows[i : i + batch_size]))
    for (rel_type, a, b), rows in batch.rels.items():
        stmt = statements.upsert_rels(rel_type, a, b, statements.neo4j_cast)
        out.append(f"// {rel_type} from {a} to {b}: {len(rows)}")
        for i in range(0, len(rows), batch_size):
            out.append(_with_literal_rows(stmt, rows[i : i + batch_size]))
    out += [":commit", ""]
    return "\n".join(out)



def script_statements(script: str) -> Iterator[str]:
    """The Cypher statements of a script written by to_cypher(), without comments and shell commands
    (:begin, :commit): each ends with `;` at the end of a line (string literals never hold a newline)."""
    buf: list[str] = []
    for line in script.splitlines():
        if not buf and (not line.strip() or line.startswith("//") or line.startswith(":")):
            continue
        buf.append(line)
        if line.endswith(";"):
            yield "\n".join(buf)[:-1]
            buf = []
    if buf:
        raise ValueError("the script ends inside a statement (no closing `;`)")
