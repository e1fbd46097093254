"""Shared pieces of answers: finding a council, reading dates back with their precision,
numbering sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..schema.council_names import Renamer, name_on
from ..schema.dates import FuzzyDate, to_date
from . import kept, registry
from .lookup_error import LookupError_  # noqa: F401  (answered from here too)




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


def find_council(store: Any, query: str, on: dt.date | None = None) -> dict[str, Any]:
    """One council by id, name, alias, LA code or GSS code; exact matches beat partial ones.
    Given a date, a council that existed on it beats one that did not among equally good
    matches by id, code, name or alias (`dorset` in 2015 is Dorset County Council, `825` in
    2015 Buckinghamshire County Council)."""
    q = query.strip()
    # The common question names a council by its id: found by key, unless the council that
    # has it did not exist on the date (then a council of that name that did may be meant).
    by_id = registry.run(store, "council_by_id", {"id": q.lower()}) if q else []
    if by_id and (on is None or existed_on(by_id[0], on)):
        return dated_council(by_id[0], on)
    rows = registry.run(store, "find_council", {"q": q})
    if not rows:
        from .suggest import council_suggestions, either

        close = council_suggestions(store, query)
        hint = f": did you mean {either(close)}? Or try" if close else "; try"
        raise LookupError_(f"no council matches {query!r}{hint} its name, an alias, its DfE LA code or its GSS code")
    if on is not None:
        exact = [r for r in rows if r["rank"] <= 1]
        if exact and not any(existed_on(r, on) for r in exact if r["rank"] == exact[0]["rank"]):
            alive = [r for r in exact if existed_on(r, on)]
            if alive:
                best = min(r["rank"] for r in alive)
                rows = [r for r in alive if r["rank"] == best]
        elif exact:
            top = [r for r in exact if r["rank"] == exact[0]["rank"]]
            alive = [r for r in top if existed_on(r, on)]
            if alive and len(alive) < len(top):
                rows = alive
    found = best_match(rows, query, "", "councils", lambda r: f"{r['name']} ({r['id']})")
    return dated_council(found, on)


def dated_council(row: dict[str, Any], on: dt.date | None) -> dict[str, Any]:
    """A council row named as it was on `on` (`name`), its present official name kept as
    `present_name` and the others as `former_names`."""
    out = dict(row)
    out["present_name"] = row["name"]
    out["name"] = name_on(row["name"], row.get("former_names"), row.get("former_names_until"), on)
    return out


def renames_on(store: Any, on: dt.date | None) -> Renamer:
    """Present council names -> their names on `on`, for the councils renamed since (for answers
    that name councils and their posts inside text)."""
    return renamer_by_day(store)(on)


def renamer_by_day(store: Any) -> "NamesByDay":
    """A function of a day giving `renames_on` for it, asking the graph once (for answers that
    name councils on many dates, such as changes)."""
    return NamesByDay(registry.run(store, "council_renames", {}))


def names_as_begun(store: Any, on: dt.date | None = None) -> Any:
    """For answers that list facts of many dates: a function of a fact's row giving the renamer
    that names councils (and the posts named after them) as they were named on the fact's first
    day, or on `on` when the answer is about one day. A fact with no known start keeps today's
    names. Quotes are never renamed: only our own words."""
    by_day = renamer_by_day(store)
    if on is not None:
        fixed = by_day(on)
        return lambda row: fixed
    return lambda row: by_day(to_date(row.get("valid_from")))


class NamesByDay:
    """Present council names -> their names on a day, for any day (called with the day), from the
    graph's renamed councils read once; `days` are the days on which some council took a new name
    (between two of them, and before the first, every council keeps one name)."""

    def __init__(self, rows: list[dict[str, Any]]):
        self.rows = rows
        self.days = sorted({d for r in rows for end in r["former_names_until"] or []
                            if (d := to_date(str(end)[:10])) is not None})
        self.cache: dict[dt.date | None, Renamer] = {}

    def __call__(self, day: dt.date | None) -> Renamer:
        if day not in self.cache:
            self.cache[day] = Renamer({r["name"]: name_on(r["name"], r["former_names"], r["former_names_until"], day)
                                       for r in self.rows} if day is not None else {})
        return self.cache[day]


def existed_on(row: dict[str, Any], on: dt.date) -> bool:
    """Whether a council (a row with established and abolished) existed on a day."""
    start, end = to_date(row.get("established")), to_date(row.get("abolished"))
    return (start is None or start <= on) and (end is None or on < end)


def fuzzy(row: dict[str, Any], prefix: str) -> FuzzyDate | None:
    return FuzzyDate.from_stored(row.get(prefix), row.get(prefix + "_precision"))


def text(value: FuzzyDate | None) -> str | None:
    return str(value) if value else None


def active(row: dict[str, Any], on: dt.date) -> bool:
    """A fact holds on a day when it has begun (a known start) and has not yet ended."""
    start, until = to_date(row.get("valid_from")), to_date(row.get("valid_until"))
    return start is not None and start <= on and (until is None or on < until)


def in_force(holdings: list[dict[str, Any]], on: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The holdings of a post in force on a day, and those that may have begun by then but are not
    taken to have. A start known only to the month (or year) may be any day of it, the last
    included: on a day within it, a holding that this start superseded (ended by it, and begun by
    the day) is still the one in force, and the later one is said to have possibly begun. A start
    of that precision that superseded nothing is taken as it stands."""
    now = [h for h in holdings if active(h, on)]
    maybe: list[dict[str, Any]] = []
    for h in list(now):
        start = fuzzy(h, "valid_from")
        if start is None or start.precision == "day" or on >= start.last:
            continue
        earlier = [e for e in holdings
                   if e is not h and e.get("until_basis") == "superseded" and to_date(e.get("valid_until")) == start.first
                   and (to_date(e.get("valid_from")) or on) <= on]
        if earlier:
            maybe.append(h)
            now.extend(e for e in earlier if e not in now)
    return [h for h in now if h not in maybe], maybe


def misjudged(holdings: list[dict[str, Any]], on: dt.date) -> tuple[list[str], list[str]]:
    """The ids of the holdings of a post whose dates alone misjudge them on a day, by `in_force`:
    those begun by their dates but only possibly begun, and those ended by their dates but still
    in force (what such a start superseded). For questions that count holdings by their dates (the
    gaps template, the pages' drawing), to be told of the exceptions."""
    now, maybe = in_force(holdings, on)
    return [h["id"] for h in maybe], [h["id"] for h in now if not active(h, on)]


# A start known only to the year is the longest a start's precision can leave open: only holdings
# that begin within this many days before a day can be in doubt on it.
LONGEST_PERIOD = 366


def as_date(v: Any) -> dt.date | None:
    return to_date(v)


# ---------------------------------------------------------------- old facts said to be old

STALE_ENV = "ACCOUNTABLE_STALE_AFTER"
DEFAULT_STALE_AFTER = 2.0  # years


def stale_after(years: Any = None) -> float:
    """The threshold, in years: the option given, else the setting (ACCOUNTABLE_STALE_AFTER), else 2."""
    import os

    raw = years if years is not None else os.environ.get(STALE_ENV) or DEFAULT_STALE_AFTER
    where = "--stale-after" if years is not None else STALE_ENV
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise registry.TemplateError(f"{where} {raw!r} is not a number of years (e.g. 2 or 1.5)") from None
    if not 0 < value <= 200:
        raise registry.TemplateError(f"{where} {raw!r}: give a number of years above 0 (e.g. 2)")
    return value


def fresh_from(on: dt.date, years: float) -> dt.date:
    """The earliest day a confirmation keeps an open-ended fact current on `on`."""
    return on - dt.timedelta(days=round(years * 365.25))


def staleness(row: dict[str, Any], on: dt.date, years: float) -> dict[str, Any] | None:
    """An open-ended fact (no stated end) that no source has confirmed for longer than `years`
    before `on`: shown as last known, not as current. None when it is current (or ended)."""
    if row.get("until_basis") == "stated" or row.get("valid_to") is not None:
        return None
    lc = fuzzy(row, "last_confirmed")
    if lc is None or lc.last >= fresh_from(on, years):
        return None
    return {"last_confirmed": str(lc), "years": years,
            "message": f"last confirmed {lc}, more than {_years(years)} before {on.isoformat()}: shown as last known, not as current"}


def _years(years: float) -> str:
    n = int(years) if float(years).is_integer() else years
    return f"{n} year{'s' if n != 1 else ''}"


def future_warning(on: dt.date) -> dict[str, Any] | None:
    """A date after today is answered with what is known today: said so."""
    today = dt.date.today()
    if on <= today:
        return None
    return {"kind": "future", "post": None,
            "message": f"{on.isoformat()} is after today ({today.isoformat()}): this is what the sources said up to today, not a forecast"}


def holder_text(h: dict[str, Any]) -> str:
    """A holder as answers name them: a named person by name; an unnamed one by what the sources say
    ("not named; in post since 2013-07, interim; confirmed 2016-03-18")."""
    if not h.get("unnamed"):
        return h.get("person") or ""
    when = interval_text(h)
    bits = [f"in post since {when['from']}" if when.get("from") and h.get("start_basis") == "stated" else
            f"in post by {when['from']}" if when.get("from") else "in post"]
    if when.get("to"):
        bits[0] += f" until {when['to']}"
    if h.get("capacity") and h["capacity"] != "unknown":
        bits.append(h["capacity"])
    out = "not named; " + ", ".join(bits)
    lc = fuzzy(h, "last_confirmed")
    if lc:
        out += f"; confirmed {lc}" + (f" by {h['confirmed_by']}" if h.get("confirmed_by") else "")
    return out


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

    def cite(self, ids: list[str] | None, quotes: list[str] | None = None, accounts: list[str] | None = None,
             row: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Citations of a fact's sources; with the fact's `row`, each says its page and how it was found
        (its method where the evidence says one: `extracted` by a named rule; absent, a person curated it)."""
        out: list[dict[str, Any]] = []
        extra = {k: (row or {}).get(k) or [] for k in ("pages", "methods", "rules", "as_of")}
        for i, sid in enumerate(ids or []):
            if sid not in self.order:
                self.order.append(sid)
            ref: dict[str, Any] = {"id": sid, "n": self.order.index(sid) + 1}
            if quotes and i < len(quotes) and quotes[i]:
                ref["quote"] = quotes[i]
            if accounts and i < len(accounts) and accounts[i]:
                ref["account"] = accounts[i]
            if row is not None:
                def nth(k: str) -> Any:
                    return extra[k][i] if i < len(extra[k]) and extra[k][i] else None
                for k, name in (("methods", "method"), ("pages", "page"), ("rules", "rule"), ("as_of", "as_of")):
                    if nth(k):
                        ref[name] = int(nth(k)) if k == "pages" else nth(k)
            out.append(ref)
        return out

    def confirmed_by(self, refs: list[dict[str, Any]]) -> str | None:
        """The publisher of the latest confirmation among resolved citations (by as-of day, else source date)."""
        best, when = None, ""
        for r in refs:
            d = r.get("as_of") or self.details.get(r["id"], {}).get("published") or ""
            if d >= when:
                best, when = self.details.get(r["id"], {}).get("publisher"), d
        return best

    def resolve(self) -> list[dict[str, Any]]:
        """Fetch titles and dates, then fill them into every citation's number."""
        for r in (r for rs in kept.by_id(self.store, "sources_by_id", "ids", self.order, "id").values() for r in rs):
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
            out.append({**ref, "title": d.get("title"), "published": d.get("published"), "publisher": d.get("publisher"),
                        "kind": d.get("kind")})
        return out
