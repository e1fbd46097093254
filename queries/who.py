"""Who is accountable here? A council's chain on a date, each step sourced, and where it blurs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schema.model import STATUTORY_POST_KINDS
from . import registry
from .answers import SourceBook, active, as_date, find_council, interval_text

# Which holder of a post a chain names first when the sources give more than one.
CAPACITY_ORDER = ("substantive", "joint", "interim", "acting", "declared")


def who(store: Any, council: str, on: dt.date | str | None = None) -> dict[str, Any]:
    """The answer to `accountable who COUNCIL --on DATE`, as plain data (what --format json prints)."""
    on_date = as_date(registry.Param("on", "date", "today").convert(on if on is not None else None))
    assert on_date is not None
    c = find_council(store, council)
    at = on_date.isoformat()
    steps = registry.run(store, "who_is_accountable", {"council": c["id"], "at": at})
    book = SourceBook(store)
    flags: list[dict[str, Any]] = []

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
    # post_holdings and person_holdings give the rows holdings gives, found from each id (fast on a national graph)
    holdings = registry.run(store, "post_holdings", {"posts": post_ids}) if post_ids else []
    by_post: dict[str, list[dict[str, Any]]] = {}
    for h in holdings:
        by_post.setdefault(h["post_id"], []).append(h)
    holder_ids = sorted({h["person_id"] for h in holdings if active(h, on_date)})
    other = registry.run(store, "person_holdings", {"persons": holder_ids}) if holder_ids else []

    chain: list[dict[str, Any]] = []
    for provider in registry.run(store, "outsourced", {"at": at, "council": c["id"]}):
        refs = book.cite(provider["sources"], provider["quotes"])
        services = ", ".join(provider["services"] or []) or "services"
        chain.append({
            "depth": -1, "id": provider["provider_id"], "kind": "provider", "post": None,
            "organisation": provider["provider"], "holder": None, "capacity": "commissioned",
            "basis": provider["line_basis"] or "contract", "answers_to": [c["id"]], "sources": refs,
        })
        flags.append({
            "kind": "outsourced", "post": None,
            "message": f"{c['name']} commissions {services} from {provider['provider']}; the council remains accountable to the Secretary of State",
            "sources": refs,
        })

    for nid, node in sorted(nodes.items(), key=lambda kv: (kv[1]["depth"], kv[0])):
        entry = _entry(node, incoming.get(nid, []), by_post.get(nid, []), other, on_date, book, flags)
        chain.append(entry)

    for x in registry.run(store, "interventions", {"council": c["id"]}):
        if active(x, on_date):
            refs = book.cite(x["sources"], x["quotes"])
            flags.append({
                "kind": "under_intervention", "post": None,
                "message": f"{x['by']}: {x['action'].replace('_', ' ')} since {interval_text(x)['from']}"
                + (f" ({x['note']})" if x.get("note") else ""),
                "sources": refs,
            })

    sources = book.resolve()
    for e in chain:
        e["sources"] = book.fill(e["sources"])
    for f in flags:
        f["sources"] = book.fill(f.get("sources", []))
    return {
        "council": {"id": c["id"], "name": c["name"], "la_code": c.get("la_code"), "gss_code": c.get("gss_code"), "region": c.get("region")},
        "on": at,
        "chain": chain,
        "flags": flags,
        "sources": sources,
    }


def _entry(node: dict[str, Any], incoming: list[dict[str, Any]], holdings: list[dict[str, Any]],
           other: list[dict[str, Any]], on: dt.date, book: SourceBook, flags: list[dict[str, Any]]) -> dict[str, Any]:
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

    now = [h for h in holdings if active(h, on)]
    now.sort(key=lambda h: CAPACITY_ORDER.index(h["capacity"]) if h["capacity"] in CAPACITY_ORDER else 99)
    name = node["name"]
    if now:
        first = now[0]
        entry.update(holder=first["person"], holder_id=first["person_id"], capacity=first["capacity"], **interval_text(first))
        for h in now:
            refs = book.cite(h["sources"], h["quotes"], h["accounts"]) + refs
        if len(now) > 1:
            entry["also"] = [{"holder": h["person"], "capacity": h["capacity"], **interval_text(h)} for h in now[1:]]
            flags.append({
                "kind": "ambiguous", "post": node["id"],
                "message": f"{name}: the sources put {len(now)} holders in post on this date ("
                + "; ".join(f"{h['person']}, {h['capacity']}" for h in now)
                + "): their dates are known only to the month or year",
            })
        cap = first["capacity"]
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
        _joint_roles(node, now, other, on, flags)
        if cap == "declared":
            _contested_departure(holdings, on, flags)
    else:
        before = [h for h in holdings if h.get("valid_until") is not None and as_date(h["valid_until"]) <= on]  # type: ignore[operator]
        before.sort(key=lambda h: as_date(h["valid_until"]))  # type: ignore[arg-type,return-value]
        if before and before[-1].get("until_basis") == "stated":
            last = before[-1]
            refs = book.cite(last["sources"], last["quotes"], last["accounts"]) + refs
            flags.append({
                "kind": "vacant", "post": node["id"],
                "message": f"{name}: no holder known since {last['person']} left ({interval_text(last)['to']})",
            })
            _contested_departure(holdings, on, flags)
        else:
            flags.append({"kind": "unknown_holder", "post": node["id"], "message": f"{name}: no source names the holder on this date"})
    entry["sources"] = _unique(refs)
    return entry


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
