"""Finding any entity (person, post, council, body) by what a user types."""

from __future__ import annotations

from typing import Any

from . import registry
from .answers import LookupError_, best_match


def find_entity(store: Any, query: str) -> dict[str, Any]:
    """One entity by id, name, alias or code; exact matches beat partial ones."""
    q = query.strip()
    if not q:
        raise LookupError_("give the id or name of a person, post, council or other body")
    rows = registry.run(store, "find_entity", {"q": q})
    return best_match(rows, query, f"nothing matches {query!r}; try an id (somerset, somerset/dcs, peter-lewis) or a name",
                      "entities", lambda r: f"{r['name']} ({r['kind'].lower()}, {r['id']})")
