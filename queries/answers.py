"""Shared pieces of answers: finding a council, reading dates back with their precision,
numbering sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..schema.dates import FuzzyDate, to_date
from . import registry


class LookupError_(Exception):
    """No such entity, or more than one: the message lists the candidates."""

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


def best_match(rows: list[dict[str, Any]], query: str, none: str, what: str, label: Any) -> dict[str, Any]:
    """The one best-ranked row of a lookup (rank 0 best); none, or a tie, is a LookupError_ that
    says so and lists the candidates."""
    if not rows:
        raise LookupError_(none)
    best = rows[0]["rank"]
    top = [r for r in rows if r["rank"] == best]
    if len(top) > 1:
        shown = "; ".join(label(r) for r in top[:12])
        more = f" and {len(top) - 12} more" if len(top) > 12 else ""
        raise LookupError_(f"{query!r} matches {len(top)} {what}: {shown}{more}. Give one of these ids.", top)
    return top[0]


def find_council(store: Any, query: str) -> dict[str, Any]:
    """One council by id, name, alias, LA code or GSS code; exact matches beat partial ones."""
    rows = registry.run(store, "find_council", {"q": query.strip()})
    if not rows:
        from .suggest import council_suggestions, either

        close = council_suggestions(store, query)
        hint = f": did you mean {either(close)}? Or try" if close else "; try"
        raise LookupError_(f"no council matches {query!r}{hint} its name, an alias, its DfE LA code or its GSS code")
    return best_match(rows, query, "", "councils", lambda r: f"{r['name']} ({r['id']})")


def fuzzy(row: dict[str, Any], prefix: str) -> FuzzyDate | None:
    return FuzzyDate.from_stored(row.get(prefix), row.get(prefix + "_precision"))


def text(value: FuzzyDate | None) -> str | None:
    return str(value) if value else None


def active(row: dict[str, Any], on: dt.date) -> bool:
    """A fact holds on a day when it has begun (a known start) and has not yet ended."""
    start, until = to_date(row.get("valid_from")), to_date(row.get("valid_until"))
    return start is not None and start <= on and (until is None or on < until)




def as_date(v: Any) -> dt.date | None:
    return to_date(v)


def interval_text(row: dict[str, Any]) -> dict[str, Any]:
    """from / to as the sources give them, and how the end is known."""
    start = fuzzy(row, "valid_from")
    end = fuzzy(row, "valid_to")
    out: dict[str, Any] = {"from": text(start), "to": text(end)}
    if row.get("start_basis") == "source_date":
        out["from_basis"] = "earliest source"
    if end is None and row.get("until_basis") == "superseded" and row.get("valid_until") is not None:
        succeeded = FuzzyDate.from_stored(to_date(row["valid_until"]), row.get("valid_until_precision"))
        out["to"] = text(succeeded)
        out["to_basis"] = "succeeded"
    if end is None and row.get("until_basis") != "superseded":
        lc = fuzzy(row, "last_confirmed")
        if lc:
            out["last_confirmed"] = str(lc)
    return out


@dataclass
class SourceBook:
    """Sources cited by an answer, numbered in the order they are first cited."""

    store: Any
    order: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)

    def cite(self, ids: list[str] | None, quotes: list[str] | None = None, accounts: list[str] | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i, sid in enumerate(ids or []):
            if sid not in self.order:
                self.order.append(sid)
            ref: dict[str, Any] = {"id": sid, "n": self.order.index(sid) + 1}
            if quotes and i < len(quotes) and quotes[i]:
                ref["quote"] = quotes[i]
            if accounts and i < len(accounts) and accounts[i]:
                ref["account"] = accounts[i]
            out.append(ref)
        return out

    def resolve(self) -> list[dict[str, Any]]:
        """Fetch titles and dates, then fill them into every citation's number."""
        rows = registry.run(self.store, "sources_by_id", {"ids": self.order}) if self.order else []
        for r in rows:
            published = fuzzy(r, "published")
            self.details[r["id"]] = {
                "id": r["id"], "title": r["title"], "publisher": r["publisher"], "author": r["author"],
                "published": text(published), "kind": r["source_kind"], "url": r["url"], "licence": r.get("licence"),
            }
        return [{"n": i + 1, **self.details.get(sid, {"id": sid, "title": None, "published": None})} for i, sid in enumerate(self.order)]

    def fill(self, refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for ref in refs:
            d = self.details.get(ref["id"], {})
            out.append({**ref, "title": d.get("title"), "published": d.get("published"), "publisher": d.get("publisher")})
        return out
