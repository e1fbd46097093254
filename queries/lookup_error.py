"""The error of a lookup that finds no such entity, or more than one: below both the answers and
the suggestions of near names, which raise it."""

from __future__ import annotations

from typing import Any


class LookupError_(Exception):
    """No such entity, or more than one: the message lists the candidates."""

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []
