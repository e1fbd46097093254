"""The two pages, from a store through the question templates: what the CLI and the Python API call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...queries import registry
from ...queries.answers import as_date, renamer_by_day
from . import graphdata
from .html import graph_page
from .visjs import LAYOUTS, page_data


@dataclass
class Built:
    html: str
    title: str
    nodes: int
    relationships: int
    span: tuple[str, str]
    start: str
    layout: str

    def summary(self) -> str:
        return (f"{self.nodes} nodes and {self.relationships} relationships, dates {self.span[0]} to {self.span[1]}, "
                f"shown on {self.start} ({self.layout} layout)")


def day(on: dt.date | str | None) -> dt.date:
    """--on as a day (today when not given); a bad date is a TemplateError naming it."""
    value = registry.Param("on", "date", "today").convert(on)
    d = as_date(value)
    assert d is not None
    return d


def check_graph_args(entity: str | None, on: dt.date | str | None, depth: int, everything: bool, layout: str) -> dt.date:
    """Every parameter of a graph page checked before anything opens; TemplateError names the bad one."""
    if everything and entity:
        raise registry.TemplateError("give an entity or --all, not both")
    if not everything and not (entity or "").strip():
        raise registry.TemplateError("name an entity (a council, person, post, trust...) or give --all for the whole graph")
    if not 0 <= depth <= graphdata.MAX_DEPTH:
        raise registry.TemplateError(f"--depth must be between 0 and {graphdata.MAX_DEPTH}, not {depth}")
    if layout not in LAYOUTS:
        raise registry.TemplateError(f"--layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    return day(on)


def names_of_the_day(g: Any, store: Any) -> None:
    """Councils, and the posts named after them, as they were named on each day: the page opens on
    the names of its start and its date control renames them (a renamed council's earlier name
    before its renaming). The graph keeps the present names; `g.names` gives those of a day."""
    g.names = renamer_by_day(store)


def graph(store: Any, entity: str | None = None, on: dt.date | str | None = None, depth: int = 2,
          everything: bool = False, layout: str = "auto", command: str = "", stale_years: Any = None) -> Built:
    """The interactive graph of an entity's neighbourhood (or of everything), as a page."""
    when = check_graph_args(entity, on, depth, everything, layout)
    if everything:
        g = graphdata.whole(store)
        names_of_the_day(g, store)
        title = "The whole accountability graph"
        subtitle = "every entity and relationship in the graph"
    else:
        g = graphdata.neighbourhood(store, entity or "", depth)
        names_of_the_day(g, store)
        focus = g.focus_node
        assert focus is not None
        name = g.names(when).text(focus.name)
        title = f"{name}: lines of accountability" if focus.kind == "Council" else f"{name}: neighbourhood"
        subtitle = f"{focus.kind.lower()} {focus.id}, and what lies within {depth} step{'s' if depth != 1 else ''}"
        if g.summary is not None:  # too many to draw legibly: the nearest are drawn, the rest counted
            subtitle += ". " + g.summary.sentence()
    g.stale_years = stale_years
    data = page_data(g, when, layout, title)
    html = graph_page(data, title, subtitle, command)
    return Built(html, title, len(g.nodes), len(g.edges), (data["min"], data["max"]), data["start"], data["layout"])
