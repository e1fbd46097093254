"""The whole graph as CSV files in the layout Neo4j's offline importer reads
(`neo4j-admin database import full`): one file per kind of node, one per kind of relationship
and pair of end kinds, each with its header row.

The header grammar is Neo4j's ("Import header format" in the Operations Manual):
`<name>:<field_type>`; `id:ID(Council)` is a node's id in the ID space of its kind (ids only
need be unique within a kind), `:LABEL` its label, `:START_ID(Person)` / `:END_ID(Post)` /
`:TYPE` a relationship's ends and type; property types are `string`, `long`, `double`,
`boolean`, `date`..., with `[]` for arrays, whose items are separated by the array delimiter.
The CSV importer cannot tell an empty array from a missing one: both are left empty.

Nothing here talks to a store: it takes Store.dump() (dates already ISO text) and returns the
files' text, the same bytes for the same graph.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..schema.model import NODE_KINDS, REL_BY_NAME, node_columns, rel_columns

# How each stored column type is declared in a header.
HEADER_TYPES = {"STRING": "string", "STRING[]": "string[]", "DATE": "date", "INT64": "long", "DOUBLE": "double", "BOOL": "boolean"}
# Array delimiters tried in turn: the first that no array item contains is used (the importer's
# default is `;`, which quotes often contain).
ARRAY_DELIMITERS = ("|", "¦", "^", "~")
NODES_DIR = "nodes"
RELATIONSHIPS_DIR = "relationships"
README = "IMPORT.txt"


class CsvExportError(ValueError):
    """The graph cannot be written in this layout (said in words)."""


def array_delimiter(dump: dict[str, list[dict[str, Any]]]) -> str:
    items = {str(x) for rec in dump["nodes"] + dump["relationships"] for v in rec.values() if isinstance(v, list) for x in v}
    for d in ARRAY_DELIMITERS:
        if not any(d in x for x in items):
            return d
    raise CsvExportError(f"every array delimiter the export can use ({' '.join(ARRAY_DELIMITERS)}) occurs in some list value")


def _declared(name: str, typ: str) -> str:
    return f"{name}:{HEADER_TYPES[typ]}"


def node_header(label: str) -> tuple[list[str], list[str]]:
    """(header fields, the dump keys they hold); the id is the node's id in its kind's ID space."""
    fields, keys = [f"id:ID({label})", ":LABEL"], ["id", "label"]
    for c in node_columns(label):
        if c.name == "id":
            continue
        fields.append(_declared(c.name, c.type))
        keys.append(c.name)
    return fields, keys


def rel_header(rel_type: str, from_label: str, to_label: str) -> tuple[list[str], list[str]]:
    fields = [f":START_ID({from_label})", f":END_ID({to_label})", ":TYPE"]
    keys = ["from", "to", "type"]
    for c in rel_columns(rel_type):
        fields.append(_declared(c.name, c.type))
        keys.append(c.name)
    return fields, keys


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(str(x) for x in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(fields: list[str], keys: list[str], rows: list[dict[str, Any]], delimiter: str) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(fields)
    for r in rows:
        w.writerow([_cell(r.get(k), delimiter) for k in keys])
    return out.getvalue()


def node_file(label: str) -> str:
    return f"{NODES_DIR}/{label}.csv"


def rel_file(rel_type: str, from_label: str, to_label: str) -> str:
    return f"{RELATIONSHIPS_DIR}/{rel_type}-{from_label}-{to_label}.csv"


def files(dump: dict[str, list[dict[str, Any]]], database: str = "neo4j") -> dict[str, str]:
    """Relative path -> text: a node file for every kind of node, a relationship file for every
    kind of relationship and pair of end kinds the model allows, and IMPORT.txt with the command."""
    delimiter = array_delimiter(dump)
    out: dict[str, str] = {}
    by_label: dict[str, list[dict[str, Any]]] = {k.name: [] for k in NODE_KINDS}
    for n in dump["nodes"]:
        by_label.setdefault(n["label"], []).append(n)
    for label, rows in by_label.items():
        fields, keys = node_header(label)
        out[node_file(label)] = _table(fields, keys, sorted(rows, key=lambda r: r["id"]), delimiter)
    by_rel: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for name, kind in REL_BY_NAME.items():
        for a, b in kind.ends:
            by_rel[(name, a, b)] = []
    for r in dump["relationships"]:
        by_rel.setdefault((r["type"], r["from_label"], r["to_label"]), []).append(r)
    for (rel_type, a, b), rows in by_rel.items():
        fields, keys = rel_header(rel_type, a, b)
        out[rel_file(rel_type, a, b)] = _table(fields, keys, sorted(rows, key=lambda r: r["id"]), delimiter)
    out[README] = readme(sorted(out), delimiter, database, dump)
    return out


def import_command(paths: list[str], delimiter: str, database: str = "neo4j") -> str:
    """The neo4j-admin command that imports these files (run from the export's folder)."""
    lines = [f"neo4j-admin database import full {database} \\"]
    lines.append(f"  --array-delimiter='{delimiter}' --multiline-fields=true \\")
    lines += [f"  --nodes={p} \\" for p in paths if p.startswith(NODES_DIR + "/")]
    rels = [p for p in paths if p.startswith(RELATIONSHIPS_DIR + "/")]
    lines += [f"  --relationships={p} \\" for p in rels[:-1]]
    if rels:
        lines.append(f"  --relationships={rels[-1]}")
    else:
        lines[-1] = lines[-1].rstrip(" \\")
    return "\n".join(lines)


def readme(paths: list[str], delimiter: str, database: str, dump: dict[str, list[dict[str, Any]]]) -> str:
    n, r = len(dump["nodes"]), len(dump["relationships"])
    return (
        f"accountable graph: {n} nodes, {r} relationships, in the CSV layout of neo4j-admin database import.\n"
        "Node ids are unique within each kind (ID spaces named after the labels). The array delimiter is\n"
        f"'{delimiter}'. The database must not exist yet (or add --overwrite-destination). From this folder:\n\n"
        + import_command([p for p in paths if p != README], delimiter, database) + "\n"
    )


def write_folder(texts: dict[str, str], target: Any) -> None:
    """Write the files into a new folder `target` (which must not exist, or be empty): built in a
    folder beside it and renamed, so that a failed export never leaves half a folder."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "a file" if not target.is_dir() else "a folder that is not empty"
        raise CsvExportError(f"{target} is {what}: give a new or empty folder for the CSV files")
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for rel, text in texts.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8", newline="")
        umask = os.umask(0)
        os.umask(umask)
        for p in [tmp, *tmp.rglob("*")]:
            os.chmod(p, (0o777 if p.is_dir() else 0o666) & ~umask)  # as a new folder and files would be
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
