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

# post kind -> (name, statutory basis, source id, quote, in force from)
POSTS: dict[str, tuple[str, str, str, str, str]] = {
    "dcs": (
        "Director of Children's Services",
        "Children Act 2004 s18",
        "ca2004-s18",
        "Director of children's services",
        "2004-11-15",
    ),
    "lead_member": (
        "Lead Member for Children's Services",
        "Children Act 2004 s19",
        "ca2004-s19",
        "Lead member for children's services",
        "2004-11-15",
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
        "2004-11-15",
    ),
}

GUIDANCE = "dfe-2013-dcs-lm-guidance"
GUIDANCE_QUOTE = "roles and responsibilities of the Director of Children's Services and the Lead Member for Children's Services"
INTERVENTION = "ea1996-s497a"
INTERVENTION_QUOTE = "Power to secure proper performance"

# (from post kind or "council", to post kind or "council" or "sos", basis, source, quote, from)
LINES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("dcs", "chief_executive", "line_management", GUIDANCE, GUIDANCE_QUOTE, "2004-11-15"),
    ("dcs", "lead_member", "political", GUIDANCE, GUIDANCE_QUOTE, "2004-11-15"),
    ("dass", "chief_executive", "line_management", "lassa1970-s6", POSTS["dass"][3], "2004-11-15"),
    ("chief_executive", "council", "statute", "lgha1989-s4", POSTS["chief_executive"][3], "1989"),
    ("lead_member", "council", "statute", "ca2004-s19", POSTS["lead_member"][3], "2004-11-15"),
    ("council", "sos", "statute", INTERVENTION, INTERVENTION_QUOTE, "2001-06-08"),
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
             **span, "evidence": [{"source": source, "quote": quote}]}
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
                ev = _evidence(a, source, quote) + [{"source": IFG_SOURCE, "quote": DEPARTMENT_QUOTES[dept]}]
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


def _evidence(from_kind: str, source: str, quote: str) -> list[dict[str, str]]:
    """The DCS's lines rest on s18 itself and on the statutory guidance that spells them out."""
    ev = [{"source": source, "quote": quote}]
    if from_kind == "dcs":
        ev.insert(0, {"source": POSTS["dcs"][2], "quote": POSTS["dcs"][3]})
    if from_kind == "council":
        ev.append({"source": "ca2004-s50", "quote": "Intervention"})
    return ev
