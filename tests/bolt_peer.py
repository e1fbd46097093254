"""A scripted Bolt peer on 127.0.0.1 for failure paths a real server cannot be made to show on cue.

It is NOT Neo4j and stores nothing: it speaks just enough Bolt 5.0 (handshake,
HELLO, BEGIN, RUN, PULL, COMMIT, ROLLBACK, RESET, GOODBYE) for the real driver
to talk to it, answers as an empty database would (no rows; counts of 0; SHOW
CONSTRAINTS/INDEXES with the names it is given), and misbehaves where told:

    auth_failure      refuse HELLO as a wrong password does
    drop_at_run=N     close the connection when the N-th data statement (UNWIND ...) arrives
    drop_at_commit    close the connection when a write transaction's COMMIT arrives
    fail_run=CODE     answer every data statement with FAILURE CODE

It records every message it saw (`log`, with BEGIN read/write), so a test can
check that questions ran in read transactions and that no COMMIT was ever sent
for a transaction that lost its connection. `answers` scripts the rows of a
query, PackStream structures (dates, nodes, relationships) included, so values
come back through the driver's own decoding. Bounded: every
socket has a timeout and the accept loop ends when `close()` is called.
"""

from __future__ import annotations

import socket
import struct
import threading
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

MAGIC = b"\x60\x60\xb0\x17"
TAGS = {0x01: "HELLO", 0x02: "GOODBYE", 0x0F: "RESET", 0x10: "RUN", 0x11: "BEGIN", 0x12: "COMMIT",
        0x13: "ROLLBACK", 0x2F: "DISCARD", 0x3F: "PULL", 0x66: "ROUTE", 0x6A: "LOGON", 0x54: "TELEMETRY"}


# ---------------------------------------------------------------- PackStream, as much as needed (server side)


@dataclass(frozen=True)
class Struct:
    """A PackStream structure: Date is Struct(0x44, [days since 1970-01-01]), Node Struct(0x4E, [...])."""

    tag: int
    fields: tuple[Any, ...]


def pack(v: Any) -> bytes:
    if isinstance(v, Struct):
        return bytes([0xB0 + len(v.fields), v.tag]) + b"".join(pack(f) for f in v.fields)
    if v is None:
        return b"\xc0"
    if v is True:
        return b"\xc3"
    if v is False:
        return b"\xc2"
    if isinstance(v, float):
        return b"\xc1" + struct.pack(">d", v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return pack(Struct(0x44, ((v - dt.date(1970, 1, 1)).days,)))
    if isinstance(v, int):
        if -16 <= v < 128:
            return struct.pack(">b", v)
        return b"\xcb" + struct.pack(">q", v)
    if isinstance(v, str):
        b = v.encode()
        if len(b) < 16:
            return bytes([0x80 + len(b)]) + b
        return b"\xd2" + struct.pack(">I", len(b)) + b
    if isinstance(v, list):
        return b"\xd6" + struct.pack(">I", len(v)) + b"".join(pack(x) for x in v)
    if isinstance(v, dict):
        return b"\xda" + struct.pack(">I", len(v)) + b"".join(pack(k) + pack(x) for k, x in v.items())
    raise TypeError(type(v))


def message(tag: int, *fields: Any) -> bytes:
    body = bytes([0xB0 + len(fields), tag]) + b"".join(pack(f) for f in fields)
    out = b""
    for i in range(0, len(body), 0xFFFF):
        chunk = body[i : i + 0xFFFF]
        out += struct.pack(">H", len(chunk)) + chunk
    return out + b"\x00\x00"


def _first_string(body: bytes) -> str | None:
    """The first field of a message when it is a string (RUN's query)."""
    if len(body) < 3:
        return None
    m = body[2]
    if 0x80 <= m <= 0x8F:
        n, at = m - 0x80, 3
    elif m == 0xD0:
        n, at = body[3], 4
    elif m == 0xD1:
        n, at = struct.unpack(">H", body[3:5])[0], 5
    elif m == 0xD2:
        n, at = struct.unpack(">I", body[3:7])[0], 7
    else:
        return None
    return body[at : at + n].decode()


SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F


@dataclass
class BoltPeer:
    schema_names: list[str] = field(default_factory=list)
    auth_failure: bool = False
    drop_at_run: int | None = None
    drop_at_commit: bool = False
    fail_run: str | None = None
    answers: dict[str, tuple[list[str], list[list[Any]]]] = field(default_factory=dict)  # query -> fields, rows
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._srv = socket.socket()
        self._srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._srv.bind(("127.0.0.1", 0))
        self._srv.listen(8)
        self._srv.settimeout(0.2)
        self.port = self._srv.getsockname()[1]
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._data_runs = 0
        self.write_commits_seen = 0  # COMMITs of write transactions that reached the peer
        self.write_commits_done = 0  # ...and were answered SUCCESS (what a server would have kept)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def close(self) -> None:
        """Vanish: stop accepting and drop every open connection."""
        self._stop.set()
        self._thread.join(timeout=5)
        self._srv.close()
        with self._lock:
            conns, self._conns = self._conns, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()

    def __enter__(self) -> "BoltPeer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ serving

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._srv.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _recv(self, conn: socket.socket, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            part = conn.recv(n - len(buf))
            if not part:
                raise ConnectionError("closed")
            buf += part
        return buf

    def _read_message(self, conn: socket.socket) -> bytes:
        body = b""
        for _ in range(100_000):  # bounded: a message is at most this many chunks
            size = struct.unpack(">H", self._recv(conn, 2))[0]
            if size == 0:
                if body:
                    return body
                continue  # a NOOP keep-alive chunk
            body += self._recv(conn, size)
        raise ConnectionError("message too long")

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            if self._recv(conn, 4) != MAGIC:
                return
            self._recv(conn, 16)
            conn.sendall(b"\x00\x00\x00\x05")  # Bolt 5.0
            in_write_tx = failed = False
            fields: list[str] = []
            rows: list[list[Any]] = []
            while not self._stop.is_set():
                body = self._read_message(conn)
                name = TAGS.get(body[1], hex(body[1]))
                query = _first_string(body) if name == "RUN" else None
                with self._lock:
                    self.log.append(name if query is None else f"RUN {query[:60]}")
                if failed and name not in ("RESET", "GOODBYE"):
                    conn.sendall(message(IGNORED))
                    continue
                if name == "HELLO":
                    if self.auth_failure:
                        conn.sendall(message(FAILURE, {"code": "Neo.ClientError.Security.Unauthorized",
                                                       "message": "The client is unauthorized due to authentication failure."}))
                        return
                    conn.sendall(message(SUCCESS, {"server": "Neo4j/5.26.0", "connection_id": "bolt-peer"}))
                elif name == "GOODBYE":
                    return
                elif name == "BEGIN":
                    # BEGIN's extra map holds mode "r" for read transactions; a write has none.
                    in_write_tx = b"\x84mode\x81r" not in body
                    with self._lock:
                        self.log[-1] = "BEGIN " + ("write" if in_write_tx else "read")
                    conn.sendall(message(SUCCESS, {}))
                elif name == "RUN":
                    assert query is not None
                    if query.startswith("UNWIND $rows"):
                        with self._lock:
                            self._data_runs += 1
                            n = self._data_runs
                        if self.drop_at_run is not None and n >= self.drop_at_run:
                            return  # the server vanishes mid-load
                        if self.fail_run:
                            conn.sendall(message(FAILURE, {"code": self.fail_run, "message": "scripted failure"}))
                            failed = True
                            continue
                    if query in self.answers:
                        fields, rows = self.answers[query]
                    elif query.startswith("SHOW "):
                        fields, rows = ["name"], [[n] for n in self.schema_names]
                    elif "RETURN count(" in query:  # an empty database counts nothing
                        fields, rows = ["n"], [[0]]
                    else:
                        fields, rows = [], []
                    conn.sendall(message(SUCCESS, {"fields": fields, "t_first": 0, "qid": 0}))
                elif name in ("PULL", "DISCARD"):
                    out = b"".join(message(RECORD, r) for r in rows) if name == "PULL" else b""
                    rows = []
                    conn.sendall(out + message(SUCCESS, {"has_more": False, "type": "rw", "t_last": 0, "db": "neo4j"}))
                elif name == "COMMIT":
                    if in_write_tx:
                        with self._lock:
                            self.write_commits_seen += 1
                        if self.drop_at_commit:
                            return  # vanishes with the COMMIT in flight
                        with self._lock:
                            self.write_commits_done += 1
                    in_write_tx = False
                    conn.sendall(message(SUCCESS, {"bookmark": "peer:1"}))
                elif name in ("ROLLBACK", "RESET"):
                    in_write_tx = failed = False
                    rows = []
                    conn.sendall(message(SUCCESS, {}))
                else:
                    conn.sendall(message(FAILURE, {"code": "Neo.ClientError.Request.Invalid", "message": f"{name} not scripted"}))
        except (ConnectionError, OSError, struct.error):
            pass
        finally:
            conn.close()

    @property
    def data_runs(self) -> int:
        return self._data_runs
