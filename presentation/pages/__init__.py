"""Pages: the interactive graph (`accountable viz`) and the one-page report (`accountable report`).

Both are single HTML files that open offline: the vis-network script pyvis ships is
inlined, nothing is fetched from any other host. They are built from the question
templates (queries/), never from the store directly:

- `graphdata`: the rows of `neighbourhood` / `whole_graph` as nodes and relationships
- `flags`: what is wrong on each date (vacant posts, contested facts, joint roles, outsourcing)
- `layout`: levels for the top-down picture of an accountability chain
- `style`: how kinds, capacities and flags look; the legend, from `schema.derive.legend()`
- `visjs`: the vis-network data (the records pyvis makes, written without importing it)
- `html`: Jinja2 templates, the offline check, writing the file
- `report`: the one-page report of a council
- `build`: both pages from a store, for the CLI and the Python API:

    from accountable.graph import open_store
    from accountable.presentation.pages import build_graph, build_report, write_page

    with open_store() as store:
        write_page(build_graph(store, "somerset", on="2014-11-15").html, "somerset.html")
        write_page(build_report(store, "somerset", on="2014-11-15").html, "somerset-report.html")
"""

from __future__ import annotations

from .build import Built
from .build import graph as build_graph
from .html import PageError, remote_resources, write_page
from .report import report as build_report

__all__ = ["Built", "PageError", "build_graph", "build_report", "remote_resources", "write_page"]
