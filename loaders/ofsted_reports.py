"""Ofsted's children's services inspection reports as facts: each report a Source, its
inspection and judgements, the holders of posts it states (unnamed), and the interventions
it mentions. The reading of the PDFs is loaders/report_extract.py's; this module only turns
its records into fact records (the JSON Lines form: `{"type": "source" | "entity" |
"relationship", ...}`), every fact citing the report with the exact sentence, its page, the
named rule that found it and the inspection's last day as the day it was so (`as_of`).

Holders no source names. Reports almost never name people: "The DCS has been in post since
July 2013." Such a holder is a Person with `identity: unnamed` (Wikidata's "unknown value"),
identified by the post and the start the report gives: `bury/dcs/unnamed-2011-01`. Two
reports that give the same start confirm one holding with two sources; a start given only to
the year joins the one holding of that year given more precisely; a later report giving
another start is another holder, and the earlier holding ends when the later begins (the
stores' supersession rule, at the later start's precision). A statement with no date
(\"the interim DCS\") joins the holding of the same post its report dates, else it is a holding
known only as of the inspection (`.../unnamed-as-of-2019-03-15`). A departure or vacancy ends
the holding in post before it (or an unnamed one whose start is unknown); an announced arrival
is a holding that starts later. A named holder from another source is never joined to an
unnamed one: both are shown.

Reports that agree are folded into one fact with every report's evidence; reports that differ
on a holding's capacity or an intervention's start are kept side by side (the fact disputed,
each report's evidence saying what it claims), never silently merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..schema.dates import FuzzyDate
from .datasets import CouncilIndex, Skipped, slug

PUBLISHER = "Ofsted"
LICENCE = "Open Government Licence v3.0"
PROVIDER_URL = "https://reports.ofsted.gov.uk/provider/44/{urn}"
SECRETARY_OF_STATE = "dfe/secretary_of_state"
DFE = "dfe"
OFSTED = "ofsted"
METHOD = "extracted"

POST_NAMES = {
    "dcs": "Director of Children's Services",
    "chief_executive": "Chief Executive (head of paid service)",
    "lead_member": "Lead Member for Children's Services",
    "dass": "Director of Adult Social Services",
    "lscb_chair": "Chair of the Local Safeguarding Children Board",
}
POST_SHORT = {"dcs": "DCS", "chief_executive": "chief executive", "lead_member": "lead member", "dass": "DASS",
              "lscb_chair": "LSCB chair"}
GRADE_FIELDS = ("overall", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers", "adoption", "lscb")
# Who does what the reports say was done to a council.
INTERVENER = {
    "commissioner_appointed": SECRETARY_OF_STATE,
    "statutory_direction": SECRETARY_OF_STATE,
    "improvement_notice": SECRETARY_OF_STATE,
    "advisers_appointed": DFE,
}
CAPACITIES = ("substantive", "interim", "acting", "joint")

_FILE_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", re.I | re.ASCII)
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)}


def file_date(name: str) -> dt.date | None:
    """The date in a report's file name ("children's services inspection - 16 may 2016.pdf"): its publication."""
    m = _FILE_DATE.search(name)
    if not m:
        return None
    month = _MONTHS.get(m.group(2).lower()) or next((v for k, v in _MONTHS.items() if k.startswith(m.group(2).lower()[:3])), None)
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1))) if month else None
    except ValueError:
        return None


def _fd(text: str | None) -> FuzzyDate | None:
    if not text:
        return None
    try:
        return FuzzyDate.parse(text)
    except ValueError:
        return None


# ---------------------------------------------------------------- which council, which inspection


@dataclass
class Councils:
    """How a report finds its council: its folder's URN, else the name printed on page 1."""

    index: CouncilIndex
    by_urn: dict[str, str] = field(default_factory=dict)  # URN -> council id

    def find(self, report: Any) -> tuple[str | None, str]:
        if report.urn and report.urn in self.by_urn:
            return self.by_urn[report.urn], ""
        name = report.council_printed
        found = self.index.by_name(name) if name else []
        if len(found) == 1:
            return found[0], ""
        said = f"URN {report.urn} is no council's" if report.urn else "no URN in its folder name"
        if not name:
            return None, f"its council cannot be told: {said}, and page 1 prints no council name"
        if not found:
            return None, f"its council cannot be told: {said}, and no council is named {name!r}"
        return None, f"its council cannot be told: {said}, and {name!r} matches {len(found)} councils ({', '.join(found)})"


@dataclass
class KnownInspection:
    """An inspection already known (from Ofsted's spreadsheet or the graph): its id and fields."""

    id: str
    fields: dict[str, Any]  # as a fact-file record gives them (dates as text)

    @property
    def framework(self) -> str:
        return self.fields.get("framework") or ""

    def day(self, name: str) -> str | None:
        v = self.fields.get(name)
        return str(v)[:10] if v else None


def same_inspection(k: KnownInspection, report: Any) -> bool:
    """The report's inspection is one already known: an ILACS report and an ILACS row with the same
    start (or, where either lacks it, the same publication day)."""
    if not (k.framework.startswith("ILACS") and report.family == "ilacs"):
        return bool(k.framework) and k.framework == report.framework and k.day("inspection_start") == report.inspection_start
    start = k.day("inspection_start")
    if start and report.inspection_start:
        return start == report.inspection_start
    return bool(k.day("published")) and k.day("published") == report.published


def inspection_id(council_id: str, report: Any) -> str:
    from .ofsted import inspection_id as spreadsheet_id

    start = dt.date.fromisoformat(report.inspection_start) if report.inspection_start else None
    published = dt.date.fromisoformat(report.published) if report.published else None
    label = "ILACS" if report.family == "ilacs" else (report.framework or report.family)
    return spreadsheet_id(council_id, label, start, published)


# ---------------------------------------------------------------- the records


@dataclass
class Result:
    records: list[dict[str, Any]] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)  # the files whose facts are in the records
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # source id -> the report's file

    def file_of(self, record: dict[str, Any]) -> str | None:
        """The report a record comes from (its first source's), to name it in a problem."""
        sid = record["id"] if record.get("type") == "source" else (
            record["evidence"][0]["source"] if record.get("evidence") else (record.get("sources") or [None])[0])
        return self.files.get(sid) if sid else None


@dataclass
class _Said:
    """One statement or intervention of one report, with what the fact needs of its report."""

    report: Any
    source: str
    council: str
    as_of: str
    found: Any


def evidence(said: _Said, account: str | None = None) -> dict[str, Any]:
    f = said.found
    ev: dict[str, Any] = {"source": said.source, "quote": _quote(f.quote), "page": f.page or None, "method": METHOD,
                          "rule": f.rule or None, "as_of": said.as_of}
    if account:
        ev["account"] = account
    return {k: v for k, v in ev.items() if v is not None}


def _quote(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= 600 else t[:597] + "..."


def records(reports: Iterable[Any], councils: Councils, known: dict[str, list[KnownInspection]] | None = None,
            existing: set[str] | None = None, council_names: dict[str, str] | None = None) -> Result:
    """The fact records of the given reports (extracted), for a fact file or a load.

    `known`: inspections already known, by council id (the same inspection is one node);
    `existing`: ids of entities that need no record here (a trust the graph or the bundled facts define).
    """
    known = known or {}
    existing = existing or set()
    names = council_names or {}
    out = Result()
    sources: dict[str, dict[str, Any]] = {}
    inspections: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}
    said: list[_Said] = []
    for report in reports:
        label = report.file or report.path
        if report.problem:
            out.skipped.append((report.path, report.problem))
            continue
        cid, why = councils.find(report)
        if cid is None:
            out.skipped.append((report.path, why))
            continue
        as_of = report.inspection_end or report.inspection_start or report.published
        if not as_of:
            out.skipped.append((report.path, "no inspection date could be read on page 1"))
            continue
        council_name = names.get(cid) or councils.index.name_of(cid, dt.date.fromisoformat(str(report.inspection_start or as_of)[:10]))  # as named then
        published = report.published or (file_date(report.file).isoformat() if file_date(report.file) else None) or as_of
        sid = f"ofsted-report-{report.urn or cid}-{published}"
        url = PROVIDER_URL.format(urn=report.urn) if report.urn else None
        what = report.framework or "children's services inspection"
        sources[sid] = {
            "type": "source", "id": sid,
            "title": f"Ofsted, {what}: {council_name}, inspected {_span(report)} (file {label})",
            "publisher": PUBLISHER, "published": published, "url": url, "source_kind": "inspection_report", "licence": LICENCE,
        }
        sources[sid] = {k: v for k, v in sources[sid].items() if v is not None}
        out.files[sid] = report.path
        _inspection(report, cid, council_name, sid, url, published, known, inspections, rels, out)
        for s in report.statements:
            said.append(_Said(report, sid, cid, as_of, s))
        for x in report.interventions:
            said.append(_Said(report, sid, cid, as_of, x))
        out.loaded.append(report.path)
    entities: dict[str, dict[str, Any]] = dict(inspections)
    _holdings([s for s in said if hasattr(s.found, "post")], names, councils, entities, rels, existing, out)
    _interventions([s for s in said if hasattr(s.found, "action")], entities, rels, existing, out)
    out.records = list(sources.values()) + [{"type": "entity", **e} for e in entities.values()] + [
        {"type": "relationship", **r} for r in rels.values()]
    return out


def _span(report: Any) -> str:
    a, b = report.inspection_start, report.inspection_end
    if a and b and a != b:
        return f"{a} to {b}"
    return a or b or "(dates unknown)"


def _inspection(report: Any, cid: str, council_name: str, sid: str, url: str | None, published: str,
                known: dict[str, list[KnownInspection]],
                inspections: dict[str, dict[str, Any]], rels: dict[str, dict[str, Any]], out: Result) -> None:
    from ..schema.model import VOCABULARIES

    grades = {k: v for k, v in (report.judgements or {}).items() if k in GRADE_FIELDS and v in VOCABULARIES["grade"]}
    for k, v in (report.judgements or {}).items():
        if k not in grades and v:
            out.notes.append(f"{report.path}: judgement {k} {v!r} is not a field and grade this graph keeps; left out")
    match = next((k for k in known.get(cid, []) if same_inspection(k, report)), None)
    if match is not None:
        # one node: what the known record says stands; the report adds what it lacks
        iid = match.id
        record: dict[str, Any] = {"kind": "Inspection", "id": iid, "name": match.fields["name"], "sources": [sid]}
        for f, v in grades.items():
            have = match.fields.get(f)
            if have is None:
                record[f] = v
            elif have != v:
                out.notes.append(f"{report.path}: {f} reads {v!r}, but {iid} already has {have!r}; kept {have!r}")
        for f, v in (("inspection_start", report.inspection_start), ("inspection_end", report.inspection_end),
                     ("published", published), ("report_url", url)):
            if v and not match.fields.get(f):
                record[f] = v
    else:
        iid = inspection_id(cid, report)
        when = report.inspection_start or f"published {published}"
        record = {"kind": "Inspection", "id": iid, "name": f"Ofsted inspection ({report.framework or report.family}), {council_name}, {when}",
                  "framework": report.framework or report.family, "inspection_start": report.inspection_start,
                  "inspection_end": report.inspection_end, "published": published, "report_url": url,
                  "sources": [sid], **grades}
        record = {k: v for k, v in record.items() if v is not None}
    if iid in inspections:
        prev = inspections[iid]
        prev["sources"] = sorted(set(prev["sources"]) | {sid})
        for k, v in record.items():
            prev.setdefault(k, v)
    else:
        inspections[iid] = record
    first = report.inspection_start or report.published
    last = report.inspection_end or report.published or first
    span = {"start": first, "end": last} if first else {}
    quote = report.council_printed or PUBLISHER
    ev = {"source": sid, "quote": quote, "page": 1, "method": METHOD, "rule": "report.page_one"}
    for kind, to in (("INSPECTS", cid), ("CARRIED_OUT_BY", OFSTED)):
        rid = f"{kind.lower()}:{iid}>{to}"
        if rid in rels:
            rels[rid]["evidence"].append(dict(ev))
        else:
            rels[rid] = {"kind": kind, "id": rid, "from": iid, "to": to, **span, "evidence": [dict(ev, quote=quote if kind == "INSPECTS" else PUBLISHER)]}


# ---------------------------------------------------------------- holders no source names


@dataclass
class _Holding:
    post: str  # post id
    post_kind: str
    council: str
    key: str  # what identifies the holder: its start, or as-of-/left- a day
    start: str | None
    end: str | None = None
    said: list[tuple[_Said, str]] = field(default_factory=list)  # (statement, the capacity it gives)
    notes: list[str] = field(default_factory=list)

    @property
    def person(self) -> str:
        return f"{self.post}/unnamed-{self.key}"


def _finer(dates: list[str]) -> dict[str, str]:
    """A start given to the year (or month) joins the one start given more precisely within it."""
    out: dict[str, str] = {}
    for d in dates:
        inside = [x for x in dates if x != d and x.startswith(d + "-")]
        longest = max((len(x) for x in inside), default=0)
        finest = sorted({x for x in inside if len(x) == longest})
        if len(finest) == 1 and all(x.startswith(finest[0][:len(d) + 3]) or x == finest[0] for x in inside):
            out[d] = finest[0]
    return {d: _settle(d, out) for d in out}


def _settle(d: str, m: dict[str, str]) -> str:
    while d in m:
        d = m[d]
    return d


def _holdings(said: list[_Said], names: dict[str, str], councils: Councils, entities: dict[str, dict[str, Any]],
              rels: dict[str, dict[str, Any]], existing: set[str], out: Result) -> None:
    by_post: dict[str, list[_Said]] = {}
    for s in said:
        if s.found.post not in POST_NAMES:
            out.notes.append(f"{s.report.path}: post {s.found.post!r} is not one this graph keeps; left out")
            continue
        by_post.setdefault(f"{s.council}/{s.found.post}", []).append(s)
    for post, items in sorted(by_post.items()):
        kind = post.rsplit("/", 1)[1]
        council = items[0].council
        starts = sorted({s.found.date for s in items if s.found.event in ("in_post", "arriving") and s.found.date})
        finer = _finer(starts)
        holdings: dict[str, _Holding] = {}

        def holding(key: str, start: str | None) -> _Holding:
            if key not in holdings:
                holdings[key] = _Holding(post, kind, council, key, start)
            return holdings[key]

        undated: list[_Said] = []
        ends: list[_Said] = []
        for s in sorted(items, key=lambda s: (s.as_of, s.found.page, s.found.quote)):
            f = s.found
            if f.event in ("in_post", "arriving") and f.date:
                start = finer.get(f.date, f.date)
                h = holding(start, start)
                h.said.append((s, f.capacity))
                h.notes += _words(f)
            elif f.event in ("in_post", "arriving"):
                undated.append(s)
            else:
                ends.append(s)
        for s in undated:
            # the holder its own report dates, unless the capacities differ ("a new permanent chair has now
            # taken over" beside "the interim chair has been in post since October 2013": another holder)
            mine = [h for h in holdings.values() if any(x.source == s.source for x, _ in h.said)
                    and _compatible(s.found.capacity, [c for x, c in h.said if x.source == s.source])]
            if len(mine) == 1:
                mine[0].said.append((s, s.found.capacity))
            else:
                h = holding(f"as-of-{s.as_of}", None)
                h.said.append((s, s.found.capacity))
                h.notes += _words(s.found)
        for s in ends:
            f = s.found
            if not f.date:
                out.notes.append(f"{s.report.path}: {f.event} of the {POST_SHORT[kind]} with no date: {f.quote!r} left out")
                continue
            end = _fd(f.date)
            before = [h for h in holdings.values() if h.start and _fd(h.start) and _fd(h.start).first < end.first]  # type: ignore[union-attr,operator]
            h = max(before, key=lambda h: _fd(h.start).first) if before else holding(f"left-{f.date}", None)  # type: ignore[union-attr]
            if h.end and h.end != f.date:
                h.notes.append(f"reports differ on when it ended: {h.end} or {f.date}")
                h.end = min(h.end, f.date)
            else:
                h.end = f.date
            h.said.append((s, ""))
            if f.event == "vacant":
                h.notes.append(f"the post vacant from {f.date}")
        for h in holdings.values():
            _holding_records(h, names.get(council) or councils.index.name_of(council, _named_on(h)), entities, rels)
        if kind == "lscb_chair" and holdings:
            _lscb_post(post, council, names.get(council) or councils.index.name_of(council), items, entities, rels, existing)


def _named_on(h: _Holding) -> dt.date | None:
    """The day an unnamed holder is named after their council on: the holding's start, else the
    day the first report speaks for (a renamed council's name of that day)."""
    start = _fd(h.start) if h.start else None
    if start is not None:
        return start.first
    days = [s.as_of for s, _ in h.said if s.as_of]
    return dt.date.fromisoformat(str(min(days))[:10]) if days else None


def _compatible(capacity: str, others: list[str]) -> bool:
    said = {c for c in others if c in CAPACITIES}
    return capacity not in CAPACITIES or not said or capacity in said


def _words(f: Any) -> list[str]:
    out = []
    if getattr(f, "title", None):
        out.append(f"titled {f.title}")
    if getattr(f, "joint_with", None):
        out.append(f"joint with {f.joint_with}")
    if getattr(f, "date_resolved", False) and f.date:
        out.append(f"{f.date} worked out from the report's words")
    return out


def _holding_records(h: _Holding, council_name: str, entities: dict[str, dict[str, Any]], rels: dict[str, dict[str, Any]]) -> None:
    named = [c for _, c in h.said if c in CAPACITIES]
    kinds = sorted(set(named), key=named.index)
    capacity = kinds[0] if kinds else "unknown"
    disputed = len(kinds) > 1
    ev = []
    seen: set[tuple[str, str]] = set()
    for s, c in h.said:
        e = evidence(s, f"capacity {c or 'not said'}" if disputed else None)
        if (e["source"], e["quote"]) in seen:
            continue
        seen.add((e["source"], e["quote"]))
        ev.append(e)
    since = f"in post since {h.start}" if h.start else (f"in post as of {h.key[6:]}" if h.key.startswith("as-of-") else "in post before")
    person = {"kind": "Person", "id": h.person, "identity": "unnamed",
              "name": f"not named ({POST_SHORT[h.post_kind]} of {council_name}, {since})",
              "sources": sorted({e["source"] for e in ev})}
    entities[h.person] = person
    notes = list(dict.fromkeys(h.notes))
    if disputed:
        notes.append("Reports differ on the capacity: " + "; ".join(
            f"{c} ({', '.join(sorted({s.source for s, x in h.said if x == c}))})" for c in kinds) + ".")
    rid = f"holds:{h.person}>{h.post}"
    rec: dict[str, Any] = {"kind": "HOLDS", "id": rid, "from": h.person, "to": h.post, "capacity": capacity,
                           "start": h.start, "end": h.end, "evidence": ev, "note": "; ".join(notes) or None}
    if disputed:
        rec["status"] = "disputed"
    if h.start and h.end and _fd(h.end).after <= _fd(h.start).first:  # type: ignore[union-attr]
        rec["note"] = "; ".join(filter(None, [rec["note"], f"a report says it ended {h.end}, before it began; end left out"]))
        rec["end"] = None
    rels[rid] = {k: v for k, v in rec.items() if v is not None}


def _lscb_post(post: str, council: str, council_name: str, items: list[_Said], entities: dict[str, dict[str, Any]],
               rels: dict[str, dict[str, Any]], existing: set[str]) -> None:
    """The LSCB chair is not one of the frame's statutory posts: its Post comes from the reports that name it."""
    first = {}
    for s in items:
        first.setdefault(s.source, s)
    if post not in existing:
        entities[post] = {"kind": "Post", "id": post, "name": f"{POST_NAMES['lscb_chair']}, {council_name}",
                          "post_kind": "lscb_chair", "statutory_basis": "Children Act 2004 s13", "sources": sorted(first)}
    rid = f"post_in:{post}>{council}"
    rels[rid] = {"kind": "POST_IN", "id": rid, "from": post, "to": council,
                 "evidence": [evidence(first[k]) for k in sorted(first)]}


# ---------------------------------------------------------------- interventions


def _interventions(said: list[_Said], entities: dict[str, dict[str, Any]], rels: dict[str, dict[str, Any]],
                   existing: set[str], out: Result) -> None:
    groups: dict[str, list[_Said]] = {}
    for s in said:
        x = s.found
        if x.action == "trust":
            if not x.body:
                out.notes.append(f"{s.report.path}: a trust or company without its name: {x.quote!r} left out")
                continue
            tid = slug(x.body)
            if tid not in existing and tid not in entities:
                entities[tid] = {"kind": "Trust", "id": tid, "name": " ".join(x.body.split()), "sources": []}
            if tid in entities:
                entities[tid]["sources"] = sorted(set(entities[tid]["sources"]) | {s.source})
            groups.setdefault(f"commissions:{s.council}>{tid}", []).append(s)
        elif x.action in INTERVENER:
            by = INTERVENER[x.action]
            groups.setdefault(f"directs:{by}>{s.council}:{x.action}@{x.date or 'undated'}", []).append(s)
        else:
            out.notes.append(f"{s.report.path}: intervention {x.action!r} is not one this graph keeps; left out")
    for rid, items in sorted(groups.items()):
        first = items[0]
        x = first.found
        dates = sorted({s.found.date for s in items if s.found.date})
        ev, seen = [], set()
        disputed = len(dates) > 1 and not all(d.startswith(dates[0]) for d in dates)
        for s in sorted(items, key=lambda s: (s.as_of, s.source)):
            e = evidence(s, f"start {s.found.date or 'not said'}" if disputed else None)
            if (e["source"], e["quote"]) not in seen:
                seen.add((e["source"], e["quote"]))
                ev.append(e)
        start = dates[-1] if dates and not disputed else (dates[0] if dates else None)  # the finest of nested dates
        if x.action == "trust":
            rec = {"kind": "COMMISSIONS", "id": rid, "from": first.council, "to": slug(x.body),
                   "services": ["children's services"]}
        else:
            rec = {"kind": "DIRECTS", "id": rid, "from": INTERVENER[x.action], "to": first.council, "action": x.action}
        rec.update(start=start, evidence=ev)
        if disputed:
            rec["status"] = "disputed"
            rec["note"] = "Reports differ on when it began: " + ", ".join(dates) + "."
        rels[rid] = {k: v for k, v in rec.items() if v is not None}


# ---------------------------------------------------------------- folding with what a graph already holds


def fold_holding(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A holding the graph holds and the same holding from these reports: one fact with the evidence
    of both. Capacities that differ (neither unknown) make it disputed, each source saying its own."""
    out = dict(old)
    keys = {(e["source"], e["quote"]) for e in old.get("evidence") or []}
    added = [e for e in new.get("evidence") or [] if (e["source"], e["quote"]) not in keys]
    a, b = old.get("capacity"), new.get("capacity")
    if a == "unknown" and b != "unknown":
        out["capacity"] = b
    elif b not in ("unknown", a):
        out["status"] = "disputed"
        note = f"Reports differ on the capacity: {a} or {b}."
        out["note"] = note if not old.get("note") else (old["note"] if note in old["note"] else f"{old['note']}; {note}")
        added = [dict(e, account=e.get("account") or f"capacity {b}") for e in added]
        out["evidence"] = [dict(e, account=e.get("account") or f"capacity {a}") for e in old.get("evidence") or []]
    out["evidence"] = list(out.get("evidence") or old.get("evidence") or []) + added
    for k in ("end", "start"):
        if not out.get(k) and new.get(k):
            out[k] = new[k]
    return out


def fold(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A fact the graph holds and the same fact from these reports, as one record citing every source
    of both (so that loading a few reports again on top of all of them adds, never refuses)."""
    if old.get("kind") == "HOLDS":
        return fold_holding(old, new)
    out = dict(old)
    keys = {(e["source"], e["quote"]) for e in old.get("evidence") or []}
    out["evidence"] = list(old.get("evidence") or []) + [e for e in new.get("evidence") or [] if (e["source"], e["quote"]) not in keys]
    for k, v in new.items():
        if out.get(k) in (None, [], "") and v not in (None, [], ""):
            out[k] = v
    return out


# ---------------------------------------------------------------- reading the reports


def extract(paths: list[Any], progress: Any = None, chunk: int = 16, workers: int = 2) -> list[Any]:
    """Every report read (loaders/report_extract.py), in the order given; `progress(done, total)` after each chunk."""
    from .report_extract import extract_all

    out: list[Any] = []
    for i in range(0, len(paths), chunk):
        out += extract_all([str(p) for p in paths[i:i + chunk]], workers=workers)
        if progress:
            progress(len(out), len(paths))
    return out


def report_files(paths: Iterable[Any]) -> list[Any]:
    """The files named, and every file inside the folders named (a non-PDF among them is skipped by
    the extraction with its reason), in a stable order."""
    from pathlib import Path

    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
        else:
            out.append(p)
    return out


def urns_from_lookup(index: CouncilIndex, lookup: Any) -> dict[str, str]:
    """URN -> council id: from the councils' own `urn` where the model has it, else la_lookup.csv's
    `urn` column matched to a council by its DfE LA code."""
    import csv
    from pathlib import Path

    out: dict[str, str] = {}
    for cid, rec in index.records.items():
        urn = getattr(rec, "urn", None)
        if urn:
            out[str(urn)] = cid
    path = Path(lookup) if lookup else None
    if path is not None and path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                urn, code = (row.get("urn") or "").strip(), (row.get("la_code") or "").strip()
                cid = index.by_la_code(code)
                if urn and cid:
                    out.setdefault(urn, cid)
    return out


def known_inspections(bundle: Any, stored: Any = None) -> dict[str, list[KnownInspection]]:
    from .datasets import stored_fields
    from .facts import dump

    out: dict[str, list[KnownInspection]] = {}
    councils = {}
    for rid, (rel, _) in bundle.relationships.items():
        if rel.kind == "INSPECTS":
            councils[rel.from_] = rel.to
    if stored is not None:
        for iid, row in stored.inspections.items():
            f = {k: (str(v) if isinstance(v, FuzzyDate) else v) for k, v in stored_fields("Inspection", row).items()}
            cid = row.get("council_id")
            if cid:
                out.setdefault(cid, []).append(KnownInspection(iid, f))
    for iid, (rec, _) in bundle.entities.items():
        if rec.kind == "Inspection" and iid in councils:
            out.setdefault(councils[iid], []).append(KnownInspection(iid, dump(rec)))
    return out


@dataclass
class ReportsLoad:
    """Reports to load, already read: a dataset of a load (facts.prepare(..., datasets=[...])).
    `contribute` adds their facts, folded with the graph's versions of the same facts."""

    reports: list[Any]
    lookup: Any = None  # la_lookup.csv with its urn column, until councils carry their URN
    result: Result | None = None
    label: str = "ofsted reports"

    @property
    def report(self) -> Any:
        return self

    def as_dict(self) -> dict[str, Any]:
        r = self.result or Result()
        return {"loaded": len(r.loaded), "skipped": [{"file": f, "reason": why} for f, why in r.skipped], "notes": r.notes}

    def lines(self) -> list[str]:
        r = self.result or Result()
        return [f"skipped {f}: {why}" for f, why in r.skipped] + [f"{len(r.loaded)} loaded, {len(r.skipped)} skipped"]

    def contribute(self, bundle: Any, stored: Any) -> None:
        from ..graph import statements
        from .facts import _validate, record_of_rel

        index = CouncilIndex.build(bundle, stored)
        councils = Councils(index, urns_from_lookup(index, self.lookup))
        result = records(self.reports, councils, known_inspections(bundle, stored))
        self.result = result
        store = stored.store if not stored.empty else None
        ids = [r["id"] for r in result.records if r["type"] == "entity"]
        in_graph = store.kinds_of(set(ids)) if store is not None else {}
        rel_ids = sorted(r["id"] for r in result.records if r["type"] == "relationship")
        versions: dict[str, dict[str, Any]] = {}
        if store is not None and rel_ids:
            for kind in ("HOLDS", "COMMISSIONS", "DIRECTS", "POST_IN", "INSPECTS", "CARRIED_OUT_BY"):
                for row in store.query(statements.rels_by_ids(kind), {"ids": rel_ids}):
                    versions[row["id"]] = record_of_rel(kind, row)
        for rec in result.records:
            label = result.file_of(rec) or self.label
            rec = dict(rec)
            section = {"source": "sources", "entity": "entities", "relationship": "relationships"}[rec.pop("type")]
            if section == "entities" and rec["kind"] == "Trust" and rec["id"] in in_graph:
                continue  # the graph's trust stands as it is
            if section == "relationships" and rec["id"] in versions:
                old = {k: v for k, v in versions[rec["id"]].items() if v is not None}
                old["evidence"] = [{k: v for k, v in e.items() if v is not None} for e in old["evidence"]]
                rec = fold(old, rec)
            page = (rec.get("evidence") or [{}])[0].get("page") or 1  # where in the report: its page stands for a line
            _validate(section, rec, label, lambda loc, page=page: page, bundle)


# ---------------------------------------------------------------- the derived facts that ship


REPORTS_DIR = "ofsted-reports"
LOOKUP = "la_lookup.csv"
SPREADSHEET = "ofsted_ilacs_outcomes_2026-06.xlsx"


def reference(shared: Any) -> tuple[Councils, dict[str, list[KnownInspection]], set[str]]:
    """The councils, the inspections Ofsted's spreadsheet knows, and the entity ids the bundled fact
    files define, as a first load would have them: the bundled fact files and the councils' and the
    latest judgements' derived facts, derived afresh from ../shared/data (same names, same ids)."""
    import tempfile
    from pathlib import Path

    from . import facts
    from .datasets import Stored
    from .derive import DERIVATIONS, _import_derivations, render

    shared = Path(shared)
    _import_derivations()
    existing = set(facts._read_all([facts.bundled_dir()], with_statute=True).entities)
    with tempfile.TemporaryDirectory() as tmp:
        paths: list[Path] = [facts.bundled_dir()]
        for name in ("councils", "ofsted_latest"):
            target = Path(tmp) / f"{name}.jsonl"
            target.write_text(render(DERIVATIONS[name].derive(shared)), encoding="utf-8")
            paths.append(target)
        bundle = facts._read_all(paths, with_statute=True)
    index = CouncilIndex.build(bundle, Stored(None))
    return Councils(index, urns_from_lookup(index, shared / LOOKUP)), known_inspections(bundle), existing


def derive_records(shared: Any, workers: int = 2) -> Result:
    from pathlib import Path

    councils, known, existing = reference(shared)
    paths = report_files([Path(shared) / REPORTS_DIR])
    return records(extract(paths, workers=workers), councils, known, existing)


def _register() -> None:
    from .derive import derivation

    @derivation("ofsted-reports", "Ofsted's children's services inspection reports (Open Government Licence v3.0): "
                "inspections, judgements, unnamed post holders and interventions, each quoted with its page and rule")
    def ofsted_reports(shared: Any) -> Any:
        return derive_records(shared).records


_register()
