"""Validated records as the loader keeps them: the row the store will hold, and its dates.

A pydantic model is the right tool to *check* a record, but a heavy one to *keep*: a
million models hold three times the memory of their rows. So a record is checked by its
model (schema/facts.py), then kept as a `Fact`: the row for the store (built once, from the
columns of schema/model.py) and the dates the later checks need. Reading an attribute of a
Fact reads its row, so the reference and overlap checks read Facts as they read models.

The rows built here are the rows the stores write; both write paths (MERGE and the bulk
COPY) take them unchanged.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from ..schema.dates import FuzzyDate
from ..schema.model import node_columns, rel_columns

# ---------------------------------------------------------------- column plans, computed once per kind


@cache
def _node_plan(kind: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A node row's columns by how they are filled: (as they are, lists, dates with their precision)."""
    values, lists, dates = [], [], []
    for col in node_columns(kind):
        if col.name.endswith("_precision") or col.name == "kind":
            continue
        (dates if col.type == "DATE" else lists if col.type == "STRING[]" else values).append(col.name)
    return tuple(values), tuple(lists), tuple(dates)


@cache
def _rel_props(kind: str) -> tuple[tuple[str, bool], ...]:
    """The declared properties of a relationship kind that are copied as they are: (name, is a list)."""
    derived = {
        "id", "kind", "valid_from", "valid_from_precision", "valid_to", "valid_to_precision", "valid_until",
        "valid_until_precision", "until_basis", "start_basis", "last_confirmed", "last_confirmed_precision",
        "sources", "quotes", "accounts", "pages", "methods", "rules", "as_of",
    }
    return tuple((c.name, c.type == "STRING[]") for c in rel_columns(kind) if c.name not in derived)


@cache
def date_fields(kind: str) -> frozenset[str]:
    return frozenset(c.name for c in node_columns(kind) if c.type == "DATE")


@cache
def _stored(first: str | None, precision: str | None) -> FuzzyDate | None:
    return FuzzyDate.from_stored(first, precision)


_ISO: dict[Any, str] = {}


def _iso(day: Any) -> str:
    """A day as ISO text, one string per day however many rows carry it (a million rows repeat
    a few thousand days)."""
    text = _ISO.get(day)
    if text is None:
        if len(_ISO) > 200_000:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
    return text


# ---------------------------------------------------------------- rows


def node_row(kind: str, record: Any) -> dict[str, Any]:
    """The store's row for an entity or source (a model or a Fact)."""
    if isinstance(record, Fact):
        return record.row
    data = record.__dict__
    values, lists, dates = _node_plan(kind)
    get = data.get
    row: dict[str, Any] = {name: get(name) for name in values}
    for name in lists:
        value = get(name)
        row[name] = list(value) if value else []
    for name in dates:
        value = get(name)
        if value is None:
            row[name] = row[name + "_precision"] = None
        else:
            row[name], row[name + "_precision"] = _iso(value.first), value.precision
    row["kind"] = kind
    return row


def rel_base_row(record: Any) -> dict[str, Any]:
    """Every column of a relationship that its own text decides; the columns that depend on its
    sources' dates (a start taken from the earliest source, the last confirmation) are set by
    `finish_rel_row` once every source is known."""
    data = record.__dict__
    start, end = data.get("start"), data.get("end")
    evidence = data["evidence"]
    row: dict[str, Any] = {
        "id": data["id"], "from_id": data["from_"], "to_id": data["to"], "kind": data["kind"],
        "valid_from": _iso(start.first) if start is not None else None,
        "valid_from_precision": start.precision if start is not None else None,
        "valid_to": _iso(end.first) if end is not None else None,
        "valid_to_precision": end.precision if end is not None else None,
        "status": data.get("status"), "note": data.get("note"),
        "valid_until": _iso(end.after) if end is not None else None,
        "valid_until_precision": end.precision if end is not None else None,
        "until_basis": "stated" if end is not None else None,
        "start_basis": "stated" if start is not None else None,
        "last_confirmed": None, "last_confirmed_precision": None,
        **evidence_lists(evidence),
    }
    for name, is_list in _rel_props(data["kind"]):
        if name not in row:
            value = data.get(name)
            row[name] = list(value or []) if is_list else value
    return row


def evidence_lists(evidence: Any) -> dict[str, list[str]]:
    """A relationship's evidence as the parallel lists the stores keep ('' where a field is not given)."""
    return {
        "sources": [ev.source for ev in evidence],
        "quotes": [ev.quote for ev in evidence],
        "accounts": [ev.account or "" for ev in evidence],
        "pages": [str(ev.page) if ev.page else "" for ev in evidence],
        "methods": [ev.method or "" for ev in evidence],
        "rules": [ev.rule or "" for ev in evidence],
        "as_of": [str(ev.as_of) if ev.as_of else "" for ev in evidence],
    }


@cache
def _as_of(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def evidence_dates(row: dict[str, Any], source_dates: dict[str, FuzzyDate]) -> list[FuzzyDate]:
    """The date each piece of evidence speaks for: the day it says it was so (`as_of`), else its source's date."""
    as_of = row.get("as_of") or ()
    out = []
    for i, sid in enumerate(row["sources"]):
        d = _as_of(as_of[i]) if i < len(as_of) and as_of[i] else source_dates.get(sid)
        if d is not None:
            out.append(d)
    return out


def finish_rel_row(fact: "RelFact", source_dates: dict[str, FuzzyDate]) -> dict[str, Any]:
    """Fill the columns that depend on the sources' dates (in place; running it again gives the same row).
    A source that says when it was so (a report as of its inspection) counts from that day."""
    row = fact.row
    dates = evidence_dates(row, source_dates)
    start, end = fact.start, fact.end
    if start is None:
        if end is None and dates:
            derived = min(dates, key=lambda d: d.first)
            row["valid_from"], row["valid_from_precision"] = _iso(derived.first), derived.precision
            row["start_basis"] = "source_date"
        else:
            row["valid_from"] = row["valid_from_precision"] = None
            row["start_basis"] = "unknown"
    last = max(dates, key=lambda d: d.after) if (dates and end is None) else None
    row["last_confirmed"] = _iso(last.first) if last is not None else None
    row["last_confirmed_precision"] = last.precision if last is not None else None
    return row


# ---------------------------------------------------------------- facts


class Evidence(NamedTuple):
    source: str
    quote: str
    account: str | None
    page: int | None = None
    method: str | None = None
    rule: str | None = None
    as_of: FuzzyDate | None = None


class Fact:
    """A checked record, kept as its row. Attributes read the row (as the model's fields would)."""

    __slots__ = ("row",)

    def __init__(self, row: dict[str, Any]):
        self.row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None

    def content(self) -> dict[str, Any]:
        """What two records with one id must agree on (not the hash of the line that gave it)."""
        r = self.row
        return {k: v for k, v in r.items() if k != "content_hash"} if r.get("content_hash") else r


class SourceFact(Fact):
    __slots__ = ("published",)

    def __init__(self, row: dict[str, Any], published: FuzzyDate):
        self.row = row
        self.published = published


class EntityFact(Fact):
    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        row = self.row
        if name in date_fields(row["kind"]):
            return _stored(row[name], row[name + "_precision"])
        return super().__getattr__(name)


class RelFact(Fact):
    __slots__ = ("start", "end")

    def __init__(self, row: dict[str, Any], start: FuzzyDate | None, end: FuzzyDate | None):
        self.row = row
        self.start = start
        self.end = end

    @property
    def from_(self) -> str:
        return self.row["from_id"]

    @property
    def to(self) -> str:
        return self.row["to_id"]

    @property
    def evidence(self) -> list[Evidence]:
        return evidence_of_row(self.row)

    @evidence.setter
    def evidence(self, evidence: list[Any]) -> None:
        """Evidence replaced (datasets merge every snapshot's): the row's lists follow it, and it is no
        longer the record of the line that gave it (schema/content_hash.py)."""
        self.row.update(evidence_lists(evidence))
        self.row["content_hash"] = None

    def content(self) -> dict[str, Any]:
        # the source-dated columns are not the record's own words
        r = self.row
        return {k: v for k, v in r.items() if k not in ("last_confirmed", "last_confirmed_precision", "content_hash")} | (
            {"valid_from": None, "valid_from_precision": None, "start_basis": None} if self.start is None else {}
        )


def evidence_of_row(r: dict[str, Any]) -> list[Evidence]:
    """The evidence a row's parallel lists keep (a stored row may lack the newer lists)."""
    n = len(r.get("sources") or [])

    def col(name: str) -> list[str]:
        values = list(r.get(name) or [])
        return values + [""] * (n - len(values))

    return [Evidence(s, q, a or None, int(p) if p else None, m or None, ru or None, _as_of(d) if d else None)
            for s, q, a, p, m, ru, d in zip(r["sources"], col("quotes"), col("accounts"), col("pages"), col("methods"),
                                             col("rules"), col("as_of"))]


def fact_of(section: str, record: Any) -> Fact:
    """The Fact kept for a checked model (a Fact is kept as it is)."""
    if isinstance(record, Fact):
        return record
    if section == "sources":
        return SourceFact(node_row("Source", record), record.published)
    if section == "entities":
        return EntityFact(node_row(record.kind, record))
    return RelFact(rel_base_row(record), record.start, record.end)
