"""Tables in: .csv and .xlsx read the same way, keyed on column names, never on positions.

Published tables change their columns between snapshots (new columns, other orders,
renamed ones), carry byte-order marks, quoted cells with commas, empty cells, and
placeholders for empty (`nan`, `None`). This module turns either kind of file into
rows of text keyed by normalised column names, each with its row number as a
spreadsheet shows it (the header is row 1), and says in words what is wrong with a
file: a missing column, a file that is not a table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema.dates import FuzzyDate
from .problems import Problem

SUFFIXES = (".csv", ".xlsx")
MAX_BYTES = 50 * 1024 * 1024

# Cells that mean "nothing here" in the published files (pandas writes nan and None as text).
EMPTY = frozenset({"", "nan", "none", "null", "n/a", "na", "-", "—"})


def column_key(name: Any) -> str:
    """`LA code`, ` la_code`, `LA-Code` and `\\ufeffla_code` are one column: `la_code`."""
    text = str(name or "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: Mapping[str, str | None]  # column key -> text, None when empty
    raw: Mapping[str, Any] = field(default_factory=dict)  # column key -> the cell as read

    def get(self, column: str) -> str | None:
        return self.cells.get(column)


@dataclass
class Table:
    file: str
    columns: list[str]  # column keys, in the file's order
    rows: list[Row]
    sheet: str | None = None


def cell_text(value: Any) -> str | None:
    """A cell as text; None when it is empty or a placeholder for empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\ufeff", "").strip()
    return None if text.lower() in EMPTY else text


def read_table(path: Path, label: str, required: Sequence[Sequence[str]], synonyms: Mapping[str, Sequence[str]] | None = None) -> tuple[Table | None, list[Problem]]:
    """Read a .csv or .xlsx table. `required` lists groups of columns of which at least one
    must be present (`[["la_code", "local_authority"], ["publication_date"]]`); `synonyms`
    maps a column's key to older names it has had."""
    if not path.exists():
        return None, [Problem(label, 1, "file", "does not exist")]
    if path.is_dir():
        return None, [Problem(label, 1, "file", "is a folder, not a table")]
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return None, [Problem(label, 1, "file", f"is not a table this loader reads (expected {' or '.join(SUFFIXES)})")]
    if path.stat().st_size > MAX_BYTES:
        return None, [Problem(label, 1, "file", f"is larger than {MAX_BYTES // (1024 * 1024)} MB")]
    if suffix == ".csv":
        table, problems = _read_csv(path, label)
    else:
        table, problems = _read_xlsx(path, label, required, synonyms or {})
    if table is None:
        return None, problems
    _apply_synonyms(table, synonyms or {})
    missing = [" or ".join(group) for group in required if not any(c in table.columns for c in group)]
    if missing:
        found = ", ".join(table.columns) or "none"
        where = f" (sheet {table.sheet!r})" if table.sheet else ""
        return None, [Problem(label, 1, "columns", f"missing required column{'s' if len(missing) > 1 else ''}: {'; '.join(missing)}{where}; the columns found are: {found}")]
    return table, problems


def _apply_synonyms(table: Table, synonyms: Mapping[str, Sequence[str]]) -> None:
    for key, olds in synonyms.items():
        if key in table.columns:
            continue
        old = next((o for o in olds if o in table.columns), None)
        if old is None:
            continue
        table.columns[table.columns.index(old)] = key
        table.rows[:] = [Row(r.number, {(key if k == old else k): v for k, v in r.cells.items()},
                             {(key if k == old else k): v for k, v in r.raw.items()}) for r in table.rows]


def _header(values: Iterable[Any]) -> list[str]:
    return [column_key(v) for v in values]


def _rows(header: list[str], records: Iterable[tuple[int, Sequence[Any]]]) -> list[Row]:
    out = []
    for number, values in records:
        values = list(values)
        if all(cell_text(v) is None for v in values):
            continue  # blank lines carry nothing
        raw = {k: (values[i] if i < len(values) else None) for i, k in enumerate(header) if k}
        out.append(Row(number, {k: cell_text(v) for k, v in raw.items()}, raw))
    return out


def _duplicate_columns(header: list[str], label: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, k in enumerate(header):
        if not k:
            continue
        if k in seen:
            problems.append(Problem(label, 1, k, f"column {k!r} is given twice (columns {seen[k] + 1} and {i + 1})"))
        seen.setdefault(k, i)
    return problems


def _read_csv(path: Path, label: str) -> tuple[Table | None, list[Problem]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # the register starts with a byte-order mark
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, [Problem(label, line, "file", "is not UTF-8 text; save it as CSV UTF-8")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as e:
        return None, [Problem(label, reader.line_num, "file", f"is not valid CSV: {e}")]
    if not records:
        return None, [Problem(label, 1, "file", "is empty: no header row")]
    header = _header(records[0])
    problems = _duplicate_columns(header, label)
    if problems:
        return None, problems
    return Table(label, [h for h in header if h], _rows(header, ((i + 2, r) for i, r in enumerate(records[1:])))), []


def _read_xlsx(path: Path, label: str, required: Sequence[Sequence[str]], synonyms: Mapping[str, Sequence[str]]) -> tuple[Table | None, list[Problem]]:
    import zipfile

    import openpyxl  # only here: `accountable --help` stays fast

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as e:
        return None, [Problem(label, 1, "file", f"is not an Excel workbook (.xlsx) openpyxl can read: {e}")]
    try:
        sheets = [s for s in book.worksheets]
        if not sheets:
            return None, [Problem(label, 1, "file", "has no sheets")]

        def satisfies(columns: list[str]) -> bool:
            keys = set(columns) | {k for k, olds in synonyms.items() if any(o in columns for o in olds)}
            return all(any(c in keys for c in group) for group in required)

        # the first sheet whose header has the required columns; else the first sheet (to name what is missing)
        chosen = sheets[0]
        for sheet in sheets:
            first = next(sheet.iter_rows(values_only=True, max_row=1), None)
            if first is not None and satisfies(_header(first)):
                chosen = sheet
                break
        rows = chosen.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            return None, [Problem(label, 1, "file", f"sheet {chosen.title!r} is empty: no header row")]
        header = _header(first)
        problems = _duplicate_columns(header, label)
        if problems:
            return None, problems
        return Table(label, [h for h in header if h], _rows(header, ((i + 2, r) for i, r in enumerate(rows))), chosen.title), []
    finally:
        book.close()


# ---------------------------------------------------------------- cells


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$")


class CellError(ValueError):
    """A cell whose value cannot be read: the message says why in words."""


def parse_day(value: Any, text: str | None) -> dt.date | None:
    """dd/mm/yyyy, dd/mm/yy (20yy before 2070, 19yy after), yyyy-mm-dd, or a real date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if text is None:
        return None
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(x) for x in m.groups())
        if len(m.group(3)) == 2:
            y += 2000 if y < 70 else 1900
    else:
        m = _ISO.match(text)
        if not m:
            raise CellError(f"{text!r} is not a date; expected dd/mm/yyyy or dd/mm/yy")
        y, mth, d = (int(x) for x in m.groups())
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise CellError(f"{text!r} is not a date: there is no day {d} in month {mth} of {y}") from None


def day(value: dt.date | None) -> FuzzyDate | None:
    return FuzzyDate(value, "day") if value else None


def code_list(text: str | None) -> list[str]:
    """`"308, 821, 313"` -> ["308", "821", "313"]; brackets and quotes are tolerated."""
    if not text:
        return []
    return [x.strip().strip("'\"") for x in text.strip("[]() ").split(",") if x.strip().strip("'\"")]


def bracket_list(text: str | None) -> list[str]:
    """`[Kingston Upon Hull, Hull]` -> ["Kingston Upon Hull", "Hull"]."""
    if not text:
        return []
    inner = text.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return [x.strip().strip("'\"").strip() for x in inner.split(",") if x.strip().strip("'\"").strip()]


def quote_of(row: Row, columns: Sequence[str], limit: int = 600) -> str:
    """The row's values as text, for the evidence of the facts drawn from it."""
    bits = [f"{c}={row.cells[c]}" for c in columns if row.cells.get(c) is not None]
    text = f"row {row.number}: " + "; ".join(bits)
    return text if len(text) <= limit else text[: limit - 1] + "…"
