"""The embedded store: LadybugDB on disk, nothing else running."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from ..schema.derive import ladybug_ddl
from ..schema.model import NODE_KINDS
from . import statements
from .guard import check_question
from .store import ReadOnlyViolation, Store, StoreError, WriteBatch


class LadybugStore(Store):
    name = "ladybug"
    cast = staticmethod(statements.ladybug_cast)

    def __init__(self, path: str | Path, read_only: bool = False):
        import ladybug  # the embedded engine; imported here so that --help stays fast

        self.path = Path(path).expanduser()
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"no graph at {self.path}: run `accountable load` first")
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
        except RuntimeError as e:
            raise StoreError(_explain_open_error(self.path, str(e))) from None
        self._conn = ladybug.Connection(self._db)
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        if self.read_only:
            return
        for ddl in ladybug_ddl():
            self._conn.execute(ddl)

    def _rows(self, cypher: str, params: dict[str, Any] | None) -> list[dict[str, Any]]:
        result = self._conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: keep the last
            result = result[-1]
        cols = result.get_column_names()
        out = [dict(zip(cols, row)) for row in result.get_all()]
        result.close()
        return out

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        check_question(cypher)
        self._one_statement(cypher)
        try:
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
        except RuntimeError as e:
            raise StoreError(f"cannot start a read transaction: {e}") from None
        try:
            rows = self._rows(cypher, params)
        except RuntimeError as e:
            self._rollback()
            msg = str(e)
            if "read-only" in msg or "read only" in msg.lower():
                raise ReadOnlyViolation("questions may not change the graph: this query tries to write") from None
            raise
        try:
            self._conn.execute("COMMIT")
        except RuntimeError:  # the text ended the read transaction itself
            self._rollback()
            raise ReadOnlyViolation("questions may not end the transaction they run in") from None
        return rows

    def _one_statement(self, cypher: str) -> None:
        """The engine's own word on whether a text is one statement (the guard's count is a first look).
        Statements are separated by ';': a text without one is a single statement."""
        if ";" not in cypher:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # prepare() is kept, and says it is deprecated
            prepared = self._conn.prepare(cypher)
        try:
            if not prepared.is_success() and "multiple statements" in prepared.get_error_message():
                raise ReadOnlyViolation("a question is one statement: this text holds several (separated by ';')")
        finally:
            prepared.close()

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # a failed statement already rolled the transaction back

    def write(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        self._write(batch, batch_size, clear=False)

    def replace(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        self._write(batch, batch_size, clear=True)

    def _write(self, batch: WriteBatch, batch_size: int, clear: bool) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; another process may be writing to it")
        self._conn.execute("BEGIN TRANSACTION")
        try:
            if clear:
                for k in NODE_KINDS:
                    self._conn.execute(statements.delete_nodes(k.name))
            for label, rows in batch.nodes.items():
                stmt = statements.upsert_nodes(label, self.cast)
                for i in range(0, len(rows), batch_size):
                    self._conn.execute(stmt, {"rows": rows[i : i + batch_size]})
            for (rel_type, a, b), rows in batch.rels.items():
                stmt = statements.upsert_rels(rel_type, a, b, self.cast)
                for i in range(0, len(rows), batch_size):
                    self._conn.execute(stmt, {"rows": rows[i : i + batch_size]})
            for stmt in statements.DERIVE:
                self._conn.execute(stmt)
            self._conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def execute_raw(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """For benchmarks and bulk paths: run text as it is, outside the read-only guard."""
        return self._rows(cypher, params)

    def close(self) -> None:
        try:
            self._conn.close()
            self._db.close()
        except Exception:  # closing twice, or after a failed open
            pass


def _explain_open_error(path: Path, message: str) -> str:
    m = re.search(r"Lock is held by PID (\d+)", message) or re.search(r"PID (\d+)", message)
    if "lock" in message.lower():
        who = f" (process {m.group(1)})" if m else ""
        return (
            f"database busy: another process{who} is writing to {path}; retry when it has finished"
        )
    if "checkpoint" in message.lower() and "read-only" in message.lower():
        # A reader that found the file locked opened it read-only just as the writer was checkpointing.
        return (
            f"database busy: the process writing to {path} is finishing its write; retry in a moment "
            "(if no other process is using it, any command that opens it for writing completes the recovery)"
        )
    return f"cannot open the graph at {path}: {message}"
