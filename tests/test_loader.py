"""Facts in: validation with file and line, all-or-nothing writes, idempotence."""

from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from accountable.loaders import facts
from accountable.loaders.problems import InvalidInput

SOURCE = dedent(
    """\
    sources:
      - id: test-article
        title: A test article
        publisher: Test Press
        published: 2020-05
        source_kind: news
    """
)

GOOD = SOURCE + dedent(
    """\
    entities:
      - {kind: Council, id: testshire, name: Testshire County Council, aliases: [Testshire], la_code: "999"}
      - {kind: Person, id: ann-example, name: Ann Example}
    relationships:
      - kind: HOLDS
        id: holds:ann>testshire/dcs
        from: ann-example
        to: testshire/dcs
        capacity: interim
        start: 2020-01
        evidence:
          - source: test-article
            quote: "Ann Example, interim DCS"
    """
)


def write(tmp_path: Path, text: str, name: str = "facts.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(paths, store) -> list[str]:
    with pytest.raises(InvalidInput) as e:
        facts.load(paths, store)
    return [str(p) for p in e.value.problems]


def test_bundled_facts_load_with_their_frame(loaded):
    import json

    from accountable.loaders.derive import derived_dir

    counts = loaded.counts()
    # every children's services authority of the derived councils, current and former, the nine
    # article councils among them (the same ids, not added again), and any council only the
    # bundled fact files name
    records = [json.loads(x) for x in (derived_dir() / "councils.jsonl").read_text(encoding="utf-8").splitlines()]
    derived_ids = {r["id"] for r in records if r.get("kind") == "Council"}
    bundled = [yaml.safe_load(f.read_text(encoding="utf-8")) or {} for f in sorted(facts.bundled_dir().glob("*.yaml"))]
    curated_only = {e["id"] for d in bundled for e in d.get("entities", []) if e["kind"] == "Council"} - derived_ids
    assert counts["Council"] == len(derived_ids) + len(curated_only)
    # the sources of the fact files and of the derived facts this graph holds (the reports' facts
    # are left out of it), each once
    from conftest import WITHOUT_REPORTS

    held = [p for p in derived_dir().glob("*.jsonl") if p.stem not in WITHOUT_REPORTS]
    assert len(held) < len(list(derived_dir().glob("*.jsonl")))
    derived_sources = {json.loads(x)["id"] for p in held
                       for x in p.read_text(encoding="utf-8").splitlines() if json.loads(x)["type"] == "source"}
    curated_sources = {s["id"] for d in bundled for s in d.get("sources", [])}
    assert counts["Source"] == len(curated_sources | derived_sources)
    # every council has its four statutory posts
    rows = loaded.query("MATCH (p:Post)-[:POST_IN]->(c:Council) RETURN c.id AS c, count(p) AS n")
    assert {r["c"]: r["n"] for r in rows}["somerset"] == 5  # four statutory posts and the leader


def test_loading_twice_changes_nothing(loaded):
    before = loaded.fingerprint()
    facts.load([facts.bundled_dir()], loaded)
    assert loaded.fingerprint() == before


def test_a_changed_fact_updates_in_place(store, tmp_path):
    p = write(tmp_path, GOOD)
    facts.load([p], store)
    write(tmp_path, GOOD.replace("capacity: interim", "capacity: substantive"))
    facts.load([p], store)
    rows = store.query("MATCH (:Person)-[h:HOLDS]->(:Post {id: 'testshire/dcs'}) RETURN h.capacity AS c")
    assert [r["c"] for r in rows] == ["substantive"]


def test_date_precision_and_open_ends_are_stored(store, tmp_path):
    facts.load([write(tmp_path, GOOD)], store)
    (row,) = store.query(
        "MATCH (:Person)-[h:HOLDS]->(:Post {id: 'testshire/dcs'}) "
        "RETURN h.valid_from_precision AS p, h.valid_until AS u, h.last_confirmed AS lc, h.last_confirmed_precision AS lcp, h.sources AS s"
    )
    assert row["p"] == "month" and row["u"] is None
    assert (str(row["lc"]), row["lcp"]) == ("2020-05-01", "month")
    assert row["s"] == ["test-article"]


def test_a_fact_without_a_start_begins_at_its_earliest_source(store, tmp_path):
    facts.load([write(tmp_path, GOOD.replace("    start: 2020-01\n", ""))], store)
    (row,) = store.query("MATCH (:Person)-[h:HOLDS]->(:Post) RETURN h.valid_from AS f, h.valid_from_precision AS p, h.start_basis AS b")
    assert (str(row["f"]), row["p"], row["b"]) == ("2020-05-01", "month", "source_date")


def test_a_later_holding_ends_an_open_one(loaded):
    (row,) = loaded.query(
        "MATCH (:Person {id: 'patrick-flaherty'})-[h:HOLDS]->(:Post {id: 'somerset/dcs'}) "
        "RETURN h.valid_until AS u, h.valid_until_precision AS p, h.until_basis AS b"
    )
    assert (str(row["u"]), row["p"], row["b"]) == ("2015-03-01", "month", "superseded")


BAD = [
    ("sources: [\n  - id: x\n", 2, "yaml", "not valid YAML"),
    (SOURCE + "entities:\n  - {kind: Council, id: a, name: A, sources: [nope]}\n", 8, "sources", "unknown source 'nope'"),
    (GOOD.replace("source: test-article\n        quote", "source: missing\n        quote"), 18, "evidence.0.source", "unknown source 'missing'"),
    (GOOD.replace("start: 2020-01", "start: 2020-02-30"), 16, "start", "February 2020 has no day 30"),
    (GOOD.replace("start: 2020-01", "start: 2020-01\n    end: 2019-12"), 17, "end", "ends (2019-12) before it starts (2020-01)"),
    (GOOD.replace("kind: HOLDS", "kind: HOLD"), 11, "kind", "unknown kind of relationship 'HOLD'"),
    (GOOD.replace("kind: Person", "kind: Persn"), 9, "kind", "unknown kind of entity 'Persn'"),
    (GOOD.replace("from: ann-example", "from: testshire"), 11, "kind", "HOLDS cannot run from a Council (testshire) to a Post"),
    (GOOD.replace("from: ann-example", "from: nobody"), 13, "from", "unknown entity 'nobody'"),
    (GOOD.replace("capacity: interim", "capacity: temporary"), 15, "capacity", "'temporary' is not allowed"),
    (GOOD.replace("    capacity: interim\n", "    capacity: interim\n    colour: red\n"), 16, "colour", "unknown field"),
]


@pytest.mark.parametrize("text, line, field, words", BAD)
def test_bad_input_is_named_and_nothing_is_written(loaded, tmp_path, text, line, field, words):
    before = loaded.fingerprint()
    found = problems_of([write(tmp_path, text)], loaded)
    expected = f"{tmp_path / 'facts.yaml'}:{line}: {field}: "
    assert any(p.startswith(expected) and words in p for p in found), found
    assert loaded.fingerprint() == before


def test_the_same_id_with_other_content_is_refused(store, tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, "entities:\n  - {kind: Person, id: ann-example, name: Anne Example}\n", "b.yaml")
    found = problems_of([a, b], store)
    assert found == [
        f"{b}:2: name: 'ann-example' is given again with name 'Anne Example' (first at {a}:9 with 'Ann Example'); "
        "correct one of them, or give them different ids"
    ]
    assert store.is_empty()


def test_the_same_id_with_the_same_content_is_fine(store, tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, "entities:\n  - {kind: Person, id: ann-example, name: Ann Example}\n", "b.yaml")
    report = facts.load([a, b], store)
    assert report.entities >= 2


def test_every_problem_is_reported_not_only_the_first(store, tmp_path):
    text = GOOD.replace("capacity: interim", "capacity: temporary").replace("start: 2020-01", "start: 2020-13")
    found = problems_of([write(tmp_path, text)], store)
    assert len(found) == 2


def test_duplicate_keys_are_refused(store, tmp_path):
    text = GOOD.replace("    capacity: interim\n", "    capacity: interim\n    capacity: acting\n")
    found = problems_of([write(tmp_path, text)], store)
    assert any(":16: capacity: duplicate key (first given at line 15)" in p for p in found), found


def test_references_may_point_into_the_graph(loaded, tmp_path):
    text = dedent(
        """\
        relationships:
          - kind: HOLDS
            from: peter-lewis
            to: essex/dcs
            capacity: acting
            start: 2016-01
            evidence:
              - source: cypnow-2015-03-somerset-ofsted
                quote: "a quote"
        """
    )
    facts.load([write(tmp_path, text)], loaded)
    rows = loaded.query("MATCH (:Person {id: 'peter-lewis'})-[h:HOLDS]->(p:Post {id: 'essex/dcs'}) RETURN h.capacity AS c")
    assert rows == [{"c": "acting"}]


def test_overlapping_holdings_of_one_post_by_one_person_are_refused(store, tmp_path):
    text = GOOD + (
        "  - kind: HOLDS\n"
        "    from: ann-example\n"
        "    to: testshire/dcs\n"
        "    capacity: substantive\n"
        "    start: 2020-03\n"
        "    evidence:\n"
        "      - source: test-article\n"
        "        quote: \"Ann Example, DCS\"\n"
    )
    found = problems_of([write(tmp_path, text)], store)
    assert any("the two holdings overlap" in p for p in found), found
