"""The data a page hands to vis-network: its node and edge records, options, dates and flags.

The records are those pyvis's `Network.add_node` / `add_edge` make (a node's id, label and
shape with its style; an edge's ends with an arrow to its target), written here: importing
pyvis pulls in networkx, IPython and jsonpickle, about a second before a page can start. The
vis-network script and stylesheet pyvis ships are read from its folder, without importing it,
and inlined by `html`. pyvis's own page template is not used: it links Bootstrap from a CDN,
and these pages must open with no network at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .dated_names import name_epochs, name_records
from .flags import Epoch, Held, epochs
from .graphdata import Edge, GraphData, Node
from .layout import levels, radial
from .style import CAPACITY_STYLE, FLAG_STYLE, edge_style, human, node_style

LAYOUTS = ("auto", "hierarchical", "free")
MAX_FACTS = 12  # relationships listed in a node's tooltip before "and N more"
BIG = 1000  # nodes beyond which the layout trades polish for speed
LABEL_WIDTH = 160  # pixels (at zoom 1) a node's label may take before it wraps, in the top-down layout


def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis ships (its in_line resources), found without
    importing pyvis."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: it ships the vis-network script the pages inline")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _precision(value: str | None) -> str:
    if not value:
        return ""
    return {4: " (year)", 7: " (month)"}.get(len(value), "")


def when_text(w: dict[str, Any]) -> str:
    """An interval in words, each date with its precision: "from 2013 (year) to 2014-10 (month)"."""
    frm, to = w.get("from"), w.get("to")
    out = f"from {frm}{_precision(frm)}" if frm else "start unknown"
    if w.get("from_basis"):
        out += ", the date of the earliest source (no start stated)"
    if to:
        out += f" to {to}{_precision(to)}"
        if w.get("to_basis") == "succeeded":
            out += ", when the next holder started"
    elif w.get("last_confirmed"):
        out += f", continuing (last confirmed {w['last_confirmed']}{_precision(w['last_confirmed'])})"
    else:
        out += ", continuing"
    return out


def _label(n: Node, g: GraphData, org_of: dict[str, str]) -> str:
    name = n.name
    org = org_of.get(n.id)
    if n.kind == "Post" and org and org in g.nodes and name.endswith(", " + g.nodes[org].name):
        name = name[: -len(g.nodes[org].name) - 2]
    return name


def _row(e: Edge) -> dict[str, Any]:
    """What `describe.fact_text` reads from a relationship: its capacity, and its action in words."""
    return {"capacity": e.capacity, "action": "terminate" if e.kind == "APPOINTS" and e.detail == "terminate" else e.detail}


def _edge_title(e: Edge, g: GraphData) -> str:
    """The fact in words, as its kind reads (a termination is a termination, not an appointment)."""
    from ...queries.describe import fact_text

    a, b = g.nodes[e.source].name, g.nodes[e.target].name
    if e.kind in ("APPOINTS", "HOLDS", "DIRECTS", "ACCOUNTABLE_TO"):
        return fact_text(e.kind, a, b, _row(e))
    return f"{a} {human(e.kind)} {b}"


def edge_label(e: Edge) -> str:
    """The short label drawn on a relationship."""
    if e.kind == "APPOINTS" and e.detail == "terminate":
        return "ends appointment of"
    return human(e.kind) + (f" ({e.detail})" if e.detail else "")


def _node_info(n: Node, g: GraphData, incident: list[Edge]) -> dict[str, Any]:
    info: dict[str, Any] = {"kind": n.kind, "name": n.name, "id": n.id, "sources": n.sources}
    if n.description:
        info["description"] = n.description
    lines = []
    if n.post_kind:
        lines.append(f"post: {n.post_kind.replace('_', ' ')}")
    if n.extra.get("framework"):
        lines.append(f"framework: {n.extra['framework']}")
    if n.extra.get("published"):
        lines.append(f"published {n.extra['published']}{_precision(n.extra['published'])}")
    if n.extra.get("overall"):
        lines.append(f"overall effectiveness: {n.extra['overall']}")
    info["lines"] = lines
    facts = []
    for e in sorted(incident, key=lambda e: (e.valid_from or dt.date.min, e.id))[:MAX_FACTS]:
        other = g.nodes[e.target if e.source == n.id else e.source].name
        verb = human(e.kind) if e.source == n.id else f"{human(e.kind)} (from)"
        text = f"{verb} {other}" + (f" ({e.detail})" if e.detail else "")
        facts.append({"text": text, "when": when_text(e.when), "disputed": e.status == "disputed"})
    info["facts"] = facts
    info["more"] = max(0, len(incident) - MAX_FACTS)
    return info


def _edge_info(e: Edge, g: GraphData) -> dict[str, Any]:
    info: dict[str, Any] = {
        "kind": e.kind, "title": _edge_title(e, g), "when": when_text(e.when), "evidence": e.evidence, "id": e.id,
    }
    if e.detail:
        info["detail"] = e.detail
    if e.status == "disputed":
        info["disputed"] = True
    if e.note:
        info["note"] = e.note
    return info


def choose_layout(g: GraphData, layout: str = "auto") -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    if layout != "auto":
        return layout
    focus = g.focus_node
    return "hierarchical" if focus is not None and focus.kind == "Council" and len(g.nodes) <= BIG else "free"


def options(layout: str, size: int, placed: bool = False) -> dict[str, Any]:
    """vis-network options: top down for a chain; physics for a free layout, unless the nodes come placed."""
    base: dict[str, Any] = {
        "nodes": {"font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"},
                  "widthConstraint": {"maximum": 170}},
        "edges": {"font": {"size": 11, "align": "middle", "color": "#333333", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False,
                        "multiselect": False, "hideEdgesOnDrag": size > BIG},
    }
    if layout == "hierarchical":
        # Spacing wider than the widest label (widthConstraint) and taller than a label of four lines plus
        # its flag line: labels never overlap at any zoom, since fitting scales the whole drawing alike.
        base["nodes"]["widthConstraint"] = {"maximum": LABEL_WIDTH}
        base["edges"]["font"]["size"] = 10
        base["layout"] = {"hierarchical": {"enabled": True, "direction": "UD", "levelSeparation": 190, "nodeSpacing": LABEL_WIDTH + 60,
                                           "treeSpacing": LABEL_WIDTH + 90, "blockShifting": True, "edgeMinimization": True,
                                           "parentCentralization": True, "shakeTowards": "roots"}}
        base["physics"] = {"enabled": False}
        base["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.45}
    elif placed:
        base["layout"] = {"improvedLayout": False}
        base["physics"] = {"enabled": False}
        base["edges"]["smooth"] = {"enabled": False}
    else:
        base["layout"] = {"improvedLayout": True, "randomSeed": 7}
        base["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50, "fit": True},
        }
        base["edges"]["smooth"] = {"enabled": True, "type": "dynamic"}
    return base


def vis_node(node_id: str, label: str, style: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A vis-network node record, keys in pyvis's order: colour, the rest of the style and the extras,
    then id, label (the id when empty) and shape."""
    rest = {k: v for k, v in style.items() if k not in ("shape", "color")}
    return {"color": style.get("color", "#97c2fc"), **rest, **extra,
            "id": node_id, "label": label or node_id, "shape": style.get("shape", "dot")}


def _epoch(ep: Epoch) -> dict[str, Any]:
    """An epoch for the page: its first day, its flags, and the holdings whose dates alone misjudge
    them on its days (`maybe`: possibly begun, drawn faint; `kept`: still in force)."""
    held = ep.held or Held()
    return {"from": ep.start.isoformat(), "flags": [f.as_dict() for f in ep.flags],
            "maybe": list(held.maybe), "kept": list(held.kept)}


def page_data(g: GraphData, on: dt.date, layout: str = "auto", title: str = "") -> dict[str, Any]:
    """Everything the page's script needs: vis nodes and edges (as pyvis makes them), options, dates and flags."""
    layout = choose_layout(g, layout)
    lv = levels(g) if layout == "hierarchical" else {}
    fixed = radial(g) if layout == "free" and len(g.nodes) > BIG else {}
    org_of = {e.source: e.target for e in g.edges.values() if e.kind == "POST_IN"}
    incident: dict[str, list[Edge]] = {n: [] for n in g.nodes}
    for e in g.edges.values():
        incident[e.source].append(e)
        incident[e.target].append(e)

    nodes: list[dict[str, Any]] = []
    for n in g.nodes.values():
        style = node_style(n.kind)
        if n.id == g.focus:
            style["font"] = {**style["font"], "size": 18}
            style["borderWidth"] = 3
            style["size"] = 24
        extra: dict[str, Any] = {"kind": n.kind, "info": _node_info(n, g, incident[n.id])}
        if layout == "hierarchical":
            extra["level"] = lv[n.id]
        if fixed:
            extra["x"], extra["y"] = fixed[n.id]
        nodes.append(vis_node(n.id, _label(n, g, org_of), style, extra))
    edges: list[dict[str, Any]] = []
    parallel: dict[frozenset[str], int] = {}
    for e in g.edges.values():
        style = edge_style(e.kind, e.capacity)
        style["dashes"] = style["dashes"] or False  # vis-network: false, not [], for a solid line
        pair = frozenset((e.source, e.target))
        k = parallel[pair] = parallel.get(pair, -1) + 1
        if k:  # a second (third...) relationship between the same two: bend it away from the first
            style["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.18 * ((k + 1) // 2)}
        label = edge_label(e)
        edges.append({
            "id": e.id, "label": label, "kind": e.kind, "capacity": e.capacity,
            "valid_from": e.valid_from.isoformat() if e.valid_from else None,
            "valid_until": e.valid_until.isoformat() if e.valid_until else None,
            "disputed": e.status == "disputed", "info": _edge_info(e, g), **style,
            "from": e.source, "to": e.target, **({} if "arrows" in style else {"arrows": "to"}),
        })
    name_records(nodes, g.names, on)  # councils named as on the page's date, and on every other
    name_records(edges, g.names, on)
    lo, hi = g.span(on)
    return {
        "title": title,
        "focus": g.focus,
        "layout": layout,
        "start": on.isoformat(),
        "min": lo.isoformat(),
        "max": hi.isoformat(),
        "changes": [d.isoformat() for d in g.dates()],
        "nodes": nodes,
        "edges": edges,
        "options": options(layout, len(nodes), placed=bool(fixed)),
        "epochs": name_epochs([_epoch(ep) for ep in epochs(g)], g.names),
        "sources": g.sources,
        "flag_style": FLAG_STYLE,
        "capacities": {k: v["label"] for k, v in CAPACITY_STYLE.items()},
    }
