"""The statutory frame every children's services authority stands in.

For each council: its four statutory posts (DCS, Lead Member, head of paid
service, DASS) and the standard lines of accountability between them, to the
council and up to the Secretary of State of the department responsible on each
date (DfES, DCSF, DfE), each sourced to the enactment or statutory guidance that
makes it. The sources and the national bodies are in data/facts/statute.yaml,
which every load includes.

A post exists from when its enactment is in force and while its council exists:
its POST_IN runs from the later of the two to the council's last day, and so do
the lines from it. A council's line to the Secretary of State follows the
department in force.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schema.dates import FuzzyDate

SECRETARY_OF_STATE = "dfe/secretary_of_state"

# The departments responsible for children's services in England since 2001, with their first day
# and the first day they no longer existed (Institute for Government, Ministers Database: the
# same dates as the departments in data/facts/statute.yaml; a test compares them).
DEPARTMENTS: tuple[tuple[str, str, str | None], ...] = (
    ("dfes", "2001-06-08", "2007-06-28"),
    ("dcsf", "2007-06-28", "2010-05-12"),
    ("dfe", "2010-05-12", None),
)
IFG_SOURCE = "ifg-ministers-2026-06-19"
DEPARTMENT_QUOTES = {
    "dfes": "organisation.csv: Department for Education and Skills, DfES, 2001-06-08 to 2007-06-28",
    "dcsf": "organisation.csv: Department for Children, Schools and Families, DCSF, 2007-06-28 to 2010-05-11",
    "dfe": "organisation.csv: Department for Education, DfE, 2010-05-12 to (in existence)",
}

# When the Children Act 2004's posts came into force in England. Part 2 of the Act (ss10-24) was
# not in force at Royal Assent: it "comes into force in accordance with provision made by order by
# the Secretary of State" (s67(2)). Section 18 (the DCS) was brought into force by the Children Act
# 2004 (Commencement No. 1) Order 2005 (SI 2005/394), article 2(2): "1st April 2005". The note as to
# earlier commencement orders in SI 2005/847 lists "Section 18 | 1 April 2004 | 2005/394": its year
# is a slip, as SI 2005/394 was made on 25 February 2005 and its article 2(2) is the 1 April 2005
# list. No order bringing section 19 (the Lead Member) into force could be quoted (SI 2005/847's
# note does not list it), so the Lead Member post stays dated from Royal Assent: the earliest day
# it can have existed, not a confirmed one (docs/reference-data.md says so).
ROYAL_ASSENT_2004 = "2004-11-15"
DCS_COMMENCEMENT = "2005-04-01"
COMMENCEMENT_EVIDENCE: dict[str, list[dict[str, str]]] = {
    "dcs": [
        {"source": "si2005-394", "quote": "The following provisions of the Act shall come into force on 1st April 2005"},
        {"source": "si2005-847", "quote": "Section 18 1 April 2004 2005/394"},
    ],
}

# post kind -> (name, statutory basis, source id, quote, in force from)
POSTS: dict[str, tuple[str, str, str, str, str]] = {
    "dcs": (
        "Director of Children's Services",
        "Children Act 2004 s18",
        "ca2004-s18",
        "Director of children's services",
        DCS_COMMENCEMENT,
    ),
    "lead_member": (
        "Lead Member for Children's Services",
        "Children Act 2004 s19",
        "ca2004-s19",
        "Lead member for children's services",
        ROYAL_ASSENT_2004,
    ),
    "chief_executive": (
        "Chief Executive (head of paid service)",
        "Local Government and Housing Act 1989 s4",
        "lgha1989-s4",
        "Designation and reports of head of paid service",
        "1989",
    ),
    "dass": (
        "Director of Adult Social Services",
        "Local Authority Social Services Act 1970 s6",
        "lassa1970-s6",
        "Director of adult social services",
        ROYAL_ASSENT_2004,
    ),
}

GUIDANCE = "dfe-2013-dcs-lm-guidance"
GUIDANCE_QUOTE = "roles and responsibilities of the Director of Children's Services and the Lead Member for Children's Services"
# Education Act 1996 s497A, inserted by the School Standards and Framework Act 1998 s8. Section 8
# came into force on 1 October 1998: the School Standards and Framework Act 1998 (Commencement No. 2
# ...) Order 1998 (SI 1998/2212), article 2(1), brings the provisions in Part I of its Schedule 1 into
# force on that day, and the note as to earlier commencement orders in SI 1999/1016 lists "Sections 5
# to 9" among them, "1st October 1998", "1998/2212". The line starts with the first department of the
# project's period (DfES, 2001-06-08), which is later.
INTERVENTION = "ea1996-s497a"
INTERVENTION_QUOTE = "Power to secure proper performance"
INSERTED_BY = {"source": "ssfa1998-s8", "quote": "After section 497 of the Education Act 1996 there shall be inserted"}
S497A_COMMENCEMENT = "1998-10-01"
S497A_COMMENCED_BY = [
    {"source": "si1998-2212",
     "quote": "The provisions of the 1998 Act specified in Part I of Schedule 1 to this Order shall come into force on 1st October 1998"},
    {"source": "si1999-1016", "quote": "Sections 5 to 9, 14, 15"},
    {"source": "si1999-1016", "quote": "Schedule 26. 1st October 1998. 1998/2212."},
]
# Children Act 2004 s50 (intervention) came into force in England on 1 March 2005 (SI 2005/394,
# article 2(1)(f)): it supports the council's line only for departments that began after that.
S50 = "ca2004-s50"
S50_COMMENCEMENT = "2005-03-01"

# (from post kind or "council", to post kind or "council" or "sos", basis, source, quote, from)
LINES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("dcs", "chief_executive", "line_management", GUIDANCE, GUIDANCE_QUOTE, DCS_COMMENCEMENT),
    ("dcs", "lead_member", "political", GUIDANCE, GUIDANCE_QUOTE, DCS_COMMENCEMENT),
    ("dass", "chief_executive", "line_management", "lassa1970-s6", POSTS["dass"][3], ROYAL_ASSENT_2004),
    ("chief_executive", "council", "statute", "lgha1989-s4", POSTS["chief_executive"][3], "1989"),
    ("lead_member", "council", "statute", "ca2004-s19", POSTS["lead_member"][3], ROYAL_ASSENT_2004),
    ("council", "sos", "statute", INTERVENTION, INTERVENTION_QUOTE, S497A_COMMENCEMENT),
)


def post_id(council_id: str, post_kind: str) -> str:
    return f"{council_id}/{post_kind}"


def _span(since: str, established: FuzzyDate | None, abolished: FuzzyDate | None,
          until: str | None = None) -> dict[str, str] | None:
    """start/end of a frame fact: from the later of `since` and the council's first day, to the
    earlier of `until` (first day it no longer holds) and the council's end; None when empty."""
    start = FuzzyDate.parse(since)
    if established is not None and established.first > start.first:
        start = established
    stops = [FuzzyDate.parse(until).first] if until else []
    if abolished is not None:
        stops.append(abolished.first)
    out = {"start": str(start)}
    if stops:
        stop = min(stops)
        if stop <= start.first:
            return None
        out["end"] = (stop - dt.timedelta(days=1)).isoformat()
    return out


def frame_for(council_id: str, council_name: str, established: FuzzyDate | None = None,
              abolished: FuzzyDate | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entities and relationships (as fact-file records) of one council's statutory frame, within
    the council's existence (`established`: its first day; `abolished`: the first day it no longer was)."""
    entities, rels = [], []
    for kind, (name, basis, source, quote, since) in POSTS.items():
        pid = post_id(council_id, kind)
        entities.append(
            {"kind": "Post", "id": pid, "name": f"{name}, {council_name}", "post_kind": kind,
             "statutory_basis": basis, "sources": [source]}
        )
        span = _span(since, established, abolished)
        if span is None:
            continue
        rels.append(
            {"kind": "POST_IN", "id": f"frame:post_in:{pid}>{council_id}", "from": pid, "to": council_id,
             **span, "evidence": [{"source": source, "quote": quote}, *COMMENCEMENT_EVIDENCE.get(kind, [])]}
        )

    def end(x: str) -> str:
        return {"council": council_id}.get(x) or post_id(council_id, x)

    for a, b, basis, source, quote, since in LINES:
        if b == "sos":
            for dept, first, stop in DEPARTMENTS:
                sos = f"{dept}/secretary_of_state"
                later = max(since, first) if len(since) == len(first) else first
                span = _span(later, established, abolished, stop)
                if span is None:
                    continue
                ev = _evidence(a, source, quote, first) + [{"source": IFG_SOURCE, "quote": DEPARTMENT_QUOTES[dept]}]
                rels.append(
                    {"kind": "ACCOUNTABLE_TO", "id": f"frame:accountable_to:{end(a)}>{sos}", "from": end(a), "to": sos,
                     "basis": basis, **span, "evidence": ev}
                )
            continue
        span = _span(since, established, abolished)
        if span is None:
            continue
        rels.append(
            {"kind": "ACCOUNTABLE_TO", "id": f"frame:accountable_to:{end(a)}>{end(b)}", "from": end(a), "to": end(b),
             "basis": basis, **span, "evidence": _evidence(a, source, quote)}
        )
    return entities, rels


def _evidence(from_kind: str, source: str, quote: str, since: str | None = None) -> list[dict[str, str]]:
    """The DCS's lines rest on s18 itself and on the statutory guidance that spells them out; the
    council's line to a department's Secretary of State on s497A (with the Act that inserted it and
    the orders that brought that in force) and, for a department that began once s50 was in force,
    on s50 too."""
    ev = [{"source": source, "quote": quote}]
    if from_kind == "dcs":
        ev.insert(0, {"source": POSTS["dcs"][2], "quote": POSTS["dcs"][3]})
    if from_kind == "council":
        ev.extend([INSERTED_BY, *S497A_COMMENCED_BY])
        if since is not None and since >= S50_COMMENCEMENT:
            ev.append({"source": S50, "quote": "Intervention"})
    return ev
