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


class TargetConflict(StoreError):
    """A merge would replace records the target holds in another version (perhaps later corrections)."""


def _key(section: str, item: dict[str, Any]) -> tuple[str, ...]:
    if section == "nodes":
        return (item["label"], item["id"])
    return (item["type"], item["id"], item["from"], item["to"])


def conflicts(dump: dict[str, list[dict[str, Any]]], target_dump: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The records a merge would change in the target: same identity, other content."""
    mine, theirs = _canonical(dump), _canonical(target_dump)
    out = []
    for section in ("nodes", "relationships"):
        held = {_key(section, x): x for x in theirs[section]}
        for x in mine[section]:
            y = held.get(_key(section, x))
            if y is not None and y != x:
                diff = sorted(f for f in x if x.get(f) != y.get(f))
                out.append(f"{x.get('label') or x.get('type')} {x['id']!r} ({', '.join(diff)})")
    return out


def copy_dump(
    dump: dict[str, list[dict[str, Any]]], target: Store, mode: str = "empty", batch_size: int = 5000,
    force: bool = False,
) -> CopyReport:
    """Write a dumped graph to a store.

    mode "empty": the target must be empty (the safe default);
    "replace": the target becomes exactly the source, in one transaction;
    "merge": add what the target lacks; a record the target holds in another version (it may be a
    later correction, which an older export would undo) is refused unless `force`.
    Everything is checked before anything is written; should the copy still differ from its source
    once written, the target is put back as it was.
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
    before = target.dump()
    if mode == "merge" and not force:
        changed = conflicts(dump, before)
        if changed:
            shown = "; ".join(changed[:5]) + (f"; and {len(changed) - 5} more" if len(changed) > 5 else "")
            raise TargetConflict(
                f"the target holds other versions of {len(changed)} record(s) the source gives: {shown}. They may be later "
                "corrections, which this copy would undo: nothing was written. Give --force to overwrite them with the "
                "source's versions, or --replace to make the target an exact copy")
    batch = batch_from_dump(dump)
    rebuilt = {"nodes": [{"label": k, **row} for k, rows in batch.nodes.items() for row in rows],
               "relationships": [{"type": t, "from_label": a, "to_label": b, "from": row["from_id"], "to": row["to_id"], **row}
                                 for (t, a, b), rows in batch.rels.items() for row in rows]}
    if _canonical(rebuilt) != _canonical(dump):  # what would not survive the copy, found before writing
        raise StoreError("the source cannot be copied as it is: " + _first_difference(dump, rebuilt) + "; nothing was written")
    if mode == "replace":
        target.replace(batch, batch_size=batch_size)
    else:
        target.write(batch, batch_size=batch_size)
    after = target.dump()
    same = _canonical(after) == _canonical(dump)
    if mode != "merge" and not same:
        difference = _first_difference(dump, after)
        target.replace(batch_from_dump(before), batch_size=batch_size)  # put the target back as it was
        raise StoreError(f"the copy differed from its source once written ({difference}): the target was put back as it was")
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
