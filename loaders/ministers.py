"""The ministers responsible for children's services, from the Institute for Government's
Ministers Database (its CSV layout: organisation, post, person, appointment, ...).

What it gives, as fact records (the same records a JSON Lines fact file holds):

- the holders of the Secretary of State post of each department responsible for children's
  services in England (DfES 2001-2007, DCSF 2007-2010, DfE from 2010): posts whose title begins
  "Secretary of State for";
- the children's minister of the day: every appointment to a post the database's post groups
  mark "Children" (`post_relationship.csv`), in that department, held on one post per
  department (`dfe/childrens_minister`), with the title the minister held in the note. Two
  ministers may hold it at once (a Minister of State and an Under-Secretary), and for some
  months (mid 2022) no post is titled for children. A post with a generic title ("Minister of
  State", "Parliamentary Under-Secretary of State") is the children's minister only where a
  public source names its holder as such (`GENERIC_TITLES` below, each with its quote); the
  others are not. Where neither names anyone (before June 2003, when children's services came
  to the department), no one is named and the answer says so;
- acting spells (`is_acting`) as capacity `acting`; a spell on leave (`is_on_leave`) splits the
  holding, and the part on leave carries a note saying so;
- people under the name they held the posts by (names change with peerages: "Bev Hughes" then
  "Baroness Hughes of Stretford"), the others kept as aliases;
- a handover that shares a day (the database ends one appointment on the day the next begins)
  ends the first the day before, so that one person holds the post on any day.

The departments themselves, their Secretary of State posts and the lines to them are in
data/facts/statute.yaml (every load needs them for the statutory frame); `check_departments`
compares their dates with the database's.

Each record cites the database as a source (kind `dataset`, CC BY 4.0), with the row's
values as its quote. Attribute: "Institute for Government, Ministers Database, CC BY 4.0".
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema.facts import relationship_id
from .datasets import clean_name, name_key, slug
from .problems import InvalidInput, Problem

FILES = ("organisation.csv", "post.csv", "person.csv", "appointment.csv", "appointment_characteristics.csv",
         "post_relationship.csv", "organisation_link.csv")
ATTRIBUTION = "Institute for Government, Ministers Database, CC BY 4.0"
URL = "https://www.instituteforgovernment.org.uk/ministers-database"
REPOSITORY = "https://github.com/instituteforgov/ifg-ministers-database-public"

# The departments responsible for children's services, by the database's short name: our id.
DEPARTMENTS = {"DfES": "dfes", "DCSF": "dcsf", "DfE": "dfe"}
FIRST_DAY = dt.date(2001, 6, 8)  # DfES: the first department here (earlier ones are not loaded)
CHILDREN_GROUP = "Children"
DEPARTMENT_NAMES = {
    "dfes": "Department for Education and Skills",
    "dcsf": "Department for Children, Schools and Families",
    "dfe": "Department for Education",
}


# Appointments to a generic title in these departments, 2001 to today (outside the database's
# "Children" group), and what public sources say each holder did. Two were the children's minister:
# (a name the database gives the person, the post's title, the appointment's start) -> (source, quote).
# The other four were not: John Healey (PUSS 2001-02, adult skills), Stephen Twigg (PUSS 2002-04,
# young people and learning, then schools; MoS 2004-05, school standards) and Derek Twigg (PUSS
# 2004-05, schools), while Margaret Hodge held the post titled "Minister for Children" (2003-05).
GENERIC_TITLES: dict[tuple[str, str, str], tuple[str, str]] = {
    ("Bev Hughes", "Minister of State", "2005-05-09"): (
        "communitycare-2005-05-10-new-childrens-minister",
        "Beverley Hughes replaces Margaret Hodge, who leaves the post she has held since its creation in June 2003"),
    ("Brendan Clarke-Smith", "Parliamentary Under-Secretary of State", "2022-07-08"): (
        "cypnow-2022-07-13-dfe-new-ministers",
        "Brendan Clarke-Smith is the new children and families minister."),
}
GENERIC_TITLE_SOURCES: tuple[dict[str, Any], ...] = (
    {"type": "source", "id": "communitycare-2005-05-10-new-childrens-minister",
     "title": "New children's minister appointed in government reshuffle", "publisher": "Community Care",
     "published": "2005-05-10", "source_kind": "news",
     "url": "http://www.communitycare.co.uk/2005/05/10/new-childrens-minister-appointed-in-government-reshuffle/"},
    {"type": "source", "id": "cypnow-2022-07-13-dfe-new-ministers",
     "title": "DfE names new ministers following mass resignations", "publisher": "Children & Young People Now",
     "author": "Fiona Simpson", "published": "2022-07-13", "source_kind": "news",
     "url": "https://www.cypnow.co.uk/news/article/dfe-names-new-ministers-following-mass-resignations"},
)


def source_id(published: str) -> str:
    return f"ifg-ministers-{published}"


def source_record(published: str) -> dict[str, Any]:
    return {
        "type": "source", "id": source_id(published),
        "title": f"Ministers Database (snapshot of {published})",
        "publisher": "Institute for Government", "published": published, "url": URL,
        "source_kind": "dataset",
        "licence": f"CC BY 4.0; attribute: {ATTRIBUTION}",
    }


@dataclass
class _Data:
    orgs: dict[str, dict[str, str]]
    posts: dict[str, dict[str, str]]
    people: dict[str, list[dict[str, str]]]
    appointments: list[dict[str, str]]
    chars: dict[str, list[dict[str, str]]]
    groups: dict[str, list[str]]
    links: list[dict[str, str]] = field(default_factory=list)


def _read(folder: Path) -> _Data:
    problems = []
    if not folder.is_dir():
        raise InvalidInput([Problem(str(folder), 1, "folder", "is not a folder; give the folder of the Ministers Database's CSV files")])
    for name in FILES:
        if not (folder / name).is_file():
            problems.append(Problem(str(folder / name), 1, "file", "is missing: the Ministers Database's layout has " + ", ".join(FILES)))
    if problems:
        raise InvalidInput(problems)

    def rows(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
        with open(folder / name, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidInput([Problem(str(folder / name), 1, "columns", f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")])
            out = []
            for i, r in enumerate(reader, start=2):
                r = {k: clean_name(v or "") for k, v in r.items() if k}
                r["_row"] = str(i)
                out.append(r)
            return out

    orgs = {r["id"]: r for r in rows("organisation.csv", ("id", "name", "short_name", "start_date", "end_date"))}
    posts = {r["id"]: r for r in rows("post.csv", ("id", "organisation_id", "name", "rank_equivalence"))}
    people: dict[str, list[dict[str, str]]] = {}
    for r in rows("person.csv", ("id", "name", "start_date", "end_date")):
        people.setdefault(r["id"], []).append(r)
    chars: dict[str, list[dict[str, str]]] = {}
    for r in rows("appointment_characteristics.csv", ("appointment_id", "is_acting", "is_on_leave", "start_date", "end_date")):
        chars.setdefault(r["appointment_id"], []).append(r)
    groups: dict[str, list[str]] = {}
    for r in rows("post_relationship.csv", ("post_id", "group_name")):
        groups.setdefault(r["post_id"], []).append(r["group_name"])
    apps = rows("appointment.csv", ("id", "person_id", "post_id", "start_date", "end_date"))
    links = rows("organisation_link.csv", ("predecessor_organisation_id", "successor_organisation_id", "type", "link_start_date"))
    return _Data(orgs, posts, people, apps, chars, groups, links)


def _day(text: str, where: str, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput([Problem(where, 1, column, f"{text!r} is not a date YYYY-MM-DD")]) from None


@dataclass
class Spell:
    """One holding of one of our posts: a person, from a day to a day (both included), in a capacity."""

    person: str  # the database's person id
    post: str  # our post id
    title: str  # the database's post title
    start: dt.date
    end: dt.date | None  # the last day, None while it continues
    capacity: str
    note: str | None
    quote: str
    on_leave: bool = False
    named_by: tuple[str, str] | None = None  # (source, quote) naming a generic title's holder the children's minister


def _department_of(data: _Data) -> dict[str, str]:
    """Database organisation id -> our department id, for the departments responsible since 2001."""
    out = {}
    for oid, o in data.orgs.items():
        ours = DEPARTMENTS.get(o["short_name"])
        start = _day(o["start_date"], "organisation.csv", "start_date")
        if ours and start and start >= FIRST_DAY - dt.timedelta(days=7):
            out[oid] = ours
    return out


def _quote(data: _Data, app: dict[str, str], extra: str = "") -> str:
    post = data.posts[app["post_id"]]
    org = data.orgs[post["organisation_id"]]
    names = " / ".join(p["name"] for p in data.people[app["person_id"]])
    until = app["end_date"] or "(in office)"
    return (f"appointment.csv row {app['_row']}: {names}, {post['name']} ({post['rank_equivalence']}), "
            f"{org['name']}, {app['start_date']} to {until}{extra}")


def spells(data: _Data) -> list[Spell]:
    depts = _department_of(data)
    out: list[Spell] = []
    for app in data.appointments:
        post = data.posts.get(app["post_id"])
        if post is None or post["organisation_id"] not in depts:
            continue
        dept = depts[post["organisation_id"]]
        if post["name"].startswith("Secretary of State for"):
            ours = f"{dept}/secretary_of_state"
        elif CHILDREN_GROUP in data.groups.get(post["id"], []) and post["rank_equivalence"] != "SoS":
            ours = f"{dept}/childrens_minister"
        elif _named_childrens_minister(data, app, post) is not None:
            ours = f"{dept}/childrens_minister"
        else:
            continue
        start = _day(app["start_date"], "appointment.csv", "start_date")
        end = _day(app["end_date"], "appointment.csv", "end_date")
        assert start is not None
        base_quote = _quote(data, app)
        marks = sorted(
            (c for c in data.chars.get(app["id"], []) if c["is_acting"] == "True" or c["is_on_leave"] == "True"),
            key=lambda c: c["start_date"],
        )
        cursor = start
        pieces: list[tuple[dt.date, dt.date | None, dict[str, str] | None]] = []
        for c in marks:
            cs = _day(c["start_date"], "appointment_characteristics.csv", "start_date") or start
            ce = _day(c["end_date"], "appointment_characteristics.csv", "end_date")
            if cs > cursor:
                pieces.append((cursor, cs - dt.timedelta(days=1), None))
            pieces.append((max(cs, cursor), ce, c))
            cursor = (ce + dt.timedelta(days=1)) if ce else None  # type: ignore[assignment]
            if cursor is None:
                break
        if cursor is not None and (end is None or cursor <= end):
            pieces.append((cursor, end, None))
        for s, e, mark in pieces:
            capacity, note, on_leave = "substantive", f"as {post['name']}", False
            quote = base_quote
            if mark is not None:
                span = f"{mark['start_date']} to {mark['end_date'] or '(continuing)'}"
                if mark["is_acting"] == "True":
                    capacity = "acting"
                    quote += f"; acting from {span}"
                if mark["is_on_leave"] == "True":
                    on_leave = True
                    reason = (mark.get("leave_reason") or "leave").lower()
                    note = f"on {reason} (as {post['name']})"
                    quote += f"; on {reason} from {span}"
            named_by = _named_childrens_minister(data, app, post)
            if named_by is not None:
                note = f"{note}; the children's minister, as the cited article names them"
            out.append(Spell(app["person_id"], ours, post["name"], s, e, capacity, note, quote, on_leave, named_by))
    _handovers(out)
    return sorted(out, key=lambda s: (s.post, s.start, s.person))


def _named_childrens_minister(data: _Data, app: dict[str, str], post: dict[str, str]) -> tuple[str, str] | None:
    """The source naming this generic-title appointment the children's minister, if any."""
    for person in data.people.get(app["person_id"], []):
        found = GENERIC_TITLES.get((person["name"], post["name"], app["start_date"]))
        if found:
            return found
    return None


def _handovers(spells_: list[Spell]) -> None:
    """A spell that ends on the day another spell of the same post begins ends the day before
    (the database gives both the handover day). An on-leave holder and the acting holder
    overlap on purpose and are left alone."""
    starts: dict[str, set[dt.date]] = {}
    for s in spells_:
        starts.setdefault(s.post, set()).add(s.start)
    for s in spells_:
        if s.end is not None and s.end in starts.get(s.post, set()) and s.end > s.start:
            s.end = s.end - dt.timedelta(days=1)


def person_names(data: _Data, pid: str, spells_: list[Spell]) -> tuple[str, list[str], list[str]]:
    """The name the person held these posts by (at the start of their latest spell here), the
    other names, and notes of names that changed during a spell."""
    versions = data.people[pid]
    mine = [s for s in spells_ if s.person == pid]
    latest = max(mine, key=lambda s: s.start).start if mine else None

    def name_on(day: dt.date | None) -> str:
        for v in versions:
            vs = _day(v["start_date"], "person.csv", "start_date")
            ve = _day(v["end_date"], "person.csv", "end_date")
            if day is None or ((vs is None or vs <= day) and (ve is None or day < ve)):
                return v["name"]
        return versions[-1]["name"]

    name = name_on(latest)
    others = [v["name"] for v in versions if v["name"] != name]
    notes = []
    for s in mine:
        for v in versions:
            vs = _day(v["start_date"], "person.csv", "start_date")
            if vs and s.start < vs and (s.end is None or vs <= s.end):
                notes.append(f"known as {v['name']} from {vs.isoformat()}")
    return name, list(dict.fromkeys(others)), notes


def records(folder: Path, published: str, known_people: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Fact records (JSON Lines dicts) from the database in `folder`. `known_people` maps a name
    key (datasets.name_key) to the id of a person the bundled facts already hold: such a person
    keeps that id, and no second Person record is written for them."""
    data = _read(folder)
    src = source_id(published)
    out: list[dict[str, Any]] = [source_record(published)]
    all_spells = spells(data)
    cited = {s.named_by[0] for s in all_spells if s.named_by}
    out += [dict(r) for r in GENERIC_TITLE_SOURCES if r["id"] in cited]
    known_people = known_people or {}
    ids: dict[str, str] = {}
    for pid in sorted({s.person for s in all_spells}):
        name, others, _ = person_names(data, pid, all_spells)
        known = next((known_people[name_key(n)] for n in [name, *others] if name_key(n) in known_people), None)
        ids[pid] = known or slug(name)
        if known is None:
            out.append({"type": "entity", "kind": "Person", "id": ids[pid], "name": name, "aliases": others, "sources": [src]})
    for dept in DEPARTMENTS.values():
        post = f"{dept}/childrens_minister"
        if not any(s.post == post for s in all_spells):
            continue
        out.append({"type": "entity", "kind": "Post", "id": post, "name": f"Children's minister ({DEPARTMENT_NAMES[dept]})",
                    "post_kind": "minister", "sources": [src]})
        out.append({"type": "relationship", "kind": "POST_IN", "id": relationship_id("POST_IN", post, dept, None),
                    "from": post, "to": dept,
                    "evidence": [{"source": src, "quote": f"post_relationship.csv: posts of the {DEPARTMENT_NAMES[dept]} in the group \"{CHILDREN_GROUP}\""}]})
    for s in all_spells:
        pid = ids[s.person]
        _, _, renamed = person_names(data, s.person, [s])
        note = "; ".join([s.note] + renamed if s.note else renamed) or None
        rec: dict[str, Any] = {
            "type": "relationship", "kind": "HOLDS", "id": f"holds:{pid}>{s.post}:{s.start.isoformat()}",
            "from": pid, "to": s.post, "capacity": s.capacity, "start": s.start.isoformat(),
            "evidence": [{"source": src, "quote": s.quote[:600]}]
            + ([{"source": s.named_by[0], "quote": s.named_by[1]}] if s.named_by else []),
        }
        if s.end is not None:
            rec["end"] = s.end.isoformat()
        if note:
            rec["note"] = note
        out.append(rec)
    return out


def snapshot_date(folder: Path, published: str | None) -> str:
    """The snapshot's date: as given (checked), else the newest start or end date of its appointments."""
    if published:
        try:
            return dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise InvalidInput([Problem("--published", 1, "published", f"{published!r} is not a date YYYY-MM-DD")]) from None
    data = _read(folder)
    days = [d for a in data.appointments for d in (a["start_date"], a["end_date"]) if d]
    if not days:
        raise InvalidInput([Problem(str(folder / "appointment.csv"), 1, "start_date", "no appointment has a date; give --published")])
    return max(days)


def check_departments(folder: Path, departments: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """Where the database's dates for our departments differ from (id, established, abolished) given."""
    data = _read(folder)
    found = {}
    for oid, ours in _department_of(data).items():
        o = data.orgs[oid]
        found[ours] = o
    wrong = []
    for dept, established, abolished in departments:
        o = found.get(dept)
        if o is None:
            wrong.append(f"{dept}: not in organisation.csv")
        elif o["start_date"] != established:
            wrong.append(f"{dept}: organisation.csv starts it {o['start_date']}, the frame {established}")
    return wrong


# ---------------------------------------------------------------- the derived facts


def known_people() -> dict[str, str]:
    """Name keys -> ids of the people the bundled fact files already hold (their names and aliases)."""
    import yaml

    from .facts import bundled_dir

    out: dict[str, str] = {}
    for path in sorted(bundled_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in data.get("entities") or []:
            if isinstance(e, dict) and e.get("kind") == "Person":
                for n in [e.get("name"), *(e.get("aliases") or [])]:
                    if n:
                        out.setdefault(name_key(n), e["id"])
    return out


SNAPSHOT = "2026-06-19"  # the date of the snapshot in ../shared/data/ifg-ministers (its README)


def _derive(shared: Path) -> list[dict[str, Any]]:
    folder = shared / "ifg-ministers"
    recs = records(folder, SNAPSHOT, known_people())
    # the database's source is in data/facts/statute.yaml, which every load includes (the frame cites it)
    return [r for r in recs if r["type"] != "source" or r["id"] != source_id(SNAPSHOT)]


def _register() -> None:
    from .derive import derivation

    derivation("ministers", "the Secretaries of State and children's ministers of DfES, DCSF and DfE (IfG Ministers Database)",
               tuple(f"ifg-ministers/{f}" for f in FILES))(_derive)


_register()
