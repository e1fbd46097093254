"""Facts whose sources disagree, side by side: what each source says."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import SourceBook, interval_text, names_as_begun
from .describe import fact_text
from .entities import find_entity

TEMPLATE = "contested"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "fact_id", "fact", "from", "to", "note", "n", "source_id", "title", "published", "account", "quote"
)


def contested(store: Any, about: str | None = None) -> dict[str, Any]:
    """The answer to `accountable contested [ENTITY]`, as plain data."""
    e = find_entity(store, about) if about else None
    rows = registry.run(store, TEMPLATE, {"about": e["id"] if e else ""})
    book = SourceBook(store)
    facts = []
    named = names_as_begun(store)  # each fact names councils as they were named when it began
    for r in rows:
        accounts = []
        for sid, quote, account in zip(r["sources"] or [], r["quotes"] or [], r["accounts"] or []):
            ref = book.cite([sid])[0]
            accounts.append({**ref, "account": account or None, "quote": quote or None})
        facts.append({
            "fact_id": r["fact_id"], "relationship": r["relationship"],
            "fact": named(r).text(fact_text(r["relationship"], r["from_name"], r["to_name"], r)),
            "from_id": r["from_id"], "to_id": r["to_id"], **interval_text(r), "note": named(r).text(r["note"]),
            "positions": len({a["account"] for a in accounts if a["account"]}),
            "accounts": accounts,
        })
    answer = {"about": e and {"id": e["id"], "name": e["name"], "kind": e["kind"]}, "facts": facts}
    answer["sources"] = book.resolve()
    for f in facts:
        f["accounts"] = book.fill(f["accounts"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per source's account of each contested fact."""
    return [
        {"fact_id": f["fact_id"], "fact": f["fact"], "from": f.get("from"), "to": f.get("to"), "note": f["note"],
         "n": a["n"], "source_id": a["id"], "title": a.get("title"), "published": a.get("published"),
         "account": a.get("account"), "quote": a.get("quote")}
        for f in answer["facts"] for a in f["accounts"]
    ]
