"""A council's chain of accountability on a date, walked from its DCS post: the rows the
`who_is_accountable` template gives, found from each step's own lines (`post_lines`,
`council_lines`) rather than by the engine's variable-length walk, which reads every line and
post of the nation on a national graph. The lines are read at every date and kept
(queries/kept.py), so that the national steps (each department's Secretary of State) are read once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import kept, registry
from .answers import active

# As far as `who_is_accountable` walks (ACCOUNTABLE_TO*0..8).
MOST_STEPS = 8

# What each kind of step is asked with; a department answers to no one (ACCOUNTABLE_TO starts at a
# post, a council or a trust), so it is known from the line that reaches it.
_ASKED = {"Post": ("post_lines", "posts"), "Council": ("council_lines", "councils")}

_COLUMNS = ("depth", "id", "kind", "name", "post_kind", "organisation", "up_to", "basis", "line_status", "sources", "quotes")


def walk(store: Any, council: str, on: dt.date) -> list[dict[str, Any]]:
    """The council's chain on the date, one row per step and line up (as `who_is_accountable`):
    none when its DCS post did not exist on the date."""
    posts = registry.run(store, "council_posts", {"council": council})
    starts = [p["post_id"] for p in posts if p["post_kind"] == "dcs" and active(p, on)]
    if not starts:
        return []
    # the council's own posts and the council itself are where its chain begins: asked at once
    known = {**kept.by_id(store, "post_lines", "posts", [p["post_id"] for p in posts], "id"),
             **kept.by_id(store, "council_lines", "councils", [council], "id")}
    depth: dict[str, int] = dict.fromkeys(starts, 0)
    kind: dict[str, str] = dict.fromkeys(starts, "Post")
    reached_by: dict[str, dict[str, Any]] = {}
    frontier, level = list(starts), 0
    while frontier:
        for k, (template, param) in _ASKED.items():
            ask = [i for i in frontier if kind[i] == k and i not in known]
            if ask:
                known.update(kept.by_id(store, template, param, ask, "id"))
        following: list[str] = []
        for x in frontier:
            for line in _lines(known.get(x, []), on):
                y = line["up_to"]
                if level < MOST_STEPS and y not in depth:
                    depth[y], kind[y], reached_by[y] = level + 1, line["up_kind"], line
                    following.append(y)
        frontier, level = following, level + 1
    rows: list[dict[str, Any]] = []
    for x, d in depth.items():
        if kind[x] in _ASKED:
            rows += _rows(x, d, known.get(x, []), on)
        else:
            line = reached_by[x]
            rows.append({**dict.fromkeys(_COLUMNS), "depth": d, "id": x, "kind": line["up_kind"], "name": line["up_name"]})
    rows.sort(key=lambda r: (r["depth"], r["id"], r["up_to"] is None, r["up_to"] or ""))
    return rows


def _lines(found: list[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """A step's rows whose line up is in force on the date."""
    return [r for r in found if r["up_to"] is not None and active(r, on)]


def _rows(x: str, depth: int, found: list[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """A post's or council's rows of the chain: one per line up in force (and organisation), or one
    per organisation with no line when none is in force."""
    lines = _lines(found, on)
    if not lines:
        lines = [{**r, "up_to": None, "basis": None, "line_status": None, "sources": None, "quotes": None}
                 for r in {r.get("organisation"): r for r in found}.values()]
    return [{**dict.fromkeys(_COLUMNS), **{c: r.get(c) for c in _COLUMNS}, "depth": depth, "id": x} for r in lines]
