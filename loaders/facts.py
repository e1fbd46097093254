"""Fact files in: read, validate everything, check every reference, then write once.

Nothing is written unless every file is valid: every problem is reported as
`file:line: field: what is wrong`, and the graph is left exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..graph import Store, WriteBatch
from ..schema.dates import FuzzyDate
from ..schema.facts import ENTITY_MODELS, REL_MODELS, Evidence, FactFile, Record, Source, relationship_id
from ..schema.model import NODE_BY_NAME, REL_BY_NAME, node_columns, rel_columns
from . import frame
from .problems import InvalidInput, Problem
from .yamlfile import MAX_BYTES, LineMap, parse_jsonl, parse_yaml, read_text

FACT_SUFFIXES = (".yaml", ".yml", ".jsonl")
SECTIONS = ("sources", "entities", "relationships")
JSONL_TYPES = {"source": "sources", "entity": "entities", "relationship": "relationships"}


@dataclass
class Origin:
    file: str
    line: int
    line_of: Any = None  # loc -> line within the record, when known

    def at(self, *loc: Any) -> int:
        return self.line_of(loc) if self.line_of else self.line


@dataclass
class Bundle:
    """Every record of a load, by id, with where it came from."""

    sources: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    entities: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    relationships: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    merge_evidence: set[str] = field(default_factory=set)  # relationships from datasets: keep every snapshot's evidence

    def add(self, section: str, rid: str, record: Any, origin: Origin) -> None:
        table: dict = getattr(self, section)
        if rid in table:
            before, where = table[rid]
            if _content(before) != _content(record):
                self.problems.append(
                    Problem(origin.file, origin.line, "id",
                            f"{rid!r} is given again with different content (first at {where.file}:{where.line})")
                )
            return
        table[rid] = (record, origin)


@dataclass
class LoadReport:
    files: list[str]
    sources: int
    entities: int
    relationships: int
    nodes_written: int
    relationships_written: int
    datasets: list[Any] = field(default_factory=list)  # DatasetReport of each dataset file loaded

    def as_dict(self) -> dict[str, Any]:
        out = self.__dict__.copy()
        out["datasets"] = [d.as_dict() for d in self.datasets]
        return out


def _content(record: Any) -> str:
    return json.dumps(record.model_dump(mode="json", by_alias=True), sort_keys=True)


def bundled_dir() -> Path:
    """The fact files shipped with the project."""
    return Path(str(resources.files("accountable") / "data" / "facts"))


def statute_file() -> Path:
    return bundled_dir() / "statute.yaml"


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the fact files inside folders named, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.suffix in FACT_SUFFIXES and x.is_file())
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------- reading and validating


def read(paths: Sequence[str | Path], bundle: Bundle | None = None) -> Bundle:
    bundle = bundle or Bundle()
    for path in expand(paths):
        label = str(path)
        bundle.files.append(label)
        if not path.exists():
            bundle.problems.append(Problem(label, 1, "file", "does not exist"))
            continue
        if path.suffix not in FACT_SUFFIXES:
            bundle.problems.append(Problem(label, 1, "file", f"is not a fact file (expected {', '.join(FACT_SUFFIXES)})"))
            continue
        text, problems = read_text(path, label, limit=None if path.suffix == ".jsonl" else MAX_BYTES)
        if problems or text is None:
            bundle.problems += problems
            continue
        if path.suffix == ".jsonl":
            _read_jsonl(text, label, bundle)
        else:
            _read_yaml(text, label, bundle)
    return bundle


def _read_yaml(text: str, label: str, bundle: Bundle) -> None:
    data, lines, problems = parse_yaml(text, label)
    if problems:
        bundle.problems += problems
        return
    if data is None or data == {}:
        return
    if not isinstance(data, dict):
        bundle.problems.append(Problem(label, 1, "file", "must be a mapping with sources, entities and relationships"))
        return
    for key in data:
        if key not in SECTIONS:
            bundle.problems.append(Problem(label, lines.line((key,)), str(key), f"unknown section; expected one of: {', '.join(SECTIONS)}"))
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            bundle.problems.append(Problem(label, lines.line((section,)), section, "must be a list"))
            continue
        for i, item in enumerate(items):
            _validate(section, item, label, lambda loc, i=i, s=section: lines.line((s, i) + loc), bundle)


def _read_jsonl(text: str, label: str, bundle: Bundle) -> None:
    rows, problems = parse_jsonl(text, label)
    bundle.problems += problems
    for n, obj in rows:
        if not isinstance(obj, dict) or obj.get("type") not in JSONL_TYPES:
            bundle.problems.append(Problem(label, n, "type", f"each line needs \"type\": one of {', '.join(JSONL_TYPES)}"))
            continue
        obj = dict(obj)
        section = JSONL_TYPES[obj.pop("type")]
        _validate(section, obj, label, lambda loc, n=n: n, bundle)


def _validate(section: str, item: Any, label: str, line_of: Any, bundle: Bundle) -> None:
    try:
        if section == "sources":
            record: Record = Source.model_validate(item)
        else:
            models = ENTITY_MODELS if section == "entities" else REL_MODELS
            kind = item.get("kind") if isinstance(item, dict) else None
            if not isinstance(item, dict):
                raise _single("must be a mapping")
            if kind not in models:
                what = "entity" if section == "entities" else "relationship"
                known = ", ".join(models)
                bundle.problems.append(
                    Problem(label, line_of(("kind",)), "kind",
                            f"unknown kind of {what} {kind!r}; expected one of: {known}" if kind else f"missing; expected one of: {known}")
                )
                return
            record = models[kind].model_validate(item)
    except _SingleProblem as e:
        bundle.problems.append(Problem(label, line_of(()), section, e.message))
        return
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and (x in ENTITY_MODELS or x in REL_MODELS or x == "Source")))
            fieldname = ".".join(str(x) for x in loc) or section
            bundle.problems.append(Problem(label, line_of(loc), fieldname, _message(err)))
        return
    if section == "relationships":
        wrong = record.interval_problem()  # type: ignore[attr-defined]
        if wrong:
            bundle.problems.append(Problem(label, line_of(("end",)), "end", wrong))
            return
    if section == "relationships" and record.id is None:  # type: ignore[attr-defined]
        record.id = relationship_id(record.kind, record.from_, record.to, record.start)  # type: ignore[attr-defined]
    bundle.add(section, record.id, record, Origin(label, line_of(()), line_of))  # type: ignore[attr-defined]


class _SingleProblem(Exception):
    def __init__(self, message: str):
        self.message = message


def _single(message: str) -> _SingleProblem:
    return _SingleProblem(message)


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    if kind == "literal_error":
        return f"{err.get('input')!r} is not allowed; {err['msg'][0].lower()}{err['msg'][1:]}"
    if kind == "string_pattern_mismatch":
        allowed = "letters, digits and . _ / : > @ -" if ">" in err.get("ctx", {}).get("pattern", "") else "lower case letters, digits and . _ / : -"
        return f"{err.get('input')!r} is not a valid id ({allowed})"
    return err["msg"]


# ---------------------------------------------------------------- the frame and the references


def add_frame(bundle: Bundle) -> None:
    """Every council in the load gets its statutory posts and lines, unless the files give them."""
    for cid, (council, origin) in list(bundle.entities.items()):
        if council.kind != "Council":
            continue
        ents, rels = frame.frame_for(cid, council.name)
        for e in ents:
            if e["id"] not in bundle.entities:
                bundle.entities[e["id"]] = (ENTITY_MODELS["Post"].model_validate(e), origin)
        for r in rels:
            if r["id"] not in bundle.relationships:
                bundle.relationships[r["id"]] = (REL_MODELS[r["kind"]].model_validate(r), origin)


def check_references(bundle: Bundle, store: Store | None) -> None:
    wanted_entities: set[str] = set()
    wanted_sources: set[str] = set()
    for rel, _ in bundle.relationships.values():
        wanted_entities.update((rel.from_, rel.to))
        wanted_sources.update(ev.source for ev in rel.evidence)
    for ent, _ in bundle.entities.values():
        wanted_sources.update(ent.sources)
    in_graph = store.kinds_of((wanted_entities - set(bundle.entities)) | (wanted_sources - set(bundle.sources))) if store else {}
    kinds = {eid: e.kind for eid, (e, _) in bundle.entities.items()}
    for eid, k in in_graph.items():
        kinds.setdefault(eid, k)
    source_ids = set(bundle.sources) | {sid for sid, k in in_graph.items() if k == "Source"}

    for ent, origin in bundle.entities.values():
        for sid in ent.sources:
            if sid not in source_ids:
                bundle.problems.append(Problem(origin.file, origin.at("sources"), "sources", f"unknown source {sid!r}"))
    holdings: dict[tuple[str, str], list[tuple[Any, Origin]]] = {}
    for rel, origin in bundle.relationships.values():
        ends = REL_BY_NAME[rel.kind].ends
        for end_name, eid in (("from", rel.from_), ("to", rel.to)):
            if eid not in kinds:
                bundle.problems.append(Problem(origin.file, origin.at(end_name), end_name, f"unknown entity {eid!r}: not in these files nor in the graph"))
        if rel.from_ in kinds and rel.to in kinds and (kinds[rel.from_], kinds[rel.to]) not in ends:
            allowed = "; ".join(f"{a} to {b}" for a, b in ends)
            bundle.problems.append(
                Problem(origin.file, origin.line, "kind",
                        f"{rel.kind} cannot run from a {kinds[rel.from_]} ({rel.from_}) to a {kinds[rel.to]} ({rel.to}); it runs {allowed}")
            )
        for i, ev in enumerate(rel.evidence):
            if ev.source not in source_ids:
                bundle.problems.append(Problem(origin.file, origin.at("evidence", i, "source"), f"evidence.{i}.source", f"unknown source {ev.source!r}"))
        if rel.kind == "HOLDS":
            holdings.setdefault((rel.from_, rel.to), []).append((rel, origin))
    for (person, post), items in holdings.items():
        _check_overlaps(person, post, items, bundle)


def _check_overlaps(person: str, post: str, items: list[tuple[Any, Origin]], bundle: Bundle) -> None:
    spans = []
    for rel, origin in items:
        if rel.start is None:
            continue
        spans.append((rel.start.first, rel.end.after if rel.end else None, rel, origin))
    spans.sort(key=lambda s: s[0])
    for (a0, a1, ra, oa), (b0, b1, rb, ob) in zip(spans, spans[1:]):
        if a1 is None or b0 < a1:
            bundle.problems.append(
                Problem(ob.file, ob.at("start"), "start",
                        f"{person} already holds {post} from {ra.start} (at {oa.file}:{oa.line}); the two holdings overlap")
            )


# ---------------------------------------------------------------- rows for the store


def _date_cols(name: str, value: FuzzyDate | None) -> dict[str, Any]:
    return {name: value.first.isoformat() if value else None, name + "_precision": value.precision if value else None}


def node_row(kind: str, record: Any) -> dict[str, Any]:
    data = record.model_dump(by_alias=True)
    row: dict[str, Any] = {}
    for col in node_columns(kind):
        if col.name.endswith("_precision"):
            continue
        value = data.get(col.name)
        if col.type == "DATE":
            row.update(_date_cols(col.name, getattr(record, col.name, None)))
        elif col.type == "STRING[]":
            row[col.name] = list(value or [])
        else:
            row[col.name] = value
    row["kind"] = kind
    return row


def rel_row(record: Any, source_dates: dict[str, FuzzyDate]) -> dict[str, Any]:
    dates = [source_dates[ev.source] for ev in record.evidence if ev.source in source_dates]
    start, end = record.start, record.end
    if start is not None:
        start_basis = "stated"
    elif end is None and dates:
        start, start_basis = min(dates, key=lambda d: d.first), "source_date"
    else:
        start_basis = "unknown"
    last = max(dates, key=lambda d: d.after) if (dates and end is None) else None
    row: dict[str, Any] = {"id": record.id, "from_id": record.from_, "to_id": record.to, "kind": record.kind}
    data = record.model_dump(by_alias=True)
    for col in rel_columns(record.kind):
        name = col.name
        if name in row or name in ("valid_from_precision", "valid_to_precision", "last_confirmed_precision"):
            continue
        if name == "valid_from":
            row.update(_date_cols("valid_from", start))
        elif name == "valid_to":
            row.update(_date_cols("valid_to", end))
        elif name == "valid_until":
            row["valid_until"] = end.after.isoformat() if end else None
        elif name == "valid_until_precision":
            row["valid_until_precision"] = end.precision if end else None
        elif name == "until_basis":
            row["until_basis"] = "stated" if end else None
        elif name == "start_basis":
            row["start_basis"] = start_basis
        elif name == "last_confirmed":
            row.update(_date_cols("last_confirmed", last))
        elif name == "sources":
            row["sources"] = [ev.source for ev in record.evidence]
        elif name == "quotes":
            row["quotes"] = [ev.quote for ev in record.evidence]
        elif name == "accounts":
            row["accounts"] = [ev.account or "" for ev in record.evidence]
        elif col.type == "STRING[]":
            row[name] = list(data.get(name) or [])
        else:
            row[name] = data.get(name)
    return row


def to_batch(bundle: Bundle, store: Store | None) -> WriteBatch:
    batch = WriteBatch()
    source_dates = {sid: s.published for sid, (s, _) in bundle.sources.items()}
    missing = {ev.source for r, _ in bundle.relationships.values() for ev in r.evidence} - set(source_dates)
    if missing and store is not None:
        for row in store.query(_SOURCE_DATES, {"ids": sorted(missing)}):
            fd = FuzzyDate.from_stored(row["published"], row["precision"])
            if fd:
                source_dates[row["id"]] = fd
    for sid, (s, _) in bundle.sources.items():
        batch.add_node("Source", node_row("Source", s))
    kinds: dict[str, str] = {}
    for eid, (e, _) in bundle.entities.items():
        batch.add_node(e.kind, node_row(e.kind, e))
        kinds[eid] = e.kind
    ends = {x for r, _ in bundle.relationships.values() for x in (r.from_, r.to)} - set(kinds)
    if ends and store is not None:
        kinds.update(store.kinds_of(ends))
    for r, _ in bundle.relationships.values():
        batch.add_rel((r.kind, kinds[r.from_], kinds[r.to]), rel_row(r, source_dates))
    return batch


_SOURCE_DATES = "MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, s.published AS published, s.published_precision AS precision"


# ---------------------------------------------------------------- the whole path


def prepare(paths: Iterable[str | Path], store: Store | None, with_statute: bool = True,
            datasets: Sequence[Any] = ()) -> tuple[Bundle, WriteBatch]:
    """Read and check everything; raise InvalidInput with every problem, or return what to write.

    `datasets` (loaders.register.RegisterFile, loaders.ofsted.OfstedFile) add their records
    after the fact files, in the order given, so that they merge with the councils the files name."""
    from .datasets import Stored
    from .merge import merge_with_graph

    paths = list(paths)
    bundle = Bundle()
    statute = statute_file()
    if with_statute and all(Path(p).resolve() != statute.resolve() for p in expand(paths)):
        read([statute], bundle)
        bundle.files.pop()
    read(paths, bundle)
    stored = Stored(store)
    for dataset in datasets:
        dataset.contribute(bundle, stored)
    merge_with_graph(bundle, stored)
    if not bundle.problems:
        add_frame(bundle)
        check_references(bundle, store)
    if bundle.problems:
        raise InvalidInput(bundle.problems)
    return bundle, to_batch(bundle, store)


def load(paths: Iterable[str | Path], store: Store, batch_size: int = 5000, datasets: Sequence[Any] = ()) -> LoadReport:
    bundle, batch = prepare(paths, store, datasets=datasets)
    store.write(batch, batch_size=batch_size)
    nodes, rels = batch.size
    return LoadReport(
        files=bundle.files,
        sources=len(bundle.sources),
        entities=len(bundle.entities),
        relationships=len(bundle.relationships),
        nodes_written=nodes,
        relationships_written=rels,
        datasets=[d.report for d in datasets],
    )


def check(paths: Iterable[str | Path], store: Store | None = None) -> Bundle:
    bundle, _ = prepare(paths, store)
    return bundle


def load_bundled(store: Store) -> LoadReport:
    return load([bundled_dir()], store)


__all__ = ["Bundle", "Evidence", "FactFile", "InvalidInput", "LineMap", "LoadReport", "Problem", "check", "load", "load_bundled", "prepare"]
