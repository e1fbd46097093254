"""The fact-file records, as pydantic models generated from schema/model.py.

A fact file has three lists: `sources`, `entities` and `relationships`. Each
entity and relationship says its `kind`; its other fields are those the model
gives that kind, and nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    create_model,
)

from . import council_names
from .dates import FuzzyDate
from .model import (
    EVIDENCE_PROPS,
    NODE_BY_NAME,
    NODE_COMMON,
    NODE_KINDS,
    REL_COMMON,
    REL_KINDS,
    VOCABULARIES,
    Prop,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9._/:-]*$"
REL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/:>@-]*$"
MAX_QUOTE = 600

Date = Annotated[
    FuzzyDate,
    BeforeValidator(FuzzyDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1800, "maximum": 2200},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the source",
        }
    ),
]
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=200)]
RelId = Annotated[str, Field(pattern=REL_ID_PATTERN, min_length=1, max_length=400)]
# One gate for text into the graph, whatever the route (fact files, JSON Lines, the register, Ofsted's
# spreadsheets, an export read back by sync, and any loader built on these models): no control
# characters (C0, DEL, C1) and no bidirectional overrides, which could make a terminal or a page show
# what is not there; a tab is text; a line break only in the fields that are paragraphs (notes,
# descriptions, quotes, accounts). The patterns are read alike by pydantic (Rust), Python and JSON Schema.
LINE_PATTERN = r"^[^\x00-\x08\x0A-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
PARAGRAPH_PATTERN = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
# Lengths: a name or title is a line of a table; anything longer was not typed by hand.
MAX_NAME = 300
MAX_TITLE = 500
MAX_LINE = 1000
MAX_PARAGRAPH = 4000
LIMITS = {"name": MAX_NAME, "aliases": MAX_NAME, "title": MAX_TITLE}


def _line(limit: int = MAX_LINE) -> Any:
    return Annotated[str, Field(min_length=1, max_length=limit, pattern=LINE_PATTERN)]


def _paragraph(limit: int = MAX_PARAGRAPH) -> Any:
    return Annotated[str, Field(min_length=1, max_length=limit, pattern=PARAGRAPH_PATTERN)]


Text = _line()
Paragraph = _paragraph()
Int = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]  # the stores keep INT64: a larger number would fail mid-write
Float = Annotated[float, Field(allow_inf_nan=False)]  # the stores keep DOUBLE; NaN and infinity are no values


def _py_type(p: Prop) -> Any:
    if p.type == "date":
        return Date
    if p.type == "strings":
        return list[_line(LIMITS.get(p.name, MAX_LINE))]  # type: ignore[misc]
    if p.type == "int":
        return Int
    if p.type == "float":
        return Float
    if p.type == "enum":
        return Literal[VOCABULARIES[p.vocabulary]]  # type: ignore[index]
    if p.type == "text":
        return Paragraph
    return _line(LIMITS.get(p.name, MAX_LINE))


def _fields(props: tuple[Prop, ...], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in props:
        if p.name in skip:
            continue
        t = _py_type(p)
        if p.required:
            out[p.name] = (t, Field(description=p.description))
        else:
            default: Any = [] if p.type == "strings" else None
            out[p.name] = (t if p.type == "strings" else t | None, Field(default=default, description=p.description))
    return out


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)


class _EvidenceBase(Record):
    pass


def _evidence_model() -> type[Record]:
    """One source's support for a fact (schema/model.py EVIDENCE_PROPS): its id, a short quote,
    what it says when sources disagree, and for extracted facts the page, method and rule."""
    fields = _fields(tuple(p for p in EVIDENCE_PROPS if p.name not in ("source", "quote", "page")))
    fields["source"] = (Id, Field(description=EVIDENCE_PROPS[0].description))
    fields["quote"] = (_paragraph(MAX_QUOTE), Field(description=EVIDENCE_PROPS[1].description))
    page = next(p for p in EVIDENCE_PROPS if p.name == "page")
    fields["page"] = (Annotated[int, Field(ge=1, le=100_000)] | None, Field(default=None, description=page.description))
    order = [p.name for p in EVIDENCE_PROPS]
    return create_model(
        "Evidence", __base__=_EvidenceBase,
        __doc__="One source's support for a fact: its id, a short quote, and (when sources disagree) what it says.",
        **{k: fields[k] for k in order},
    )


Evidence = _evidence_model()


_source_props = tuple(p for p in NODE_BY_NAME["Source"].props)
Source = create_model(
    "Source",
    __base__=Record,
    __doc__="A source: an article, an enactment, guidance, a report or a dataset.",
    id=(Id, Field(description="stable identifier")),
    **_fields(_source_props),
)


class CouncilRecord(Record):
    def names_problem(self) -> str | None:
        """Former names that do not pair with their end days (checked by the loader, which knows the line)."""
        return council_names.check(getattr(self, "former_names", None), getattr(self, "former_names_until", None))


def _entity_model(kind: str) -> type[Record]:
    nk = NODE_BY_NAME[kind]
    common = _fields(NODE_COMMON, skip=("id",))
    common["sources"] = (list[Id], Field(default_factory=list, description="ids of sources that establish it"))
    return create_model(
        kind,
        __base__=CouncilRecord if kind == "Council" else Record,
        __doc__=nk.description,
        kind=(Literal[kind], Field(description="the kind of entity")),  # type: ignore[valid-type]
        id=(Id, Field(description="stable identifier, e.g. somerset or somerset/dcs")),
        **common,
        **_fields(nk.props),
    )


class RelationshipBase(Record):
    def interval_problem(self) -> str | None:
        """An interval that ends before it starts (checked by the loader, which knows the line)."""
        start, end = getattr(self, "start", None), getattr(self, "end", None)
        if start is not None and end is not None and end.after <= start.first:
            return f"the interval ends ({end}) before it starts ({start})"
        return None


def _rel_model(kind: str) -> type[Record]:
    rk = REL_KINDS_BY_NAME[kind]
    fields = _fields(REL_COMMON, skip=("id",))
    fields["status"] = (Literal[VOCABULARIES["status"]], Field(default="asserted", description="asserted, or disputed when sources disagree"))  # type: ignore[index]
    return create_model(
        kind,
        __base__=RelationshipBase,
        __doc__=rk.description,
        kind=(Literal[kind], Field(description="the kind of relationship")),  # type: ignore[valid-type]
        id=(RelId | None, Field(default=None, description="stable identifier; derived from kind, ends and start when omitted")),
        from_=(Id, Field(alias="from", description="id of the entity it starts from")),
        to=(Id, Field(description="id of the entity it points to")),
        evidence=(list[Evidence], Field(min_length=1, description="each source with a short supporting quote")),
        **fields,
        **_fields(rk.props),
    )


REL_KINDS_BY_NAME = {r.name: r for r in REL_KINDS}
ENTITY_MODELS: dict[str, type[Record]] = {k.name: _entity_model(k.name) for k in NODE_KINDS if k.name != "Source"}
REL_MODELS: dict[str, type[Record]] = {r.name: _rel_model(r.name) for r in REL_KINDS}

Entity = Annotated[Union[tuple(ENTITY_MODELS.values())], Field(discriminator="kind")]  # type: ignore[misc]
Relationship = Annotated[Union[tuple(REL_MODELS.values())], Field(discriminator="kind")]  # type: ignore[misc]


class FactFile(Record):
    """A file of sourced facts."""

    model_config = ConfigDict(extra="forbid", title="accountable fact file")
    sources: list[Source] = Field(default_factory=list)  # type: ignore[valid-type]
    entities: list[Entity] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)


def relationship_id(kind: str, from_id: str, to_id: str, start: FuzzyDate | None) -> str:
    """The stable id of a relationship that was given none: its kind, its ends and its start as written."""
    return f"{kind}:{from_id}>{to_id}@{start if start else '-'}"


def json_schema() -> dict[str, Any]:
    schema = FactFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/accountable/accountable/facts.schema.json"
    return schema


def today() -> dt.date:
    return dt.date.today()
