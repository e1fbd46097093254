"""A council's official name on a date.

A council that continued as the same authority under a new name (Somerset County Council,
Somerset Council from 2023-04-01) keeps its present official name as `name` and its earlier
ones as `former_names`, each in force until the first day at the same place in
`former_names_until`. Every answer about a date names the council as it was named that day;
the present name, the former names and the short name all stay findable as aliases.

A post's stored name is its title and the council's present name ("Director of Children's
Services, Somerset Council"), as the statutory frame builds it; answers on a date show it with
the council's name of that date ("Director of Children's Services, Somerset County Council" in
2014), the same substitution as for the council itself (`dated`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence


def name_on(name: str, former: Sequence[str] | None, until: Sequence[str] | None, day: dt.date | None) -> str:
    """The official name in force on `day`: the first former name whose end is after the day,
    else the present name (also for no day: today's answers use today's name)."""
    if day is None:
        return name
    for old, end in sorted(zip(former or [], until or []), key=lambda p: p[1]):
        try:
            stop = dt.date.fromisoformat(str(end)[:10])
        except ValueError:
            continue
        if day < stop:
            return old
    return name


def check(former: Sequence[str] | None, until: Sequence[str] | None) -> str | None:
    """What is wrong with a council's former names, or None: one end day per name, each a day."""
    former, until = list(former or []), list(until or [])
    if len(former) != len(until):
        return f"gives {len(former)} former name(s) but {len(until)} day(s) in former_names_until: give one day per name"
    for end in until:
        try:
            dt.date.fromisoformat(str(end))
        except ValueError:
            return f"former_names_until: {end!r} is not a day YYYY-MM-DD"
    return None


def renamer(renames: dict[str, str]) -> "Renamer":
    return Renamer(renames)


class Renamer:
    """Rewrites present council names to the names of a date inside answer text: a present name
    standing alone, after punctuation or after a lower-case word ("Leader, Somerset Council",
    "DCS of Somerset Council"), never inside another council's name ("North Somerset Council")."""

    def __init__(self, renames: dict[str, str]):
        self.renames = {k: v for k, v in renames.items() if k and v and k != v}
        if self.renames:
            names = "|".join(re.escape(k) for k in sorted(self.renames, key=len, reverse=True))
            self.pattern: re.Pattern[str] | None = re.compile(
                rf"(^|[^\w\s]\s*|\b[a-z][\w'’-]*\s+)({names})(?![\w])")
        else:
            self.pattern = None

    def __bool__(self) -> bool:
        return bool(self.renames)

    def text(self, value: str) -> str:
        if self.pattern is None or not isinstance(value, str):
            return value
        if not any(name in value for name in self.renames):  # most texts name no renamed council: no search
            return value
        return self.pattern.sub(lambda m: m.group(1) + self.renames[m.group(2)], value)

    def rows(self, rows: Iterable[dict], keys: Iterable[str]) -> None:
        """Rewrite these keys of each row in place (strings, or lists of strings)."""
        keys = tuple(keys)
        for row in rows:
            for k in keys:
                v = row.get(k)
                if isinstance(v, str):
                    row[k] = self.text(v)
                elif isinstance(v, list):
                    row[k] = [self.text(x) if isinstance(x, str) else x for x in v]
