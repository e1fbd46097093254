"""The shortest chain of relationships between two people or bodies, each step sourced."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import LookupError_, SourceBook, as_date, interval_text, names_as_begun
from .describe import fact_text
from .entities import find_entity
from .periods import Period, period

TEMPLATE = "connection"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "step", "from_id", "from", "relationship", "forward", "to_id", "to", "fact", "fact_id", "status",
    "valid_from", "valid_to", "sources"
)

# When several chains are equally short, the one that follows lines of accountability is shown
# first: structural lines, then what bodies do to one another, then memberships and the rest.
PREFERENCE = {
    "HOLDS": 0, "POST_IN": 0, "ACCOUNTABLE_TO": 0,
    "COMMISSIONS": 1, "DIRECTS": 1, "APPOINTS": 1,
    "OFFICER_OF": 2, "MEMBER_OF": 2, "INSPECTS": 2, "CARRIED_OUT_BY": 2,
    "STAT_NEIGHBOUR": 3, "SUCCEEDED_BY": 3,
}


def check(on: Any = None, start: Any = None, end: Any = None, via: list[str] | None = None) -> tuple[Period, dict[str, Any]]:
    p = period(start, end, on)
    values: dict[str, Any] = {"a": "a", "b": "b", **p.params(), "via": list(via or [])}
    registry.get(TEMPLATE).bind(values)
    return p, values


def connection(store: Any, a: str, b: str, on: Any = None, start: Any = None, end: Any = None,
               via: list[str] | None = None) -> dict[str, Any]:
    """The answer to `accountable path A B [--on DATE]`, as plain data."""
    p, values = check(on, start, end, via)
    ea, eb = find_entity(store, a), find_entity(store, b)
    if ea["id"] == eb["id"]:
        raise LookupError_(f"{a!r} and {b!r} are the same entity ({ea['id']}); give two different ones")
    rows = registry.run(store, TEMPLATE, {**values, "a": ea["id"], "b": eb["id"]})
    chains: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        chains.setdefault(tuple(r["path"]), []).append(r)
    ordered = sorted(chains, key=lambda path: (_score(chains[path]), path))
    book = SourceBook(store)
    steps = []
    # each step names councils as they were named on the day asked, or else when its fact began
    named = names_as_begun(store, as_date(p.on) if p.on else None)
    if ordered:
        for r in sorted(chains[ordered[0]], key=lambda r: r["step"]):
            names = named(r)
            r = {**r, "from_name": names.text(r["from_name"]), "to_name": names.text(r["to_name"])}
            start_name, end_name = (r["from_name"], r["to_name"]) if r["forward"] else (r["to_name"], r["from_name"])
            # "from" and "to" are the step's two ends; the fact's own interval is valid_from / valid_to
            when = interval_text(r)
            when = {"valid_from": when.pop("from"), "valid_to": when.pop("to"), **when}
            steps.append({
                "step": r["step"], "from_id": r["from_id"], "from": r["from_name"], "from_kind": r["from_kind"],
                "relationship": r["relationship"], "forward": bool(r["forward"]),
                "to_id": r["to_id"], "to": r["to_name"], "to_kind": r["to_kind"],
                "fact": fact_text(r["relationship"], start_name, end_name, r), "fact_id": r["fact_id"],
                **when, "status": r["status"],
                "sources": book.cite(r["sources"], r["quotes"], r["accounts"]),
            })
    answer = {
        "a": _entity(ea), "b": _entity(eb), "period": p.as_dict(), "via": values["via"],
        "length": len(steps), "steps": steps,
        "alternatives": [list(path) for path in ordered[1:]],
    }
    answer["sources"] = book.resolve()
    for s in steps:
        s["sources"] = book.fill(s["sources"])
    return answer


def _score(rows: list[dict[str, Any]]) -> int:
    return sum(PREFERENCE.get(r["relationship"], 4) for r in rows)


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    return {"id": e["id"], "name": e["name"], "kind": e["kind"]}


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("step", "from_id", "from", "relationship", "forward", "to_id", "to", "fact", "fact_id", "status")
    return [{k: s.get(k) for k in keys} | {"valid_from": s.get("valid_from"), "valid_to": s.get("valid_to"),
                                           "sources": [x["id"] for x in s["sources"]]}
            for s in answer["steps"]]
