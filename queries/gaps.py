"""Statutory posts with no substantive holder on a date, and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schema.model import STATUTORY_POSTS
from . import registry
from .answers import (LONGEST_PERIOD, SourceBook, as_date, fresh_from, future_warning, holder_text, interval_text, misjudged,
                      renames_on, stale_after, staleness)
from .suggest import check_region

TEMPLATE = "gaps"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "council_id", "council", "region", "post_id", "post_kind", "gap", "person_id", "person", "capacity",
    "from", "to", "message", "sources"
)
# Most serious first: the order answers list them in.
GAP_KINDS = ("vacant", "declared", "interim", "acting", "unknown")


def check(on: Any = None, region: str | None = None, posts: list[str] | None = None,
          kinds: list[str] | None = None, stale_years: Any = None) -> dict[str, Any]:
    day = registry.Param("on", "date", "today").convert(on)
    years = stale_after(stale_years)
    values = {"at": day, "region": (region or "").strip(), "fresh_from": fresh_from(as_date(day), years).isoformat()}  # type: ignore[arg-type]
    if posts:
        values["posts"] = list(posts)
    registry.get(TEMPLATE).bind(values)
    registry.Param("gap", "list", None, GAP_KINDS).convert(list(kinds or []))
    return values


def gaps(store: Any, on: Any = None, region: str | None = None, posts: list[str] | None = None,
         kinds: list[str] | None = None, stale_years: Any = None) -> dict[str, Any]:
    """The answer to `accountable gaps --on DATE [--region R] [--post P] [--gap KIND]`, as plain data.
    A holder no source has confirmed for longer than the threshold before the date is not counted as
    in post: the post is an `unknown` gap naming them as last known (`stale`)."""
    values = check(on, region, posts, kinds, stale_years)
    years = stale_after(stale_years)
    day = as_date(values["at"])
    check_region(store, region)
    values["maybe"], values["kept"] = in_doubt(store, values, day)  # type: ignore[arg-type]
    rows = registry.run(store, TEMPLATE, values)
    if kinds:
        rows = [r for r in rows if r["gap"] in kinds]
    rows.sort(key=lambda r: (GAP_KINDS.index(r["gap"]), r["council"], _post_order(r["post_kind"]), r["person"] or ""))
    book = SourceBook(store)
    out = []
    for r in rows:
        when = interval_text(r) if r["id"] else {}
        old = staleness(r, day, years) if r["id"] and r["gap"] == "unknown" else None  # type: ignore[arg-type]
        if r["unnamed"]:
            r = {**r, "person": holder_text(r)}
        out.append({
            "council_id": r["council_id"], "council": r["council"], "region": r["region"],
            "post_id": r["post_id"], "post": r["post_name"], "post_kind": r["post_kind"], "gap": r["gap"],
            "person_id": r["person_id"], "person": r["person"], "capacity": r["capacity"], **when,
            "status": r["status"], "message": _message(r, when, old),
            "sources": book.cite(r["sources"], r["quotes"], r["accounts"], r) if r["id"] else [],
            **({"stale": old} if old else {}),
        })
    renames_on(store, day).rows(out, ("council", "post", "message"))  # names of the date
    counts = {k: sum(1 for g in out if g["gap"] == k) for k in GAP_KINDS}
    answer = {
        "on": values["at"], "region": values["region"] or None,
        "posts": values.get("posts") or list(STATUTORY_POSTS),
        "counts": counts, "gaps": out, "kinds": list(kinds or []), "stale_after": years,
        "warnings": [w["message"] for w in [future_warning(day)] if w],  # type: ignore[arg-type]
    }
    answer["sources"] = book.resolve()
    for g in out:
        g["sources"] = book.fill(g["sources"])
    return answer


def in_doubt(store: Any, values: dict[str, Any], day: dt.date) -> tuple[list[str], list[str]]:
    """The holdings the template must not take by their dates on the day, as `who` takes them
    (queries/answers.py in_force): a start known only to the month (or year) of the day that
    superseded a holding is only possibly begun, and the holding it superseded still in force."""
    since = day - dt.timedelta(days=LONGEST_PERIOD)
    asked = {"at": values["at"], "since": since.isoformat(), "region": values["region"],
             **({"posts": values["posts"]} if "posts" in values else {})}
    by_post: dict[str, list[dict[str, Any]]] = {}
    for r in registry.run(store, "month_starts", asked):
        by_post.setdefault(r["post_id"], []).append(r)
    maybe: list[str] = []
    kept: list[str] = []
    for hs in by_post.values():
        m, k = misjudged(hs, day)
        maybe += m
        kept += k
    return maybe, kept


def _post_order(kind: str) -> int:
    return STATUTORY_POSTS.index(kind) if kind in STATUTORY_POSTS else len(STATUTORY_POSTS)


def _message(r: dict[str, Any], when: dict[str, Any], old: dict[str, Any] | None = None) -> str:
    gap, person = r["gap"], r["person"]
    if old:
        return f"last known: {person} ({r['capacity']}), {old['message']}"
    if gap == "vacant":
        return f"no holder known since {person} left ({when.get('to') or 'date unknown'})"
    if gap == "declared":
        return f"none appointed; {person} declared they answer for it, from {when.get('from') or '?'}"
    if gap in ("interim", "acting") and r.get("unnamed"):
        return person
    if gap in ("interim", "acting"):
        return f"{person}, {gap} from {when.get('from') or '?'}"
    return "no source names a holder"


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("council_id", "council", "region", "post_id", "post_kind", "gap", "person_id", "person", "capacity",
            "from", "to", "message")
    return [{k: g.get(k) for k in keys} | {"sources": [s["id"] for s in g["sources"]]} for g in answer["gaps"]]
