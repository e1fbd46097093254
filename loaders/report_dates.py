"""Dates as Ofsted's reports print them.

The "Inspection date(s):" line comes in a dozen layouts: "23 June – 16 July 2015" (the
start without its year), "6 to 17 December 2021" (without its month), "9–24 November
2017", "14 January 2014- 5 February 2014", "20 June 2017 ─ 13 July 2017" (box drawing),
"12/09/2016 to 06/10/2016", "18 Feb 2014", ordinals ("26th"), and two-part inspections
("19 November-11 December 2013 and 28 – 30 January 2014"). Words in sentences give
dates to the day, month or year ("since 6 January 2008", "since July 2013", "in 2011").
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ANY = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DASHES = re.compile(r"\s*[\u2013\u2014\u2212\u2500\u2015\u2010\u2011-]+\s*|\s+to\s+", re.I)
_ONE = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?P<m>" + _MONTH_ANY + r"))?(?:\s+(?P<y>\d{4}))?"
    r"|(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d{2})",
    re.I | re.A,
)


class DateError(ValueError):
    pass


def _one(text: str) -> tuple[int, int | None, int | None]:
    m = _ONE.fullmatch(text.strip().rstrip(".,"))
    if not m:
        raise DateError(f"not a date: {text!r}")
    if m.group("nd"):
        y = int(m.group("ny"))
        return int(m.group("nd")), int(m.group("nm")), y + 2000 if y < 100 else y
    month = MONTHS[m.group("m").lower().rstrip(".")] if m.group("m") else None
    return int(m.group("d")), month, int(m.group("y")) if m.group("y") else None


def _complete(start: tuple, end: tuple) -> tuple[dt.date, dt.date]:
    ed, em, ey = end
    if em is None or ey is None:
        raise DateError("the end of a range needs its month and year")
    sd, sm, sy = start
    sm = sm or em
    if sy is None:
        sy = ey if sm <= em else ey - 1
    return dt.date(sy, sm, sd), dt.date(ey, em, ed)


def parse_range(text: str) -> list[tuple[str, str]]:
    """Every (start, end) part of an "Inspection dates:" value, ISO dates; DateError if none."""
    text = re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " ")).strip()
    parts = []
    for chunk in re.split(r"\s+and\s+|\s*[,;]\s*(?=\d)", text):
        chunk = chunk.strip().rstrip(".")
        if not chunk:
            continue
        ends = [x for x in _DASHES.split(chunk) if x.strip()]
        if len(ends) == 1:
            a = b = _one(ends[0])
        elif len(ends) == 2:
            a, b = _one(ends[0]), _one(ends[1])
        else:
            raise DateError(f"not a date range: {chunk!r}")
        parts.append(_complete(a, b))
    if not parts:
        raise DateError(f"no dates in {text!r}")
    # a part without its own year ("19 November-11 December 2013") was completed from its own end;
    # a first part whose end lacks a month or year cannot be told
    for s, e in parts:
        if e < s or (e - s).days > 120:
            raise DateError(f"implausible range {s} to {e} in {text!r}")
    return [(s.isoformat(), e.isoformat()) for s, e in parts]


DAY_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_WORD + r")\s+(\d{4})\b", re.A)
MONTH_DATE = re.compile(r"\b(" + MONTH_WORD + r")\s+(\d{4})\b", re.A)


def parse_day(text: str) -> str | None:
    """'8 August 2014' -> '2014-08-08'."""
    m = DAY_DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
    except ValueError:
        return None


def months_before(day: str, months: int) -> str:
    """The month `months` before an ISO day, as 'YYYY-MM'."""
    d = dt.date.fromisoformat(day)
    total = d.year * 12 + (d.month - 1) - months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"
