"""Council names on a page as its date control moves.

A renamed council (Somerset County Council, Somerset Council from 2023-04-01) is drawn with the
name of the page's date, and so are the posts named after it ("Director of Children's Services,
Somerset County Council") and every text the page builds from those names: a node's label and
tooltip, a relationship's title, the flags' messages. The page is built with the names of its
start; a record whose texts read otherwise on some other day carries them all as `names`, one
version per stretch of days with the first day it no longer applies (`until`, null for the
last), which the page's script picks from. The texts are made by the answers' own rule
(queries/answers.py `NamesByDay`, schema/council_names.py `Renamer`), never by the script.
Quotes from sources are left as the sources wrote them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def stretches(names: Any) -> list[tuple[dt.date | None, dt.date]]:
    """(until, a day within) for each stretch of days over which every council keeps one name,
    in order; none when no council in the graph was renamed."""
    days = list(names.days) if names is not None else []
    if not days:
        return []
    return [(d, d - dt.timedelta(days=1)) for d in days] + [(None, days[-1])]


def _named(record: dict[str, Any], renamer: Any) -> dict[str, Any]:
    """The texts of a node or relationship record built from council names, as `renamer` names them."""
    info = dict(record["info"])
    if "from" in record:  # a relationship: the fact in words
        info["title"] = renamer.text(info["title"])
    else:
        info["name"] = renamer.text(info["name"])
        info["facts"] = [{**f, "text": renamer.text(f["text"])} for f in info["facts"]]
    return {"label": renamer.text(record["label"]), "info": info}


def name_records(records: list[dict[str, Any]], names: Any, on: dt.date) -> None:
    """Each record (vis node or edge) with its texts of `on`; those whose texts differ on other days
    also with `names`, every version and the day it ends."""
    spans = stretches(names)
    if not spans:
        return
    start = names(on)
    for record in records:
        versions: list[tuple[dt.date | None, dict[str, Any]]] = []
        for until, within in spans:  # a stretch that reads as the one before it lengthens it
            v = _named(record, names(within))
            if versions and versions[-1][1] == v:
                versions[-1] = (until, v)
            else:
                versions.append((until, v))
        if len(versions) > 1:
            record["names"] = [{"until": until.isoformat() if until else None, **v} for until, v in versions]
        record.update(_named(record, start))


def name_epochs(epochs: list[dict[str, Any]], names: Any) -> list[dict[str, Any]]:
    """The epochs (`from`, `flags`) cut again on each day a council took a new name, each flag's
    message naming councils as on the epoch's first day."""
    spans = stretches(names)
    days = [until for until, _ in spans if until is not None]
    if not days:
        return epochs
    out: list[dict[str, Any]] = []
    said: dict[tuple[int, str], str] = {}  # the same message recurs over many epochs: renamed once a stretch

    def text(renamer: Any, message: str) -> str:
        key = (id(renamer), message)
        if key not in said:
            said[key] = renamer.text(message)
        return said[key]

    for i, ep in enumerate(epochs):
        first = ep["from"]
        then = epochs[i + 1]["from"] if i + 1 < len(epochs) else None
        starts = [first] + [d.isoformat() for d in days if first < d.isoformat() and (then is None or d.isoformat() < then)]
        for s in starts:
            # one renamer a stretch (every day of it names councils alike), so its messages are renamed once
            renamer = names(next((within for until, within in spans if until is None or s < until.isoformat()), None))
            out.append({**ep, "from": s, "flags": [{**f, "message": text(renamer, f["message"])} for f in ep["flags"]]})
    return out
