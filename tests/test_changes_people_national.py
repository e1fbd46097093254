"""What changed between two dates, who a person is, the national picture: answers on the real
embedded graph, through the command line and the Python API."""

from __future__ import annotations

import json
import re

import pytest

from accountable.queries import registry
from accountable.queries.answers import LookupError_
from accountable.queries.changes import changes
from accountable.queries.national import national
from accountable.queries.person import person
from web_support import real_councils_on

MAPLAND_LOCATED = {"northtown", "southby", "westcombe", "eastwick", "midford", "hostile"}  # the fictional councils with a location


def _by(answer, change):
    return [x for x in answer["changes"] if x["change"] == change]


def test_changes_in_somerset_are_the_arrivals_departures_and_arrangements_of_the_period(loaded):
    a = changes(loaded, "somerset", "2014-01", "2015-06")
    assert a["council"] == {"id": "somerset", "name": "Somerset Council"}
    assert (a["from"], a["to"]) == ("2014-01-01", "2015-06-30")
    # Peter Lewis's interim spell ended in October 2014, and the sources disagree about how
    ended = _by(a, "interim_ended")
    assert [(x["date"], x["fact_id"], x["disputed"]) for x in ended] == [("2014-10", "holds:peter-lewis>somerset/dcs", True)]
    # the termination is a termination, not an appointment
    [term] = _by(a, "termination")
    # named as the council was named then (Somerset County Council until 2023)
    assert term["what"] == "Somerset County Council ended the appointment of Peter Lewis as interim Director of Children's Services"
    assert {s["id"] for s in term["sources"]} == {"cypnow-2015-03-somerset-ofsted"}
    [declared] = _by(a, "declared_began")
    assert declared["date"] == "2014-10" and "Patrick Flaherty" in declared["what"]
    assert [s["quote"] for s in declared["sources"]] == ["He declared himself accountable until a replacement was found."]
    appointed = {x["what"] for x in _by(a, "appointed")}
    assert "Julian Wooster became Director of Children's Services" in appointed
    [advisers] = _by(a, "intervention_began")
    assert advisers["date"] == "2015-03" and "advisers appointed" in advisers["what"]
    # the dispute over Lewis's departure began when the second, disagreeing source was published
    contested = _by(a, "contested")
    assert contested[0]["fact_id"] == "holds:peter-lewis>somerset/dcs"
    assert contested[0]["date"] == "2014-10-28"
    assert contested[0]["sources"][0]["id"] == "cypnow-2014-10-28-somerset-row"
    # every change cites a source, and every number it cites is in the list
    numbers = {s["n"] for s in a["sources"]}
    assert all(x["sources"] and {s["n"] for s in x["sources"]} <= numbers for x in a["changes"])
    # ordered by date
    days = [x["date"] for x in a["changes"]]
    assert days == sorted(days, key=lambda d: (d + "-01-01")[:10])


def test_a_period_with_nothing_in_it_and_a_period_around_one_change(loaded):
    assert changes(loaded, "somerset", "2016", "2017")["changes"] == []
    a = changes(loaded, "somerset", "2015-03", "2015-03")
    assert {x["change"] for x in a["changes"]} >= {"appointed", "declared_ended", "intervention_began", "inspection_published"}
    assert all(x["date"].startswith("2015-03") for x in a["changes"])


def test_changes_everywhere_and_by_region(loaded):
    everywhere = changes(loaded, None, "2014", "2015")
    assert {x["council_id"] for x in everywhere["changes"]} >= {"somerset", "doncaster", "hackney"}
    assert everywhere["count"] == len(everywhere["changes"]) == sum(everywhere["counts"].values())
    london = changes(loaded, None, "2014", "2015", region="London")
    assert london["changes"] and {x["council_id"] for x in london["changes"]} <= {
        r["id"] for r in registry.run(loaded, "councils", {"region": "London"})}
    assert {x["change"] for x in london["changes"]} >= {"trust_began", "appointed"}
    with pytest.raises(LookupError_, match="no region 'Atlantis'"):
        changes(loaded, None, "2014", "2015", region="Atlantis")


@pytest.mark.parametrize("args, message", [
    ((None, None), "give the start of the period"),
    (("2015", "2014"), "ends \\(2014\\) before it begins"),
    (("2014-13", "2015"), "2014-13"),
])
def test_changes_refuses_a_bad_period(loaded, args, message):
    with pytest.raises(registry.TemplateError, match=message):
        changes(loaded, "somerset", *args)


def test_changes_command_as_table_json_and_csv(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # one line a change, to read it here
    r = cli("changes", "somerset", "--from", "2014-01", "--to", "2015-06")
    assert r.exit_code == 0, r.output
    assert "What changed: Somerset Council, 2014-01-01 to 2015-06-30" in r.output
    assert "ended the appointment of Peter Lewis" in r.output
    j = json.loads(cli("changes", "somerset", "--from", "2014-01", "--to", "2015-06", "-f", "json").output)
    assert j["count"] == len(j["changes"]) == 11
    csv = cli("changes", "somerset", "--from", "2014-01", "--to", "2015-06", "-f", "csv").output.splitlines()
    assert csv[0] == "date,council_id,council,change,what,fact_id,disputed,sources,quotes"
    assert len(csv) == 1 + 11
    bad = cli("changes", "somerset", "--to", "2015")
    assert bad.exit_code == 2 and "give the start of the period" in bad.output


def test_person_lists_every_post_role_and_source(loaded):
    a = person(loaded, "Peter Lewis")
    assert a["person"]["id"] == "peter-lewis"
    [post] = a["posts"]
    assert (post["post_id"], post["capacity"], post["from"], post["to"], post["status"]) == (
        "somerset/dcs", "interim", "2013", "2014-10", "disputed")
    assert {s["id"] for s in post["sources"]} == {"cypnow-2014-10-28-somerset-row", "lgc-2014-10-no-gaps", "cypnow-2015-03-somerset-ofsted"}
    [role] = a["roles"]
    assert role["kind"] == "APPOINTS" and role["action"] == "terminate" and role["other_id"] == "somerset"
    assert role["fact"].startswith("Somerset County Council ends the appointment of Peter Lewis")
    flaherty = person(loaded, "patrick-flaherty")
    assert {(p["post_id"], p["capacity"]) for p in flaherty["posts"]} == {
        ("somerset/chief_executive", "substantive"), ("somerset/dcs", "declared")}
    wood = person(loaded, "Alan Wood")
    assert any(r["kind"] == "OFFICER_OF" and r["other_id"] == "adcs" and r["role"] == "president" for r in wood["roles"])


@pytest.mark.parametrize("typed, nearest", [("Peter Lewes", "peter-lewis"), ("Patrik Flahrety", "patrick-flaherty"),
                                            ("julian woster", "julian-wooster")])
def test_a_misspelt_name_suggests_the_nearest(loaded, typed, nearest):
    with pytest.raises(LookupError_) as e:
        person(loaded, typed)
    assert e.value.candidates[0]["id"] == nearest
    assert "the nearest names" in str(e.value)


def test_person_command_names_the_nearest_on_a_misspelling(cli):
    r = cli("person", "Peter Lewes")
    assert r.exit_code == 2
    assert "no person matches 'Peter Lewes'; the nearest names: Peter Lewis (peter-lewis)" in r.output
    ok = cli("person", "Peter Lewis", "-f", "json")
    assert json.loads(ok.output)["posts"][0]["post_id"] == "somerset/dcs"


def test_national_picture_on_a_date(mapland):
    a = mapland.national("2016-06-01")
    by_id = {c["id"]: c for c in a["councils"]}
    real = real_councils_on("2016-06-01")  # the bundled councils around the fictional ones
    assert set(by_id) == real["existed"] | MAPLAND_LOCATED and a["count"] == len(real["existed"]) + 6
    assert "oldshire" not in by_id and a["not_yet_or_no_longer"] == len(real["absent"]) + 1  # abolished in 2009
    assert {c["id"] for c in a["councils"] if c["latitude"] is not None} == real["located"] | MAPLAND_LOCATED
    assert a["located"] == len(real["located"]) + 6
    s = by_id["southby"]
    assert s["judgement"] == "inadequate" and s["inspection"]["published"] == "2014-02-11"
    assert s["dcs"]["name"] == "Sam South" and s["dcs_marker"] == "interim"
    assert [t["id"] for t in s["trusts"]] == ["southby-childrens-trust"]
    assert [x["action"] for x in s["interventions"]] == ["statutory_direction"]
    assert by_id["westcombe"]["judgement"] == "requires improvement" and by_id["westcombe"]["dcs_marker"] == "unknown"  # West left in February
    assert by_id["northtown"]["dcs_marker"] is None and by_id["midford"]["judgement"] == "no inspection"
    north = next(g for g in a["regions"] if g["region"] == "Mapland North")
    assert north["councils"] == 3 and north["judgements"] == {"good": 1, "no inspection": 2}
    # on an earlier date: Westcombe's inspection not yet published, Southby's trust not yet begun, Oldshire existed
    b = {c["id"]: c for c in mapland.national("2008-06-01")["councils"]}
    assert b["westcombe"]["judgement"] == "no inspection" and b["southby"]["trusts"] == [] and "oldshire" in b


def test_report_national_writes_one_offline_page(map_cli, tmp_path):
    from accountable.presentation.pages import remote_resources

    out = tmp_path / "national.html"
    r = map_cli("report", "--national", "--on", "2016-06-01", "-o", str(out))
    assert r.exit_code == 0, r.output
    located = len(real_councils_on("2016-06-01")["located"]) + 6  # the bundled councils and Mapland's six
    assert f"on 2016-06-01, {located} on the map" in r.output
    html = out.read_text(encoding="utf-8")
    assert remote_resources(html) == []
    # one dot a located council (a London borough has a second one, in the London inset)
    assert len(set(re.findall(r'class="dot" data-id="([^"]+)"', html))) == located and 'id="council-southby"' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Council" in html
    assert map_cli("report", "somerset", "--national", "-o", str(out)).exit_code == 2


def test_the_python_api_answers_as_json_does(mapland, map_cli):
    import accountable

    assert isinstance(mapland, accountable.Graph)
    for args, call in [
        (("who", "somerset", "--on", "2014-11-15"), lambda: mapland.who("somerset", on="2014-11-15")),
        (("history", "somerset", "--from", "2013"), lambda: mapland.history("somerset", from_="2013")),
        (("changes", "--from", "2014", "--to", "2015"), lambda: mapland.changes(from_="2014", to="2015")),
        (("person", "peter-lewis"), lambda: mapland.person("peter-lewis")),
        (("query", "find_council", "-p", "q=bury"), lambda: mapland.query("find_council", q="bury")),
        (("query", "interventions", "-p", "from=2014"), lambda: mapland.query("interventions", from_="2014")),
    ]:
        r = map_cli(*args, "-f", "json")
        assert r.exit_code == 0, r.output
        assert call() == json.loads(r.output), args
    with pytest.raises(accountable.NotFound):
        mapland.who("atlantis")
    with pytest.raises(accountable.BadParameter):
        mapland.who("somerset", on="2014-13-01")


def test_the_python_api_closes_cleanly_and_honours_the_environment(mapland_path, monkeypatch):
    import accountable

    monkeypatch.setenv("ACCOUNTABLE_DB", str(mapland_path))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    with accountable.open() as g:
        assert g.who("southby", on="2016-01-01")["council"]["id"] == "southby"
    assert g.store is None
    with accountable.open() as again:  # the file was released: it opens again, writable
        assert not again.store.read_only


def test_one_councils_changes_are_the_national_template_kept_to_that_council(loaded):
    """`changes COUNCIL` reads from the council itself (council_changes); its rows are exactly those
    of the national template given the council, for every bundled council, period and region."""
    key = lambda rows: sorted(map(repr, rows))  # noqa: E731
    councils = [r["id"] for r in registry.run(loaded, "councils", {"region": ""})]
    periods = [("1800", "2200", ""), ("2014", "2015", ""), ("2010-05", "2012-03-04", ""), ("2001", "2026", "south west")]
    seen = set()
    for c in councils:
        for start, end, region in periods:
            values = {"council": c, "from": start, "to": end, "region": region}
            rows = registry.run(loaded, "council_changes", values)
            assert key(rows) == key(registry.run(loaded, "changes", values)), values
            seen |= {r["rel_kind"] for r in rows}
    assert seen >= {"HOLDS", "APPOINTS", "DIRECTS", "COMMISSIONS"}
