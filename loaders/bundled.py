"""What ships with the project and is loaded on first use: the bundled fact files (the articles,
the statutory frame) and the project's own derived facts (data/derived/*.jsonl: every council
with its lineage, the latest Ofsted judgements, the ministers), in one write."""

from __future__ import annotations

from pathlib import Path

from ..graph import Store
from . import facts
from .derive import derived_dir


def bundled_paths(without: tuple[str, ...] = ()) -> list[Path]:
    """The fact files every first use loads: data/facts/ then data/derived/ (but those named in `without`)."""
    derived = sorted(p for p in derived_dir().glob("*.jsonl") if p.stem not in without)
    return [facts.bundled_dir(), *derived]


def load_defaults(store: Store, without: tuple[str, ...] = ()) -> facts.LoadReport:
    """The bundled fact files and the derived facts: one write. `without`: derived files (by name) to leave out."""
    return facts.load(bundled_paths(without), store)
