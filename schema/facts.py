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

from .dates import FuzzyDate
from .model import (
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
Text = Annotated[str, Field(min_length=1)]
Int = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]  # the stores keep INT64: a larger number would fail mid-write
Float = Annotated[float, Field(allow_inf_nan=False)]  # the stores keep DOUBLE; NaN and infinity are no values


def _py_type(p: Prop) -> Any:
    if p.type == "date":
        return Date
    if p.type == "strings":
        return list[Text]
    if p.type == "int":
        return Int
    if p.type == "float":
        return Float
    if p.type == "enum":
        return Literal[VOCABULARIES[p.vocabulary]]  # type: ignore[index]
    return Text


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


class Evidence(Record):
    """One source's support for a fact: its id, a short quote, and (when sources disagree) what it says."""

    source: Id
    quote: Annotated[str, Field(min_length=1, max_length=MAX_QUOTE)]
    account: Text | None = None


_source_props = tuple(p for p in NODE_BY_NAME["Source"].props)
Source = create_model(
    "Source",
    __base__=Record,
    __doc__="A source: an article, an enactment, guidance, a report or a dataset.",
    id=(Id, Field(description="stable identifier")),
    **_fields(_source_props),
)


def _entity_model(kind: str) -> type[Record]:
    nk = NODE_BY_NAME[kind]
    common = _fields(NODE_COMMON, skip=("id",))
    common["sources"] = (list[Id], Field(default_factory=list, description="ids of sources that establish it"))
    return create_model(
        kind,
        __base__=Record,
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
