"""The embedded store: LadybugDB on disk, nothing else running."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..schema.derive import ladybug_ddl
from ..schema.model import NODE_KINDS, REL_KINDS, node_columns, rel_columns
from . import ladybug_recovery as recovery
from . import statements
from .guard import check_question
from .store import CannotWrite, OtherModel, ReadOnlyViolation, Store, StoreError, WriteBatch

# The bulk path (COPY FROM into a fresh file, swapped in) costs a fixed part (a new file, its
# tables) and then far less per row than MERGE; it also rewrites every row already stored. So
# it is taken for batches of at least BULK_MIN_ROWS rows that are empty-graph loads, or at least
# 1/BULK_SHARE of the rows stored. (Measured: see BENCHMARKS.md.)
BULK_MIN_ROWS = 5_000
BULK_SHARE = 4

# Questions run on one thread: they touch a few dozen rows, and handing a query's pipelines
# between threads costs more than it saves (measured on the 1M-fact graph, 2 shared cores:
# who_is_accountable p50 8.4 ms on one thread, 11.5 ms on the engine's default). Writes by
# MERGE, which touch every row of a batch and then every holding, use every core.
QUERY_THREADS = 1

# A statement given at least this many values (list items, each field of a row counted) is prepared
# for them rather than keyed in the engine's statement cache by their types (see _executed).
PREPARE_FROM = 5_000

# The engine's buffer pool is by default about 80% of the machine's memory, set up at every open and
# torn down at every close: on a 23 GB machine that was 35 ms of a 90 ms open of the bundled graph (CPU),
# and 15 ms of its close; with a pool of 1 to 4 GB the same graph opened in 45 ms. ACCOUNTABLE_BUFFER_POOL_MB
# caps it (the tests set it: they open thousands of small graphs); unset, the engine's default.
BUFFER_POOL_ENV = "ACCOUNTABLE_BUFFER_POOL_MB"

# Graph files whose tables were found to be the model's, by file version (see _file_version): opening
# the same version again skips the comparison (22 catalog calls, about 20 ms) and the DDL (15 ms).
_MODEL_CHECKED: set[tuple] = set()

_ONE_STATEMENT: set[str] = set()  # question texts holding a ';' that the engine found to be one statement
_READS: set[str] = set()  # question texts that passed the guard and ran in a read-only transaction


class LadybugStore(Store):
    name = "ladybug"
    cast = staticmethod(statements.ladybug_cast)

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path).expanduser()
        self.read_only = read_only
        # what this open brings into being (folders, the graph file), so that a write that is refused
        # can leave the file system as it found it: see discard_if_created
        self._new_folders: list[Path] = [] if read_only else _missing_folders(self.path.parent)
        self._new_file = not read_only and not self.path.exists()
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise CannotWrite(f"cannot create the folder of the graph at {self.path}: {e.strerror or e}") from None
            if not writable(self.path):
                raise CannotWrite(
                    f"the graph at {self.path} cannot be written here (its file or folder is read-only); questions still "
                    "answer from it. To change it, make the file and its folder writable, or give --db another place")
        elif not self.path.exists():
            raise StoreError(f"no graph at {self.path}: run `accountable load` first")
        self.notes: list[str] = []  # what opening it did that its user should know (a failed write rolled back)
        recovery.check_file(self.path)
        self._open()
        self._model_in_place = _file_version(self.path) in _MODEL_CHECKED
        self._raw = False  # whether text other than ours ran (execute_raw): it may have changed the tables
        try:
            self.check_model()  # before anything is written: an older graph is named, never altered
        except OtherModel:
            self._close_handles()
            raise
        if not read_only:
            recovery.clean_stale_work(self.path)
            recovery.discard_stale_marker(self.path)
        if not read_only:
            self.ensure_schema()

    def _open(self) -> None:
        import ladybug  # the embedded engine; imported here so that --help stays fast

        try:
            self._db = ladybug.Database(str(self.path), read_only=self.read_only, buffer_pool_size=_buffer_pool_size())
        except RuntimeError as e:
            message = str(e)
            # (a log cut short, as a full disk leaves it, is said either way)
            if ("WAL" in message and "corrupt" in message) or ("Reading past the end of the file" in message and ".wal" in message):
                note = recovery.discard_unfinished_write(self.path)
                if note is None:
                    raise StoreError(
                        f"the write-ahead log of the graph, {recovery.wal(self.path)}, is damaged, and no unfinished write "
                        "explains it. The graph file holds the graph as of its last checkpoint: to open it as of then, move "
                        "the log aside (what was written since is lost), or rebuild the graph") from None
                self.notes.append(note)
                return self._open()
            if not self.read_only and ("Read-only file system" in message or "Permission denied" in message):
                raise CannotWrite(f"the graph at {self.path} cannot be written here ({message}); questions still answer from it") from None
            if "lock" not in message.lower() and recovery.is_damage(message):
                raise recovery.damaged(self.path, message) from None
            raise StoreError(_explain_open_error(self.path, message)) from None
        self._conn = ladybug.Connection(self._db)
        self._conn.set_max_threads_for_exec(QUERY_THREADS)

    def check_model(self) -> None:
        """Compare the stored tables' columns with the model's, once, at opening. A graph built by
        another version of the model would fail later on the first missing property ("Cannot find
        property urn"): it is said here, with how to rebuild it. A new, empty file (no tables) passes.
        A file version already found to hold every table of the model is not read again."""
        if self._model_in_place:
            return
        stored = {r["name"] for r in self._rows("CALL show_tables() RETURN name", None)}
        if not stored:
            return
        lacking, extra = [], []
        for name, want in _model_tables():
            if name not in stored:
                lacking.append(f"no {name} table")
                continue
            # a table's name is a label from the model, never a value (table_info takes only a literal)
            have = [r["name"] for r in self._rows(f"CALL table_info('{name}') RETURN name", None)]
            missing = [c for c in want if c not in have]
            more = [c for c in have if c not in want]
            if missing:
                lacking.append(f"{name} lacks {', '.join(missing)}")
            if more:
                extra.append(f"{name} has {', '.join(more)}")
        if not lacking and not extra:
            self._model_in_place = True
            _MODEL_CHECKED.add(_file_version(self.path))
            return
        rebuild = ("rebuild it: move it aside (or delete it) and run `accountable load`, then load again any fact "
                   "files of your own (or give --db another place)")
        if lacking:
            raise OtherModel(f"the graph at {self.path} was built by an older version of accountable's model "
                             f"({_clip_list(lacking)}); {rebuild}")
        raise OtherModel(f"the graph at {self.path} was built by a newer version of accountable's model "
                         f"({_clip_list(extra)}): use that version, or {rebuild}")

    def ensure_schema(self) -> None:
        if self.read_only or self._model_in_place:
            return  # (every table of the model is there: the DDL, all IF NOT EXISTS, would do nothing)
        for ddl in ladybug_ddl():
            self._conn.execute(ddl)

    @contextmanager
    def _executed(self, cypher: str, params: dict[str, Any] | None) -> Iterator[Any]:
        """The result of a statement, closed after use. A statement given many values (ids to look up,
        rows to write) is prepared for exactly those values and run once: `execute(text, params)` walks
        every value in Python to key the engine's cache of prepared statements, on every call
        (measured: 3,740 holdings and appointments written onto a 1M-fact graph, over a second of CPU,
        more than planning them). It is never reused with other values, since the engine types whole
        numbers by the values it was prepared with. A question's few values keep that cache (a plan
        made once per text)."""
        params = params or {}
        prepared = None
        if _values(params) >= PREPARE_FROM:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # prepare() is kept, and says it is deprecated
                prepared = self._conn.prepare(cypher, params)
        try:
            if prepared is not None and not prepared.is_success():
                raise RuntimeError(prepared.get_error_message())
            result = self._conn.execute(prepared if prepared is not None else cypher, params)
            if isinstance(result, list):  # several statements: keep the last
                result = result[-1]
            try:
                yield result
            finally:
                result.close()
        finally:
            if prepared is not None:
                prepared.close()

    def _rows(self, cypher: str, params: dict[str, Any] | None) -> list[dict[str, Any]]:
        with self._executed(cypher, params) as result:
            return _dicts(result)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._read(cypher, params, self._rows)

    def columns(self, cypher: str, params: dict[str, Any] | None = None) -> dict[str, list[Any]]:
        """By column, through Arrow: a million rows without a Python dict each (measured: a third of
        the time of get_all)."""
        return self._read(cypher, params, self._columns)

    def _columns(self, cypher: str, params: dict[str, Any] | None) -> dict[str, list[Any]]:
        with self._executed(cypher, params) as result:
            table = result.get_as_arrow(0) if result.get_num_tuples() else None
            names = result.get_column_names()
        return {} if table is None else {name: table.column(name).to_pylist() for name in names}

    def _read(self, cypher: str, params: dict[str, Any] | None, fetch: Any) -> Any:
        if cypher in _READS:
            # A text the engine has already run in a read-only transaction only reads, whatever its
            # values (the engine decides from the text: a CREATE over an empty list is refused all
            # the same): it runs as its own statement, without the two more round trips that open
            # and close a transaction. The engine plans it once (its statement cache, by text).
            try:
                return fetch(cypher, params)
            except (RuntimeError, ValueError) as e:
                if recovery.is_damage(str(e)):
                    raise recovery.damaged(self.path, str(e)) from None
                raise
        check_question(cypher)
        self._one_statement(cypher)
        try:
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
        except RuntimeError as e:
            raise StoreError(f"cannot start a read transaction: {e}") from None
        try:
            rows = fetch(cypher, params)
        except (RuntimeError, ValueError) as e:
            self._rollback()
            msg = str(e)
            if "read-only" in msg or "read only" in msg.lower():
                raise ReadOnlyViolation("questions may not change the graph: this query tries to write") from None
            if recovery.is_damage(msg):
                raise recovery.damaged(self.path, msg) from None
            raise
        try:
            self._conn.execute("COMMIT")
        except RuntimeError:  # the text ended the read transaction itself
            self._rollback()
            raise ReadOnlyViolation("questions may not end the transaction they run in") from None
        if len(_READS) >= 512:
            _READS.clear()
        _READS.add(cypher)
        return rows

    def _one_statement(self, cypher: str) -> None:
        """The engine's own word on whether a text is one statement (the guard's count is a first look).
        Statements are separated by ';': a text without one is a single statement."""
        if ";" not in cypher or cypher in _ONE_STATEMENT:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # prepare() is kept, and says it is deprecated
            prepared = self._conn.prepare(cypher)
        try:
            if not prepared.is_success() and "multiple statements" in prepared.get_error_message():
                raise ReadOnlyViolation("a question is one statement: this text holds several (separated by ';')")
        finally:
            prepared.close()
        # The engine's verdict on a text does not change: remember the texts it found to be one
        # statement (templates with a ';' in a comment), since prepare() plans the query and costs
        # more than the query itself (measured: who_is_accountable 4 ms, 12 ms with prepare()).
        if len(_ONE_STATEMENT) >= 512:
            _ONE_STATEMENT.clear()
        _ONE_STATEMENT.add(cypher)

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # a failed statement already rolled the transaction back

    # ---------------------------------------------------------------- writing

    def write(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        """All or nothing. A batch into an empty graph, or a batch large beside the graph, goes by
        the bulk path (COPY FROM); any other by MERGE. Both leave the same graph."""
        self._write(batch, batch_size, clear=False)

    def replace(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        """The graph becomes exactly the batch, all or nothing: by the bulk path (a fresh file
        holding only the batch, swapped in) or by MERGE after deleting every node, in one transaction."""
        self._write(batch, batch_size, clear=True)

    def kept_generation(self) -> int | None:
        # An embedded graph changes only through its one writer (the engine's lock), and a
        # read-only open sees it as of its opening: this store's writes are every write it sees.
        return self.generation

    def _write(self, batch: WriteBatch, batch_size: int, clear: bool) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; another process may be writing to it")
        if not clear and sum(batch.size) == 0:
            return  # nothing new (a reload of what the graph holds): nothing to write or derive again
        if self.wants_bulk(batch, clear):
            self.write_bulk(batch, keep=not clear)
        else:
            self.write_merge(batch, batch_size, clear=clear)

    def wants_bulk(self, batch: WriteBatch, clear: bool = False) -> bool:
        rows = sum(batch.size)
        if rows < BULK_MIN_ROWS or any(ch in str(self.path) for ch in "'\\"):
            return False  # (COPY names its files in a quoted string: a path with a quote takes MERGE)
        if clear:
            return True  # what is stored is dropped, so the batch is the whole new graph
        stored = self.row_count()
        return stored == 0 or rows * BULK_SHARE >= stored

    def row_count(self) -> int:
        """Nodes and relationships in the graph (the counts of every table, as counts() gives them)."""
        return sum(self.counts().values())

    def write_merge(self, batch: WriteBatch, batch_size: int = 5000, clear: bool = False) -> None:
        """Upsert every row with UNWIND ... MERGE in one transaction, then refresh derived ends;
        with `clear`, every node (and so every relationship) is deleted first, in that transaction."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; another process may be writing to it")
        try:
            # The log holds nothing committed from here on, so that a write that fails part way can be
            # rolled back by discarding it (graph/ladybug_recovery.py).
            self._conn.execute("CHECKPOINT")
            recovery.begin_write(self.path)
        except (RuntimeError, OSError) as e:
            raise StoreError(recovery.io_failure(e, self.path, "write")) from None
        derive = statements.derive_for(batch.rels, whole=clear)
        self.wrote()
        self._conn.set_max_threads_for_exec(0)  # the database's limit: every core
        self._conn.execute("BEGIN TRANSACTION")
        try:
            if clear:
                for k in NODE_KINDS:
                    self._conn.execute(statements.delete_nodes(k.name))
            for label, rows in batch.nodes.items():
                stmt = statements.upsert_nodes(label, self.cast)
                rows = _complete(rows, [c.name for c in node_columns(label)])
                for i in range(0, len(rows), batch_size):
                    with self._executed(stmt, {"rows": rows[i : i + batch_size]}):
                        pass
            for (rel_type, a, b), rows in batch.rels.items():
                stmt = statements.upsert_rels(rel_type, a, b, self.cast)
                rows = _complete(rows, ["from_id", "to_id"] + [c.name for c in rel_columns(rel_type)])
                for i in range(0, len(rows), batch_size):
                    with self._executed(stmt, {"rows": rows[i : i + batch_size]}):
                        pass
            for stmt, params in derive:
                with self._executed(stmt, params):
                    pass
            self._conn.execute("COMMIT")
        except RuntimeError as e:
            self._rollback()
            if _io_error(str(e)):
                raise StoreError(recovery.io_failure(e, self.path, "write")) from None
            raise
        except BaseException:
            self._rollback()
            raise
        finally:
            self._conn.set_max_threads_for_exec(QUERY_THREADS)
            self.wrote()  # (and once more now it has ended, written or rolled back)
        recovery.end_write(self.path)

    def write_bulk(self, batch: WriteBatch, keep: bool = True) -> None:
        """Build the new graph (stored rows and batch; with `keep=False`, the batch alone) in a
        fresh file with COPY FROM, then swap it in (graph/ladybug_bulk.py says why). Until the
        swap, the graph is untouched."""
        from . import ladybug_bulk

        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; another process may be writing to it")
        self.wrote()
        try:
            job = ladybug_bulk.BulkWrite(self.path, self._conn, batch, has_rows=keep and self.row_count() > 0)
            new = job.run()  # on failure: work directory removed, graph untouched
        except (RuntimeError, OSError) as e:
            if isinstance(e, OSError) or _io_error(str(e)):
                raise StoreError(recovery.io_failure(e, self.path, "bulk write")) from None
            raise StoreError(f"the bulk write failed, so nothing was written (the graph is as it was): {e}") from e
        try:
            self._close_handles()
            ladybug_bulk.swap_in(new, self.path, job.work)
        finally:
            job.cleanup()
            self._open()
            self.wrote()  # (and once more now it has ended)

    def engine_connection(self) -> Any:
        """The engine's own connection questions run on (its settings included): for benchmarks
        that compare our API with the engine run raw."""
        return self._conn

    def dump_rels(self, rel_type: str):
        """One question per relationship type (measured on the bundled graph: 16 questions instead of 40,
        a third of the CPU; the fingerprint that bad input is checked by reads them all)."""
        for row in self.query(statements.ladybug_dump_rels(rel_type)):
            a, b = row.pop("from_label"), row.pop("to_label")
            yield a, b, row

    def execute_raw(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """For benchmarks and bulk paths: run text as it is, outside the read-only guard."""
        self.wrote()  # the text may write
        self._raw = True
        try:
            return self._rows(cypher, params)
        finally:
            self.wrote()

    def close(self) -> None:
        self._close_handles()
        # Closing rewrites the file (a checkpoint) even when nothing was written. What our own
        # writes leave holds the same tables, so the new version is known to be the model's too.
        if getattr(self, "_model_in_place", False) and not self._raw and self.path.exists():
            _MODEL_CHECKED.add(_file_version(self.path))

    def discard_if_created(self) -> bool:
        """After a refused write: if this open created the graph (its file, and any folders above it),
        close it and remove what it created, so the file system is as it was. A graph that was
        already there, or one that something has been written to, is left alone. True if removed."""
        if not self._new_file or not self.is_empty():
            return False
        self._close_handles()
        for f in self.path.parent.iterdir():  # the graph, its log and lock, anything named after it
            if f.name == self.path.name or f.name.startswith(self.path.name + "."):
                if f.is_dir():
                    import shutil

                    shutil.rmtree(f, ignore_errors=True)
                else:
                    f.unlink(missing_ok=True)
        for folder in reversed(self._new_folders):  # innermost first, and only while empty
            try:
                folder.rmdir()
            except OSError:
                break
        self._new_file = False
        return True

    def _close_handles(self) -> None:
        try:
            self._conn.close()
            self._db.close()
        except Exception:  # closing twice, or after a failed open
            pass


def _complete(rows: list[dict[str, Any]], names: list[str]) -> list[dict[str, Any]]:
    """Rows with every column of their table: a column a row leaves out is null, as Neo4j reads
    `row.x` of a map without x. (LadybugDB binds the rows as a list of structs and refuses `row.x`
    for a field they do not have: "Binder exception: Invalid struct field name: x".) Rows that are already complete are passed on as they are."""
    if all(len(r) >= len(names) and all(n in r for n in names) for r in rows):
        return rows
    return [r if all(n in r for n in names) else {**dict.fromkeys(names), **r} for r in rows]


def _model_tables() -> list[tuple[str, list[str]]]:
    """Every table of the model with its columns, as the DDL makes them."""
    return ([(k.name, [c.name for c in node_columns(k.name)]) for k in NODE_KINDS]
            + [(r.name, [c.name for c in rel_columns(r.name)]) for r in REL_KINDS])


def _buffer_pool_size() -> int:
    """Bytes for the engine's buffer pool: ACCOUNTABLE_BUFFER_POOL_MB, or 0 (the engine's default)."""
    value = os.environ.get(BUFFER_POOL_ENV, "").strip()
    return int(value) * 1024 * 1024 if value.isdigit() and int(value) > 0 else 0


def _file_version(path: Path) -> tuple:
    """The graph file and its log as they are now: any write changes a size or a modification time."""
    versions: list[Any] = [str(path.resolve())]
    for f in (path, Path(str(path) + ".wal")):
        try:
            st = f.stat()
            versions.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            versions.append(None)
    return tuple(versions)


def _clip_list(items: list[str], most: int = 3) -> str:
    return "; ".join(items[:most]) + (f"; and {len(items) - most} more" if len(items) > most else "")


def _missing_folders(folder: Path) -> list[Path]:
    """The folders above a graph that do not exist yet, outermost first."""
    missing: list[Path] = []
    for f in (folder, *folder.parents):
        if f.exists():
            break
        missing.append(f)
    return list(reversed(missing))


def _io_error(message: str) -> bool:
    return any(w in message for w in ("IO exception", "No space left", "Cannot write to file", "Input/output error",
                                      "checkpoint failed", "Permission denied", "Read-only file system"))


def writable(path: Path) -> bool:
    """Whether the graph at `path` can be written: its file (if any), the write-ahead log beside it
    and its folder (where the engine creates the log and the bulk path its new file)."""
    wal = Path(str(path) + ".wal")
    return (os.access(path.parent, os.W_OK | os.X_OK)
            and (not path.exists() or os.access(path, os.W_OK))
            and (not wal.exists() or os.access(wal, os.W_OK)))


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


def _values(params: dict[str, Any]) -> int:
    """About how many values the engine's Python side would walk to key a statement's parameters."""
    n = 0
    for v in params.values():
        if isinstance(v, list):
            n += len(v) * (len(v[0]) if v and isinstance(v[0], dict) else 1)
    return n


def _dicts(result: Any) -> list[dict[str, Any]]:
    """The rows of a result as dicts, read straight from the engine's result (its Python wrapper
    checks, for every row, that the result is still open: a question's rows are read at once)."""
    inner = getattr(result, "_query_result", None)
    if inner is None or not hasattr(inner, "getNext"):
        cols = result.get_column_names()
        return [dict(zip(cols, row)) for row in result.get_all()]
    cols = inner.getColumnNames()
    has_next, get_next = inner.hasNext, inner.getNext
    out = []
    while has_next():
        out.append(dict(zip(cols, get_next())))
    return out
