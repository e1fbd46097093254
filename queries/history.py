"""Who has held a council's statutory post over time, and how many people held it in a period."""

from __future__ import annotations

from typing import Any

from . import registry
from ..schema.council_names import name_on
from .answers import SourceBook, as_date, find_council, holder_text, interval_text
from .periods import Period, period

TEMPLATE = "post_history"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "council_id", "post_id", "person_id", "person", "capacity", "from", "to", "to_basis",
    "last_confirmed", "status", "note", "sources", "quotes"
)
APPOINTED = ("substantive", "joint", "interim", "acting", "unknown")
TEMPORARY = ("interim", "acting")


def check(council: str, post: str = "dcs", start: Any = None, end: Any = None) -> tuple[Period, dict[str, Any]]:
    """The checked period and template parameters (the council is looked up later)."""
    p = period(start, end)
    values = {"council": council, "post": post, **p.params()}
    registry.get(TEMPLATE).bind(values)
    return p, values


def history(store: Any, council: str, post: str = "dcs", start: Any = None, end: Any = None) -> dict[str, Any]:
    """The answer to `accountable history COUNCIL --post P --from A --to B`, as plain data."""
    p, values = check(council, post, start, end)
    c = find_council(store, council)
    rows = registry.run(store, TEMPLATE, {**values, "council": c["id"]})
    rows.sort(key=_order)
    book = SourceBook(store)
    holdings = []
    for r in rows:
        holdings.append({
            "person_id": r["person_id"], "person": r["person"], "capacity": r["capacity"],
            **interval_text(r),
            "status": r["status"], "note": r["note"],
            "sources": book.cite(r["sources"], r["quotes"], r["accounts"], r),
            "id": r["id"], "unnamed": bool(r.get("unnamed")), "_row": r,
            # the council's official name when the holding began (a renamed council's earlier name)
            "council_name": name_on(c["name"], c.get("former_names"), c.get("former_names_until"), as_date(r.get("valid_from"))),
        })
    people = {h["person_id"] for h in holdings if h["capacity"] in APPOINTED}
    answer = {
        "council": {"id": c["id"], "name": c["name"],
                    "former_names": [{"name": n, "until": u} for n, u in zip(c.get("former_names") or [], c.get("former_names_until") or [])]},
        "post": {"id": rows[0]["post_id"] if rows else f"{c['id']}/{post}",
                 "name": rows[0]["post_name"] if rows else None, "kind": post},
        "period": p.as_dict(),
        "holders": len(people),
        "substantive": len({h["person_id"] for h in holdings if h["capacity"] in ("substantive", "joint")}),
        "temporary": len({h["person_id"] for h in holdings if h["capacity"] in TEMPORARY}),
        "declared": len({h["person_id"] for h in holdings if h["capacity"] == "declared"}),
        "holdings": holdings,
    }
    answer["sources"] = book.resolve()
    for h in holdings:
        h["sources"] = book.fill(h["sources"])
        r = h.pop("_row")
        if h["unnamed"]:
            h["confirmed_by"] = book.confirmed_by(h["sources"])
            h["person"] = holder_text({**r, "confirmed_by": h["confirmed_by"]})
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per holding (CSV)."""
    return [
        {"council_id": answer["council"]["id"], "post_id": answer["post"]["id"], "person_id": h["person_id"],
         "person": h["person"], "capacity": h["capacity"], "from": h.get("from"), "to": h.get("to"),
         "to_basis": h.get("to_basis"), "last_confirmed": h.get("last_confirmed"), "status": h["status"],
         "note": h["note"], "sources": [s["id"] for s in h["sources"]], "quotes": [s.get("quote", "") for s in h["sources"]]}
        for h in answer["holdings"]
    ]


def _order(r: dict[str, Any]) -> tuple:
    """By start; a holding whose start no source gives sits at its end."""
    key = r["valid_from"] or r["valid_until"]
    return (key is None, str(key or ""), r["person"] or "")
