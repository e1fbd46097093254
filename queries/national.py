"""The national picture on a date: every council that existed then, where it is, its latest
Ofsted judgement published by that date, its DCS (and whether interim, declared or not named),
services run by a trust and interventions in force; counted by region."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import registry
from .answers import LookupError_, SourceBook, active, as_date, fuzzy, holder_text, in_force, interval_text, stale_after, staleness, text
from .outsourced import commissions
from .who import CAPACITY_ORDER

# The columns of the CSV form: one row per council.
CSV_COLUMNS = ("id", "name", "region", "latitude", "longitude", "judgement", "published", "dcs", "dcs_capacity",
               "dcs_marker", "trusts", "interventions", "sources")
NOT_GRADED = "not graded"
NO_INSPECTION = "no inspection"
# The DCS column's marker: what is unusual about who holds the post on the date.
DCS_MARKERS = {
    "interim": "an interim or acting DCS",
    "declared": "no DCS appointed: someone declared they answer for the post",
    "unknown": "no source in the graph names the DCS on this date",
}


def _latest(inspections: list[dict[str, Any]], on: dt.date) -> dict[str, Any] | None:
    """The inspection most recently published by `on` (a publication known only to its month or
    year counts from its first day)."""
    done = [i for i in inspections if i and i.get("published") is not None and as_date(i["published"]) <= on]  # type: ignore[operator]
    return max(done, key=lambda i: (as_date(i["published"]), i["id"])) if done else None


def national(store: Any, on: dt.date | str | None = None, region: str | None = None) -> dict[str, Any]:
    """The answer to `report --national --on DATE` and the web app's national page, as plain data."""
    day = as_date(registry.Param("on", "date", "today").convert(on))
    assert day is not None
    years = stale_after(None)
    region = (region or "").strip()
    rows = registry.run(store, "national", {"region": region})
    if region and not rows:
        regions = sorted({r["region"] for r in registry.run(store, "national", {}) if r["region"]})
        raise LookupError_(f"no region {region!r}; the regions are: {', '.join(regions)}")
    existed = [r for r in rows if (r["established"] is None or as_date(r["established"]) <= day)
               and (r["abolished"] is None or day < as_date(r["abolished"]))]  # type: ignore[operator]
    ids = [r["id"] for r in existed]
    book = SourceBook(store)

    holdings = registry.run(store, "post_holdings", {"posts": [f"{i}/dcs" for i in ids]}) if ids else []
    by_post: dict[str, list[dict[str, Any]]] = {}
    for h in holdings:
        by_post.setdefault(h["post_id"], []).append(h)
    # in force as `who` takes it: a start known only to the month does not supersede within that month
    dcs = {post.rsplit("/", 1)[0]: now for post, hs in by_post.items() if (now := in_force(hs, day)[0])}
    trusts: dict[str, list[dict[str, Any]]] = {}
    for t in commissions(store, {"at": day.isoformat(), "council": "", "region": region or ""}):
        trusts.setdefault(t["council_id"], []).append(t)
    interventions: dict[str, list[dict[str, Any]]] = {}
    for x in registry.run(store, "interventions", {"from": day.isoformat(), "to": day.isoformat(), "region": region}):
        if active(x, day):
            interventions.setdefault(x["council_id"], []).append(x)

    councils = []
    for r in existed:
        latest = _latest(r["inspections"] or [], day)
        # as `who` ranks them: a holding not confirmed for a long time (shown as last known) after a current one
        old = {h["id"]: staleness(h, day, years) for h in dcs.get(r["id"], [])}
        now = sorted(dcs.get(r["id"], []), key=lambda h: (old[h["id"]] is not None,
                                                         CAPACITY_ORDER.index(h["capacity"]) if h["capacity"] in CAPACITY_ORDER else 99))
        holder = now[0] if now else None
        marker = None
        if holder is None:
            marker = "unknown"
        elif holder["capacity"] in ("interim", "acting"):
            marker = "interim"
        elif holder["capacity"] == "declared":
            marker = "declared"
        judgement = (latest["overall"] or NOT_GRADED) if latest else NO_INSPECTION
        councils.append({
            "id": r["id"], "name": r["short_name"] or r["name"], "official_name": r["name"], "region": r["region"],
            "la_code": r["la_code"], "council_type": r["council_type"],
            "latitude": r["latitude"], "longitude": r["longitude"],
            "judgement": judgement,
            "inspection": latest and {"id": latest["id"], "framework": latest.get("framework"),
                                      "published": text(fuzzy(latest, "published")),
                                      "sources": book.cite(latest.get("sources"))},
            # an unnamed holder is said as `who` says it ("not named; in post since ..."); a stale one as last known
            "dcs": holder and {"id": holder["person_id"], "name": holder_text(holder), "capacity": holder["capacity"],
                               **interval_text(holder), "unnamed": bool(holder.get("unnamed")),
                               "last_known": old[holder["id"]]["message"] if old[holder["id"]] else None,
                               "sources": book.cite(holder["sources"], holder["quotes"])},
            "dcs_marker": marker,
            "trusts": [{"id": t["provider_id"], "name": t["provider"], "services": t["services"] or [],
                        "sources": book.cite(t["sources"], t["quotes"])} for t in trusts.get(r["id"], [])],
            "interventions": [{"by": x["by"], "action": x["action"], **interval_text(x),
                               "sources": book.cite(x["sources"], x["quotes"])} for x in interventions.get(r["id"], [])],
        })
    by_region: dict[str, dict[str, Any]] = {}
    for c in councils:
        g = by_region.setdefault(c["region"] or "(no region)", {"region": c["region"] or "(no region)", "councils": 0,
                                                                 "judgements": {}, "interim_or_unnamed_dcs": 0,
                                                                 "trusts": 0, "interventions": 0})
        g["councils"] += 1
        g["judgements"][c["judgement"]] = g["judgements"].get(c["judgement"], 0) + 1
        g["interim_or_unnamed_dcs"] += c["dcs_marker"] is not None
        g["trusts"] += bool(c["trusts"])
        g["interventions"] += bool(c["interventions"])
    answer: dict[str, Any] = {
        "on": day.isoformat(), "region": region or None, "count": len(councils),
        "not_yet_or_no_longer": len(rows) - len(existed),
        "located": sum(1 for c in councils if c["latitude"] is not None and c["longitude"] is not None),
        "councils": councils,
        "regions": sorted(by_region.values(), key=lambda g: g["region"]),
        "totals": {
            "judgements": {k: sum(1 for c in councils if c["judgement"] == k) for k in sorted({c["judgement"] for c in councils})},
            "interim_or_unnamed_dcs": sum(1 for c in councils if c["dcs_marker"]),
            "trusts": sum(1 for c in councils if c["trusts"]),
            "interventions": sum(1 for c in councils if c["interventions"]),
        },
    }
    answer["sources"] = book.resolve()
    for c in councils:
        for part in ([c["inspection"]] if c["inspection"] else []) + ([c["dcs"]] if c["dcs"] else []) + c["trusts"] + c["interventions"]:
            part["sources"] = book.fill(part["sources"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in answer["councils"]:
        cited = [s["id"] for part in ([c["inspection"]] if c["inspection"] else []) + ([c["dcs"]] if c["dcs"] else [])
                 + c["trusts"] + c["interventions"] for s in part["sources"]]
        out.append({
            "id": c["id"], "name": c["name"], "region": c["region"], "latitude": c["latitude"], "longitude": c["longitude"],
            "judgement": c["judgement"], "published": c["inspection"]["published"] if c["inspection"] else None,
            "dcs": c["dcs"]["name"] if c["dcs"] else None, "dcs_capacity": c["dcs"]["capacity"] if c["dcs"] else None,
            "dcs_marker": c["dcs_marker"], "trusts": [t["name"] for t in c["trusts"]],
            "interventions": [x["action"] for x in c["interventions"]], "sources": list(dict.fromkeys(cited)),
        })
    return out
