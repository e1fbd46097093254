"""The one interface both stores offer; the rest of the code does not know which it talks to."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..schema.model import NODE_KINDS, REL_BY_NAME, REL_KINDS
from . import statements

RelKey = tuple[str, str, str]  # (type, from label, to label)


class StoreError(Exception):
    """A store problem a user can act on (busy, unreachable, refused); the message says what to do."""


class CannotWrite(StoreError):
    """The graph cannot be written here (a read-only file, folder or file system); it can still be read."""


class OtherModel(StoreError):
    """The graph was built by another version of the model (its tables lack columns, or have more):
    questions would fail on a missing property. The message says how to rebuild it."""


class ReadOnlyViolation(StoreError):
    """A question tried to write."""


@dataclass
class WriteBatch:
    """Rows to upsert, grouped by label and by (type, from label, to label)."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[RelKey, list[dict[str, Any]]] = field(default_factory=dict)
    # The caller will not read the rows again: a store may drop them as it writes them, to hold
    # less memory at once (the loader sets this for a million-row load).
    consumable: bool = False

    def add_node(self, label: str, row: dict[str, Any]) -> None:
        self.nodes.setdefault(label, []).append(row)

    def add_rel(self, key: RelKey, row: dict[str, Any]) -> None:
        self.rels.setdefault(key, []).append(row)

    @property
    def size(self) -> tuple[int, int]:
        return sum(map(len, self.nodes.values())), sum(map(len, self.rels.values()))


class Store(ABC):
    """A graph of sourced facts. Questions are read-only; writes are all-or-nothing batches."""

    name = "store"
    cast: statements.Cast = staticmethod(statements.neo4j_cast)
    # How many writes this store has made to its graph: what questions keep between answers
    # (queries/kept.py) is kept under it, so that the next question sees a write.
    generation: int = 0

    def kept_generation(self) -> int | None:
        """The write generation, where every change to the graph goes through this store; None
        where other clients may change it (a server), and questions then keep nothing."""
        return None

    # The rows of each table as last counted, with the generation they were counted at (see counts).
    _counted: tuple[int, dict[str, int]] | None = None

    def wrote(self) -> None:
        """Say that the graph may have changed: what questions kept from it is no longer used.
        A store calls it before a write and again once the write has ended, so that nothing read
        while the write ran is kept."""
        self.generation += 1
        self._counted = None

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a question in a read-only transaction; rows as dicts."""

    def columns(self, cypher: str, params: dict[str, Any] | None = None) -> dict[str, list[Any]]:
        """A question's answer by column (name -> values, in row order): for answers of a million
        rows, which a store may hand over without a dict per row."""
        rows = self.query(cypher, params)
        if not rows:
            return {}
        return {k: [r[k] for r in rows] for k in rows[0]}

    @abstractmethod
    def write(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        """Upsert every row of the batch in one transaction, then refresh derived ends."""

    def replace(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        """Make the graph exactly the batch: delete every node and relationship, then write, in one
        transaction (a failure leaves the graph as it was)."""
        raise NotImplementedError(f"{type(self).__name__} cannot replace its graph")

    def clear(self) -> None:
        """Delete every node and relationship (one transaction)."""
        self.replace(WriteBatch())

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create what the model needs (tables or constraints) if missing."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- shared helpers

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The kind (label) of each id already in the graph."""
        wanted = sorted(set(ids))
        found: dict[str, str] = {}
        if not wanted:
            return found
        for k in NODE_KINDS:
            for row in self.query(statements.ids_of(k.name), {"ids": wanted}):
                found[row["id"]] = k.name
        return found

    def counts(self) -> dict[str, int]:
        """The rows of every table. A store whose graph changes only through itself (kept_generation)
        counts once per generation: a load asks several times (whether to read the graph's hashes, which
        tables to read whole, which path to write by), and each count is a question per table, 30 of
        them, whatever the load's size (measured on a 1M-fact graph: 65 count questions, 0.3 s, in a
        load of 3,740 facts)."""
        generation = self.kept_generation()
        if generation is not None and self._counted is not None and self._counted[0] == generation:
            return dict(self._counted[1])
        out = {}
        for k in NODE_KINDS:
            out[k.name] = self.query(statements.count_nodes(k.name))[0]["n"]
        for r in REL_KINDS:
            out[r.name] = self.query(statements.count_rels(r.name))[0]["n"]
        if generation is not None:
            self._counted = (generation, dict(out))
        return out

    def is_empty(self) -> bool:
        return all(self.query(statements.count_nodes(k))[0]["n"] == 0 for k in ("Source", "Council"))

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every node and relationship, sorted: for exports, syncs and comparing graphs."""
        nodes: list[dict[str, Any]] = []
        rels: list[dict[str, Any]] = []
        for k in NODE_KINDS:
            for row in self.query(statements.dump_nodes(k.name)):
                nodes.append({"label": k.name, **_plain(row)})
        for r in REL_KINDS:
            for a, b, row in self.dump_rels(r.name):
                rels.append({"type": r.name, "from_label": a, "to_label": b, **_plain(row)})
        nodes.sort(key=lambda n: (n["label"], n["id"]))
        rels.sort(key=lambda x: (x["type"], x["id"], x["from"], x["to"]))
        return {"nodes": nodes, "relationships": rels}

    def dump_rels(self, rel_type: str) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """Every relationship of one type, with the labels of its ends: one question per pair of ends."""
        for a, b in REL_BY_NAME[rel_type].ends:
            for row in self.query(statements.dump_rels(rel_type, a, b)):
                yield a, b, row

    def fingerprint(self) -> str:
        """A hash of the whole graph, sorted: equal graphs, equal hashes."""
        text = json.dumps(self.dump(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if hasattr(v, "to_native"):
            v = v.to_native()
        if isinstance(v, (dt.date, dt.datetime)):
            v = v.isoformat()
        out[k] = v
    return out
