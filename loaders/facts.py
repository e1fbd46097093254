"""Fact files in: read, validate everything, check every reference, then write once.

Nothing is written unless every file is valid: every problem is reported as
`file:line: field: what is wrong`, and the graph is left exactly as it was.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..graph import Store, WriteBatch
from ..schema.dates import FuzzyDate
from ..schema.facts import ENTITY_MODELS, REL_MODELS, Evidence, FactFile, Record, Source, relationship_id
from ..schema.model import REL_BY_NAME
from . import frame
from .problems import InvalidInput, Problem
from .rows import Fact, RelFact, fact_of, finish_rel_row, node_row, rel_base_row
from .yamlfile import MAX_BYTES, LineMap, parse_jsonl_lines, parse_yaml, read_text

FACT_SUFFIXES = (".yaml", ".yml", ".jsonl")
SECTIONS = ("sources", "entities", "relationships")
JSONL_TYPES = {"source": "sources", "entity": "entities", "relationship": "relationships"}


@dataclass(slots=True)
class Origin:
    file: str
    line: int
    line_of: Any = None  # loc -> line within the record, when known

    def at(self, *loc: Any) -> int:
        return self.line_of(loc) if self.line_of else self.line


@dataclass
class Bundle:
    """Every record of a load, by id, with where it came from.

    Records are kept as Facts (loaders/rows.py): checked by their models, kept as their rows.
    """

    sources: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    entities: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    relationships: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add(self, section: str, rid: str, record: Any, origin: Origin) -> None:
        table: dict = getattr(self, section)
        record = fact_of(section, record)
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

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _content(record: Any) -> str:
    content = record.content() if isinstance(record, Fact) else record.model_dump(mode="json", by_alias=True)
    return json.dumps(content, sort_keys=True)


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
    """Each line is checked by one call into pydantic's core (loaders/jsonl.py); a line with
    any problem is read again below, to say each problem as for any other file."""
    from . import jsonl

    for n, line, section, record in jsonl.validated(text):
        if record is None:
            _read_jsonl_lines([(n, line)], label, bundle)
        else:
            _accept(section, record, label, n, bundle)


def _read_jsonl_lines(lines: Iterable[tuple[int, str]], label: str, bundle: Bundle) -> None:
    rows, problems = parse_jsonl_lines(lines, label)
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
    _accept(section, record, label, line_of, bundle)


def _accept(section: str, record: Any, label: str, line_of: Any, bundle: Bundle) -> None:
    """The checks one valid record still needs on its own, its id, and into the bundle.
    `line_of` is a function of the field's path, or the record's line."""
    at = line_of if callable(line_of) else None
    line = line_of(()) if at else line_of
    if section == "relationships":
        wrong = record.interval_problem()
        if wrong:
            bundle.problems.append(Problem(label, at(("end",)) if at else line, "end", wrong))
            return
        if record.id is None:
            record.id = relationship_id(record.kind, record.from_, record.to, record.start)
    bundle.add(section, record.id, record, Origin(label, line, at))


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
                bundle.entities[e["id"]] = (fact_of("entities", ENTITY_MODELS["Post"].model_validate(e)), origin)
        for r in rels:
            if r["id"] not in bundle.relationships:
                bundle.relationships[r["id"]] = (fact_of("relationships", REL_MODELS[r["kind"]].model_validate(r)), origin)


def check_references(bundle: Bundle, store: Store | None) -> None:
    """Every end and every source a record names exists (in these files or in the graph), every
    relationship runs between kinds the model allows, and no one holds one post twice at once."""
    rels = [(rel.row, rel, origin) for rel, origin in bundle.relationships.values()]
    wanted_entities: set[str] = set()
    wanted_sources: set[str] = set()
    for row, _, _ in rels:
        wanted_entities.add(row["from_id"])
        wanted_entities.add(row["to_id"])
        wanted_sources.update(row["sources"])
    for ent, _ in bundle.entities.values():
        wanted_sources.update(ent.row["sources"])
    in_graph = store.kinds_of((wanted_entities - bundle.entities.keys()) | (wanted_sources - bundle.sources.keys())) if store else {}
    kinds = {eid: e.row["kind"] for eid, (e, _) in bundle.entities.items()}
    for eid, k in in_graph.items():
        kinds.setdefault(eid, k)
    source_ids = set(bundle.sources) | {sid for sid, k in in_graph.items() if k == "Source"}

    for ent, origin in bundle.entities.values():
        if source_ids.issuperset(ent.row["sources"]):
            continue
        for sid in ent.row["sources"]:
            if sid not in source_ids:
                bundle.problems.append(Problem(origin.file, origin.at("sources"), "sources", f"unknown source {sid!r}"))
    holdings: dict[tuple[str, str], list[tuple[Any, Origin]]] = {}
    ends_of = {k: set(r.ends) for k, r in REL_BY_NAME.items()}
    for row, rel, origin in rels:
        kind, from_id, to_id = row["kind"], row["from_id"], row["to_id"]
        a, b = kinds.get(from_id), kinds.get(to_id)
        if a is None or b is None:
            for end_name, eid in (("from", from_id), ("to", to_id)):
                if eid not in kinds:
                    bundle.problems.append(Problem(origin.file, origin.at(end_name), end_name, f"unknown entity {eid!r}: not in these files nor in the graph"))
        elif (a, b) not in ends_of[kind]:
            allowed = "; ".join(f"{x} to {y}" for x, y in REL_BY_NAME[kind].ends)
            bundle.problems.append(
                Problem(origin.file, origin.line, "kind",
                        f"{kind} cannot run from a {a} ({from_id}) to a {b} ({to_id}); it runs {allowed}")
            )
        if not source_ids.issuperset(row["sources"]):
            for i, sid in enumerate(row["sources"]):
                if sid not in source_ids:
                    bundle.problems.append(Problem(origin.file, origin.at("evidence", i, "source"), f"evidence.{i}.source", f"unknown source {sid!r}"))
        if kind == "HOLDS":
            key = (from_id, to_id)
            if key in holdings:
                holdings[key].append((rel, origin))
            else:
                holdings[key] = [(rel, origin)]
    for (person, post), items in holdings.items():
        if len(items) > 1:
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


def rel_row(record: Any, source_dates: dict[str, FuzzyDate]) -> dict[str, Any]:
    """The store's row for a relationship (a model or a Fact), with the columns its sources' dates decide."""
    fact = record if isinstance(record, RelFact) else RelFact(rel_base_row(record), record.start, record.end)
    return finish_rel_row(fact, source_dates)


def to_batch(bundle: Bundle, store: Store | None) -> WriteBatch:
    batch = WriteBatch()
    source_dates = {sid: s.published for sid, (s, _) in bundle.sources.items()}
    rel_facts = [r for r, _ in bundle.relationships.values()]
    cited: set[str] = set()
    ends: set[str] = set()
    for r in rel_facts:
        row = r.row
        cited.update(row["sources"])
        ends.add(row["from_id"])
        ends.add(row["to_id"])
    missing = cited - source_dates.keys()
    if missing and store is not None:
        for row in store.query(_SOURCE_DATES, {"ids": sorted(missing)}):
            fd = FuzzyDate.from_stored(row["published"], row["precision"])
            if fd:
                source_dates[row["id"]] = fd
    if bundle.sources:
        batch.nodes["Source"] = [s.row for s, _ in bundle.sources.values()]
    kinds: dict[str, str] = {}
    nodes = batch.nodes
    for eid, (e, _) in bundle.entities.items():
        row = e.row
        kind = kinds[eid] = row["kind"]
        if kind in nodes:
            nodes[kind].append(row)
        else:
            nodes[kind] = [row]
    ends -= kinds.keys()
    if ends and store is not None:
        kinds.update(store.kinds_of(ends))
    rels = batch.rels
    for r in rel_facts:
        row = finish_rel_row(r, source_dates)
        key = (row["kind"], kinds[row["from_id"]], kinds[row["to_id"]])
        if key in rels:
            rels[key].append(row)
        else:
            rels[key] = [row]
    return batch


_SOURCE_DATES = "MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, s.published AS published, s.published_precision AS precision"


# ---------------------------------------------------------------- the whole path


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds its records: none of them form
    cycles, and with a million of them alive each collection walks them all (measured: the
    collector took two thirds of the time of validating a large file)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def prepare(paths: Iterable[str | Path], store: Store | None, with_statute: bool = True) -> tuple[Bundle, WriteBatch]:
    """Read and check everything; raise InvalidInput with every problem, or return what to write."""
    paths = list(paths)
    with gc_paused():
        bundle = Bundle()
        statute = statute_file()
        if with_statute and all(Path(p).resolve() != statute.resolve() for p in expand(paths)):
            read([statute], bundle)
            bundle.files.pop()
        read(paths, bundle)
        if not bundle.problems:
            add_frame(bundle)
            check_references(bundle, store)
        if bundle.problems:
            raise InvalidInput(bundle.problems)
        return bundle, to_batch(bundle, store)


def load(paths: Iterable[str | Path], store: Store, batch_size: int = 5000) -> LoadReport:
    with gc_paused():
        bundle, batch = prepare(paths, store)
        nodes, rels = batch.size
        report = LoadReport(
            files=bundle.files,
            sources=len(bundle.sources),
            entities=len(bundle.entities),
            relationships=len(bundle.relationships),
            nodes_written=nodes,
            relationships_written=rels,
        )
        del bundle  # its rows live on in the batch; the rest is not needed to write
        batch.consumable = True
        store.write(batch, batch_size=batch_size)
    return report


def check(paths: Iterable[str | Path], store: Store | None = None) -> Bundle:
    bundle, _ = prepare(paths, store)
    return bundle


def load_bundled(store: Store) -> LoadReport:
    return load([bundled_dir()], store)


__all__ = ["Bundle", "Evidence", "FactFile", "InvalidInput", "LineMap", "LoadReport", "Problem", "check", "load", "load_bundled",
           "node_row", "prepare", "rel_row"]
