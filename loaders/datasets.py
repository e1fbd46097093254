"""What the dataset loaders (the LA register, Ofsted's outcomes) share.

A dataset file is itself a Source (kind `dataset`): its publisher, its date to the
precision known, its licence. The files that ship with the project are described in
data/reference/manifest.yaml and recognised by their content (sha256), so that a
shipped file loaded again by hand is the same Source, not a second one.

A dataset loader turns rows into the same records fact files give (Council,
Inspection, STAT_NEIGHBOUR...), adds them to the load's Bundle, and keeps a report:
how many rows it loaded and, for every row it skipped, the row number and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..schema.dates import FuzzyDate
from ..schema.facts import Source
from .problems import Problem
from ..schema.council_names import name_on
from .stored import Stored, record_from_stored, stored_fields, unique  # noqa: F401 (the dataset loaders import them from here)

REFERENCE_DIR_NAME = "reference"
D2I_REPOSITORY = "https://github.com/data-to-insight/ofsted-ilacs-scrape-tool"


def reference_dir() -> Path:
    """The reference data shipped with the project (the register and the latest Ofsted snapshot)."""
    return Path(str(resources.files("accountable") / "data" / REFERENCE_DIR_NAME))


# ---------------------------------------------------------------- reports


@dataclass
class Skipped:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass
class DatasetReport:
    """What one dataset file gave: rows loaded, rows skipped (with why), and notes."""

    file: str
    layout: str  # register | ofsted
    source_id: str = ""
    rows: int = 0
    loaded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[Skipped] = field(default_factory=list)  # parts of loaded rows that matched nothing
    left_empty: list[Skipped] = field(default_factory=list)  # cells of loaded rows that could not be read, kept empty

    @property
    def summary(self) -> str:
        return f"{self.loaded} loaded, {len(self.skipped)} skipped"

    def lines(self) -> list[str]:
        """The closing summary: every skipped row with its reason, then the counts."""
        out = [f"{self.file}: skipped {s}" for s in self.skipped]
        out += [f"{self.file}: not matched {u}" for u in self.unmatched]
        out += [f"{self.file}: left empty {e}" for e in self.left_empty]
        out += [f"{self.file}: {n}" for n in self.notes]
        out.append(f"{self.file}: {self.summary}")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "layout": self.layout, "source": self.source_id, "rows": self.rows,
            "loaded": self.loaded, "skipped": [{"row": s.row, "reason": s.reason} for s in self.skipped],
            "not_matched": [{"row": s.row, "reason": s.reason} for s in self.unmatched],
            "left_empty": [{"row": s.row, "reason": s.reason} for s in self.left_empty], "notes": list(self.notes),
        }


# ---------------------------------------------------------------- the dataset as a source


@dataclass(frozen=True)
class ShippedFile:
    file: str
    layout: str
    sha256: str
    source: dict[str, Any]


def manifest() -> list[ShippedFile]:
    """Dataset files the project ships as they are (none now: it ships derived facts, data/derived/)."""
    path = reference_dir() / "manifest.yaml"
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [ShippedFile(x["file"], x["layout"], x["sha256"], x["source"]) for x in data.get("files", [])]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shipped(path: Path) -> ShippedFile | None:
    """The manifest's entry for this file, when it is (byte for byte) one the project ships."""
    try:
        digest = sha256_of(path)
    except OSError:
        return None
    return next((f for f in manifest() if f.sha256 == digest), None)


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_](\d{2})(?:[-_](\d{2}))?(?!\d)")


def date_in_name(path: Path) -> FuzzyDate | None:
    """`ofsted_ilacs_outcomes_2026-06.xlsx` -> 2026-06 (a month); `..._2026-06-29.csv` -> a day."""
    m = _NAME_DATE.search(path.stem)
    if not m:
        return None
    y, mth, d = m.groups()
    try:
        return FuzzyDate.parse(f"{y}-{mth}-{d}" if d else f"{y}-{mth}")
    except ValueError:
        return None


@dataclass
class SourceChoice:
    """How a loader is told what its file is: the caller's options, else the manifest, else the file name."""

    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    publisher: str | None = None
    licence: str | None = None
    url: str | None = None
    title: str | None = None
    source_id: str | None = None


@dataclass
class DatasetFile:
    """A dataset file to load. Subclasses name its layout and the columns they need, and
    `contribute` its records to a load's Bundle."""

    path: Path
    choice: SourceChoice = field(default_factory=SourceChoice)
    label: str | None = None

    layout: ClassVar[str] = ""
    required: ClassVar[tuple[tuple[str, ...], ...]] = ()
    synonyms: ClassVar[dict[str, tuple[str, ...]]] = {}

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.label = self.label or str(self.path)
        self.report = DatasetReport(self.label, self.layout)

    def read(self, bundle: Any) -> Any | None:
        """The file's rows by column name; a file that cannot be read adds its problems instead."""
        from .tabular import read_table

        table, problems = read_table(self.path, str(self.label), self.required, self.synonyms)
        bundle.files.append(self.label)
        if table is None:
            bundle.problems += problems
        return table


def dataset_source(
    path: Path, label: str, layout: str, choice: SourceChoice, defaults: dict[str, str], id_prefix: str,
    fallback_date: FuzzyDate | None = None, fallback_note: str = "",
) -> tuple[Any | None, list[Problem], list[str]]:
    """The Source record for a dataset file, problems (no date to be had), and notes for the report."""
    notes: list[str] = []
    entry = shipped(path)
    if entry is not None and entry.layout == layout and not any(
        (choice.published, choice.publisher, choice.licence, choice.url, choice.title, choice.source_id)
    ):
        return Source.model_validate(entry.source), [], notes
    published: FuzzyDate | None = None
    if choice.published:
        try:
            published = FuzzyDate.parse(choice.published)
        except ValueError as e:
            return None, [Problem(label, 1, "published", str(e))], notes
    published = published or date_in_name(path)
    if published is None and fallback_date is not None:
        published = fallback_date
        notes.append(fallback_note.format(date=fallback_date))
    if published is None:
        return None, [Problem(label, 1, "published", "cannot tell when this file was published: its name holds no date (YYYY-MM or YYYY-MM-DD); give --published")], notes
    record = {
        "id": choice.source_id or f"{id_prefix}-{published}",
        "title": choice.title or f"{defaults['title']} ({path.name})",
        "publisher": choice.publisher or defaults["publisher"],
        "published": str(published),
        "url": choice.url or defaults.get("url"),
        "source_kind": "dataset",
        "licence": choice.licence or defaults.get("licence"),
    }
    try:
        return Source.model_validate(record), [], notes
    except ValueError as e:
        return None, [Problem(label, 1, "source", str(e))], notes


# ---------------------------------------------------------------- names


def clean_name(text: str) -> str:
    """A name as the derived facts give it: runs of spaces, tabs, line breaks and no-break spaces
    made one space, none at either end (mySociety writes "North Somerset  Council")."""
    return " ".join(text.split())


def name_key(text: str) -> str:
    """Names compared loosely: case, accents, `&`/`and`, punctuation and `City of` do not matter."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = t.replace("&", " and ")
    t = re.sub(r"[.'’]", "", t)
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    t = re.sub(r"^(the )?city of ", "", t)
    t = re.sub(r" city of$", "", t)
    return t


def slug(text: str) -> str:
    t = re.sub(r",\s*(city|county) of$", "", text.strip(), flags=re.I)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower().replace("&", " and ")
    t = re.sub(r"[.'’]", "", t)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


@dataclass
class CouncilIndex:
    """Councils of the load and of the graph, found by id, DfE LA code or name."""

    records: dict[str, Any] = field(default_factory=dict)  # id -> record (from the load or the graph)
    in_load: set[str] = field(default_factory=set)
    _codes: dict[str, str] | None = None  # LA code -> id, built when first asked
    _shared: dict[str, list[str]] = field(default_factory=dict)  # LA code -> every id with it (a former council and its successor)

    @classmethod
    def build(cls, bundle: Any, stored: Stored) -> "CouncilIndex":
        idx = cls()
        for cid, row in stored.councils.items():
            idx.records[cid] = record_from_stored("Council", row)
        for cid, (rec, _) in bundle.entities.items():
            if rec.kind == "Council":
                idx.records[cid] = rec
                idx.in_load.add(cid)
        return idx

    def put(self, record: Any) -> None:
        self.records[record.id] = record
        self.in_load.add(record.id)
        if self._codes is not None and record.la_code:
            self._codes = None  # built again when next asked

    def by_la_code(self, code: str | None, on: dt.date | None = None) -> str | None:
        """The council with this DfE LA code: where a former council and its successor share it,
        the one that existed on `on` (default: the one that exists now)."""
        if not code:
            return None
        if self._codes is None:
            self._codes, self._shared = {}, {}
            for cid in sorted(self.records, key=lambda c: (getattr(self.records[c], "abolished", None) is not None, c)):
                if self.records[cid].la_code:
                    self._codes.setdefault(self.records[cid].la_code, cid)
                    self._shared.setdefault(self.records[cid].la_code, []).append(cid)
        if on is not None:
            for cid in self._shared.get(code, []):
                if existed(self.records[cid], on):
                    return cid
        return self._codes.get(code)

    def by_name(self, name: str | None) -> list[str]:
        if not name:
            return []
        key = name_key(name)
        return sorted(cid for cid, r in self.records.items()
                      if key in {name_key(r.name), *(name_key(a) for a in r.aliases), name_key(cid.replace("-", " "))})

    def name_of(self, cid: str, on: dt.date | None = None) -> str:
        """The council's official name; given a day, the name in force on it (a renamed council's earlier name)."""
        r = self.records[cid]
        return name_on(r.name, getattr(r, "former_names", None), getattr(r, "former_names_until", None), on)


def existed(council: Any, on: dt.date) -> bool:
    """Whether a council (a record with `established` and `abolished`) existed on a day."""
    start, end = getattr(council, "established", None), getattr(council, "abolished", None)
    return (start is None or start.first <= on) and (end is None or on < end.first)


def as_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------- loading dataset files on their own


def load(datasets: list[Any], store: Any, strict: bool = False, batch_size: int = 5000) -> Any:
    """Load dataset files (with the statutory frame for any council they add) in one write.
    `strict`: a skipped row, or a cell left empty because it could not be read, is a problem, and nothing is written."""
    from . import facts
    from .problems import InvalidInput

    bundle, batch = facts.prepare([], store, datasets=datasets)
    if strict:
        problems = [Problem(d.report.file, s.row, "row", f"skipped: {s.reason}") for d in datasets for s in d.report.skipped]
        problems += [Problem(d.report.file, s.row, "cell", s.reason) for d in datasets for s in d.report.left_empty]
        if problems:
            raise InvalidInput(problems)
    store.write(batch, batch_size=batch_size)
    nodes, rels = batch.size
    return facts.LoadReport(
        files=bundle.files, sources=len(bundle.sources), entities=len(bundle.entities),
        relationships=len(bundle.relationships), nodes_written=nodes, relationships_written=rels,
        datasets=[d.report for d in datasets],
    )
