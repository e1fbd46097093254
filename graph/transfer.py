"""Copying a whole graph from one store to another (embedded <-> Neo4j, or a JSON export in).

A copy reads the source with Store.dump() and writes it to the target with one
all-or-nothing transaction; nothing here knows which engines are at either end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..schema.model import NODE_KINDS, REL_KINDS, node_columns, rel_columns
from .store import Store, StoreError, WriteBatch

MODES = ("empty", "replace", "merge")


def batch_from_dump(dump: dict[str, list[dict[str, Any]]]) -> WriteBatch:
    """The rows that rebuild a dumped graph: Store.dump() (or a JSON export) -> WriteBatch.

    Only the model's columns are taken; extra keys (an export's evidence) are ignored.
    """
    batch = WriteBatch()
    for n in dump.get("nodes", []):
        label = n["label"]
        batch.add_node(label, {c.name: n.get(c.name) for c in node_columns(label)})
    for r in dump.get("relationships", []):
        row = {"from_id": r["from"], "to_id": r["to"]}
        row.update({c.name: r.get(c.name) for c in rel_columns(r["type"])})
        batch.add_rel((r["type"], r["from_label"], r["to_label"]), row)
    return batch


@dataclass
class CopyReport:
    nodes: int
    relationships: int
    mode: str
    identical: bool | None  # target equal to source afterwards (None when merging onto other data)
    fingerprint: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class TargetNotEmpty(StoreError):
    """The target already holds a graph and no mode says what to do with it."""


def copy_dump(
    dump: dict[str, list[dict[str, Any]]], target: Store, mode: str = "empty", batch_size: int = 5000
) -> CopyReport:
    """Write a dumped graph to a store.

    mode "empty": the target must be empty (the safe default);
    "replace": the target becomes exactly the source, in one transaction;
    "merge": upsert by id on top of what the target holds.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if mode == "empty" and not _empty(target):
        counts = target.counts()
        n = sum(counts[k.name] for k in NODE_KINDS)
        r = sum(counts[k.name] for k in REL_KINDS)
        raise TargetNotEmpty(
            f"the target graph is not empty ({n} nodes, {r} relationships): pass --replace to make it an exact "
            "copy of the source, or --merge to add and update by id on top of it"
        )
    batch = batch_from_dump(dump)
    if mode == "replace":
        target.replace(batch, batch_size=batch_size)
    else:
        target.write(batch, batch_size=batch_size)
    after = target.dump()
    same = _canonical(after) == _canonical(dump)
    if mode != "merge" and not same:
        raise StoreError(
            "the copy differs from its source after writing: "
            + _first_difference(dump, after)
        )
    return CopyReport(
        nodes=len(dump["nodes"]),
        relationships=len(dump["relationships"]),
        mode=mode,
        identical=True if same else None,
        fingerprint=target.fingerprint(),
    )


def copy_graph(source: Store, target: Store, mode: str = "empty", batch_size: int = 5000) -> CopyReport:
    """Copy every node and relationship of `source` into `target` (see copy_dump for the modes)."""
    return copy_dump(source.dump(), target, mode=mode, batch_size=batch_size)


def _empty(store: Store) -> bool:
    return all(v == 0 for v in store.counts().values())


def _canonical(dump: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    keep = ("nodes", "relationships")
    out = {}
    for k in keep:
        items = []
        for item in dump.get(k, []):
            if k == "nodes":
                cols = {c.name for c in node_columns(item["label"])} | {"label"}
            else:
                cols = {c.name for c in rel_columns(item["type"])} | {"type", "from_label", "to_label", "from", "to"}
            items.append({c: item.get(c) for c in sorted(cols)})
        items.sort(key=lambda x: (x.get("label") or x.get("type") or "", x.get("id") or "", x.get("from") or "", x.get("to") or ""))
        out[k] = items
    return out


def _first_difference(a: dict[str, Any], b: dict[str, Any]) -> str:
    ca, cb = _canonical(a), _canonical(b)
    for k in ("nodes", "relationships"):
        if len(ca[k]) != len(cb[k]):
            return f"{len(ca[k])} {k} in the source, {len(cb[k])} in the target"
        for x, y in zip(ca[k], cb[k]):
            if x != y:
                diff = sorted(f for f in x if x.get(f) != y.get(f))
                return f"{k[:-1] if k == 'nodes' else 'relationship'} {x.get('id')!r} differs in {', '.join(diff)}"
    return "no difference found"
