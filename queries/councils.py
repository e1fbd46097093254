"""Councils with their latest Ofsted judgement and their DCS on a date; a council's inspections over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schema.model import VOCABULARIES
from . import registry
from .answers import SourceBook, as_date, existed_on, find_council, future_warning, fuzzy, holder_text, in_force, interval_text, renames_on, stale_after, staleness, text
from .suggest import check_region
from .who import CAPACITY_ORDER

UNGRADED = "ungraded"
JUDGEMENTS = (*VOCABULARIES["grade"], UNGRADED)


def judgement_word(value: str | None) -> str:
    """`inadequate`, `Requires-Improvement`, `requires_improvement`, `ri` -> the grade as stored; `ungraded`."""
    if not value:
        return ""
    t = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    t = {"ri": "requires improvement", "requires improvement to be good": "requires improvement", "none": UNGRADED}.get(t, t)
    if t not in JUDGEMENTS:
        raise registry.TemplateError(f"--judgement {value!r} is not one of: {', '.join(JUDGEMENTS)}")
    return t


def councils(store: Any, region: str | None = None, judgement: str | None = None, on: dt.date | str | None = None,
             stale_years: Any = None) -> dict[str, Any]:
    """`accountable councils`: each council that existed on the date, its most recent inspection in
    the graph and its overall grade (never an older one), and its DCS on the date where a source names them."""
    j = judgement_word(judgement)
    at = as_date(registry.Param("on", "date", "today").convert(on))
    assert at is not None
    years = stale_after(stale_years)
    check_region(store, region)
    rows = [r for r in registry.run(store, "councils", {"region": region or "", "judgement": j, "at": at.isoformat()}) if existed_on(r, at)]
    ungraded_elsewhere: list[dict[str, Any]] = []
    if j and j != UNGRADED:
        ungraded_elsewhere = [r for r in registry.run(store, "councils", {"region": region or "", "judgement": UNGRADED, "at": at.isoformat()})
                              if existed_on(r, at)]

    posts = [f"{r['id']}/dcs" for r in rows]
    holdings = registry.run(store, "holdings", {"posts": posts, "persons": []}) if posts else []
    by_post: dict[str, list[dict[str, Any]]] = {}
    for h in holdings:
        by_post.setdefault(h["post_id"], []).append(h)
    # in force as `who` takes it: a start known only to the month does not supersede within that month
    by_post = {post: in_force(hs, at)[0] for post, hs in by_post.items()}
    out = []
    for r in rows:
        now = sorted(by_post.get(f"{r['id']}/dcs", []),
                     key=lambda h: (staleness(h, at, years) is not None,
                                    CAPACITY_ORDER.index(h["capacity"]) if h["capacity"] in CAPACITY_ORDER else 99))
        published = fuzzy(r, "published")
        row = {
            "id": r["id"], "name": r["name"], "la_code": r["la_code"], "gss_code": r["gss_code"],
            "council_type": r["council_type"], "region": r["region"],
            "inspection_id": r["inspection_id"], "framework": r["framework"], "published": text(published),
            "overall": r["overall"], "ungraded": bool(r["ungraded"]),
            "judgement": r["overall"] or (UNGRADED if r["ungraded"] else None),
            "inspection_sources": r["inspection_sources"] or [],
            "dcs": [{"name": holder_text(h) if h.get("unnamed") else h["person"], "id": h["person_id"], "capacity": h["capacity"],
                     "unnamed": bool(h.get("unnamed")), **interval_text(h), "sources": h["sources"],
                     **({"stale": staleness(h, at, years), "last_known": True} if staleness(h, at, years) else {})} for h in now],
            "note": None,
        }
        if r["ungraded"]:
            row["note"] = f"ungraded: its latest inspection (published {text(published)}) has no overall grade"
        elif not r["inspection_id"]:
            row["note"] = "no inspection in the graph"
        out.append(row)
    names = renames_on(store, at)  # each council as it was named on the date
    names.rows(out, ("name",))
    names.rows(ungraded_elsewhere, ("name",))
    return {
        "on": at.isoformat(), "region": region or None, "judgement": j or None, "count": len(out), "rows": out,
        "stale_after": years, "warnings": [w["message"] for w in [future_warning(at)] if w],
        "ungraded_not_counted": [{"id": u["id"], "name": u["name"], "published": text(fuzzy(u, "published"))} for u in ungraded_elsewhere],
    }


def inspections(store: Any, council: str) -> dict[str, Any]:
    """`accountable inspections COUNCIL`: the council's judgements over time, each with its sources."""
    c = find_council(store, council)
    rows = registry.run(store, "inspections", {"council": c["id"]})
    book = SourceBook(store)
    refs = [book.cite(r["sources"]) for r in rows]
    sources = book.resolve()
    items = []
    for r, ref in zip(rows, refs):
        items.append({**r, "sources": r["sources"] or [], "cited": [x["n"] for x in ref],
                      "start": text(fuzzy(r, "inspection_start")), "end": text(fuzzy(r, "inspection_end")),
                      "published_text": text(fuzzy(r, "published"))})
    return {"council": {k: c.get(k) for k in ("id", "name", "la_code", "gss_code", "region")}, "inspections": items, "sources": sources}
