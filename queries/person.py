"""Who is this person? Every post they held (capacities and dates), every other role (associations,
appointments), and every source; a name that matches no one suggests the nearest."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import LookupError_, SourceBook, best_match, interval_text, names_as_begun
from .describe import fact_text
from .search import nearest

# The columns of the CSV form: one row per post held or role.
CSV_COLUMNS = ("person_id", "person", "what", "post_id", "organisation", "capacity", "role", "from", "to",
               "last_confirmed", "status", "note", "sources", "quotes")


def find_person(store: Any, query: str) -> dict[str, Any]:
    """One person by id, name or alias; nothing found: the nearest names, as a LookupError_ that lists them."""
    q = (query or "").strip()
    if not q:
        raise LookupError_("give a person's name or id, e.g. \"Peter Lewis\" or peter-lewis")
    rows = [r for r in registry.run(store, "find_entity", {"q": q}) if r["kind"] == "Person"]
    if rows:
        return best_match(rows, query, "", "people", lambda r: f"{r['name']} ({r['id']})")
    near = nearest(store, q, kinds=("Person",), limit=5)
    if near:
        shown = "; ".join(f"{n['name']} ({n['id']})" for n in near)
        raise LookupError_(f"no person matches {query!r}; the nearest names: {shown}", near)
    raise LookupError_(f"no person matches {query!r}, and the graph holds no one with a similar name")


def person(store: Any, query: str) -> dict[str, Any]:
    """The answer to `accountable person NAME`, as plain data."""
    p = find_person(store, query)
    node = registry.run(store, "neighbourhood", {"entity": p["id"], "depth": 0})
    book = SourceBook(store)
    own = book.cite(p.get("sources") or [])
    posts = []
    named = names_as_begun(store)  # each post and role named as it was when the holding or role began
    for h in registry.run(store, "person_holdings", {"persons": [p["id"]]}):
        names = named(h)
        posts.append({
            "post_id": h["post_id"], "post": names.text(h["post_name"]), "post_kind": h["post_kind"],
            "organisation": names.text(h["organisation"]),
            "capacity": h["capacity"], **interval_text(h), "status": h["status"], "note": names.text(h["note"]), "id": h["id"],
            "sources": book.cite(h["sources"], h["quotes"], h["accounts"]),
        })
    posts.sort(key=lambda x: (x.get("from") is None, x.get("from") or "", x["post"] or ""))
    roles = []
    for r in registry.run(store, "person_roles", {"person": p["id"]}):
        names = named(r)
        other = names.text(r["other"])
        a, b = (other, p["name"]) if r["rel_kind"] == "APPOINTS" else (p["name"], other)
        roles.append({
            "kind": r["rel_kind"], "other_id": r["other_id"], "other_kind": r["other_kind"], "other": other,
            "role": r["role"], "action": r["action"], "fact": fact_text(r["rel_kind"], a, b, r), **interval_text(r),
            "status": r["status"], "note": names.text(r["note"]), "id": r["id"],
            "sources": book.cite(r["sources"], r["quotes"], r["accounts"]),
        })
    answer = {
        "person": {"id": p["id"], "name": p["name"], "description": node[0]["description"] if node else None, "sources": own},
        "posts": posts,
        "roles": roles,
        "organisations": sorted({x["organisation"] for x in posts if x["organisation"]} | {r["other"] for r in roles if r["other_kind"] != "Post"}),
    }
    answer["sources"] = book.resolve()
    answer["person"]["sources"] = book.fill(own)
    for x in posts + roles:
        x["sources"] = book.fill(x["sources"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    p = answer["person"]
    out = []
    for x in answer["posts"]:
        out.append({"person_id": p["id"], "person": p["name"], "what": f"holds {x['post']}", "post_id": x["post_id"],
                    "organisation": x["organisation"], "capacity": x["capacity"], "from": x.get("from"), "to": x.get("to"),
                    "last_confirmed": x.get("last_confirmed"), "status": x["status"], "note": x["note"],
                    "sources": [s["id"] for s in x["sources"]], "quotes": [s.get("quote", "") for s in x["sources"]]})
    for x in answer["roles"]:
        out.append({"person_id": p["id"], "person": p["name"], "what": x["fact"], "organisation": x["other"], "role": x["role"],
                    "from": x.get("from"), "to": x.get("to"), "last_confirmed": x.get("last_confirmed"), "status": x["status"],
                    "note": x["note"], "sources": [s["id"] for s in x["sources"]], "quotes": [s.get("quote", "") for s in x["sources"]]})
    return out
