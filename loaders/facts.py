"""Fact files in: read, validate everything, check every reference, then write once.

Nothing is written unless every file is valid: every problem is reported as
`file:line: field: what is wrong`, and the graph is left exactly as it was.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..graph import Store, WriteBatch, statements
from ..schema.dates import FuzzyDate
from ..schema.facts import (
    ENTITY_MODELS,
    LINE_PATTERN,
    PARAGRAPH_PATTERN,
    REL_MODELS,
    Evidence,
    FactFile,
    Record,
    Source,
    relationship_id,
)
from ..schema.model import NODE_KINDS, REL_BY_NAME, REL_KINDS
from . import frame
from .problems import InvalidInput, Notice, Problem
from .quoted_days import quote_names_day as _quote_names_day
from .reconcile import Outcome, reconcile, show, sources_of
from .records import _plain_date, _validated, dump, record_of_node, record_of_rel  # noqa: F401 (dump and record_of_* are read from here too)
from .rows import Fact, RelFact, fact_of, finish_rel_row, node_row, rel_base_row
from .yamlfile import MAX_BYTES, LineMap, jsonl_lines, parse_jsonl_lines, parse_yaml, read_text

FACT_SUFFIXES = (".yaml", ".yml", ".jsonl")
SECTIONS = ("sources", "entities", "relationships")
JSONL_TYPES = {"source": "sources", "entity": "entities", "relationship": "relationships"}
CHUNK = 50_000  # ids per look-up in the graph (each look-up of relationships by id is a pass over their table)


@dataclass(slots=True)
class Origin:
    file: str
    line: int
    line_of: Any = None  # loc -> line within the record, when known
    implicit: bool = False  # the statute file and the frame, which every load brings along

    def at(self, *loc: Any) -> int:
        return self.line_of(loc) if self.line_of else self.line

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Bundle:
    """Every record of a load, by id, with where it came from.

    Records from fact files are kept as Facts (loaders/rows.py): checked by their models, kept
    as their rows. Datasets and the frame may put models in; both read alike (same attribute
    names), `dump()` gives either as a fact-file record, and `to_batch` takes the rows of both.
    """

    sources: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    entities: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    relationships: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    merge_evidence: set[str] = field(default_factory=set)  # relationships from datasets: keep every snapshot's evidence
    # what happened to records given again, by (section, id): merged, contested, corrected or replaced
    actions: dict[tuple[str, str], str] = field(default_factory=dict)
    said: dict[tuple[str, str], Notice] = field(default_factory=dict)
    # records the graph already holds exactly as given, by (section, id): checked like the rest, not written again
    unchanged: set[tuple[str, str]] = field(default_factory=set)
    # JSON Lines lines the graph holds as given (loaders/known.py): the graph's content hashes, the
    # records whose lines are read even so, and the records of the lines not read, with their place
    known: dict[str, tuple[str, str]] | None = None
    keep: set[tuple[str, str]] = field(default_factory=set)
    skipped: dict[tuple[str, str], str] = field(default_factory=dict)
    # the kind of each id the load names that the graph holds (check_references), for to_batch
    graph_kinds: dict[str, str] = field(default_factory=dict)

    def add(self, section: str, rid: str, record: Any, origin: Origin, content_hash: str | None = None) -> None:
        table: dict = getattr(self, section)
        record = fact_of(section, record)
        if content_hash is not None:
            record.row["content_hash"] = content_hash  # the line's record as given (schema/content_hash.py)
        if rid not in table:
            table[rid] = (record, origin)
            return
        before, where = table[rid]
        if where.implicit and not origin.implicit:  # the files given win over what every load brings along
            table[rid] = (record, origin)
            return
        if origin.implicit:
            return
        if isinstance(before, Fact) and before.content() == record.content():
            return  # the same record again (the common case, said without reading it back)
        old, new = dump(before), dump(record)
        out = reconcile(old, new, section, later=False)
        if out.action == "refused":
            self.problems += _refusal(section, rid, old, new, out, origin, where)
            return
        if out.action != "same":
            table[rid] = (_model(section, out.record), where)
            self.actions[(section, rid)] = out.action
        if out.action == "contested":
            self.said[(section, rid)] = _contest_notice(rid, old, new, out, origin, f"first at {where.place}")

    @property
    def notices(self) -> list[Notice]:
        return sorted(set(self.said.values()))

    @property
    def outcomes(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for action in self.actions.values():
            out[action] = out.get(action, 0) + 1
        return out


@dataclass
class LoadReport:
    files: list[str]
    sources: int
    entities: int
    relationships: int
    nodes_written: int
    relationships_written: int
    datasets: list[Any] = field(default_factory=list)  # DatasetReport of each dataset file loaded
    notices: list[Notice] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = self.__dict__.copy()
        out["datasets"] = [d.as_dict() for d in self.datasets]
        out["notices"] = [str(n) for n in self.notices]
        return out


def _model(section: str, data: dict[str, Any]) -> Fact:
    """The Fact kept for a fact-file record (checked again by its model)."""
    return fact_of(section, _validated(section, data))


def _suggest(word: Any, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def bundled_dir() -> Path:
    """The fact files shipped with the project."""
    return Path(str(resources.files("accountable") / "data" / "facts"))


def statute_file() -> Path:
    return bundled_dir() / "statute.yaml"


def is_fact_file(path: Path) -> bool:
    """A fact file by its suffix, in any case (`Upper.YAML` is one)."""
    return path.suffix.lower() in FACT_SUFFIXES


def _hidden(path: Path, folder: Path) -> bool:
    """Inside a folder given, a file whose name (or a folder's on the way) starts with '.': an editor's
    swap file, a tool's state, a copy put aside; never read as facts."""
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def expand(paths: Sequence[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Files named, and the fact files inside folders named, in a stable order. Inside a folder, hidden
    files are left out (and listed in `skipped`); a symbolic link to nothing is kept, to be named."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for x in sorted(p.rglob("*")):
                if not is_fact_file(x) or not (x.is_file() or (x.is_symlink() and not x.exists())):
                    continue
                if _hidden(x, p):
                    if skipped is not None:
                        skipped.append(x)
                    continue
                out.append(x)
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------- reading and validating


def read(paths: Sequence[str | Path], bundle: Bundle | None = None, implicit: bool = False) -> Bundle:
    bundle = bundle or Bundle()
    for given in map(Path, paths):
        skipped: list[Path] = []
        files = expand([given], skipped)
        for x in skipped:
            bundle.said[("files", str(x))] = Notice(str(x), 1, "file", "hidden (its name, or a folder's, starts with '.'): not read; "
                                                   "rename it to load it")
        if given.is_dir() and not files:
            bundle.problems.append(Problem(str(given), 1, "file", f"is a folder with no fact files ({', '.join(FACT_SUFFIXES)}) in it"))
        for path in files:
            _read_file(path, bundle, implicit)
    return bundle


def _read_file(path: Path, bundle: Bundle, implicit: bool) -> None:
    label = str(path)
    bundle.files.append(label)
    if path.is_symlink() and not path.exists():
        bundle.problems.append(Problem(label, 1, "file", f"is a symbolic link to {os.readlink(path)}, which does not exist"))
        return
    if not path.exists():
        bundle.problems.append(Problem(label, 1, "file", "does not exist"))
        return
    if not is_fact_file(path):
        bundle.problems.append(Problem(label, 1, "file", f"is not a fact file (expected {', '.join(FACT_SUFFIXES)})"))
        return
    jsonl = path.suffix.lower() == ".jsonl"
    text, problems = read_text(path, label, limit=None if jsonl else MAX_BYTES)
    if problems or text is None:
        bundle.problems += problems
        return
    if jsonl:
        _read_jsonl(text, label, bundle)
    else:
        _read_yaml(text, label, bundle, implicit)


def _read_yaml(text: str, label: str, bundle: Bundle, implicit: bool = False) -> None:
    data, lines, problems = parse_yaml(text, label)
    if problems:
        bundle.problems += problems
        return
    if data is None or data == {}:
        return
    if not isinstance(data, dict):
        bundle.problems.append(Problem(label, 1, "file", f"must be a mapping with sources, entities and relationships, not {_what(data)}"))
        return
    for key in data:
        if key not in SECTIONS:
            bundle.problems.append(
                Problem(label, lines.line((key,)), str(key), f"unknown section; expected one of: {', '.join(SECTIONS)}{_suggest(key, SECTIONS)}")
            )
    for section in SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            bundle.problems.append(Problem(label, lines.line((section,)), section, f"must be a list (one '- ' item per record), not {_what(items)}"))
            continue
        for i, item in enumerate(items):
            _validate(section, item, label, lambda loc, i=i, s=section: lines.line((s, i) + loc), bundle, implicit)


def _read_jsonl(text: str, label: str, bundle: Bundle) -> None:
    """Each line is checked by one call into pydantic's core (loaders/jsonl.py); a line with
    any problem (or any sign of a control character, which the models let through) is read
    again below, to say each problem as for any other file."""
    from . import jsonl

    from .known import hash_base

    known, keep, skipped = bundle.known, bundle.keep, bundle.skipped
    hashes: dict[int, str] = {}
    base = hash_base()

    def lines() -> Iterator[tuple[int, str]]:
        for n, line in jsonl_lines(text):
            h = base.copy()  # (schema/content_hash.line_hash, inline: a million lines)
            h.update(line.encode("utf-8", "surrogatepass"))
            h = hashes[n] = h.hexdigest()
            if known is not None:
                key = known.get(h)
                if key is not None and key not in keep:
                    skipped.setdefault(key, f"{label}:{n}")
                    continue
            yield n, line

    for n, line, section, record in jsonl.validated_lines(lines()):
        if record is None or _CONTROL.search(line) or ("\\u" in line and _control_character(json.loads(line))):
            _read_jsonl_lines([(n, line)], label, bundle)
        else:
            _accept(section, record, label, n, bundle, content_hash=hashes.pop(n))


def _read_jsonl_lines(lines: Iterable[tuple[int, str]], label: str, bundle: Bundle) -> None:
    rows, problems = parse_jsonl_lines(lines, label)
    bundle.problems += problems
    for n, obj in rows:
        if not isinstance(obj, dict) or not isinstance(obj.get("type"), str) or obj["type"] not in JSONL_TYPES:
            what = "each line must be a JSON object with" if not isinstance(obj, dict) else "each line needs"
            bundle.problems.append(Problem(label, n, "type", f"{what} \"type\": one of {', '.join(JSONL_TYPES)}"))
            continue
        obj = dict(obj)
        control = _control_character(obj)
        if control:
            where, char = control
            bundle.problems.append(Problem(label, n, where or "json", f"holds a control character (#x{ord(char):04x}), which fact files do not allow; delete it"))
            continue
        section = JSONL_TYPES[obj.pop("type")]
        _validate(section, obj, label, lambda loc, n=n: n, bundle)


# What YAML refuses to read (its printable set), refused in JSON Lines too: tab, newline and carriage return are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _control_character(value: Any, path: str = "") -> tuple[str, str] | None:
    """The first control character in a JSON value's keys or text, with where it is."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        return (path, m.group()) if m else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        here = f"{path}.{k}" if path else str(k)
        if isinstance(k, str) and _CONTROL.search(k):
            return (path or "json", _CONTROL.search(k).group())  # type: ignore[union-attr]
        found = _control_character(v, here)
        if found:
            return found
    return None


def _validate(section: str, item: Any, label: str, line_of: Any, bundle: Bundle, implicit: bool = False) -> None:
    try:
        if section == "sources":
            record: Record = Source.model_validate(item)
        else:
            models = ENTITY_MODELS if section == "entities" else REL_MODELS
            if not isinstance(item, dict):
                raise _single(f"each item must be a mapping of fields (key: value), not {_what(item)}")
            kind = item.get("kind")
            if not isinstance(kind, str) or kind not in models:
                what = "entity" if section == "entities" else "relationship"
                known = ", ".join(models)
                if kind is None:
                    message = f"missing; expected one of: {known}"
                elif not isinstance(kind, str):
                    message = f"must be one word, not {_what(kind)}; expected one of: {known}"
                else:
                    message = f"unknown kind of {what} {kind!r}; expected one of: {known}{_suggest(kind, models)}"
                bundle.problems.append(Problem(label, line_of(("kind",)), "kind", message))
                return
            record = models[kind].model_validate(item)
    except _SingleProblem as e:
        bundle.problems.append(Problem(label, line_of(()), section, e.message))
        return
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and (x in ENTITY_MODELS or x in REL_MODELS or x == "Source")))
            fieldname = ".".join(str(x) for x in loc) or section
            message = _message(err)
            if err["type"] == "extra_forbidden":
                model = Source if section == "sources" else (ENTITY_MODELS if section == "entities" else REL_MODELS)[item["kind"]]
                known = _known_fields(model, loc[:-1])
                message += _suggest(loc[-1], known) or f"; {_field_list(known)}"
            bundle.problems.append(Problem(label, line_of(loc), fieldname, message))
        return
    _accept(section, record, label, line_of, bundle, implicit)


def _accept(section: str, record: Any, label: str, line_of: Any, bundle: Bundle, implicit: bool = False,
            content_hash: str | None = None) -> None:
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
    if section == "entities" and hasattr(record, "names_problem"):
        wrong = record.names_problem()
        if wrong:
            bundle.problems.append(Problem(label, at(("former_names_until",)) if at else line, "former_names_until", wrong))
            return
    bundle.add(section, record.id, record, Origin(label, line, at, implicit), content_hash)


def _known_fields(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The field names a record (or its evidence) may have."""
    if loc and loc[0] == "evidence":
        model = Evidence
    return [f.alias or name for name, f in model.model_fields.items()]


def _field_list(known: list[str]) -> str:
    return "the fields are: " + ", ".join(known)


class _SingleProblem(Exception):
    def __init__(self, message: str):
        self.message = message


def _single(message: str) -> _SingleProblem:
    return _SingleProblem(message)


def _what(value: Any) -> str:
    """A value's type in words, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {value!r}"
    return type(value).__name__


def error_message(err: dict[str, Any]) -> str:
    """A pydantic error in the words every loader uses (fact files, datasets, exports read back)."""
    return _message(err)


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = err.get("loc") or ()
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        if loc and loc[-1] == "evidence":
            return "required field is missing: every fact needs evidence (a source id and a short quote)"
        return "required field is missing"
    if kind == "value_error":
        return str(ctx["error"]) if "error" in ctx else err["msg"]
    if kind == "literal_error":
        return f"{value!r} is not allowed; {err['msg'][0].lower()}{err['msg'][1:]}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in (LINE_PATTERN, PARAGRAPH_PATTERN):
        return _unprintable(str(value), ctx["pattern"] == PARAGRAPH_PATTERN)
    if kind == "string_pattern_mismatch":
        allowed = "letters, digits and . _ / : > @ -" if ">" in ctx.get("pattern", "") else "lower case letters, digits and . _ / : -"
        return f"{value!r} is not a valid id ({allowed})"
    if kind == "string_too_short" or (kind == "string_type" and value is None):
        return "is empty"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; the limit is {ctx.get('max_length')}"
    if kind == "string_type":
        return f"must be text, not {_what(value)}; put it in quotes if it is meant as text"
    if kind == "string_unicode":
        return "is not valid text (it holds a lone surrogate, from a broken \\u escape)"
    if kind == "list_type":
        return f"must be a list (write [a, b] or one '- ' line per item), not {_what(value)}"
    if kind == "too_short" and loc and loc[-1] == "evidence":
        return "is empty: every fact needs at least one source with a short quote"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields (key: value), not {_what(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{value!r} is not a whole number"
    if kind == "less_than_equal":
        return f"{value!r} is too large (at most {ctx.get('le'):,})"
    if kind == "greater_than_equal":
        return f"{value!r} is too small (at least {ctx.get('ge'):,})"
    return err["msg"]


def _unprintable(value: str, paragraph: bool) -> str:
    """What the text gate (schema/facts.py) refused in a value, and what to do."""
    pattern = PARAGRAPH_PATTERN if paragraph else LINE_PATTERN
    m = re.search(pattern.replace("^[^", "[").replace("]*$", "]"), value)
    char = m.group() if m else "?"
    if char in "\n\r" and not paragraph:
        return "holds a line break, but this field is one line; join the lines"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"holds a bidirectional text control (U+{ord(char):04X}), which could make text show other than it is; delete it"
    return f"holds a control character (#x{ord(char):04x}), which fact files do not allow; delete it"


# ---------------------------------------------------------------- the same id again: in this load, or in the graph


def _kind_words(rec: dict[str, Any]) -> str:
    return f"a {rec.get('kind')} from {rec.get('from')} to {rec.get('to')}"


def _refusal(section: str, rid: str, old: dict[str, Any], new: dict[str, Any], out: Outcome, origin: Origin,
             where: Origin | None) -> list[Problem]:
    """Why a record given again is refused; `where` is the first place in this load, or None for the graph."""
    there = f"first at {where.place}" if where else "in the graph"
    if out.reason == "identity":
        if section == "relationships":
            first = f"(at {where.place})" if where else "in the graph"
            return [Problem(origin.file, origin.at("id"), "id",
                            f"{rid!r} already names {_kind_words(old)} {first}; here it names {_kind_words(new)}. "
                            "One id names one fact: give this one another id")]
        return [Problem(origin.file, origin.at("kind"), "kind",
                        f"{rid!r} is already a {old.get('kind')} ({there}); here it is a {new.get('kind')}. Give this one another id")]
    problems = []
    for f in out.fields:
        was, now = show(old.get(f)), show(new.get(f))
        if where is not None and out.reason == "shared_source":
            shared = ", ".join(sorted(set(sources_of(old)) & set(sources_of(new))))
            message = (f"{rid!r} is given again with {f} {now} ({there} with {was}), and both cite {shared}: "
                       "one source cannot support both; correct one of them")
        elif where is not None:
            message = f"{rid!r} is given again with {f} {now} ({there} with {was}); correct one of them, or give them different ids"
        elif out.reason == "shared_source":
            missing = sorted(set(sources_of(old)) - set(sources_of(new)))
            message = (f"{rid!r} is in the graph with {f} {was} (sources: {', '.join(sources_of(old))}); this version gives {now} "
                       f"but does not cite {', '.join(missing)}. To correct the fact, cite all its sources, or load with --replace")
        else:
            message = f"{rid!r} is already in the graph with {f} {was}; this file gives {now}. If this file corrects it, load it with --replace"
        problems.append(Problem(origin.file, origin.at(f), f, message))
    return problems


def _contest_notice(rid: str, old: dict[str, Any], new: dict[str, Any], out: Outcome, origin: Origin, there: str) -> Notice:
    f = out.fields[0]
    versions = "; ".join(f"{x} {show(old.get(x))} ({there}, from {', '.join(sources_of(old))}) or {show(new.get(x))} (from {', '.join(sources_of(new))})"
                         for x in out.fields)
    return Notice(origin.file, origin.at(f), f,
                  f"{rid!r}: sources disagree on {versions}; both are kept and the fact is marked disputed. "
                  "If this file corrects it, load it with --replace")


def graph_versions(store: Store, bundle: Bundle) -> dict[str, dict[str, dict[str, Any]]]:
    """The graph's version of every record this load gives, as fact-file records."""
    out: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in SECTIONS}
    for section, rows in graph_rows(store, bundle).items():
        for rid, (kind, row) in rows.items():
            out[section][rid] = record_of_node(kind, row) if section != "relationships" else record_of_rel(kind, row)
    return out


# A table is read whole, once, when a load gives at least 1/WHOLE_TABLE as many of its ids as it
# holds: one scan instead of a scan for each chunk of ids (reloading a 1M-fact set read every
# relationship table once per 5,000 ids: ten minutes).
WHOLE_TABLE = 8


def graph_rows(store: Store, bundle: Bundle,
               leave: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()) -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    """The stored row (and kind) of every record this load gives that the graph holds, by section and id
    (but those of `leave`, (section, id) pairs)."""
    out: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {s: {} for s in SECTIONS}
    counts = store.counts()
    node_ids = {i for i in bundle.entities if ("entities", i) not in leave} | {i for i in bundle.sources if ("sources", i) not in leave}
    for k in NODE_KINDS:
        stored = counts.get(k.name) or 0
        if not stored or not node_ids:
            continue
        section = "sources" if k.name == "Source" else "entities"
        if len(node_ids) * WHOLE_TABLE >= stored:
            rows: Iterable[dict[str, Any]] = store.query(statements.dump_nodes(k.name))
        else:
            rows = (row for chunk in _chunks(sorted(node_ids)) for row in store.query(statements.nodes_by_ids(k.name), {"ids": chunk}))
        for row in rows:
            if row["id"] in node_ids:
                out[section][row["id"]] = (k.name, row)
    rel_ids = {i for i in bundle.relationships if ("relationships", i) not in leave}
    for r in REL_KINDS:
        stored = counts.get(r.name) or 0
        if not stored or not rel_ids:
            continue
        # (by id, whatever the share: the look-up is one pass over the table, as reading it whole is,
        # without handing every row over; first the ids alone, then every column of the rows found)
        found = sorted({row["id"] for chunk in _chunks(sorted(rel_ids)) for row in store.query(statements.rel_ids_in(r.name), {"ids": chunk})})
        rows = (row for chunk in _chunks(found) for row in store.query(statements.rels_by_ids(r.name), {"ids": chunk}))
        for row in rows:
            if row["id"] in rel_ids:
                out["relationships"][row["id"]] = (r.name, row)
    return out


# Columns of a relationship's row that the graph derives (from its sources' dates, or from the next
# holding of the post): not the record's own words, so not compared.
_DERIVED = frozenset({"valid_until", "valid_until_precision", "until_basis", "last_confirmed", "last_confirmed_precision",
                      "from_id", "to_id", "content_hash"})
_DERIVED_START = frozenset({"valid_from", "valid_from_precision", "start_basis"})


def _plain(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return [] if v is None else v


def _same_row(section: str, record: Any, row: dict[str, Any]) -> bool:
    """Whether the graph holds a fact-file record exactly as given, compared row to row (no models:
    a reload of an unchanged set is mostly this)."""
    record = fact_of(section, record)  # a model from a dataset or a merge: its row
    mine = record.row
    if section == "relationships":
        if mine["from_id"] != row.get("from") or mine["to_id"] != row.get("to"):
            return False
        skip = _DERIVED | (_DERIVED_START if record.start is None else frozenset())
        return all(_plain(v) == _plain(row.get(k)) for k, v in mine.items() if k not in skip)
    return all(_plain(v) == _plain(row.get(k)) for k, v in mine.items() if k != "content_hash")


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def reconcile_with_graph(bundle: Bundle, store: Store, replace: bool = False) -> None:
    """Records the graph already holds: unchanged (not written again), merged, contested, corrected
    or refused (see reconcile.py)."""
    from .known import held_as_given

    held = held_as_given(bundle, store)  # recognised by their content hash: their rows need not be read
    bundle.unchanged |= held
    stored = graph_rows(store, bundle, held)
    for section in SECTIONS:
        table: dict = getattr(bundle, section)
        for rid, (record, origin) in list(table.items()):
            if (section, rid) in held:
                continue
            found = stored[section].get(rid)
            if found is None:
                continue
            if origin.implicit:  # the statute and frame as the graph has them stand
                del table[rid]
                continue
            kind, row = found
            if _same_row(section, record, row) and (section, rid) not in bundle.actions:
                bundle.unchanged.add((section, rid))
                continue
            old = record_of_node(kind, row) if section != "relationships" else record_of_rel(kind, row)
            new = dump(record)
            out = reconcile(old, new, section, later=True, replace=replace)
            if out.action == "refused":
                bundle.problems += _refusal(section, rid, old, new, out, origin, None)
                continue
            table[rid] = (_model(section, out.record), origin)  # "same": the graph's version, written back unchanged
            key = (section, rid)
            bundle.said.pop(key, None)  # what this load makes of the graph's version is what counts
            bundle.actions.pop(key, None)
            if out.action == "same":  # the graph already holds what this load makes of it: not written again
                bundle.unchanged.add(key)
                continue
            bundle.actions[key] = out.action
            f = out.fields[0] if out.fields else "id"
            changes = ", ".join(f"{x} {show(old.get(x))} -> {show(new.get(x))}" for x in out.fields)
            if out.action == "contested":
                bundle.said[key] = _contest_notice(rid, old, new, out, origin, "in the graph")
            elif out.action == "corrected":
                bundle.said[key] = Notice(origin.file, origin.at(f), f,
                                          f"{rid!r} corrected: {changes} (this version cites every source of the graph's)")
            elif out.action == "replaced":
                bundle.said[key] = Notice(origin.file, origin.at(f), f,
                                          f"{rid!r} replaced (--replace)" + (f": {changes}" if changes else ""))


# ---------------------------------------------------------------- the frame and the references


def add_frame(bundle: Bundle) -> None:
    """Every council in the load gets its statutory posts and lines, unless the files give them."""
    for cid, (council, origin) in list(bundle.entities.items()):
        if council.kind != "Council":
            continue
        implicit = Origin(origin.file, origin.line, None, implicit=True)
        ents, rels = frame.frame_for(cid, council.name, council.established, council.abolished)
        for e in ents:
            if e["id"] not in bundle.entities:
                bundle.entities[e["id"]] = (fact_of("entities", ENTITY_MODELS["Post"].model_validate(e)), implicit)
        for r in rels:
            if r["id"] not in bundle.relationships:
                bundle.relationships[r["id"]] = (fact_of("relationships", REL_MODELS[r["kind"]].model_validate(r)), implicit)


def check_references(bundle: Bundle, store: Store | None) -> None:
    wanted_entities: set[str] = set()
    wanted_sources: set[str] = set()
    for rel, _ in bundle.relationships.values():
        wanted_entities.update((rel.from_, rel.to))
        wanted_sources.update(_cited(rel))
    for ent, _ in bundle.entities.values():
        wanted_sources.update(ent.sources)
    in_graph = store.kinds_of((wanted_entities - set(bundle.entities)) | (wanted_sources - set(bundle.sources))) if store else {}
    bundle.graph_kinds = in_graph
    kinds = {eid: e.kind for eid, (e, _) in bundle.entities.items()}
    for eid, k in in_graph.items():
        kinds.setdefault(eid, k)
    source_ids = set(bundle.sources) | {sid for sid, k in in_graph.items() if k == "Source"}

    def unknown_source(sid: str) -> str:
        if sid in kinds:
            return f"{sid!r} is a {kinds[sid]}, not a source"
        return f"unknown source {sid!r}: not in these files nor in the graph{_suggest(sid, bundle.sources)}"

    for ent, origin in bundle.entities.values():
        for i, sid in enumerate(ent.sources):
            if sid not in source_ids:
                bundle.problems.append(Problem(origin.file, origin.at("sources", i), "sources", unknown_source(sid)))
    holdings: dict[tuple[str, str], list[_Span]] = {}
    for rel, origin in bundle.relationships.values():
        ends = REL_BY_NAME[rel.kind].ends
        for end_name, eid in (("from", rel.from_), ("to", rel.to)):
            if eid not in kinds:
                bundle.problems.append(Problem(origin.file, origin.at(end_name), end_name,
                                               f"unknown entity {eid!r}: not in these files nor in the graph{_suggest(eid, bundle.entities)}"))
        if rel.from_ in kinds and rel.to in kinds and (kinds[rel.from_], kinds[rel.to]) not in ends:
            allowed = "; ".join(f"{a} to {b}" for a, b in ends)
            bundle.problems.append(
                Problem(origin.file, origin.line, "kind",
                        f"{rel.kind} cannot run from a {kinds[rel.from_]} ({rel.from_}) to a {kinds[rel.to]} ({rel.to}); it runs {allowed}")
            )
        for i, sid in enumerate(_cited(rel)):
            if sid not in source_ids:
                bundle.problems.append(Problem(origin.file, origin.at("evidence", i, "source"), f"evidence.{i}.source", unknown_source(sid)))
        if rel.kind == "HOLDS":
            holdings.setdefault((rel.from_, rel.to), []).append(_Span(rel.id, rel.start, rel.end, origin))
    if store is not None and holdings and store.query(statements.count_rels("HOLDS"))[0]["n"]:
        # (a graph with no holdings yet, as for a first or bulk load, has nothing to overlap with)
        persons = sorted({person for person, _ in holdings})
        for chunk in _chunks(persons):
            for row in store.query(statements.rels_from("HOLDS", "Person", "Post"), {"ids": chunk}):
                pair = (row["from"], row["to"])
                if pair in holdings and row["id"] not in bundle.relationships:
                    rec = record_of_rel("HOLDS", row)
                    holdings[pair].append(_Span(row["id"], _fuzzy(rec["start"]), _fuzzy(rec["end"]), None, sources_of(rec)))
    for (person, post), spans in holdings.items():
        _check_overlaps(person, post, spans, bundle)


@dataclass
class _Span:
    """One holding, for the overlap check: from this load (origin) or from the graph (origin None)."""

    id: str
    start: FuzzyDate | None
    end: FuzzyDate | None
    origin: Origin | None
    sources: list[str] = field(default_factory=list)

    def where(self) -> str:
        return f"at {self.origin.place}" if self.origin else f"in the graph as {self.id!r}, from {', '.join(self.sources)}"


def _fuzzy(text: str | None) -> FuzzyDate | None:
    return FuzzyDate.parse(text) if text else None


def _check_overlaps(person: str, post: str, spans: list[_Span], bundle: Bundle) -> None:
    dated = sorted((s for s in spans if s.start is not None), key=lambda s: (s.start.first, s.id))  # type: ignore[union-attr]
    for a, b in zip(dated, dated[1:]):
        if a.end is not None and b.start.first >= a.end.after:  # type: ignore[union-attr]
            continue
        if a.origin is None and b.origin is None:
            continue  # both already in the graph: not this load's doing
        here, other = (b, a) if b.origin is not None else (a, b)
        hint = ""
        if other.origin is None:
            hint = f". If the sources disagree about its dates, give this record the id {other.id!r}: both versions are then kept and the fact is marked disputed"
        bundle.problems.append(
            Problem(here.origin.file, here.origin.at("start"), "start",  # type: ignore[union-attr]
                    f"{person} already holds {post} from {other.start} ({other.where()}); the two holdings overlap{hint}")
        )


# ---------------------------------------------------------------- dates more precise than their sources

def check_precision(bundle: Bundle, source_dates: dict[str, FuzzyDate]) -> None:
    """A fact may not claim a day its sources do not know.

    The tell-tale of a month written as a day: a start or end given to the day that is the
    first day of the month (or year) its sources are dated to, when none of its sources is
    dated to the day and no quote names that day. "2014-10" written as "2014-10-01" would
    otherwise claim that something happened on 1 October.
    """
    for rel, origin in bundle.relationships.values():
        if origin.implicit:
            continue
        cited = _cited(rel)
        dates = [source_dates.get(sid) for sid in cited]
        if not dates or any(d is None or d.precision == "day" for d in dates):
            continue
        for name in ("start", "end"):
            value: FuzzyDate | None = getattr(rel, name)
            if value is None or value.precision != "day":
                continue
            matching = [sid for sid, d in zip(cited, dates) if d is not None and d.first == value.first]
            if not matching or any(_quote_names_day(ev.quote, value) for ev in rel.evidence):
                continue
            coarse = str(source_dates[matching[0]])
            bundle.problems.append(Problem(
                origin.file, origin.at(name), name,
                f"{str(value)!r} claims a day, but its source {matching[0]} is dated only {coarse} and no quote names the day: "
                f"write {coarse!r}, or quote the words that give the day"))


# ---------------------------------------------------------------- rows for the store


def rel_row(record: Any, source_dates: dict[str, FuzzyDate]) -> dict[str, Any]:
    """The store's row for a relationship (a model or a Fact), with the columns its sources' dates decide."""
    fact = record if isinstance(record, RelFact) else RelFact(rel_base_row(record), record.start, record.end)
    return finish_rel_row(fact, source_dates)


def _cited(rel: Any) -> list[str]:
    """The sources a relationship's evidence cites (read from a Fact's row without building its evidence)."""
    return rel.row["sources"] if isinstance(rel, Fact) else [ev.source for ev in rel.evidence]


def source_dates_of(bundle: Bundle, store: Store | None) -> dict[str, FuzzyDate]:
    """The publication date of every source the load's facts cite: from the load, else from the graph."""
    dates = {sid: s.published for sid, (s, _) in bundle.sources.items()}
    missing = sorted({sid for r, _ in bundle.relationships.values() for sid in _cited(r)} - set(dates))
    if missing and store is not None:
        for chunk in _chunks(missing):
            for row in store.query(statements.nodes_by_ids("Source"), {"ids": chunk}):
                fd = FuzzyDate.from_stored(_plain_date(row["published"]), row["published_precision"])
                if fd:
                    dates[row["id"]] = fd
    return dates


def to_batch(bundle: Bundle, store: Store | None, source_dates: dict[str, FuzzyDate] | None = None) -> WriteBatch:
    """The rows to write. Records are taken as their Facts' rows (a model from a dataset or the
    frame becomes a Fact here), appended to the batch's tables without a call per row."""
    batch = WriteBatch()
    if source_dates is None:
        source_dates = source_dates_of(bundle, store)
    unchanged = bundle.unchanged
    if bundle.sources:
        batch.nodes["Source"] = [fact_of("sources", s).row for sid, (s, _) in bundle.sources.items() if ("sources", sid) not in unchanged]
        if not batch.nodes["Source"]:
            del batch.nodes["Source"]
    kinds: dict[str, str] = {}
    nodes = batch.nodes
    for eid, (e, _) in bundle.entities.items():
        row = fact_of("entities", e).row
        kind = kinds[eid] = row["kind"]
        if ("entities", eid) in unchanged:
            continue
        if kind in nodes:
            nodes[kind].append(row)
        else:
            nodes[kind] = [row]
    rel_facts = [fact_of("relationships", r) for rid, (r, _) in bundle.relationships.items() if ("relationships", rid) not in unchanged]
    ends: set[str] = set()
    for r in rel_facts:
        ends.add(r.row["from_id"])
        ends.add(r.row["to_id"])
    ends -= kinds.keys()
    known = bundle.graph_kinds  # found by check_references: not asked again
    kinds.update((e, known[e]) for e in ends & known.keys())
    ends -= known.keys()
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


def read_files(paths: Iterable[str | Path], with_statute: bool = True) -> Bundle:
    """Read and validate the files on their own (no graph needed); raise InvalidInput with every problem.

    The CLI calls this before it opens the graph, so that a broken file is reported even while
    another process holds the database, and never takes the write lock."""
    with gc_paused():
        bundle = _read_all(list(paths), with_statute)
    if bundle.problems:
        raise InvalidInput(bundle.problems)
    return bundle


def _read_all(paths: list[str | Path], with_statute: bool, known: dict[str, tuple[str, str]] | None = None,
              keep: set[tuple[str, str]] | None = None) -> Bundle:
    bundle = Bundle(known=known, keep=keep or set())
    statute = statute_file()
    if with_statute and all(Path(p).resolve() != statute.resolve() for p in expand(paths)):
        read([statute], bundle, implicit=True)
        bundle.files.pop()
    read(paths, bundle)
    return bundle


def prepare(paths: Iterable[str | Path], store: Store | None, with_statute: bool = True, replace: bool = False,
            bundle: Bundle | None = None, datasets: Sequence[Any] = ()) -> tuple[Bundle, WriteBatch]:
    """Read and check everything; raise InvalidInput with every problem, or return what to write.

    `replace`: records these files give replace the graph's versions of the same ids
    (a deliberate correction); otherwise a conflicting version is contested or refused.
    `bundle`: the files as read_files() gave them, not to read them twice.
    `datasets` (loaders.register.RegisterFile, loaders.ofsted.OfstedFile) add their records
    after the fact files, in the order given, so that they merge with the councils the files name.
    """
    with gc_paused():
        return _prepare(paths, store, with_statute, replace, bundle, datasets)


def _prepare(paths: Iterable[str | Path], store: Store | None, with_statute: bool, replace: bool,
             bundle: Bundle | None, datasets: Sequence[Any]) -> tuple[Bundle, WriteBatch]:
    shortcut = bundle is None and not datasets and store is not None
    if bundle is None:
        bundle = _read_known(list(paths), store, with_statute) if shortcut else _read_all(list(paths), with_statute)
    try:
        return _check(bundle, store, replace, datasets)
    except InvalidInput:
        if not bundle.skipped:
            raise
    # a problem: checked again in full, so that every message names what a full check names
    return _check(_read_all(list(paths), with_statute), store, replace, datasets)


def _read_known(paths: list[str | Path], store: Store, with_statute: bool) -> Bundle:
    """The files read with the lines the graph holds as given left out (loaders/known.py)."""
    from . import known

    if not known.worth_reading(paths, store, expand(paths)):
        return _read_all(paths, with_statute)
    hashes = known.graph_hashes(store)
    bundle = _read_all(paths, with_statute, hashes)
    again = known.given_again(bundle)
    if again:
        bundle = _read_all(paths, with_statute, hashes, keep=again)
    return bundle


def _check(bundle: Bundle, store: Store | None, replace: bool, datasets: Sequence[Any]) -> tuple[Bundle, WriteBatch]:
    from .merge import merge_with_graph
    from .stored import Stored

    if not bundle.problems:
        stored = Stored(store)
        for dataset in datasets:
            dataset.contribute(bundle, stored)
        merge_with_graph(bundle, stored)
    if not bundle.problems:
        add_frame(bundle)
        if store is not None:
            reconcile_with_graph(bundle, store, replace)
    if not bundle.problems:
        check_references(bundle, store)
    source_dates: dict[str, FuzzyDate] = {}
    if not bundle.problems:
        source_dates = source_dates_of(bundle, store)
        check_precision(bundle, source_dates)
    if bundle.problems:
        raise InvalidInput(bundle.problems)
    return bundle, to_batch(bundle, store, source_dates)


def load(paths: Iterable[str | Path], store: Store, batch_size: int = 5000, replace: bool = False,
         bundle: Bundle | None = None, datasets: Sequence[Any] = ()) -> LoadReport:
    paths = list(paths)
    if bundle is None and not datasets and not replace:
        report = _load_by_columns(paths, store, batch_size)
        if report is not None:
            return report
    with gc_paused():
        bundle, batch = prepare(paths, store, replace=replace, bundle=bundle, datasets=datasets)
        nodes, rels = batch.size
        skipped: dict[str, int] = {}
        for section, _ in bundle.skipped:  # lines the graph holds as given: loaded, not read again
            skipped[section] = skipped.get(section, 0) + 1
        report = LoadReport(
            files=bundle.files,
            sources=len(bundle.sources) + skipped.get("sources", 0),
            entities=len(bundle.entities) + skipped.get("entities", 0),
            relationships=len(bundle.relationships) + skipped.get("relationships", 0),
            nodes_written=nodes,
            relationships_written=rels,
            datasets=[d.report for d in datasets],
            notices=bundle.notices,
            outcomes=bundle.outcomes,
        )
        del bundle  # its rows live on in the batch; the rest is not needed to write
        batch.consumable = True
        store.write(batch, batch_size=batch_size)
    return report


# ---------------------------------------------------------------- large JSON Lines into an empty graph, by columns


def _columnar_files(paths: list[str | Path]) -> list[Path] | None:
    """The files, when loaders/columnar.py may take them: nothing hidden left out, no folder without
    fact files (the record path says both), JSON Lines only, enough of them."""
    from . import columnar

    skipped: list[Path] = []
    files = expand(paths, skipped)
    if skipped or any(Path(p).is_dir() and not expand([p]) for p in paths) or not columnar.applies(files):
        return None
    return files


def _statute_records() -> dict[str, list[dict[str, Any]]]:
    """The statute file's records as fact-file records, read and checked record by record (it is
    small, and YAML), as every load reads it; GiveUp if it needs the record path."""
    from . import columnar

    bundle = Bundle()
    read([statute_file()], bundle, implicit=True)
    if bundle.problems or bundle.said or bundle.actions:
        raise columnar.GiveUp("the statute file needs the record path")
    return {s: [dump(r) for r, _ in getattr(bundle, s).values()] for s in SECTIONS}


def _by_columns(files: list[Path]) -> tuple[WriteBatch, dict[str, int]] | None:
    from . import columnar

    if any(f.resolve() == statute_file().resolve() for f in files):
        return None
    with gc_paused():
        try:
            return columnar.prepare(files, _statute_records())
        except columnar.GiveUp:
            return None


def checked_by_columns(paths: Iterable[str | Path]) -> bool:
    """For the command line, before it opens the graph: whether the files are a clean set of JSON
    Lines that loaders/columnar.py read and checked whole (nothing for the record path to say of them
    alone); what it made of them is kept for the load that follows."""
    from . import columnar

    columnar.drop()
    files = _columnar_files(list(paths))
    made = _by_columns(files) if files is not None else None
    if made is None:
        return False
    columnar.keep(files, made)
    return True


def _load_by_columns(paths: list[str | Path], store: Store, batch_size: int) -> LoadReport | None:
    """The load by columns, when it applies (JSON Lines into an empty graph that takes a bulk write,
    and nothing for the record path to say): its report; else None, and nothing was written."""
    from . import columnar

    if not hasattr(store, "wants_bulk") or not hasattr(store, "row_count"):
        columnar.drop()
        return None
    files = _columnar_files(paths)
    if files is None or store.row_count():
        columnar.drop()  # what the check made is of no use to the record path
        return None
    made = columnar.kept(files) or _by_columns(files)
    if made is None:
        return None
    batch, counts = made
    del made
    if not store.wants_bulk(batch):
        return None
    nodes, rels = batch.size
    report = LoadReport(files=[str(f) for f in files], nodes_written=nodes, relationships_written=rels, **counts)
    batch.consumable = True
    with gc_paused():
        store.write(batch, batch_size=batch_size)
    return report


def load_records(records: Iterable[dict[str, Any]], label: str, store: Store, batch_size: int = 5000) -> LoadReport:
    """Fact records made by a loader (JSON Lines dicts, with "type"), checked and written as a
    fact file of that name would be; the statute file comes along as with any load."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    with gc_paused():
        bundle = _read_all([], True)
        bundle.files.append(label)
        _read_jsonl(text, label, bundle)
    if bundle.problems:
        raise InvalidInput(bundle.problems)
    return load([], store, batch_size=batch_size, bundle=bundle)


def check(paths: Iterable[str | Path], store: Store | None = None) -> Bundle:
    bundle, _ = prepare(paths, store)
    return bundle


def load_bundled(store: Store) -> LoadReport:
    return load([bundled_dir()], store)


__all__ = ["Bundle", "Evidence", "FactFile", "InvalidInput", "LineMap", "LoadReport", "Notice", "Problem", "check", "load", "load_bundled",
           "node_row", "prepare", "rel_row"]
