"""The chain on any date since 2001: departments and ministers, councils that were reorganised,
posts that did not yet exist, and the derived facts that carry them (on the bundled graph)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from accountable.loaders import frame, ministers
from accountable.queries import registry
from accountable.queries.gaps import gaps
from accountable.queries.who import who
from accountable.schema.dates import FuzzyDate

from conftest import ROOT, SHARED

SHARED_DATA = SHARED / "data"
needs_shared = pytest.mark.skipif(not (SHARED_DATA / "ifg-ministers").is_dir(), reason="../shared/data is not here")


def top(a):
    return a["chain"][-1]


def minister(a):
    return next(e for e in a["chain"] if e["id"].endswith("/childrens_minister"))


# ---------------------------------------------------------------- the Secretary of State of the day


def test_leeds_in_2008_ends_at_ed_balls_with_the_childrens_ministers_of_the_day(loaded):
    a = who(loaded, "leeds", "2008-01-01")
    assert (top(a)["id"], top(a)["post"], top(a)["holder"]) == (
        "dcsf/secretary_of_state", "Secretary of State for Children, Schools and Families", "Ed Balls")
    assert any(s["id"] == "ifg-ministers-2026-06-19" for s in top(a)["sources"])
    m = minister(a)  # two children's ministers at once: a Minister of State and an Under-Secretary
    assert {m["holder"], *(x["holder"] for x in m["also"])} == {"Beverley Hughes", "Kevin Brennan"}
    assert "ambiguous" not in {f["kind"] for f in a["flags"]}


def test_leeds_in_2012_ends_at_michael_gove(loaded):
    a = who(loaded, "leeds", "2012-01-01")
    assert (top(a)["id"], top(a)["holder"]) == ("dfe/secretary_of_state", "Michael Gove")
    assert {minister(a)["holder"], *(x["holder"] for x in minister(a)["also"])} == {"Sarah Teather", "Tim Loughton"}


@pytest.mark.parametrize("on, post, holder", [
    ("2001-06-08", "dfes/secretary_of_state", "Estelle Morris"),
    ("2004-12-15", "dfes/secretary_of_state", "Ruth Kelly"),  # a handover day: the incoming holder alone
    ("2007-06-27", "dfes/secretary_of_state", "Alan Johnson"),
    ("2007-06-28", "dcsf/secretary_of_state", "Ed Balls"),
    ("2010-05-11", "dcsf/secretary_of_state", "Ed Balls"),
    ("2010-05-12", "dfe/secretary_of_state", "Michael Gove"),
    ("2022-07-06", "dfe/secretary_of_state", "Michelle Donelan"),
    ("2025-01-01", "dfe/secretary_of_state", "Bridget Phillipson"),
])
def test_every_chain_ends_at_the_secretary_of_state_of_the_department_in_force(loaded, on, post, holder):
    a = who(loaded, "somerset", on)
    assert (top(a)["id"], top(a)["holder"]) == (post, holder)
    assert "also" not in top(a)
    lines = [e for e in a["chain"] if e["id"] == "somerset"][0]["answers_to"]
    assert lines == [post]  # the council's statutory line runs to that department's Secretary of State only


def test_an_acting_childrens_minister_is_named_before_the_one_on_leave(loaded):
    m = minister(who(loaded, "leeds", "2019-10-01"))
    assert (m["holder"], m["capacity"]) == ("Michelle Donelan", "acting")
    assert m["also"][0]["holder"] == "Kemi Badenoch" and "leave" in m["also"][0]["note"]


def test_a_generic_title_holder_a_source_names_is_the_childrens_minister(loaded):
    # mid 2022 no post was titled for children: the Under-Secretary the trade press named as the
    # children and families minister is named, with the article beside the database's row
    a = who(loaded, "leeds", "2022-08-01")
    m = minister(a)
    assert (m["holder"], "also" in m) == ("Brendan Clarke-Smith", False)
    assert {s["id"] for s in m["sources"]} == {"ifg-ministers-2026-06-19", "cypnow-2022-07-13-dfe-new-ministers"}
    assert "Brendan Clarke-Smith is the new children and families minister." in {s.get("quote") for s in m["sources"]}
    assert top(a)["holder"] == "James Cleverly"
    assert "no_childrens_minister" not in {f["kind"] for f in a["flags"]}
    # 2005-07: the Minister of State (a generic title) beside the Under-Secretary titled for children
    m = minister(who(loaded, "leeds", "2006-01-01"))
    assert {m["holder"], *(x["holder"] for x in m.get("also", []))} == {"Beverley Hughes", "Maria Eagle"}


def test_generic_titles_no_source_names_are_not_the_childrens_minister(loaded):
    # Stephen Twigg (Under-Secretary, 2002-04) was minister for young people and learning, then schools
    rows = registry.run(loaded, "post_holdings", {"posts": ["dfes/childrens_minister"]})
    assert "stephen-twigg" not in {r["person_id"] for r in rows}
    assert {r["person_id"] for r in rows} >= {"beverley-hughes", "margaret-hodge"}


def test_a_day_without_a_childrens_minister_names_no_one_and_says_so(loaded):
    # before June 2003 no post in DfES was titled for children and no source names one
    a = who(loaded, "leeds", "2002-01-01")
    assert minister(a)["holder"] is None
    flag = next(f for f in a["flags"] if f["kind"] == "no_childrens_minister")
    assert flag["message"].startswith("no children's minister is recorded on this date")
    assert top(a)["holder"] == "Estelle Morris"


def test_a_childrens_minister_named_by_an_article_is_the_same_fact_as_the_databases(loaded):
    rows = registry.run(loaded, "post_holdings", {"posts": ["dfe/childrens_minister"]})
    timpson = [r for r in rows if r["person_id"] == "edward-timpson"]
    assert [str(r["valid_from"]) for r in timpson] == ["2012-09-04", "2015-05-11"]  # not a third, source-dated one
    assert set(timpson[0]["sources"]) == {"cypnow-2015-03-somerset-ofsted", "ifg-ministers-2026-06-19"}
    assert str(timpson[0]["valid_to"]) == "2015-05-10"  # the handover day belongs to the next spell


# ---------------------------------------------------------------- councils on their dates


def test_northamptonshire_in_2019_is_the_county_council(loaded):
    a = who(loaded, "northamptonshire", "2019-01-01")
    assert a["exists"] and a["council"]["id"] == "northamptonshire"
    assert a["council"]["name"] == "Northamptonshire County Council"
    assert top(a)["holder"] == "Damian Hinds"


def test_cumbria_in_2015_answers_and_in_2024_names_its_successors(loaded, cli):
    assert who(loaded, "cumbria", "2015-01-01")["chain"][0]["id"] == "cumbria/dcs"
    a = who(loaded, "cumbria", "2024-01-01")
    assert not a["exists"] and a["chain"] == []
    assert [s["id"] for s in a["successors"]] == ["cumberland", "westmorland-and-furness"]
    assert all(s["from"] == "2023-04-01" for s in a["successors"])
    flag = next(f for f in a["flags"] if f["kind"] == "not_existing")
    assert "abolished on 2023-04-01" in flag["message"] and "Cumberland Council" in flag["message"]
    r = cli("who", "cumbria", "--on", "2024-01-01", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["exists"] is False


def test_a_council_asked_about_before_it_existed_names_its_predecessors(loaded):
    a = who(loaded, "central bedfordshire", "2008-06-01")
    assert not a["exists"]
    assert [p["id"] for p in a["predecessors"]] == ["bedfordshire"]
    assert a["predecessors"][0]["sources"][0]["id"] == "si-2008-907"
    b = who(loaded, "bedfordshire", "2008-06-01")
    assert b["exists"] and b["council"]["name"] == "Bedfordshire County Council"


def test_a_shared_la_code_finds_the_council_of_the_date(loaded):
    assert who(loaded, "825", "2015-01-01")["council"]["id"] == "buckinghamshire-county"
    assert who(loaded, "825", "2021-01-01")["council"]["id"] == "buckinghamshire"


def test_official_names_with_the_short_name_as_an_alias(loaded):
    rows = {r["id"]: r for r in registry.run(loaded, "council_records", {})}
    assert rows["bury"]["name"] == "Bury Metropolitan Borough Council" and "Bury" in rows["bury"]["aliases"]
    assert rows["bury"]["short_name"] == "Bury" and rows["bury"]["urn"] == "80443"
    assert isinstance(rows["bury"]["latitude"], float) and 53 < rows["bury"]["latitude"] < 54
    assert registry.run(loaded, "find_council", {"q": "Bury"})[0]["id"] == "bury"


# ---------------------------------------------------------------- the registers' traps, as shipped


def test_register_traps_are_treated(loaded):
    rows = {r["id"]: r for r in registry.run(loaded, "council_records", {})}
    assert rows["leeds"]["established"] is None  # the register's 2005 date is its own, not Leeds's
    assert str(rows["poole"]["abolished"]) == "2019-04-01"  # a last day (2019-03-31) made the first day after
    assert str(rows["northamptonshire"]["abolished"]) == "2021-04-01"  # already the successors' first day
    assert rows["somerset"]["established"] is None and "Somerset County Council" in rows["somerset"]["aliases"]
    assert "somerset-county" not in rows and "north-yorkshire-county" not in rows
    assert rows["cornwall"]["established"] is None  # a county council that became unitary in 2009
    assert str(rows["central-bedfordshire"]["established"]) == "2009-04-01"
    after = {r["id"] for r in registry.run(loaded, "council_successors", {"council": "dorset-county"})}
    assert after == {"dorset", "bournemouth-christchurch-and-poole"}  # the register omits BCP
    for gone in ("bedfordshire", "cheshire"):
        assert str(rows[gone]["abolished"]) == "2009-04-01"


# ---------------------------------------------------------------- posts before their statute


def test_no_dcs_before_the_children_act(loaded):
    a = who(loaded, "somerset", "1990-01-01")
    assert not [e for e in a["chain"] if e.get("post_kind") == "dcs"]
    flag = next(f for f in a["flags"] if f["kind"] == "post_not_existing" and f["post"] == "somerset/dcs")
    assert "did not exist" in flag["message"] and flag["sources"][0]["id"] == "ca2004-s18"


def test_the_dcs_post_exists_from_the_commencement_of_section_18_not_from_royal_assent(loaded):
    """Royal Assent was 2004-11-15; s18 came into force in England on 2005-04-01 (SI 2005/394)."""
    between = who(loaded, "somerset", "2005-01-01")
    assert not [e for e in between["chain"] if e.get("post_kind") == "dcs"]
    flag = next(f for f in between["flags"] if f["kind"] == "post_not_existing" and f["post"] == "somerset/dcs")
    assert "did not exist on 2005-01-01" in flag["message"] and "it exists from 2005-04-01" in flag["message"]
    assert {"ca2004-s18", "si2005-394", "si2005-847"} <= {s["id"] for s in flag["sources"]}
    commenced = who(loaded, "somerset", "2005-04-01")
    assert [e["id"] for e in commenced["chain"] if e.get("post_kind") == "dcs"] == ["somerset/dcs"]
    assert not [f for f in commenced["flags"] if f["kind"] == "post_not_existing" and f["post"] == "somerset/dcs"]


def test_gaps_do_not_count_the_dcs_post_before_its_commencement(loaded):
    assert gaps(loaded, "2005-03-31", posts=["dcs"])["gaps"] == []
    assert gaps(loaded, "2005-04-01", posts=["dcs"])["gaps"]  # from its first day, a post no source fills is a gap


def test_the_council_line_cites_s497a_with_the_act_that_inserted_it_and_s50_once_in_force(loaded):
    def line_sources(on: str) -> set[str]:
        a = who(loaded, "somerset", on)
        return {s["id"] for s in a["sources"]}
    early = line_sources("2003-01-01")
    assert {"ea1996-s497a", "ssfa1998-s8"} <= early and "ca2004-s50" not in early  # s50: in force 2005-03-01
    assert {"ea1996-s497a", "ssfa1998-s8", "ca2004-s50"} <= line_sources("2008-01-01")



def test_the_council_line_cites_the_orders_that_brought_s497a_into_force(loaded):
    """SSFA 1998 s8, which inserted s497A, came into force on 1998-10-01 (SI 1998/2212, listed so in
    SI 1999/1016's note); the line still starts on the DfES's first day, the later of the two."""
    a = who(loaded, "somerset", "2003-01-01")
    step = next(e for e in a["chain"] if e["id"] == "dfes/secretary_of_state")
    quotes = {s["id"]: s["quote"] for s in step["sources"]}
    assert "1st October 1998" in quotes["si1998-2212"] and "Sections 5 to 9" in quotes["si1999-1016"]
    lines = [r for r in frame.frame_for("x", "X County Council", FuzzyDate.parse("1974-04-01"))[1]
             if r["from"] == "x" and r["kind"] == "ACCOUNTABLE_TO"]
    assert [(r["to"], r["start"]) for r in lines] == [
        ("dfes/secretary_of_state", "2001-06-08"), ("dcsf/secretary_of_state", "2007-06-28"), ("dfe/secretary_of_state", "2010-05-12")]
    cited = [(ev["source"], ev["quote"]) for ev in lines[0]["evidence"]]
    assert ("si1999-1016", "Schedule 26. 1st October 1998. 1998/2212.") in cited
    assert frame.S497A_COMMENCEMENT == "1998-10-01" < lines[0]["start"]

def test_gaps_count_only_posts_that_existed(loaded):
    early = gaps(loaded, "2003-01-01", posts=["dcs"])
    assert early["gaps"] == []
    later = gaps(loaded, "2024-01-01", posts=["dcs"])
    ids = {g["council_id"] for g in later["gaps"]}
    assert "cumbria" not in ids and "cumberland" in ids and "bedfordshire" not in ids
    assert "cumbria" in {g["council_id"] for g in gaps(loaded, "2020-01-01", posts=["dcs"])["gaps"]}


# ---------------------------------------------------------------- the Ministers Database's layout, small


def _ifg(folder: Path) -> Path:
    """A small database in the IfG layout: a handover that shares a day, a name change, an acting
    spell over a leave, a generic title, and a post in the Children group."""
    folder.mkdir()
    tables = {
        "organisation.csv": [("id", "name", "short_name", "start_date", "end_date"),
                             ("o1", "Department for Education", "DfE", "2010-05-12", "")],
        "organisation_link.csv": [("id", "predecessor_organisation_id", "successor_organisation_id", "type", "link_start_date", "link_end_date")],
        "post.csv": [("id", "organisation_id", "name", "rank_equivalence"),
                     ("p1", "o1", "Secretary of State for Education", "SoS"),
                     ("p2", "o1", "Minister for Children and Families", "PUSS"),
                     ("p3", "o1", "Parliamentary Under-Secretary of State", "PUSS")],
        "post_relationship.csv": [("id", "post_id", "group_name", "group_seniority"),
                                  ("r1", "p2", "Children", "MoS/PUSS"), ("r2", "p3", "Parliamentary Under-Secretary of State, DfE", "MoS/PUSS")],
        "person.csv": [("id", "name", "start_date", "end_date"),
                       ("a", "Ann Able", "", "2020-01-01"), ("a", "Baroness Able", "2020-01-01", ""),
                       ("b", "Bob Bell", "", ""), ("c", "Cat Cole", "", ""), ("d", "Dan Dee", "", "")],
        "appointment.csv": [("id", "person_id", "post_id", "start_date", "end_date"),
                            ("x1", "a", "p1", "2015-01-01", "2016-01-01"), ("x2", "b", "p1", "2016-01-01", ""),
                            ("x3", "c", "p2", "2015-01-01", "2015-12-31"), ("x4", "d", "p2", "2015-06-01", "2015-09-30"),
                            ("x5", "d", "p3", "2016-01-01", "")],
        "appointment_characteristics.csv": [("id", "appointment_id", "is_acting", "is_on_leave", "leave_reason", "start_date", "end_date"),
                                            ("c1", "x3", "False", "True", "Maternity leave", "2015-06-01", "2015-09-30"),
                                            ("c2", "x4", "True", "False", "", "2015-06-01", "2015-09-30")],
    }
    for name, rows in tables.items():
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
    return folder


def test_ministers_layout_traps(tmp_path):
    recs = ministers.records(_ifg(tmp_path / "ifg"), "2026-01-01")
    holds = {r["id"]: r for r in recs if r.get("kind") == "HOLDS"}
    people = {r["id"]: r for r in recs if r.get("kind") == "Person"}
    assert holds["holds:ann-able>dfe/secretary_of_state:2015-01-01"]["end"] == "2015-12-31"  # the handover day is Bob's
    assert "end" not in holds["holds:bob-bell>dfe/secretary_of_state:2016-01-01"]
    assert people["ann-able"]["aliases"] == ["Baroness Able"]  # the name she held the post by, the later one an alias
    assert holds["holds:dan-dee>dfe/childrens_minister:2015-06-01"]["capacity"] == "acting"
    leave = holds["holds:cat-cole>dfe/childrens_minister:2015-06-01"]
    assert leave["note"].startswith("on maternity leave") and leave["end"] == "2015-09-30"
    assert holds["holds:cat-cole>dfe/childrens_minister:2015-01-01"]["end"] == "2015-05-31"
    assert not [h for h in holds if h.startswith("holds:dan-dee") and h.endswith("2016-01-01")]  # a generic title is no children's post
    assert all(r["evidence"][0]["source"] == "ifg-ministers-2026-01-01" for r in holds.values())


def test_load_ministers_reads_the_layout_and_refuses_a_folder_without_it(cli, tmp_path, loaded_path):
    r = cli("load-ministers", str(_ifg(tmp_path / "ifg")), "--published", "2026-01-01")
    assert r.exit_code == 0, r.output
    assert "Institute for Government, Ministers Database, CC BY 4.0" in r.stdout
    r = cli("load-ministers", str(tmp_path))
    assert r.exit_code == 2 and "appointment.csv:1: file: is missing" in r.output


def test_an_older_ofsted_snapshot_attaches_former_councils_by_code_and_date(cli, tmp_path):
    f = tmp_path / "ofsted_2019-03-01.csv"
    f.write_text("la_code,local_authority,inspection_framework,inspection_start_date,inspection_end_date,publication_date,overall_effectiveness_grade\n"
                 "928,northamptonshire,standard,05/11/2018,16/11/2018,15/01/2019,inadequate\n"
                 "825,buckinghamshire,standard,08/10/2018,19/10/2018,27/11/2018,requires improvement\n", encoding="utf-8")
    r = cli("load-ofsted", str(f))
    assert r.exit_code == 0 and "2 loaded, 0 skipped" in r.stdout, r.output
    r = cli("inspections", "northamptonshire", "--format", "json")
    assert any(i["overall"] == "inadequate" for i in json.loads(r.stdout)["inspections"])
    r = cli("inspections", "buckinghamshire-county", "--format", "json")
    assert [i["inspection_start"] for i in json.loads(r.stdout)["inspections"]] == ["2018-10-08"]


# ---------------------------------------------------------------- derived facts


def test_derive_says_what_a_folder_lacks(cli, tmp_path):
    r = cli("derive", "--shared", str(tmp_path))
    assert r.exit_code == 2 and "la_lookup.csv" in r.output and "--shared" in r.output


@needs_shared
def test_derived_facts_regenerate_byte_for_byte(tmp_path):
    from accountable.loaders.derive import derived_dir, regenerate

    # the national derivations (the reports' facts regenerate in tests/test_ofsted_reports.py)
    national = {"councils", "ministers", "ofsted_latest"}
    written = regenerate(SHARED_DATA, sorted(national), out=tmp_path)
    assert set(written) == national
    for name in written:
        assert (tmp_path / f"{name}.jsonl").read_bytes() == (derived_dir() / f"{name}.jsonl").read_bytes(), name


@needs_shared
def test_the_frame_uses_the_databases_department_dates():
    from accountable.loaders.frame import DEPARTMENTS

    assert ministers.check_departments(SHARED_DATA / "ifg-ministers", DEPARTMENTS) == []


def test_every_derived_record_cites_a_source_with_a_licence(loaded):
    # the sources the graph holds, and those the derived files the test graph leaves out declare
    from conftest import WITHOUT_REPORTS

    sources = {r["id"]: r for r in registry.run(loaded, "sources", {"kind": ""})}
    for name in WITHOUT_REPORTS:
        for line in (ROOT / "data" / "derived" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["type"] == "source":
                assert rec["id"] not in sources, rec["id"]
                sources[rec["id"]] = rec
    for path in sorted((ROOT / "data" / "derived").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            cited = rec.get("sources") or [e["source"] for e in rec.get("evidence", [])] or ([rec["id"]] if rec["type"] == "source" else [])
            assert cited, rec
            for sid in cited:
                assert sid in sources, (path.name, sid)
                if sources[sid]["source_kind"] == "dataset":
                    assert sources[sid]["licence"], sid


def test_no_file_from_the_shared_data_is_committed():
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in files if f.endswith((".xlsx", ".pdf")) or Path(f).name in ("la_lookup.csv", "appointment.csv", "uk_local_authorities_current.csv")]


def test_dates_in_the_first_use_load_are_days(loaded):
    # the frame's council line to DfES begins on the department's first day
    rows = registry.run(loaded, "who_is_accountable", {"council": "leeds", "at": dt.date(2006, 1, 1).isoformat()})
    assert {r["up_to"] for r in rows if r["id"] == "leeds"} == {"dfes/secretary_of_state"}


# ---------------------------------------------------------------- names as the derived facts give them


def test_derived_names_and_aliases_have_single_spaces():
    # mySociety writes "North Somerset  Council"; every derived name, alias and short name is normalised
    found, bad = set(), []
    for path in sorted((ROOT / "data" / "derived").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            for key in ("name", "short_name", "aliases", "former_names"):
                for value in r.get(key) if isinstance(r.get(key), list) else [r.get(key)]:
                    if isinstance(value, str):
                        found.add(value)
                        if value != " ".join(value.split()):
                            bad.append(f"{path.name}: {r.get('id')} {key} {value!r}")
    assert bad == []
    assert "North Somerset Council" in found


@needs_shared
def test_the_council_derivation_normalises_whitespace_of_the_register():
    from accountable.loaders import councils

    recs = {r["id"]: r for r in councils.records(SHARED_DATA) if r.get("kind") == "Council"}
    assert recs["north-somerset"]["name"] == "North Somerset Council"
    assert all("  " not in a for r in recs.values() for a in [r["name"], *r.get("aliases", [])])
