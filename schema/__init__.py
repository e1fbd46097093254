"""The model of accountability: defined once, here; everything else is derived from it."""

from .dates import DateError, FuzzyDate, parse_day
from .model import NODE_KINDS, REL_KINDS, VOCABULARIES

__all__ = ["DateError", "FuzzyDate", "parse_day", "NODE_KINDS", "REL_KINDS", "VOCABULARIES"]
