"""Whether a quote names a day of the month: a fact may claim a day only when its sources know it."""

from __future__ import annotations

import calendar
import re

from ..schema.dates import FuzzyDate

_MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m} | {m: i for i, m in enumerate(calendar.month_abbr) if m}


def quote_names_day(quote: str, day: FuzzyDate) -> bool:
    """Whether a quote gives the day of the month: "1 October", "October 1st", "01/10/2014", "2014-10-01"."""
    d, m = day.first.day, day.first.month
    for word, n in _MONTHS.items():
        if n != m:
            continue
        if re.search(rf"\b0?{d}(st|nd|rd|th)?\s+(of\s+)?{word}\b|\b{word}\.?\s+0?{d}(st|nd|rd|th)?\b", quote, re.IGNORECASE):
            return True
    return day.first.isoformat() in quote or bool(re.search(rf"\b0?{d}[/.]0?{m}[/.](\d\d)?\d\d\b", quote))
