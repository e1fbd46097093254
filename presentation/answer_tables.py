"""How the answers to the policy questions look in a terminal: rich tables readable at 80 columns,
each row citing numbered sources listed underneath (the `who` answer's layout)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .render import fit_words, print_sources, source_numbers

POST_LABELS = {"dcs": "DCS", "lead_member": "Lead Member", "chief_executive": "Chief Executive", "dass": "DASS"}


def when(e: dict[str, Any]) -> str:
    """An interval as the sources give it: 2013–2014-10, or 2014-10– (last confirmed 2015-03) while
    it has no known end. A start taken from the earliest source is shown as a start (JSON says so)."""
    start, end = e.get("from"), e.get("to")
    if not start and not end:
        return ""
    s = f"{start or '?'}–{end or ''}"
    if e.get("to_basis") == "succeeded":
        s += " (succeeded)"
    if e.get("last_confirmed") and e["last_confirmed"] != start:  # a later source still reports it
        s += f" (last confirmed {e['last_confirmed']})"
    return s


def refs(sources: Sequence[dict[str, Any]]) -> str:
    """The numbers of the sources cited, each once (runs as ranges)."""
    return source_numbers(s["n"] for s in sources)


def _table(*columns: str, nowrap: tuple[str, ...] = ()) -> Table:
    """Columns fold to fit the terminal, except those named in `nowrap` (dates, numbers)."""
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold", no_wrap=c in nowrap)
    return t


def _title(con: Console, text: str) -> None:
    con.print(Text(text, style="bold"))


def _say(con: Console, text: Any) -> None:
    """Print a line as it is: brackets in quotes and names ("your DCS [director of ...]") are not
    markup. A table is first fitted so that no word or id is split across lines."""
    if isinstance(text, Table):
        text = fit_words(text, con.width)
    con.print(Text(text) if isinstance(text, str) else text)


def _row(t: Table, *cells: str) -> None:
    t.add_row(*(Text(c) for c in cells))


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# ---------------------------------------------------------------- history


def print_history(a: dict[str, Any], con: Console) -> None:
    post = a["post"]["name"] or f"{POST_LABELS.get(a['post']['kind'], a['post']['kind'])}, {a['council']['name']}"
    _title(con, f"{post}: holders {a['period']['text']}")
    line = f"{_plural(a['holders'], 'person', 'people')} held the post"
    if a["holders"]:
        line += f" ({a['substantive']} substantive or joint, {a['temporary']} interim or acting)"
    if a["declared"]:
        line += f"; {_plural(a['declared'], 'more person', 'more people')} declared they answered for it"
    _say(con, line + ".")
    if not a["holdings"]:
        _say(con, "No source names a holder of this post in this period.")
        return
    t = _table("Holder", "As", "From", "To", "Src", nowrap=("From", "Src"))
    for h in a["holdings"]:
        to = h.get("to") or ""
        if h.get("to_basis") == "succeeded":
            to += " (succeeded)"
        elif not h.get("to") and h.get("last_confirmed") and h["last_confirmed"] != h.get("from"):
            to = f"(last confirmed {h['last_confirmed']})"
        name = h["person"] + (" [disputed]" if h["status"] == "disputed" else "")
        _row(t, name, h["capacity"], h.get("from") or "?", to, refs(h["sources"]))
    _say(con, t)
    _print_disputes(a["holdings"], con)
    from .render import print_extracted

    print_extracted([s for h in a["holdings"] for s in h["sources"]], con)
    print_sources(a["sources"], con)


def _print_disputes(items: Sequence[dict[str, Any]], con: Console) -> None:
    disputed = [h for h in items if h.get("status") == "disputed"]
    if not disputed:
        return
    _title(con, "Disputed")
    for h in disputed:
        accounts = [f"[{s['n']}] {s['account']}" for s in h["sources"] if s.get("account")]
        _say(con, f"  {h['person']} ({h['capacity']}, {when(h)}): " + ("; ".join(accounts) or h.get("note") or "see sources"))


# ---------------------------------------------------------------- churn


def print_churn(a: dict[str, Any], con: Console) -> None:
    where = f" in {a['region']}" if a["region"] else ""
    _title(con, f"Councils{where} by number of {POST_LABELS.get(a['post'], a['post'])} holders, {a['period']['text']}")
    if not a["councils"]:
        _say(con, "No source names a holder of this post in this period.")
        return
    t = _table("#", "Council", "Holders", "Interim/acting", "Declared", "Src", nowrap=("#", "Src"))
    for c in a["councils"]:
        _row(t, str(c["rank"]), c["council"], str(c["holders"]), str(c["temporary"]), str(c["declared"]), refs(c["sources"]))
    _say(con, t)
    _say(con, "Holders: people appointed (substantive, joint, interim or acting); declared: people who said they answered for the post without appointment.")
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- gaps


def print_gaps(a: dict[str, Any], con: Console) -> None:
    where = f" in {a['region']}" if a["region"] else ""
    _title(con, f"Statutory posts{where} with no substantive holder on {a['on']}")
    counts = ", ".join(f"{n} {k}" for k, n in a["counts"].items() if n)
    _say(con, counts or "None: every post asked about has a substantive holder, or did not yet exist.")
    # Nationally most posts have no holder named by any source: a table lists the known gaps and
    # counts the unknown ones, unless they were asked for (JSON and CSV always list every gap).
    shown = a["gaps"] if "unknown" in a.get("kinds", []) else [g for g in a["gaps"] if g["gap"] != "unknown" or g.get("stale")]
    if shown:
        t = _table("Council", "Post", "Gap", "Who, since when", "Src", nowrap=("Gap", "Src"))
        for g in shown:
            _row(t, g["council"], POST_LABELS.get(g["post_kind"], g["post_kind"]), g["gap"], g["message"], refs(g["sources"]))
        _say(con, t)
    for w in a.get("warnings", []):
        _say(con, f"Warning: {w}")
    hidden = len(a["gaps"]) - len(shown)
    if hidden:
        _say(con, f"{hidden} post{'s' if hidden != 1 else ''} whose holder no source names {'are' if hidden != 1 else 'is'} not listed: add --gap unknown to list them.")
    if not shown:
        return
    from .render import print_extracted

    print_extracted([s for g in shown for s in g["sources"]], con)
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- joint roles


def print_joint_roles(a: dict[str, Any], con: Console) -> None:
    _title(con, f"People holding two statutory posts at once, {a['period']['text']}")
    if not a["roles"]:
        _say(con, "None found.")
        return
    t = _table("Person", "Posts", "Together", "Kind", "Src", nowrap=("Together", "Kind", "Src"))
    for r in a["roles"]:
        orgs = "\n".join(dict.fromkeys(p["organisation"] or "" for p in r["posts"]))
        posts = "\n".join(f"{POST_LABELS.get(p['post_kind'], p['post'])} ({p['capacity']})" for p in r["posts"])
        sources = [s for p in r["posts"] for s in p["sources"]]
        _row(t, f"{r['person']}\n{orgs}", posts, when(r), r["kind"], refs(sources))
    _say(con, t)
    _say(con, "joint: appointed to both posts; declared: said they answered for one of them without appointment.")
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- outsourced


def print_outsourced(a: dict[str, Any], con: Console) -> None:
    from ..queries.outsourced import chain_text

    where = f" by {a['council']['name']}" if a["council"] else (f" in {a['region']}" if a["region"] else "")
    _title(con, f"Services commissioned from providers{where} on {a['on']}")
    if not a["providers"]:
        _say(con, "None: no source says a council commissioned its children's services from a provider on this date.")
        return
    for p in a["providers"]:
        services = ", ".join(p["services"]) or "services"
        _say(con, Text(f"{p['council']} commissions {services} from {p['provider']}", style="bold")
                  + Text(f" (since {p.get('from') or '?'}) [{refs(p['sources'])}]"))
        if p["run_by"]:
            for h in p["run_by"]:
                _say(con, f"  run by: {h['person']}, {h['post']} ({h['capacity']}) [{refs(h['sources'])}]")
        else:
            _say(con, "  run by: no source names who runs it on this date")
        _say(con, f"  answers along: {chain_text(p)} [" + "; ".join(refs(x["sources"]) for x in p["lines"]) + "]")
        if p.get("retained"):
            _say(con, f"  the council keeps: {'; '.join(p['retained'])} [{refs(p['sources'])}]")
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- interventions


def print_interventions(a: dict[str, Any], con: Console) -> None:
    where = f" in {a['council']['name']}" if a["council"] else (f" in {a['region']}" if a["region"] else "")
    _title(con, f"Interventions{where}, {a['period']['text']}")
    if not a["interventions"]:
        _say(con, "None recorded.")
        return
    t = _table("When", "Council", "By", "Action", "Src", nowrap=("Src",))
    for x in a["interventions"]:
        by = x["by"] + (f"\n({', '.join(x['by_holders'])})" if x["by_holders"] else "")
        _row(t, when(x), x["council"], by, x["action_text"], refs(x["sources"]))
    _say(con, t)
    notes = [x for x in a["interventions"] if x.get("note")]
    if notes:
        _title(con, "Notes")
        for x in notes:
            _say(con, f"  {x['council']}, {x['action_text']} ({x.get('from') or '?'}): {x['note']}")
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- path


def print_path(a: dict[str, Any], con: Console) -> None:
    _title(con, f"From {a['a']['name']} to {a['b']['name']}, {a['period']['text']}")
    if not a["steps"]:
        _say(con, "No chain of relationships connects them" + (" using only those in force then." if a["period"]["on"] or a["period"]["from"] or a["period"]["to"] else "."))
        return
    _say(con, f"{_plural(a['length'], 'step')}:")
    t = _table("#", "Fact", "When", "Src", nowrap=("#", "Src"))
    for s in a["steps"]:
        span = when({**s, "from": s.get("valid_from"), "to": s.get("valid_to")})  # the fact's interval, not its ends
        _row(t, str(s["step"]), s["fact"] + (" [disputed]" if s["status"] == "disputed" else ""), span, refs(s["sources"]))
    _say(con, t)
    if a["alternatives"]:
        _say(con, f"{_plural(len(a['alternatives']), 'other chain')} of the same length (--format json lists them).")
    print_sources(a["sources"], con)


# ---------------------------------------------------------------- sources


def print_sources_for(a: dict[str, Any], con: Console) -> None:
    e = a["entity"]
    extra = f" and its {_plural(len(a['posts_included']), 'post')}" if a["posts_included"] else ""
    _title(con, f"Sources behind {e['name']} ({e['kind'].lower()}){extra}")
    _say(con, f"{_plural(len(a['sources']), 'source')}, {_plural(a['facts'], 'fact')}.")
    for s in a["sources"]:
        head = ", ".join(x for x in (s.get("title") or s["id"], s.get("publisher"), s.get("published")) if x)
        _say(con, Text(f"[{s['n']}] {head}", style="bold"))
        if s.get("url"):
            _say(con, f"    {s['url']}")
        for x in s["supports"]:
            span = when(x)
            line = f"    - {x['fact']}" + (f", {span}" if span else "")
            if x.get("status") == "disputed":
                line += " [disputed]"
            _say(con, line)
            if x.get("quote"):
                _say(con, f"      \"{x['quote']}\"")
            if x.get("account"):
                _say(con, f"      account: {x['account']}")


# ---------------------------------------------------------------- contested


def print_contested(a: dict[str, Any], con: Console) -> None:
    about = f" about {a['about']['name']}" if a["about"] else ""
    _title(con, f"Facts whose sources disagree{about}: {len(a['facts'])}")
    for f in a["facts"]:
        _say(con, Text(f["fact"], style="bold") + Text(f", {when(f)}" if when(f) else ""))
        if f.get("note"):
            _say(con, f"  note: {f['note']}")
        t = _table("Src", "Account", "Quote", nowrap=("Src",))
        for x in f["accounts"]:
            _row(t, f"[{x['n']}]", x.get("account") or "(reports it, takes no side)", f"\"{x['quote']}\"" if x.get("quote") else "")
        _say(con, t)
    print_sources(a["sources"], con)
