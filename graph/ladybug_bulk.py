"""The embedded store's bulk path: the rows of a batch as Parquet files, `COPY FROM` into a
fresh database file beside the graph, and that file swapped in for the graph.

Why a fresh file and a swap, rather than COPY inside the graph's own transaction: on
LadybugDB 0.22, COPY does run inside a transaction, and a failed COPY into an *empty* table
rolls back cleanly; but a COPY into a table that already holds rows, once rolled back,
leaves the table's primary-key index out of step with its rows: the next MERGE writes a node
under another node's id, and the process later aborts (`malloc_consolidate(): invalid chunk
size`). Found while building this path; see CONTRIBUTING.md. So the bulk path never COPYs
into the graph itself. It builds the whole new graph in a new file (the rows already in the
graph are exported with `COPY (MATCH ...) TO` and merged with the batch, a batch row
replacing the stored row of the same id as MERGE would), checks it, and only then renames
it over the old file. Until that rename nothing the graph holds has changed; a failure at
any earlier step leaves the graph exactly as it was, and the work directory is removed.

Parquet rather than CSV: LadybugDB reads a list cell of a CSV file (`[a,b]`) keeping quote
marks inside elements and splitting at commas, so quotes such as `"Ann Example, interim DCS"`
would not survive; Parquet carries STRING[], DATE, INT64 and DOUBLE columns as they are.

Everything the engine is sent is built here from schema/model.py: table and column names
from the model, in the order the DDL gives them (COPY matches columns by position).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..schema.derive import ladybug_ddl
from ..schema.model import NODE_KINDS, REL_KINDS, Column, node_columns, rel_columns
from . import statements
from .store import RelKey, StoreError, WriteBatch

# ---------------------------------------------------------------- the statements


def _quoted_path(path: Path) -> str:
    text = str(path)
    if "'" in text or "\\" in text:
        raise ValueError(f"cannot name {text!r} in a COPY statement")
    return f"'{text}'"


def copy_nodes(label: str, path: Path) -> str:
    return f"COPY {label} FROM {_quoted_path(path)}"


def copy_rels(rel_type: str, from_label: str, to_label: str, path: Path) -> str:
    return f"COPY {rel_type} FROM {_quoted_path(path)} (from='{from_label}', to='{to_label}')"


def export_nodes(label: str, path: Path) -> str:
    cols = ", ".join(f"n.{c.name} AS `{c.name}`" for c in node_columns(label))
    return f"COPY (MATCH (n:{label}) RETURN {cols}) TO {_quoted_path(path)}"


def export_rels(rel_type: str, from_label: str, to_label: str, path: Path) -> str:
    cols = ", ".join(f"r.{c.name} AS `{c.name}`" for c in rel_columns(rel_type))
    return (
        f"COPY (MATCH (a:{from_label})-[r:{rel_type}]->(b:{to_label}) "
        f"RETURN a.id AS `from`, b.id AS `to`, {cols}) TO {_quoted_path(path)}"
    )


# ---------------------------------------------------------------- rows to Arrow


def _arrow_type(col: Column) -> Any:
    import pyarrow as pa

    return {"STRING": pa.string(), "STRING[]": pa.list_(pa.string()), "DATE": pa.date32(), "INT64": pa.int64(), "DOUBLE": pa.float64()}[col.type]


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str, Column]]) -> Any:
    """An Arrow table of the rows: (column, row key, model column) in file order. Arrow reads
    the dicts itself (as one struct array: twice as fast as a Python list per column); dates
    come as ISO text and are parsed by Arrow."""
    import pyarrow as pa

    def carried(col: Column) -> Any:
        return pa.string() if col.type == "DATE" else _arrow_type(col)

    structs = pa.array(rows, type=pa.struct([pa.field(key, carried(col)) for _, key, col in columns]))
    arrays = structs.flatten()
    arrays = [a.cast(pa.date32()) if col.type == "DATE" else a for a, (_, _, col) in zip(arrays, columns)]
    return pa.Table.from_arrays(arrays, names=[name for name, _, _ in columns])


def node_table(label: str, rows: list[dict[str, Any]]) -> Any:
    return _table(rows, [(c.name, c.name, c) for c in node_columns(label)])


def rel_table(rel_type: str, rows: list[dict[str, Any]]) -> Any:
    ends = [("from", "from_id", Column("from", "STRING")), ("to", "to_id", Column("to", "STRING"))]
    return _table(rows, ends + [(c.name, c.name, c) for c in rel_columns(rel_type)])


def _built(rows: Any, build: Any, name: str) -> Any:
    """A batch's table: built of its rows, or as it is when the loader gave it by columns
    (loaders/columnar.py builds the same table: same columns, same order, same types)."""
    if rows is None or len(rows) == 0:
        return None
    return rows if hasattr(rows, "schema") else build(name, rows)


def _without(existing: Any, new: Any, keys: Iterable[str]) -> Any:
    """The stored rows a batch does not replace: same id (and, for relationships, same ends)."""
    import pyarrow.compute as pc

    keys = list(keys)
    if len(keys) == 1:
        a, b = existing[keys[0]], new[keys[0]]
    else:
        a = pc.binary_join_element_wise(*[existing[k] for k in keys], "\x1f")
        b = pc.binary_join_element_wise(*[new[k] for k in keys], "\x1f")
    return existing.filter(pc.invert(pc.is_in(a, value_set=b)))


def _merged(existing: Any, new: Any | None, keys: Iterable[str]) -> Any:
    import pyarrow as pa

    if new is None:
        return existing
    if existing.num_rows == 0:
        return new
    return pa.concat_tables([_without(existing, new, keys).cast(new.schema), new])


# ---------------------------------------------------------------- the whole bulk write


class BulkWrite:
    """One bulk write of a batch into the graph at `path` (opened by `conn`): `run()` returns
    the path of the new database file; the store swaps it in."""

    def __init__(self, path: Path, conn: Any, batch: WriteBatch, has_rows: bool):
        self.path = path
        self.conn = conn
        self.batch = batch
        self.has_rows = has_rows
        self.work = _work_dir(path)

    def run(self) -> Path:
        import pyarrow.parquet as pq

        try:
            files: list[tuple[str, Path]] = []
            for k in NODE_KINDS:
                table = self._nodes(k.name)
                if table is not None and table.num_rows:
                    f = self.work / f"node-{k.name}.parquet"
                    pq.write_table(table, f, compression="none")
                    files.append((copy_nodes(k.name, f), f))
                del table
            for r in REL_KINDS:
                for a, b in r.ends:
                    table = self._rels((r.name, a, b))
                    if table is not None and table.num_rows:
                        f = self.work / f"rel-{r.name}-{a}-{b}.parquet"
                        pq.write_table(table, f, compression="none")
                        files.append((copy_rels(r.name, a, b, f), f))
                    del table
            _give_back_memory()
            return self._build(files)
        except BaseException:
            self.cleanup()
            raise

    def _rows(self, table: dict[Any, list[dict[str, Any]]], key: Any) -> list[dict[str, Any]] | None:
        """A table's rows; dropped from the batch as they are taken when the caller allows it."""
        return table.pop(key, None) if self.batch.consumable else table.get(key)

    def _nodes(self, label: str) -> Any:
        rows = self._rows(self.batch.nodes, label)
        new = _built(rows, node_table, label)
        del rows
        if not self.has_rows:
            return new
        return _merged(self._export(export_nodes, label), new, ["id"])

    def _rels(self, key: RelKey) -> Any:
        rows = self._rows(self.batch.rels, key)
        new = _built(rows, rel_table, key[0])
        del rows
        if not self.has_rows:
            return new
        return _merged(self._export(export_rels, *key), new, ["id", "from", "to"])

    def _export(self, statement: Any, *names: str) -> Any:
        import pyarrow.parquet as pq

        f = self.work / ("existing-" + "-".join(names) + ".parquet")
        self.conn.execute(statement(*names, f))
        table = pq.read_table(f)
        f.unlink()
        return table

    def _build(self, files: list[tuple[str, Path]]) -> Path:
        import ladybug

        target = self.work / "graph.lbdb"
        db = ladybug.Database(str(target))
        conn = ladybug.Connection(db)
        try:
            # No transaction: the new file is all or nothing by the rename that swaps it in, and
            # one transaction around a million rows costs twice the CPU and twice the memory
            # (measured on 1M facts: COPYs 12.9 s CPU and 0.86 GB without, 24.7 s and 1.5 GB with).
            for ddl in ladybug_ddl():
                conn.execute(ddl)
            for stmt, f in files:
                conn.execute(stmt)
                f.unlink()
            for stmt in statements.DERIVE:
                conn.execute(stmt)
        finally:
            conn.close()
            db.close()
        return target

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _give_back_memory() -> None:
    """Hand the memory the rows held back to the system before the engine takes its own: rows
    of more than 512 bytes live on the C heap, which keeps freed memory until asked (glibc's
    malloc_trim). Measured on 1M facts: the load's peak falls by the rows' size. Elsewhere a no-op."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:  # and Arrow's own pool, which keeps what the tables held (a load by columns builds them there)
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except (ImportError, AttributeError):
        pass


def _work_dir(path: Path) -> Path:
    """Beside the graph (the same file system, so the new file can be renamed into place)."""
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.bulk-", dir=path.parent))
    try:
        (work / "owner").write_text(str(os.getpid()))  # a folder whose process is gone is removed at the next open
        _quoted_path(work / "x.parquet")
    except ValueError:
        shutil.rmtree(work, ignore_errors=True)
        raise StoreError(f"the folder of {path} has a quote or backslash in its name; bulk loads need a plain path") from None
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work


def swap_in(new: Path, path: Path, work: Path) -> None:
    """Put the new database file where the graph is. The old file's write-ahead log, if closing
    left one, belongs to the old file: it is moved aside first, never replayed into the new one."""
    wal = Path(str(path) + ".wal")
    if wal.exists():
        os.replace(wal, work / "old.wal")
    new_wal = Path(str(new) + ".wal")
    os.replace(new, path)
    if new_wal.exists():
        os.replace(new_wal, wal)
