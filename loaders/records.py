"""Fact-file records as plain dicts, whatever holds them: a validated model, a Fact of a load
(loaders/rows.py), or a row the graph returned. Reconciling compares these field by field, and
merging reads them; the fact-file loader and the merge both import this module.
"""

from __future__ import annotations

from typing import Any

from ..schema.dates import FuzzyDate
from ..schema.facts import ENTITY_MODELS, REL_MODELS, Source
from ..schema.model import EVIDENCE_COLUMNS, NODE_BY_NAME, NODE_COMMON, REL_BY_NAME, node_props
from .rows import EntityFact, RelFact, SourceFact, evidence_of_row

NODE_COMMON_ID = NODE_COMMON[0]


def dump(record: Any) -> dict[str, Any]:
    """A record as a fact file gives it: plain values, dates as written. A Fact is read back
    from its row through its model, as the graph's version is (`record_of_node`, `record_of_rel`),
    so that the two compare field by field."""
    if isinstance(record, SourceFact):
        return record_of_node("Source", record.row)
    if isinstance(record, EntityFact):
        return record_of_node(record.row["kind"], record.row)
    if isinstance(record, RelFact):
        r = record.row
        start, end = record.start, record.end
        return _rel_record(r["kind"], r, r["from_id"], r["to_id"], str(start) if start else None, str(end) if end else None)
    return record.model_dump(mode="json", by_alias=True)


def _validated(section: str, data: dict[str, Any]) -> Any:
    if section == "sources":
        return Source.model_validate(data)
    models = ENTITY_MODELS if section == "entities" else REL_MODELS
    return models[data["kind"]].model_validate(data)


def _stored_date(row: dict[str, Any], name: str) -> str | None:
    fd = FuzzyDate.from_stored(_plain_date(row.get(name)), row.get(name + "_precision"))
    return str(fd) if fd else None


def _plain_date(v: Any) -> Any:
    if hasattr(v, "to_native"):
        v = v.to_native()
    return v


def record_of_node(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored node as the fact-file record that would write it (the inverse of node_row)."""
    props = (NODE_COMMON_ID,) + NODE_BY_NAME["Source"].props if kind == "Source" else node_props(kind)
    rec: dict[str, Any] = {} if kind == "Source" else {"kind": kind}
    for p in props:
        if p.type == "date":
            rec[p.name] = _stored_date(row, p.name)
        elif p.type == "strings":
            rec[p.name] = list(row.get(p.name) or [])
        else:
            rec[p.name] = row.get(p.name)
    return _validated("sources" if kind == "Source" else "entities", rec).model_dump(mode="json", by_alias=True)


def record_of_rel(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored relationship as the fact-file record that would write it (the inverse of rel_row)."""
    start = _stored_date(row, "valid_from") if row.get("start_basis") == "stated" else None
    return _rel_record(kind, row, row["from"], row["to"], start, _stored_date(row, "valid_to"))


def _rel_record(kind: str, row: dict[str, Any], from_id: str, to_id: str, start: str | None, end: str | None) -> dict[str, Any]:
    """A relationship's row (stored, or a Fact's) as its fact-file record, checked by its model."""
    rec: dict[str, Any] = {
        "kind": kind, "id": row["id"], "from": from_id, "to": to_id,
        "start": start,
        "end": end,
        "status": row.get("status") or "asserted",
        "note": row.get("note"),
        "evidence": [
            {"source": ev.source, "quote": ev.quote, "account": ev.account, "page": ev.page, "method": ev.method,
             "rule": ev.rule, "as_of": str(ev.as_of) if ev.as_of else None}
            for ev in evidence_of_row({"sources": row.get("sources") or [], **{k: row.get(k) for k in EVIDENCE_COLUMNS.values() if k != "sources"}})
        ],
    }
    for p in REL_BY_NAME[kind].props:
        rec[p.name] = list(row.get(p.name) or []) if p.type == "strings" else row.get(p.name)
    return REL_MODELS[kind].model_validate(rec).model_dump(mode="json", by_alias=True)
