"""Every source behind an entity and its relationships, with the quotes."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import SourceBook, interval_text, names_as_begun
from .describe import fact_text
from .entities import find_entity

TEMPLATE = "sources_for"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "n", "source_id", "title", "publisher", "published", "url", "fact_id", "fact", "quote", "account"
)


def sources_for(store: Any, entity: str) -> dict[str, Any]:
    """The answer to `accountable sources ENTITY`, as plain data: the sources, each with what it supports."""
    e = find_entity(store, entity)
    rows = registry.run(store, TEMPLATE, {"id": e["id"]})
    facts: dict[str, dict[str, Any]] = {}
    named = names_as_begun(store)  # each fact names councils as they were named when it began
    for r in rows:  # a relationship between two subjects (a post and its council) comes from both ends
        if r["fact_id"] in facts:
            continue
        a, b = (r["subject"], r["other"]) if r["direction"] == "out" else (r["other"], r["subject"])
        facts[r["fact_id"]] = {
            "fact_id": r["fact_id"], "relationship": r["relationship"],
            "fact": named(r).text(fact_text(r["relationship"], a, b, r)),
            **interval_text(r), "status": r["status"], "note": named(r).text(r["note"]),
            "_evidence": list(zip(r["sources"] or [], r["quotes"] or [], r["accounts"] or [])),
        }
    book = SourceBook(store)
    supports: dict[str, list[dict[str, Any]]] = {}
    for sid in e.get("sources") or []:
        book.cite([sid])
        supports.setdefault(sid, []).append({"fact_id": e["id"], "fact": f"{e['name']} ({e['kind'].lower()})", "quote": None, "account": None})
    for f in sorted(facts.values(), key=_order):
        for sid, quote, account in f.pop("_evidence"):
            book.cite([sid])
            supports.setdefault(sid, []).append({
                "fact_id": f["fact_id"], "fact": f["fact"], "from": f.get("from"), "to": f.get("to"),
                "status": f["status"], "quote": quote or None, "account": account or None,
            })
    sources = book.resolve()
    for s in sources:
        s["supports"] = supports.get(s["id"], [])
    subjects = sorted({r["subject_id"] for r in rows} - {e["id"]})
    return {
        "entity": {"id": e["id"], "name": e["name"], "kind": e["kind"]},
        "posts_included": subjects,
        "facts": len(facts),
        "sources": sources,
    }


def _order(f: dict[str, Any]) -> tuple:
    return (f.get("from") or "", f["fact_id"])


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for s in answer["sources"]:
        for x in s["supports"]:
            out.append({"n": s["n"], "source_id": s["id"], "title": s.get("title"), "publisher": s.get("publisher"),
                        "published": s.get("published"), "url": s.get("url"), "fact_id": x["fact_id"], "fact": x["fact"],
                        "quote": x.get("quote"), "account": x.get("account")})
    return out
