"""What changed between two dates: who arrived and left, arrangements that began or ended,
inspections published, interventions and trusts that began or ended, facts that came to be
disputed; for one council, one region's or all, each change sourced."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import registry
from .answers import LookupError_, SourceBook, find_council, fuzzy, interval_text, renamer_by_day, text
from .describe import ACTIONS, fact_text
from .periods import period

TEMPLATE = "changes"
COUNCIL_TEMPLATE = "council_changes"
# The columns of the CSV form: one row per change.
CSV_COLUMNS = ("date", "council_id", "council", "change", "what", "fact_id", "disputed", "sources", "quotes")

# What a change is called, by the kind of fact and how it moved.
CHANGE_WORDS = {
    "appointed": "appointed",
    "left": "left",
    "interim_began": "interim arrangement began",
    "interim_ended": "interim arrangement ended",
    "declared_began": "declared arrangement began",
    "declared_ended": "declared arrangement ended",
    "appointment": "appointment",
    "termination": "termination",
    "intervention_began": "intervention began",
    "intervention_ended": "intervention ended",
    "trust_began": "trust began",
    "trust_ended": "trust ended",
    "inspection_published": "inspection published",
    "contested": "newly contested",
}
TEMPORARY = ("interim", "acting")
GRADES = (("overall", "overall"), ("impact_of_leaders", "leaders"), ("help_and_protection", "help and protection"),
          ("in_care", "in care"), ("care_leavers", "care leavers"))


def check(start: Any, end: Any = None, region: str | None = None) -> dict[str, Any]:
    """The checked template parameters; a period needs its start (its end defaults to today)."""
    if start is None or not str(start).strip():
        raise registry.TemplateError("give the start of the period: --from YYYY, YYYY-MM or YYYY-MM-DD")
    p = period(start, end if end is not None else dt.date.today().isoformat())
    values = {"region": (region or "").strip(), **p.params()}
    bound = registry.get(TEMPLATE).bind(values)
    if bound["from"] >= bound["to"]:
        raise registry.TemplateError(f"--from {p.start} is after --to {p.end}")
    return values


def _post(r: dict[str, Any]) -> str:
    name, council = r["to_name"] or r["to_id"], r["council"]
    return name[: -len(council) - 2] if council and name.endswith(", " + council) else name


def _holding(r: dict[str, Any], began: bool) -> tuple[str, str]:
    cap, who, post = r["capacity"], r["from_name"], _post(r)
    if began:
        if cap in TEMPORARY:
            return "interim_began", f"{who} became {cap} {post}"
        if cap == "declared":
            return "declared_began", f"{who} declared they answer for the post of {post} (no one appointed)"
        return "appointed", f"{who} became {post}" + (f" ({cap})" if cap and cap != "substantive" else "")
    how = " (when the next holder started; no end is stated)" if r.get("until_basis") == "superseded" else ""
    if cap in TEMPORARY:
        return "interim_ended", f"{who}'s {cap} spell as {post} ended{how}"
    if cap == "declared":
        return "declared_ended", f"{who}'s declaration for the post of {post} ended{how}"
    return "left", f"{who} left the post of {post}{how}"


def _fact_change(r: dict[str, Any], began: bool) -> tuple[str, str]:
    kind = r["rel_kind"]
    if kind == "HOLDS":
        return _holding(r, began)
    if kind == "APPOINTS":
        role = f" as {r['role']}" if r.get("role") else ""
        if r.get("action") == "terminate":
            return "termination", f"{r['from_name']} ended the appointment of {r['to_name']}{role}"
        return "appointment", f"{r['from_name']} appointed {r['to_name']}{role}"
    if kind == "DIRECTS":
        action = ACTIONS.get(r.get("action") or "", (r.get("action") or "intervention").replace("_", " "))
        if began:
            return "intervention_began", f"{r['from_name']}: {action} ({r['council']})"
        return "intervention_ended", f"{r['from_name']}: {action} ended ({r['council']})"
    services = ", ".join(r.get("services") or []) or "services"
    if began:
        return "trust_began", f"{r['council']} began to commission {services} from {r['to_name']}"
    return "trust_ended", f"{r['council']} stopped commissioning {services} from {r['to_name']}"


def _in(day: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    return day is not None and lo <= day < hi


def _disputed_since(r: dict[str, Any], published: dict[str, dt.date | None]) -> tuple[dt.date | None, str | None]:
    """The day the sources came to disagree: the publication of the first source whose account differs
    from an earlier one's (without accounts: of the second source). None when a date is not known."""
    accounts = r.get("accounts") or []
    dated = []
    for i, sid in enumerate(r.get("sources") or []):
        day = published.get(sid)
        if day is None:
            return None, None
        dated.append((day, sid, accounts[i] if i < len(accounts) else ""))
    seen: set[str] = set()
    for i, (day, sid, account) in enumerate(sorted(dated)):
        seen.add(account or f"#{i}")
        if len(seen) > 1:
            return day, sid
    return None, None


def changes(store: Any, council: str | None = None, start: Any = None, end: Any = None,
            region: str | None = None) -> dict[str, Any]:
    """The answer to `accountable changes [COUNCIL] --from A --to B [--region R]`, as plain data."""
    values = check(start, end, region)
    c = find_council(store, council) if council else None
    if c:
        values["council"] = c["id"]
    bound = registry.get(TEMPLATE).bind(values)
    lo, hi = dt.date.fromisoformat(bound["from"]), dt.date.fromisoformat(bound["to"])
    # one council's changes are found from the council itself, not from every relationship of the graph
    rows = registry.run(store, COUNCIL_TEMPLATE if c else TEMPLATE, values)
    if region and not rows and not c:
        regions = sorted({r["region"] for r in registry.run(store, "councils", {}) if r["region"]})
        if region.strip().lower() not in {x.lower() for x in regions}:
            raise LookupError_(f"no region {region!r}; the regions are: {', '.join(regions)}")
    book = SourceBook(store)
    found: list[tuple[dt.date, dict[str, Any], list[Any]]] = []

    def add(day: dt.date, date_text: str | None, r: dict[str, Any], change: str, what: str, cite: list[dict[str, Any]], **extra: Any) -> None:
        cite = [x for i, x in enumerate(cite) if all(y["id"] != x["id"] for y in cite[:i])]  # each source once
        found.append((day, {"date": date_text, "council_id": r["council_id"], "council": r["council"], "change": change,
                            "change_text": CHANGE_WORDS[change], "what": what, **extra}, cite))

    disputed = [r for r in rows if r["status"] == "disputed"]
    dispute_sources = sorted({s for r in disputed for s in r["sources"] or []})
    published = {s["id"]: fuzzy(s, "published") for s in registry.run(store, "sources_by_id", {"ids": dispute_sources})} if dispute_sources else {}
    first_day = {k: (v.first if v else None) for k, v in published.items()}

    for r in rows:
        w = interval_text(r)
        start_day = fuzzy(r, "valid_from")
        ev = {"fact_id": r["id"], "disputed": r["status"] == "disputed"}
        refs = book.cite(r["sources"], r["quotes"], r["accounts"])
        if start_day and _in(start_day.first, lo, hi):
            change, what = _fact_change(r, True)
            add(start_day.first, w["from"], r, change, what, refs, **ev)
        until = r.get("valid_until")
        if r["rel_kind"] != "APPOINTS" and until is not None and r.get("until_basis") in ("stated", "superseded"):
            end_day = fuzzy(r, "valid_to")  # a stated end; else the day the next fact began
            day = end_day.first if end_day else until
            if _in(day, lo, hi):
                change, what = _fact_change(r, False)
                add(day, w.get("to") or until.isoformat(), r, change, what, refs, **ev)
        if r["status"] == "disputed":
            since, by = _disputed_since(r, first_day)
            if since and _in(since, lo, hi):
                fact = fact_text(r["rel_kind"], r["from_name"], r["to_name"], r)
                accounts = "; ".join(dict.fromkeys(a for a in (r["accounts"] or []) if a)) or r.get("note") or "see the sources"
                add(since, text(published.get(by)), r, "contested", f"sources now disagree: {fact} ({accounts})",
                    [x for x in refs if x["id"] == by] + [x for x in refs if x["id"] != by], **ev)

    for i in registry.run(store, "inspections_published", values):
        day = fuzzy(i, "published")
        grades = {k: i[k] for k, _ in GRADES if i.get(k)}
        shown = "; ".join(f"{label}: {i[k]}" for k, label in GRADES if i.get(k)) or "no grades given"
        what = f"Ofsted published {'an inspection' if not i.get('framework') else i['framework'] + ' inspection'} ({shown})"
        add(day.first if day else lo, text(day), i, "inspection_published", what, book.cite(i["sources"]),
            fact_id=i["id"], disputed=False, grades=grades, report_url=i.get("report_url"))

    found.sort(key=lambda x: (x[0], x[1]["council"] or "", x[1]["change"], x[1]["fact_id"] or ""))
    items = []
    names = renamer_by_day(store)  # each change names councils and posts as they were named on its day
    for day, item, refs in found:
        names(day).rows([item], ("council", "what"))
        item["sources"] = refs
        items.append(item)
    answer: dict[str, Any] = {
        "council": c and {"id": c["id"], "name": c["name"]},
        "region": values["region"] or None,
        "from": bound["from"], "to": (hi - dt.timedelta(days=1)).isoformat(),
        "period": {"from": str(start).strip(), "to": str(end).strip() if end is not None else None},
        "count": len(items),
        "counts": {k: sum(1 for x in items if x["change"] == k) for k in CHANGE_WORDS if any(x["change"] == k for x in items)},
        "changes": items,
    }
    answer["sources"] = book.resolve()
    for x in items:
        x["sources"] = book.fill(x["sources"])
    return answer


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per change (CSV)."""
    return [
        {"date": x["date"], "council_id": x["council_id"], "council": x["council"], "change": x["change_text"],
         "what": x["what"], "fact_id": x["fact_id"], "disputed": x["disputed"],
         "sources": [s["id"] for s in x["sources"]], "quotes": [s.get("quote", "") for s in x["sources"]]}
        for x in answer["changes"]
    ]
