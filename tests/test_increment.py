"""A few new facts onto a graph that holds the rest: looked up by the ids they name (the graph's
relationships by id, a person's holdings from the person), checked as a full load checks them, and
written as prepared statements. Bad input leaves the graph as it was, with the same messages."""

import json

import pytest

from accountable.graph import open_store, statements
from accountable.loaders import facts, synth
from accountable.loaders.problems import InvalidInput


@pytest.fixture
def graph(tmp_path):
    """A synthetic history loaded whole, and its lines."""
    synth.write(tmp_path / "f", councils=3, years=12, seed=5)
    lines = {f.name: [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()] for f in (tmp_path / "f").glob("*.jsonl")}
    with open_store("ladybug", tmp_path / "g.lbdb") as store:
        facts.load([tmp_path / "f"], store)
        yield store, lines


def _increment(tmp_path, records):
    d = tmp_path / "new"
    d.mkdir(exist_ok=True)
    (d / "relationships.jsonl").write_text("".join(json.dumps({"type": "relationship", **r}) + "\n" for r in records), encoding="utf-8")
    return d


def _problems(paths, store):
    with pytest.raises(InvalidInput) as e:
        facts.load(paths, store)
    return [str(p) for p in e.value.problems]


def _holding(lines, with_start=True):
    return next(r for r in lines["relationships.jsonl"] if r["kind"] == "HOLDS" and (r.get("start") is not None) == with_start)


def test_a_bad_reference_in_a_small_increment_is_named_and_writes_nothing(graph, tmp_path):
    store, lines = graph
    good = dict(_holding(lines), id="holds:extra-one", start="1990", end="1991")
    bad = dict(good, id="holds:extra-two", **{"from": "synth-nobody-here"})
    before = store.fingerprint()
    found = _problems([_increment(tmp_path, [good, bad])], store)
    assert found == [f"{tmp_path / 'new' / 'relationships.jsonl'}:2: from: unknown entity 'synth-nobody-here': "
                     "not in these files nor in the graph"], found
    assert store.fingerprint() == before


def test_an_increment_that_overlaps_a_holding_in_the_graph_is_refused(graph, tmp_path):
    store, lines = graph
    held = next(r for r in lines["relationships.jsonl"] if r["kind"] == "HOLDS" and r.get("start") and r.get("end"))
    again = dict(held, id="holds:the-same-spell-again")
    before = store.fingerprint()
    found = _problems([_increment(tmp_path, [again])], store)
    gid = held.get("id") or facts.relationship_id("HOLDS", held["from"], held["to"], facts.FuzzyDate.parse(held["start"]))
    assert len(found) == 1 and "the two holdings overlap" in found[0] and f"in the graph as {gid!r}" in found[0], found
    assert found[0].startswith(f"{tmp_path / 'new' / 'relationships.jsonl'}:1: start: "), found
    assert store.fingerprint() == before


def test_an_id_the_graph_holds_for_another_fact_is_refused(graph, tmp_path):
    """The graph's relationships are found by id whatever their kind and ends (the id column first,
    then the rows found)."""
    store, lines = graph
    other = next(r for r in lines["relationships.jsonl"] if r["kind"] == "APPOINTS" and r.get("id"))
    clash = dict(_holding(lines), id=other["id"], start="1990", end="1991")
    before = store.fingerprint()
    found = _problems([_increment(tmp_path, [clash])], store)
    assert found == [f"{tmp_path / 'new' / 'relationships.jsonl'}:1: id: {other['id']!r} already names a APPOINTS from {other['from']} "
                     f"to {other['to']} in the graph; here it names a HOLDS from {clash['from']} to {clash['to']}. "
                     "One id names one fact: give this one another id"], found
    assert store.fingerprint() == before


def test_a_new_holding_is_added_with_its_derived_end(graph, tmp_path):
    store, lines = graph
    held = next(r for r in lines["relationships.jsonl"] if r["kind"] == "HOLDS" and r.get("start") and r.get("end"))
    holders = {r["from"] for r in lines["relationships.jsonl"] if r["kind"] == "HOLDS" and r["to"] == held["to"]}
    someone = next(e["id"] for e in lines["entities.jsonl"] if e["kind"] == "Person" and e["id"] not in holders)
    earlier = dict(held, id="holds:an-earlier-spell", start="1990", end=None, capacity="interim", **{"from": someone})
    earlier = {k: v for k, v in earlier.items() if v is not None}
    report = facts.load([_increment(tmp_path, [earlier])], store)
    assert report.relationships_written == 1
    rows = store.query("MATCH (:Person)-[r:HOLDS {id: 'holds:an-earlier-spell'}]->(p:Post) "
                       "RETURN p.id AS post, r.capacity AS capacity, r.valid_until AS until, r.until_basis AS basis")
    assert [(r["post"], r["capacity"], r["basis"]) for r in rows] == [(held["to"], "interim", "superseded")]
    # ended by the next holding of the post
    assert rows[0]["until"] is not None and str(rows[0]["until"]) > "1990"


def test_relationship_ids_and_a_persons_holdings_are_read_by_key(graph):
    store, lines = graph
    held = _holding(lines)
    gid = held.get("id") or facts.relationship_id("HOLDS", held["from"], held["to"], facts.FuzzyDate.parse(held["start"]))
    got = store.query(statements.rel_ids_in("HOLDS"), {"ids": [gid, "holds:not-there"]})
    assert got == [{"id": gid}]
    assert store.query(statements.rel_ids_in("APPOINTS"), {"ids": [gid]}) == []
    rows = store.query(statements.rels_from("HOLDS", "Person", "Post"), {"ids": [held["from"], "synth-nobody-here"]})
    want = sorted(r["to"] for r in lines["relationships.jsonl"] if r["kind"] == "HOLDS" and r["from"] == held["from"])
    assert sorted(r["to"] for r in rows) == want
    assert {r["from"] for r in rows} == {held["from"]} and gid in {r["id"] for r in rows}
    with pytest.raises(ValueError):
        statements.rels_from("HOLDS", "Council", "Post")
