"""How the pictures look: kinds (colours and shapes from schema/), holding capacities and flags.

The legend is built from `schema.derive.legend()`, so a kind added to the model
appears in every legend without anyone typing it; only what the model does not
say (how a capacity or a flag is drawn) is decided here.
"""

from __future__ import annotations

from typing import Any

from ...schema.derive import legend as schema_legend
from ...schema.model import NODE_BY_NAME, REL_BY_NAME

# Dash patterns in pixels, as vis-network and SVG's stroke-dasharray both take them.
SOLID: list[int] = []
DASHED = [6, 6]

# How a HOLDS relationship is drawn, by capacity: substantive holdings solid and heavy,
# the rest broken so that an interim, acting or declared holder is seen at once.
CAPACITY_STYLE: dict[str, dict[str, Any]] = {
    "substantive": {"dashes": SOLID, "width": 3.5, "label": "substantive (appointed)"},
    "joint": {"dashes": SOLID, "width": 6, "label": "joint (one person for two posts)"},
    "interim": {"dashes": [10, 6], "width": 2.5, "label": "interim"},
    "acting": {"dashes": [2, 5], "width": 2.5, "label": "acting"},
    "declared": {"dashes": [12, 4, 2, 4], "width": 2.5, "label": "declared (not appointed)"},
    "unknown": {"dashes": [1, 4], "width": 1.5, "label": "capacity not said (a report says someone holds it)"},
}

# Flags: problems (red) and notes (amber). `tag` is added to the label of what is flagged.
FLAG_STYLE: dict[str, dict[str, str]] = {
    "vacant": {"color": "#d62728", "tag": "VACANT", "label": "vacant post", "severity": "problem"},
    "contested": {"color": "#d62728", "tag": "CONTESTED", "label": "sources disagree", "severity": "problem"},
    "joint_role": {"color": "#e6550d", "tag": "JOINT ROLE", "label": "one person in two statutory posts", "severity": "problem"},
    "outsourced": {"color": "#9467bd", "tag": "OUTSOURCED", "label": "services run by a provider", "severity": "problem"},
    "under_intervention": {"color": "#d62728", "tag": "INTERVENTION", "label": "under ministerial intervention", "severity": "problem"},
    "declared": {"color": "#e6a700", "tag": "DECLARED", "label": "accountability declared, not appointed", "severity": "note"},
    "interim": {"color": "#e6a700", "tag": "INTERIM", "label": "interim holder", "severity": "note"},
    "acting": {"color": "#e6a700", "tag": "ACTING", "label": "acting holder", "severity": "note"},
    "ambiguous": {"color": "#e6a700", "tag": "SEVERAL HOLDERS", "label": "sources put several holders in post", "severity": "note"},
    "stale": {"color": "#7f7f7f", "tag": "STALE", "label": "last known: not confirmed lately", "severity": "note"},
    "unjoined": {"color": "#e6a700", "tag": "NAMED AND UNNAMED", "label": "a named holder and one a report does not name", "severity": "note"},
    "future": {"color": "#7f7f7f", "tag": "AFTER TODAY", "label": "a date after today: what is known today", "severity": "note"},
    "unknown_holder": {"color": "#e6a700", "tag": "HOLDER UNKNOWN", "label": "no source names the holder (report only)", "severity": "note"},
    "possibly_begun": {"color": "#e6a700", "tag": "POSSIBLY BEGUN", "label": "a holding dated only to a month or year that may have begun", "severity": "note"},
    "not_existing": {"color": "#7f7f7f", "tag": "NOT IN EXISTENCE", "label": "the council did not exist on this date", "severity": "note"},
    "post_not_existing": {"color": "#7f7f7f", "tag": "NO SUCH POST YET", "label": "the post did not exist on this date", "severity": "note"},
    "no_childrens_minister": {"color": "#7f7f7f", "tag": "NO CHILDREN'S MINISTER", "label": "no children's minister is recorded on this date", "severity": "note"},
}

# Shapes whose label vis-network draws inside the shape (white text reads on the colour).
LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}


def dashes(value: bool | list[int]) -> list[int]:
    if value is True:
        return DASHED
    return list(value) if value else SOLID


def darker(colour: str, factor: float = 0.7) -> str:
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02x}{:02x}{:02x}".format(*(int(x * factor) for x in (r, g, b)))


def human(kind: str) -> str:
    """HOLDS -> holds, ACCOUNTABLE_TO -> accountable to."""
    return kind.replace("_", " ").lower()


def node_style(kind: str) -> dict[str, Any]:
    k = NODE_BY_NAME.get(kind)
    colour = k.color if k else "#999999"
    shape = k.shape if k else "dot"
    inside = shape in LABEL_INSIDE
    return {
        "shape": shape,
        "color": {"background": colour, "border": darker(colour),
                  "highlight": {"background": colour, "border": "#000000"},
                  "hover": {"background": colour, "border": "#000000"}},
        "font": {"color": "#ffffff" if inside else "#222222", "size": 14},
        "size": 16,
        "borderWidth": 1,
    }


def edge_style(kind: str, capacity: str | None = None) -> dict[str, Any]:
    r = REL_BY_NAME.get(kind)
    colour = r.color if r else "#888888"
    style: dict[str, Any] = {"color": colour, "dashes": dashes(r.dashes if r else False), "width": 1.5}
    if kind == "HOLDS" and capacity in CAPACITY_STYLE:
        cs = CAPACITY_STYLE[capacity]
        style.update(dashes=list(cs["dashes"]), width=cs["width"])
    return style


def legend() -> dict[str, Any]:
    """The schema's legend, with how capacities and flags are drawn here."""
    base = schema_legend()
    return {
        "nodes": [{**n, "inside": n["shape"] in LABEL_INSIDE} for n in base["nodes"] if n["kind"] != "Source"],
        "relationships": [{**r, "human": human(r["kind"]), "dasharray": " ".join(map(str, dashes(r["dashes"])))}
                          for r in base["relationships"]],
        "capacities": [
            {"capacity": c, "label": CAPACITY_STYLE.get(c, {}).get("label", c),
             "dasharray": " ".join(map(str, CAPACITY_STYLE.get(c, {}).get("dashes", SOLID))),
             "width": CAPACITY_STYLE.get(c, {}).get("width", 2), "color": REL_BY_NAME["HOLDS"].color}
            for c in base["capacities"]
        ],
        "flags": [{"kind": k, **v} for k, v in FLAG_STYLE.items()],
    }
