"""What ships with the project and is loaded on first use."""

from __future__ import annotations

from ..graph import Store
from . import facts


def load_defaults(store: Store) -> facts.LoadReport:
    """The bundled fact files (the five articles and the statutory frame)."""
    return facts.load([facts.bundled_dir()], store)
