"""The model, as data: every kind of node and relationship, its properties and the words they take.

This is the one definition. The fact files' JSON Schema, the validators, the
embedded store's DDL, Neo4j's constraints and indexes, the Cypher linter's schema
and the pictures' legend are all derived from it (see schema/derive.py).

Persons are not posts (Popolo, FollowTheMoney): a Post exists across its holders;
a Person HOLDS it for an interval, in a capacity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

# ---------------------------------------------------------------- vocabularies

VOCABULARIES: dict[str, tuple[str, ...]] = {
    # unknown: a source says someone holds the post but not in which capacity (never assumed substantive)
    "capacity": ("substantive", "interim", "acting", "declared", "joint", "unknown"),
    "basis": ("statute", "guidance", "contract", "line_management", "declaration", "direction", "political"),
    "status": ("asserted", "disputed"),
    "source_kind": ("news", "statute", "guidance", "inspection_report", "dataset", "letter", "other"),
    "post_kind": (
        "dcs", "lead_member", "chief_executive", "dass", "leader",
        "secretary_of_state", "minister", "chief_inspector", "provider_chief_executive",
        "adviser", "commissioner", "lscb_chair", "other",
    ),
    "council_type": ("County", "Unitary Authority", "Metropolitan District", "London Borough", "Other"),
    "direction_action": (
        "statutory_direction", "intervention", "advisers_appointed", "commissioner_appointed",
        "review", "letter", "improvement_notice",
    ),
    "appointment_action": ("appoint", "terminate"),
    "grade": ("outstanding", "good", "requires improvement", "inadequate"),
    # how a piece of evidence was found: read by a person (curated) or by a program's named rule (extracted)
    "method": ("curated", "extracted"),
    # a person no source names (Wikidata's "unknown value"): known only by the post they hold and when
    "identity": ("named", "unnamed"),
}

# The statutory posts every children's services authority has, in the order a chain shows them.
STATUTORY_POSTS: tuple[str, ...] = ("dcs", "lead_member", "chief_executive", "dass")

# Post kinds whose holders are named "statutory" in the joint-role question.
STATUTORY_POST_KINDS: tuple[str, ...] = ("dcs", "dass", "chief_executive", "lead_member")

# ---------------------------------------------------------------- property and kind types


@dataclass(frozen=True)
class Prop:
    """One property. `type` is one of: string, strings, text, date, int, float, enum.

    A `date` is a date known to a precision: it is stored as two columns, the
    first day it may mean (NAME) and its precision (NAME_precision).
    """

    name: str
    type: str = "string"
    description: str = ""
    vocabulary: str | None = None  # for enum
    required: bool = False
    indexed: bool = False  # templates filter on it: Neo4j gets an index


@dataclass(frozen=True)
class NodeKind:
    name: str
    description: str
    props: tuple[Prop, ...] = ()
    color: str = "#999999"
    shape: str = "dot"


@dataclass(frozen=True)
class RelKind:
    name: str
    description: str
    ends: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...] = ()
    color: str = "#888888"
    dashes: bool = False


# Properties every node has. `sources` are the ids of the sources that establish the node itself.
NODE_COMMON: tuple[Prop, ...] = (
    Prop("id", required=True, description="stable identifier, lower case, e.g. somerset or somerset/dcs", indexed=True),
    Prop("name", required=True, description="the name as sources give it", indexed=True),
    Prop("aliases", "strings", "other names it is known by"),
    Prop("description", "text", "one sentence on what it is"),
    Prop("sources", "strings", "ids of sources that establish it"),
)

# Properties every relationship has: every relationship is a sourced fact.
# `start`/`end` are written by people; the store keeps the derived columns below too.
REL_COMMON: tuple[Prop, ...] = (
    Prop("id", required=True, description="stable identifier (derived from kind, ends and start when not given)", indexed=True),
    Prop("start", "date", "when it began (year, month or day); when omitted, the earliest date of its sources"),
    Prop("end", "date", "when it ended (year, month or day); omitted while it continues"),
    Prop("status", "enum", "asserted, or disputed when sources disagree", vocabulary="status"),
    Prop("note", "text", "what the sources disagree about, or any caveat"),
)

NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind(
        "Council",
        "A local authority with children's services responsibility (a children's services authority).",
        (
            Prop("la_code", description="DfE three-digit LA code, e.g. 933", indexed=True),
            Prop("gss_code", description="ONS GSS code, e.g. E10000027", indexed=True),
            Prop("council_type", "enum", "County, Unitary Authority, Metropolitan District or London Borough", vocabulary="council_type"),
            Prop("region", description="English region", indexed=True),
            Prop("website", description="the council's domain"),
            Prop("urn", description="Ofsted's URN of the council's children's services (its provider number in Ofsted's reports)", indexed=True),
            Prop("short_name", description="the name in short, as tables show it (Bury); the official name is `name`"),
            Prop("former_names", "strings", "official names it had before its present one (`name`), oldest first, while it "
                 "was the same authority (Somerset County Council, renamed Somerset Council as the continuing authority); "
                 "each applied until the day at the same place in `former_names_until`. Answers on a date use the "
                 "name in force on it (schema/council_names.py)"),
            Prop("former_names_until", "strings", "for each former name, the first day it no longer applied (YYYY-MM-DD), in the same order"),
            Prop("latitude", "float", "latitude of the area's centre (WGS84 degrees)"),
            Prop("longitude", "float", "longitude of the area's centre (WGS84 degrees)"),
            Prop("established", "date", "first day it was a children's services authority; omitted when it was one before 2001 and its start is not recorded"),
            Prop("abolished", "date", "first day it no longer was one (its successors' first day); omitted while it continues"),
        ),
        color="#1f77b4", shape="box",
    ),
    NodeKind(
        "Person",
        "A person, known here only by public roles.",
        (
            Prop("identity", "enum", "unnamed: a holder no source names (Wikidata's unknown value), identified by the post "
                 "they hold and the start a source gives; absent or named: a named person", vocabulary="identity"),
        ),
        color="#ff7f0e", shape="dot",
    ),
    NodeKind(
        "Post",
        "An office that exists across its holders, e.g. the Director of Children's Services of a council.",
        (
            Prop("post_kind", "enum", "which kind of post", vocabulary="post_kind", required=True, indexed=True),
            Prop("statutory_basis", description="the enactment that creates it, if any"),
        ),
        color="#2ca02c", shape="diamond",
    ),
    NodeKind(
        "Trust",
        "A trust, company or other provider that runs services a council commissions.",
        (Prop("provider_type", description="e.g. children's services trust, community interest company"),),
        color="#9467bd", shape="box",
    ),
    NodeKind(
        "Department",
        "A government department (DfE; the former DCSF).",
        (
            Prop("abbreviation"),
            Prop("established", "date", "first day it existed"),
            Prop("abolished", "date", "first day it no longer existed (its successor's first day); omitted while it exists"),
        ),
        color="#d62728", shape="box",
    ),
    NodeKind("Inspectorate", "An inspectorate (Ofsted).", (Prop("abbreviation"),), color="#8c564b", shape="box"),
    NodeKind("Association", "A professional association (ADCS, LGA, Solace).", (Prop("abbreviation"),), color="#e377c2", shape="box"),
    NodeKind(
        "Inspection",
        "One inspection of a council's children's services and its judgements.",
        (
            Prop("framework", description="e.g. ILACS standard, ILACS short, child protection"),
            Prop("inspection_start", "date", "first day of the inspection"),
            Prop("inspection_end", "date", "last day of the inspection"),
            Prop("published", "date", "when the report was published", indexed=True),
            Prop("overall", "enum", "overall effectiveness", vocabulary="grade"),
            Prop("impact_of_leaders", "enum", "impact of leaders", vocabulary="grade"),
            Prop("help_and_protection", "enum", "experiences and progress of children who need help and protection", vocabulary="grade"),
            Prop("in_care", "enum", "experiences and progress of children in care", vocabulary="grade"),
            Prop("care_leavers", "enum", "experiences and progress of care leavers", vocabulary="grade"),
            Prop("adoption", "enum", "adoption performance (single inspection framework)", vocabulary="grade"),
            Prop("lscb", "enum", "effectiveness of the Local Safeguarding Children Board (its review beside the single inspection)", vocabulary="grade"),
            Prop("report_url", description="link to the report"),
        ),
        color="#7f7f7f", shape="triangle",
    ),
    NodeKind(
        "Source",
        "Where a fact comes from: an article, an enactment, guidance, a report or a dataset.",
        (
            Prop("title", required=True),
            Prop("publisher", required=True),
            Prop("author"),
            Prop("published", "date", "publication date, to the precision known", required=True),
            Prop("url"),
            Prop("source_kind", "enum", "news, statute, guidance, inspection_report, dataset, letter, other", vocabulary="source_kind", required=True),
            Prop("licence"),
        ),
        color="#bcbd22", shape="star",
    ),
)

_ORGS = ("Council", "Trust", "Department", "Inspectorate", "Association")

REL_KINDS: tuple[RelKind, ...] = (
    RelKind(
        "HOLDS", "A person holds a post for an interval, in a capacity.",
        (("Person", "Post"),),
        (Prop("capacity", "enum", "substantive, interim, acting, declared or joint", vocabulary="capacity", required=True),),
        color="#2ca02c",
    ),
    RelKind(
        "POST_IN", "A post belongs to an organisation.",
        tuple(("Post", o) for o in _ORGS),
        color="#aaaaaa",
    ),
    RelKind(
        "ACCOUNTABLE_TO", "A post or body answers to another, on a basis (statute, contract, line management, declaration).",
        tuple((a, b) for a in ("Post", "Council", "Trust") for b in ("Post", "Council", "Department")),
        (Prop("basis", "enum", "statute, guidance, contract, line_management, declaration, direction, political", vocabulary="basis", required=True),),
        color="#1f77b4",
    ),
    RelKind(
        "APPOINTS", "An organisation or post appoints (or terminates) a person or post.",
        tuple((a, b) for a in ("Council", "Department", "Post", "Trust") for b in ("Person", "Post")),
        (
            Prop("action", "enum", "appoint or terminate", vocabulary="appointment_action"),
            Prop("role", description="the role appointed to, in words"),
        ),
        color="#17becf", dashes=True,
    ),
    RelKind(
        "COMMISSIONS", "A council commissions services from a trust or other provider.",
        (("Council", "Trust"),),
        (
            Prop("services", "strings", "which services"),
            Prop("retained", "strings", "what the council keeps while the provider runs the services, where a source says so (e.g. statutory responsibility)"),
        ),
        color="#9467bd",
    ),
    RelKind(
        "DIRECTS", "A minister or department directs or intervenes in a council or provider.",
        tuple((a, b) for a in ("Post", "Department") for b in ("Council", "Trust")),
        (Prop("action", "enum", "statutory_direction, intervention, advisers_appointed, commissioner_appointed, review, letter, improvement_notice", vocabulary="direction_action", required=True),),
        color="#d62728", dashes=True,
    ),
    RelKind(
        "MEMBER_OF", "A council or person is a member of an association.",
        (("Council", "Association"), ("Person", "Association")),
        (Prop("role"),),
        color="#e377c2", dashes=True,
    ),
    RelKind(
        "OFFICER_OF", "A person is an officer of an association (president, vice president, programme director).",
        (("Person", "Association"),),
        (Prop("role", required=True),),
        color="#e377c2",
    ),
    RelKind(
        "INSPECTS", "An inspection inspects a council's (or provider's) services.",
        (("Inspection", "Council"), ("Inspection", "Trust")),
        color="#8c564b",
    ),
    RelKind(
        "CARRIED_OUT_BY", "An inspection was carried out by an inspectorate.",
        (("Inspection", "Inspectorate"),),
        color="#8c564b", dashes=True,
    ),
    RelKind(
        "STAT_NEIGHBOUR", "DfE statistical neighbour of a council.",
        (("Council", "Council"),),
        (Prop("rank", "int", "1 is the nearest"),),
        color="#cccccc", dashes=True,
    ),
    RelKind(
        "SUCCEEDED_BY", "A body was replaced by another (DCSF by DfE).",
        tuple((a, a) for a in _ORGS),
        color="#cccccc", dashes=True,
    ),
)

# Columns the store keeps on every relationship besides the declared ones: derived by the loader.
REL_DERIVED: tuple[Prop, ...] = (
    Prop("valid_until", "day", "first day it no longer holds (exclusive): its stated end, or the start of a later fact that ends it"),
    Prop("valid_until_precision", description="the precision of the date valid_until was taken from"),
    Prop("until_basis", description="stated | superseded: where valid_until came from"),
    Prop("start_basis", description="stated | source_date: where the start came from"),
    Prop("last_confirmed", "date", "the latest date a source confirms it, for open-ended facts"),
    Prop("sources", "strings", "ids of its sources (at least one)"),
    Prop("quotes", "strings", "the supporting quote from each source, in the same order"),
    Prop("accounts", "strings", "what each source says, where sources disagree, in the same order"),
    Prop("pages", "strings", "the page of each source its quote is on ('' where not given), in the same order"),
    Prop("methods", "strings", "how each piece of evidence was found: curated or extracted ('' where not said: curated)"),
    Prop("rules", "strings", "for extracted evidence, the named rule that found it ('' otherwise)"),
    Prop("as_of", "strings", "the day each source says it was so, where that is not the source's own date ('' otherwise)"),
    Prop("content_hash", description="the hash of the fact-file line that wrote it exactly as given (schema/content_hash.py); "
         "empty when merged, contested, corrected or not from a line"),
    Prop("kind", description="the relationship's kind, repeated as a property for both engines"),
)

# One source's support for a fact. A relationship keeps its evidence as parallel lists
# (sources, quotes, accounts, pages, methods, rules, as_of: REL_DERIVED above).
EVIDENCE_PROPS: tuple[Prop, ...] = (
    Prop("source", required=True, description="the id of the source"),
    Prop("quote", "text", required=True, description="the exact words of the source that support the fact"),
    Prop("account", "text", "what this source says, where sources disagree"),
    Prop("page", "int", "the page of the source the quote is on"),
    Prop("method", "enum", "curated (a person read the source) or extracted (a program's named rule found it); omitted: curated", vocabulary="method"),
    Prop("rule", description="for extracted evidence: the name of the rule that found it, e.g. sif.leadership.in_post_since"),
    Prop("as_of", "date", "when the source says it was so, where that is not its own date (a report is as of its inspection's last day)"),
)
EVIDENCE_FIELDS = tuple(p.name for p in EVIDENCE_PROPS)
# The relationship column that keeps each evidence field, in the same order as `sources`.
EVIDENCE_COLUMNS = {"source": "sources", "quote": "quotes", "account": "accounts", "page": "pages",
                    "method": "methods", "rule": "rules", "as_of": "as_of"}

NODE_BY_NAME = {k.name: k for k in NODE_KINDS}
REL_BY_NAME = {k.name: k for k in REL_KINDS}
ENTITY_KINDS = tuple(k.name for k in NODE_KINDS if k.name != "Source")


def node_props(kind: str) -> tuple[Prop, ...]:
    return NODE_COMMON + NODE_BY_NAME[kind].props


def rel_props(kind: str) -> tuple[Prop, ...]:
    return REL_COMMON + REL_BY_NAME[kind].props


@dataclass(frozen=True)
class Column:
    """A column as the stores keep it."""

    name: str
    type: str  # STRING, STRING[], DATE, INT64, DOUBLE


def _columns(props: tuple[Prop, ...]) -> list[Column]:
    cols: list[Column] = []
    seen: set[str] = set()
    for p in props:
        if p.name in seen:
            continue
        seen.add(p.name)
        if p.type == "date":
            if p.name in ("start", "end"):
                name = {"start": "valid_from", "end": "valid_to"}[p.name]
            else:
                name = p.name
            cols += [Column(name, "DATE"), Column(name + "_precision", "STRING")]
        elif p.type == "day":
            cols.append(Column(p.name, "DATE"))
        elif p.type == "strings":
            cols.append(Column(p.name, "STRING[]"))
        elif p.type == "int":
            cols.append(Column(p.name, "INT64"))
        elif p.type == "float":
            cols.append(Column(p.name, "DOUBLE"))
        else:
            cols.append(Column(p.name, "STRING"))
    return cols


def node_columns(kind: str) -> list[Column]:
    """Columns of a node table: its properties, plus `kind` (the label, as a property both engines can read)."""
    return list(_node_columns(kind))


def rel_columns(kind: str) -> list[Column]:
    return list(_rel_columns(kind))


# Every node and relationship keeps the hash of the fact-file line that wrote it as given
# (schema/content_hash.py): a reload recognises a line the graph already holds by it alone.
CONTENT_HASH = Column("content_hash", "STRING")


# Loaders ask for these once per row: computed once per kind (callers get their own list).
@lru_cache(maxsize=None)
def _node_columns(kind: str) -> tuple[Column, ...]:
    props = node_props(kind) if kind != "Source" else (NODE_COMMON[0],) + NODE_BY_NAME["Source"].props
    return tuple(_columns(props) + [Column("kind", "STRING"), CONTENT_HASH])


@lru_cache(maxsize=None)
def _rel_columns(kind: str) -> tuple[Column, ...]:
    return tuple(_columns(rel_props(kind) + REL_DERIVED))


@dataclass
class SchemaSummary:
    labels: list[str] = field(default_factory=list)
    relationship_types: list[str] = field(default_factory=list)
    property_keys: list[str] = field(default_factory=list)
    graph_schema: list[dict[str, str]] = field(default_factory=list)


def summary() -> SchemaSummary:
    """Labels, types, property keys and ends, for the linter and the docs."""
    keys: set[str] = set()
    for k in NODE_KINDS:
        keys.update(c.name for c in node_columns(k.name))
    ends = []
    for r in REL_KINDS:
        keys.update(c.name for c in rel_columns(r.name))
        ends += [{"from": a, "to": b, "relType": r.name} for a, b in r.ends]
    return SchemaSummary(
        labels=[k.name for k in NODE_KINDS],
        relationship_types=[r.name for r in REL_KINDS],
        property_keys=sorted(keys),
        graph_schema=ends,
    )
