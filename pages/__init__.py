"""Pages: the interactive graph (`accountable viz`) and the one-page report (`accountable report`).

Both are single HTML files that open offline: the vis-network script pyvis ships is
inlined, nothing is fetched from any other host. They are built from the question
templates (queries/), never from the store directly:

- `graphdata`: the rows of `neighbourhood` / `whole_graph` as nodes and relationships
- `flags`: what is wrong on each date (vacant posts, contested facts, joint roles, outsourcing)
- `layout`: levels for the top-down picture of an accountability chain
- `style`: how kinds, capacities and flags look; the legend, from `schema.derive.legend()`
- `visjs`: the vis-network data, built with pyvis (imported only here)
- `html`: Jinja2 templates, the offline check, writing the file
- `report`: the one-page report of a council
"""

from __future__ import annotations

from .html import PageError, write_page

__all__ = ["PageError", "write_page"]
