"""The one-page report of a council on a date: the `who` answer as a table with its flags, the graph
around the council, the timeline of each statutory post's holders, the latest inspection judgements,
and the numbered sources every part cites. Readable without its script, and printable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...queries import registry
from ...queries.answers import as_date, fuzzy, interval_text, text
from ...queries.who import who
from ...schema.model import STATUTORY_POSTS
from . import graphdata
from .html import render
from .style import FLAG_STYLE
from .visjs import page_data, when_text

GRAPH_DEPTH = 2
INSPECTIONS_SHOWN = 5


@dataclass
class Citations:
    """One numbering for the whole page: the `who` answer's sources first, as it numbers them."""

    sources: list[dict[str, Any]]
    number: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.number = {s["id"]: s["n"] for s in self.sources}

    def cite(self, ids: list[str] | None, quotes: list[str] | None = None) -> list[dict[str, Any]]:
        out = []
        for i, sid in enumerate(ids or []):
            if sid not in self.number:
                self.number[sid] = len(self.number) + 1
                self.sources.append({"n": self.number[sid], "id": sid})
            ref = {"n": self.number[sid], "id": sid}
            if quotes and i < len(quotes) and quotes[i]:
                ref["quote"] = quotes[i]
            if not any(r["n"] == ref["n"] for r in out):
                out.append(ref)
        return out

    def complete(self, store: Any) -> None:
        """Titles, publishers and dates of the sources cited beyond the `who` answer."""
        missing = [s["id"] for s in self.sources if "title" not in s]
        rows = {r["id"]: r for r in registry.run(store, "sources_by_id", {"ids": missing})} if missing else {}
        for s in self.sources:
            r = rows.get(s["id"])
            if r:
                s.update(title=r["title"], publisher=r["publisher"], author=r.get("author"), published=text(fuzzy(r, "published")),
                         kind=r.get("source_kind"), url=r.get("url"), licence=r.get("licence"))
        for s in self.sources:
            s.setdefault("title", s["id"])


def _titles(refs: list[dict[str, Any]], sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_n = {s["n"]: s for s in sources}
    return [{**r, "title": by_n.get(r["n"], {}).get("title") or r["id"]} for r in refs]


def _chain(answer: dict[str, Any]) -> list[dict[str, Any]]:
    names = {e["id"]: (e["post"] or e["organisation"]) for e in answer["chain"]}
    names[answer["council"]["id"]] = answer["council"]["name"]
    rows = []
    for e in answer["chain"]:
        if e["kind"] == "provider":
            what, org = f"{e['organisation']} (provider)", None
        elif e["post"]:
            what, org = e["post"], e["organisation"]
            if org and what.endswith(", " + org):
                what = what[: -len(org) - 2]
        else:
            what, org = e["organisation"], None
        when = ""
        if e.get("from") or e.get("to"):
            when = f"{e.get('from') or '?'} – {e.get('to') or ''}".strip()
            if e.get("to_basis") == "succeeded":
                when += " (succeeded)"
            if e.get("last_confirmed"):
                when += f" (last confirmed {e['last_confirmed']})"
        rows.append({
            "id": e["id"], "what": what, "organisation": org, "kind": e["kind"], "holder": e.get("holder"),
            "also": e.get("also", []), "capacity": e.get("capacity"), "when": when,
            "basis": (e.get("basis") or "").replace("_", " "),
            "answers_to": [names.get(a, a) for a in e.get("answers_to", [])],
            "sources": e["sources"], "quotes": [s for s in e["sources"] if s.get("quote")],
            # a holder no source names is said by its post and dates (no person page); a holding not
            # confirmed for a long time is shown as last known, as `who` prints it
            "unnamed": bool(e.get("unnamed")),
            "last_known": e["stale"]["message"] if e.get("last_known") and e.get("stale") else None,
        })
    return rows


def _year_start(d: dt.date) -> dt.date:
    return dt.date(d.year, 1, 1)


def _timelines(store: Any, g: graphdata.GraphData, council_id: str, on: dt.date, cite: Citations) -> dict[str, Any]:
    org_of = {e.source: e.target for e in g.edges.values() if e.kind == "POST_IN"}
    posts = {n.post_kind: n for n in g.nodes.values()
             if n.kind == "Post" and org_of.get(n.id) == council_id and n.post_kind in STATUTORY_POSTS}
    ids = [posts[k].id for k in STATUTORY_POSTS if k in posts]
    rows = registry.run(store, "holdings", {"posts": ids, "persons": []}) if ids else []
    days = [on]
    for r in rows:
        for key in ("valid_from", "valid_until"):
            if r.get(key) is not None:
                days.append(as_date(r[key]))  # type: ignore[arg-type]
        lc = fuzzy(r, "last_confirmed")
        if lc:
            days.append(lc.after)
    lo = _year_start(min(days)) if len(days) > 1 else dt.date(on.year - 5, 1, 1)
    hi = dt.date(max(days).year + 1, 1, 1)
    span = (hi - lo).days or 1

    def pos(d: dt.date) -> float:
        return round(100 * (d - lo).days / span, 3)

    step = 1 if hi.year - lo.year <= 14 else 5
    ticks = [{"left": pos(dt.date(y, 1, 1)), "label": str(y)} for y in range(lo.year, hi.year + 1) if (y - lo.year) % step == 0]
    out = []
    for kind in STATUTORY_POSTS:
        if kind not in posts:
            continue
        post = posts[kind]
        holdings = sorted((r for r in rows if r["post_id"] == post.id), key=lambda r: (as_date(r["valid_from"]) or dt.date.min, r["person"]))
        bars = []
        for r in holdings:
            start, until = as_date(r["valid_from"]), as_date(r["valid_until"])
            a, b = start or lo, until or hi
            w = interval_text(r)
            bars.append({
                "person": r["person"], "capacity": r["capacity"], "status": r["status"], "note": r.get("note"),
                "left": pos(a), "width": max(pos(b) - pos(a), 0.4), "open_start": start is None, "open_end": until is None,
                "when": when_text(w), "from": w.get("from") or "?", "to": w.get("to") or "",
                "last_confirmed": w.get("last_confirmed"), "to_basis": w.get("to_basis"),
                "sources": cite.cite(r["sources"], r["quotes"]),
                "held_on": start is not None and start <= on and (until is None or on < until),
            })
        name = post.name
        if name.endswith(", " + g.nodes[council_id].name):
            name = name[: -len(g.nodes[council_id].name) - 2]
        out.append({"kind": kind, "id": post.id, "name": name, "bars": bars})
    return {"posts": out, "ticks": ticks, "on_left": pos(on), "from": lo.isoformat(), "to": hi.isoformat()}


def _grade(value: str | None) -> dict[str, str] | None:
    return {"text": value, "css": value.replace(" ", "-")} if value else None


def _inspections(store: Any, council_id: str, on: dt.date, cite: Citations) -> dict[str, Any]:
    rows = registry.run(store, "inspections", {"council": council_id})
    shown, later = [], 0
    for r in rows:
        published = fuzzy(r, "published")
        if published is not None and published.first > on:
            later += 1
            continue
        start, end = fuzzy(r, "inspection_start"), fuzzy(r, "inspection_end")
        shown.append({
            "id": r["id"], "framework": r.get("framework"), "published": text(published),
            "inspected": " – ".join(x for x in (text(start), text(end)) if x) or None,
            "overall": _grade(r.get("overall")), "impact_of_leaders": _grade(r.get("impact_of_leaders")),
            "help_and_protection": _grade(r.get("help_and_protection")), "in_care": _grade(r.get("in_care")),
            "care_leavers": _grade(r.get("care_leavers")), "report_url": r.get("report_url"),
            "sources": cite.cite(r.get("sources")),
        })
    return {"rows": shown[:INSPECTIONS_SHOWN], "earlier": max(0, len(shown) - INSPECTIONS_SHOWN), "later": later}


def report(store: Any, council: str, on: dt.date | str | None = None, command: str = "", stale_years: Any = None) -> Any:
    from .build import Built, day, names_of_the_day

    when = day(on)
    answer = who(store, council, when, stale_years)
    cid = answer["council"]["id"]
    cite = Citations([dict(s) for s in answer["sources"]])
    flags = [{**f, "sources": f.get("sources", [])} for f in answer["flags"]]
    g = graphdata.neighbourhood(store, cid, GRAPH_DEPTH)
    names_of_the_day(g, store)
    g.stale_years = stale_years
    timelines = _timelines(store, g, cid, when, cite)
    inspections = _inspections(store, cid, when, cite)
    cite.complete(store)
    for t in timelines["posts"]:
        for b in t["bars"]:
            b["sources"] = _titles(b["sources"], cite.sources)
    for i in inspections["rows"]:
        i["sources"] = _titles(i["sources"], cite.sources)
    name = answer["council"]["name"]
    title = f"{name}: who is accountable for children's services on {dt.date.fromisoformat(answer['on']).day} {dt.date.fromisoformat(answer['on']).strftime('%B %Y')}"
    data = page_data(g, when, "auto", title)
    html = render(
        "report.html.j2", graph=data, report=True, title=title, council=answer["council"], on=answer["on"],
        chain=_chain(answer), flags=flags, timelines=timelines, inspections=inspections, sources=cite.sources,
        command=command, depth=GRAPH_DEPTH, flag_style=FLAG_STYLE,
    )
    return Built(html, title, len(g.nodes), len(g.edges), (data["min"], data["max"]), data["start"], data["layout"])
