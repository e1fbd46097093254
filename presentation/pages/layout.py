"""Levels for the top-down picture of an accountability chain.

Each kind of relationship says which of its ends sits higher: a post above its
holder, an organisation above its posts, whoever is answered to above whoever
answers, an appointer or a director above what it appoints or directs. A node's
level is the length of the longest such chain above it, so the Secretary of State
is drawn at the top and the people who hold a council's posts at the bottom.
"""

from __future__ import annotations

import math

from .graphdata import GraphData

# kind -> "up" when the relationship runs from the lower node to the higher, "down" for the reverse,
# None when it says nothing about rank (neighbours, successors).
DIRECTION: dict[str, str | None] = {
    "HOLDS": "up",
    "POST_IN": "up",
    "ACCOUNTABLE_TO": "up",
    "APPOINTS": "down",
    "COMMISSIONS": "down",
    "DIRECTS": "down",
    "MEMBER_OF": "up",
    "OFFICER_OF": "up",
    "INSPECTS": "up",
    "CARRIED_OUT_BY": "up",
    "STAT_NEIGHBOUR": None,
    "SUCCEEDED_BY": None,
}


def levels(g: GraphData) -> dict[str, int]:
    """Level of every node: 0 at the top. Cycles (which the data may hold) are broken where found."""
    above: dict[str, set[str]] = {n: set() for n in g.nodes}
    for e in g.edges.values():
        d = DIRECTION.get(e.kind)
        if d == "up":
            above[e.source].add(e.target)
        elif d == "down":
            above[e.target].add(e.source)
    level: dict[str, int] = {}
    for root in sorted(g.nodes):
        if root in level:
            continue
        visiting = {root}
        stack = [(root, iter(sorted(above[root])))]
        while stack:  # depth first, without recursion: chains may be long
            n, parents = stack[-1]
            for p in parents:
                if p not in level and p not in visiting:  # in `visiting`: a cycle, the edge closing it is ignored
                    visiting.add(p)
                    stack.append((p, iter(sorted(above[p]))))
                    break
            else:
                stack.pop()
                visiting.discard(n)
                level[n] = max((level[p] + 1 for p in above[n] if p in level), default=0)
    return level


RING = 220  # pixels between rings of a radial layout
SPACING = 34  # pixels a node needs along its ring


def _radial_part(root: str, adj: dict[str, list[str]], seen: set[str]) -> tuple[dict[str, tuple[float, float]], float]:
    """One connected part as a radial tree around `root`: positions about (0, 0) and the outer radius."""
    seen.add(root)
    order, children, depth = [root], {root: []}, {root: 0}
    i = 0
    while i < len(order):  # breadth first: each node hangs from the first neighbour that reached it
        n = order[i]
        i += 1
        for m in adj[n]:
            if m not in seen:
                seen.add(m)
                depth[m] = depth[n] + 1
                children[n].append(m)
                children[m] = []
                order.append(m)
    leaves = {}
    for n in reversed(order):
        leaves[n] = max(1, sum(leaves[c] for c in children[n]))
    per_ring: dict[int, int] = {}
    for n in order:
        per_ring[depth[n]] = per_ring.get(depth[n], 0) + 1
    radius = [0.0]
    for d in range(1, max(per_ring) + 1):  # a ring far enough out for the nodes on it
        radius.append(max(radius[-1] + RING, per_ring[d] * SPACING / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    pos = {}
    for n in order:
        a0, a1 = wedge[n]
        angle, r = (a0 + a1) / 2, radius[depth[n]]
        pos[n] = (r * math.cos(angle), r * math.sin(angle))
        at = a0
        for c in children[n]:  # each branch a slice as wide as its leaves need
            width = (a1 - a0) * leaves[c] / leaves[n]
            wedge[c] = (at, at + width)
            at += width
    return pos, radius[-1]


def radial(g: GraphData) -> dict[str, tuple[float, float]]:
    """Positions for a large graph, in linear time: each connected part a radial tree around its focus
    or best-connected node, the parts in rows. Large pages use it instead of the browser's physics,
    which at thousands of nodes takes longer than a reader will wait."""
    adj: dict[str, list[str]] = {n: [] for n in g.nodes}
    for e in g.edges.values():
        adj[e.source].append(e.target)
        adj[e.target].append(e.source)
    for n in adj:
        adj[n] = sorted(set(adj[n]))
    seen: set[str] = set()
    parts = []
    for root in sorted(g.nodes, key=lambda n: (n != g.focus, -len(adj[n]), n)):
        if root not in seen:
            parts.append(_radial_part(root, adj, seen))
    out: dict[str, tuple[float, float]] = {}
    row_width = max([4000.0] + [2.2 * r for _, r in parts])
    x = y = row_height = 0.0
    for pos, r in parts:  # largest first, left to right, then the next row
        size = 2 * r + RING
        if x and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + size / 2 + px, 1), round(y + size / 2 + py, 1))
        x += size
        row_height = max(row_height, size)
    return out
