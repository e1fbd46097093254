"""The question commands as a user runs them: table, JSON and CSV; parameters checked before
anything runs; and no question can change the graph."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from accountable.cli import app
from accountable.graph import ReadOnlyViolation, open_store
from accountable.queries import churn, connection, contested, gaps, history, interventions, joint_roles, outsourced, registry, sources_for


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- every command, every format


COMMANDS = [
    (("history", "testshire", "--from", "2005", "--to", "2014"), history.CSV_COLUMNS, 9),
    (("churn", "--from", "2005", "--to", "2014", "--region", "Fixtureland West"), churn.CSV_COLUMNS, 1),
    (("gaps", "--on", "2012-04-01", "--region", "Fixtureland West"), gaps.CSV_COLUMNS, 2),
    (("joint-roles",), joint_roles.CSV_COLUMNS, 3),
    (("outsourced", "--on", "2015-06-01"), outsourced.CSV_COLUMNS, 4),
    (("interventions", "testshire"), interventions.CSV_COLUMNS, 2),
    (("path", "alice-example", "nora-placeholder"), connection.CSV_COLUMNS, 5),
    (("sources", "frank-mock"), sources_for.CSV_COLUMNS, 3),
    (("contested",), contested.CSV_COLUMNS, 7),
]


@pytest.mark.parametrize("args, columns, n", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_every_question_answers_as_table_json_and_csv(ask, args, columns, n):
    table = ask(*args)
    assert table.exit_code == 0, table.output
    assert "Sources" in table.stdout or "[1]" in table.stdout
    as_json = ask(*args, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["sources"], "every answer lists its sources"
    as_csv = ask(*args, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.stdout.splitlines()[0] == ",".join(columns)
    assert len(csv_rows(as_csv.stdout)) == n


def test_history_table_says_eight_in_ten_years_and_fits_80_columns(ask):
    r = ask("history", "Testshire", "--from", "2005", "--to", "2014")
    lines = r.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert "8 people held the post (4 substantive or joint, 4 interim or acting)" in r.stdout
    assert "Frank Mock [disputed]" in r.stdout
    assert "[1] he resigned; [2] the council did not renew his contract" in " ".join(x.strip() for x in lines)
    rows = csv_rows(ask("history", "testshire", "--from", "2005", "--to", "2014", "--format", "csv").stdout)
    assert [(x["person"], x["capacity"], x["from"], x["to"]) for x in rows][4] == ("Erin Dummy", "substantive", "2009-10", "2012-02-15")
    assert rows[-1]["to_basis"] == "succeeded" and rows[-1]["sources"] == "fixture-gazette-2015"


def test_json_answers_have_their_documented_shape(ask):
    h = json.loads(ask("history", "testshire", "--post", "dass", "--format", "json").stdout)
    assert (h["holders"], h["post"]["kind"], h["period"]["text"]) == (2, "dass", "at any date")
    assert {"person", "capacity", "from", "to", "status", "sources"} <= h["holdings"][0].keys()
    g = json.loads(ask("gaps", "--on", "2014-11-15", "--post", "dcs", "--gap", "vacant", "--format", "json").stdout)
    assert [(x["council_id"], x["gap"]) for x in g["gaps"]] == [("rotherham", "vacant")]
    p = json.loads(ask("path", "peter-lewis", "julian-wooster", "--format", "json").stdout)
    assert [s["fact"] for s in p["steps"]] == [
        "Peter Lewis holds Director of Children's Services, Somerset County Council (interim)",
        "Julian Wooster holds Director of Children's Services, Somerset County Council (substantive)",
    ]


def test_templates_lists_every_question_with_its_parameters(ask):
    rows = {t["name"]: t for t in json.loads(ask("templates", "--format", "json").stdout)}
    for name in ("post_history", "churn", "gaps", "joint_roles", "outsourced", "interventions", "connection",
                 "sources_for", "contested", "find_entity"):
        assert name in rows
    assert "post (one of dcs|lead_member|chief_executive|dass, default dcs)" in rows["post_history"]["parameters"]
    assert "from (start of a period: YYYY, YYYY-MM or YYYY-MM-DD, default 1800)" in rows["post_history"]["parameters"]
    assert rows["connection"]["ladybug_override"] is True


def test_query_runs_a_question_template_by_name(ask):
    r = ask("query", "post_history", "--param", "council=testshire", "--param", "from=2012", "--param", "to=2012", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert [x["person"] for x in csv_rows(r.stdout)] == ["Erin Dummy", "Jack Token", "Frank Mock"]


# ---------------------------------------------------------------- bad parameters: exit 2, named, before anything runs


@pytest.mark.parametrize("args, message", [
    (("history", "testshire", "--post", "ceo"), "parameter 'post': 'ceo' is not one of dcs, lead_member, chief_executive, dass"),
    (("history", "testshire", "--from", "2014-13"), "parameter 'from': '2014-13': there is no month 13"),
    (("history", "testshire", "--from", "2015", "--to", "2005"), "parameter 'to': the period ends (2005) before it begins (2015)"),
    (("churn", "--to", "soon"), "parameter 'to': 'soon' is not a date"),
    (("churn", "--limit", "-1"), "parameter 'limit'"),
    (("gaps", "--on", "2014"), "parameter 'on': '2014' is not a full date; write a day as YYYY-MM-DD, or today"),
    (("gaps", "--post", "mayor"), "parameter 'posts': 'mayor' is not among dcs, lead_member, chief_executive, dass"),
    (("gaps", "--gap", "empty"), "parameter 'gap': 'empty' is not among vacant, declared, interim, acting, unknown"),
    (("joint-roles", "--on", "2014-11-15", "--from", "2014"), "give either --on or --from/--to, not both"),
    (("path", "somerset", "doncaster", "--via", "KNOWS"), "parameter 'via': 'KNOWS' is not among HOLDS"),
    (("path", "somerset", "doncaster", "--on", "2014-02-30"), "February 2014 has no day 30"),
    (("outsourced", "--on", "yesterday"), "parameter 'on'"),
    (("interventions", "--from", "2015-00"), "parameter 'from'"),
    (("churn", "--format", "xml"), "unknown format 'xml'; choose one of: table, json, csv"),
    (("query", "churn", "--param", "post=mayor"), "parameter 'post': 'mayor' is not one of"),
    (("query", "post_history", "--param", "council=x", "--param", "colour=red"), "post_history has no parameter 'colour'"),
])
def test_bad_parameters_are_named_exit_2_and_open_nothing(tmp_path, monkeypatch, args, message):
    db = tmp_path / "never.lbdb"
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db))
    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.output
    assert not db.exists(), "checked before the graph was opened (or created)"


@pytest.mark.parametrize("args, message", [
    (("history", "atlantis"), "no council matches 'atlantis'"),
    (("history", "upon thames"), "Kingston"),
    (("path", "somerset", "nobody-at-all"), "nothing matches 'nobody-at-all'"),
    (("path", "fixture", "somerset"), "'fixture' matches 2 entities: Carol Fixture (person, carol-fixture); Kay Fixture (person, kay-fixture)"),
    (("sources", "atlantis"), "nothing matches 'atlantis'"),
])
def test_unknown_or_ambiguous_names_exit_2_listing_candidates(ask, args, message):
    r = ask(*args)
    assert r.exit_code == 2 and message in r.stderr, r.output


def test_an_empty_answer_says_so(ask):
    r = ask("path", "alice-example", "nora-placeholder", "--on", "2014-07-01")
    assert r.exit_code == 0
    assert "No chain of relationships connects them using only those in force then." in r.stdout
    r = ask("joint-roles", "--on", "2010-01-01", "--format", "csv")
    assert r.stdout.splitlines() == [",".join(joint_roles.CSV_COLUMNS)]


# ---------------------------------------------------------------- questions cannot write


WRITING = {
    "create": "CREATE (c:Council {id: 'atlantis', name: 'Atlantis'}) RETURN c.id AS id",
    "set": "MATCH (c:Council {id: $council}) SET c.name = 'Renamed' RETURN c.id AS id",
    "merge": "MERGE (c:Council {id: 'atlantis'}) RETURN c.id AS id",
    "delete": "MATCH (c:Council {id: $council}) DETACH DELETE c",
}


@pytest.fixture
def writing_templates(tmp_path, monkeypatch):
    """A templates folder holding templates that try to write, in place of queries/."""
    for name, text in WRITING.items():
        header = f"// name: sneaky_{name}\n// description: tries to write\n// param: council: string = somerset\n// returns: id\n"
        (tmp_path / f"sneaky_{name}.cypher").write_text(header + text + "\n", encoding="utf-8")
    monkeypatch.setattr(registry, "HERE", tmp_path)
    registry.templates.cache_clear()
    yield sorted(f"sneaky_{n}" for n in WRITING)
    registry.templates.cache_clear()


def test_a_template_that_writes_is_refused_and_the_graph_is_unchanged(writing_templates, loaded):
    before = loaded.fingerprint()
    for name in writing_templates:
        with pytest.raises(ReadOnlyViolation, match="questions may not change the graph: this query tries to write"):
            registry.run(loaded, name, {})
    assert loaded.fingerprint() == before
    assert loaded.query("MATCH (c:Council {id: 'somerset'}) RETURN c.name AS name") == [{"name": "Somerset Council"}]


def test_query_of_a_writing_template_exits_1_with_a_clear_message(writing_templates, cli, loaded_path):
    with open_store("ladybug", loaded_path) as s:
        before = s.fingerprint()
    r = cli("query", "sneaky_delete")
    assert r.exit_code == 1
    assert "error: questions may not change the graph: this query tries to write" in r.stderr
    assert "Traceback" not in r.output
    with open_store("ladybug", loaded_path) as s:
        assert s.fingerprint() == before


def test_parameter_values_reach_the_database_only_as_values(ask, fixture_path):
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    with open_store("ladybug", fixture_path) as s:
        before = s.fingerprint()
    r = ask("query", "find_entity", "--param", f"q={hostile}", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = ask("history", hostile)
    assert r.exit_code == 2 and "no council matches" in r.stderr
    with open_store("ladybug", fixture_path) as s:
        assert s.fingerprint() == before



def test_brackets_in_quotes_are_printed_not_read_as_markup(ask):
    r = ask("sources", "kay-fixture")
    assert '"cabinet member for children [and young people] Kay Fixture"' in r.stdout
    assert "[disputed]" in ask("history", "testshire", "--from", "2013", "--to", "2013").stdout


def test_gaps_table_counts_unknown_holders_and_lists_them_when_asked(ask):
    r = ask("gaps", "--on", "2014-11-15", "--post", "dcs")
    assert r.exit_code == 0, r.output
    listed = [line for line in r.stdout.splitlines() if "no source names a holder" in line]
    text = " ".join(r.stdout.split())
    assert listed == [] and "add --gap unknown to list them" in text
    as_csv = csv_rows(ask("gaps", "--on", "2014-11-15", "--post", "dcs", "--format", "csv").stdout)
    unknown = [g for g in as_csv if g["gap"] == "unknown"]
    assert unknown and f"{len(unknown)} posts whose holder no source names" in text
    r = ask("gaps", "--on", "2014-11-15", "--post", "dcs", "--gap", "unknown")
    assert sum(1 for line in r.stdout.splitlines() if "no source names a holder" in line) == len(unknown)
