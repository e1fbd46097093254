"""A large load of JSON Lines into an empty graph, by columns.

The record-by-record path (loaders/facts.py) reads a line, validates it with its model, keeps it
as a row, and checks references, overlaps and precision one record at a time: a million facts
cost a million model calls and several million Python dicts. This path does the same work on
whole columns with Arrow: the files are parsed by Arrow's JSON reader into one table each, every
field is checked by rules read from the models themselves (schema/facts.py: types, lengths,
patterns, vocabularies, dates), references, overlaps and precision are checked by joins and
sorts, and the store's tables are built straight from the columns and written by the bulk path.

It only ever decides that everything is well. Whenever anything is not as the common case has
it (a problem in any record, a record given twice, an escape or a `null` in a file, a file that
is not JSON Lines, a graph that is not empty, a field the rules here do not know), it gives up
and the load takes the record-by-record path from the start, which says every problem with its
file, line and field exactly as before, and merges, contests or refuses records given twice.
So this path never words a problem, and every message stays the record-by-record path's own.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import annotated_types

from ..graph import WriteBatch
from ..schema.dates import FuzzyDate
from ..schema.facts import ENTITY_MODELS, REL_MODELS, Evidence, Source
from ..schema.model import REL_BY_NAME, node_columns, rel_columns

# Below this many bytes of JSON Lines the record-by-record path is as quick, and the graph takes
# its rows by MERGE anyway (ladybug_store.BULK_MIN_ROWS).
MIN_BYTES = 2 << 20

SECTION_OF_TYPE = {"source": "sources", "entity": "entities", "relationship": "relationships"}


class GiveUp(Exception):
    """Something this path does not decide: the record-by-record path takes the load."""


def _give_up(why: str = "") -> GiveUp:
    return GiveUp(why)


# ---------------------------------------------------------------- rules, read from the models


class Rule(typing.NamedTuple):
    kind: str  # str, strs, int, float, date, enum, evidence
    required: bool
    min_len: int | None = None
    max_len: int | None = None
    pattern: str | None = None
    choices: tuple[Any, ...] = ()
    ge: int | None = None
    le: int | None = None
    finite: bool = False


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """(the plain type, its constraints, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise _give_up(f"a union of {args}")
            annotation = args[0]
            continue
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation = args[0]
            for extra in args[1:]:
                metadata = metadata + list(getattr(extra, "metadata", [extra]))
            continue
        return annotation, metadata, optional


def _rule(annotation: Any, metadata: list[Any], required: bool) -> Rule:
    plain, meta, _ = _unwrap(annotation, list(metadata))
    kw: dict[str, Any] = {}
    for m in meta:
        if isinstance(m, annotated_types.MinLen):
            kw["min_len"] = m.min_length
        elif isinstance(m, annotated_types.MaxLen):
            kw["max_len"] = m.max_length
        elif isinstance(m, annotated_types.Ge):
            kw["ge"] = m.ge
        elif isinstance(m, annotated_types.Le):
            kw["le"] = m.le
        elif getattr(m, "pattern", None):
            kw["pattern"] = m.pattern
        elif type(m).__name__ == "AllowInfNan":
            kw["finite"] = not m.allow_inf_nan
        elif type(m).__name__ in ("BeforeValidator", "PlainSerializer", "WithJsonSchema"):
            if type(m).__name__ == "BeforeValidator" and getattr(m.func, "__self__", None) is not FuzzyDate:
                raise _give_up(f"a validator {m.func}")
        else:
            raise _give_up(f"a constraint {m!r}")
    origin = typing.get_origin(plain)
    if plain is FuzzyDate:
        return Rule("date", required)
    if origin is typing.Literal:
        return Rule("enum", required, choices=typing.get_args(plain))
    if origin is list:
        (item,) = typing.get_args(plain)
        if item is Evidence:
            return Rule("evidence", required, **kw)
        inner = _rule(item, [], True)
        if inner.kind != "str":
            raise _give_up(f"a list of {item}")
        if kw:
            raise _give_up("a list with bounds")
        return Rule("strs", required, inner.min_len, inner.max_len, inner.pattern)
    if plain is str:
        return Rule("str", required, **kw)
    if plain is int:
        return Rule("int", required, **kw)
    if plain is float:
        return Rule("float", required, **kw)
    raise _give_up(f"a type {plain}")


@cache
def rules(model: type) -> dict[str, Rule]:
    """Each field of a model (by the name a file gives it) and how it is checked."""
    out = {}
    for name, f in model.model_fields.items():
        if name == "kind":
            continue
        out[f.alias or name] = _rule(f.annotation, f.metadata, f.is_required())
    return out


@cache
def json_schema() -> Any:
    """The Arrow schema JSON Lines are read with: every field of every model, and the record's type."""
    import pyarrow as pa

    def arrow(rule: Rule) -> Any:
        if rule.kind in ("str", "date", "enum"):
            return pa.string()
        if rule.kind == "strs":
            return pa.list_(pa.string())
        if rule.kind == "int":
            return pa.int64()
        if rule.kind == "float":
            return pa.float64()
        ev = pa.struct([pa.field(n, arrow(r)) for n, r in rules(Evidence).items()])
        return pa.list_(ev)

    fields: dict[str, Any] = {"type": pa.string(), "kind": pa.string()}
    for model in (Source, *ENTITY_MODELS.values(), *REL_MODELS.values()):
        for name, rule in rules(model).items():
            t = arrow(rule)
            if fields.setdefault(name, t) != t:
                raise _give_up(f"{name} has two types")
    return pa.schema(list(fields.items()))


def _re2(pattern: str) -> str:
    """A model's pattern as Arrow's regular expressions (RE2) read it."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})", r"\\x{\1}", pattern)


# ---------------------------------------------------------------- reading


def applies(files: list[Path]) -> bool:
    """Whether this path may take a load of these files (the folders given already expanded): JSON
    Lines only, no links, enough of them to be worth it."""
    total = 0
    for f in files:
        if f.suffix != ".jsonl" or f.is_symlink() or not f.is_file():
            return False
        total += f.stat().st_size
    return bool(files) and total >= MIN_BYTES


# What a file must not hold for this path (each may be fine in a fact file, but is left to the
# record path): an escape (a string is then its bytes), a null (Arrow reads it as an absent field), a
# byte order mark, a carriage return, and the characters the text gate refuses that JSON lets stand
# unescaped: DEL, the C1 controls and the bidirectional controls (as UTF-8).
_NOT_HERE = (b"\\", b"null", b"\r", b"\x7f")
_GATED = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def read_file(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.json as pj

    raw = path.read_bytes()
    if not raw.startswith(b"{") or any(raw.find(x) >= 0 for x in _NOT_HERE):
        raise _give_up("an unusual file")
    if (raw.find(b"\xc2") >= 0 or raw.find(b"\xe2") >= 0) and _GATED.search(raw):
        raise _give_up("a character the text gate refuses")
    lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
    starts = raw.count(b"\n{") + 1
    hashes = _line_hashes(raw)
    del raw  # Arrow reads the file itself
    try:
        table = pj.read_json(str(path), parse_options=pj.ParseOptions(explicit_schema=_typed_schema(),
                                                                    unexpected_field_behavior="infer"))
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError, ValueError, OSError) as e:
        raise _give_up(f"Arrow could not read it: {e}") from None
    if table.num_rows != lines or starts != lines:
        # every line starts a record, and Arrow read as many records as there are lines: so no
        # line is blank and none holds two records
        raise _give_up("not one record a line")
    return _whole(table).append_column(CONTENT_HASH, pa.array(hashes, pa.string()))


# The column each record of a file carries along: the hash of its line as given, kept by the graph
# so that a reload recognises the line (schema/content_hash.py; the record path's own, line for line).
CONTENT_HASH = "content_hash"


def _line_hashes(raw: bytes) -> list[str]:
    from .known import hash_base

    base = hash_base()
    out = []
    for line in raw.split(b"\n"):
        if line:
            h = base.copy()
            h.update(line)
            out.append(h.hexdigest())
    return out


@cache
def _typed_schema() -> Any:
    """The fields Arrow is told the type of: dates (which it would otherwise read as timestamps) and
    evidence. The others it infers, and `_whole` holds each to the type its model gives it (reading
    every field by a schema of all of them costs twice as long)."""
    import pyarrow as pa

    schema = json_schema()
    typed = {name for model in (Source, *ENTITY_MODELS.values(), *REL_MODELS.values())
             for name, rule in rules(model).items() if rule.kind in ("date", "evidence")}
    return pa.schema([f for f in schema if f.name in typed])


def _whole(table: Any) -> Any:
    """A table as read by the whole schema: every field it knows, each of its own type."""
    import pyarrow as pa

    schema = json_schema()
    n = table.num_rows
    columns = []
    for f in schema:
        if f.name not in table.column_names:
            columns.append(pa.nulls(n, f.type))
            continue
        col = table[f.name]
        if col.type == f.type:
            columns.append(col)
        elif (pa.types.is_list(col.type) and pa.types.is_null(col.type.value_type) and pa.types.is_list(f.type)) \
                or (pa.types.is_integer(col.type) and pa.types.is_floating(f.type)):
            columns.append(col.cast(f.type))  # lists all empty; whole numbers where a number may have a fraction
        else:
            raise _give_up(f"{f.name} is {col.type}, not {f.type}")
    if set(table.column_names) - set(schema.names):
        raise _give_up("a field no model has")
    return pa.table(columns, schema=schema)


def table_of_records(records: Iterable[dict[str, Any]]) -> Any:
    """Records as dicts (the statute file's, the frame's) as a table read from JSON Lines would be."""
    import pyarrow as pa

    schema = json_schema()
    names = set(schema.names)
    rows = []
    for r in records:
        if not set(r) <= names:
            raise _give_up("a field the rules do not know")
        rows.append(r)
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as e:
        raise _give_up(str(e)) from None


# ---------------------------------------------------------------- checking, by columns


def _compute() -> Any:
    import pyarrow.compute as pc

    return pc


def _all(mask: Any) -> bool:
    pc = _compute()
    return len(mask) == 0 or bool(pc.all(mask, skip_nulls=False).as_py())


class Dates:
    """Every date text the load gives, parsed once each (a million rows repeat a few thousand)."""

    STRICT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)

    def __init__(self) -> None:
        self.texts: set[str] = set()
        self.parsed: dict[str, FuzzyDate] = {}
        self.arrays: tuple[Any, Any, Any, Any] | None = None

    def add(self, values: Any) -> None:
        pc = _compute()
        self.texts.update(pc.unique(values).to_pylist())

    def parse(self) -> None:
        from ..schema.dates import DateError

        for t in self.texts - self.parsed.keys():
            if t is None:
                continue
            if not self.STRICT.match(t):
                raise _give_up("a date written otherwise than YYYY, YYYY-MM or YYYY-MM-DD")
            try:
                self.parsed[t] = FuzzyDate.parse(t)
            except ValueError:
                raise _give_up("a date that is no date") from None

    def columns(self, texts: Any) -> tuple[Any, Any, Any]:
        """(first day, first day after, precision) of each text (null where the text is)."""
        import pyarrow as pa

        pc = _compute()
        if self.arrays is None or len(self.arrays[0]) != len(self.parsed):
            keys = list(self.parsed)
            values = [self.parsed[k] for k in keys]
            self.arrays = (pa.array(keys, pa.string()), pa.array([v.first for v in values], pa.date32()),
                           pa.array([v.after for v in values], pa.date32()), pa.array([v.precision for v in values], pa.string()))
        keys_, firsts, afters, precisions = self.arrays
        idx = pc.index_in(texts, value_set=keys_)
        return firsts.take(idx), afters.take(idx), precisions.take(idx)


def _check_values(values: Any, rule: Rule, gated: bool, dates: Dates) -> None:
    """Values (no nulls) by one field's rule."""
    import pyarrow as pa

    pc = _compute()
    if len(values) == 0:
        return
    if rule.kind == "strs":
        values = pc.list_flatten(values)
        if values.null_count:
            raise _give_up("an empty item in a list")
        if len(values) == 0:
            return
    if rule.kind in ("str", "strs"):
        # lengths in bytes bound those in characters: characters are counted only when they must be
        n = pc.binary_length(values)
        if rule.min_len is not None and pc.min(n).as_py() < rule.min_len:
            if rule.min_len == 1 or pc.min(pc.utf8_length(values)).as_py() < rule.min_len:
                raise _give_up("a text too short")
        if rule.max_len is not None and pc.max(n).as_py() > rule.max_len:
            if pc.max(pc.utf8_length(values)).as_py() > rule.max_len:
                raise _give_up("a text too long")
        if rule.pattern and not (gated and rule.pattern.startswith("^[^")):
            if not _all(pc.match_substring_regex(values, _re2(rule.pattern))):
                raise _give_up("a text its pattern refuses")
    elif rule.kind == "enum":
        if not _all(pc.is_in(values, value_set=pa.array(list(rule.choices), pa.string()))):
            raise _give_up("a word outside its vocabulary")
    elif rule.kind == "int":
        if (rule.ge is not None and pc.min(values).as_py() < rule.ge) or (rule.le is not None and pc.max(values).as_py() > rule.le):
            raise _give_up("a number out of bounds")
    elif rule.kind == "float":
        if rule.finite and not _all(pc.is_finite(values)):
            raise _give_up("NaN or infinity")
    elif rule.kind == "date":
        dates.add(values)
    elif rule.kind == "evidence":
        lengths = pc.list_value_length(values)
        if rule.min_len is not None and pc.min(lengths).as_py() < rule.min_len:
            raise _give_up("no evidence")
        items = pc.list_flatten(values)
        if items.null_count:
            raise _give_up("an empty piece of evidence")
        for name, r in rules(Evidence).items():
            child = pc.struct_field(items, name)
            if r.required and child.null_count:
                raise _give_up(f"evidence without its {name}")
            if name not in REFERENCES:
                _check_values(child.drop_null(), r, gated, dates)
    else:
        raise _give_up(f"a rule {rule.kind}")


# Fields that name another record: each must be the id of a record of the load (the graph being
# empty), and those ids are checked by their own rules; so the reference check (_check_references)
# also checks these fields' form, and they are not read twice.
REFERENCES = frozenset({"from", "to", "sources", "source"})


def check_section(table: Any, section: str, gated: bool, dates: Dates) -> None:
    """Every record of a section by its model's rules: no field its model lacks, every required
    field given, every value as its field allows. `gated`: the text gate has been passed already
    (by the file's bytes, or by the models). A column is checked once for all the kinds whose
    models give its field the same rule, not kind by kind."""
    import pyarrow as pa

    pc = _compute()
    if section == "sources":
        if table["kind"].null_count != table.num_rows:
            raise _give_up("a source with a kind")
        models = {None: Source}
        kind = None
        kinds: list[Any] = [None]
    else:
        models = ENTITY_MODELS if section == "entities" else REL_MODELS
        kind = table["kind"]
        kinds = _known_values(kind, models, "kind")

    def kinds_where(mask: Any) -> set[Any]:
        return set(pc.unique(kind.filter(mask)).to_pylist()) if kind is not None else ({None} if pc.any(mask).as_py() else set())

    for name in ("former_names", "former_names_until"):  # paired lists, checked record by record
        if name in table.column_names and table[name].null_count < table.num_rows:
            raise _give_up("a council's former names")

    for name in table.column_names:
        if name in ("type", "kind", "implicit", CONTENT_HASH):
            continue
        col = table[name]
        given = col.null_count < len(col)
        by_rule: dict[Rule, list[Any]] = {}
        for k in kinds:
            rule = rules(models[k]).get(name)
            if rule is None:
                continue
            by_rule.setdefault(rule._replace(required=False), []).append(k)
            if rule.required and col.null_count and k in kinds_where(pc.is_null(col)):
                raise _give_up(f"a required field missing: {name}")
        if not given:
            continue
        allowed = {k for ks in by_rule.values() for k in ks}
        if len(allowed) < len(kinds) and kinds_where(pc.is_valid(col)) - allowed:
            raise _give_up(f"a field its model does not have: {name}")
        if name in REFERENCES:
            continue
        if len(by_rule) == 1:
            (rule,) = by_rule
            _check_values(col.drop_null() if col.null_count else col, rule, gated, dates)
            continue
        for rule, ks in by_rule.items():
            values = col.filter(pc.is_in(kind, value_set=pa.array(ks, pa.string())))
            _check_values(values.drop_null(), rule, gated, dates)


# ---------------------------------------------------------------- the load


def _known_values(col: Any, known: Any, field: str) -> list[Any]:
    """The distinct values of a column every record must give from a known set (a record's type, an
    entity's or relationship's kind); a missing or unknown one is left to the record path to name."""
    if col.null_count:
        raise _give_up(f"a record without its {field}")
    values = _compute().unique(col).to_pylist()
    if any(v not in known for v in values):
        raise _give_up(f"an unknown {field}")
    return values


def _split(table: Any) -> dict[str, Any]:
    """A table read from a file, by section (a file of one type is not copied)."""
    import pyarrow as pa

    pc = _compute()
    types = table["type"]
    present = _known_values(types, SECTION_OF_TYPE, "type")
    if len(present) == 1:
        return {SECTION_OF_TYPE[present[0]]: table}
    return {SECTION_OF_TYPE[t]: table.filter(pc.equal(types, pa.scalar(t))) for t in present}


def _with_flag(table: Any, implicit: bool) -> Any:
    import pyarrow as pa

    if CONTENT_HASH in table.column_names:
        hashes = table[CONTENT_HASH]
        table = table.drop([CONTENT_HASH])
    else:  # no line of a file of the load wrote it: the statute's, the frame's
        hashes = pa.nulls(table.num_rows, pa.string())
    table = table.append_column("implicit", pa.array([implicit] * table.num_rows, pa.bool_()))
    return table.append_column(CONTENT_HASH, hashes)


def _rel_ids(table: Any) -> Any:
    """Each relationship's id: as given, else from its kind, ends and start (schema/facts.py relationship_id)."""
    import pyarrow as pa

    pc = _compute()
    ids = table["id"]
    if ids.null_count == 0:
        return table
    start = pc.fill_null(table["start"], pa.scalar("-"))
    derived = pc.binary_join_element_wise(table["kind"], pa.scalar(":"), table["from"], pa.scalar(">"), table["to"],
                                          pa.scalar("@"), start, "")
    return table.set_column(table.schema.get_field_index("id"), "id", pc.coalesce(ids, derived))


def _unique_ids(table: Any) -> Any:
    """A section's records with one record an id: a record of the files given replaces the statute's
    or the frame's of the same id (as the record path does); two records of the files with one id
    are left to the record path, which merges, contests or refuses them."""
    import pyarrow as pa

    pc = _compute()
    counts = pc.value_counts(table["id"])
    twice = counts.filter(pc.greater(counts.field("counts"), 1)).field("values")
    if len(twice) == 0:
        return table
    if len(twice) > 10_000:
        raise _give_up("many records given twice")
    again = pc.is_in(table["id"], value_set=twice)
    given = pc.and_(again, pc.invert(table["implicit"]))
    if pc.sum(given).as_py() != len(twice) or len(pc.unique(table["id"].filter(given))) != len(twice):
        raise _give_up("a record given twice")
    return table.filter(pc.invert(pc.and_(again, table["implicit"])))


def _merged(entities: Any) -> Any:
    """Councils and inspections as loaders/merge.py keeps them (the graph being empty, merged with
    nothing): sources sorted, each once; aliases each once, none the name itself. Two councils with
    one LA code are left to the record path, which knows when a successor may keep its code."""
    import pyarrow as pa

    from .merge import MERGED_KINDS
    from .stored import unique

    pc = _compute()
    councils = entities.filter(pc.equal(entities["kind"], pa.scalar("Council")))
    codes = councils["la_code"].drop_null()
    if len(pc.unique(codes)) != len(codes):
        raise _give_up("one LA code for two councils")
    merged = pc.is_in(entities["kind"], value_set=pa.array(list(MERGED_KINDS), pa.string()))
    if not pc.any(merged).as_py():
        return entities
    rows = entities.filter(merged).select(["name", "sources", "aliases"]).to_pylist()
    sources, aliases, changed = [], [], []
    for r in rows:
        sources.append(sorted(set(r["sources"] or [])))
        name = r["name"].lower()
        aliases.append([a for a in unique(list(r["aliases"] or [])) if a.lower() != name])
        # a record the merge changed is no longer its line's as given: it keeps no content hash
        changed.append(sources[-1] != (r["sources"] or []) or aliases[-1] != (r["aliases"] or []))
    where = pc.indices_nonzero(merged)
    whole = pa.array(range(entities.num_rows), pa.int64())

    def spread(values: list[list[str]], column: str) -> Any:
        # the merged rows' new lists, the others' as they were
        col = entities[column].combine_chunks()
        new = pa.array(values, col.type)
        pos = pc.index_in(whole, value_set=where)
        return pc.if_else(merged, new.take(pc.fill_null(pos, 0)) if len(new) else col, col)

    for column, values in (("sources", sources), ("aliases", aliases)):
        entities = entities.set_column(entities.schema.get_field_index(column), column, spread(values, column))
    if CONTENT_HASH in entities.column_names and any(changed):
        unhashed = pc.fill_null(pc.index_in(whole, value_set=where.filter(pa.array(changed, pa.bool_()))), -1)
        keep = pc.equal(unhashed, -1)
        col = entities[CONTENT_HASH].combine_chunks()
        entities = entities.set_column(entities.schema.get_field_index(CONTENT_HASH), CONTENT_HASH,
                                       pc.if_else(keep, col, pa.nulls(len(col), pa.string())))
    return entities


def _statute_tables(statute: dict[str, list[dict[str, Any]]]) -> list[tuple[str, Any]]:
    """The statute file's records (read and checked record by record, as fact-file records: it is
    small, and YAML) in tables as a JSON Lines file would give them."""
    out = []
    for section, type_ in (("sources", "source"), ("entities", "entity"), ("relationships", "relationship")):
        records = []
        for d in statute.get(section, []):
            d = {k: v for k, v in d.items() if v is not None and v != []}
            if section == "sources":
                d.pop("kind", None)
            if section == "relationships":
                d["evidence"] = [{k: v for k, v in ev.items() if v is not None} for ev in d["evidence"]]
            records.append({"type": type_, **d})
        if records:
            out.append((section, table_of_records(records)))
    return out


_ID, _NAME = "\x01", "\x02"  # stand for a council's id and name in a frame made once for many councils


def _frame_tables(councils: Any, dates: Dates) -> tuple[Any, Any]:
    """The frame's records of every council, as tables: loaders/frame.py makes the records of one
    council with stand-ins for its id and name, once for each span of existence (established,
    abolished), and the columns of every council with that span are those records with the
    stand-ins replaced. In the order frame_for gives them, council by council."""
    import pyarrow as pa

    from . import frame

    pc = _compute()
    parse = dates.parsed.get
    spans = councils.select(["established", "abolished"]).to_pylist()
    groups: dict[tuple[Any, Any], list[int]] = {}
    for i, sp in enumerate(spans):
        groups.setdefault((sp["established"], sp["abolished"]), []).append(i)
    schema = json_schema()
    parts: dict[str, list[Any]] = {"entity": [], "relationship": []}
    for (est, abo), rows in groups.items():
        idx = pa.array(rows, pa.int64())
        ids, names = councils["id"].take(idx), councils["name"].take(idx)
        n = len(rows)
        zeros = pa.array([0] * n, pa.int64())
        ents, rels = frame.frame_for(_ID, _NAME, parse(est) if est else None, parse(abo) if abo else None)
        for type_, records in (("entity", ents), ("relationship", rels)):
            for j, record in enumerate(records):
                cols: dict[str, Any] = {"type": pa.array([type_], pa.string()).take(zeros)}
                for key, value in record.items():
                    if isinstance(value, str) and (_ID in value or _NAME in value):
                        pieces = [ids if text == _ID else names if text == _NAME else pa.scalar(text)
                                  for text in re.split(f"([{_ID}{_NAME}])", value) if text]
                        cols[key] = pc.binary_join_element_wise(*pieces, "")
                    elif isinstance(value, (str, list, dict)) and _ID not in json_text(value) and _NAME not in json_text(value):
                        cols[key] = pa.array([value], schema.field(key).type).take(zeros)
                    else:
                        raise _give_up("a frame value the stand-ins do not reach")
                cols["__council"], cols["__record"] = idx, pa.array([j] * n, pa.int64())
                parts[type_].append(cols)
    out = []
    for type_ in ("entity", "relationship"):
        tables = []
        for cols in parts[type_]:
            arrays = [cols.get(f.name, pa.nulls(len(cols["__council"]), f.type)) for f in schema]
            tables.append(pa.table(arrays + [cols["__council"], cols["__record"]],
                                   names=schema.names + ["__council", "__record"]))
        t = pa.concat_tables(tables) if tables else _with_flag(schema.empty_table(), False).drop(["implicit"])
        if t.num_rows:
            t = t.sort_by([("__council", "ascending"), ("__record", "ascending")])
        out.append(t.select(schema.names) if t.num_rows else schema.empty_table())
    return out[0], out[1]


def json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _frame(entities: Any, rels: Any, dates: Dates) -> tuple[Any, Any]:
    """The statutory frame of every council of the load (loaders/frame.py), the records the files
    and the statute do not give themselves, checked like the rest."""
    import pyarrow as pa

    pc = _compute()
    councils = entities.filter(pc.equal(entities["kind"], pa.scalar("Council"))).select(["id", "name", "established", "abolished"])
    if councils.num_rows == 0:
        return entities, rels
    fe, fr = _frame_tables(councils, dates)
    for t in (fe, fr):
        if len(pc.unique(t["id"])) != t.num_rows:
            raise _give_up("a frame record twice")
    check_section(fe, "entities", False, dates)
    check_section(fr, "relationships", False, dates)
    fr = _rel_ids(fr)
    fe = fe.filter(pc.invert(pc.is_in(fe["id"], value_set=entities["id"])))
    fr = fr.filter(pc.invert(pc.is_in(fr["id"], value_set=rels["id"])))
    return (pa.concat_tables([entities, _with_flag(fe, True)]), pa.concat_tables([rels, _with_flag(fr, True)]))


def _check_references(sources: Any, entities: Any, rels: Any) -> tuple[Any, Any]:
    """Every source and entity a record names is in the load (the graph is empty), and every
    relationship runs between kinds its kind allows. The kinds of each relationship's ends."""
    import pyarrow as pa

    pc = _compute()
    source_ids, entity_ids = sources["id"], entities["id"]
    if not _all(pc.is_in(pc.list_flatten(entities["sources"]), value_set=source_ids)):
        raise _give_up("an unknown source")
    if not _all(pc.is_in(pc.struct_field(pc.list_flatten(rels["evidence"]), "source"), value_set=source_ids)):
        raise _give_up("an unknown source")
    kinds = entities["kind"].combine_chunks()
    fi, ti = pc.index_in(rels["from"], value_set=entity_ids), pc.index_in(rels["to"], value_set=entity_ids)
    if fi.null_count or ti.null_count:
        raise _give_up("an unknown entity")
    from_kind, to_kind = kinds.take(fi), kinds.take(ti)
    allowed = pa.array(sorted({f"{name}|{a}|{b}" for name, r in REL_BY_NAME.items() for a, b in r.ends}), pa.string())
    key = pc.binary_join_element_wise(rels["kind"], from_kind, to_kind, "|")
    if not _all(pc.is_in(key, value_set=allowed)):
        raise _give_up("a relationship between kinds its kind does not join")
    return from_kind, to_kind


def _check_overlaps(rels: Any, start: tuple[Any, Any, Any], end: tuple[Any, Any, Any]) -> None:
    """No two dated holdings of one post by one person overlap (facts._check_overlaps, by a sort)."""
    import pyarrow as pa

    pc = _compute()
    t = pa.table({"kind": rels["kind"], "from": rels["from"], "to": rels["to"], "id": rels["id"],
                  "first": start[0], "end_after": end[1]})
    t = t.filter(pc.and_(pc.equal(t["kind"], pa.scalar("HOLDS")), pc.is_valid(t["first"])))
    if t.num_rows < 2:
        return
    t = t.sort_by([("from", "ascending"), ("to", "ascending"), ("first", "ascending"), ("id", "ascending")])
    a, b = t.slice(0, t.num_rows - 1), t.slice(1)
    same = pc.and_(pc.equal(a["from"], b["from"]), pc.equal(a["to"], b["to"]))
    apart = pc.fill_null(pc.greater_equal(b["first"], a["end_after"]), False)
    if not _all(pc.invert(pc.and_(same, pc.invert(apart)))):
        raise _give_up("holdings that overlap")


def _evidence_dates(rels: Any, sources: Any, src_dates: tuple[Any, Any, Any], dates: Dates) -> Any:
    """Each piece of evidence with the date it speaks for (its as_of, else its source's date), and its source's own."""
    import pyarrow as pa

    pc = _compute()
    ev = rels["evidence"].combine_chunks() if rels.num_rows else pa.array([], rels.schema.field("evidence").type)
    parent = pc.list_parent_indices(ev)
    items = pc.list_flatten(ev)
    offsets = ev.offsets
    position = pc.subtract(pa.array(range(len(items)), pa.int64()), offsets.take(parent).cast(pa.int64()))
    si = pc.index_in(items.field("source"), value_set=sources["id"])
    s_first, s_after, s_prec = (c.combine_chunks().take(si) for c in src_dates)
    as_of = items.field("as_of")
    a_first, a_after, a_prec = dates.columns(as_of)
    has = pc.is_valid(as_of)
    return pa.table({
        "p": parent.cast(pa.int64()), "i": position,
        "first": pc.if_else(has, a_first, s_first), "after": pc.if_else(has, a_after, s_after),
        "precision": pc.if_else(has, a_prec, s_prec),
        "src_first": s_first, "src_precision": s_prec, "quote": items.field("quote"),
    })


def _first_of_each(t: Any, keys: list[tuple[str, str]], n: int, names: list[str]) -> dict[str, Any]:
    """For each relationship (0..n-1), the columns of its first piece of evidence in the order `keys`."""
    import pyarrow as pa

    pc = _compute()
    s = t.sort_by([("p", "ascending")] + keys + [("i", "ascending")])
    p = s["p"].combine_chunks()
    prev = pa.concat_arrays([pa.array([-1], pa.int64()), p.slice(0, max(len(p) - 1, 0))])
    head = pc.not_equal(p, prev)
    firsts = s.filter(head)
    idx = pc.index_in(pa.array(range(n), pa.int64()), value_set=firsts["p"])
    return {name: firsts[name].combine_chunks().take(idx) for name in names}


def _check_precision(rels: Any, ev: Any, start: tuple[Any, Any, Any], end: tuple[Any, Any, Any]) -> None:
    """facts.check_precision by columns: only the relationships that could claim a day their sources
    do not know (a start or end to the day, on the first day a source is dated to) have their
    quotes read, one by one."""
    import pyarrow as pa

    from .quoted_days import quote_names_day as _quote_names_day

    pc = _compute()
    n = rels.num_rows
    with_day = pc.unique(ev["p"].filter(pc.equal(ev["src_precision"], pa.scalar("day"))))
    skip = pc.or_(rels["implicit"], pc.is_in(pa.array(range(n), pa.int64()), value_set=with_day))
    candidates: dict[int, set[str]] = {}
    for name, first, precision in (("start", start[0], start[2]), ("end", end[0], end[2])):
        day = pc.and_(pc.equal(precision, pa.scalar("day")), pc.invert(skip))
        on_day = pc.fill_null(day, False).combine_chunks() if hasattr(day, "combine_chunks") else pc.fill_null(day, False)
        rel_first = first.combine_chunks() if hasattr(first, "combine_chunks") else first
        p = ev["p"].combine_chunks()
        match = pc.and_(on_day.take(p), pc.fill_null(pc.equal(ev["src_first"].combine_chunks(), rel_first.take(p)), False))
        for p_ in pc.unique(p.filter(match)).to_pylist():
            candidates.setdefault(p_, set()).add(name)
    if not candidates:
        return
    quotes: dict[int, list[str]] = {}
    cand = pa.array(sorted(candidates), pa.int64())
    sub = ev.filter(pc.is_in(ev["p"], value_set=cand)).select(["p", "quote"])
    for p_, q in zip(sub["p"].to_pylist(), sub["quote"].to_pylist()):
        quotes.setdefault(p_, []).append(q)
    rows = rels.take(cand).select(["start", "end"]).to_pylist()
    for p_, row in zip(cand.to_pylist(), rows):
        for name in candidates[p_]:
            value = FuzzyDate.parse(row[name])
            if not any(_quote_names_day(q, value) for q in quotes[p_]):
                raise _give_up("a day its sources may not know")


def _list_of(lengths_offsets: Any, values: Any) -> Any:
    import pyarrow as pa

    return pa.ListArray.from_arrays(lengths_offsets, values)


def _empty_lists(col: Any) -> Any:
    """A list column with an empty list where none was given (the record path keeps [])."""
    import pyarrow as pa

    pc = _compute()
    col = col.combine_chunks() if hasattr(col, "combine_chunks") else col
    if col.null_count == 0:
        return col
    empty = pa.array([[]] * len(col), col.type)
    return pc.if_else(pc.is_null(col), empty, col)


def _arrow_type(type_: str) -> Any:
    import pyarrow as pa

    return {"STRING": pa.string(), "STRING[]": pa.list_(pa.string()), "DATE": pa.date32(), "INT64": pa.int64(), "DOUBLE": pa.float64()}[type_]


def _node_table(kind: str, t: Any, dates: Dates) -> Any:
    """The store's table of one kind of node, as graph/ladybug_bulk.node_table makes it of the rows."""
    import pyarrow as pa

    cols: dict[str, Any] = {}
    n = t.num_rows
    for c in node_columns(kind):
        if c.name in cols:
            continue
        if c.name == "kind":
            cols["kind"] = pa.array([kind] * n, pa.string())
        elif c.type == "DATE":
            first, _, precision = dates.columns(t[c.name])
            cols[c.name], cols[c.name + "_precision"] = first, precision
        elif c.type == "STRING[]":
            cols[c.name] = _empty_lists(t[c.name])
        else:
            cols[c.name] = t[c.name].cast(_arrow_type(c.type)) if c.name in t.column_names else pa.nulls(n, _arrow_type(c.type))
    names = [c.name for c in node_columns(kind)]
    return pa.table([cols[x] for x in names], schema=pa.schema([(c.name, _arrow_type(c.type)) for c in node_columns(kind)]))


EVIDENCE_LISTS = ("sources", "quotes", "accounts", "pages", "methods", "rules", "as_of")


def _rel_tables(rels: Any, earliest: dict[str, Any], latest: dict[str, Any], start: tuple[Any, Any, Any],
                end: tuple[Any, Any, Any]) -> dict[tuple[str, str, str], Any]:
    """The store's tables of relationships, by (kind, from kind, to kind), as graph/ladybug_bulk.rel_table
    makes them of the rows facts.to_batch gives (loaders/rows.py: rel_base_row, finish_rel_row)."""
    import pyarrow as pa

    pc = _compute()
    n = rels.num_rows
    has_start, has_end = pc.is_valid(rels["start"]), pc.is_valid(rels["end"])
    open_ended = pc.invert(has_end)
    derived = pc.and_(pc.invert(has_start), open_ended)
    nulls_date, nulls_text = pa.nulls(n, pa.date32()), pa.nulls(n, pa.string())

    def text(value: str) -> Any:
        return pa.array([value] * n, pa.string())

    evidence = rels["evidence"].combine_chunks()
    lengths = pc.list_value_length(evidence)
    offsets = pa.concat_arrays([pa.array([0], pa.int32()), pc.cumulative_sum(lengths).cast(pa.int32())]) if n else pa.array([0], pa.int32())
    items = pc.list_flatten(evidence)

    def ev_list(values: Any) -> Any:
        return _list_of(offsets, values)

    pages = items.field("page")
    cols: dict[str, Any] = {
        "from": rels["from"], "to": rels["to"], "id": rels["id"],
        "valid_from": pc.if_else(has_start, start[0], pc.if_else(derived, earliest["first"], nulls_date)),
        "valid_from_precision": pc.if_else(has_start, start[2], pc.if_else(derived, earliest["precision"], nulls_text)),
        "valid_to": end[0], "valid_to_precision": end[2],
        "status": pc.fill_null(rels["status"], pa.scalar("asserted")),
        "valid_until": end[1], "valid_until_precision": end[2],
        "until_basis": pc.if_else(has_end, text("stated"), nulls_text),
        "start_basis": pc.if_else(has_start, text("stated"), pc.if_else(derived, text("source_date"), text("unknown"))),
        "last_confirmed": pc.if_else(open_ended, latest["first"], nulls_date),
        "last_confirmed_precision": pc.if_else(open_ended, latest["precision"], nulls_text),
        "sources": ev_list(items.field("source")), "quotes": ev_list(items.field("quote")),
        "accounts": ev_list(pc.fill_null(items.field("account"), pa.scalar(""))),
        "pages": ev_list(pc.fill_null(pages.cast(pa.string()), pa.scalar(""))),
        "methods": ev_list(pc.fill_null(items.field("method"), pa.scalar(""))),
        "rules": ev_list(pc.fill_null(items.field("rule"), pa.scalar(""))),
        "as_of": ev_list(pc.fill_null(items.field("as_of"), pa.scalar(""))),
        "kind": rels["kind"],
    }
    del evidence, items
    from ..schema.model import REL_KINDS

    for r in REL_KINDS:
        for c in rel_columns(r.name):
            if c.name not in cols:
                cols[c.name] = rels[c.name] if c.name in rels.column_names else pa.nulls(n, _arrow_type(c.type))
    wide = pa.table(cols)
    counted = pc.value_counts(rels["__key"])
    runs = dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist()))
    out: dict[tuple[str, str, str], Any] = {}
    at = 0
    for k in sorted(runs):  # the order the rows were sorted in
        kind, a, b = k.split("|")
        sub = wide.slice(at, runs[k])
        at += runs[k]
        columns = [("from", "STRING"), ("to", "STRING")] + [(c.name, c.type) for c in rel_columns(kind)]
        arrays = []
        for name, type_ in columns:
            if type_ == "STRING[]" and name not in EVIDENCE_LISTS:
                arrays.append(_empty_lists(sub[name]))
            else:
                arrays.append(sub[name].cast(_arrow_type(type_)))
        out[(kind, a, b)] = pa.table(arrays, schema=pa.schema([(name, _arrow_type(t)) for name, t in columns]))
    return out


# ---------------------------------------------------------------- the whole path


def prepare(files: list[Path], statute: dict[str, list[dict[str, Any]]]) -> tuple[WriteBatch, dict[str, int]]:
    """Read and check every file, with the statute file's records (as fact-file records, by section);
    the batch to write and how many records of each section the load holds (the statute's and the
    frame's included, as the record path counts them). Raises GiveUp."""
    import pyarrow as pa

    pc = _compute()
    dates = Dates()
    parts: dict[str, list[Any]] = {"sources": [], "entities": [], "relationships": []}
    for section, table in _statute_tables(statute):
        check_section(table, section, True, dates)
        parts[section].append(_with_flag(table, True))
    for f in files:
        for section, table in _split(read_file(f)).items():
            check_section(table, section, True, dates)
            parts[section].append(_with_flag(table, False))
    schema = _with_flag(json_schema().empty_table(), False).schema

    def joined(section: str) -> Any:
        return pa.concat_tables(parts.pop(section)) if parts[section] else schema.empty_table()

    sources, entities = _unique_ids(joined("sources")), _merged(_unique_ids(joined("entities")))
    rels = _unique_ids(_rel_ids(joined("relationships")))
    dates.parse()
    entities, rels = _frame(entities, rels, dates)
    dates.parse()
    from_kind, to_kind = _check_references(sources, entities, rels)
    batch = WriteBatch()
    counts = {"sources": sources.num_rows, "entities": entities.num_rows, "relationships": rels.num_rows}
    if rels.num_rows:
        # one run of rows for each kind and its ends, in the files' order within it (a stable sort):
        # each of the store's tables is then a slice of the columns, not another copy of them
        key = pc.binary_join_element_wise(rels["kind"], from_kind, to_kind, "|")
        order = pc.sort_indices(key)
        columns, names = rels.columns + [key], rels.column_names + ["__key"]
        del rels, key, from_kind, to_kind
        for i, column in enumerate(columns):  # column by column: each old column goes as its new one comes
            columns[i] = column.take(order).combine_chunks()
            del column
        rels = pa.table(columns, names=names)
        del columns, order
        start, end = dates.columns(rels["start"]), dates.columns(rels["end"])
        if not _all(pc.fill_null(pc.greater(end[1], start[0]), True)):
            raise _give_up("an interval that ends before it starts")
        _check_overlaps(rels, start, end)
        ev = _evidence_dates(rels, sources, dates.columns(sources["published"]), dates)
        _check_precision(rels, ev, start, end)
        n = rels.num_rows
        earliest = _first_of_each(ev, [("first", "ascending")], n, ["first", "precision"])
        latest = _first_of_each(ev, [("after", "descending")], n, ["first", "precision"])
        del ev
        batch.rels.update(_rel_tables(rels, earliest, latest, start, end))
    del rels
    if sources.num_rows:
        batch.nodes["Source"] = _node_table("Source", sources, dates)
    del sources
    kind = entities["kind"]
    for k in pc.unique(kind).to_pylist():
        batch.nodes[k] = _node_table(k, entities.filter(pc.equal(kind, pa.scalar(k))), dates)
    return batch, counts


# What the command line's check made of the files, for the load that follows it (it checks the
# files before it opens the graph, then loads them): taken once, and only while no file has changed.
_READY: dict[str, Any] = {}


def _key(files: list[Path]) -> tuple[Any, ...]:
    return tuple((str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files)


def keep(files: list[Path], made: tuple[WriteBatch, dict[str, int]]) -> None:
    _READY.clear()
    _READY["made"] = (_key(files), made)


def kept(files: list[Path]) -> tuple[WriteBatch, dict[str, int]] | None:
    """What was kept of these very files, once; None if nothing was (and what was kept is dropped)."""
    made = _READY.pop("made", None)
    return made[1] if made is not None and files and made[0] == _key(files) else None


def drop() -> None:
    _READY.clear()
