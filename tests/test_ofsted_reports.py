"""Ofsted's reports as facts: unnamed holders by post and start, one inspection node with the
spreadsheet's, interventions, every fact quoted with its page and rule; the loader's command;
and old facts said to be old (the stale flag), on the real embedded store.

Reports are built as loaders/report_extract.py gives them (its own dataclasses), with sentences
as the reports print them; the tests that read real PDFs take them from ../shared and skip
where it is absent."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accountable.loaders import facts
from accountable.loaders import ofsted_reports as o
from accountable.loaders.problems import InvalidInput
from accountable.loaders.report_extract import Intervention, Report, Statement
from accountable.queries import registry
from accountable.queries.gaps import gaps
from accountable.queries.history import history
from accountable.queries.who import who

from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

REPORTS = SHARED / "data" / "ofsted-reports"
BURY = REPORTS / "80443_bury"
NOT_A_PDF = REPORTS / "80431_blackpool" / "children's services inspection - 13 july 2012.pdf"


@pytest.fixture
def plain(loaded):
    """The bundled facts without the reports' derived facts (tests/conftest.py): reports built here are the only ones."""
    return loaded


def report(council: str, file: str, start: str, end: str, statements=(), interventions=(), family: str = "sif",
           judgements: dict | None = None, published: str | None = None) -> Report:
    framework = {"sif": "Single inspection framework (SIF)", "ilacs": "ILACS"}[family]
    return Report(path=f"/reports/{council}/{file}", folder=council, file=file, urn=None, council_printed=council.title(),
                  family=family, framework=framework, inspection_start=start, inspection_end=end, published=published,
                  judgements=judgements or {"overall": "requires improvement"}, statements=list(statements),
                  interventions=list(interventions))


def dcs(quote: str, date: str | None, capacity: str = "unknown", event: str = "in_post", page: int = 7) -> Statement:
    return Statement(quote=quote, page=page, rule="sif.leadership.in_post_since", post="dcs", event=event,
                     capacity=capacity, date=date)


def load(store, *reports: Report) -> o.ReportsLoad:
    ds = o.ReportsLoad(list(reports))
    facts.load([], store, datasets=[ds])
    return ds


BURY_2016 = report("bury", "children's services inspection - 16 may 2016.pdf", "2016-02-22", "2016-03-17",
                   [dcs("The DCS has been in post since January 2011.", "2011-01")],
                   judgements={"overall": "requires improvement", "adoption": "good", "lscb": "good"})
BURY_2014 = report("bury", "children's services inspection - 5 march 2014.pdf", "2014-01-13", "2014-02-04",
                   [dcs("The Director of Children's Services has been in post since 2011.", "2011", page=6)])


# ---------------------------------------------------------------- holders no source names


def test_two_reports_giving_one_start_confirm_one_unnamed_holding(plain):
    load(plain, BURY_2016, BURY_2014)
    a = history(plain, "bury")
    assert len(a["holdings"]) == 1
    h = a["holdings"][0]
    assert h["unnamed"] and h["person_id"] == "bury/dcs/unnamed-2011-01"
    assert (h["from"], h["capacity"], h["last_confirmed"]) == ("2011-01", "unknown", "2016-03-17")
    assert h["person"] == "not named; in post since 2011-01; confirmed 2016-03-17 by Ofsted"
    by_quote = {s["quote"]: s for s in h["sources"]}
    assert set(by_quote) == {"The DCS has been in post since January 2011.",
                             "The Director of Children's Services has been in post since 2011."}
    s = by_quote["The DCS has been in post since January 2011."]
    assert (s["method"], s["rule"], s["page"], s["publisher"]) == ("extracted", "sif.leadership.in_post_since", 7, "Ofsted")
    assert a["holders"] == 1


def test_a_later_start_is_a_new_holder_and_the_earlier_holding_ends_when_it_begins(plain):
    later = report("bury", "children's services inspection - 17 december 2021.pdf", "2021-10-25", "2021-11-05",
                   [dcs("An interim DCS took up post in March 2021.", "2021-03", "interim")], family="ilacs")
    load(plain, BURY_2016, later)
    first, second = history(plain, "bury")["holdings"]
    assert (first["from"], first["to"], first["to_basis"]) == ("2011-01", "2021-03", "succeeded")
    assert (second["from"], second["capacity"], second["person_id"]) == ("2021-03", "interim", "bury/dcs/unnamed-2021-03")
    answer = who(plain, "bury", "2021-06-01")
    entry = next(e for e in answer["chain"] if e["id"] == "bury/dcs")
    assert entry["holder"] == "not named; in post since 2021-03, interim; confirmed 2021-11-05 by Ofsted"
    assert ("interim", "bury/dcs") in {(f["kind"], f["post"]) for f in answer["flags"]}


def test_reports_that_differ_on_the_capacity_are_kept_side_by_side(plain):
    a = report("bury", "a.pdf", "2016-02-22", "2016-03-17", [dcs("The interim DCS has been in post since July 2015.", "2015-07", "interim")])
    b = report("bury", "b.pdf", "2017-02-20", "2017-03-10", [dcs("The DCS has been permanent since July 2015.", "2015-07", "substantive")])
    load(plain, a, b)
    (h,) = history(plain, "bury")["holdings"]
    assert h["status"] == "disputed" and h["capacity"] == "interim"
    assert {s["account"] for s in h["sources"]} == {"capacity interim", "capacity substantive"}


def test_departures_vacancies_and_arrivals_become_ends_and_future_starts(plain):
    r = report("bury", "c.pdf", "2017-02-20", "2017-03-10", [
        dcs("The DCS has been in post since May 2012.", "2012-05"),
        dcs("The DCS retired in December 2016.", "2016-12", event="left"),
        dcs("A new DCS has been appointed and will come into post in June 2017.", "2017-06", event="arriving"),
    ])
    load(plain, r)
    first, second = history(plain, "bury")["holdings"]
    assert (first["from"], first["to"]) == ("2012-05", "2016-12")
    assert second["from"] == "2017-06"
    answer = who(plain, "bury", "2017-03-01")
    assert ("vacant", "bury/dcs") in {(f["kind"], f["post"]) for f in answer["flags"]}


def test_a_named_holder_and_an_unnamed_one_are_both_shown_not_joined(plain):
    r = report("somerset", "s.pdf", "2016-01-11", "2016-02-02", [dcs("The DCS has been in post since March 2015.", "2015-03")])
    load(plain, r)
    answer = who(plain, "somerset", "2016-03-01")
    entry = next(e for e in answer["chain"] if e["id"] == "somerset/dcs")
    holders = [entry["holder"]] + [x["holder"] for x in entry.get("also", [])]
    assert holders == ["Julian Wooster", "not named; in post since 2015-03; confirmed 2016-02-02 by Ofsted"]
    flags = {f["kind"] for f in answer["flags"] if f["post"] == "somerset/dcs"}
    assert "unjoined" in flags and "ambiguous" not in flags


def test_the_interim_gap_question_answers_from_reports(plain):
    load(plain,
         report("bury", "a.pdf", "2016-02-22", "2016-03-17", [dcs("The interim DCS has been in post since July 2015.", "2015-07", "interim")]),
         report("leeds", "b.pdf", "2016-01-11", "2016-02-02", [dcs("The DCS has been in post since 2010.", "2010")]),
         report("barnsley", "c.pdf", "2016-04-11", "2016-05-05", [dcs("An acting DCS has been in post since March 2016.", "2016-03", "acting")]))
    a = gaps(plain, "2016-06-01", posts=["dcs"], kinds=["interim"])
    assert [g["council_id"] for g in a["gaps"]] == ["bury"]
    assert a["gaps"][0]["person"].startswith("not named; in post since 2015-07, interim")
    assert [g["council_id"] for g in gaps(plain, "2016-06-01", posts=["dcs"], kinds=["acting"])["gaps"]] == ["barnsley"]
    assert "leeds" not in {g["council_id"] for g in gaps(plain, "2016-06-01", posts=["dcs"])["gaps"]}


# ---------------------------------------------------------------- inspections, interventions, the load itself


def test_the_spreadsheets_inspection_and_the_reports_are_one_node(plain):
    before = {r["id"] for r in registry.run(plain, "inspections", {"council": "bury"})}
    ilacs = report("bury", "children's services inspection - 29 july 2025.pdf", "2025-06-09", "2025-06-20", family="ilacs",
                   judgements={"overall": "requires improvement"})
    load(plain, ilacs, BURY_2016)
    rows = registry.run(plain, "inspections", {"council": "bury"})
    assert len(rows) == len(before) + 1  # the 2016 one is new; the 2025 one is the spreadsheet's
    same = [r for r in rows if str(r["inspection_start"]) == "2025-06-09"]
    assert len(same) == 1 and same[0]["id"] in before
    assert any(s.startswith("ofsted-report-bury-") for s in same[0]["sources"]) and len(same[0]["sources"]) == 2
    sif = next(r for r in rows if str(r["inspection_start"]) == "2016-02-22")
    assert (sif["adoption"], sif["lscb"], sif["report_url"]) == ("good", "good", None)


def test_interventions_become_directions_and_commissioning(plain):
    r = report("sandwell", "s.pdf", "2019-01-14", "2019-01-25", family="ilacs", interventions=[
        Intervention(quote="Since April 2018, children's services have been delivered by Sandwell Children's Trust.", page=2,
                     rule="ilacs.trust.delivered_by", action="trust", body="Sandwell Children's Trust", date="2018-04"),
        Intervention(quote="In 2016 the Secretary of State appointed a commissioner.", page=3,
                     rule="ilacs.commissioner", action="commissioner_appointed", date="2016"),
    ])
    directs = "MATCH (p:Post)-[d:DIRECTS]->(c:Council {id: 'sandwell'}) RETURN p.id AS by, d.action AS action, d.methods AS m"
    curated = plain.query(directs)  # the curated directions of data/facts/trusts-and-interventions.yaml
    assert curated and all("extracted" not in x["m"] for x in curated)
    load(plain, r)
    answer = who(plain, "sandwell", "2019-06-01")
    kinds = {f["kind"] for f in answer["flags"]}
    assert {"outsourced", "under_intervention"} <= kinds
    provider = next(e for e in answer["chain"] if e["kind"] == "provider")
    assert (provider["id"], provider["organisation"]) == ("sandwell-childrens-trust", "Sandwell Children's Trust")
    rows = plain.query(directs)
    assert [x for x in rows if x not in curated] == [{"by": "dfe/secretary_of_state", "action": "commissioner_appointed", "m": ["extracted"]}]
    assert all(x in rows for x in curated)


def test_loading_again_changes_nothing_and_a_bad_record_writes_nothing(plain):
    load(plain, BURY_2016, BURY_2014)
    once = plain.fingerprint()
    load(plain, BURY_2016)  # a few reports again on top of all of them
    assert plain.fingerprint() == once
    bad = report("bury", "bad.pdf", "2018-01-08", "2018-01-19", [dcs("The DCS has been in post since 2017.", "2017-13")])
    with pytest.raises(InvalidInput) as e:
        load(plain, bad)
    assert e.value.problems[0].file == "/reports/bury/bad.pdf" and e.value.problems[0].field == "start"
    assert plain.fingerprint() == once


def test_a_report_whose_council_cannot_be_told_is_skipped_with_the_reason(plain):
    nowhere = report("atlantis", "a.pdf", "2016-02-22", "2016-03-17")
    unreadable = Report(path="/reports/x/y.pdf", folder="x", file="y.pdf", problem="y.pdf is not a PDF but an HTML page")
    ds = load(plain, nowhere, unreadable, BURY_2016)
    assert ds.lines() == [
        "skipped /reports/atlantis/a.pdf: its council cannot be told: no URN in its folder name, and no council is named 'Atlantis'",
        "skipped /reports/x/y.pdf: y.pdf is not a PDF but an HTML page",
        "1 loaded, 2 skipped",
    ]


def test_evidence_keeps_page_method_rule_and_as_of_through_export(plain, tmp_path):
    load(plain, BURY_2016)
    from accountable.graph.export import to_json

    data = json.loads(to_json(plain.dump()))
    rel = next(r for r in data["relationships"] if r.get("id") == "holds:bury/dcs/unnamed-2011-01>bury/dcs")
    ev = rel["evidence"]
    assert (ev[0]["method"], ev[0]["rule"], ev[0]["page"], ev[0]["as_of"]) == ("extracted", "sif.leadership.in_post_since", "7", "2016-03-17")


# ---------------------------------------------------------------- old facts said to be old


def test_an_old_holding_is_last_known_with_a_stale_flag(cli):
    r = cli("who", "somerset", "--on", "2024-01-01", "--format", "json")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    dcs_entry = next(e for e in a["chain"] if e["id"] == "somerset/dcs")
    assert dcs_entry["holder"] == "Julian Wooster" and dcs_entry["last_known"]
    stale = [f for f in a["flags"] if f["kind"] == "stale" and f["post"] == "somerset/dcs"]
    assert len(stale) == 1 and "Julian Wooster last confirmed 2015-03" in stale[0]["message"]
    assert "more than 2 years before 2024-01-01" in stale[0]["message"]
    # on a date near its source, the same holding is current
    a2015 = json.loads(cli("who", "somerset", "--on", "2015-06-01", "--format", "json").stdout)
    assert not any(f["kind"] == "stale" for f in a2015["flags"])


def test_the_threshold_is_an_option_and_a_setting(cli, monkeypatch):
    longer = json.loads(cli("who", "somerset", "--on", "2024-01-01", "--stale-after", "20", "--format", "json").stdout)
    assert not any(f["kind"] == "stale" for f in longer["flags"])
    monkeypatch.setenv("ACCOUNTABLE_STALE_AFTER", "20")
    setting = json.loads(cli("who", "somerset", "--on", "2024-01-01", "--format", "json").stdout)
    assert not any(f["kind"] == "stale" for f in setting["flags"])
    # the chief executive, last confirmed 2014-10: current in mid-2015 by default, stale after half a year
    monkeypatch.delenv("ACCOUNTABLE_STALE_AFTER")
    usual = json.loads(cli("who", "somerset", "--on", "2015-06-01", "--format", "json").stdout)
    assert not any(f["kind"] == "stale" and f["post"] == "somerset/chief_executive" for f in usual["flags"])
    monkeypatch.setenv("ACCOUNTABLE_STALE_AFTER", "0.5")
    shorter = json.loads(cli("who", "somerset", "--on", "2015-06-01", "--format", "json").stdout)
    assert any(f["kind"] == "stale" and f["post"] == "somerset/chief_executive" and "Patrick Flaherty last confirmed 2014-10" in f["message"]
               for f in shorter["flags"])
    bad = cli("who", "somerset", "--stale-after", "-1")
    assert bad.exit_code == 2 and "--stale-after" in bad.output


def test_a_date_after_today_is_warned(cli):
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    a = json.loads(cli("who", "somerset", "--on", later, "--format", "json").stdout)
    assert any(f["kind"] == "future" and later in f["message"] for f in a["flags"])


def test_gaps_and_councils_say_old_holders_are_last_known(cli):
    g = json.loads(cli("gaps", "--on", "2024-01-01", "--post", "dcs", "--format", "json").stdout)
    somerset = next(x for x in g["gaps"] if x["council_id"] == "somerset")
    assert somerset["gap"] == "unknown" and somerset["person"] == "Julian Wooster" and somerset["stale"]["last_confirmed"] == "2015-03"
    assert somerset["message"].startswith("last known: Julian Wooster (substantive), last confirmed 2015-03")
    c = json.loads(cli("councils", "--region", "South West", "--on", "2024-01-01", "--format", "json").stdout)
    row = next(r for r in c["rows"] if r["id"] == "somerset")
    assert row["dcs"][0]["name"] == "Julian Wooster" and row["dcs"][0]["last_known"]


# ---------------------------------------------------------------- the command, on real reports


needs_reports = pytest.mark.skipif(not BURY.is_dir(), reason="../shared/data/ofsted-reports is not here")


@needs_reports
def test_load_ofsted_reports_names_what_it_skips_and_loads_the_rest(cli, loaded_path, monkeypatch):
    r = cli("load-ofsted-reports", str(BURY), str(NOT_A_PDF))
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[-1] == "2 loaded, 1 skipped"
    assert any(line.startswith(f"skipped {NOT_A_PDF}: ") and "not a PDF" in line for line in lines)
    again = cli("load-ofsted-reports", str(BURY))
    assert again.exit_code == 0 and again.stdout.splitlines()[-1] == "2 loaded, 0 skipped"
    ins = json.loads(cli("inspections", "bury", "--format", "json").stdout)["inspections"]
    years = sorted(str(i["inspection_start"])[:4] for i in ins)
    assert years == ["2016", "2021", "2025"]
    sif = next(i for i in ins if str(i["inspection_start"]).startswith("2016"))
    assert sif["framework"].startswith("Single inspection framework") and sif["adoption"] and sif["lscb"]
    assert all(i["overall"] for i in ins)


@needs_reports
def test_history_of_bury_from_its_reports(cli):
    assert cli("load-ofsted-reports", str(BURY)).exit_code == 0
    a = json.loads(cli("history", "bury", "--format", "json").stdout)
    first = a["holdings"][0]
    assert first["unnamed"] and first["from"] == "2011-01"
    assert first["person"].startswith("not named; in post since 2011-01") and "confirmed 2016-03" in first["person"]
    assert any("January 2011" in s.get("quote", "") and s["method"] == "extracted" for s in first["sources"])


def test_a_missing_path_is_refused_before_anything_opens(cli, tmp_path):
    r = cli("load-ofsted-reports", str(tmp_path / "nothing-here"))
    assert r.exit_code == 2 and "no such file or folder" in r.output


@pytest.mark.slow  # reads every report PDF again (the longest test of the suite: minutes of CPU)
@needs_reports
def test_the_shipped_report_facts_regenerate_identically_from_shared(tmp_path):
    from accountable.loaders import derive

    shipped = derive.derived_dir() / "ofsted-reports.jsonl"
    assert shipped.is_file(), "data/derived/ofsted-reports.jsonl ships: `accountable derive ofsted-reports` writes it"
    derive.regenerate(SHARED / "data", ["ofsted-reports"], out=tmp_path)
    assert (tmp_path / "ofsted-reports.jsonl").read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    records = [json.loads(line) for line in shipped.read_text(encoding="utf-8").splitlines()]
    sources = [r for r in records if r["type"] == "source"]
    assert sources and all(s["licence"] == "Open Government Licence v3.0" and s["publisher"] == "Ofsted"
                           and s["url"].startswith("https://reports.ofsted.gov.uk/provider/44/") for s in sources)
    assert all(e.get("method") == "extracted" and e.get("quote") for r in records if r["type"] == "relationship" for e in r["evidence"])


def test_first_use_loads_the_reports_derived_facts(tmp_path):
    from accountable.graph import open_store
    from accountable.loaders.bundled import load_defaults
    from accountable.loaders.derive import derived_dir

    shipped = [json.loads(line) for line in (derived_dir() / "ofsted-reports.jsonl").read_text(encoding="utf-8").splitlines()]
    holding = next(r for r in shipped if r.get("kind") == "HOLDS")
    with open_store("ladybug", tmp_path / "g.lbdb") as store:
        load_defaults(store)
        rows = store.query("MATCH (p:Person)-[h:HOLDS]->(post:Post) WHERE h.id = $id "
                           "RETURN p.identity AS identity, post.id AS post, h.sources AS sources, h.methods AS methods", {"id": holding["id"]})
        assert rows == [{"identity": "unnamed", "post": holding["to"], "sources": [e["source"] for e in holding["evidence"]],
                         "methods": ["extracted"] * len(holding["evidence"])}]
        n = store.query("MATCH (s:Source) WHERE s.source_kind = 'inspection_report' RETURN count(s) AS n")[0]["n"]
        assert n == sum(1 for r in shipped if r["type"] == "source")


def test_an_undated_statement_joins_its_reports_holder_unless_the_capacity_says_another(plain):
    r = report("bury", "d.pdf", "2014-05-12", "2014-06-03", [
        dcs("The interim DCS has been in post since October 2013.", "2013-10", "interim"),
        dcs("The interim DCS is held in high regard by partners.", None, "interim", page=9),
        dcs("A new permanent DCS has now taken over the role.", None, "substantive", page=10),
    ])
    load(plain, r)
    first, second = history(plain, "bury")["holdings"]
    assert (first["from"], first["capacity"], len(first["sources"])) == ("2013-10", "interim", 2)
    assert (second["person_id"], second["capacity"], second["from"]) == ("bury/dcs/unnamed-as-of-2014-06-03", "substantive", "2014-06-03")
    assert first["to"] == "2014-06-03" and first["to_basis"] == "succeeded"
