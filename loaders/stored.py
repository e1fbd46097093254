"""What the graph already holds that a load merges with, read once per load through templates,
and read back as the fields of fact-file records; and `unique`, the order-keeping de-duplication
merges use.

The fact-file loader, the dataset loaders and the merge all need these; this module imports
none of them, so that they do not import each other in a circle.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..schema.dates import FuzzyDate
from ..schema.facts import ENTITY_MODELS
from ..schema.model import node_props


class Stored:
    """What the graph holds that a load merges with, read once per load (through templates)."""

    def __init__(self, store: Any | None):
        self.store = store

    @cached_property
    def empty(self) -> bool:
        return self.store is None or self.store.is_empty()

    def _run(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if self.empty:
            return []
        from ..queries import registry

        return registry.run(self.store, name, params or {})

    @cached_property
    def councils(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self._run("council_records")}

    @cached_property
    def inspections(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self._run("inspection_records")}

    def evidence(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self._run("evidence_of", {"ids": sorted(ids)})} if ids else {}


def stored_fields(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored node (as a `*_records` template returns it) as the fields of its record."""
    out: dict[str, Any] = {"kind": kind}
    for p in node_props(kind):
        if p.name not in row:
            continue
        if p.type == "date":
            out[p.name] = FuzzyDate.from_stored(row.get(p.name), row.get(p.name + "_precision"))
        elif p.type == "strings":
            out[p.name] = list(row.get(p.name) or [])
        else:
            out[p.name] = row.get(p.name)
    return out


def record_from_stored(kind: str, row: dict[str, Any]) -> Any:
    return ENTITY_MODELS[kind].model_validate({k: v for k, v in stored_fields(kind, row).items() if v not in (None, [])} | {"kind": kind})


def unique(items: list[str], key: Any = str.lower) -> list[str]:
    """Items in order, each once (compared by `key`)."""
    seen: set[Any] = set()
    out = []
    for x in items:
        k = key(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out
