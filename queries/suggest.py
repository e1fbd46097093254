"""The nearest names to one a user misspelt ("somerst" -> Somerset County Council), and regions checked
against those the graph holds, everywhere a region is asked for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import registry
from .lookup_error import LookupError_

CUTOFF = 70  # rapidfuzz's 0-100 score: below this a name is no longer a plausible misspelling
SHOWN = 3
NEAR = 8  # answers shown besides the best must score within this of it


def nearest(query: str, labels: Iterable[tuple[str, str]], limit: int = SHOWN) -> list[str]:
    """The best `limit` answers for a misspelt `query`: `labels` gives (text to match, what to show);
    each answer is shown once, best first."""
    from rapidfuzz import fuzz, process, utils

    pairs = [(text, shown) for text, shown in labels if text]
    if not query.strip() or not pairs:
        return []
    found = process.extract(query, [t for t, _ in pairs], scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit * 4, score_cutoff=CUTOFF)
    out: list[str] = []
    best = max((score for _, score, _ in found), default=0)
    for _, score, i in sorted(found, key=lambda f: (-f[1], f[2])):
        if score < best - NEAR:  # far behind the best guess: not what was meant
            break
        shown = pairs[i][1]
        if shown not in out:
            out.append(shown)
        if len(out) == limit:
            break
    return out


def did_you_mean(names: list[str]) -> str:
    return f"; did you mean {either(names)}?" if names else ""


def either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def council_suggestions(store: Any, query: str) -> list[str]:
    """Councils whose id, name or alias is nearest to a query that matched none: "Name (id)"."""
    labels: list[tuple[str, str]] = []
    for r in registry.run(store, "council_records"):
        shown = f"{r['name']} ({r['id']})"
        labels += [(r["id"], shown), (r["name"], shown)] + [(a, shown) for a in r["aliases"] or []]
    return nearest(query, labels)


def regions(store: Any) -> list[str]:
    return sorted({r["region"] for r in registry.run(store, "council_records") if r["region"]})


def check_region(store: Any, region: str | None) -> None:
    """A region the graph does not hold is refused (with the nearest names), never answered with nothing."""
    if not region or not region.strip():
        return
    known = regions(store)
    if region.strip().lower() in {r.lower() for r in known}:
        return
    close = nearest(region, [(r, repr(r)) for r in known])
    hint = f" (did you mean {either(close)}?)" if close else ""
    listed = f"; the regions are: {', '.join(known)}" if known else "; no council in the graph has a region yet (load the register)"
    raise LookupError_(f"no region {region.strip()!r}{hint}{listed}")
