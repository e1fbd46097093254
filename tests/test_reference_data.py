"""The LA register and Ofsted's outcomes: their traps, merging, history, and the questions on them.

Small files are made here for each trap (a byte-order mark, quoted names with commas, empty
cells, other column orders, two date formats, empty grades, rows that match nothing); the
shipped files are used where the answer must agree with the published data itself.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from accountable.loaders import datasets
from accountable.loaders.bundled import load_defaults
from accountable.loaders.datasets import SourceChoice, manifest, sha256_of
from accountable.loaders.ofsted import OfstedFile
from accountable.loaders.problems import InvalidInput
from accountable.loaders.register import RegisterFile
from accountable.queries import registry
from accountable.queries.answers import LookupError_, find_council

from conftest import SHARED

# The upstream files the derived facts come from (not shipped): tests that compare answers with
# them run where ../shared/data is, and are skipped elsewhere.
UPSTREAM = SHARED / "data"
needs_upstream = pytest.mark.skipif(not (UPSTREAM / "la_lookup.csv").is_file(), reason="../shared/data is not here")

# A register in another column order than la_lookup.csv, with its traps: a byte-order mark,
# CRLF line ends, quoted names with commas, bracketed aliases, empty cells, a row without an
# LA code, an LA code given twice, a former authority (no current ONS code), a neighbour
# that is no council.
REGISTER = (
    "\ufeffregion_name,la_code,local_authority_ons_name,also_known_as,la_code_new,ons_la_type,domain,stat_neighbours,ltla23cd,ltla23nm\r\n"
    'South West,801,"Bristol, City of",[Bristol],E06000023,Unitary Authority,bristol.gov.uk,"810, 839, 999",E06000023,"Bristol, City of"\r\n'
    'Yorkshire and the Humber,810,"Kingston Upon Hull, City of","[Kingston Upon Hull, Hull]",E06000010,Unitary Authority,hullcc.gov.uk,801,E06000010,Kingston upon Hull\r\n'
    ',839,"Bournemouth, Christchurch and Poole","[BCP, Bournemouth, Christchurch & Poole]",E06000058,,bcpcouncil.gov.uk,,E06000058,"Bournemouth, Christchurch and Poole"\r\n'
    "East of England,822,Bedford Borough,,E06000055,Unitary Authority,bedford.gov.uk,\"801, 810\",E06000055,Bedford\r\n"
    "London,304,Brent,,E09000005,London Borough,brent.gov.uk,,E09000005,Brent\r\n"
    "North West,890,Blackpool,,E06000009,Unitary Authority,blackpool.gov.uk,,E06000009,Blackpool\r\n"
    "South East,846,Brighton and Hove,,E06000043,Unitary Authority,brighton-hove.gov.uk,,E06000043,Brighton and Hove\r\n"
    "North West,909,Cumbria,,,County,cumbria.gov.uk,,E10000006,Cumbria\r\n"
    "London,,Nowhere,,E09999999,London Borough,,,,\r\n"
    'South West,801,"Bristol, City of",,E06000023,Unitary Authority,bristol.gov.uk,,,\r\n'
)

# Ofsted's outcomes, columns in yet another order, dates as dd/mm/yy and dd/mm/yyyy, grades
# empty, `nan` and `inspection_pre_dates_judgement`, a row matched by name alone, a row that
# matches no council, and a row with neither framework nor start date (as the scrape writes
# for Nottingham and Brighton and Hove).
OFSTED_HEADER = [
    "publication_date", "local_authority", "overall_effectiveness_grade", "la_code", "inspection_start_date",
    "inspection_framework", "care_leavers_grade", "in_care_grade", "help_and_protection_grade",
    "impact_of_leaders_grade", "inspection_end_date", "inspection_link", "sentiment_score",
]
OFSTED_ROWS = [
    ["27/08/25", "bedford", "requires improvement", "822", "14/07/2025", "short", "good", "requires improvement", "requires improvement", "requires improvement", "18/07/2025", "https://files.ofsted.gov.uk/v1/file/1", "0.1"],
    ["17/06/26", "brent", "nan", "304", "27/04/2026", "short", "good", "good", "good", "good", "01/05/2026", "https://files.ofsted.gov.uk/v1/file/2", "0.2"],
    ["01/02/23", "blackpool", "requires improvement", "890", "05/12/2022", "standard", "inspection_pre_dates_judgement", "good", "requires improvement", "requires improvement", "16/12/2022", "https://files.ofsted.gov.uk/v1/file/3", None],
    ["16/05/24", "brighton and hove", "outstanding", "846", None, "None", "outstanding", "outstanding", "good", "outstanding", None, "https://files.ofsted.gov.uk/v1/file/4", None],
    ["01/03/24", "atlantis", "good", "999", "01/01/2024", "short", "good", "good", "good", "good", "05/01/2024", "", None],
    ["10/03/2023", "Bristol", "good", None, "23/01/2023", "standard", None, "", "good", "good", "03/02/2023", "https://files.ofsted.gov.uk/v1/file/5", None],
]


def write_xlsx(path: Path, header: list[str], rows: list[list], notes_sheet: bool = True) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    if notes_sheet:  # a sheet without the columns comes first: the loader finds the one with them
        first.title = "about"
        first.append(["This workbook lists Ofsted judgements"])
        sheet = book.create_sheet("outcomes")
    else:
        sheet = first
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    p = tmp_path / "register_2026-05.csv"
    p.write_bytes(REGISTER.encode("utf-8"))
    return p


@pytest.fixture
def with_register(store, register_file):
    """An empty graph given only the small register above (and the statutory frame)."""
    report = datasets.load([RegisterFile(register_file)], store)
    return store, report.datasets[0]


def rows_of(store, cypher: str, params: dict | None = None) -> list[dict]:
    return store.query(cypher, params or {})


# ---------------------------------------------------------------- the register


def test_register_traps_are_read_and_every_skipped_row_is_reported(with_register, register_file):
    store, report = with_register
    assert report.loaded == 7
    assert [(s.row, s.reason) for s in report.skipped] == [
        (9, "Cumbria (909) has no current ONS code (la_code_new is empty): a former authority the graph does not hold, not loaded"),
        (10, "no LA code (la_code is empty)"),
        (11, "LA code 801 (Bristol, City of) is given again (first at row 2)"),
    ]
    assert report.summary == "7 loaded, 3 skipped"
    assert [u.reason for u in report.unmatched] == [
        "Bristol, City of: statistical neighbour 999 (rank 3) is no council in the register or the graph"
    ]
    councils = {r["id"]: r for r in registry.run(store, "council_records")}
    assert set(councils) == {"bristol", "kingston-upon-hull", "bournemouth-christchurch-and-poole", "bedford-borough", "brent", "blackpool", "brighton-and-hove"}
    bristol = councils["bristol"]
    assert (bristol["name"], bristol["la_code"], bristol["gss_code"], bristol["region"], bristol["council_type"], bristol["website"]) == (
        "Bristol, City of", "801", "E06000023", "South West", "Unitary Authority", "bristol.gov.uk")
    assert councils["kingston-upon-hull"]["aliases"] == ["Kingston Upon Hull", "Hull"]  # ONS's "Kingston upon Hull" is the same name
    assert councils["bournemouth-christchurch-and-poole"]["aliases"] == ["BCP", "Bournemouth, Christchurch & Poole"]
    assert councils["bournemouth-christchurch-and-poole"]["region"] is None  # an empty cell stays empty
    assert councils["bournemouth-christchurch-and-poole"]["council_type"] is None
    assert councils["bedford-borough"]["aliases"] == ["Bedford"]
    assert all(c["sources"] == [report.source_id] for c in councils.values())
    assert report.source_id == "d2i-la-lookup-2026-05"  # dated by its name


def test_statistical_neighbours_are_ranked_and_cite_the_register(with_register):
    store, report = with_register
    rows = rows_of(store, "MATCH (a:Council)-[r:STAT_NEIGHBOUR]->(b:Council) RETURN a.id AS x, b.id AS y, r.rank AS rank, r.sources AS s, r.quotes AS q ORDER BY x, rank")
    assert [(r["x"], r["y"], r["rank"]) for r in rows] == [
        ("bedford-borough", "bristol", 1), ("bedford-borough", "kingston-upon-hull", 2),
        ("bristol", "kingston-upon-hull", 1), ("bristol", "bournemouth-christchurch-and-poole", 2),
        ("kingston-upon-hull", "bristol", 1),
    ]
    assert all(r["s"] == [report.source_id] for r in rows)
    assert rows[2]["q"] == ['row 2: la_code=801; local_authority_ons_name=Bristol, City of; stat_neighbours=810, 839, 999']


def test_every_council_of_the_register_gets_its_statutory_posts(with_register):
    store, _ = with_register
    rows = rows_of(store, "MATCH (p:Post)-[:POST_IN]->(c:Council {id: 'brent'}) RETURN p.post_kind AS k ORDER BY k")
    assert [r["k"] for r in rows] == ["chief_executive", "dass", "dcs", "lead_member"]


def test_register_without_a_date_needs_published(store, tmp_path):
    p = tmp_path / "la_lookup.csv"
    p.write_bytes(REGISTER.encode("utf-8"))
    with pytest.raises(InvalidInput) as e:
        datasets.load([RegisterFile(p)], store)
    assert [str(x) for x in e.value.problems] == [f"{p}:1: published: cannot tell when this file was published: its name holds no date (YYYY-MM or YYYY-MM-DD); give --published"]
    assert store.is_empty()
    report = datasets.load([RegisterFile(p, SourceChoice(published="2026-05-31"))], store)
    assert report.datasets[0].source_id == "d2i-la-lookup-2026-05-31"


def test_a_register_name_with_runs_of_spaces_is_one_spaced(store, tmp_path):
    p = tmp_path / "register_2026-08.csv"
    p.write_text(
        "la_code,local_authority_ons_name,also_known_as,la_code_new,region_name\n"
        "802,North Somerset  Council,[North  Somerset],E06000024,South West\n", encoding="utf-8")
    datasets.load([RegisterFile(p)], store)
    (c,) = rows_of(store, "MATCH (c:Council) WHERE c.la_code = '802' RETURN c.name AS name, c.aliases AS aliases")
    assert c["name"] == "North Somerset Council"
    assert all("  " not in a for a in c["aliases"]) and "North Somerset" in c["aliases"]


def test_register_merges_with_the_article_councils_by_la_code(loaded, tmp_path):
    p = tmp_path / "register_2026-07.csv"
    p.write_text(
        "la_code,local_authority_ons_name,also_known_as,la_code_new,region_name\n"
        "933,Somerset,[Somerset Council],E06000066,South West\n", encoding="utf-8")
    datasets.load([RegisterFile(p)], loaded)
    rows = rows_of(loaded, "MATCH (c:Council) WHERE c.la_code = '933' RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.sources AS sources, c.gss_code AS gss")
    assert len(rows) == 1
    (c,) = rows
    assert (c["id"], c["name"], c["gss"]) == ("somerset", "Somerset Council", "E06000066")
    assert c["aliases"][:2] == ["Somerset", "Somerset County Council"]
    assert {"cypnow-2014-10-28-somerset-row", "d2i-la-lookup-2026-06", "d2i-la-lookup-2026-07"} <= set(c["sources"])
    # the facts about Somerset are where they were: its chain is unchanged
    holders = rows_of(loaded, "MATCH (p:Person)-[:HOLDS]->(:Post {id: 'somerset/dcs'}) RETURN count(p) AS n")
    assert holders == [{"n": 3}]


def test_a_fact_file_may_not_give_a_second_id_to_an_la_code(loaded, tmp_path):
    from accountable.loaders import facts

    p = tmp_path / "council.yaml"
    p.write_text("entities:\n  - {kind: Council, id: somerset-council, name: Somerset Council, la_code: \"933\"}\n", encoding="utf-8")
    before = loaded.fingerprint()
    with pytest.raises(InvalidInput) as e:
        facts.load([p], loaded)
    assert [str(x) for x in e.value.problems] == [
        f"{p}:2: la_code: LA code 933 is already Somerset Council (somerset); use that id to add to it, not 'somerset-council'"
    ]
    assert loaded.fingerprint() == before


@pytest.mark.parametrize("query, expected", [
    ("somerset", "somerset"),  # not North Somerset nor Bath and North East Somerset
    ("Somerset", "somerset"),
    ("933", "somerset"),
    ("E06000066", "somerset"),
    ("bedford", "bedford-borough"),  # not Central Bedfordshire
    ("hull", "kingston-upon-hull"),  # not Solihull
    ("Kingston Upon Hull", "kingston-upon-hull"),
    ("bristol", "bristol"),
    ("BCP", "bournemouth-christchurch-and-poole"),
    ("county durham", "durham"),
])
def test_council_lookup_by_id_name_alias_and_code(loaded, query, expected):
    assert find_council(loaded, query)["id"] == expected


def test_an_ambiguous_council_lists_the_candidates(loaded):
    with pytest.raises(LookupError_) as e:
        find_council(loaded, "northampton")
    # the former county council (named by the bundled trusts and interventions) and its successors
    assert {c["id"] for c in e.value.candidates} == {"northamptonshire", "north-northamptonshire", "west-northamptonshire"}
    assert find_council(loaded, "northamptonshire")["id"] == "northamptonshire"  # a whole name beats a part


def test_who_answers_for_any_council_with_unknown_holders(cli):
    r = cli("who", "bedford", "--on", "2026-07-01", "--format", "json")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    assert a["council"] == {"id": "bedford-borough", "name": "Bedford Borough Council", "present_name": "Bedford Borough Council",
                            "la_code": "822", "gss_code": "E06000055",
                            "region": "East of England", "established": "2009-04-01", "abolished": None}
    posts = [e["post_kind"] for e in a["chain"] if e["kind"] == "post"]
    assert posts == ["dcs", "chief_executive", "lead_member", "minister", "secretary_of_state"]
    assert a["chain"][-1]["id"] == "dfe/secretary_of_state"
    unknown = {f["post"] for f in a["flags"] if f["kind"] == "unknown_holder"}
    assert {"bedford-borough/dcs", "bedford-borough/chief_executive", "bedford-borough/lead_member"} <= unknown
    assert all(e["sources"] for e in a["chain"])  # every step sourced to the legislation
    assert {s["id"] for s in a["sources"]} >= {"ca2004-s18", "ea1996-s497a"}


# ---------------------------------------------------------------- Ofsted's outcomes


@pytest.fixture
def snapshot_a(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ofsted_2026-06-29.xlsx", OFSTED_HEADER, OFSTED_ROWS)


def inspection_rows(store) -> dict[str, dict]:
    return {r["id"]: r for r in registry.run(store, "inspection_records")}


def test_ofsted_traps_are_read_and_unmatched_rows_reported(with_register, snapshot_a):
    store, _ = with_register
    report = datasets.load([OfstedFile(snapshot_a)], store).datasets[0]
    assert report.summary == "5 loaded, 1 skipped"
    assert [(s.row, s.reason) for s in report.skipped] == [(6, "no council with LA code 999 (atlantis)")]
    assert report.lines()[-1] == f"{snapshot_a}: 5 loaded, 1 skipped"
    ins = inspection_rows(store)
    bedford = ins["bedford-borough/inspection/ilacs-short/2025-07-14"]
    assert bedford["council_id"] == "bedford-borough"
    assert (str(bedford["inspection_start"]), str(bedford["inspection_end"]), str(bedford["published"])) == ("2025-07-14", "2025-07-18", "2025-08-27")
    assert bedford["published_precision"] == "day" and bedford["framework"] == "ILACS short"
    assert (bedford["overall"], bedford["care_leavers"]) == ("requires improvement", "good")
    assert bedford["report_url"] == "https://files.ofsted.gov.uk/v1/file/1"
    brent = ins["brent/inspection/ilacs-short/2026-04-27"]
    assert brent["overall"] is None and brent["in_care"] == "good"  # `nan` is no grade
    blackpool = ins["blackpool/inspection/ilacs-standard/2022-12-05"]
    assert blackpool["care_leavers"] is None  # the judgement did not exist yet
    brighton = ins["brighton-and-hove/inspection/ilacs/published-2024-05-16"]
    assert (brighton["framework"], brighton["inspection_start"], brighton["overall"]) == ("ILACS", None, "outstanding")
    bristol = ins["bristol/inspection/ilacs-standard/2023-01-23"]  # matched by name alone
    assert (str(bristol["published"]), bristol["care_leavers"], bristol["in_care"]) == ("2023-03-10", None, None)
    assert all(r["sources"] == ["ofsted-ilacs-outcomes-2026-06-29"] for r in ins.values())


def test_each_inspection_inspects_its_council_and_was_carried_out_by_ofsted_citing_its_row(with_register, snapshot_a):
    store, _ = with_register
    datasets.load([OfstedFile(snapshot_a)], store)
    (row,) = rows_of(store, "MATCH (i:Inspection)-[r:INSPECTS]->(c:Council {id: 'brent'}) MATCH (i)-[o:CARRIED_OUT_BY]->(x:Inspectorate) "
                            "RETURN r.sources AS s, r.quotes AS q, r.valid_from AS f, r.valid_to AS t, x.id AS by")
    assert row["by"] == "ofsted" and row["s"] == ["ofsted-ilacs-outcomes-2026-06-29"]
    assert (str(row["f"]), str(row["t"])) == ("2026-04-27", "2026-05-01")
    assert row["q"][0].startswith("row 3: la_code=304; local_authority=brent; inspection_framework=short; inspection_start_date=27/04/2026")
    assert "overall_effectiveness_grade" not in row["q"][0]  # `nan` is not quoted as a value


def test_a_csv_of_the_same_columns_loads_the_same(with_register, tmp_path, snapshot_a):
    store, _ = with_register
    datasets.load([OfstedFile(snapshot_a)], store)
    xlsx = {k: {**v, "sources": None} for k, v in inspection_rows(store).items()}
    other = tmp_path / "other"
    other.mkdir()
    from accountable.graph import open_store

    with open_store("ladybug", other / "g.lbdb") as s2:
        reg = tmp_path / "register_2026-05.csv"
        datasets.load([RegisterFile(reg)], s2)
        datasets.load([OfstedFile(write_csv(tmp_path / "ofsted_2026-06-29.csv", OFSTED_HEADER, OFSTED_ROWS))], s2)
        assert {k: {**v, "sources": None} for k, v in inspection_rows(s2).items()} == xlsx


def test_a_second_snapshot_adds_history_and_never_duplicates(with_register, tmp_path, snapshot_a):
    store, _ = with_register
    datasets.load([OfstedFile(snapshot_a)], store)
    # an older snapshot: CSV, other column order and names, four-digit publication years;
    # Bedford's 2025 inspection again, Bedford's previous one, and Brighton and Hove's with its start date
    header = ["la_code", "local_authority", "inspection_date", "inspection_end_date", "publication_date", "inspection_framework",
              "overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade", "care_leavers_grade", "in_care_grade"]
    rows = [
        ["822", "bedford", "14/07/2025", "18/07/2025", "27/08/2025", "short", "requires improvement", "", "", "", ""],
        ["822", "bedford", "29/11/2021", "10/12/2021", "14/01/2022", "standard", "requires improvement", "good", "requires improvement", "", "good"],
        ["846", "brighton and hove", "22/04/2024", "26/04/2024", "16/05/2024", "", "outstanding", "", "", "", ""],
    ]
    older = write_csv(tmp_path / "ofsted_2025-09-01.csv", header, rows)
    report = datasets.load([OfstedFile(older)], store).datasets[0]
    assert report.summary == "3 loaded, 0 skipped"
    bedford = registry.run(store, "inspections", {"council": "bedford-borough"})
    assert [r["id"] for r in bedford] == ["bedford-borough/inspection/ilacs-short/2025-07-14", "bedford-borough/inspection/ilacs-standard/2021-11-29"]
    latest = bedford[0]
    assert latest["sources"] == ["ofsted-ilacs-outcomes-2025-09-01", "ofsted-ilacs-outcomes-2026-06-29"]
    assert latest["impact_of_leaders"] == "requires improvement"  # an empty cell in the older snapshot blanks nothing
    (ev,) = rows_of(store, "MATCH (:Inspection {id: 'bedford-borough/inspection/ilacs-short/2025-07-14'})-[r:INSPECTS]->() RETURN r.sources AS s, r.last_confirmed AS lc")
    assert ev["s"] == ["ofsted-ilacs-outcomes-2025-09-01", "ofsted-ilacs-outcomes-2026-06-29"]
    brighton = registry.run(store, "inspections", {"council": "brighton-and-hove"})
    assert len(brighton) == 1  # matched by its publication date, now with its start date
    assert (brighton[0]["id"], str(brighton[0]["inspection_start"]), brighton[0]["framework"]) == (
        "brighton-and-hove/inspection/ilacs/published-2024-05-16", "2024-04-22", "ILACS")
    before = store.fingerprint()
    datasets.load([OfstedFile(older)], store)
    datasets.load([OfstedFile(snapshot_a)], store)
    assert store.fingerprint() == before


def test_a_garbled_grade_is_left_empty_and_reported_not_guessed(with_register, tmp_path):
    store, _ = with_register
    rows = [OFSTED_ROWS[0][:6] + ["to requires improvement"] + OFSTED_ROWS[0][7:]]
    p = write_xlsx(tmp_path / "ofsted_2026-01.xlsx", OFSTED_HEADER, rows)
    report = datasets.load([OfstedFile(p)], store).datasets[0]
    assert [(x.row, x.reason) for x in report.left_empty] == [
        (2, "care_leavers_grade: 'to requires improvement' is not a grade; expected one of: outstanding, good, requires improvement, inadequate (or empty)")]
    (row,) = registry.run(store, "inspections", {"council": "bedford-borough"})
    assert row["care_leavers"] is None and row["overall"] == "requires improvement"


@pytest.mark.parametrize("cell, column, words", [
    ("31/02/2024", "inspection_start_date", "'31/02/2024' is not a date: there is no day 31 in month 2 of 2024"),
    ("2024.01.05", "inspection_start_date", "'2024.01.05' is not a date; expected dd/mm/yyyy or dd/mm/yy"),
])
def test_a_date_that_is_no_date_stops_the_load(cli, loaded_path, tmp_path, cell, column, words):
    from accountable.graph import open_store

    rows = [list(OFSTED_ROWS[0])]
    rows[0][OFSTED_HEADER.index(column)] = cell
    p = write_xlsx(tmp_path / "ofsted_2026-06.xlsx", OFSTED_HEADER, rows)
    with open_store("ladybug", loaded_path) as s:
        before = s.fingerprint()
    r = cli("load-ofsted", str(p))
    assert r.exit_code == 2
    assert f"{p}:2: {column}: {words}" in r.stderr
    assert "1 problem found; nothing was written." in r.stderr
    with open_store("ladybug", loaded_path) as s:
        assert s.fingerprint() == before


def test_missing_columns_name_the_file_and_the_columns(cli, loaded_path, tmp_path):
    from accountable.graph import open_store

    header = [h for h in OFSTED_HEADER if h not in ("publication_date", "la_code", "local_authority")]
    p = write_xlsx(tmp_path / "ofsted_2026-06.xlsx", header, [], notes_sheet=False)
    with open_store("ladybug", loaded_path) as s:
        before = s.fingerprint()
    r = cli("load-ofsted", str(p))
    assert r.exit_code == 2
    assert f"{p}:1: columns: missing required columns: la_code or local_authority; publication_date (sheet 'Sheet')" in r.stderr
    assert "Traceback" not in r.output
    r = cli("load-register", str(tmp_path / "nope_2026-01.csv"))
    assert r.exit_code == 2 and "nope_2026-01.csv:1: file: does not exist" in r.stderr
    with open_store("ladybug", loaded_path) as s:
        assert s.fingerprint() == before


def test_strict_refuses_a_file_with_skipped_rows(store, db_path, register_file, snapshot_a, monkeypatch):
    from typer.testing import CliRunner

    from accountable.cli import app

    datasets.load([RegisterFile(register_file)], store)  # a graph of the small register alone
    before = store.fingerprint()
    store.close()
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db_path))
    run = CliRunner().invoke
    r = run(app, ["load-ofsted", str(snapshot_a), "--strict"])
    assert r.exit_code == 2
    assert f"{snapshot_a}:6: row: skipped: no council with LA code 999 (atlantis)" in r.stderr
    from accountable.graph import open_store

    with open_store("ladybug", db_path) as s:
        assert s.fingerprint() == before
    r = run(app, ["load-ofsted", str(snapshot_a)])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-2:] == [
        f"{snapshot_a}: skipped row 6: no council with LA code 999 (atlantis)", f"{snapshot_a}: 5 loaded, 1 skipped"]


# ---------------------------------------------------------------- the shipped data and the questions on it


def shipped_outcomes() -> list[dict]:
    import openpyxl

    book = openpyxl.load_workbook(UPSTREAM / "ofsted_ilacs_outcomes_2026-06.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


@needs_upstream
def test_councils_judged_inadequate_match_the_spreadsheet(cli):
    sheet = shipped_outcomes()
    inadequate = {r["la_code"] for r in sheet if r["overall_effectiveness_grade"] == "inadequate"}
    r = cli("councils", "--judgement", "inadequate", "--format", "json")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    assert a["count"] == len(inadequate)
    assert {x["la_code"] for x in a["rows"]} == inadequate
    # Somerset's 2013 article inspection was inadequate; its latest (2026) has no overall grade
    assert "somerset" not in {x["id"] for x in a["rows"]}
    assert "somerset" in {u["id"] for u in a["ungraded_not_counted"]}


@needs_upstream
def test_a_latest_inspection_without_an_overall_grade_is_shown_ungraded(cli):
    sheet = shipped_outcomes()
    empty = {r["la_code"] for r in sheet if str(r["overall_effectiveness_grade"]).lower() in ("nan", "", "none")}
    a = json.loads(cli("councils", "--judgement", "ungraded", "--format", "json").stdout)
    assert {x["la_code"] for x in a["rows"]} == empty
    for x in a["rows"]:
        assert x["overall"] is None and x["judgement"] == "ungraded" and x["ungraded"] is True
        assert x["note"].startswith("ungraded: its latest inspection (published ")
    table = " ".join(cli("councils", "--region", "south west").stdout.split())
    assert "Somerset Council: ungraded: its latest inspection (published 2026-06-17) has no overall grade." in table


@needs_upstream
def test_councils_by_region_with_their_dcs_where_known(cli):
    sheet = shipped_outcomes()
    now = json.loads(cli("councils", "--region", "south west", "--format", "json").stdout)
    assert now["count"] == sum(1 for r in sheet if r["region_code"] == "SW")
    a = json.loads(cli("councils", "--region", "south west", "--on", "2015-04-15", "--format", "json").stdout)
    ids = {x["id"] for x in a["rows"]}  # the councils of that day: Poole, not Bournemouth, Christchurch and Poole
    assert {"poole", "bournemouth", "dorset-county"} <= ids and not {"dorset", "bournemouth-christchurch-and-poole"} & ids
    somerset = next(x for x in a["rows"] if x["id"] == "somerset")
    assert [d["name"] for d in somerset["dcs"]] == ["Julian Wooster"]
    assert all(x["region"] == "South West" for x in a["rows"])
    r = cli("councils", "--region", "Atlantis")
    assert r.exit_code == 2 and "no region 'Atlantis'; the regions are: East Midlands" in r.stderr
    r = cli("councils", "--judgement", "excellent")
    assert r.exit_code == 2 and "is not one of: outstanding, good, requires improvement, inadequate, ungraded" in r.stderr


def test_inspections_template_keeps_its_interface(loaded):
    t = registry.get("inspections")
    assert [(p.name, p.type, p.required) for p in t.params] == [("council", "string", True)]
    assert t.returns == (
        "id", "framework", "inspection_start", "inspection_start_precision", "inspection_end", "inspection_end_precision",
        "published", "published_precision", "overall", "impact_of_leaders", "help_and_protection", "in_care",
        "care_leavers", "adoption", "lscb", "report_url", "sources",
    )
    rows = registry.run(loaded, "inspections", {"council": "somerset"})
    assert list(rows[0]) == list(t.returns)
    assert [(str(r["published"]), r["published_precision"], r["overall"]) for r in rows] == [
        ("2026-06-17", "day", None), ("2015-03-01", "month", None), ("2013-08-01", "month", "inadequate")]
    assert rows[0]["sources"] == ["ofsted-ilacs-outcomes-2026-06-29"]


def test_inspections_command_lists_judgements_with_sources(cli):
    r = cli("inspections", "933")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.index("2026-06-17") < out.index("2015-03") < out.index("2013-08")
    assert "overall: no grade; leaders: requires improvement" in out
    assert "[1] Ofsted ILACS outcomes summary, snapshot of 29 June 2026" in out
    csv_out = cli("inspections", "somerset", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == ",".join(registry.get("inspections").returns)


@needs_upstream
def test_loading_the_shipped_data_twice_changes_nothing(loaded, cli):
    before = loaded.fingerprint()
    load_defaults(loaded, without=("ofsted-reports",))  # as the graph was loaded (tests/conftest.py)
    assert loaded.fingerprint() == before
    loaded.close()
    r = cli("load-ofsted", str(UPSTREAM / "ofsted_ilacs_outcomes_2026-06.xlsx"))
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1].endswith(": 153 loaded, 0 skipped")
    r = cli("load-register", str(UPSTREAM / "la_lookup.csv"))
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1].endswith(": 156 loaded, 0 skipped")  # the former authorities onto the former councils
    from accountable.graph import open_store

    with open_store("ladybug", loaded.path) as s:
        assert s.fingerprint() == before


def test_sources_attribute_the_shipped_datasets_with_their_licences(cli):
    r = cli("sources", "--kind", "dataset", "--format", "json")
    rows = {x["id"]: x for x in json.loads(r.stdout)}
    assert set(rows) == {f.source["id"] for f in manifest()} | {"mysociety-local-authorities-1.6.1", "ifg-ministers-2026-06-19"}
    assert rows["d2i-la-lookup-2026-06"]["licence"].startswith("MIT")
    assert rows["ofsted-ilacs-outcomes-2026-06-29"]["licence"].startswith("Open Government Licence v3.0")
    assert rows["ifg-ministers-2026-06-19"]["licence"] == "CC BY 4.0; attribute: Institute for Government, Ministers Database, CC BY 4.0"
    assert rows["mysociety-local-authorities-1.6.1"]["licence"].startswith("CC BY 4.0; attribute: mySociety")
    assert all(rows[f.source["id"]]["url"] == "https://github.com/data-to-insight/ofsted-ilacs-scrape-tool" for f in manifest())
    table = cli("sources").stdout
    assert "Licence: MIT (Data to Insight" in table and "ca2004-s18 (statute)" in table


@needs_upstream
def test_the_manifest_describes_the_upstream_files_byte_for_byte():
    for f in manifest():
        assert sha256_of(UPSTREAM / f.file) == f.sha256, f"update sha256 of {f.file} in data/reference/manifest.yaml"
