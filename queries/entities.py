"""Finding any entity (person, post, council, body) by what a user types."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import LookupError_


def find_entity(store: Any, query: str) -> dict[str, Any]:
    """One entity by id, name, alias or code; exact matches beat partial ones."""
    q = query.strip()
    if not q:
        raise LookupError_("give the id or name of a person, post, council or other body")
    rows = registry.run(store, "find_entity", {"q": q})
    if not rows:
        raise LookupError_(f"nothing matches {query!r}; try an id (somerset, somerset/dcs, peter-lewis) or a name")
    best = rows[0]["rank"]
    top = [r for r in rows if r["rank"] == best]
    if len(top) > 1:
        shown = "; ".join(f"{r['name']} ({r['kind'].lower()}, {r['id']})" for r in top[:12])
        more = f" and {len(top) - 12} more" if len(top) > 12 else ""
        raise LookupError_(f"{query!r} matches {len(top)} entities: {shown}{more}. Give one of these ids.", top)
    return top[0]
