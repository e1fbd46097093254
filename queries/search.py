"""Finding things by what a user types: exact and partial matches first, then the nearest names
(rapidfuzz), for the search box's suggestions and for a misspelt name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import registry

SEARCHED = ("Council", "Person", "Trust", "Department", "Association", "Inspectorate")
CUTOFF = 72  # rapidfuzz WRatio (0-100) below which a name is not offered as "nearest"


def _names(store: Any, kinds: Sequence[str]) -> list[dict[str, Any]]:
    return registry.run(store, "names", {"kinds": list(kinds)})


def _keys(r: dict[str, Any]) -> list[str]:
    return [r["name"] or "", r["id"], *(r.get("aliases") or [])]


def nearest(store: Any, query: str, kinds: Sequence[str] = SEARCHED, limit: int = 5,
            names: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The entities whose name, alias or id is nearest to `query` (a misspelling, a word missing), best first."""
    from rapidfuzz import fuzz, process, utils

    rows = names if names is not None else _names(store, kinds)
    choices, owner = [], []
    for i, r in enumerate(rows):
        if r["kind"] in kinds:
            for k in _keys(r):
                if k:
                    choices.append(k)
                    owner.append(i)
    best: dict[int, float] = {}
    for _, score, j in process.extract(query, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                                       limit=limit * 4, score_cutoff=CUTOFF):
        i = owner[j]
        best[i] = max(best.get(i, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], rows[kv[0]]["name"] or ""))[:limit]
    return [{"id": rows[i]["id"], "kind": rows[i]["kind"], "name": rows[i]["name"], "region": rows[i].get("region"),
             "abolished": rows[i].get("abolished"), "score": round(s, 1)} for i, s in ranked]


def search(store: Any, query: str, limit: int = 10, kinds: Sequence[str] = SEARCHED,
           names: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Matches for a search box: ids, names and aliases that start with or contain what was typed,
    then the nearest names (marked `near`), at most `limit`. `exact`: the id, name or an alias is what was typed."""
    q = " ".join((query or "").split())
    if not q:
        return {"q": q, "results": []}
    rows = names if names is not None else _names(store, kinds)
    low = q.lower()
    found: list[tuple[int, str, dict[str, Any]]] = []
    for r in rows:
        if r["kind"] not in kinds:
            continue
        keys = [k.lower() for k in _keys(r) if k]
        if low in keys:
            rank = 0
        elif any(k.startswith(low) for k in keys):
            rank = 1
        elif any(f" {low}" in k or f"-{low}" in k for k in keys):
            rank = 2
        elif any(low in k for k in keys):
            rank = 3
        else:
            continue
        # a holder no source names (`<post>/unnamed-...`, from an Ofsted report) after every named match
        found.append((rank + (10 if "/unnamed-" in r["id"] else 0), r["name"] or r["id"], r))
    found.sort(key=lambda x: (x[0], x[1]))
    results = [{"id": r["id"], "kind": r["kind"], "name": r["name"], "region": r.get("region"), "abolished": r.get("abolished"),
                "near": False, "exact": rank == 0} for rank, _, r in found[:limit]]
    if not results and len(q) >= 3:  # nothing contains it: perhaps a misspelling
        results = [{**{k: n[k] for k in ("id", "kind", "name", "region", "abolished")}, "near": True, "exact": False}
                   for n in nearest(store, q, kinds, limit, names=rows)]
    return {"q": q, "results": results}
