"""What is wrong with an input, said as `file:line: field: what is wrong`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """One line any terminal prints as it is: a lone surrogate (from a bad escape or file name)
    and control characters (an escape sequence in a JSON key, a newline in a field name) are shown escaped."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


LONG_WORD = 120  # a run of characters without a space longer than this is what someone pasted, not words
LONG_MESSAGE = 2000
_LONG = re.compile(r"\S{%d,}" % (LONG_WORD + 1))


def clip(text: str) -> str:
    """A message as a terminal should show it: a long value (a 120 KB argument) is cut to its start
    and end with an ellipsis, and the whole message to LONG_MESSAGE characters."""
    text = _LONG.sub(lambda m: f"{m.group()[:60]}…{m.group()[-20:]} ({len(m.group()):,} characters)", text)
    if len(text) > LONG_MESSAGE:
        text = text[:LONG_MESSAGE] + f"… ({len(text) - LONG_MESSAGE:,} characters more)"
    return text


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        for name in ("file", "field", "message"):
            text = printable(str(getattr(self, name)))
            object.__setattr__(self, name, text if name == "file" else clip(text))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True, order=True)
class Notice(Problem):
    """Something a load did that its user should know about (a contested fact, a correction); not an error."""


class InvalidInput(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
