"""Nodes several files describe, merged rather than replaced.

A council is described by the fact files (its name, the articles that name it) and by
the register (its codes, type, region, website); an inspection by every Ofsted snapshot
that lists it. For these kinds a load sets what it gives, keeps what the graph holds
and the load leaves empty, and adds to (never replaces) their aliases and sources.
Relationships drawn from datasets keep the evidence of every snapshot that gave them.

Lists are kept in one canonical order (sources sorted, aliases in the order first
given, evidence by source), so that loading the same files again changes nothing.
"""

from __future__ import annotations

from typing import Any

from ..schema.facts import ENTITY_MODELS, Evidence
from ..schema.model import node_props
from .records import dump
from .stored import Stored, stored_fields, unique
from .problems import Problem
from .rows import evidence_of_row

MERGED_KINDS = ("Council", "Inspection")


def merge_with_graph(bundle: Any, stored: Stored) -> None:
    _check_la_codes(bundle, stored)
    for eid, (record, origin) in list(bundle.entities.items()):
        if record.kind not in MERGED_KINDS:
            continue
        table = stored.councils if record.kind == "Council" else stored.inspections
        old = table.get(eid)
        merged = _merge(record, stored_fields(record.kind, old) if old else None)
        if merged is not record:
            bundle.entities[eid] = (merged, origin)
    _merge_evidence(bundle, stored)


def _merge(record: Any, old: dict[str, Any] | None) -> Any:
    data = dump(record)
    changed = False
    for p in node_props(record.kind):
        new = data.get(p.name)
        prev = (old or {}).get(p.name)
        if p.name == "sources":
            value = sorted(set(list(new or []) + list(prev or [])))
        elif p.name == "aliases":
            value = [a for a in unique(list(new or []) + list(prev or [])) if a.lower() != data["name"].lower()]
        elif new is None and prev is not None:
            value = prev
        else:
            continue
        if value != new:
            data[p.name] = value
            changed = True
    return ENTITY_MODELS[record.kind].model_validate(data) if changed else record


def _check_la_codes(bundle: Any, stored: Stored) -> None:
    """One council per DfE LA code: a second id for a code already taken is refused."""
    holders: dict[str, tuple[str, str]] = {}
    spans: dict[str, tuple[Any, Any]] = {}
    for cid, row in stored.councils.items():
        if row.get("la_code"):
            holders.setdefault(row["la_code"], (cid, row["name"]))
            spans[cid] = (row.get("established"), row.get("abolished"))
    seen: dict[str, tuple[str, str]] = {}
    for cid, (record, origin) in sorted(bundle.entities.items()):
        code = getattr(record, "la_code", None) if record.kind == "Council" else None
        if not code:
            continue
        spans[cid] = (getattr(record, "established", None), getattr(record, "abolished", None))
        other = seen.get(code) or holders.get(code)
        if other and other[0] != cid and not _one_after_other(spans.get(other[0]), spans[cid]):
            bundle.problems.append(
                Problem(origin.file, origin.at("la_code"), "la_code",
                        f"LA code {code} is already {other[1]} ({other[0]}); use that id to add to it, not {cid!r}")
            )
        seen.setdefault(code, (cid, record.name))


def _day(value: Any) -> Any:
    return getattr(value, "first", value)


def _one_after_other(a: tuple[Any, Any] | None, b: tuple[Any, Any]) -> bool:
    """Two councils with one LA code are fine when one was abolished before the other began (a
    successor that kept its predecessor's code): (established, abolished) of each."""
    if a is None:
        return False
    (a_start, a_end), (b_start, b_end) = ((_day(x), _day(y)) for x, y in (a, b))
    return (a_end is not None and (b_start is None or b_start >= a_end) and b_end is None) or (
        b_end is not None and (a_start is None or a_start >= b_end) and a_end is None)


def _merge_evidence(bundle: Any, stored: Stored) -> None:
    ids = sorted(rid for rid in bundle.merge_evidence if rid in bundle.relationships)
    if not ids:
        return
    old = stored.evidence(ids)
    for rid in ids:
        record, origin = bundle.relationships[rid]
        evidence = {ev.source: ev for ev in record.evidence}
        prev = old.get(rid)
        if prev:
            for ev in evidence_of_row({**prev, "sources": prev.get("sources") or []}):
                if ev.source not in evidence and ev.quote:
                    evidence[ev.source] = Evidence(source=ev.source, quote=ev.quote, account=ev.account, page=ev.page,
                                                   method=ev.method, rule=ev.rule, as_of=str(ev.as_of) if ev.as_of else None)
        ordered = [evidence[k] for k in sorted(evidence)]
        if [e.source for e in ordered] != [e.source for e in record.evidence]:
            record.evidence = ordered
