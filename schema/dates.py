"""Dates as sources give them: to the year, the month or the day, and never more precise.

"2014-10" is a month. It is stored as the first day it may mean (for comparisons)
together with its precision, and it is always shown again as "2014-10", never as
"2014-10-01". An interval that ends in "2014-10" runs until the end of October.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # ASCII: "੨000" is not the year 2000


class DateError(ValueError):
    """A date that is not a date: the message says why in words."""


# Text already parsed, and what it meant (FuzzyDate is immutable, so one value serves every use).
_PARSED: dict[str, "FuzzyDate"] = {}
_PARSED_MAX = 100_000


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar date known to a precision: year, month or day."""

    first: dt.date  # the first day the value may mean
    precision: Precision

    @classmethod
    def parse(cls, value: object) -> "FuzzyDate":
        if type(value) is str:  # the common case, remembered: a large file repeats its dates
            known = _PARSED.get(value)
            if known is not None:
                return known
            parsed = cls._parse(value)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[value] = parsed
            return parsed
        return cls._parse(value)

    @classmethod
    def _parse(cls, value: object) -> "FuzzyDate":
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.date(), "day")
        if isinstance(value, dt.date):
            return cls(value, "day")
        if isinstance(value, bool):
            raise DateError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, int):
            value = f"{value:04d}"
        if isinstance(value, float):
            raise DateError(f"{value!r} is a number, not a date; write YYYY-MM or YYYY-MM-DD (2014.10 is read as the number 2014.1)")
        if not isinstance(value, str):
            raise DateError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        text = value.strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD" + _hint(text))
        year, month, day = match.groups()
        y = int(year)
        if y < 1800 or y > 2200:
            raise DateError(f"{value!r}: year {y} is out of range (1800-2200)")
        if month is None:
            return cls(dt.date(y, 1, 1), "year")
        m = int(month)
        if not 1 <= m <= 12:
            raise DateError(f"{value!r}: there is no month {m}")
        if day is None:
            return cls(dt.date(y, m, 1), "month")
        d = int(day)
        last = calendar.monthrange(y, m)[1]
        if not 1 <= d <= last:
            raise DateError(f"{value!r}: {calendar.month_name[m]} {y} has no day {d}")
        return cls(dt.date(y, m, d), "day")

    @classmethod
    def from_stored(cls, first: dt.date | str | None, precision: str | None) -> "FuzzyDate | None":
        if first is None:
            return None
        if isinstance(first, str):
            first = dt.date.fromisoformat(first[:10])
        if hasattr(first, "to_native"):  # neo4j.time.Date
            first = first.to_native()
        return cls(first, (precision or "day"))  # type: ignore[arg-type]

    @property
    def last(self) -> dt.date:
        """The last day the value may mean."""
        return self.after - dt.timedelta(days=1)

    @property
    def after(self) -> dt.date:
        """The first day after everything the value may mean (an exclusive bound)."""
        f = self.first
        if self.precision == "day":
            return f + dt.timedelta(days=1)
        if self.precision == "month":
            return dt.date(f.year + (f.month == 12), f.month % 12 + 1, 1)
        return dt.date(f.year + 1, 1, 1)

    def contains(self, day: dt.date) -> bool:
        return self.first <= day < self.after

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()


_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", re.ASCII)


def _hint(text: str) -> str:
    """A day/month/year date, as people in England write it, said the way fact files want it."""
    m = _DMY.match(text)
    if not m:
        return ""
    d, mo, y = (int(x) for x in m.groups())
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return ""
    return f" (if that is {d} {calendar.month_name[mo]} {y}, write {day.isoformat()})"


def to_date(value: object) -> dt.date | None:
    """A day as a store or driver gives it back (a date, a datetime, a neo4j Date, ISO text) as a date."""
    if value is None:
        return None
    if hasattr(value, "to_native"):  # neo4j.time.Date
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{value!r} is not a date")


# The two date rules of questions, said in the same words everywhere: an `--on` is one day (or
# `today`, which the question's parameter turns into one); a period's ends are as precise as you like.
DAY_RULE = "write a day as YYYY-MM-DD, or today"
PERIOD_RULE = "write YYYY, YYYY-MM or YYYY-MM-DD, or today"


def parse_day(value: str) -> dt.date:
    """A date that must be given to the day (the --on of a question)."""
    try:
        fd = FuzzyDate.parse(value)
    except DateError as e:
        if not is_format_error(e):
            raise  # a real date's impossible part ("there is no month 13") says more
        raise DateError(f"{value!r} is not a full date; {DAY_RULE}") from None
    if fd.precision != "day":
        raise DateError(f"{value!r} is not a full date; {DAY_RULE}")
    return fd.first


def is_format_error(e: DateError) -> bool:
    """Whether a date was refused for its form (a word, a number), not for an impossible part."""
    return "is not a date" in str(e) or "is a number, not a date" in str(e)
