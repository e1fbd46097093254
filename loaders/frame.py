"""The statutory frame every children's services authority stands in.

For each council: its four statutory posts (DCS, Lead Member, head of paid
service, DASS) and the standard lines of accountability between them, to the
council and up to the Secretary of State for Education, each sourced to the
enactment or statutory guidance that makes it. The sources and the national
bodies are in data/facts/statute.yaml, which every load includes.
"""

from __future__ import annotations

from typing import Any

SECRETARY_OF_STATE = "dfe/secretary_of_state"

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
    ("council", "sos", "statute", INTERVENTION, INTERVENTION_QUOTE, "2004-11-15"),
)


def post_id(council_id: str, post_kind: str) -> str:
    return f"{council_id}/{post_kind}"


def frame_for(council_id: str, council_name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entities and relationships (as fact-file records) of one council's statutory frame."""
    entities, rels = [], []
    for kind, (name, basis, source, quote, since) in POSTS.items():
        pid = post_id(council_id, kind)
        entities.append(
            {"kind": "Post", "id": pid, "name": f"{name}, {council_name}", "post_kind": kind,
             "statutory_basis": basis, "sources": [source]}
        )
        rels.append(
            {"kind": "POST_IN", "id": f"frame:post_in:{pid}>{council_id}", "from": pid, "to": council_id,
             "start": since, "evidence": [{"source": source, "quote": quote}]}
        )

    def end(x: str) -> str:
        return {"council": council_id, "sos": SECRETARY_OF_STATE}.get(x) or post_id(council_id, x)

    for a, b, basis, source, quote, since in LINES:
        rels.append(
            {"kind": "ACCOUNTABLE_TO", "id": f"frame:accountable_to:{end(a)}>{end(b)}", "from": end(a), "to": end(b),
             "basis": basis, "start": since, "evidence": _evidence(a, source, quote)}
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
