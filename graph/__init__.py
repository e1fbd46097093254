"""Stores: the embedded LadybugDB graph (default) and, for teams, a Neo4j server."""

from __future__ import annotations

import os
from pathlib import Path

from .store import CannotWrite, OtherModel, ReadOnlyViolation, Store, StoreError, WriteBatch

BACKENDS = ("ladybug", "neo4j")


def default_db_path() -> Path:
    """$ACCOUNTABLE_DB, else the per-user data directory ($XDG_DATA_HOME/accountable/graph.lbdb)."""
    if os.environ.get("ACCOUNTABLE_DB"):
        return Path(os.environ["ACCOUNTABLE_DB"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "accountable" / "graph.lbdb"


def open_store(backend: str | None = None, path: str | Path | None = None, read_only: bool = False) -> Store:
    backend = (backend or os.environ.get("ACCOUNTABLE_BACKEND") or "ladybug").lower()
    if backend in ("ladybug", "embedded"):
        from .ladybug_store import LadybugStore

        return LadybugStore(path or default_db_path(), read_only=read_only)
    if backend == "neo4j":
        try:
            from .neo4j_store import Neo4jStore
        except ImportError as e:  # until the Neo4j store lands
            raise StoreError(f"the neo4j backend is not available: {e}") from None
        return Neo4jStore.from_env()
    raise StoreError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "CannotWrite", "OtherModel", "ReadOnlyViolation", "Store", "StoreError", "WriteBatch", "default_db_path", "open_store"]
