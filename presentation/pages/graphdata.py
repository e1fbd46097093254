"""The graph a page draws: nodes and relationships over all dates, from the question templates.

Rows come from `neighbourhood` (an entity and what lies within N steps) or
`whole_graph`; both give one row per node and outgoing relationship. Sources are
fetched once with `sources_by_id`. Nothing here talks to the store except through
`queries.registry`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...queries import registry
from ...queries.by_kind import ENTITY_KINDS, param_name
from ...queries.answers import LookupError_, as_date, find_council, fuzzy, interval_text, text

MAX_DEPTH = 4  # the neighbourhood template walks at most four steps
# At most this many nodes are drawn: beyond it a picture is a hairball. A larger neighbourhood
# (a national body's: the Secretary of State answers for every council) is drawn nearest first,
# and the page says what it leaves out, by kind.
MAX_DRAWN = 400


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
    last_confirmed: dt.date | None = None  # the last day the latest source confirming an open-ended fact speaks for
    valid_from_precision: str | None = None  # day, month or year: a start known to the month may be any day of it

    def active(self, day: dt.date) -> bool:
        """Holds on a day: begun (a known start) and not yet ended, as `who` counts it."""
        return self.valid_from is not None and self.valid_from <= day and (self.valid_until is None or day < self.valid_until)

    def as_row(self) -> dict[str, Any]:
        """The fields the answers' holding rules read (queries/answers.py `in_force`)."""
        return {"id": self.id, "valid_from": self.valid_from, "valid_from_precision": self.valid_from_precision,
                "valid_until": self.valid_until, "until_basis": self.until_basis}


@dataclass
class Summary:
    """What lies within the depth asked, when it is more than a page draws legibly."""

    total: int  # entities within the depth, the focus included
    drawn: int  # the nearest of them, drawn
    by_kind: dict[str, int]  # every entity within the depth, by kind
    not_drawn: dict[str, int]  # those not drawn, by kind
    by_distance: dict[int, int]  # every entity within the depth, by steps from the focus
    drawn_to: int  # the drawn entities are all within this many steps (those at it may be some of them)

    def sentence(self) -> str:
        left = ", ".join(f"{n:,} {kind_words(k, n)}" for k, n in sorted(self.not_drawn.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"{self.total:,} entities lie within the depth asked; the {self.drawn:,} nearest are drawn "
                f"(within {self.drawn_to} step{'s' if self.drawn_to != 1 else ''}). Not drawn: {left}.")


def kind_words(kind: str, n: int) -> str:
    """A node kind in words, plural when n is not 1 ("inspections", "people")."""
    words = {"Person": ("person", "people"), "Inspection": ("inspection", "inspections"), "Post": ("post", "posts"),
             "Council": ("council", "councils"), "Trust": ("trust", "trusts"), "Department": ("department", "departments"),
             "Inspectorate": ("inspectorate", "inspectorates"), "Association": ("association", "associations")}
    one, many = words.get(kind, (kind.lower(), kind.lower() + "s"))
    return one if n == 1 else many


@dataclass
class GraphData:
    nodes: dict[str, Node]
    edges: dict[str, Edge]
    focus: str | None = None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    depth: int | None = None
    stale_years: float | None = None  # None: the setting (ACCOUNTABLE_STALE_AFTER) or 2 years
    summary: Summary | None = None  # set when not everything within the depth is drawn
    # present council names -> the names of a day (queries/answers.py NamesByDay); None: names as stored
    names: Any = None

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
    ids = {r["id"] for r in rows}
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
        if r.get("rel_id") is None or r["rel_id"] in edges or r["to_id"] not in ids:
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
            valid_from_precision=r.get("valid_from_precision"),
            when=interval_text(r), status=r.get("status"), note=r.get("note"), until_basis=r.get("until_basis"),
            evidence=evidence, last_confirmed=(lc.last if (lc := fuzzy(r, "last_confirmed")) and r.get("valid_to") is None
                                               and r.get("until_basis") != "stated" else None),
        )
    return nodes, edges


def resolve(store: Any, entity: str) -> dict[str, Any]:
    """An entity by its id, or a council by its name, alias or code. Raises LookupError_ with what to try."""
    q = entity.strip()
    for kind, key in BY_KIND.items():  # by each kind's key in turn, councils first
        rows = registry.run(store, f"subgraph_{key}", {key: [q], "to_ids": []})
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


# Walks end at (do not pass through) these: they link every council (as the neighbourhood template says).
NATIONAL_KINDS = frozenset({"Department", "Inspectorate", "Association"})
NATIONAL_POSTS = frozenset({"secretary_of_state", "minister", "chief_inspector"})
# The parameter of the `neighbours_*` and `subgraph_*` templates of each kind (councils, persons, ...): each
# kind has its own templates, whose ids are looked up by that kind's key, and only the kinds asked are run.
BY_KIND = {kind: param_name(kind) for kind in ENTITY_KINDS}
# From this many ids of one kind on, a step reads the relationship tables once (`neighbours_*_scan`) rather
# than looking each id up (about 0.6 ms an id on the 1M-fact graph, against about 0.3 s for the scan).
SCAN_FROM = 400


def run_by_kind(store: Any, template: str, ids: list[str], kinds: dict[str, str], scan_from: int | None = None,
                **params: Any) -> list[dict[str, Any]]:
    """The rows of one template of each kind (`neighbours_councils`, ...) for the ids of that kind (with
    `params` besides), kinds in the model's order, each id list in the order given; kinds with no ids are
    not asked."""
    rows: list[dict[str, Any]] = []
    for key, some in ids_by_kind(ids, kinds).items():
        if some:
            scan = "_scan" if scan_from is not None and len(some) >= scan_from else ""
            rows += registry.run(store, f"{template}_{key}{scan}", {key: some, **params})
    return rows


def ids_by_kind(ids: list[str], kinds: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {key: [] for key in BY_KIND.values()}
    for i in ids:
        out[BY_KIND[kinds[i]]].append(i)
    return out


def national(kind: str | None, post_kind: str | None) -> bool:
    """A national body or office: walks end at it (it links every council)."""
    return kind in NATIONAL_KINDS or post_kind in NATIONAL_POSTS


def walk(store: Any, start: str, kind: str, depth: int) -> tuple[dict[str, int], dict[str, str]]:
    """Every entity within `depth` steps of `start`, with its distance and kind, by the neighbourhood
    template's rule (paths end at national bodies and offices, never along statistical-neighbour
    links): one step at a time with the `neighbours_*` templates, each from the entities just reached, no further
    than asked."""
    distance: dict[str, int] = {start: 0}
    kinds: dict[str, str] = {start: kind}
    frontier = [start]
    for step in range(1, depth + 1):
        if not frontier:
            break
        reached: list[str] = []
        for r in run_by_kind(store, "neighbours", frontier, kinds, SCAN_FROM):
            n = r["neighbour"]
            if n in distance:
                continue
            distance[n] = step
            kinds[n] = r["kind"]
            if step < depth and not national(r["kind"], r.get("post_kind")):  # the last step's are not walked from
                reached.append(n)
        frontier = reached
    return distance, kinds


def neighbourhood(store: Any, entity: str, depth: int = 2, most: int = MAX_DRAWN) -> GraphData:
    """What lies within `depth` steps of an entity (an id, or a council's name or code). At most
    `most` entities are drawn, the nearest first; when more lie within the depth, `summary` counts
    them by kind."""
    if not 0 <= depth <= MAX_DEPTH:
        raise registry.TemplateError(f"--depth must be between 0 and {MAX_DEPTH}, not {depth}")
    found = resolve(store, entity)
    distance, kinds = walk(store, found["id"], found["kind"], depth)
    layers: dict[int, list[str]] = {}
    for n, d in distance.items():
        layers.setdefault(d, []).append(n)
    # nearest first; at one distance by kind, then id (only the layers drawn from are sorted: a national
    # body's second step holds a hundred thousand entities, of which none is drawn)
    drawn: list[str] = []
    left: list[list[str]] = []  # those not drawn, by distance
    for d in sorted(layers):
        if len(drawn) < most:
            layer = sorted(layers[d], key=lambda n: (kinds[n], n))
            room = most - len(drawn)
            drawn += layer[:room]
            left.append(layer[room:])
        else:
            left.append(layers[d])
    nodes, edges = from_rows(run_by_kind(store, "subgraph", drawn, kinds, to_ids=drawn))
    for n in nodes.values():
        n.distance = distance[n.id]
    summary = None
    if len(distance) > len(drawn):
        by_distance = {d: len(layers[d]) for d in sorted(layers)}
        summary = Summary(len(distance), len(drawn), _count_kinds([layers[d] for d in sorted(layers)], kinds),
                          _count_kinds(left, kinds), by_distance, distance[drawn[-1]])
    return GraphData(nodes, edges, focus=found["id"], sources=sources_of(store, nodes, edges), depth=depth, summary=summary)


def _count_kinds(groups: list[list[str]], kinds: dict[str, str]) -> dict[str, int]:
    """Entities by kind, the kinds in the order they first come (groups nearest first, kinds by name in each)."""
    out: dict[str, int] = {}
    for group in groups:
        counts = Counter(map(kinds.__getitem__, group))
        for k in sorted(counts):
            out[k] = out.get(k, 0) + counts[k]
    return out


def whole(store: Any) -> GraphData:
    nodes, edges = from_rows(registry.run(store, "whole_graph"))
    return GraphData(nodes, edges, focus=None, sources=sources_of(store, nodes, edges))
