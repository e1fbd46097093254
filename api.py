"""The Python API: the questions the command line and the web app ask, for scripts and notebooks.

    import accountable

    with accountable.open() as g:                  # --db / --backend, or ACCOUNTABLE_DB / ACCOUNTABLE_BACKEND
        answer = g.who("somerset", on="2014-11-15")
        answer["chain"][0]["holder"]               # 'Patrick Flaherty'

Every method returns plain data (dicts, lists, strings, numbers, None), exactly what
`--format json` prints for the same question: dates are ISO text with the precision the
sources give ("2014-10" is a month). See docs/python-api.md.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


def jsonable(value: Any) -> Any:
    """An answer as `--format json` carries it: dates as ISO text, tuples as lists."""
    if hasattr(value, "to_native"):  # the Neo4j driver's dates
        value = value.to_native()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


class Graph:
    """An open graph and the questions it answers. Safe to share between threads (one question at a
    time); close it, or use it as a context manager."""

    def __init__(self, store: Any, owns_store: bool = True):
        self.store = store
        self._owns = owns_store
        self._lock = threading.RLock()
        self._names: list[dict[str, Any]] | None = None

    # ---- the questions

    def who(self, council: str, on: str | dt.date | None = None, stale_after: float | str | None = None) -> dict[str, Any]:
        """Who is accountable for a council's children's services on a date (default today), each step sourced."""
        from .queries.who import who

        return self._ask(lambda s: who(s, council, on, stale_after))

    def history(self, council: str, post: str = "dcs", from_: str | None = None, to: str | None = None) -> dict[str, Any]:
        """Every holder of a council's statutory post (dcs, lead_member, chief_executive, dass) over time."""
        from .queries import history as q

        q.check(council, post, from_, to)
        return self._ask(lambda s: q.history(s, council, post, from_, to))

    def changes(self, council: str | None = None, from_: str | None = None, to: str | None = None,
                region: str | None = None) -> dict[str, Any]:
        """What changed between two dates (to defaults to today): for one council, one region's or all."""
        from .queries import changes as q

        q.check(from_, to, region)
        return self._ask(lambda s: q.changes(s, council, from_, to, region))

    def person(self, name: str) -> dict[str, Any]:
        """Every post a person held, every other role, every source. A misspelt name raises NotFound
        whose `candidates` are the nearest names."""
        from .queries.person import person

        return self._ask(lambda s: person(s, name))

    def national(self, on: str | dt.date | None = None, region: str | None = None) -> dict[str, Any]:
        """Every council on a date: location, latest judgement, DCS, trusts and interventions; counts by region."""
        from .queries.national import national

        return self._ask(lambda s: national(s, on, region))

    def councils(self, region: str | None = None, judgement: str | None = None, on: str | dt.date | None = None,
                 stale_after: float | str | None = None) -> dict[str, Any]:
        from .queries.councils import councils

        return self._ask(lambda s: councils(s, region, judgement, on, stale_after))

    def inspections(self, council: str) -> dict[str, Any]:
        from .queries.councils import inspections

        return self._ask(lambda s: inspections(s, council))

    def interventions(self, council: str | None = None, from_: str | None = None, to: str | None = None,
                      region: str | None = None) -> dict[str, Any]:
        from .queries import interventions as q

        q.check(from_, to, region)
        return self._ask(lambda s: q.interventions(s, council, from_, to, region))

    def search(self, text: str, limit: int = 10) -> dict[str, Any]:
        """Councils, people, trusts and other bodies matching what was typed, best first; the nearest
        names (marked `near`) when nothing contains it."""
        from .queries.search import SEARCHED, search

        with self._lock:
            if self._names is None:
                from .queries import registry

                self._names = registry.run(self.store, "names", {"kinds": list(SEARCHED)})
            return jsonable(search(self.store, text, limit, names=self._names))

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Any question template by name (`accountable templates` lists them). A parameter that is a
        Python keyword takes a trailing underscore: `from_="2014"`."""
        from .queries import registry

        values = {k[:-1] if k.endswith("_") else k: v for k, v in params.items()}
        registry.get(name).bind(values)
        return self._ask(lambda s: registry.run(s, name, values))

    def templates(self) -> list[dict[str, Any]]:
        from .queries.registry import templates

        return [{"name": t.name, "description": t.description, "parameters": [p.describe() for p in t.params],
                 "returns": list(t.returns)} for t in templates().values()]

    # ---- the graph itself

    @property
    def backend(self) -> str:
        return str(getattr(self.store, "name", "ladybug"))

    def _ask(self, answer: Callable[[Any], Any]) -> Any:
        with self._lock:
            return jsonable(answer(self.store))

    def close(self) -> None:
        with self._lock:
            if self._owns and self.store is not None:
                self.store.close()
            self.store = None

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<accountable.Graph {self.backend}>"


def open(db: str | Path | None = None, backend: str | None = None, read_only: bool = False,
         autoload: bool = True) -> Graph:
    """Open the graph as the command line does: `db` (default $ACCOUNTABLE_DB, else the per-user
    graph), `backend` ("ladybug", the default, or "neo4j" configured by NEO4J_URI...; default
    $ACCOUNTABLE_BACKEND). An embedded graph another process holds is opened read-only; an empty
    one gets the bundled facts first (autoload), so a first question answers at once."""
    from .graph import StoreError, open_store

    try:
        store = open_store(backend, db, read_only=read_only)
    except StoreError as e:
        if read_only or "busy" not in str(e):
            raise
        store = open_store(backend, db, read_only=True)
    try:
        if autoload and not getattr(store, "read_only", False) and store.is_empty():
            from .loaders.bundled import load_defaults

            load_defaults(store)
    except BaseException:
        store.close()
        raise
    return Graph(store)
