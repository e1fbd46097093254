"""How answers look in a terminal (rich tables, readable at 80 columns), as JSON and as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "csv")


def plain(value: Any) -> Any:
    """Values as JSON can carry them: dates as ISO text."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def to_json(data: Any) -> str:
    return json.dumps(plain(data), indent=2, ensure_ascii=False)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else plain(v)) for v in (r.get(c) for c in columns)])
    return out.getvalue()


def console(width: int | None = None) -> Console:
    return Console(width=width, highlight=False, soft_wrap=False)


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
    return t


def _records(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None) -> Table:
    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False, show_header=False)
    t.add_column("field", style="bold", no_wrap=True)
    t.add_column("value", overflow="fold")
    for i, r in enumerate(rows):
        if i:
            t.add_section()
        for c in columns:
            if r.get(c) not in (None, [], ""):
                t.add_row(Text(c), Text(_cell(r.get(c))))
    return t


def _cell(v: Any) -> str:
    v = plain(v)
    if v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


def _when(e: dict[str, Any]) -> str:
    if not e.get("from") and not e.get("to"):
        return ""
    s = f"{e.get('from') or '?'}–{e.get('to') or ''}"
    if e.get("last_confirmed"):
        s += f" (last confirmed {e['last_confirmed']})"
    return s


def print_who(answer: dict[str, Any], con: Console) -> None:
    c = answer["council"]
    con.print(Text(f"{c['name']}: who is accountable on {answer['on']}", style="bold"))
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    t.add_column("Post or body", overflow="fold", ratio=3)
    t.add_column("Holder", overflow="fold", ratio=2)
    t.add_column("As", overflow="fold")
    t.add_column("Basis", overflow="fold")
    t.add_column("Src", overflow="fold")
    for e in answer["chain"]:
        label = e["post"] or e["organisation"]
        if e["post"] and e["organisation"] and label.endswith(", " + e["organisation"]):
            label = label[: -len(e["organisation"]) - 2]
        if e["kind"] == "provider":
            label = f"{e['organisation']} (provider)"
        holder = e["holder"] or ("—" if e["kind"] == "post" else "")
        when = _when(e)
        if when:
            holder += f"\n{when}"
        for extra in e.get("also", []):
            holder += f"\n+ {extra['holder']} ({extra['capacity']})"
        refs = ",".join(str(s["n"]) for s in e["sources"])
        t.add_row(*map(Text, (label, holder, e.get("capacity") or "", (e.get("basis") or "").replace("_", " "), refs)))
    con.print(t)
    if answer["flags"]:
        con.print(Text("Flags", style="bold"))
        for f in answer["flags"]:
            con.print(Text(f"  [{f['kind']}] ", style="yellow") + Text(f["message"]))
    print_sources(answer["sources"], con)


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
