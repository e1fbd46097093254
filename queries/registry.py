"""The question templates: one `.cypher` file each, described by its own header.

A header is the file's leading `//` comment lines:

    // name: who_is_accountable
    // description: One line on what it answers.
    // param: council: string
    // param: at: date = today
    // returns: depth, id, name, ...
    // ladybug: (only in queries/ladybug/NAME.cypher) how this text differs and why

Parameter types: string, date (a full date; `today` as default), int (0 or more), list
(of strings), `list(a|b|c)` (a list whose items must be among those words),
`enum(a|b|c)`, and the two ends of a period, `start` and `end`: a date to the
year, month or day as sources give them (`2005`, `2014-10`, `2014-10-28`). A
`start` reaches the template as its first day; an `end` as the day after its
last day, an exclusive bound, so that `--from 2005 --to 2014` covers all of
2014. Values are checked before anything runs and reach the database only as
parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..schema.model import EVIDENCE_COLUMNS

from ..schema.dates import PERIOD_RULE, DateError, FuzzyDate, is_format_error, parse_day

HERE = Path(__file__).parent
_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*:\s*([\w|()]+)\s*(?:=\s*(.*))?$")


INT_MAX = 2**63 - 1


class TemplateError(Exception):
    """An unknown template or a bad parameter; the message names it and lists what exists."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.default is None

    def describe(self) -> str:
        if self.type == "list" and self.choices:
            t = f"list of {'|'.join(self.choices)}"
        elif self.choices:
            t = f"one of {'|'.join(self.choices)}"
        elif self.type in PERIOD_TYPES:
            t = f"{self.type} of a period: YYYY, YYYY-MM or YYYY-MM-DD"
        else:
            t = self.type
        default = "" if self.required else f", default {self.default or 'none'}"
        return f"{self.name} ({t}{default})"

    def convert(self, raw: Any) -> Any:
        if raw is None:
            if self.default is None:
                raise TemplateError(f"parameter {self.name!r} is required ({self.describe()})")
            if self.default == "null":
                return None
            raw = self.default
        if self.type == "date":
            if isinstance(raw, str) and raw.strip().lower() == "today":
                return dt.date.today().isoformat()
            if isinstance(raw, dt.date):
                return raw.isoformat()
            try:
                return parse_day(str(raw)).isoformat()
            except DateError as e:
                raise TemplateError(f"parameter {self.name!r}: {e}") from None
        if self.type in PERIOD_TYPES:
            return self._period_bound(raw).isoformat()
        if self.type == "int":
            try:
                number = int(raw)
            except (TypeError, ValueError):
                raise TemplateError(f"parameter {self.name!r}: {raw!r} is not a whole number") from None
            # Every int a template takes counts something (a depth, a limit): 0 or more, and within
            # the 64-bit integers both engines hold.
            if number < 0:
                raise TemplateError(f"parameter {self.name!r}: {number} is below 0")
            if number > INT_MAX:
                raise TemplateError(f"parameter {self.name!r}: {str(raw)[:40]} is too large (at most {INT_MAX})")
            return number
        if self.type == "list":
            if raw == "[]":
                return []
            if isinstance(raw, str):
                items = [x.strip() for x in raw.split(",") if x.strip()]
            elif isinstance(raw, (list, tuple)) and all(isinstance(x, str) for x in raw):
                items = list(raw)
            else:
                raise TemplateError(f"parameter {self.name!r}: expected a list of strings")
            wrong = [x for x in items if self.choices and x not in self.choices]
            if wrong:
                raise TemplateError(
                    f"parameter {self.name!r}: {', '.join(map(repr, wrong))} "
                    f"{'is' if len(wrong) == 1 else 'are'} not among {', '.join(self.choices)}"
                )
            return items
        if not isinstance(raw, str):
            raise TemplateError(f"parameter {self.name!r}: expected text, got {type(raw).__name__}")
        if self.choices and raw not in self.choices:
            raise TemplateError(f"parameter {self.name!r}: {raw!r} is not one of {', '.join(self.choices)}")
        return raw

    def _period_bound(self, raw: Any) -> dt.date:
        """The first day of a `start`; the day after the last day of an `end` (exclusive)."""
        if raw == "today":
            value = FuzzyDate(dt.date.today(), "day")
        else:
            try:
                value = FuzzyDate.parse(raw)
            except DateError as e:
                if is_format_error(e):
                    raise TemplateError(f"parameter {self.name!r}: {raw!r} is not a date; {PERIOD_RULE}") from None
                raise TemplateError(f"parameter {self.name!r}: {e}") from None
        return value.first if self.type == "start" else value.after


# The two ends of a period, each a date to the precision a user gives it.
PERIOD_TYPES = ("start", "end")


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    text: str
    path: Path
    ladybug_text: str | None = None
    ladybug_note: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def text_for(self, engine: str) -> str:
        if engine == "ladybug" and self.ladybug_text is not None:
            return self.ladybug_text
        return self.text

    def bind(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TemplateError(
                f"{self.name} has no parameter {', '.join(map(repr, unknown))}; its parameters: "
                + (", ".join(p.describe() for p in self.params) or "none")
            )
        bound = {p.name: p.convert(values.get(p.name)) for p in self.params}
        starts = [p for p in self.params if p.type == "start"]
        ends = [p for p in self.params if p.type == "end"]
        if len(starts) == 1 and len(ends) == 1 and bound[ends[0].name] <= bound[starts[0].name]:
            a, b = starts[0], ends[0]
            raise TemplateError(
                f"parameter {b.name!r}: the period ends ({values.get(b.name, b.default)}) "
                f"before it begins ({values.get(a.name, a.default)})"
            )
        return bound


def _parse_param(text: str, where: Path) -> Param:
    m = _PARAM.match(text.strip())
    if not m:
        raise ValueError(f"{where}: bad param line {text!r}")
    name, typ, default = m.groups()
    choices: tuple[str, ...] = ()
    em = re.match(r"^(enum|list)\((.*)\)$", typ)
    if em:
        choices = tuple(em.group(2).split("|"))
        typ = em.group(1)
    if typ not in ("string", "date", "int", "list", "enum") + PERIOD_TYPES:
        raise ValueError(f"{where}: unknown parameter type {typ!r}")
    if default is not None:
        default = default.strip()
        if default in ('""', "''"):
            default = ""
    return Param(name, typ, default, choices)


def _parse(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    header: dict[str, Any] = {"param": []}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _HEADER.match(line)
        if m:
            key, value = m.groups()
            if key == "param":
                header["param"].append(_parse_param(value, path))
            else:
                header[key] = value.strip()
    return header, text


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    out: dict[str, Template] = {}
    for path in sorted(HERE.glob("*.cypher")):
        h, text = _parse(path)
        name = h.get("name") or path.stem
        if name != path.stem:
            raise ValueError(f"{path}: header name {name!r} differs from the file name")
        lb_path = HERE / "ladybug" / path.name
        lb_text = lb_note = None
        if lb_path.exists():
            lh, lb_text = _parse(lb_path)
            lb_note = lh.get("ladybug")
        out[name] = Template(
            name=name,
            description=h.get("description", ""),
            params=tuple(h["param"]),
            returns=tuple(x.strip() for x in h.get("returns", "").split(",") if x.strip()),
            text=text,
            path=path,
            ladybug_text=lb_text,
            ladybug_note=lb_note,
        )
    return out


def get(name: str) -> Template:
    all_ = templates()
    if name not in all_:
        raise TemplateError(f"no template {name!r}; there are: {', '.join(sorted(all_))}")
    return all_[name]


def run(store: Any, name: str, values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a template by name on a store with checked parameters; rows as dicts. In the evidence
    lists a relationship keeps beside its sources, a field a source's evidence does not give is
    null (the stores keep '' there, as Neo4j cannot store a list holding null)."""
    tpl = get(name)
    params = tpl.bind(values)
    rows = store.query(tpl.text_for(store.name), params)
    optional = [c for c in OPTIONAL_EVIDENCE_COLUMNS if c in tpl.returns]
    if optional:
        for r in rows:
            for c in optional:
                v = r.get(c)
                if v and "" in v:
                    r[c] = [x if x != "" else None for x in v]
    return rows


# The parallel evidence lists whose items may be absent (a curated quote has no page, method or rule).
OPTIONAL_EVIDENCE_COLUMNS = tuple(col for f, col in EVIDENCE_COLUMNS.items() if f not in ("source", "quote"))
