"""Rows that questions keep between answers: what a template gives for one id (a post's lines and
holdings, a council's lines, a person's holdings, a source), kept under the store's write
generation, so that a write is seen by the next question. The national part of every chain (the
Secretaries of State, the children's ministers, the statutes cited) is then read once, not on
each answer. A store whose graph others may change (a server) keeps nothing."""

from __future__ import annotations

import weakref
from typing import Any

from . import registry

# Ids kept per store before all are dropped (a post's rows are a few kilobytes).
MOST = 20_000

_KEPT: "weakref.WeakKeyDictionary[Any, tuple[int, dict[tuple[str, str], list[dict[str, Any]]]]]" = weakref.WeakKeyDictionary()


def by_id(store: Any, template: str, param: str, ids: list[str], column: str) -> dict[str, list[dict[str, Any]]]:
    """The rows `template` gives for each of `ids` (passed as the list parameter `param`), grouped by
    `column`, in the template's order; an id it has no row for has none. Only ids not kept are asked."""
    wanted = list(dict.fromkeys(ids))
    generation = store.kept_generation()
    if generation is None:
        return _grouped(registry.run(store, template, {param: wanted}) if wanted else [], wanted, column)
    kept_at, rows = _KEPT.get(store, (None, {}))
    if kept_at != generation or len(rows) > MOST:
        rows = {}
        _KEPT[store] = (generation, rows)
    missing = [i for i in wanted if (template, i) not in rows]
    if missing:
        for i, found in _grouped(registry.run(store, template, {param: missing}), missing, column).items():
            rows[(template, i)] = found
    # copies: an answer may change the rows it is given
    return {i: [dict(r) for r in rows[(template, i)]] for i in wanted}


def _grouped(found: list[dict[str, Any]], ids: list[str], column: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for r in found:
        out.setdefault(r[column], []).append(r)
    return out
