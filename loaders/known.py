"""Lines the graph already holds exactly as given, recognised by their content hash alone.

Every node and relationship written from a fact-file line as given keeps that line's hash
(schema/content_hash.py). A reload reads the graph's hashes (and ids) once, and a JSON Lines
line whose hash the graph holds is not read into a model, compared, checked or written again:
the graph already holds its record as given, and every check it passed when it was written
still holds for it (the graph only grows, and a row that changes loses its hash). So a reload
costs what changed, plus one hash per line.

Three cases read every line again as before, so that nothing the user sees differs:
- an id such a line gives that another record of the load gives too (two versions in one load
  are reconciled with each other, with both places named): the lines of that id are read;
- any problem in the load: the whole load is checked again without the shortcut, so that every
  message names the places a full check names;
- a load with datasets, which merge with the records the files give.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..graph import Store, statements
from ..schema.content_hash import line_hash, salted
from ..schema.model import NODE_KINDS, REL_KINDS
from . import frame

# The shortcut reads every hash the graph holds: worth it when the load gives at least
# 1/WORTH as many lines as the graph holds rows (a small load of new facts reads its few lines).
WORTH = 8
BYTES_PER_LINE = 256  # a fact-file line, roughly: to guess a file's lines from its size


@cache
def hash_base() -> Any:
    """The hash every line's starts from: the model, and the frame a council's line brings along."""
    ents, rels = frame.frame_for("x", "X")
    return salted(repr((ents, rels)))


def hash_of(line: str) -> str:
    return line_hash(line, hash_base())


Key = tuple[str, str]  # (section, id)


def graph_hashes(store: Store) -> dict[str, Key]:
    """Every content hash the graph holds, with the record (section, id) that keeps it."""
    out: dict[str, Key] = {}
    asked = [("sources" if k.name == "Source" else "entities", statements.node_hashes(k.name)) for k in NODE_KINDS]
    asked += [("relationships", statements.rel_hashes(r.name)) for r in REL_KINDS]
    for section, cypher in asked:
        got = store.columns(cypher)
        if got:
            out.update(zip(got["hash"], zip([section] * len(got["id"]), got["id"])))
    return out


def worth_reading(paths: Sequence[str | Path], store: Store | None, files: list[Path]) -> bool:
    """Whether the load is large enough beside the graph for the graph's hashes to be read."""
    if store is None:
        return False
    size = 0
    for f in files:
        if f.suffix.lower() == ".jsonl":
            try:
                size += os.stat(f).st_size
            except OSError:
                pass
    if not size:
        return False
    rows = sum(store.counts().values())
    return rows > 0 and (size // BYTES_PER_LINE) * WORTH >= rows


def given_again(bundle: Any) -> set[Key]:
    """Records a skipped line gives that the load also gives otherwise: read them all."""
    return {key for key in bundle.skipped if key[1] in getattr(bundle, key[0])}


def held_as_given(bundle: Any, store: Store) -> set[Key]:
    """Records of a load (read in full, as the command line reads files before it opens the graph)
    whose line's hash the graph keeps for that record: unchanged, known without reading their rows.
    Read only when the load is large beside the graph, as for `worth_reading`."""
    hashed = [(section, rid, record.row.get("content_hash")) for section in ("sources", "entities", "relationships")
              for rid, (record, _) in getattr(bundle, section).items() if getattr(record, "row", None) is not None]
    hashed = [x for x in hashed if x[2]]
    if not hashed:
        return set()
    rows = sum(store.counts().values())
    if not rows or len(hashed) * WORTH < rows:
        return set()
    graph = graph_hashes(store)
    return {(section, rid) for section, rid, h in hashed if graph.get(h) == (section, rid)}
