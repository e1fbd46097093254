"""Councils ranked by how many people held a statutory post in a period."""

from __future__ import annotations

from typing import Any

from . import registry
from .suggest import check_region
from .answers import SourceBook, names_as_begun
from .periods import Period, period

TEMPLATE = "churn"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "rank", "council_id", "council", "region", "post_id", "holders", "substantive", "temporary",
    "declared", "holdings", "sources"
)


def check(post: str = "dcs", start: Any = None, end: Any = None, region: str | None = None,
          limit: int = 0) -> tuple[Period, dict[str, Any]]:
    p = period(start, end)
    values = {"post": post, "region": (region or "").strip(), **p.params()}
    registry.get(TEMPLATE).bind(values)
    if limit < 0:
        raise registry.TemplateError(f"parameter 'limit': {limit} is below 0 (0 shows every council)")
    return p, values


def churn(store: Any, post: str = "dcs", start: Any = None, end: Any = None, region: str | None = None,
          limit: int = 0) -> dict[str, Any]:
    """The answer to `accountable churn --post P --from A --to B`, as plain data."""
    p, values = check(post, start, end, region, limit)
    check_region(store, region)
    rows = registry.run(store, TEMPLATE, values)
    book = SourceBook(store)
    councils: list[dict[str, Any]] = []
    names = names_as_begun(store, p.last_day())({})  # councils named as on the period's last day
    rank, previous = 0, None
    for i, r in enumerate(rows, start=1):
        if r["holders"] != previous:  # ties share a rank (1, 2, 2, 4)
            rank, previous = i, r["holders"]
        if limit and rank > limit:
            break
        ids = sorted({sid for group in r["sources"] or [] for sid in group or []})
        councils.append({
            "rank": rank, "council_id": r["council_id"], "council": names.text(r["council"]), "region": r["region"],
            "post_id": r["post_id"], "holders": r["holders"], "substantive": r["substantive"],
            "temporary": r["temporary"], "declared": r["declared"], "holdings": r["holdings"],
            "sources": book.cite(ids),
        })
    answer = {"post": post, "period": p.as_dict(), "region": values["region"] or None, "councils": councils}
    answer["sources"] = book.resolve()
    for c in councils:
        c["sources"] = book.fill(c["sources"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k != "sources"} | {"sources": [s["id"] for s in c["sources"]]}
            for c in answer["councils"]]
