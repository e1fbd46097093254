"""The period a question covers: `--from`/`--to` to any precision, or a single `--on` day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import registry

# The bounds a template's `start`/`end` parameters take when the user gives none.
EARLIEST = "1800"
LATEST = "2200"


@dataclass(frozen=True)
class Period:
    """What the user asked for, as they wrote it (None where they gave nothing)."""

    start: str | None = None
    end: str | None = None
    on: str | None = None

    def params(self) -> dict[str, str]:
        """The template's `from`/`to` values (each checked again by the template)."""
        if self.on:
            return {"from": self.on, "to": self.on}
        return {"from": self.start or EARLIEST, "to": self.end or LATEST}

    def text(self) -> str:
        if self.on:
            return f"on {self.on}"
        if self.start and self.end:
            return f"{self.start}–{self.end}" if self.start != self.end else f"in {self.start}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"up to {self.end}"
        return "at any date"

    def last_day(self) -> dt.date | None:
        """The period's last day (the day asked with --on), or None when it runs to the present:
        answers about a period name councils as they were named then."""
        if self.on:
            return dt.date.fromisoformat(self.on)
        if self.end:
            last = dt.date.fromisoformat(registry.Param("to", "end").convert(self.end)) - dt.timedelta(days=1)
            return last if last < dt.date.today() else None
        return None

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end, "on": self.on, "text": self.text()}


def period(start: Any = None, end: Any = None, on: Any = None) -> Period:
    """A checked period: `on` is a full date and excludes `start`/`end`."""
    if on is not None:
        if start is not None or end is not None:
            raise registry.TemplateError("give either --on or --from/--to, not both")
        day = registry.Param("on", "date").convert(on)
        return Period(on=day)
    return Period(
        start=None if start is None else str(start).strip(),
        end=None if end is None else str(end).strip(),
    )
