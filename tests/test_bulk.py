"""The embedded store's two write paths: the bulk path (COPY FROM Parquet into a fresh
file, swapped in) and MERGE give the same graph, and a bulk write that fails changes nothing."""

import os
from pathlib import Path

import pytest

from accountable.graph import StoreError, open_store
from accountable.graph.ladybug_store import BULK_MIN_ROWS
from accountable.loaders import facts, synth


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("national") / "facts"
    synth.write(d, councils=8, years=25, seed=11)
    return d


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if ".bulk-" in p.name)


def test_bulk_and_merge_give_the_same_graph_from_empty(national, tmp_path):
    _, batch = facts.prepare([national], None)
    prints = {}
    for how in ("bulk", "merge"):
        db = tmp_path / f"{how}.lbdb"
        with open_store("ladybug", db) as s:
            getattr(s, f"write_{how}")(batch)
            counts = s.counts()
            prints[how] = s.fingerprint()
            derived = s.query("MATCH ()-[h:HOLDS]->() WHERE h.until_basis = 'superseded' RETURN count(h) AS n")[0]["n"]
        assert leftovers(db) == []
    assert prints["bulk"] == prints["merge"]
    assert counts["Council"] == 8 and counts["HOLDS"] > 100 and counts["Source"] > 100
    assert derived > 0  # open holdings ended by the next one: the derived columns are in both


def test_bulk_into_a_graph_with_rows_replaces_as_merge_does(national, loaded_path, tmp_path):
    """Into the bundled graph: the batch adds the synthetic councils and changes a stored fact."""
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        "relationships:\n"
        "  - kind: HOLDS\n"
        "    id: holds:julian-wooster>somerset/dcs\n"
        "    from: julian-wooster\n"
        "    to: somerset/dcs\n"
        "    capacity: interim\n"
        "    start: 2015-03\n"
        "    evidence:\n"
        "      - source: cypnow-2015-03-somerset-ofsted\n"
        "        quote: \"director of children's services Julian Wooster, who took up post earlier this month\"\n",
        encoding="utf-8",
    )
    prints = {}
    for how in ("bulk", "merge"):
        d = tmp_path / how
        d.mkdir()
        db = d / loaded_path.name
        for f in loaded_path.parent.iterdir():
            (d / f.name).write_bytes(f.read_bytes())
        with open_store("ladybug", db) as s:
            councils = s.counts()["Council"]
            _, batch = facts.prepare([national, changed], s)
            getattr(s, f"write_{how}")(batch)
            prints[how] = s.fingerprint()
            (row,) = s.query("MATCH (:Person {id: 'julian-wooster'})-[h:HOLDS]->(:Post {id: 'somerset/dcs'}) RETURN h.capacity AS c")
            assert row["c"] == "interim"
            assert s.counts()["Council"] == councils + 8
    assert prints["bulk"] == prints["merge"]


def test_a_failed_bulk_write_leaves_the_graph_as_it_was(national, loaded):
    before = loaded.fingerprint()
    councils = loaded.counts()["Council"]
    inode = os.stat(loaded.path).st_ino
    _, batch = facts.prepare([national], loaded)
    # a relationship to a node that exists nowhere: validation never lets one through, the engine refuses it
    bad = dict(next(iter(batch.rels[("HOLDS", "Person", "Post")])), id="holds:broken", to_id="nowhere/dcs")
    batch.rels[("HOLDS", "Person", "Post")].append(bad)
    with pytest.raises(StoreError, match="nothing was written"):
        loaded.write_bulk(batch)
    assert loaded.fingerprint() == before
    assert os.stat(loaded.path).st_ino == inode
    assert leftovers(loaded.path) == []
    # and the graph still takes writes and answers
    facts.load([national], loaded)
    assert loaded.counts()["Council"] == councils + 8


def test_a_failed_bulk_write_into_an_empty_graph_leaves_it_empty(national, store, db_path):
    _, batch = facts.prepare([national], None)
    batch.nodes["Council"].append(dict(batch.nodes["Council"][0]))  # the same id twice
    with pytest.raises(StoreError, match="nothing was written"):
        store.write_bulk(batch)
    assert store.is_empty() and store.row_count() == 0
    assert leftovers(db_path) == []


def test_an_empty_graph_and_a_large_batch_take_the_bulk_path(store, db_path, tmp_path):
    larger = tmp_path / "larger"
    synth.write(larger, councils=30, years=25, seed=12)
    _, batch = facts.prepare([larger], None)
    assert sum(batch.size) >= BULK_MIN_ROWS and store.wants_bulk(batch)
    inode = os.stat(db_path).st_ino
    facts.load([larger], store)  # the file is rebuilt beside the graph and renamed over it
    assert os.stat(db_path).st_ino != inode
    assert store.counts()["Council"] == 30
    # a small batch into that graph goes by MERGE: the same file
    inode = os.stat(db_path).st_ino
    _, small = facts.prepare([facts.statute_file()], store)
    assert not store.wants_bulk(small)
    facts.load([facts.statute_file()], store)
    assert os.stat(db_path).st_ino == inode


def test_a_graph_whose_path_has_a_quote_takes_merge(tmp_path, national, monkeypatch):
    from accountable.graph import ladybug_store

    monkeypatch.setattr(ladybug_store, "BULK_MIN_ROWS", 1)  # any batch is large enough: only the path decides
    _, batch = facts.prepare([national], None)
    with open_store("ladybug", tmp_path / "plain" / "graph.lbdb") as s:
        assert s.wants_bulk(batch)
    with open_store("ladybug", tmp_path / "o'brien" / "graph.lbdb") as s:
        assert not s.wants_bulk(batch)
        s.write(batch)
        assert s.counts()["Council"] == 8


def test_replace_by_the_bulk_path_leaves_exactly_the_batch(national, loaded, tmp_path, monkeypatch):
    """Store.replace (sync --replace) on the bulk path: a fresh file holding the batch alone, swapped in."""
    from accountable.graph import ladybug_store

    monkeypatch.setattr(ladybug_store, "BULK_MIN_ROWS", 1)
    _, batch = facts.prepare([national], None)
    with open_store("ladybug", tmp_path / "alone.lbdb") as s:
        s.write_merge(batch)
        alone, alone_counts = s.fingerprint(), s.counts()
    assert loaded.kinds_of(["somerset"]) == {"somerset": "Council"}
    assert loaded.wants_bulk(batch, clear=True)
    inode = os.stat(loaded.path).st_ino
    loaded.replace(batch)
    assert os.stat(loaded.path).st_ino != inode  # rebuilt beside the graph and renamed over it
    assert loaded.fingerprint() == alone and loaded.counts() == alone_counts
    assert loaded.kinds_of(["somerset"]) == {}  # nothing of the bundled graph is left
    assert leftovers(loaded.path) == []


def test_a_failed_bulk_replace_leaves_the_graph_as_it_was(national, loaded, monkeypatch):
    from accountable.graph import ladybug_store

    monkeypatch.setattr(ladybug_store, "BULK_MIN_ROWS", 1)
    before = loaded.fingerprint()
    _, batch = facts.prepare([national], None)
    batch.nodes["Council"].append(dict(batch.nodes["Council"][0]))  # the same id twice: COPY refuses it
    with pytest.raises(StoreError, match="nothing was written"):
        loaded.replace(batch)
    assert loaded.fingerprint() == before
    assert leftovers(loaded.path) == []


def test_the_counts_a_store_keeps_follow_every_write_it_makes(loaded):
    # counts() is counted once per write generation: a write by text, by MERGE or refused leaves it right
    before = loaded.counts()
    loaded.execute_raw("CREATE (:Council {id: 'zz-counted', name: 'Counted'})")
    assert loaded.counts()["Council"] == before["Council"] + 1
    assert loaded.row_count() == sum(before.values()) + 1
    loaded.execute_raw("MATCH (c:Council {id: 'zz-counted'}) DELETE c")
    assert loaded.counts() == before
