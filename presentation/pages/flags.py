"""What is wrong, date by date: the flags a page shows as its date control moves.

The rules are those of the `who` answer (queries/who.py), applied to every
statutory post and relationship in the picture rather than to one council's chain:

- vacant: a statutory post whose last holder left (a stated end) and no one holds
  it since, or which only a declared holder answers for;
- contested: a relationship in force whose sources disagree, or the disputed
  departure of a vacant post's last holder;
- joint_role: one person holding two statutory posts at once (declarations aside);
- outsourced: a council commissioning services from a provider;
- under_intervention: a minister or department directing a council or provider;
- interim / acting / declared / ambiguous: notes on who holds a post;
- possibly_begun: a holding whose start the sources give only to the month (or year) of the day,
  which superseded one still in force until then: the earlier holder is shown, as `who` does;
- stale: an open-ended holding or intervention no source has confirmed for longer than the
  threshold (ACCOUNTABLE_STALE_AFTER, default 2 years) before the day: shown as last known, and
  it raises no interim or acting flag of its own.

The flags change only on the days something begins or ends, so they are
computed once per such day (an epoch) and the page picks the epoch of its date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...queries.answers import fresh_from, fuzzy, in_force, misjudged, stale_after
from ...queries.who import CAPACITY_ORDER
from ...schema.model import STATUTORY_POST_KINDS
from .graphdata import Edge, GraphData


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str
    nodes: tuple[str, ...] = ()
    edges: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "nodes": list(self.nodes), "edges": list(self.edges)}


@dataclass
class Epoch:
    start: dt.date
    flags: list[Flag] = field(default_factory=list)
    held: "Held | None" = None  # holdings the plain dates misjudge on these days


@dataclass(frozen=True)
class Held:
    """Holdings whose dates alone would say otherwise than who's rule (queries/answers.py `in_force`)
    on a day: `maybe`, begun by their dates but only possibly begun (a start known to the month, on a
    day within it, that superseded a holding); `kept`, ended by their dates but still in force (the
    holding such a start superseded)."""

    maybe: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()


def _rank(e: Edge) -> int:
    return CAPACITY_ORDER.index(e.capacity) if e.capacity in CAPACITY_ORDER else 99


def _accounts(e: Edge) -> str:
    accounts = [ev["account"] for ev in e.evidence if ev.get("account")]
    return "; ".join(dict.fromkeys(accounts)) if accounts else (e.note or "see its sources")


class _Index:
    """The graph's relationships grouped the way the rules need them."""

    def __init__(self, g: GraphData):
        self.g = g
        self.holdings: dict[str, list[Edge]] = {}
        self.by_person: dict[str, list[Edge]] = {}
        self.others: list[Edge] = []
        for e in g.edges.values():
            if e.kind == "HOLDS":
                self.holdings.setdefault(e.target, []).append(e)
                self.by_person.setdefault(e.source, []).append(e)
            elif e.kind in ("COMMISSIONS", "DIRECTS") or e.status == "disputed":
                self.others.append(e)
        self.statutory = [
            n for n in g.nodes.values() if n.kind == "Post" and n.post_kind in STATUTORY_POST_KINDS and n.id in self.holdings
        ]
        statutory = {n.id for n in self.statutory}
        # only someone with holdings of two statutory posts can ever hold both at once
        self.joint_candidates = {
            p: [h for h in hs if h.target in statutory and h.capacity != "declared"] for p, hs in self.by_person.items()
        }
        self.joint_candidates = {p: hs for p, hs in self.joint_candidates.items() if len({h.target for h in hs}) > 1}
        self.disputed_holdings = [e for hs in self.holdings.values() for e in hs if e.status == "disputed"]
        # the rule for starts known only to the month or year concerns a post only within such a
        # start's period (its first day up to, not including, its last)
        self.month_starts: dict[str, tuple[list[Edge], list[tuple[dt.date, dt.date]]]] = {}
        for p, hs in self.holdings.items():
            spans = [(start.first, start.last) for h in hs if h.valid_from_precision not in (None, "day")
                     and (start := fuzzy(h.as_row(), "valid_from"))]
            if spans:
                self.month_starts[p] = (hs, spans)

    def name(self, node_id: str) -> str:
        n = self.g.nodes.get(node_id)
        return n.name if n else node_id


def _stale(e: Edge, day: dt.date, years: float) -> bool:
    return e.last_confirmed is not None and e.last_confirmed < fresh_from(day, years)


def _fact(e: Edge, ix: _Index) -> str:
    """The fact in words, as its kind reads: "Somerset County Council ends the appointment of Peter Lewis"."""
    from ...queries.describe import fact_text

    action = "terminate" if e.kind == "APPOINTS" and e.detail == "terminate" else e.detail
    return fact_text(e.kind, ix.name(e.source), ix.name(e.target), {"capacity": e.capacity, "action": action})


def _noun(e: Edge) -> str:
    """What kind of fact it is, in a word."""
    if e.kind == "APPOINTS":
        return "termination" if e.detail == "terminate" else "appointment"
    return {"DIRECTS": "intervention", "COMMISSIONS": "commissioning", "ACCOUNTABLE_TO": "line of accountability",
            "HOLDS": "holding", "MEMBER_OF": "membership", "OFFICER_OF": "office"}.get(e.kind, "fact")


def flags_at(g: GraphData, day: dt.date, index: _Index | None = None) -> list[Flag]:
    ix = index or _Index(g)
    years = stale_after(g.stale_years)
    out: list[Flag] = []
    seen_contested: set[str] = set()

    def contested(e: Edge, why: str) -> None:
        if e.id in seen_contested:
            return
        seen_contested.add(e.id)
        out.append(Flag("contested", f"{why}: {_accounts(e)}", (), (e.id,)))  # the relationship is marked, not its ends

    for post in ix.statutory:
        hs = ix.holdings[post.id]
        in_now, maybe = in_force([h.as_row() for h in hs], day)  # a start known only to the month: who's rule
        ids = {r["id"] for r in in_now}
        now = sorted((h for h in hs if h.id in ids), key=lambda h: (_stale(h, day, years), _rank(h)))
        for r in maybe:
            h = next(x for x in hs if x.id == r["id"])
            out.append(Flag("possibly_begun", f"{post.name}: {ix.name(h.source)} ({h.capacity}) may not yet have begun: "
                            f"the sources date the start only to {h.when.get('from')}", (post.id,), (h.id,)))
        ended = sorted((h for h in hs if h.valid_until is not None and h.valid_until <= day), key=lambda h: h.valid_until)  # type: ignore[arg-type,return-value]
        if now and _stale(now[0], day, years):
            first = now[0]
            out.append(Flag("stale", f"{post.name}: {ix.name(first.source)} last confirmed {first.last_confirmed}, more than "
                            f"{years:g} years before {day}: shown as last known, not as current", (post.id,), (first.id,)))
        elif now:
            first = now[0]
            who = ix.name(first.source)
            if first.capacity == "declared":
                out.append(Flag("vacant", f"{post.name}: no one is appointed to the post", (post.id,), (first.id,)))
                out.append(Flag("declared", f"{post.name}: {who} has declared they are accountable for it", (post.id, first.source), (first.id,)))
                if ended and ended[-1].status == "disputed":
                    contested(ended[-1], f"sources disagree about {ix.name(ended[-1].source)} leaving {post.name}")
            elif first.capacity in ("interim", "acting"):
                out.append(Flag(first.capacity, f"{post.name}: {who} holds the post as {first.capacity}", (post.id, first.source), (first.id,)))
            fresh = [h for h in now if not _stale(h, day, years)]
            unnamed = [h for h in fresh if ix.g.nodes.get(h.source) is not None and ix.g.nodes[h.source].id.startswith(post.id + "/unnamed-")]
            if len(fresh) > 1 and not (len(unnamed) == 1 and len(fresh) == 2):
                names = "; ".join(f"{ix.name(h.source)}, {h.capacity}" for h in fresh)
                out.append(Flag("ambiguous", f"{post.name}: the sources put {len(fresh)} holders in post on this date ({names})",
                                (post.id,), tuple(h.id for h in fresh)))
        elif ended and ended[-1].until_basis == "stated":
            last = ended[-1]
            out.append(Flag("vacant", f"{post.name}: no holder known since {ix.name(last.source)} left ({last.when.get('to')})",
                            (post.id,), (last.id,)))
            if last.status == "disputed":
                contested(last, f"sources disagree about {ix.name(last.source)} leaving {post.name}")

    for person, hs in ix.joint_candidates.items():
        held = [h for h in hs if h.active(day)]
        if len({h.target for h in held}) > 1:
            posts = " and ".join(ix.name(h.target) for h in held)
            out.append(Flag("joint_role", f"{ix.name(person)} holds both {posts}", (person, *(h.target for h in held)), tuple(h.id for h in held)))

    for e in ix.disputed_holdings:
        if e.active(day):
            contested(e, f"sources disagree about {ix.name(e.source)} as {ix.name(e.target)}")
    for e in ix.others:
        if not e.active(day):
            continue
        if e.kind == "COMMISSIONS":
            out.append(Flag("outsourced", f"{ix.name(e.source)} commissions {e.detail or 'services'} from {ix.name(e.target)}; "
                            "the council remains accountable", (e.source, e.target), (e.id,)))
        elif e.kind == "DIRECTS":
            out.append(Flag("under_intervention", f"{ix.name(e.target)}: {ix.name(e.source)}, {e.detail or 'direction'} (since {e.when.get('from')})",
                            (e.target,), (e.id,)))  # the council is under intervention, not the minister
            if _stale(e, day, years):
                out.append(Flag("stale", f"{ix.name(e.target)}: {ix.name(e.source)}, {e.detail or 'direction'} last confirmed "
                                f"{e.last_confirmed}, more than {years:g} years before {day}: shown as last known", (e.target,), (e.id,)))
        if e.status == "disputed":
            contested(e, f"sources disagree about this {_noun(e)} ({_fact(e, ix)})")
    return out


def held_at(g: GraphData, day: dt.date, index: _Index | None = None) -> Held:
    """The holdings of every post in the picture that are in force, or not, on a day otherwise than
    their dates alone say, by who's rule (`in_force`, through `misjudged`)."""
    ix = index or _Index(g)
    maybe: list[str] = []
    kept: list[str] = []
    for hs, spans in ix.month_starts.values():
        if not any(first <= day < last for first, last in spans):
            continue
        m, k = misjudged([h.as_row() for h in hs], day)
        maybe += m
        kept += k
    return Held(tuple(sorted(maybe)), tuple(sorted(kept)))


def epochs(g: GraphData) -> list[Epoch]:
    """The flags from each day something changes until the next such day (identical neighbours merged)."""
    ix = _Index(g)
    out: list[Epoch] = []
    years = stale_after(g.stale_years)
    # the day each open-ended fact turns stale is a day its flags change
    turns = {e.last_confirmed + dt.timedelta(days=round(years * 365.25) + 1)
             for e in g.edges.values() if e.last_confirmed is not None}
    # and the last day of a start known only to the month or year, from which it is taken to have happened
    turns |= {start.last for e in g.edges.values()
              if (start := fuzzy({"valid_from": e.valid_from, "valid_from_precision": e.valid_from_precision}, "valid_from"))}
    for day in sorted(set(g.dates()) | turns):
        flags, held = flags_at(g, day, ix), held_at(g, day, ix)
        if out and out[-1].flags == flags and out[-1].held == held:
            continue
        out.append(Epoch(day, flags, held))
    return out
