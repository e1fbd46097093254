"""How answers look in a terminal (rich tables, readable at 80 columns), as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..api import jsonable

FORMATS = ("table", "json", "csv")


# Values as JSON can carry them (dates as ISO text): the API's own conversion, so that --format json
# and the Python API give the same data.
plain = jsonable


# What must never reach a terminal as it is, whatever a graph holds (the loaders refuse it, but a graph
# written by an older version, or by hand, may hold it): C0 and C1 control characters and DEL (escape
# sequences), and bidirectional overrides (text shown other than it is). Tab and line break are text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # json.dumps escapes the C0 ones
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(text: str) -> str:
    """Text as a terminal may show it: each unsafe character becomes U+FFFD, one for one (so that
    the styles of a rich Text stay where they were)."""
    return _UNSAFE.sub("\ufffd", text)


def to_json(data: Any) -> str:
    text = json.dumps(plain(data), indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a value starting = + - @ (or tab, carriage return) is
    prefixed with a single quote, as OWASP recommends; numbers stay numbers."""
    if isinstance(value, str):
        formula = value.startswith(_FORMULA_START)
        value = _UNSAFE.sub("\ufffd", value.replace("\r\n", "\n"))
        if formula:
            return "'" + value
    return value


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([csv_cell(c) for c in columns])
    for r in rows:
        w.writerow([csv_cell(_listed(v, "; ") if isinstance(v, list) else ("" if v is None else plain(v)))
                    for v in (r.get(c) for c in columns)])
    return out.getvalue()


class SafeConsole(Console):
    """A console that never sends what a graph holds to the terminal as control characters."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().print(*(_made_safe(o) for o in objects), **kwargs)


def _made_safe(o: Any) -> Any:
    if isinstance(o, str):
        return Text(safe(o))  # and never markup: brackets in names stay as they are
    if isinstance(o, Text):
        o.plain = safe(o.plain)
    elif isinstance(o, Table):
        for col in o.columns:
            for cell in col._cells:
                if isinstance(cell, Text):
                    cell.plain = safe(cell.plain)
    return o


def source_numbers(numbers: Iterable[int]) -> str:
    """The numbers of the sources a row cites, each once, in the order cited; a run of three or more
    in a row is written as a range (8–13), so that a step with many sources stays one short word."""
    ns = list(dict.fromkeys(numbers))
    out: list[str] = []
    i = 0
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        out.append(f"{ns[i]}–{ns[j]}" if j - i >= 2 else ",".join(map(str, ns[i : j + 1])))
        i = j + 1
    return ",".join(out)


def fit_words(t: Table, width: int | None = None, cap: int = 30) -> Table:
    """No word or id split across lines. Rich shares out the width as usual; any column it would
    make narrower than its longest word (up to `cap`) is widened to it, taking the room from the
    columns with the most to spare, and every column's width is then fixed. Rich wraps between
    words, never inside one, as long as the longest words fit side by side."""
    con = Console(width=width) if width else Console()
    n = len(t.columns)
    if not n or not t.row_count:
        return t
    lo = []
    for col in t.columns:
        texts = [c.plain if isinstance(c, Text) else str(c) for c in (col.header, *col.cells)]
        lo.append(min(max((len(w) for x in texts for w in x.split()), default=0), cap))
    widths = t._calculate_column_widths(con, con.options.update_width(con.width - t._extra_width))  # rich's own share, padding included
    content = [w - t._get_padding_width(i) for i, w in enumerate(widths)]
    if all(c >= low for c, low in zip(content, lo)):
        return t
    # the smallest shortfalls first: one long word that cannot fit anyway (a date range) must not take
    # the room a column needs for a word a little longer than rich's share
    for i in sorted(range(n), key=lambda k: lo[k] - content[k]):
        while content[i] < lo[i]:
            j = max(range(n), key=lambda k: content[k] - lo[k])
            if content[j] - lo[j] <= 0:
                break  # the longest words cannot all fit: rich folds what it must
            content[j] -= 1
            content[i] += 1
    for col, w in zip(t.columns, content):
        col.width = max(w, 1)
        col.min_width = None
        col.ratio = None
    return t


def console(width: int | None = None) -> Console:
    return SafeConsole(width=width, highlight=False, soft_wrap=False)


WIDE = 6  # more columns than this read better as one record per block


def rows_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, title: str | None = None) -> Table:
    """Rows as a table; rows of many columns as records (one field a line), so that 80 columns suffice."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if len(columns) > WIDE:
        return _records(rows, columns, title)
    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[Text(_cell(r.get(c))) for c in columns])  # Text: brackets in quotes are not markup
    return fit_words(t)


def _records(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None) -> Table:
    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False, show_header=False)
    t.add_column("field", style="bold", no_wrap=True)
    t.add_column("value", overflow="fold")
    for i, r in enumerate(rows):
        if i:
            t.add_section()
        for c in columns:
            if _cell(r.get(c)) != "":
                t.add_row(Text(c), Text(_cell(r.get(c))))
    return fit_words(t)


def _cell(v: Any) -> str:
    v = plain(v)
    if v is None:
        return ""
    if isinstance(v, list):
        return _listed(v, ", ")
    return str(v)


def _listed(v: list[Any], sep: str) -> str:
    """A list cell: absent items (a curated quote's page or method) are blank, and a list of only
    absent items is blank as a whole."""
    if all(x is None for x in v):
        return ""
    return sep.join("" if x is None else str(x) for x in v)


def _when(e: dict[str, Any]) -> str:
    """A holding's dates in the narrow Holder column, a space after the en dash ("2014-10– 2014-11",
    as an open end reads "2014-10– (last confirmed ...)"): the column may then break a range after
    its dash, between its dates, never inside one ("2014-10–2014-1" then "1")."""
    if not e.get("from") and not e.get("to"):
        return ""
    s = f"{e.get('from') or '?'}– {e.get('to') or ''}".rstrip()
    if e.get("last_confirmed"):
        s += f" (last confirmed {e['last_confirmed']})"
    return s


def _who_label(e: dict[str, Any]) -> str:
    label = e["post"] or e["organisation"] or e["id"]
    if e["post"] and e["organisation"] and label.endswith(", " + e["organisation"]):
        label = label[: -len(e["organisation"]) - 2]
    if e["kind"] == "provider":
        label = f"{e['organisation']} (provider)"
    return label


def print_who(answer: dict[str, Any], con: Console) -> None:
    c = answer["council"]
    con.print(Text(f"{c['name']}: who is accountable on {answer['on']}", style="bold"))
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    t.add_column("Post or body", overflow="fold", ratio=3)
    t.add_column("Holder", overflow="fold", ratio=2)
    t.add_column("As", overflow="fold")
    t.add_column("Basis", overflow="fold")
    t.add_column("Answers to", overflow="fold", ratio=2)
    t.add_column("Src", overflow="fold")
    # whom each step answers to, by name: the organisation of a post, else the post or body itself
    names = {e["id"]: (e["organisation"] if e["kind"] == "organisation" else _who_label(e)) for e in answer["chain"]}
    for e in answer["chain"]:
        holder = e["holder"] or ("—" if e["kind"] == "post" else "")
        when = _when(e) if not e.get("unnamed") else ""
        if when:
            holder += f"\n{when}"
        if e.get("last_known"):
            holder += f"\n(last known: {e['stale']['message']})"
        for extra in e.get("also", []):
            holder += f"\n+ {extra['holder']} ({extra['capacity']})"
        for maybe in e.get("possibly_begun", []):
            holder += f"\n(possibly since {maybe.get('from')}: another holder, {maybe['capacity']}; see flags)"
        ups = "\n".join(names.get(u) or u for u in e.get("answers_to") or [])
        refs = source_numbers(s["n"] for s in e["sources"])
        t.add_row(*map(Text, (_who_label(e), holder, e.get("capacity") or "", (e.get("basis") or "").replace("_", " "), ups, refs)))
    if answer["chain"]:  # none for a council that did not exist on the date: its flag says so
        con.print(fit_words(t, con.width))
    if answer["flags"]:
        con.print(Text("Flags", style="bold"))
        for f in answer["flags"]:
            con.print(Text(f"  [{f['kind']}] ", style="yellow") + Text(f["message"]))
    print_extracted([s for e in answer["chain"] for s in e.get("sources", [])], con)
    print_sources(answer["sources"], con)


def extracted_note(ref: dict[str, Any]) -> str:
    """How a cited quote was found, for answers: "extracted by rule R, page P" (a machine read it) or ""."""
    if ref.get("method") != "extracted":
        return ""
    bits = [f"extracted by rule {ref['rule']}" if ref.get("rule") else "extracted"]
    if ref.get("page"):
        bits.append(f"page {ref['page']}")
    return ", ".join(bits)


def print_extracted(refs: Sequence[dict[str, Any]], con: Console) -> None:
    """The quotes a machine found, each with its rule and page: an answer resting on extraction says so."""
    seen = set()
    lines = []
    for r in refs:
        note = extracted_note(r)
        if not note or (r["n"], r.get("quote")) in seen:
            continue
        seen.add((r["n"], r.get("quote")))
        lines.append(Text(f"  [{r['n']}] \u201c{r.get('quote', '')}\u201d ({note})"))
    if lines:
        con.print(Text("Machine-extracted quotes", style="bold"))
        for line in lines:
            con.print(line)


def print_sources(sources: Sequence[dict[str, Any]], con: Console) -> None:
    if not sources:
        return
    con.print(Text("Sources", style="bold"))
    for s in sources:
        bits = [s.get("title") or s["id"]]
        if s.get("publisher"):
            bits.append(s["publisher"])
        if s.get("published"):
            bits.append(str(s["published"]))
        con.print(Text(f"  [{s['n']}] " + ", ".join(bits)))
