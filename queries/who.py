"""Who is accountable here? A council's chain on a date, each step sourced, and where it blurs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schema.council_names import Renamer
from ..schema.model import STATUTORY_POST_KINDS
from . import kept, outsourced, registry
from .chain import walk
from .answers import (
    SourceBook,
    active,
    as_date,
    existed_on,
    find_council,
    future_warning,
    fuzzy,
    holder_text,
    in_force,
    interval_text,
    stale_after,
    staleness,
    text,
)

# Which holder of a post a chain names first when the sources give more than one.
CAPACITY_ORDER = ("substantive", "joint", "interim", "acting", "unknown", "declared")


def who(store: Any, council: str, on: dt.date | str | None = None, stale_years: Any = None) -> dict[str, Any]:
    """The answer to `accountable who COUNCIL --on DATE`, as plain data (what --format json prints).
    A holding or intervention no source has confirmed for longer than `stale_years` (default 2, or
    ACCOUNTABLE_STALE_AFTER) before the date is shown as last known, with a `stale` flag."""
    on_date = as_date(registry.Param("on", "date", "today").convert(on if on is not None else None))
    assert on_date is not None
    years = stale_after(stale_years)
    c = find_council(store, council, on_date)
    at = on_date.isoformat()
    book = SourceBook(store)
    flags: list[dict[str, Any]] = []
    ahead = future_warning(on_date)
    if ahead:
        flags.append(ahead)
    if not existed_on(c, on_date):
        return _not_existing(store, c, on_date, book, flags)
    steps = walk(store, c["id"], on_date)  # the rows of who_is_accountable
    if not steps:  # the DCS post did not exist on this date: from the post (or the council) that did
        steps = _chain_without_dcs(store, c, on_date, book, flags)

    nodes: dict[str, dict[str, Any]] = {}
    for s in steps:
        node = nodes.setdefault(s["id"], {**s, "ups": []})
        if s["up_to"]:
            node["ups"].append(s)
    incoming: dict[str, list[dict[str, Any]]] = {}
    for node in nodes.values():
        for up in node["ups"]:
            incoming.setdefault(up["up_to"], []).append(up)

    post_ids = [n for n, v in nodes.items() if v["kind"] == "Post"]
    # the children's minister beside each Secretary of State: their holdings come in the same question
    ministers = {nid: _minister_post(nid) for nid, v in nodes.items() if v.get("post_kind") == "secretary_of_state"}
    asked = post_ids + [m for m in dict.fromkeys(ministers.values()) if m not in post_ids]
    # the holdings of these posts and every other holding of their holders, in one question
    # (holders_holdings), kept: the ministers' holdings are read once
    by_post, by_person = _holdings(store, asked)
    chain_posts = set(post_ids)
    holder_ids = sorted({h["person_id"] for p in chain_posts for h in by_post[p] if active(h, on_date)})
    other = _ordered([h for p in holder_ids for h in by_person[p]])

    # Most councils have no provider and no intervention on record: one look says so, sparing the
    # two questions that would read every commissioning and direction to find none.
    has = registry.run(store, "council_arrangements", {"council": c["id"], "at": at})
    commissions = any(r["commissions"] for r in has)
    directed = any(r["directed"] for r in has)

    chain: list[dict[str, Any]] = []
    for provider in outsourced.commissions(store, {"at": at, "council": c["id"]}) if commissions else []:
        refs = book.cite(provider["sources"], provider["quotes"])
        services = ", ".join(provider["services"] or []) or "services"
        chain.append({
            "depth": -1, "id": provider["provider_id"], "kind": "provider", "post": None,
            "organisation": provider["provider"], "holder": None, "capacity": "commissioned",
            "basis": provider["line_basis"] or "contract", "answers_to": [c["id"]], "sources": refs,
        })
        flags.append(_outsourced_flag(c["name"], services, provider, refs, book))

    for nid, node in sorted(nodes.items(), key=lambda kv: (kv[1]["depth"], kv[0])):
        if node.get("post_kind") == "secretary_of_state":  # beside it, just below the top
            chain.append(_childrens_minister(by_post.get(ministers[nid], []), nid, node["depth"], on_date, book, flags))
        entry = _entry(node, incoming.get(nid, []), by_post.get(nid, []), other, on_date, book, flags, years)
        chain.append(entry)

    for x in registry.run(store, "interventions", {"council": c["id"]}) if directed else []:
        if active(x, on_date):
            refs = book.cite(x["sources"], x["quotes"])
            old = staleness(x, on_date, years)
            span = interval_text(x)
            since = f"since {span['from']}" if "from_basis" not in span else f"known since {span['from']} (no source dates its start)"
            flags.append({
                "kind": "under_intervention", "post": None,
                "message": f"{x['by']}: {x['action'].replace('_', ' ')} {since}"
                + (f" ({x['note']})" if x.get("note") else "") + (f"; {old['message']}" if old else ""),
                "sources": refs, **({"stale": old} if old else {}),
            })
            if old:
                flags.append({"kind": "stale", "post": None, "sources": refs, "last_confirmed": old["last_confirmed"],
                              "message": f"{x['by']}: {x['action'].replace('_', ' ')} {old['message']}"})

    sources = book.resolve()
    for e in chain:
        e["sources"] = book.fill(e["sources"])
        for h in [e, *(e.get("also") or []), *(e.get("possibly_begun") or [])]:
            if h.get("unnamed"):
                h["confirmed_by"] = book.confirmed_by(book.fill(h.pop("_refs", [])) or e["sources"])
                h["holder"] = holder_text({**h.pop("_row"), "confirmed_by": h["confirmed_by"]})
            h.pop("_refs", None)
            h.pop("_row", None)
    for f in flags:
        f["sources"] = book.fill(f.get("sources", []))
    # the council, and the posts named after it, as they were named on the date (the chain names
    # no other council, so its own names suffice: no question about every renamed council)
    names = Renamer({c.get("present_name") or c["name"]: c["name"]})
    if names:
        names.rows(chain, ("organisation", "post"))
        names.rows([a for e in chain for a in e.get("also") or []], ("organisation", "post"))
        names.rows(flags, ("message",))
    return {
        "council": _council(c),
        "on": at,
        "exists": True,
        "chain": chain,
        "flags": flags,
        "sources": sources,
        "stale_after": years,
    }


def _holdings(store: Any, posts: list[str]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """The rows post_holdings gives for each post, and person_holdings for each of their holders."""
    by_post: dict[str, list[dict[str, Any]]] = {p: [] for p in posts}
    by_person: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str | None]] = set()
    for rows in kept.by_id(store, "holders_holdings", "posts", posts, "via").values():
        for h in rows:
            h.pop("via")
            key = (h["id"], h["organisation"])  # a holding comes once for each of its holders' posts asked
            if key in seen:
                continue
            seen.add(key)
            by_person.setdefault(h["person_id"], []).append(h)
            if h["post_id"] in by_post:
                by_post[h["post_id"]].append(h)
    return {p: _ordered(hs) for p, hs in by_post.items()}, by_person


def _ordered(holdings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """In the holdings templates' order: by post, start (unknown last), holder."""
    return sorted(holdings, key=lambda h: (h["post_id"], h["valid_from"] is None, h["valid_from"] or dt.date.min, h["person"]))


def _council(c: dict[str, Any]) -> dict[str, Any]:
    return {"id": c["id"], "name": c["name"], "present_name": c.get("present_name") or c["name"],
            "la_code": c.get("la_code"), "gss_code": c.get("gss_code"), "region": c.get("region"),
            "established": text(fuzzy(c, "established")), "abolished": text(fuzzy(c, "abolished"))}


def _not_existing(store: Any, c: dict[str, Any], on: dt.date, book: SourceBook, flags: list[dict[str, Any]]) -> dict[str, Any]:
    """A council asked about on a date it did not exist: said so, with those before or after it."""
    established, abolished = as_date(c.get("established")), as_date(c.get("abolished"))
    before = established is not None and on < established
    rows = registry.run(store, "council_predecessors" if before else "council_successors", {"council": c["id"]})
    others = []
    for r in rows:
        refs = book.cite(r["sources"], r["quotes"])
        others.append({"id": r["id"], "name": r["name"], "from": text(fuzzy(r, "valid_from")), "note": r.get("note"),
                       "established": text(fuzzy(r, "established")), "abolished": text(fuzzy(r, "abolished")), "sources": refs})
    names = "; ".join(o["name"] + (f" ({o['note']})" if o.get("note") else "") for o in others)
    if before:
        message = f"{c['name']} did not exist on {on.isoformat()}: it began on {text(fuzzy(c, 'established'))}"
        message += f"; before it: {names}" if others else "; no council before it is recorded"
    else:
        message = f"{c['name']} no longer existed on {on.isoformat()}: it was abolished on {text(fuzzy(c, 'abolished'))}"
        message += f"; its successors: {names}" if others else "; no successor is recorded"
    flags.append({"kind": "not_existing", "post": None, "message": message,
                  "sources": [s for o in others for s in o["sources"]]})
    sources = book.resolve()
    for o in others:
        o["sources"] = book.fill(o["sources"])
    for f in flags:
        f["sources"] = book.fill(f.get("sources", []))
    return {
        "council": _council(c), "on": on.isoformat(), "exists": False,
        "predecessors" if before else "successors": others,
        "chain": [], "flags": flags, "sources": sources,
    }


def _chain_without_dcs(store: Any, c: dict[str, Any], on: dt.date, book: SourceBook,
                       flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Before the DCS post existed: each statutory post that did not exist is said so, and the chain
    starts at the chief executive (head of paid service) if that post existed, else at the council."""
    posts = registry.run(store, "council_posts", {"council": c["id"]})
    start = c["id"]
    for p in posts:
        if p["post_kind"] not in STATUTORY_POST_KINDS:
            continue
        if active(p, on):
            if p["post_kind"] == "chief_executive":
                start = p["post_id"]
            continue
        since = text(fuzzy(p, "valid_from"))
        refs = book.cite(p["sources"], p["quotes"])
        flags.append({
            "kind": "post_not_existing", "post": p["post_id"],
            "message": f"{p['post_name']}: the post did not exist on {on.isoformat()}"
            + (f" ({p['statutory_basis']}; it exists from {since})" if since else ""),
            "sources": refs,
        })
    return registry.run(store, "chain_from", {"start": start, "at": on.isoformat()})


def _minister_post(sos_id: str) -> str:
    """The children's minister's post in the department of a Secretary of State's post."""
    return f"{sos_id.split('/', 1)[0]}/childrens_minister"


def _childrens_minister(holdings: list[dict[str, Any]], sos_id: str, depth: int, on: dt.date, book: SourceBook,
                        flags: list[dict[str, Any]]) -> dict[str, Any]:
    """The children's minister of the department whose Secretary of State tops the chain: the
    holders on the date (two may serve at once; one on leave is named after the acting one), from
    the holdings of their post (post_holdings)."""
    post = _minister_post(sos_id)
    now = [h for h in holdings if active(h, on)]
    now.sort(key=lambda h: (_on_leave(h), CAPACITY_ORDER.index(h["capacity"]) if h["capacity"] in CAPACITY_ORDER else 99, h["person"]))
    entry: dict[str, Any] = {
        "depth": depth, "id": post, "kind": "post", "post": holdings[0]["post_name"] if holdings else "Children's minister",
        "post_kind": "minister", "organisation": holdings[0]["organisation"] if holdings else None,
        "holder": None, "holder_id": None, "capacity": None, "basis": "political", "answers_to": [sos_id], "sources": [],
    }
    if not now:
        flags.append({"kind": "no_childrens_minister", "post": post,
                      "message": "no children's minister is recorded on this date: no minister's post in the department was titled "
                                 "for children (Institute for Government, Ministers Database), and no source names a minister "
                                 "of a generic title as the children's minister"})
        return entry
    first = now[0]
    refs: list[dict[str, Any]] = []
    for h in now:
        refs += book.cite(h["sources"], h["quotes"], h["accounts"])
    entry.update(holder=first["person"], holder_id=first["person_id"], capacity=first["capacity"], note=first.get("note"),
                 **interval_text(first))
    if len(now) > 1:
        entry["also"] = [{"holder": h["person"], "capacity": h["capacity"], "note": h.get("note"), **interval_text(h)} for h in now[1:]]
    entry["sources"] = _unique(refs)
    return entry


def _on_leave(h: dict[str, Any]) -> bool:
    note = (h.get("note") or "").lower()
    return note.startswith("on ") and "leave" in note


def _outsourced_flag(council: str, services: str, provider: dict[str, Any], refs: list[dict[str, Any]],
                     book: SourceBook) -> dict[str, Any]:
    """A provider runs the services: where a source says the council keeps the statutory
    responsibility, the flag says so and cites it (the contract's own evidence); otherwise it
    says the council still answers to the Secretary of State and cites the statute for that."""
    retained = [r for r in provider.get("retained") or [] if r]
    if retained:
        return {
            "kind": "outsourced", "post": None, "retained": retained,
            "message": f"{council} commissions {services} from {provider['provider']}; "
                       f"the council keeps {'; '.join(retained)}, the sources say",
            "sources": refs,
        }
    statute = [s for up in provider.get("council_lines") or [] if up and up.get("id")
               for s in book.cite(up["sources"], up["quotes"])]
    return {
        "kind": "outsourced", "post": None,
        "message": f"{council} commissions {services} from {provider['provider']}; "
                   "the council remains accountable to the Secretary of State",
        "sources": refs + statute,
    }


def _entry(node: dict[str, Any], incoming: list[dict[str, Any]], holdings: list[dict[str, Any]],
           other: list[dict[str, Any]], on: dt.date, book: SourceBook, flags: list[dict[str, Any]],
           years: float = 2.0) -> dict[str, Any]:
    is_post = node["kind"] == "Post"
    refs: list[dict[str, Any]] = []
    lines = incoming or node["ups"]
    for line in lines:
        refs += book.cite(line["sources"], line["quotes"])
        if line.get("line_status") == "disputed":
            flags.append({"kind": "contested", "post": node["id"], "message": f"sources disagree about the line to {node['name']}"})
    basis = sorted({line["basis"] for line in incoming if line.get("basis")})
    entry: dict[str, Any] = {
        "depth": node["depth"], "id": node["id"], "kind": "post" if is_post else "organisation",
        "post": node["name"] if is_post else None, "post_kind": node.get("post_kind"),
        "organisation": node["organisation"] if is_post else node["name"],
        "holder": None, "holder_id": None, "capacity": None,
        "basis": ", ".join(basis) if basis else ("statute" if node["depth"] == 0 else None),
        "answers_to": [u["up_to"] for u in node["ups"]],
    }
    if not is_post:
        entry["sources"] = _unique(refs)
        return entry

    now, maybe = in_force(holdings, on)
    name = node["name"]
    for h in maybe:  # a start known only to the month or year of the day asked: not taken to have happened
        refs = book.cite(h["sources"], h["quotes"], h["accounts"], h) + refs
        entry.setdefault("possibly_begun", []).append(
            {"holder": h["person"], "capacity": h["capacity"], **interval_text(h), **_shown(h),
             "_refs": book.cite(h["sources"], h["quotes"], h["accounts"], h)})
        flags.append({
            "kind": "possibly_begun", "post": node["id"],
            "message": f"{name}: {h['person']} ({h['capacity']}) may not yet have begun on {on.isoformat()}: the "
                       f"sources date the start only to {text(fuzzy(h, 'valid_from'))}"
                       + (f"; {now[0]['person']} is shown as the holder until then" if now else ""),
        })
    old = {h["id"]: staleness(h, on, years) for h in now}
    # current holders first (a fact confirmed lately before one last confirmed long ago), then by capacity
    now.sort(key=lambda h: (old[h["id"]] is not None, CAPACITY_ORDER.index(h["capacity"]) if h["capacity"] in CAPACITY_ORDER else 99))
    if now:
        first = now[0]
        entry.update({"holder": first["person"], "holder_id": first["person_id"], "capacity": first["capacity"],
                      **interval_text(first), **_shown(first)})
        entry["_refs"] = book.cite(first["sources"], first["quotes"], first["accounts"], first)
        for h in now:
            refs = book.cite(h["sources"], h["quotes"], h["accounts"], h) + refs
        if old[first["id"]]:
            entry["stale"] = old[first["id"]]
            entry["last_known"] = True
            flags.append({"kind": "stale", "post": node["id"], "last_confirmed": old[first["id"]]["last_confirmed"],
                          "message": f"{name}: {first['person']} {old[first['id']]['message']}"})
        fresh = [h for h in now if not old[h["id"]]]
        named = [h for h in fresh if not h.get("unnamed")]
        if len(now) > 1:
            entry["also"] = [{"holder": h["person"], "capacity": h["capacity"], **interval_text(h), **_shown(h),
                              "_refs": book.cite(h["sources"], h["quotes"], h["accounts"], h),
                              **({"stale": old[h["id"]]} if old[h["id"]] else {})} for h in now[1:]]
        if len(fresh) > 1 and any(h.get("unnamed") for h in fresh) and len(named) <= 1 and len(fresh) - len(named) == 1:
            flags.append({
                "kind": "unjoined", "post": node["id"],
                "message": f"{name}: a holder the sources name and one a report does not name are both in post on this date; "
                           "no source says they are the same person, so both are shown",
            })
        elif len(fresh) > 1 and node.get("post_kind") not in ("minister", "secretary_of_state"):
            flags.append({
                "kind": "ambiguous", "post": node["id"],
                "message": f"{name}: the sources put {len(fresh)} holders in post on this date ("
                + "; ".join(f"{h['person']}, {h['capacity']}" for h in fresh)
                + "): their dates are known only to the month or year",
            })
        cap = first["capacity"] if not old[first["id"]] else None
        if cap in ("interim", "acting"):
            flags.append({"kind": cap, "post": node["id"], "message": f"{name}: {first['person']} holds the post as {cap}"})
        if cap == "declared":
            flags.append({"kind": "vacant", "post": node["id"], "message": f"{name}: no one is appointed to the post"})
            flags.append({
                "kind": "declared", "post": node["id"],
                "message": f"{name}: {first['person']} has declared they are accountable for it" + (f" ({first['note']})" if first.get("note") else ""),
            })
        for h in now:
            if h.get("status") == "disputed":
                flags.append(_contested(h))
        _joint_roles(node, fresh, other, on, flags)
        if cap == "declared":
            _contested_departure(holdings, on, flags)
    else:
        before = [h for h in holdings if h.get("valid_until") is not None and as_date(h["valid_until"]) <= on]  # type: ignore[operator]
        before.sort(key=lambda h: as_date(h["valid_until"]))  # type: ignore[arg-type,return-value]
        if before and before[-1].get("until_basis") == "stated":
            last = before[-1]
            refs = book.cite(last["sources"], last["quotes"], last["accounts"], last) + refs
            flags.append({
                "kind": "vacant", "post": node["id"],
                "message": f"{name}: no holder known since {last['person']} left ({interval_text(last)['to']})",
            })
            _contested_departure(holdings, on, flags)
        else:
            flags.append({"kind": "unknown_holder", "post": node["id"], "message": f"{name}: no source names the holder on this date"})
    entry["sources"] = _unique(refs)
    return entry


def _shown(h: dict[str, Any]) -> dict[str, Any]:
    """What an answer keeps of a holding to say who holds it: an unnamed holder is said by its post, start and confirmation."""
    if not h.get("unnamed"):
        return {}
    return {"unnamed": True, "_row": h}


def _unique(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One citation per source in an entry, quotes kept from the first."""
    seen: dict[str, dict[str, Any]] = {}
    for r in refs:
        seen.setdefault(r["id"], r)
    return sorted(seen.values(), key=lambda r: r["n"])


def _contested(h: dict[str, Any]) -> dict[str, Any]:
    accounts = [a for a in (h.get("accounts") or []) if a]
    return {
        "kind": "contested", "post": h["post_id"],
        "message": f"sources disagree about {h['person']} as {h['post_name']}: " + ("; ".join(accounts) if accounts else (h.get("note") or "see sources")),
    }


def _contested_departure(holdings: list[dict[str, Any]], on: dt.date, flags: list[dict[str, Any]]) -> None:
    """Why the post is empty may itself be in dispute: the last holder's leaving."""
    ended = [h for h in holdings if h.get("valid_until") is not None and as_date(h["valid_until"]) <= on]  # type: ignore[operator]
    if ended:
        last = max(ended, key=lambda h: as_date(h["valid_until"]))  # type: ignore[arg-type,return-value]
        if last.get("status") == "disputed" and not any(f["kind"] == "contested" and last["person"] in f["message"] for f in flags):
            flags.append(_contested(last))


def _joint_roles(node: dict[str, Any], now: list[dict[str, Any]], other: list[dict[str, Any]], on: dt.date, flags: list[dict[str, Any]]) -> None:
    for h in now:
        if h["capacity"] == "declared":
            continue
        for o in other:
            if (o["person_id"] == h["person_id"] and o["post_id"] != node["id"] and active(o, on)
                    and o.get("post_kind") in STATUTORY_POST_KINDS and o["capacity"] != "declared"
                    and node.get("post_kind") in STATUTORY_POST_KINDS):
                flags.append({
                    "kind": "joint_role", "post": node["id"],
                    "message": f"{h['person']} holds both {node['name']} and {o['post_name']}",
                })


# The columns of the CSV form of `who`: one row per step of the chain, its sources by id.
CSV_COLUMNS = (
    "on", "council_id", "council", "depth", "id", "kind", "post", "organisation", "holder_id", "holder", "capacity",
    "basis", "from", "to", "last_confirmed", "flags", "sources",
)


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    flags: dict[str, list[str]] = {}
    for f in answer.get("flags", []):
        flags.setdefault(f.get("post") or "", []).append(f["kind"])
    c = answer["council"]
    return [{"on": answer["on"], "council_id": c.get("id"), "council": c.get("name"),
             **{k: e.get(k) for k in CSV_COLUMNS[3:-2]},
             "flags": flags.get(e.get("id") or "", []), "sources": [s["id"] for s in e.get("sources", [])]}
            for e in answer["chain"]]
