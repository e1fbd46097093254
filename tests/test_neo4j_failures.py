"""When the Neo4j server is not there, or goes away, the CLI says so in words within 10 seconds,
exits 1, and never reports as loaded what was not. Only 127.0.0.1 is contacted: a closed port, a
listener that accepts and closes (or says nothing), and a scripted Bolt peer (tests/bolt_peer.py)
that drops the connection between batches or at COMMIT. The real driver does all the talking."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from accountable.graph import StoreError, open_store
from accountable.graph.neo4j_store import Neo4jStore, schema_names
from accountable.loaders.bundled import load_defaults

sys.path.insert(0, str(Path(__file__).parent))
from bolt_peer import BoltPeer  # noqa: E402
from conftest import needs_neo4j  # noqa: E402

BOUND = 10  # seconds: every failure must be told within this


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`accountable ARGS` in its own process, as a user runs it; fails the test if it takes over BOUND s."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "ACCOUNTABLE_BACKEND"}
    full_env.update(env)
    try:
        return subprocess.run([sys.executable, "-m", "accountable.cli", *args], capture_output=True, text=True,
                              timeout=BOUND, env=full_env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`accountable {' '.join(args)}` gave no answer within {BOUND} s")


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def listener(mode: str):
    """A TCP listener on 127.0.0.1 that accepts and closes at once ("close") or holds and says nothing ("silent")."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            if mode == "close":
                conn.close()
            else:
                held.append(conn)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield srv.getsockname()[1]
    finally:
        stop.set()
        t.join(timeout=5)
        for c in held:
            c.close()
        srv.close()


def assert_told(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    for w in words:
        assert w in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert "loaded" not in r.stdout and "copied" not in r.stdout


# ---------------------------------------------------------------- nothing there


def test_nothing_listening(loaded_path):
    uri = f"bolt://127.0.0.1:{closed_port()}"
    for args in (["load"], ["who", "somerset"]):
        r = run_cli("--backend", "neo4j", *args, NEO4J_URI=uri, NEO4J_PASSWORD="x")
        assert_told(r, f"cannot reach Neo4j at {uri}", "nothing is listening there")
    r = run_cli("--db", str(loaded_path), "sync", "--from", "embedded", "--to", "neo4j", NEO4J_URI=uri)
    assert_told(r, "nothing is listening there")


def test_a_listener_that_accepts_and_closes():
    with listener("close") as port:
        r = run_cli("--backend", "neo4j", "load", NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_PASSWORD="x")
    assert_told(r, f"cannot reach Neo4j at bolt://127.0.0.1:{port}", "without speaking Bolt")


def test_a_listener_that_says_nothing():
    with listener("silent") as port:
        r = run_cli("--backend", "neo4j", "load", NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_TIMEOUT="1")
    assert_told(r, "no answer within 1 s")


def test_a_routing_address_with_nothing_behind_it():
    uri = f"neo4j://127.0.0.1:{closed_port()}"
    r = run_cli("--backend", "neo4j", "who", "somerset", NEO4J_URI=uri)
    assert_told(r, f"cannot reach Neo4j at {uri}")


def test_settings_missing_or_wrong():
    r = run_cli("--backend", "neo4j", "load")
    assert_told(r, "NEO4J_URI is not set")
    r = run_cli("--backend", "neo4j", "load", NEO4J_URI="http://127.0.0.1:7474")
    assert_told(r, "is not a Neo4j address")


# ---------------------------------------------------------------- a server that goes away


def test_server_vanishes_between_batches():
    with BoltPeer(schema_names=list(schema_names()), drop_at_run=4) as peer:
        r = run_cli("--backend", "neo4j", "load", "--batch-size", "5", NEO4J_URI=peer.uri, NEO4J_PASSWORD="x")
        assert peer.data_runs == 4  # three batches went through before the connection dropped
        assert peer.write_commits_seen == 0  # the load's transaction was never committed
    assert_told(r, f"lost the connection to Neo4j at {peer.uri} before the load was committed", "nothing was written")


def test_server_vanishes_during_commit():
    with BoltPeer(schema_names=list(schema_names()), drop_at_commit=True) as peer:
        r = run_cli("--backend", "neo4j", "load", NEO4J_URI=peer.uri, NEO4J_PASSWORD="x")
        assert (peer.write_commits_seen, peer.write_commits_done) == (1, 0)
    # the one case where nobody can know: said so, with what to do
    assert_told(r, "while the load was being committed", "may or may not have applied it", "safe")


def test_sync_to_a_server_that_vanishes(loaded_path):
    with BoltPeer(schema_names=list(schema_names()), drop_at_run=2) as peer:
        r = run_cli("--db", str(loaded_path), "sync", "--from", "embedded", "--to", "neo4j", NEO4J_URI=peer.uri)
        assert peer.write_commits_seen == 0
    assert_told(r, "before the load was committed", "nothing was written")


def test_refused_password_on_a_scripted_peer():
    with BoltPeer(auth_failure=True) as peer:
        r = run_cli("--backend", "neo4j", "who", "somerset", NEO4J_URI=peer.uri, NEO4J_PASSWORD="wrong")
    assert_told(r, "refused user 'neo4j': wrong user or password")


def test_a_load_too_large_for_one_transaction():
    with BoltPeer(schema_names=list(schema_names()), fail_run="Neo.TransientError.General.MemoryPoolOutOfMemoryError") as peer:
        r = run_cli("--backend", "neo4j", "load", NEO4J_URI=peer.uri)
        assert peer.write_commits_seen == 0
    assert_told(r, "too large for one transaction", "nothing was written", "docs/neo4j.md")


# ---------------------------------------------------------------- what a load sends, on the wire


def test_a_load_is_one_write_transaction_after_the_schema(tmp_path):
    """Missing constraints and indexes go first, each on its own; then one BEGIN, every batch and the
    derived ends, one COMMIT."""
    with BoltPeer(schema_names=[]) as peer:  # a fresh database: no constraints, no indexes
        with Neo4jStore.from_env({"NEO4J_URI": peer.uri}) as store:
            report = load_defaults(store)
        log = list(peer.log)
    with open_store("ladybug", tmp_path / "same.lbdb") as embedded:
        assert report.nodes_written == load_defaults(embedded).nodes_written
    begin = log.index("BEGIN write")
    assert log.count("BEGIN write") == 1
    commit = log.index("COMMIT", begin)
    creates = [i for i, m in enumerate(log) if m.startswith(("RUN CREATE CONSTRAINT", "RUN CREATE INDEX"))]
    assert len(creates) == len(schema_names()) and max(creates) < begin
    assert any(m.startswith("RUN CALL db.awaitIndexes") for m in log[max(creates):begin])
    inside = [m for m in log[begin:commit] if m.startswith("RUN ")]
    # the batches, then the derived ends of the holdings: of every post, or of the posts the batch touched
    assert all(m.startswith(("RUN UNWIND $rows", "RUN MATCH (:Person)-[r:HOLDS]", "RUN UNWIND $posts")) for m in inside)
    assert any(m.startswith(("RUN MATCH (:Person)-[r:HOLDS]", "RUN UNWIND $posts")) for m in inside)
    assert sum(m.startswith("RUN UNWIND $rows") for m in inside) == peer.data_runs
    shows = [i for i, m in enumerate(log) if m.startswith("RUN SHOW ")]
    assert len(shows) == 2 and max(shows) < min(creates)  # looked up first, then only the missing ones made


def test_store_errors_during_a_question_are_said_in_words():
    with BoltPeer() as peer:
        with Neo4jStore.from_env({"NEO4J_URI": peer.uri, "NEO4J_TIMEOUT": "1"}) as store:
            assert store.query("MATCH (c:Council) RETURN c.id AS id") == []
            peer.close()  # the server goes away between questions; reads are retried for NEO4J_TIMEOUT
            with pytest.raises(StoreError, match=f"cannot reach Neo4j at {peer.uri}"):
                store.query("MATCH (c:Council) RETURN c.id AS id")


# ---------------------------------------------------------------- needs a real server


@needs_neo4j
def test_wrong_password_on_the_real_server():
    r = run_cli("--backend", "neo4j", "who", "somerset", NEO4J_URI=os.environ["NEO4J_URI"],
                NEO4J_USER=os.environ.get("NEO4J_USER", "neo4j"), NEO4J_PASSWORD="certainly-not-the-password",
                **({"NEO4J_DATABASE": os.environ["NEO4J_DATABASE"]} if os.environ.get("NEO4J_DATABASE") else {}))
    assert_told(r, "wrong user or password")


def test_db_init_creates_only_what_is_missing():
    with BoltPeer(schema_names=[]) as peer:
        r = run_cli("--backend", "neo4j", "db", "init", NEO4J_URI=peer.uri)
        created = [m for m in peer.log if m.startswith(("RUN CREATE CONSTRAINT", "RUN CREATE INDEX"))]
    assert r.returncode == 0, r.stderr
    assert f"created {len(schema_names())} constraints and indexes" in r.stdout and "council_id" in r.stdout
    assert len(created) == len(schema_names())
    with BoltPeer(schema_names=list(schema_names())) as peer:
        r = run_cli("--backend", "neo4j", "db", "init", NEO4J_URI=peer.uri)
        assert not any(m.startswith("RUN CREATE") for m in peer.log)
    assert r.returncode == 0 and "already in place" in r.stdout
