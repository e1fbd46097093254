"""The same fact given again: by a later load or a second file. Nothing is silently overwritten;
sources that disagree are both kept and the fact is marked disputed (loaders/reconcile.py)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

from accountable.cli import app
from accountable.graph import open_store
from accountable.loaders import facts
from accountable.loaders.problems import InvalidInput
from accountable.queries.who import who

pytestmark = pytest.mark.robustness

BASE = dedent(
    """\
    sources:
      - {id: first-article, title: First article, publisher: Press One, published: 2020-05, source_kind: news}
    entities:
      - {kind: Council, id: testshire, name: Testshire County Council, la_code: "999"}
      - {kind: Person, id: ann-example, name: Ann Example}
    relationships:
      - kind: HOLDS
        id: holds:ann>testshire/dcs
        from: ann-example
        to: testshire/dcs
        capacity: interim
        start: 2020-01
        evidence:
          - source: first-article
            quote: "Ann Example, interim DCS since January"
    """
)
OTHER_SOURCE = "sources:\n  - {id: second-article, title: Second article, publisher: Press Two, published: 2020-06-02, source_kind: news}\n"


def holding(start: str = "2020-02", source: str = "second-article", quote: str = "Ann Example, interim DCS since February", extra: str = "") -> str:
    return dedent(
        f"""\
        relationships:
          - kind: HOLDS
            id: holds:ann>testshire/dcs
            from: ann-example
            to: testshire/dcs
            capacity: interim
            start: {start}
        {extra}    evidence:
              - source: {source}
                quote: "{quote}"
        """
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def the_holding(store) -> dict:
    (row,) = store.query(
        "MATCH (:Person {id: 'ann-example'})-[h:HOLDS]->(:Post {id: 'testshire/dcs'}) "
        "RETURN h.valid_from AS start, h.status AS status, h.sources AS sources, h.accounts AS accounts, h.quotes AS quotes, h.note AS note"
    )
    row["start"] = str(row["start"])
    return row


@pytest.fixture
def files(tmp_path):
    a = write(tmp_path, "a.yaml", BASE)
    b = write(tmp_path, "b.yaml", OTHER_SOURCE + holding())
    return a, b


def test_a_later_load_from_another_source_that_disagrees_keeps_both_and_marks_the_fact_disputed(store, files):
    a, b = files
    facts.load([a], store)
    report = facts.load([b], store)
    row = the_holding(store)
    assert row["start"] == "2020-01-01"  # the first version stays in front: not overwritten
    assert row["status"] == "disputed"
    assert row["sources"] == ["first-article", "second-article"]
    assert row["accounts"] == ["start 2020-01", "start 2020-02"]
    assert row["note"] == "Sources disagree on start: 2020-01 (first-article) or 2020-02 (second-article)."
    assert report.outcomes == {"contested": 1}
    assert [str(n) for n in report.notices] == [
        f"{b}:9: start: 'holds:ann>testshire/dcs': sources disagree on start 2020-01 (in the graph, from first-article) "
        "or 2020-02 (from second-article); both are kept and the fact is marked disputed. If this file corrects it, load it with --replace"
    ]


def test_the_disagreement_reaches_the_who_answer(store, files):
    a, b = files
    facts.load([a], store)
    facts.load([b], store)
    answer = who(store, "testshire", "2020-03-01")
    contested = [f for f in answer["flags"] if f["kind"] == "contested"]
    assert len(contested) == 1
    assert "start 2020-01" in contested[0]["message"] and "start 2020-02" in contested[0]["message"]
    dcs = next(e for e in answer["chain"] if e.get("post_kind") == "dcs")
    assert {s["id"] for s in dcs["sources"]} >= {"first-article", "second-article"}


def test_one_load_of_both_files_gives_the_same_graph_as_two_loads(tmp_path, files):
    a, b = files
    with open_store("ladybug", tmp_path / "one.lbdb") as one, open_store("ladybug", tmp_path / "two.lbdb") as two:
        facts.load([a, b], one)
        facts.load([a], two)
        facts.load([b], two)
        assert one.fingerprint() == two.fingerprint()


def test_loading_either_file_again_after_the_dispute_changes_nothing(store, files):
    a, b = files
    facts.load([a], store)
    facts.load([b], store)
    before = store.fingerprint()
    for paths in ([a], [b], [a, b], [b, a]):
        report = facts.load(paths, store)
        assert store.fingerprint() == before, paths
        assert report.notices == []


def test_new_evidence_for_the_same_fact_adds_to_its_sources(store, tmp_path, files):
    a, _ = files
    facts.load([a], store)
    more = write(tmp_path, "more.yaml", OTHER_SOURCE + holding(start="2020-01", quote="interim DCS Ann Example"))
    report = facts.load([more], store)
    row = the_holding(store)
    assert (row["start"], row["status"], row["sources"]) == ("2020-01-01", "asserted", ["first-article", "second-article"])
    assert row["quotes"] == ["Ann Example, interim DCS since January", "interim DCS Ann Example"]
    assert report.outcomes == {"merged": 1} and report.notices == []


def test_a_correction_citing_every_source_replaces_the_graphs_version_and_says_so(store, tmp_path, files):
    a, _ = files
    facts.load([a], store)
    write(tmp_path, "a.yaml", BASE.replace("start: 2020-01", "start: 2019-12"))
    report = facts.load([a], store)
    row = the_holding(store)
    assert (row["start"], row["status"]) == ("2019-12-01", "asserted")
    assert [str(n) for n in report.notices] == [
        f"{a}:12: start: 'holds:ann>testshire/dcs' corrected: start 2020-01 -> 2019-12 (this version cites every source of the graph's)"
    ]


def test_a_version_sharing_some_but_not_all_sources_is_refused_naming_both(store, tmp_path, files):
    a, b = files
    facts.load([a], store)
    facts.load([b], store)
    before = store.fingerprint()
    edited = write(tmp_path, "edited.yaml", holding(start="2019-11", source="first-article", quote="Ann Example, interim DCS since January"))
    with pytest.raises(InvalidInput) as e:
        facts.load([edited], store)
    assert [str(p) for p in e.value.problems] == [
        f"{edited}:7: start: 'holds:ann>testshire/dcs' is in the graph with start 2020-01 (sources: first-article, second-article); "
        "this version gives 2019-11 but does not cite second-article. To correct the fact, cite all its sources, or load with --replace"
    ]
    assert store.fingerprint() == before


def test_replace_makes_the_files_version_the_fact(store, tmp_path, files):
    a, b = files
    facts.load([a], store)
    facts.load([b], store)
    edited = write(tmp_path, "edited.yaml", holding(start="2019-11", source="first-article", quote="Ann Example, interim DCS since January"))
    report = facts.load([edited], store, replace=True)
    row = the_holding(store)
    assert (row["start"], row["status"], row["sources"], row["accounts"]) == ("2019-11-01", "asserted", ["first-article"], [""])
    assert report.outcomes == {"replaced": 1}


def test_the_cli_prints_the_dispute_and_refusals_with_their_places(tmp_path, monkeypatch, files):
    a, b = files
    monkeypatch.setenv("ACCOUNTABLE_DB", str(tmp_path / "cli.lbdb"))
    run = CliRunner().invoke
    assert run(app, ["load", str(a)]).exit_code == 0
    r = run(app, ["load", str(b)])
    assert r.exit_code == 0
    assert r.stdout.strip() == "loaded 1 sources, 0 entities and 1 relationships from 1 file(s) (1 contested)"
    assert r.stderr.startswith(f"{b}:9: start: 'holds:ann>testshire/dcs': sources disagree on start 2020-01")
    renamed = write(tmp_path, "renamed.yaml", "entities:\n  - {kind: Person, id: ann-example, name: Anne Example}\n")
    r = run(app, ["load", str(renamed)])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"{renamed}:2: name: 'ann-example' is already in the graph with name 'Ann Example'; this file gives 'Anne Example'. "
        "If this file corrects it, load it with --replace",
        "1 problem found; nothing was written.",
    ]
    r = run(app, ["load", "--replace", str(renamed)])
    assert r.exit_code == 0, r.output
    assert r.stderr == f"{renamed}:2: name: 'ann-example' replaced (--replace): name 'Ann Example' -> 'Anne Example'\n"


def test_entities_given_again_are_merged_when_they_agree(store, tmp_path, files):
    a, _ = files
    facts.load([a], store)
    more = write(tmp_path, "more.yaml", dedent(
        """\
        entities:
          - {kind: Council, id: testshire, name: Testshire County Council, aliases: [Testshire CC], gss_code: E10000099, region: South West}
        """
    ))
    report = facts.load([more], store)
    (row,) = store.query("MATCH (c:Council {id: 'testshire'}) RETURN c.la_code AS la, c.gss_code AS gss, c.aliases AS aliases, c.region AS region")
    assert row == {"la": "999", "gss": "E10000099", "aliases": ["Testshire CC"], "region": "South West"}
    assert report.outcomes == {"merged": 1}


def test_an_id_cannot_move_to_other_ends_even_with_replace(store, tmp_path, files):
    a, _ = files
    facts.load([a], store)
    before = store.fingerprint()
    moved = write(tmp_path, "moved.yaml", holding(source="first-article", quote="q").replace("from: ann-example", "from: bob-example")
                  + "entities:\n  - {kind: Person, id: bob-example, name: Bob Example}\n")
    for replace in (False, True):
        with pytest.raises(InvalidInput) as e:
            facts.load([moved], store, replace=replace)
        assert [p.field for p in e.value.problems] == ["id"]
        assert "already names a HOLDS from ann-example to testshire/dcs in the graph; here it names a HOLDS from bob-example" in str(e.value)
    assert store.fingerprint() == before
    assert len(store.query("MATCH ()-[h:HOLDS {id: 'holds:ann>testshire/dcs'}]->() RETURN h.id AS id")) == 1
