"""Values from the Neo4j driver come out as the embedded store gives them, and settings come only
from the environment. Real neo4j.time values (made without a server) and, through a scripted Bolt
peer on 127.0.0.1, values decoded by the driver itself from the wire."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

neo4j = pytest.importorskip("neo4j")
from neo4j import time as ntime  # noqa: E402

from accountable.graph import StoreError, open_store  # noqa: E402
from accountable.graph.neo4j_store import Neo4jSettings, Neo4jStore, to_plain  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from bolt_peer import BoltPeer, Struct  # noqa: E402


def test_neo4j_dates_become_python_dates():
    assert to_plain(ntime.Date(2014, 11, 15)) == dt.date(2014, 11, 15)
    assert type(to_plain(ntime.Date(2014, 11, 15))) is dt.date
    assert to_plain(ntime.DateTime(2014, 11, 15, 9, 30, 5)) == dt.datetime(2014, 11, 15, 9, 30, 5)
    assert to_plain(ntime.Time(9, 30)) == dt.time(9, 30)
    assert to_plain(ntime.Duration(days=3, seconds=10)) == dt.timedelta(days=3, seconds=10)
    assert to_plain(ntime.Duration(months=1)) == "P1M"  # a month has no fixed length: kept as ISO text


def test_lists_and_maps_are_converted_all_the_way_down():
    value = {"dates": [ntime.Date(2015, 3, 1), None], "n": 3, "names": ("a", "b"), "inner": {"d": ntime.Date(2009, 1, 1)}}
    assert to_plain(value) == {"dates": [dt.date(2015, 3, 1), None], "n": 3, "names": ["a", "b"], "inner": {"d": dt.date(2009, 1, 1)}}
    assert type(to_plain(("a",))) is list


def test_dates_outside_pythons_range_stay_text():
    assert to_plain(ntime.ZeroDate) == "0000-00-00"


def test_same_values_as_the_embedded_store(loaded):
    """A date and a list read from the embedded store equal the converted Neo4j values."""
    row = loaded.query("MATCH (s:Source {id: 'lgc-2014-10-no-gaps'}) RETURN s.published AS d, s.id AS id")[0]
    published: dt.date = row["d"]
    assert to_plain(ntime.Date(published.year, published.month, published.day)) == published
    assert to_plain([ntime.Date(published.year, published.month, published.day)]) == [published]


def test_values_decoded_by_the_driver_from_the_wire():
    """Dates, nodes, relationships and lists as the driver decodes them from Bolt, through Neo4jStore.query."""
    q = "MATCH (n) RETURN n"
    node = Struct(0x4E, (1, ["Council"], {"id": "somerset", "name": "Somerset County Council", "aliases": ["Somerset"]}, "4:x:1"))
    day = Struct(0x44, ((dt.date(2014, 11, 15) - dt.date(1970, 1, 1)).days,))
    rel = Struct(0x52, (7, 1, 2, "HOLDS", {"id": "h1", "valid_from": day}, "5:x:7", "4:x:1", "4:x:2"))
    when = Struct(0x49, (1416009600, 0, 0))  # a zoned datetime, UTC
    with BoltPeer(answers={q: (["n", "r", "d", "l", "t"], [[node, rel, day, [day, None], when]])}) as peer:
        with Neo4jStore.from_env({"NEO4J_URI": peer.uri}) as store:
            rows = store.query(q)
        assert "BEGIN read" in peer.log  # questions run in read transactions
    [row] = rows
    assert row["d"] == dt.date(2014, 11, 15) and type(row["d"]) is dt.date
    assert row["l"] == [dt.date(2014, 11, 15), None]
    assert row["t"] == dt.datetime(2014, 11, 15, tzinfo=dt.timezone.utc)
    n = row["n"]
    assert (n["_LABEL"], n["id"], n["aliases"], n["region"]) == ("Council", "somerset", ["Somerset"], None)
    r = row["r"]
    assert (r["_LABEL"], r["_SRC"], r["_DST"], r["valid_from"], r["capacity"]) == ("HOLDS", "4:x:1", "4:x:2", dt.date(2014, 11, 15), None)


def test_node_shape_matches_the_embedded_store(loaded):
    """A node returned whole has the embedded store's keys: _ID, _LABEL and every column of its kind."""
    embedded = loaded.query("MATCH (c:Council {id: 'somerset'}) RETURN c")[0]["c"]
    props = {k: v for k, v in embedded.items() if not k.startswith("_") and v is not None}
    q = "MATCH (c:Council {id: 'somerset'}) RETURN c"
    with BoltPeer(answers={q: (["c"], [[Struct(0x4E, (1, ["Council"], props, "4:x:1"))]])}) as peer:
        with Neo4jStore.from_env({"NEO4J_URI": peer.uri}) as store:
            via_neo4j = store.query(q)[0]["c"]
    assert {k.upper() if k.startswith("_") else k for k in embedded} == set(via_neo4j)
    assert {k: v for k, v in via_neo4j.items() if not k.startswith("_")} == {
        k: v for k, v in embedded.items() if not k.startswith("_")
    }


# ---------------------------------------------------------------- settings


def test_settings_come_from_the_environment():
    s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://db.example:7687", "NEO4J_USER": "ana", "NEO4J_PASSWORD": "pw",
                                "NEO4J_DATABASE": "accountable", "NEO4J_TIMEOUT": "2.5"})
    assert (s.uri, s.user, s.password, s.database, s.timeout) == ("bolt://db.example:7687", "ana", "pw", "accountable", 2.5)
    assert "pw" not in repr(s)  # the password never shows in messages or logs
    d = Neo4jSettings.from_env({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io"})
    assert (d.user, d.password, d.database, d.timeout) == ("neo4j", None, None, 5.0)


@pytest.mark.parametrize(
    "env, words",
    [
        ({}, "NEO4J_URI is not set"),
        ({"NEO4J_URI": "http://localhost:7474"}, "is not a Neo4j address"),
        ({"NEO4J_URI": "localhost:7687"}, "is not a Neo4j address"),
        ({"NEO4J_URI": "bolt://localhost:7687", "NEO4J_TIMEOUT": "soon"}, "NEO4J_TIMEOUT"),
    ],
)
def test_bad_settings_are_named(env, words):
    with pytest.raises(StoreError, match=words):
        Neo4jSettings.from_env(env)


def test_backend_is_chosen_by_name_and_environment(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("ACCOUNTABLE_BACKEND", "neo4j")
    with pytest.raises(StoreError, match="NEO4J_URI is not set"):
        open_store()
    with pytest.raises(StoreError, match="unknown backend 'neo5j'"):
        open_store("neo5j")


def test_importing_the_cli_does_not_import_the_driver():
    import subprocess

    code = "import sys, accountable.cli, accountable.graph.export; print('neo4j' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
