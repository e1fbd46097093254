"""The command line, as a user runs it: real files, a real embedded graph."""

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from accountable.cli import app


def test_who_json_has_the_documented_shape(cli):
    r = cli("who", "somerset", "--on", "2014-11-15", "--format", "json")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    # the council is named as it was on the date (Somerset County Council until 2023), its present name kept
    assert (a["council"]["name"], a["council"]["present_name"], a["on"]) == ("Somerset County Council", "Somerset Council", "2014-11-15")
    for entry in a["chain"]:
        assert {"post", "organisation", "holder", "capacity", "basis", "sources"} <= entry.keys()
        assert all({"title", "published"} <= s.keys() for s in entry["sources"])
    assert {"vacant", "declared", "contested"} <= {f["kind"] for f in a["flags"]}
    assert all({"kind", "message"} <= f.keys() for f in a["flags"])


def test_who_table_fits_80_columns_and_numbers_its_sources(cli):
    r = cli("who", "somerset", "--on", "2014-01-15")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert "Peter Lewis" in r.stdout and "interim" in r.stdout
    assert any(x.strip().startswith("[1] ") for x in lines)
    assert "Somerset row shows DCSs need greater authority" in r.stdout


def test_first_question_on_an_empty_store_loads_the_bundled_facts(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCOUNTABLE_DB", str(tmp_path / "fresh.lbdb"))
    r = CliRunner().invoke(app, ["who", "somerset", "--on", "2015-04-15", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["chain"][0]["holder"] == "Julian Wooster"


def test_db_option_overrides_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCOUNTABLE_DB", str(tmp_path / "not-this.lbdb"))
    r = CliRunner().invoke(app, ["--db", str(tmp_path / "this.lbdb"), "load"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "this.lbdb").exists() and not (tmp_path / "not-this.lbdb").exists()


def test_ambiguous_council_lists_candidates_and_exits_2(cli):
    r = cli("who", "upon thames")
    assert r.exit_code == 2
    assert "Kingston" in r.stderr and "Richmond" in r.stderr
    assert "Traceback" not in r.output


def test_bad_date_is_a_clear_error(cli):
    r = cli("who", "somerset", "--on", "2014-02-30")
    assert r.exit_code == 2
    assert "February 2014 has no day 30" in r.stderr


def test_load_reports_every_problem_exits_2_and_writes_nothing(cli, loaded_path, tmp_path):
    from accountable.graph import open_store

    with open_store("ladybug", loaded_path) as s:
        before = s.fingerprint()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "relationships:\n"
        "  - kind: HOLDS\n"
        "    from: peter-lewis\n"
        "    to: somerset/dcs\n"
        "    capacity: regent\n"
        "    start: 2016-13\n"
        "    evidence:\n"
        "      - {source: nowhere, quote: q}\n",
        encoding="utf-8",
    )
    r = cli("load", str(bad))
    assert r.exit_code == 2
    assert f"{bad}:5: capacity: 'regent' is not allowed" in r.stderr
    assert f"{bad}:6: start: '2016-13': there is no month 13" in r.stderr
    assert "2 problems found; nothing was written." in r.stderr
    with open_store("ladybug", loaded_path) as s:
        assert s.fingerprint() == before


def test_check_validates_without_writing(cli, tmp_path):
    # the bundled files that name only councils they declare themselves (the file of trusts and
    # interventions names councils the register brings: it is checked by every bundled load)
    facts_dir = Path(__file__).parent.parent / "data" / "facts"
    good = [str(p) for p in sorted(facts_dir.glob("*.yaml")) if p.name != "trusts-and-interventions.yaml"]
    r = cli("check", *good)
    assert r.exit_code == 0, r.output
    declared = {s["id"] for p in good for s in (yaml.safe_load(Path(p).read_text(encoding="utf-8")).get("sources") or [])}
    assert r.stdout.startswith(f"ok: {len(declared)} sources")


def test_check_accepts_what_load_accepts_without_a_graph(tmp_path, monkeypatch):
    # the curated facts alone name councils only the derived register brings: with no graph, check
    # refuses them as load does, accepts them with the derived facts, and writes nothing either way
    fresh = tmp_path / "none.lbdb"
    monkeypatch.setenv("ACCOUNTABLE_DB", str(fresh))
    data = Path(__file__).parent.parent / "data"
    alone = CliRunner().invoke(app, ["check", str(data / "facts")])
    assert alone.exit_code == 2, alone.output
    assert "trusts-and-interventions.yaml" in alone.stderr and "unknown entity 'slough'" in alone.stderr
    whole = CliRunner().invoke(app, ["check", str(data / "facts"), str(data / "derived")])
    assert whole.exit_code == 0, whole.output
    assert whole.stdout.startswith("ok: ") and "problems found" not in whole.stderr
    assert not fresh.exists()
    loaded = CliRunner().invoke(app, ["load", str(data / "facts")])
    assert loaded.exit_code == 2 and "unknown entity 'slough'" in loaded.stderr


def test_schema_is_a_json_schema_for_fact_files(cli):
    r = cli("schema")
    s = json.loads(r.stdout)
    assert s["$schema"].startswith("https://json-schema.org/")
    assert set(s["properties"]) == {"sources", "entities", "relationships"}
    assert "HOLDS" in json.dumps(s) and "capacity" in json.dumps(s)


def test_templates_lists_every_template_with_parameters(cli):
    r = cli("templates", "--format", "json")
    rows = {t["name"]: t for t in json.loads(r.stdout)}
    assert "who_is_accountable" in rows
    assert "council (string)" in rows["who_is_accountable"]["parameters"]


def test_query_runs_a_template_with_parameters(cli):
    r = cli("query", "holdings", "--param", "posts=somerset/dcs", "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("post_id,post_name")
    assert [x.split(",")[0] for x in lines[1:]] == ["somerset/dcs"] * 3
    assert "Julian Wooster" in r.stdout


def test_query_unknown_template_or_parameter_lists_what_exists(cli):
    r = cli("query", "nope")
    assert r.exit_code == 2 and "who_is_accountable" in r.stderr
    r = cli("query", "holdings", "--param", "colour=red")
    assert r.exit_code == 2 and "posts (list" in r.stderr
