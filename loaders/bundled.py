"""What ships with the project and is loaded on first use: the bundled fact files (the articles,
the statutory frame) and the project's own derived facts (data/derived/*.jsonl: every council
with its lineage, the latest Ofsted judgements, the ministers), in one write."""

from __future__ import annotations

from pathlib import Path

from ..graph import Store
from . import facts
from .derive import derived_dir


def bundled_paths() -> list[Path]:
    """The fact files every first use loads: data/facts/ then data/derived/."""
    derived = sorted(derived_dir().glob("*.jsonl"))
    return [facts.bundled_dir(), *derived]


def load_defaults(store: Store) -> facts.LoadReport:
    """The bundled fact files and the derived facts: one write."""
    return facts.load(bundled_paths(), store)
