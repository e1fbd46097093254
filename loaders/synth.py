"""Synthetic national history: realistic fact files at any size, the same bytes for the same seed.

Every name is generated (places from syllables, people from a list of first names and
invented surnames), every id starts with `synth-` and every source links to example.org,
so synthetic facts can never be mistaken for a real public record. The shape follows the
real one: councils with their statutory posts (the frame every load adds), leaders,
holders who come and go with interims between them, joint directors of children's and
adult services, inspections with their judgements, ministerial directions after an
inadequate judgement, trusts a council commissions its services from, and several sources
per fact, some of which disagree.

Each council is drawn from its own random stream (seeded by the seed and its number), so
a council's history does not depend on how many others are generated before it.

    from accountable.loaders import synth
    synth.write("out/", councils=150, years=30, seed=1)   # out/*.jsonl, out/manifest.json

Only the standard library is used: this module is imported by the CLI and the benchmark.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .frame import SECRETARY_OF_STATE, post_id

GENERATOR = "accountable.synth/1"
END_YEAR = 2025  # fixed, so that a seed means the same files next year too
FILES = ("sources.jsonl", "entities.jsonl", "relationships.jsonl")
MANIFEST = "manifest.json"
STATUTORY_FROM = dt.date(2005, 4, 1)  # DCS, Lead Member and DASS posts are filled from here on

_PREFIX = (
    "Ald", "Ash", "Bram", "Brack", "Cal", "Carr", "Dun", "Elm", "Fen", "Gold", "Hal", "Har", "Ing", "Kel",
    "Lang", "Lark", "Mar", "Mor", "Nor", "Orm", "Pen", "Rad", "Sel", "Stan", "Tarn", "Thorn", "Ulls", "Wex",
    "Wil", "Yar",
)
_SUFFIX = (
    "bury", "combe", "dale", "field", "ford", "gate", "ham", "hurst", "ley", "mere", "minster", "moor",
    "ridge", "stead", "stone", "thorpe", "ton", "well", "wick", "worth",
)
_QUALIFIER = ("", "Vale", "Marsh", "Downs", "Heath", "Forest", "Wolds", "Fens", "Coast", "Valley", "Moors", "Weald")
_QUARTER = ("", "North", "South", "East", "West", "Upper", "Lower", "Greater", "Mid")
_FIRST = (
    "Alex", "Alison", "Amir", "Anita", "Ben", "Bridget", "Carla", "Chris", "Colin", "Dana", "Deepa", "Elaine",
    "Emeka", "Fiona", "Gareth", "Grace", "Hannah", "Ian", "Imran", "Jane", "Jo", "Karen", "Kwame", "Leah",
    "Lorna", "Mark", "Marta", "Nadia", "Neil", "Olu", "Paula", "Priya", "Rachel", "Rob", "Ruth", "Sam",
    "Sian", "Tariq", "Tessa", "Tom", "Una", "Vik", "Wendy", "Yasmin", "Zoe",
)
_SURNAME_A = ("Ash", "Brack", "Carr", "Dun", "Elm", "Fair", "Gar", "Hal", "Ing", "Kel", "Lark", "Mor", "Nash",
              "Orr", "Pell", "Quill", "Rook", "Sel", "Tarn", "Vane", "Wyn", "Yell")
_SURNAME_B = ("by", "combe", "den", "ett", "field", "ford", "gate", "ham", "hurst", "ley", "low", "more",
              "ridge", "shaw", "stone", "thorpe", "ton", "wick", "well", "worth")
_REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
            "East of England", "London", "South East", "South West")
_PUBLISHERS = ("The Synthetic Gazette", "Imaginary Local Government Weekly", "Fictional Children's Services Review",
               "The Placeholder Courier")
_GRADES = ("outstanding", "good", "requires improvement", "inadequate")
_GRADE_WEIGHTS = (10, 45, 35, 10)

# post kind -> (words, substantive spell in years (min, max), chance of an interim after it)
_POSTS: dict[str, tuple[str, tuple[float, float], float]] = {
    "dcs": ("director of children's services", (1.5, 6.0), 0.6),
    "dass": ("director of adult social services", (2.0, 7.0), 0.4),
    "lead_member": ("lead member for children's services", (1.0, 4.0), 0.0),
    "chief_executive": ("chief executive", (3.0, 10.0), 0.5),
    "leader": ("leader of the council", (2.0, 8.0), 0.0),
}


# ---------------------------------------------------------------- dates with their precision


def _text(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _add_days(day: dt.date, n: float) -> dt.date:
    return day + dt.timedelta(days=int(n))


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    span = (last - first).days
    return first + dt.timedelta(days=rng.randint(0, max(span, 0)))


def _precision(rng: random.Random, day: float = 0.6, month: float = 0.35) -> str:
    r = rng.random()
    return "day" if r < day else "month" if r < day + month else "year"


# ---------------------------------------------------------------- names


def place_name(i: int) -> str:
    """A fictional place for council number i: unique for the first 64,800 councils."""
    n = (i * 7919) % 64800  # a permutation of 0..64799 (7919 is prime and does not divide 64800)
    a, n = n % len(_PREFIX), n // len(_PREFIX)
    b, n = n % len(_SUFFIX), n // len(_SUFFIX)
    c, n = n % len(_QUALIFIER), n // len(_QUALIFIER)
    d = n % len(_QUARTER)
    words = [_QUARTER[d], _PREFIX[a] + _SUFFIX[b], _QUALIFIER[c]]
    name = " ".join(w for w in words if w)
    return name if i < 64800 else f"{name} {i // 64800 + 1}"


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_SURNAME_A)}{rng.choice(_SURNAME_B)}"


def council_id(i: int) -> str:
    return f"synth-c{i:05d}"


# ---------------------------------------------------------------- one council's history


@dataclass
class Spell:
    person: str
    name: str
    capacity: str
    start: dt.date
    end: dt.date | None  # the real last day, None while it continues
    stated_end: bool = True


@dataclass
class _Council:
    i: int
    councils: int
    start_year: int
    end_year: int
    rng: random.Random
    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    _n_source: int = 0
    _n_person: int = 0
    day_sources: set[str] = field(default_factory=set)  # sources dated to the day

    def __post_init__(self) -> None:
        self.id = council_id(self.i)
        self.place = place_name(self.i)
        self.first = dt.date(self.start_year, 1, 1)
        self.last = dt.date(self.end_year, 12, 31)
        self.type = self.rng.choices(
            ("County", "Unitary Authority", "Metropolitan District", "London Borough"), (24, 41, 24, 21)
        )[0]
        self.name = {
            "County": f"{self.place} County Council",
            "Unitary Authority": f"{self.place} Council",
            "Metropolitan District": f"{self.place} Metropolitan Borough Council",
            "London Borough": f"London Borough of {self.place}",
        }[self.type]
        self.annual: dict[int, str] = {}
        self.digests: dict[tuple[int, int], str] = {}

    # sources ----------------------------------------------------------------

    def source(self, day: dt.date, kind: str = "news", title: str = "", precision: str | None = None) -> tuple[str, dt.date]:
        self._n_source += 1
        sid = f"{self.id}-s{self._n_source:04d}"
        prec = precision or _precision(self.rng, 0.7, 0.25)
        if prec == "day":
            self.day_sources.add(sid)
        publisher = {
            "news": self.rng.choice(_PUBLISHERS),
            "inspection_report": "Ofsted (synthetic report)",
            "letter": "Department for Education (synthetic letter)",
            "other": self.name,
        }[kind]
        self.sources.append({
            "type": "source", "id": sid, "title": title or f"Synthetic news about {self.name}",
            "publisher": publisher, "published": _text(day, prec),
            "url": f"https://example.org/synthetic/{sid}", "source_kind": kind,
            "licence": "synthetic data, no rights reserved",
        })
        return sid, day

    def news(self, day: dt.date) -> str:
        """The month's news round-up about the council: one article reports everything of that month."""
        key = (day.year, day.month)
        if key not in self.digests:
            title = f"{self.name}: children's services news, {calendar.month_name[day.month]} {day.year}"
            last = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
            self.digests[key] = self.source(last, "news", title, "month")[0]
        return self.digests[key]

    def annual_report(self, year: int) -> str:
        """The council's annual report of a year: it names everyone in post."""
        if year not in self.annual:
            day = dt.date(year, 7, 1)
            self.annual[year] = self.source(day, "other", f"{self.name}: annual report {year - 1}/{str(year)[2:]}", "month")[0]
        return self.annual[year]

    # people and posts -------------------------------------------------------

    def person(self) -> tuple[str, str]:
        self._n_person += 1
        pid = f"{self.id}-p{self._n_person:04d}"
        name = person_name(self.rng)
        self.entities.append({"type": "entity", "kind": "Person", "id": pid, "name": name})
        return pid, name

    def spells(self, kind: str, since: dt.date) -> list[Spell]:
        """Holders of one post from `since` to the end: substantive spells, interims between them, gaps."""
        words, (lo, hi), p_interim = _POSTS[kind]
        rng = self.rng
        out: list[Spell] = []
        t = _random_day(rng, since, _add_days(since, 200))
        while t <= self.last:
            pid, name = self.person()
            length = rng.uniform(lo, hi) * 365.25
            end = _add_days(t, length)
            out.append(Spell(pid, name, "substantive", t, end if end < self.last else None))
            if end >= self.last:
                break
            t = _add_days(end, 1)
            if rng.random() < p_interim:
                ipid, iname = self.person()
                iend = _add_days(t, rng.uniform(60, 420))
                acting = rng.random() < 0.2
                out.append(Spell(ipid, iname, "acting" if acting else "interim", t, iend if iend < self.last else None))
                if iend >= self.last:
                    break
                t = _add_days(iend, 1)
            elif rng.random() < 0.15:
                t = _add_days(t, rng.uniform(20, 120))  # a vacancy nobody fills
        for s in out[:-1]:
            s.stated_end = rng.random() < 0.8  # the others are ended by the next holder's start
        return out

    # facts --------------------------------------------------------------------

    def rel(self, kind: str, frm: str, to: str, evidence: list[tuple[str, str]], **props: Any) -> dict[str, Any]:
        r: dict[str, Any] = {"type": "relationship", "kind": kind}
        if "id" in props:
            r["id"] = props.pop("id")
        r.update({"from": frm, "to": to})
        r.update({k: v for k, v in props.items() if v is not None})
        evidence = self._naming_days(r, evidence)
        r["evidence"] = [{"source": s, "quote": q} if not isinstance(q, tuple) else {"source": s, "quote": q[0], "account": q[1]}
                         for s, q in evidence]
        self.relationships.append(r)
        return r

    def _naming_days(self, r: dict[str, Any], evidence: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """A start or end given to the first day of a month, when no source is dated to the day,
        is the loader's tell-tale of a month written as a day (facts.check_precision): as a real
        report would, the first quote then names the day."""
        if any(sid in self.day_sources for sid, _ in evidence):
            return evidence
        said = []
        for name, word in (("start", "from"), ("end", "until")):
            v = r.get(name)
            if isinstance(v, str) and len(v) == 10 and v.endswith("-01"):
                d = dt.date.fromisoformat(v)
                said.append(f"{word} 1 {calendar.month_name[d.month]} {d.year}")
        if not said:
            return evidence
        sid, q = evidence[0]
        days = f" ({', '.join(said)})"
        q = (q[0] + days, q[1]) if isinstance(q, tuple) else q + days
        return [(sid, q)] + list(evidence[1:])

    def holding(self, post: str, kind: str, s: Spell, post_words: str) -> None:
        rng = self.rng
        start_prec = _precision(rng, 0.62, 0.35)
        news = self.news(s.start)
        cap = s.capacity
        what = f"{s.name} as {'interim ' if cap == 'interim' else 'acting ' if cap == 'acting' else ''}{post_words}"
        evidence: list[tuple[str, Any]] = [(news, f"{self.name} has appointed {what}")]
        mid_year = (s.start.year + (s.end or self.last).year) // 2
        if mid_year > s.start.year and dt.date(mid_year, 7, 1) < (s.end or self.last):
            evidence.append((self.annual_report(mid_year), f"{s.name}, {post_words}"))
        props: dict[str, Any] = {"capacity": cap, "start": _text(s.start, start_prec)}
        disputed = False
        if s.end is not None and s.stated_end:
            end_prec = _precision(rng, 0.5, 0.45)
            props["end"] = _text(s.end, end_prec)
            leaving = self.news(s.end)
            if kind in ("dcs", "chief_executive") and rng.random() < 0.08:
                disputed = True
                props["status"] = "disputed"
                props["note"] = f"The council says it ended {s.name}'s contract; {s.name} says they had already resigned."
                statement, _ = self.source(_add_days(s.end, rng.randint(5, 40)), "news", f"{s.name} disputes the council's account")
                evidence.append((leaving, (f"{self.name} has ended its contract with {s.name}", "the council ended the contract")))
                evidence.append((statement, (f"{s.name} said they had resigned before the council acted", f"{s.name} resigned first")))
            else:
                evidence.append((leaving, f"{s.name} is leaving the post of {post_words}"))
        elif s.end is None and s.start.year < self.end_year:
            evidence.append((self.annual_report(self.end_year), f"{s.name}, {post_words}"))
        self.rel("HOLDS", s.person, post, evidence, **props)
        if cap == "substantive" and kind != "leader" and rng.random() < 0.5:
            self.rel("APPOINTS", self.id, s.person, [(news, f"{self.name} has appointed {s.name}")],
                     id=f"appoints:{self.id}>{s.person}:{s.start.isoformat()}", action="appoint",
                     role=post_words, start=props["start"])
        if disputed:
            self.rel("APPOINTS", self.id, s.person, [(leaving, (f"{self.name} has ended its contract with {s.name}", "the council ended the contract"))],
                     id=f"appoints:{self.id}>{s.person}:terminate", action="terminate", role=post_words,
                     start=props["end"], status="disputed", note=f"{s.name} says they had already resigned.")

    def generate(self) -> None:
        register = "synth-register"
        slug = self.place.lower().replace(" ", "-")
        self.entities.append({
            "type": "entity", "kind": "Council", "id": self.id, "name": self.name, "aliases": [self.place],
            "la_code": f"X{self.i:04d}", "gss_code": f"X99{self.i:06d}", "council_type": self.type,
            "region": _REGIONS[self.i % len(_REGIONS)], "website": f"{slug}.synthetic.invalid", "sources": [register],
        })
        leader = post_id(self.id, "leader")
        self.entities.append({"type": "entity", "kind": "Post", "id": leader, "name": f"Leader of {self.name}",
                              "post_kind": "leader", "sources": [register]})
        self.rel("POST_IN", leader, self.id, [(register, f"{self.name}: leader of the council")], start=str(self.start_year))

        statutory_from = max(self.first, STATUTORY_FROM)
        by_kind: dict[str, list[Spell]] = {}
        for kind in ("chief_executive", "leader", "dcs", "dass", "lead_member"):
            since = self.first if kind in ("chief_executive", "leader") else statutory_from
            by_kind[kind] = self.spells(kind, since)
        self.joint_roles(by_kind)
        for kind, spells in by_kind.items():
            for s in spells:
                self.holding(post_id(self.id, kind), kind, s, _POSTS[kind][0])
        self.declared(by_kind)
        self.inspections()
        self.neighbours(register)

    def joint_roles(self, by_kind: dict[str, list[Spell]]) -> None:
        """Some substantive DCSs also direct adult services for a while: one person, two statutory posts."""
        dass = by_kind["dass"]
        for s in by_kind["dcs"]:
            if s.capacity != "substantive" or self.rng.random() > 0.12:
                continue
            start, end = s.start, s.end or self.last
            if any(d.start <= end and start <= (d.end or self.last) for d in dass if d.capacity == "joint"):
                continue
            s.capacity = "joint"
            # the joint spell replaces whatever adult services had for that time
            kept = [d for d in dass if (d.end or self.last) < start or d.start > end]
            for d in dass:
                if d.start < start <= (d.end or self.last):
                    kept.append(Spell(d.person, d.name, d.capacity, d.start, _add_days(start, -1)))
            kept.append(Spell(s.person, s.name, "joint", start, s.end, s.stated_end))
            dass[:] = sorted(kept, key=lambda x: x.start)

    def declared(self, by_kind: dict[str, list[Spell]]) -> None:
        """Now and then a DCS leaves with no successor and the chief executive declares they are accountable."""
        dcs = by_kind["dcs"]
        for a, b in zip(dcs, dcs[1:]):
            if a.end is None or not a.stated_end or (b.start - a.end).days < 20 or self.rng.random() > 0.3:
                continue
            day = _add_days(a.end, 1)
            ce = next((c for c in by_kind["chief_executive"] if c.start <= day <= (c.end or self.last)), None)
            if ce is None:
                continue
            if (b.start.year, b.start.month) == (day.year, day.month):
                continue  # to the month, the declaration and the new director would start together
            src = self.news(day)
            self.rel("HOLDS", ce.person, post_id(self.id, "dcs"),
                     [(src, f"{ce.name} declared they were accountable for children's services until a replacement was found")],
                     id=f"holds:{ce.person}>{post_id(self.id, 'dcs')}:declared:{day.isoformat()}",
                     capacity="declared", start=_text(day, "month"), end=_text(_add_days(b.start, -1), "month"),
                     note="The chief executive declared themself accountable until a replacement director was found.")

    def inspections(self) -> None:
        rng = self.rng
        year = max(self.start_year, 2007) + rng.randint(0, 3)
        trust_made = False
        while year <= self.end_year:
            published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if published > self.last:
                break
            grade = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
            framework = ("joint area review" if year < 2009 else "safeguarding and looked after children" if year < 2013
                         else "single inspection framework" if year < 2018 else "ILACS standard")
            iid = f"{self.id}/inspection/{published.isoformat()}"
            report, _ = self.source(published, "inspection_report", f"Synthetic inspection of children's services: {self.name}", "day")
            news = self.news(published)
            start = _add_days(published, -rng.randint(40, 70))
            ent: dict[str, Any] = {
                "type": "entity", "kind": "Inspection", "id": iid,
                "name": f"Inspection of children's services, {self.name} ({calendar.month_name[published.month]} {year})",
                "framework": framework, "inspection_start": start.isoformat(),
                "inspection_end": _add_days(start, 14).isoformat(), "published": published.isoformat(),
                "overall": grade,
            }
            if year >= 2018:
                ent["impact_of_leaders"] = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
                ent["help_and_protection"] = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
                ent["in_care"] = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
                ent["care_leavers"] = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
            ent["report_url"] = f"https://example.org/synthetic/{report}"
            ent["sources"] = [report, news]
            self.entities.append(ent)
            self.rel("INSPECTS", iid, self.id, [(report, f"Inspection of {self.name} children's services")], start=published.isoformat())
            self.rel("CARRIED_OUT_BY", iid, "ofsted", [(report, "Ofsted inspection report")], start=published.isoformat())
            gap = rng.randint(3, 5)
            if grade == "inadequate":
                gap = rng.randint(1, 3)
                self.direction(published, gap)
                if not trust_made and year >= 2013 and rng.random() < 0.35:
                    trust_made = True
                    self.trust(_add_days(published, rng.randint(200, 500)))
            year += gap

    def direction(self, published: dt.date, years: int) -> None:
        rng = self.rng
        action = rng.choices(("improvement_notice", "statutory_direction", "commissioner_appointed", "advisers_appointed"), (4, 3, 2, 1))[0]
        start = _add_days(published, rng.randint(20, 120))
        if start > self.last:
            return
        letter, _ = self.source(start, "letter", f"Direction to {self.name} under section 497A", "day")
        news = self.news(start)
        end = _add_days(start, years * 365 - rng.randint(0, 200))
        frm = SECRETARY_OF_STATE if action != "advisers_appointed" else "dfe"
        evidence = [(letter, f"The Secretary of State directs {self.name}"), (news, f"ministers have intervened at {self.name}")]
        props: dict[str, Any] = {"id": f"directs:{frm}>{self.id}:{action}:{start.isoformat()}", "action": action,
                                 "start": start.isoformat(), "end": end.isoformat() if end < self.last else None}
        if rng.random() < 0.15:
            props["status"] = "disputed"
            props["note"] = "The council says the direction was lifted earlier than the department records."
            evidence = [(letter, (f"The Secretary of State directs {self.name}", "the department")),
                        (news, (f"{self.name} says the direction has been lifted", "the council"))]
        self.rel("DIRECTS", frm, self.id, evidence, **props)

    def trust(self, start: dt.date) -> None:
        if start > self.last:
            return
        rng = self.rng
        tid = f"{self.id}/trust"
        name = f"{self.place} Children's Trust"
        src = self.news(start)
        self.entities.append({"type": "entity", "kind": "Trust", "id": tid, "name": name,
                              "provider_type": "children's services trust", "sources": [src]})
        end = _add_days(start, rng.randint(3, 9) * 365) if rng.random() < 0.3 else None
        end = end if end and end < self.last else None
        quote = f"{name} will run the council's children's social care"
        self.rel("COMMISSIONS", self.id, tid, [(src, quote)], start=start.isoformat(),
                 end=end.isoformat() if end else None, services=["children's social care"])
        self.rel("ACCOUNTABLE_TO", tid, self.id, [(src, quote)], basis="contract", start=start.isoformat(),
                 end=end.isoformat() if end else None)
        ce = f"{tid}/chief_executive"
        self.entities.append({"type": "entity", "kind": "Post", "id": ce, "name": f"Chief Executive, {name}",
                              "post_kind": "provider_chief_executive", "sources": [src]})
        self.rel("POST_IN", ce, tid, [(src, f"chief executive of {name}")], start=start.isoformat())
        t = start
        while t <= (end or self.last):
            pid, pname = self.person()
            stop = _add_days(t, rng.uniform(2, 6) * 365)
            news = self.news(t)
            closed = stop < (end or self.last)
            self.rel("HOLDS", pid, ce, [(news, f"{pname} is chief executive of {name}")], capacity="substantive",
                     start=t.isoformat(), end=stop.isoformat() if closed else (end.isoformat() if end else None))
            if not closed:
                break
            t = _add_days(stop, 1)

    def neighbours(self, register: str) -> None:
        n = self.councils
        for rank, step in enumerate((1, 2, 5, 11, 23), 1):
            if step >= n:
                break
            other = council_id((self.i + step) % n)
            self.rel("STAT_NEIGHBOUR", self.id, other, [(register, "statistical neighbours, synthetic")], rank=rank,
                     start=str(self.end_year))

    def records(self) -> Iterator[dict[str, Any]]:
        yield from self.sources
        yield from self.entities
        yield from self.relationships


def national_sources(end_year: int) -> list[dict[str, Any]]:
    return [{
        "type": "source", "id": "synth-register", "title": "Synthetic register of councils",
        "publisher": "accountable synth", "published": str(end_year),
        "url": "https://example.org/synthetic/register", "source_kind": "dataset",
        "licence": "synthetic data, no rights reserved",
    }]


def council_records(i: int, councils: int, years: int, seed: int, end_year: int = END_YEAR) -> list[dict[str, Any]]:
    """Every record of council number i (its own random stream)."""
    c = _Council(i, councils, end_year - years + 1, end_year, random.Random(f"accountable-synth:{seed}:{i}"))
    c.generate()
    return list(c.records())


def records(councils: int, years: int, seed: int, end_year: int = END_YEAR) -> Iterator[dict[str, Any]]:
    """Every record, in file order: the national sources, then council by council."""
    yield from national_sources(end_year)
    for i in range(councils):
        yield from council_records(i, councils, years, seed, end_year)


# ---------------------------------------------------------------- sizes and files


def facts_per_council(years: int, seed: int, sample: int = 40, end_year: int = END_YEAR) -> float:
    """The mean number of records per council, from a sample of councils (deterministic)."""
    n = sum(len(council_records(i, sample, years, seed, end_year)) for i in range(sample))
    return n / sample


def councils_for(facts: int, years: int, seed: int, end_year: int = END_YEAR) -> int:
    """How many councils give about `facts` records."""
    return max(1, round((facts - 1) / facts_per_council(years, seed, end_year=end_year)))


@dataclass
class SynthReport:
    directory: str
    councils: int
    years: int
    seed: int
    end_year: int
    counts: dict[str, int]
    files: list[str]

    @property
    def facts(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {"generator": GENERATOR, "councils": self.councils, "years": self.years,
                "seed": self.seed, "end_year": self.end_year, "facts": self.facts, "counts": self.counts, "files": self.files,
                "note": "synthetic: every name is generated and every id starts with synth-; not a public record"}


def folder_problem(directory: str | Path) -> str | None:
    """Why `directory` may not receive synthetic files, or None. A new or empty folder may; so may a
    folder this generator wrote before (its manifest says so) and nothing else has written to. A
    folder with any other file may not: synthetic and real facts would be loaded together."""
    out = Path(directory)
    if not out.exists() and not out.is_symlink():
        return None
    if not out.is_dir():
        return f"{out} exists and is not a folder"
    names = sorted(p.name for p in out.iterdir())
    others = [n for n in names if n not in FILES + (MANIFEST,)]
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        return (f"{out} already holds other files ({shown}); synthetic facts are never mixed with others: "
                "give a new or empty folder")
    if not names:
        return None
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("generator") != GENERATOR:
        return (f"{out} holds {', '.join(names)} but no manifest of synthetic facts; they may be real facts: "
                "give a new or empty folder")
    for name in names:
        if (out / name).is_symlink() or not (out / name).is_file():
            return f"{out / name} is not a regular file; give a new or empty folder"
    return None


def write(directory: str | Path, councils: int, years: int, seed: int, end_year: int = END_YEAR) -> SynthReport:
    """Write sources.jsonl, entities.jsonl, relationships.jsonl and manifest.json into `directory`."""
    if councils < 1:
        raise ValueError("councils must be at least 1")
    if not 1 <= years <= end_year - 1900:
        raise ValueError(f"years must be between 1 and {end_year - 1900}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    handles = {name: (out / name).open("w", encoding="utf-8", newline="\n") for name in FILES}
    which = {"source": "sources.jsonl", "entity": "entities.jsonl", "relationship": "relationships.jsonl"}
    counts = {"source": 0, "entity": 0, "relationship": 0}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    try:
        for rec in records(councils, years, seed, end_year):
            t = rec["type"]
            counts[t] += 1
            handles[which[t]].write(dumps(rec) + "\n")
    finally:
        for h in handles.values():
            h.close()
    report = SynthReport(str(out), councils, years, seed, end_year,
                         {"sources": counts["source"], "entities": counts["entity"], "relationships": counts["relationship"]},
                         list(FILES))
    (out / MANIFEST).write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    return report
