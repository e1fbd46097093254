"""The Store interface behaves the same on every backend: run on the embedded store, and on the
Neo4j server of NEO4J_URI when it is set (skipped, with the reason, when not)."""

from __future__ import annotations

import datetime as dt

import pytest

from accountable.graph import ReadOnlyViolation, StoreError, WriteBatch
from accountable.queries import registry
from accountable.queries.by_kind import param_name
from accountable.schema.model import node_columns
from accountable.queries.who import who

COUNCIL = {
    "id": "testshire", "name": "Testshire County Council", "aliases": ["Testshire", "O'Brien's \"shire\""],
    "description": "a council of the tests; quotes, back\\slashes and é survive", "sources": ["src-1"],
    "la_code": "999", "gss_code": "E99999999", "council_type": "County", "region": "South West",
    "website": "testshire.gov.uk", "kind": "Council",
}
SOURCE = {
    "id": "src-1", "title": "A source", "publisher": "The Tests", "author": None, "published": "2014-10-01",
    "published_precision": "month", "url": None, "source_kind": "news", "licence": None, "kind": "Source",
}


def _post(pid: str, name: str) -> dict:
    return {"id": pid, "name": name, "aliases": [], "description": None, "sources": ["src-1"],
            "post_kind": "dcs", "statutory_basis": None, "kind": "Post"}


def _holds(hid: str, person: str, start: str, precision: str = "day") -> dict:
    return {
        "id": hid, "from_id": person, "to_id": "testshire/dcs", "kind": "HOLDS", "capacity": "interim",
        "valid_from": start, "valid_from_precision": precision, "valid_to": None, "valid_to_precision": None,
        "status": "asserted", "note": None, "valid_until": None, "valid_until_precision": None,
        "until_basis": None, "start_basis": "stated", "last_confirmed": None, "last_confirmed_precision": None,
        "sources": ["src-1"], "quotes": ["“appointed”"], "accounts": [""],
    }


def _person(pid: str, name: str) -> dict:
    return {"id": pid, "name": name, "aliases": [], "description": None, "sources": ["src-1"], "kind": "Person"}


def small_batch() -> WriteBatch:
    b = WriteBatch()
    b.add_node("Source", SOURCE)
    b.add_node("Council", COUNCIL)
    b.add_node("Post", _post("testshire/dcs", "Director of Children's Services, Testshire"))
    b.add_node("Person", _person("ann", "Ann"))
    b.add_node("Person", _person("bob", "Bob"))
    b.add_rel(("POST_IN", "Post", "Council"), {
        "id": "post_in:testshire/dcs", "from_id": "testshire/dcs", "to_id": "testshire", "kind": "POST_IN",
        **{k: None for k in ("valid_from", "valid_from_precision", "valid_to", "valid_to_precision", "status", "note",
                             "valid_until", "valid_until_precision", "until_basis", "start_basis", "last_confirmed",
                             "last_confirmed_precision")},
        "sources": ["src-1"], "quotes": ["q"], "accounts": [""],
    })
    b.add_rel(("HOLDS", "Person", "Post"), _holds("h-ann", "ann", "2013-02-01"))
    b.add_rel(("HOLDS", "Person", "Post"), _holds("h-bob", "bob", "2014-10-01", "month"))
    return b


def test_write_then_read_back_gives_python_values(any_store):
    any_store.write(small_batch())
    rows = any_store.query(
        "MATCH (c:Council {id: $id}) RETURN c.name AS name, c.aliases AS aliases, c.description AS description",
        {"id": "testshire"},
    )
    assert rows == [{"name": COUNCIL["name"], "aliases": COUNCIL["aliases"], "description": COUNCIL["description"]}]
    h = any_store.query(
        "MATCH (p:Person)-[h:HOLDS]->(:Post) RETURN p.id AS who, h.valid_from AS start, h.valid_until AS until, "
        "h.valid_until_precision AS precision, h.until_basis AS basis, h.quotes AS quotes ORDER BY who"
    )
    # Dates come back as datetime.date on both engines; the derived end of Ann's open holding is Bob's start.
    assert h == [
        {"who": "ann", "start": dt.date(2013, 2, 1), "until": dt.date(2014, 10, 1), "precision": "month",
         "basis": "superseded", "quotes": ["“appointed”"]},
        {"who": "bob", "start": dt.date(2014, 10, 1), "until": None, "precision": None, "basis": None,
         "quotes": ["“appointed”"]},
    ]
    assert type(h[0]["start"]) is dt.date and type(h[0]["quotes"]) is list


def test_counts_kinds_and_emptiness(any_store):
    assert any_store.is_empty()
    any_store.write(small_batch())
    assert not any_store.is_empty()
    counts = any_store.counts()
    assert (counts["Council"], counts["Person"], counts["Post"], counts["HOLDS"], counts["POST_IN"]) == (1, 2, 1, 2, 1)
    assert any_store.kinds_of(["ann", "testshire", "src-1", "nobody"]) == {"ann": "Person", "testshire": "Council", "src-1": "Source"}


def test_writing_the_same_batch_twice_changes_nothing(any_store):
    any_store.write(small_batch())
    before = any_store.fingerprint()
    any_store.write(small_batch(), batch_size=1)
    assert any_store.fingerprint() == before


def test_a_failing_write_leaves_the_graph_exactly_as_it_was(any_store):
    any_store.write(small_batch())
    before = any_store.fingerprint()
    bad = small_batch()
    bad.add_node("Person", _person("carol", "Carol"))
    bad.add_rel(("HOLDS", "Person", "Post"), _holds("h-carol", "carol", "2015-13-45"))  # no such date
    with pytest.raises((StoreError, RuntimeError)):
        any_store.write(bad, batch_size=1)
    assert any_store.fingerprint() == before
    assert "carol" not in any_store.kinds_of(["carol"])


def test_questions_may_not_write(any_store):
    any_store.write(small_batch())
    before = any_store.fingerprint()
    with pytest.raises(ReadOnlyViolation):
        any_store.query("MATCH (c:Council) SET c.name = 'changed' RETURN c.id AS id")
    assert any_store.fingerprint() == before


def test_replace_makes_the_graph_exactly_the_batch(any_store):
    any_store.write(small_batch())
    other = WriteBatch()
    other.add_node("Source", {**SOURCE, "id": "src-2"})
    any_store.replace(other)
    assert any_store.dump()["nodes"] == [{**SOURCE, "id": "src-2", "label": "Source", "content_hash": None}]
    assert any_store.dump()["relationships"] == []
    any_store.clear()
    assert all(v == 0 for v in any_store.counts().values())


def test_dump_is_the_written_rows(any_store):
    any_store.write(small_batch())
    d = any_store.dump()
    council = next(n for n in d["nodes"] if n["id"] == "testshire")
    # every column of the model, null where the row did not give it
    assert council == {**dict.fromkeys(c.name for c in node_columns("Council")), **COUNCIL, "label": "Council"}
    bob = next(r for r in d["relationships"] if r["id"] == "h-bob")
    assert (bob["from"], bob["to"], bob["from_label"], bob["to_label"]) == ("bob", "testshire/dcs", "Person", "Post")
    assert bob["valid_from"] == "2014-10-01" and bob["sources"] == ["src-1"]


# ---------------------------------------------------------------- templates: same rows everywhere


def _examples() -> dict[str, dict]:
    return {
        "chain_from": {"start": "somerset", "at": "2004-06-01"},
        "changes": {"council": "somerset", "from": "2014", "to": "2015-06"},
        "churn": {"from": "2010", "to": "2016"},
        "connection": {"a": "peter-lewis", "b": "julian-wooster"},
        "contested": {},
        "council_arrangements": {"council": "birmingham", "at": "2019-06-01"},
        "council_by_id": {"id": "somerset"},
        "council_changes": {"council": "somerset", "from": "2014", "to": "2015-06"},
        "council_lines": {"councils": ["somerset", "doncaster"]},
        "council_renames": {},
        "council_posts": {"council": "somerset"},
        "council_predecessors": {"council": "north-northamptonshire"},
        "council_records": {},
        "council_successors": {"council": "northamptonshire"},
        "councils": {"region": "South West"},
        "evidence_of": {"ids": ["holds:peter-lewis>somerset/dcs", "frame:post_in:somerset/dcs>somerset"]},
        "find_council": {"q": "somerset"},
        "find_entity": {"q": "Peter Lewis"},
        "gaps": {"at": "2014-11-15", "region": "South West"},
        "holdings": {"posts": ["somerset/dcs"]},
        "holders_holdings": {"posts": ["somerset/dcs", "dfe/childrens_minister"]},
        "inspection_records": {},
        "inspections": {"council": "somerset"},
        "inspections_published": {"from": "2015", "to": "2015"},
        "interventions": {},
        "joint_roles": {},
        "month_starts": {"at": "2014-11-15", "since": "2013-11-14", "region": "South West"},
        "names": {"kinds": ["Person", "Trust"]},
        "national": {"region": "South West"},
        "neighbourhood": {"entity": "somerset", "depth": 2},
        "outsourced": {"at": "2015-06-01"},
        "person_roles": {"person": "peter-lewis"},
        "person_holdings": {"persons": ["peter-lewis", "julian-wooster"]},
        "post_history": {"council": "somerset"},
        "post_lines": {"posts": ["somerset/dcs", "dfe/testshire_commissioner", "dfe/secretary_of_state"]},
        "post_holdings": {"posts": ["somerset/dcs"]},
        "sources": {},
        "sources_by_id": {"ids": ["lgc-2014-10-no-gaps", "cypnow-2015-03-somerset-ofsted"]},
        "sources_for": {"id": "somerset"},
        "who_is_accountable": {"council": "somerset", "at": "2014-11-15"},
        "whole_graph": {},
        # the templates of each kind the pages walk and draw with (queries/by_kind.py)
        **{f"neighbours_{param_name(kind)}{scan}": {param_name(kind): ids} for kind, ids in ONE_OF_EACH_KIND.items() for scan in ("", "_scan")},
        **{f"subgraph_{param_name(kind)}": {param_name(kind): ids, "to_ids": [i for some in ONE_OF_EACH_KIND.values() for i in some]}
           for kind, ids in ONE_OF_EACH_KIND.items()},
    }


ONE_OF_EACH_KIND = {"Council": ["somerset", "doncaster"], "Person": ["peter-lewis"], "Post": ["somerset/dcs"],
                    "Trust": ["doncaster-childrens-services-trust"], "Department": ["dfe"], "Inspectorate": ["ofsted"],
                    "Association": ["adcs"], "Inspection": ["somerset/inspection/2013-08"]}


def test_every_template_has_an_example_here():
    assert set(_examples()) == set(registry.templates())


@pytest.mark.parametrize("name", sorted(_examples()))
def test_template_gives_the_embedded_answer_on_every_backend(any_loaded, loaded, name):
    """On the embedded store this compares two copies; with NEO4J_URI it compares Neo4j with the embedded store."""
    params = _examples()[name]
    got = registry.run(any_loaded, name, params)
    want = registry.run(loaded, name, params)
    assert got, f"{name} answered nothing for {params}: the example should have rows"
    # rows in the same order where the template orders them; as the same multiset where it does
    # not (a UNION's parts, which the Python layer orders; a template with no ORDER BY)
    text = registry.get(name).text
    if "UNION" in text or "ORDER BY" not in text:
        assert sorted(map(repr, got)) == sorted(map(repr, want))
    else:
        assert got == want


def test_who_gives_the_same_answer_on_every_backend(any_loaded, loaded):
    for on in ("2014-01-15", "2014-11-15", "2015-04-15"):
        a = who(any_loaded, "somerset", on)
        assert a == who(loaded, "somerset", on)
    assert who(any_loaded, "somerset", "2015-04-15")["chain"][0]["holder"] == "Julian Wooster"


def test_fingerprint_of_the_bundled_graph_is_the_same_on_every_backend(any_loaded, loaded):
    assert any_loaded.fingerprint() == loaded.fingerprint()
