"""One person holding two statutory posts at once."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import SourceBook, as_date, interval_text, names_as_begun
from .periods import Period, period

TEMPLATE = "joint_roles"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "person_id", "person", "kind", "from", "to", "post_a", "capacity_a", "post_b", "capacity_b",
    "sources"
)


def check(on: Any = None, start: Any = None, end: Any = None, posts: list[str] | None = None) -> tuple[Period, dict[str, Any]]:
    p = period(start, end, on)
    values: dict[str, Any] = dict(p.params())
    if posts:
        values["posts"] = list(posts)
    registry.get(TEMPLATE).bind(values)
    return p, values


def joint_roles(store: Any, on: Any = None, start: Any = None, end: Any = None,
                posts: list[str] | None = None) -> dict[str, Any]:
    """The answer to `accountable joint-roles [--on DATE | --from A --to B]`, as plain data."""
    p, values = check(on, start, end, posts)
    rows = registry.run(store, TEMPLATE, values)
    book = SourceBook(store)
    roles = []
    named = names_as_begun(store)  # the posts named as they were when the two were first held together
    for r in rows:
        a, b = _holding(r, "a"), _holding(r, "b")
        later_start = max((a, b), key=lambda h: (as_date(h["_from"]) is not None, as_date(h["_from"]) or 0))
        earlier_end = min((a, b), key=lambda h: (as_date(h["_until"]) is None, as_date(h["_until"]) or 0))
        names = named({"valid_from": later_start["_from"]})
        posts_ = []
        for h in (a, b):
            posts_.append({
                "post_id": h["post_id"], "post": names.text(h["post"]), "post_kind": h["post_kind"],
                "organisation": names.text(h["organisation"]),
                "capacity": h["capacity"],
                "from": h["when"].get("from"), "to": h["when"].get("to"), "status": h["status"],
                "sources": book.cite(h["sources"], h["quotes"]),
            })
        roles.append({
            "person_id": r["person_id"], "person": r["person"], "kind": r["kind"],
            "from": later_start["when"].get("from"), "to": earlier_end["when"].get("to"),
            "posts": posts_,
        })
    answer = {"period": p.as_dict(), "roles": roles}
    answer["sources"] = book.resolve()
    for role in roles:
        for post in role["posts"]:
            post["sources"] = book.fill(post["sources"])
    return answer


def _holding(r: dict[str, Any], side: str) -> dict[str, Any]:
    """One of the two holdings of a row, with its dates said as the sources give them."""
    g = lambda k: r[f"{side}_{k}"]  # noqa: E731
    dates = {
        "valid_from": g("from"), "valid_from_precision": g("from_precision"),
        "valid_to": g("to"), "valid_to_precision": g("to_precision"),
        "valid_until": g("until"), "valid_until_precision": g("until_precision"), "until_basis": g("until_basis"),
    }
    return {
        "post_id": r[f"post_{side}_id"], "post": r[f"post_{side}"], "post_kind": r[f"post_{side}_kind"],
        "organisation": r[f"organisation_{side}"],
        "capacity": r[f"capacity_{side}"], "status": g("status"), "sources": g("sources"), "quotes": g("quotes"),
        "when": interval_text(dates), "_from": g("from"), "_until": g("until"),
    }


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for role in answer["roles"]:
        a, b = role["posts"]
        out.append({
            "person_id": role["person_id"], "person": role["person"], "kind": role["kind"],
            "from": role["from"], "to": role["to"],
            "post_a": a["post_id"], "capacity_a": a["capacity"], "post_b": b["post_id"], "capacity_b": b["capacity"],
            "sources": sorted({s["id"] for p in role["posts"] for s in p["sources"]}),
        })
    return out
