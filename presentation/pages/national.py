"""The national picture on a date as a page: every council as a point on an SVG map drawn here
from its latitude and longitude (no tiles, nothing fetched), coloured by its latest judgement on
the date, with markers for an interim or unnamed DCS, a trust and an intervention in force; a
sortable table of the same councils; counts by region. One file, readable without its script."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .html import render

WIDTH, HEIGHT, PAD = 560.0, 680.0, 24.0
RADIUS = 6.5
# Judgement -> fill colour (a diverging scale; the legend says which is which).
JUDGEMENT_COLOURS = {
    "outstanding": "#1a9850",
    "good": "#91cf60",
    "requires improvement": "#fdae61",
    "inadequate": "#d73027",
    "not graded": "#bdbdbd",
    "no inspection": "#ffffff",
}
JUDGEMENT_ORDER = tuple(JUDGEMENT_COLOURS)
LONDON = "London"


def project(points: list[tuple[float, float]], width: float, height: float, pad: float) -> Callable[[float, float], tuple[float, float]]:
    """An equirectangular projection (longitude shrunk by the cosine of the middle latitude) that fits the
    points into the box, north up."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    k = math.cos(math.radians((lat0 + lat1) / 2))
    w = max((lon1 - lon0) * k, 1e-6)
    h = max(lat1 - lat0, 1e-6)
    scale = min((width - 2 * pad) / w, (height - 2 * pad) / h)
    ox = (width - w * scale) / 2
    oy = (height - h * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(ox + (lon - lon0) * k * scale, 1), round(oy + (lat1 - lat) * scale, 1)

    return xy


def _dot(c: dict[str, Any], x: float, y: float, href: str, r: float = RADIUS) -> dict[str, Any]:
    tip = [c["name"], f"latest judgement: {c['judgement']}" + (f" (published {c['inspection']['published']})" if c.get("inspection") else "")]
    if c["dcs"]:
        tip.append(f"DCS: {c['dcs']['name']} ({c['dcs']['capacity']})")
    else:
        tip.append("DCS: no source names the holder on this date")
    tip += [f"services run by {t['name']}" for t in c["trusts"]]
    tip += [f"intervention: {x['action'].replace('_', ' ')} by {x['by']}" for x in c["interventions"]]
    return {"id": c["id"], "x": x, "y": y, "r": r, "href": href, "fill": JUDGEMENT_COLOURS.get(c["judgement"], "#ffffff"),
            "judgement": c["judgement"], "marker": c["dcs_marker"], "trust": bool(c["trusts"]),
            "intervention": bool(c["interventions"]), "tip": "\n".join(tip)}


def map_data(answer: dict[str, Any], link: Callable[[str], str]) -> dict[str, Any]:
    """Points for the map and, when London's boroughs are located, an enlarged inset for them."""
    located = [c for c in answer["councils"] if c["latitude"] is not None and c["longitude"] is not None]
    if not located:
        return {"dots": [], "inset": None, "width": WIDTH, "height": HEIGHT}
    xy = project([(c["latitude"], c["longitude"]) for c in located], WIDTH, HEIGHT, PAD)
    dots = [_dot(c, *xy(c["latitude"], c["longitude"]), link(c["id"])) for c in located]
    inset = None
    london = [c for c in located if c["region"] == LONDON]
    if len(london) >= 3 and len(london) < len(located):
        size = 190.0
        lxy = project([(c["latitude"], c["longitude"]) for c in london], size, size, 14)
        inset = {"x": 8.0, "y": HEIGHT - size - 8, "size": size,
                 "dots": [_dot(c, *lxy(c["latitude"], c["longitude"]), link(c["id"]), r=5.5) for c in london]}
        box = [xy(c["latitude"], c["longitude"]) for c in london]
        inset["from"] = {"x": min(b[0] for b in box) - 4, "y": min(b[1] for b in box) - 4,
                         "w": max(b[0] for b in box) - min(b[0] for b in box) + 8, "h": max(b[1] for b in box) - min(b[1] for b in box) + 8}
    return {"dots": dots, "inset": inset, "width": WIDTH, "height": HEIGHT}


def offline_link(council_id: str) -> str:
    return f"#council-{council_id}"


def national_context(answer: dict[str, Any], command: str = "", link: Callable[[str], str] = offline_link,
                     web: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the national template needs, for the offline file (links to the table's rows) or the web
    app (`link` to council pages, `web` for its navigation)."""
    from markupsafe import Markup

    from .html import inline, static

    title = f"England's children's services on {answer['on']}" + (f": {answer['region']}" if answer["region"] else "")
    return dict(
        graph=None, title=title, answer=answer, map=map_data(answer, link), link=link,
        colours=JUDGEMENT_COLOURS, order=JUDGEMENT_ORDER, command=command, web=web,
        national_js=Markup(inline(static("national.js"), "script")),
    )


def national_page(answer: dict[str, Any], command: str = "") -> str:
    """The offline page of `report --national`."""
    return render("national.html.j2", **national_context(answer, command))
