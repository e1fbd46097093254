"""The graph a page draws: nodes and relationships over all dates, from the question templates.

Rows come from `neighbourhood` (an entity and what lies within N steps) or
`whole_graph`; both give one row per node and outgoing relationship. Sources are
fetched once with `sources_by_id`. Nothing here talks to the store except through
`queries.registry`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...queries import registry
from ...queries.answers import LookupError_, as_date, find_council, fuzzy, interval_text, text

MAX_DEPTH = 4  # the neighbourhood template walks at most four steps


@dataclass
class Node:
    id: str
    kind: str
    name: str
    post_kind: str | None = None
    description: str | None = None
    distance: int | None = None
    sources: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # inspection: framework, published, overall


@dataclass
class Edge:
    id: str
    kind: str
    source: str
    target: str
    capacity: str | None = None
    detail: str | None = None  # basis, action, role or services, in words
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    when: dict[str, Any] = field(default_factory=dict)  # from / to as the sources give them (interval_text)
    status: str | None = None
    note: str | None = None
    until_basis: str | None = None
    evidence: list[dict[str, str]] = field(default_factory=list)  # source, quote, account

    def active(self, day: dt.date) -> bool:
        """Holds on a day: begun (a known start) and not yet ended, as `who` counts it."""
        return self.valid_from is not None and self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


@dataclass
class GraphData:
    nodes: dict[str, Node]
    edges: dict[str, Edge]
    focus: str | None = None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    depth: int | None = None

    @property
    def focus_node(self) -> Node | None:
        return self.nodes.get(self.focus) if self.focus else None

    def dates(self) -> list[dt.date]:
        """Every day on which something begins or ends, in order."""
        out = set()
        for e in self.edges.values():
            for d in (e.valid_from, e.valid_until):
                if d is not None:
                    out.add(d)
        for n in self.nodes.values():
            if n.extra.get("published_day"):
                out.add(n.extra["published_day"])
        return sorted(out)

    def span(self, on: dt.date | None = None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        """From the earliest fact to the latest, stretched to include `on`, and today while any fact
        is still open (as `who` counts it, an open-ended fact holds until today)."""
        days = self.dates() + ([on] if on else [])
        if any(e.valid_from is not None and e.valid_until is None for e in self.edges.values()):
            days.append(today or dt.date.today())
        if not days:
            today = on or dt.date.today()
            return today, today
        return min(days), max(days)


def _detail(row: dict[str, Any]) -> str | None:
    if row.get("services"):
        return ", ".join(row["services"])
    for key in ("capacity", "basis", "action", "role"):
        if row.get(key):
            return str(row[key]).replace("_", " ")
    return None


def from_rows(rows: list[dict[str, Any]]) -> tuple[dict[str, Node], dict[str, Edge]]:
    """Neighbourhood-shaped rows as nodes and relationships (relationships to nodes outside the rows dropped)."""
    nodes: dict[str, Node] = {}
    edges: dict[str, Edge] = {}
    for r in rows:
        if r["id"] not in nodes:
            published = fuzzy(r, "published")
            extra = {k: r[k] for k in ("framework", "overall") if r.get(k)}
            if published:
                extra["published"] = str(published)
                extra["published_precision"] = published.precision
                extra["published_day"] = published.first
            nodes[r["id"]] = Node(
                id=r["id"], kind=r["kind"], name=r["name"] or r["id"], post_kind=r.get("post_kind"),
                description=r.get("description"), distance=r.get("distance"),
                sources=list(r.get("node_sources") or []), extra=extra,
            )
        if r.get("rel_id") is None or r["rel_id"] in edges:
            continue
        sources, quotes, accounts = r.get("sources") or [], r.get("quotes") or [], r.get("accounts") or []
        evidence = []
        for i, sid in enumerate(sources):
            ev = {"source": sid}
            if i < len(quotes) and quotes[i]:
                ev["quote"] = quotes[i]
            if i < len(accounts) and accounts[i]:
                ev["account"] = accounts[i]
            evidence.append(ev)
        edges[r["rel_id"]] = Edge(
            id=r["rel_id"], kind=r["rel_kind"], source=r["id"], target=r["to_id"],
            capacity=r.get("capacity"), detail=_detail(r),
            valid_from=as_date(r.get("valid_from")), valid_until=as_date(r.get("valid_until")),
            when=interval_text(r), status=r.get("status"), note=r.get("note"), until_basis=r.get("until_basis"),
            evidence=evidence,
        )
    edges = {k: e for k, e in edges.items() if e.source in nodes and e.target in nodes}
    return nodes, edges


def resolve(store: Any, entity: str) -> dict[str, Any]:
    """An entity by its id, or a council by its name, alias or code. Raises LookupError_ with what to try."""
    q = entity.strip()
    rows = registry.run(store, "neighbourhood", {"entity": q, "depth": 0})
    if rows:
        return {"id": rows[0]["id"], "kind": rows[0]["kind"], "name": rows[0]["name"]}
    try:
        c = find_council(store, q)
    except LookupError_ as e:
        if e.candidates:
            raise
        raise LookupError_(
            f"no entity has the id {entity!r}, and no council's name, alias or code matches it; "
            "ids look like somerset, somerset/dcs or peter-lewis (`accountable query whole_graph` lists them)"
        ) from None
    return {"id": c["id"], "kind": "Council", "name": c["name"]}


def sources_of(store: Any, nodes: dict[str, Node], edges: dict[str, Edge]) -> dict[str, dict[str, Any]]:
    ids = sorted({s for n in nodes.values() for s in n.sources} | {ev["source"] for e in edges.values() for ev in e.evidence})
    out: dict[str, dict[str, Any]] = {}
    for r in registry.run(store, "sources_by_id", {"ids": ids}) if ids else []:
        out[r["id"]] = {
            "title": r["title"], "publisher": r["publisher"], "author": r.get("author"),
            "published": text(fuzzy(r, "published")), "kind": r.get("source_kind"), "url": r.get("url"),
        }
    return out


def neighbourhood(store: Any, entity: str, depth: int = 2) -> GraphData:
    """What lies within `depth` steps of an entity (an id, or a council's name or code)."""
    if not 0 <= depth <= MAX_DEPTH:
        raise registry.TemplateError(f"--depth must be between 0 and {MAX_DEPTH}, not {depth}")
    found = resolve(store, entity)
    nodes, edges = from_rows(registry.run(store, "neighbourhood", {"entity": found["id"], "depth": depth}))
    return GraphData(nodes, edges, focus=found["id"], sources=sources_of(store, nodes, edges), depth=depth)


def whole(store: Any) -> GraphData:
    nodes, edges = from_rows(registry.run(store, "whole_graph"))
    return GraphData(nodes, edges, focus=None, sources=sources_of(store, nodes, edges))
