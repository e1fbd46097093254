"""Ministerial directions, advisers, commissioners and reviews, with dates and sources."""

from __future__ import annotations

from typing import Any

from . import registry
from .suggest import check_region
from .answers import SourceBook, find_council, interval_text, names_as_begun
from .describe import ACTIONS
from .periods import Period, period

TEMPLATE = "interventions"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "council_id", "council", "by_id", "by", "by_holders", "action", "from", "to", "status", "note",
    "sources", "quotes"
)


def check(start: Any = None, end: Any = None, region: str | None = None) -> tuple[Period, dict[str, Any]]:
    p = period(start, end)
    values = {"region": (region or "").strip(), **p.params()}
    registry.get(TEMPLATE).bind(values)
    return p, values


def interventions(store: Any, council: str | None = None, start: Any = None, end: Any = None,
                  region: str | None = None) -> dict[str, Any]:
    """The answer to `accountable interventions [COUNCIL] [--from A --to B] [--region R]`, as plain data."""
    p, values = check(start, end, region)
    check_region(store, region)
    c = find_council(store, council) if council else None
    if c:
        values["council"] = c["id"]
    rows = registry.run(store, TEMPLATE, values)
    book = SourceBook(store)
    out = []
    named = names_as_begun(store)  # each intervention names its council as it was named when it began
    for r in rows:
        names = named(r)
        out.append({
            "council_id": r["council_id"], "council": names.text(r["council"]), "by_id": r["by_id"], "by": r["by"],
            "by_holders": list(r["by_holders"] or []), "action": r["action"],
            "action_text": ACTIONS.get(r["action"], r["action"]), **interval_text(r),
            "status": r["status"], "note": names.text(r["note"]), "id": r["id"],
            "sources": book.cite(r["sources"], r["quotes"]),
        })
    answer = {"council": c and {"id": c["id"], "name": c["name"]}, "period": p.as_dict(),
              "region": values["region"] or None, "interventions": out}
    answer["sources"] = book.resolve()
    for x in out:
        x["sources"] = book.fill(x["sources"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("council_id", "council", "by_id", "by", "by_holders", "action", "from", "to", "status", "note")
    return [{k: x.get(k) for k in keys} | {"sources": [s["id"] for s in x["sources"]],
                                           "quotes": [s.get("quote", "") for s in x["sources"]]}
            for x in answer["interventions"]]
