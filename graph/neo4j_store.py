"""The team store: the same graph on a Neo4j 5 server, behind the same interface.

Configured only from the environment (no password in code or files we ship):

    NEO4J_URI       bolt://localhost:7687 (or neo4j://, bolt+s://, neo4j+s:// for clusters and Aura)
    NEO4J_USER      default neo4j
    NEO4J_PASSWORD  the password; unset means "no authentication"
    NEO4J_DATABASE  default: the server's default database
    NEO4J_TIMEOUT   seconds to wait for the server before giving up (default 5)

Questions run in read transactions (`execute_read`, routed to readers in a
cluster); a write is one explicit transaction: every batch of every label and
type, then the derived ends, then COMMIT. If anything fails before the commit
the server discards the transaction, so a load is all or nothing. Schema
commands (constraints, indexes) cannot share a transaction with data in Neo4j:
they are applied, when missing, just before the data transaction.

The driver is imported here only; this module is imported only when the neo4j
backend is chosen, so `accountable --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..schema.derive import neo4j_schema
from ..schema.model import NODE_BY_NAME, NODE_KINDS, REL_BY_NAME, node_columns, rel_columns
from . import statements
from .guard import check_question
from .store import ReadOnlyViolation, Store, StoreError, WriteBatch

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_TIMEOUT = 5.0
HINT = "see docs/neo4j.md (`docker compose up -d` starts one)"

# What the store sends besides the schema, the write statements and the questions.
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name"
SHOW_INDEXES = "SHOW INDEXES YIELD name RETURN name"
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"
COMPONENTS = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
ADMIN_STATEMENTS = (SHOW_CONSTRAINTS, SHOW_INDEXES, AWAIT_INDEXES, COMPONENTS)

_DDL_NAME = re.compile(r"^CREATE (?:CONSTRAINT|INDEX) (\w+) ")


def schema_names() -> dict[str, str]:
    """{name: statement} of every constraint and index schema/derive.neo4j_schema() asks for."""
    out = {}
    for stmt in neo4j_schema():
        m = _DDL_NAME.match(stmt)
        if not m:  # a statement without a name could never be recognised as present
            raise ValueError(f"unnamed schema statement: {stmt}")
        out[m.group(1)] = stmt
    return out


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Neo4jSettings":
        env = dict(os.environ if env is None else env)
        uri = (env.get("NEO4J_URI") or "").strip()
        if not uri:
            raise StoreError(f"NEO4J_URI is not set: say where the server is, e.g. bolt://localhost:7687; {HINT}")
        scheme = urlsplit(uri).scheme.lower()
        if scheme not in SCHEMES or not urlsplit(uri).hostname:
            raise StoreError(
                f"NEO4J_URI {uri!r} is not a Neo4j address: write {', '.join(s + '://HOST:7687' for s in SCHEMES[:1])} "
                f"(or one of the schemes {', '.join(SCHEMES[1:])})"
            )
        raw_timeout = env.get("NEO4J_TIMEOUT") or str(DEFAULT_TIMEOUT)
        try:
            timeout = float(raw_timeout)
            if not 0 < timeout <= 600:
                raise ValueError
        except ValueError:
            raise StoreError(f"NEO4J_TIMEOUT {raw_timeout!r}: give a number of seconds between 0 and 600") from None
        return cls(
            uri=uri,
            user=env.get("NEO4J_USER") or "neo4j",
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or None,
            timeout=timeout,
        )

    @property
    def where(self) -> str:
        return f"{self.uri} (database {self.database or 'default'})"


# ---------------------------------------------------------------- values


def to_plain(value: Any, _label_hint: str | None = None) -> Any:
    """A value from the driver as the embedded store returns it: neo4j.time.Date -> datetime.date,
    DateTime -> datetime.datetime, lists as lists, nodes/relationships/paths as LadybugDB shapes them
    (dicts with _ID/_LABEL and every column of the kind, absent ones as None)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    from neo4j import time as ntime
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, (ntime.Date, ntime.DateTime, ntime.Time)):
        try:
            return value.to_native()
        except (ValueError, OverflowError):  # outside Python's range (year 0, ZeroDate)
            return value.iso_format()
    if isinstance(value, ntime.Duration):
        if value.months == 0:
            return dt.timedelta(days=value.days, seconds=value.seconds, microseconds=value.nanoseconds // 1000)
        return value.iso_format()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, Node):
        label = next((lb for lb in sorted(value.labels) if lb in NODE_BY_NAME), None) or next(iter(sorted(value.labels)), None)
        cols = [c.name for c in node_columns(label)] if label in NODE_BY_NAME else []
        props = {c: None for c in cols}
        props.update({k: to_plain(v) for k, v in value.items()})
        return {"_ID": value.element_id, "_LABEL": label, **props}
    if isinstance(value, Relationship):
        cols = [c.name for c in rel_columns(value.type)] if value.type in REL_BY_NAME else []
        props = {c: None for c in cols}
        props.update({k: to_plain(v) for k, v in value.items()})
        return {
            "_SRC": value.start_node.element_id if value.start_node is not None else None,
            "_DST": value.end_node.element_id if value.end_node is not None else None,
            "_LABEL": value.type,
            "_ID": value.element_id,
            **props,
        }
    if isinstance(value, Path):
        return {"_NODES": [to_plain(n) for n in value.nodes], "_RELS": [to_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value  # spatial points and anything newer: as the driver gives them


# ---------------------------------------------------------------- errors in words


def _causes(e: BaseException):
    seen = 0
    while e is not None and seen < 20:  # bounded: chains are short, but never loop
        yield e
        e = e.__cause__ or e.__context__
        seen += 1


def explain(e: BaseException, settings: Neo4jSettings, doing: str) -> StoreError | None:
    """The driver's exception as a StoreError saying what happened and what to do; None if not the driver's."""
    from neo4j import exceptions as x

    where = settings.uri
    if isinstance(e, x.AuthError):
        why = "NEO4J_PASSWORD is not set" if settings.password is None else "check NEO4J_USER and NEO4J_PASSWORD"
        return StoreError(f"Neo4j at {where} refused user {settings.user!r}: wrong user or password ({why})")
    if isinstance(e, x.IncompleteCommit):
        return StoreError(
            f"the connection to Neo4j at {where} broke while the {doing} was being committed: the server may or may "
            "not have applied it. Check with `accountable --backend neo4j db info`; running the same load again is "
            "safe (it updates by id)"
        )
    if isinstance(e, (x.ServiceUnavailable, x.SessionExpired, x.ConnectionAcquisitionTimeoutError)) or (
        isinstance(e, OSError) and not isinstance(e, x.Neo4jError)
    ):
        causes = list(_causes(e))
        if any(isinstance(c, ConnectionRefusedError) or "Connection refused" in str(c) for c in causes):
            reason = "nothing is listening there (is the server running?)"
        elif any(isinstance(c, TimeoutError) or "timed out" in str(c) for c in causes):
            reason = f"no answer within {settings.timeout:g} s (NEO4J_TIMEOUT)"
        elif any("handshake" in str(c) for c in causes):
            reason = "something answered but closed the connection without speaking Bolt (is this Neo4j's Bolt port, usually 7687?)"
        elif any("routing information" in str(c) for c in causes):
            reason = "no routing information (is the server or cluster running, and is the address right?)"
        else:
            reason = "the connection was lost"
        if doing == "load":
            why = "" if reason == "the connection was lost" else f" ({reason})"
            return StoreError(
                f"lost the connection to Neo4j at {where} before the load was committed{why}: nothing was "
                "written, as the server discards a transaction it was never asked to commit; run it again when the "
                "server is back"
            )
        return StoreError(f"cannot reach Neo4j at {where}: {reason}; {HINT}")
    if isinstance(e, x.Neo4jError):
        code = e.code or ""
        if code.endswith("Statement.AccessMode") or "read access mode" in (e.message or "").lower() or isinstance(
            e, x.ForbiddenOnReadOnlyDatabase
        ):
            if doing == "question":
                return ReadOnlyViolation("questions may not change the graph: this query tries to write")
            return StoreError(f"Neo4j at {where} is read-only for this user or database: {e.message}")
        if code.endswith("Database.DatabaseNotFound"):
            return StoreError(f"there is no database {settings.database!r} on the server at {where}: check NEO4J_DATABASE")
        if "Memory" in code:
            return StoreError(
                f"the {doing} is too large for one transaction on the server at {where} ({code}); nothing was written. "
                "Give the server more heap (server.memory.heap.max_size; transactions may use 70% of it by default, "
                "see dbms.memory.transaction.total.max and db.memory.transaction.max), or load the files in smaller "
                "groups; see docs/neo4j.md"
            )
        tail = "; nothing was written" if doing == "load" else ""
        return StoreError(f"Neo4j at {where} refused the {doing}: {code}: {e.message}{tail}")
    if isinstance(e, x.DriverError):
        tail = "; nothing was written" if doing == "load" else ""
        return StoreError(f"Neo4j driver: {e}{tail}")
    return None


# ---------------------------------------------------------------- the store


class Neo4jStore(Store):
    name = "neo4j"
    cast = staticmethod(statements.neo4j_cast)
    read_only = False

    def __init__(self, settings: Neo4jSettings):
        import logging

        import neo4j  # the driver; imported only when the neo4j backend is chosen

        # The driver logs its own warnings ("Unable to retrieve routing information") to stderr
        # when nothing handles them; our messages say the same in words, once.
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        self.settings = settings
        self.path = settings.uri  # where it lives, for messages shared with the embedded store
        self._schema_ready = False
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=settings.timeout,
                connection_acquisition_timeout=settings.timeout,
                max_transaction_retry_time=settings.timeout,
                user_agent="accountable",
            )
        except (neo4j.exceptions.ConfigurationError, ValueError) as e:
            raise StoreError(f"NEO4J_URI {settings.uri!r}: {e}") from None
        try:
            self._driver.verify_connectivity()
        except Exception as e:
            self._driver.close()
            err = explain(e, settings, "connection")
            if err is None:
                raise
            raise err from None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Neo4jStore":
        return cls(Neo4jSettings.from_env(env))

    @property
    def where(self) -> str:
        return self.settings.where

    def _session(self, write: bool):
        import neo4j

        return self._driver.session(
            database=self.settings.database,
            default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
        )

    def _fail(self, e: BaseException, doing: str) -> BaseException:
        err = explain(e, self.settings, doing)
        return err if err is not None else e

    # ------------------------------------------------------------ reading

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        check_question(cypher)  # one statement that only reads; the read transaction is the second guard

        def work(tx: Any) -> list[dict[str, Any]]:
            return [{k: to_plain(v) for k, v in record.items()} for record in tx.run(cypher, params or {})]

        try:
            with self._session(write=False) as session:
                return session.execute_read(work)
        except Exception as e:
            raise self._fail(e, "question") from None

    def server_info(self) -> dict[str, Any]:
        """Server name, version and edition (dbms.components)."""
        rows = self.query(COMPONENTS)
        row = rows[0] if rows else {}
        return {"name": row.get("name"), "version": ", ".join(row.get("versions") or []), "edition": row.get("edition")}

    # ------------------------------------------------------------ schema

    def missing_schema(self) -> list[str]:
        """Names of the constraints and indexes of schema/derive.neo4j_schema() the database lacks.
        (SHOW commands run as auto-commit statements: not every Neo4j 5 accepts them in a transaction.)"""
        present: set[str] = set()
        try:
            with self._session(write=False) as session:
                for stmt in (SHOW_CONSTRAINTS, SHOW_INDEXES):
                    present |= {record["name"] for record in session.run(stmt)}
        except Exception as e:
            raise self._fail(e, "schema look-up") from None
        return [name for name in schema_names() if name not in present]

    def ensure_schema(self) -> list[str]:
        """Create the missing constraints and indexes (one auto-commit statement each: Neo4j does not mix
        schema and data in a transaction), wait until they are online, and return what was created."""
        missing = self.missing_schema()
        wanted = schema_names()
        try:
            with self._session(write=True) as session:
                for name in missing:
                    session.run(wanted[name]).consume()
                if missing:
                    session.run(AWAIT_INDEXES).consume()
        except Exception as e:
            raise self._fail(e, "schema set-up") from None
        self._schema_ready = True
        return missing

    # ------------------------------------------------------------ writing

    def write(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        self._write(batch, batch_size, clear=False)

    def replace(self, batch: WriteBatch, batch_size: int = 5000) -> None:
        self._write(batch, batch_size, clear=True)

    def _write(self, batch: WriteBatch, batch_size: int, clear: bool) -> None:
        if batch_size < 1:
            raise StoreError(f"batch size must be at least 1, not {batch_size}")
        if not self._schema_ready:
            self.ensure_schema()
        doing = "load"  # a copy (replace) is a load too, as far as the user can tell
        derive = statements.derive_for(batch.rels, whole=clear)
        session = self._session(write=True)
        try:
            tx = session.begin_transaction(metadata={"app": "accountable", "action": doing})
            try:
                if clear:
                    for k in NODE_KINDS:
                        tx.run(statements.delete_nodes(k.name)).consume()
                for label, rows in batch.nodes.items():
                    stmt = statements.upsert_nodes(label, self.cast)
                    for i in range(0, len(rows), batch_size):
                        tx.run(stmt, rows=rows[i : i + batch_size]).consume()
                for (rel_type, a, b), rows in batch.rels.items():
                    stmt = statements.upsert_rels(rel_type, a, b, self.cast)
                    for i in range(0, len(rows), batch_size):
                        tx.run(stmt, rows=rows[i : i + batch_size]).consume()
                for stmt, params in derive:
                    tx.run(stmt, params).consume()
                tx.commit()
            finally:
                if not tx.closed():
                    try:
                        tx.close()  # rolls back; the server also discards it if the connection is gone
                    except Exception:
                        pass
        except Exception as e:
            raise self._fail(e, doing) from None
        finally:
            try:
                session.close()
            except Exception:  # a defunct connection cannot say goodbye
                pass

    def close(self) -> None:
        try:
            self._driver.close()
        except Exception:
            pass
