"""How `changes`, `person` and the national picture read in a terminal: rich tables readable at 80
columns, each row citing numbered sources listed underneath (as the other answers do)."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from .answer_tables import _plural, _row, _say, _table, _title, refs, when
from .render import print_sources


def print_changes(a: dict[str, Any], con: Console) -> None:
    where = a["council"]["name"] if a["council"] else (a["region"] or "every council")
    _title(con, f"What changed: {where}, {a['from']} to {a['to']}")
    if not a["changes"]:
        _say(con, "Nothing in the graph began or ended in this period.")
        return
    columns = ("When", "Change", "What", "Src") if a["council"] else ("When", "Council", "Change", "What", "Src")
    t = _table(*columns, nowrap=("When", "Src"))
    for x in a["changes"]:
        what = x["what"] + (" [disputed]" if x["disputed"] and x["change"] != "contested" else "")
        cells = [x["date"] or "", x["change_text"], what, refs(x["sources"])]
        if not a["council"]:
            cells.insert(1, x["council"] or "")
        _row(t, *cells)
    _say(con, t)
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in a["counts"].items())
    _say(con, f"{_plural(a['count'], 'change')}: {counts}.")
    print_sources(a["sources"], con)


def print_person(a: dict[str, Any], con: Console) -> None:
    p = a["person"]
    _title(con, f"{p['name']} ({p['id']})")
    if p.get("description"):
        _say(con, p["description"])
    if a["posts"]:
        t = _table("Post", "Organisation", "As", "When", "Src", nowrap=("Src",))
        for x in a["posts"]:
            post = x["post"] or x["post_id"]
            if x["organisation"] and post.endswith(", " + x["organisation"]):
                post = post[: -len(x["organisation"]) - 2]
            _row(t, post + (" [disputed]" if x["status"] == "disputed" else ""), x["organisation"] or "",
                 x["capacity"] or "", when(x), refs(x["sources"]))
        _say(con, t)
    else:
        _say(con, "No post held by this person is in the graph.")
    if a["roles"]:
        _title(con, "Other roles")
        t = _table("Role", "When", "Src", nowrap=("Src",))
        for x in a["roles"]:
            _row(t, x["fact"] + (" [disputed]" if x["status"] == "disputed" else ""), when(x), refs(x["sources"]))
        _say(con, t)
    print_sources(a["sources"], con)


def print_national(a: dict[str, Any], con: Console) -> None:
    _title(con, f"The national picture on {a['on']}" + (f": {a['region']}" if a["region"] else ""))
    t = _table("Region", "Councils", "Judgements", "DCS*", "Trusts", "Interv.", nowrap=("Councils", "DCS*", "Trusts", "Interv."))
    for g in a["regions"]:
        judgements = "; ".join(f"{k} {n}" for k, n in sorted(g["judgements"].items()))
        _row(t, g["region"], str(g["councils"]), judgements, str(g["interim_or_unnamed_dcs"]), str(g["trusts"]), str(g["interventions"]))
    _say(con, t)
    _say(con, "DCS*: councils whose DCS on the date is interim or acting, declared, or not named by any source.")
    _say(con, f"{_plural(a['count'], 'council')} existed on this date; {a['located']} have a location in the graph.")
