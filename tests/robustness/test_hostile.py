"""Hostile parameters: values that look like Cypher are data, template names come only from the
registry, labels and types only from the schema, and questions cannot write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.cli import app
from accountable.graph import ReadOnlyViolation, StoreError, WriteBatch, open_store, statements
from accountable.loaders import facts
from accountable.loaders.problems import InvalidInput
from accountable.queries import registry
from accountable.queries.registry import Template, TemplateError

pytestmark = pytest.mark.robustness

CYPHER = "x'}) MATCH (n) DETACH DELETE n //"
CYPHERS = [
    CYPHER,
    'x"}) MATCH (n) DETACH DELETE n //',
    "somerset' OR 1=1 //",
    "') RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //",
    "$council",
    "`Council`",
    "x\\'; MATCH (n) DETACH DELETE n; //",
    "*/ MATCH (n) DETACH DELETE n /*",
]


@pytest.fixture
def graph(loaded_path, monkeypatch):
    """The bundled graph for the CLI, and a way to read its fingerprint between commands."""
    monkeypatch.setenv("ACCOUNTABLE_DB", str(loaded_path))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)

    def fingerprint() -> str:
        with open_store("ladybug", loaded_path, read_only=True) as s:
            return s.fingerprint()

    return fingerprint


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- values are data


@pytest.mark.parametrize("value", CYPHERS)
def test_cypher_in_parameter_values_is_inert_through_query_and_who(graph, value):
    before = graph()
    r = run("query", "find_council", "--param", f"q={value}", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == []
    r = run("query", "holdings", "--param", f"posts={value}", "--param", f"persons={value}", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = run("query", "interventions", "--param", f"council={value}", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = run("who", value, "--on", "2015-04-15")
    assert r.exit_code == 2 and "no council matches" in r.stderr and "Traceback" not in r.output
    assert graph() == before


def test_cypher_looking_names_are_stored_and_found_as_text(graph, loaded_path):
    corpus = Path(__file__).resolve().parent.parent / "bad_inputs" / "accepted" / "cypher-looking-names.yaml"
    r = run("load", str(corpus))
    assert r.exit_code == 0, r.output
    counts_before = _counts(loaded_path)
    r = run("query", "find_council", "--param", f"q={CYPHER}", "--format", "json")
    assert [row["id"] for row in json.loads(r.stdout)] == ["injection-council"]
    r = run("who", CYPHER, "--on", "2020-06-01", "--format", "json")
    assert r.exit_code == 0, r.output
    answer = json.loads(r.stdout)
    assert answer["council"]["name"] == CYPHER
    dcs = next(e for e in answer["chain"] if e.get("post_kind") == "dcs")
    assert dcs["holder"] == "\" RETURN 1; MATCH (n) SET n.name = 'pwned' //"
    r = run("who", CYPHER, "--on", "2020-06-01")  # the table too: nothing interpreted
    assert r.exit_code == 0 and CYPHER in r.stdout
    assert _counts(loaded_path) == counts_before


def _counts(path: Path) -> dict[str, int]:
    with open_store("ladybug", path, read_only=True) as s:
        return s.counts()


@pytest.mark.parametrize("args, words", [
    (["--param", f"{CYPHER}=1"], "has no parameter"),
    (["--param", "q})-[r]-() DELETE r //=x"], "has no parameter"),
    (["--param", "q"], "write key=value"),
])
def test_parameter_names_come_only_from_the_templates_header(graph, args, words):
    before = graph()
    r = run("query", "find_council", *args)
    assert r.exit_code == 2 and words in r.stderr
    assert graph() == before


def test_dates_are_checked_before_anything_runs(graph):
    before = graph()
    r = run("who", "somerset", "--on", f"2015-04-15{CYPHER}")
    assert r.exit_code == 2 and "is not a full date; write a day as YYYY-MM-DD, or today" in r.stderr
    r = run("query", "outsourced", "--param", f"at=2015-04-15') DETACH DELETE n //")
    assert r.exit_code == 2 and "is not a full date; write a day as YYYY-MM-DD, or today" in r.stderr
    assert graph() == before


# ---------------------------------------------------------------- template names come only from the registry


@pytest.mark.parametrize("name", [
    "holdings; MATCH (n) DETACH DELETE n", "../queries/holdings", "holdings.cypher", "ladybug/holdings",
    "/etc/passwd", "HOLDINGS", "MATCH (n) DETACH DELETE n", "",
])
def test_only_registered_templates_run(graph, name):
    before = graph()
    r = run("query", name)
    assert r.exit_code == 2 and "no template" in r.stderr and "who_is_accountable" in r.stderr
    with pytest.raises(TemplateError):
        registry.get(name)
    assert graph() == before


def test_a_cypher_file_elsewhere_is_not_a_template(tmp_path, monkeypatch, graph):
    (tmp_path / "evil.cypher").write_text("// name: evil\nMATCH (n) DETACH DELETE n\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "evil" not in registry.templates()
    r = run("query", "evil")
    assert r.exit_code == 2 and "no template 'evil'" in r.stderr


# ---------------------------------------------------------------- labels and types only from the schema


@pytest.mark.parametrize("build", [
    lambda: statements.upsert_nodes("Person) DETACH DELETE (n", statements.ladybug_cast),
    lambda: statements.upsert_rels("HOLDS]->() DELETE r //", "Person", "Post", statements.ladybug_cast),
    lambda: statements.upsert_rels("HOLDS", "Council", "Post", statements.ladybug_cast),
    lambda: statements.ids_of("Council`) DETACH DELETE n //"),
    lambda: statements.nodes_by_ids("Nope"),
    lambda: statements.rels_by_ids("NOPE"),
    lambda: statements.count_rels("x]-() DELETE r //"),
])
def test_statements_take_labels_and_types_only_from_the_model(build):
    with pytest.raises(ValueError, match="model|does not run"):
        build()


def test_a_batch_with_a_label_outside_the_model_writes_nothing(loaded):
    before = loaded.fingerprint()
    batch = WriteBatch()
    batch.add_node("Person", {"id": "fine", "name": "Fine", "aliases": [], "description": None, "sources": [], "kind": "Person"})
    batch.add_node("Person) DETACH DELETE (n", {"id": "x"})
    with pytest.raises(ValueError):
        loaded.write(batch)
    assert loaded.fingerprint() == before


def test_a_fact_file_cannot_name_a_label_or_type(loaded, tmp_path):
    before = loaded.fingerprint()
    bad = tmp_path / "labels.yaml"
    bad.write_text(
        "entities:\n  - {kind: \"Person) DETACH DELETE (n\", id: x, name: X}\n"
        "relationships:\n  - {kind: \"HOLDS]->() DELETE r //\", from: a, to: b, evidence: [{source: s, quote: q}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as e:
        facts.load([bad], loaded)
    assert [p.field for p in e.value.problems] == ["kind", "kind"]
    assert loaded.fingerprint() == before


# ---------------------------------------------------------------- questions cannot write

WRITES = [
    "MATCH (n:Person) DETACH DELETE n",
    "MATCH (n:Person) SET n.name = 'pwned' RETURN n.id",
    "CREATE (:Person {id: 'evil', name: 'Evil', kind: 'Person'})",
    "MERGE (:Person {id: 'evil'})",
    "MATCH (n:Person) RETURN n.id; MATCH (n:Person) DETACH DELETE n",
    "COMMIT; MATCH (n:Person) DETACH DELETE n",
    "ROLLBACK; CREATE (:Person {id: 'evil', name: 'Evil', kind: 'Person'})",
    "RETURN 1 /* ; */ ; MATCH (n:Person) DETACH DELETE n",
    "COMMIT",
    "BEGIN TRANSACTION",
    "DROP TABLE Inspection",
    "ALTER TABLE Person ADD evil STRING",
    "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id))",
    "COPY Person FROM '/dev/null'",
    "CALL threads = 1",
    "CHECKPOINT",
    "INSTALL httpfs",
    "LOAD EXTENSION httpfs",
    "ATTACH '/tmp/other.lbdb' AS other (dbtype lbug)",
    "USE other",
    "EXPORT DATABASE '/tmp/accountable-export'",
    "IMPORT DATABASE '/tmp/accountable-export'",
]


@pytest.fixture(scope="module")
def one_graph(_bundled_graph, tmp_path_factory):
    """One open copy of the bundled graph for every attempt, with its fingerprint before them all."""
    import shutil

    d = tmp_path_factory.mktemp("hostile")
    for f in _bundled_graph.parent.iterdir():
        if f.name.startswith(_bundled_graph.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, d / f.name)
    with open_store("ladybug", d / _bundled_graph.name) as s:
        yield s, s.fingerprint()


@pytest.mark.parametrize("text", WRITES)
def test_questions_cannot_write_through_the_stores_query(one_graph, text):
    store, before = one_graph
    with pytest.raises((ReadOnlyViolation, StoreError, RuntimeError)):
        store.query(text)
    assert store.fingerprint() == before
    assert store.query("MATCH (n:Person) RETURN count(n) AS n")[0]["n"] > 0  # the connection still answers


def test_cypher_inside_a_string_literal_stays_a_string(loaded):
    before = loaded.fingerprint()
    rows = loaded.query("RETURN 'a\\'; MATCH (n) DETACH DELETE n; //' AS x")
    assert rows == [{"x": "a'; MATCH (n) DETACH DELETE n; //"}]
    assert loaded.fingerprint() == before


def test_questions_cannot_write_files(loaded, tmp_path):
    out = tmp_path / "people.csv"
    for text in (f"COPY (MATCH (n:Person) RETURN n.name) TO '{out}'", f"LOAD FROM '{out}' RETURN *"):
        with pytest.raises(ReadOnlyViolation):
            loaded.query(text)
    assert not out.exists()


def test_a_template_like_text_that_writes_is_refused(loaded, tmp_path):
    """A text dressed as a template, with a header and checked parameters, still runs read-only."""
    text = "// name: evil\n// param: council: string\nMATCH (c:Council {id: $council}) DETACH DELETE c\n"
    path = tmp_path / "evil.cypher"
    path.write_text(text, encoding="utf-8")
    evil = Template(name="evil", description="", params=(registry.Param("council", "string"),), returns=(), text=text, path=path)
    before = loaded.fingerprint()
    with pytest.raises(ReadOnlyViolation, match="may not change the graph"):
        loaded.query(evil.text_for(loaded.name), evil.bind({"council": "somerset"}))
    assert loaded.fingerprint() == before


def test_every_registered_template_is_a_read(loaded):
    """The templates themselves pass the guard and run in read transactions on the bundled graph."""
    before = loaded.fingerprint()
    for t in registry.templates().values():
        params = {p.name: "somerset" for p in t.params if p.required}
        loaded.query(t.text_for(loaded.name), t.bind(params))
    assert loaded.fingerprint() == before
