"""Every policy question, asked of the embedded engine: the bundled articles plus the fictional
Testshire and Mockford of tests/fixtures/testshire.yaml. Each test asserts the answer itself."""

import datetime as dt

import pytest

from accountable.queries import registry
from accountable.queries.answers import LookupError_
from accountable.queries.churn import churn
from accountable.queries.connection import connection
from accountable.queries.contested import contested
from accountable.queries.entities import find_entity
from accountable.queries.gaps import gaps
from accountable.queries.history import history
from accountable.queries.interventions import interventions
from accountable.queries.joint_roles import joint_roles
from accountable.queries.outsourced import outsourced
from accountable.queries.sources_for import sources_for

TESTSHIRE_DCS_2005_2014 = [
    ("Alice Example", "substantive", "2003-09", "2006-06"),
    ("Bob Sample", "interim", "2006-07", "2006-12"),
    ("Carol Fixture", "substantive", "2007-01", "2009-03"),
    ("Dan Placeholder", "acting", "2009-04", "2009-09"),
    ("Erin Dummy", "substantive", "2009-10", "2012-02-15"),
    ("Jack Token", "declared", "2012-03", "2012-05"),
    ("Frank Mock", "interim", "2012-06", "2013-05"),
    ("Gina Stub", "substantive", "2013-06", "2014-03"),
    ("Hal Specimen", "interim", "2014-04", "2015-01"),
]


# ---------------------------------------------------------------- post_history


def test_post_history_template_rows_keep_dates_with_their_precision(asked):
    rows = registry.run(asked, "post_history", {"council": "testshire", "post": "dcs", "from": "2005", "to": "2014"})
    assert [r["person"] for r in rows] == [p for p, *_ in TESTSHIRE_DCS_2005_2014]
    erin = next(r for r in rows if r["person_id"] == "erin-dummy")
    assert (erin["valid_from"], erin["valid_from_precision"]) == (dt.date(2009, 10, 1), "month")
    assert (erin["valid_to"], erin["valid_to_precision"]) == (dt.date(2012, 2, 15), "day")
    assert erin["sources"] == ["fixture-gazette-2015"] and erin["quotes"] == ["Erin Dummy left on 15 February 2012"]
    hal = rows[-1]
    assert hal["valid_to"] is None and hal["until_basis"] == "superseded" and hal["valid_until"] == dt.date(2015, 1, 1)


def test_history_counts_eight_directors_in_ten_years(asked):
    a = history(asked, "Testshire", "dcs", "2005", "2014")
    got = [(h["person"], h["capacity"], h["from"], h["to"]) for h in a["holdings"]]
    assert got == TESTSHIRE_DCS_2005_2014
    assert (a["holders"], a["substantive"], a["temporary"], a["declared"]) == (8, 4, 4, 1)
    assert a["post"]["name"] == "Director of Children's Services, Testshire County Council"
    assert a["period"]["text"] == "2005–2014"
    hal = a["holdings"][-1]
    assert hal["to_basis"] == "succeeded"  # ended by Ivy Proxy's start, not by a stated end
    frank = next(h for h in a["holdings"] if h["person"] == "Frank Mock")
    assert frank["status"] == "disputed"
    assert [(s["title"], s.get("account")) for s in frank["sources"]] == [
        ("Testshire's revolving door: nine directors in ten years (fictional)", "he resigned"),
        ("Testshire County Council statement on its director of children's services (fictional)", "the council did not renew his contract"),
    ]
    assert [s["n"] for s in a["sources"]] == [1, 2]


@pytest.mark.parametrize("start, end, expected", [
    (None, None, 9),            # every holder, Ivy Proxy (2015-) included
    ("2006-07", "2014", 7),     # Alice left in 2006-06: the month she left is not in the period
    ("2003", "2006-06", 1),     # ...and the month she left is in this one
    ("2012", "2012", 2),        # Erin (to 2012-02-15) and Frank (from 2012-06); Jack only declared
    ("2016", None, 1),          # Ivy, still in post as far as the sources go
])
def test_history_periods_respect_precision(asked, start, end, expected):
    assert history(asked, "testshire", "dcs", start, end)["holders"] == expected


def test_history_of_other_posts_and_of_a_real_council(asked):
    dass = history(asked, "testshire", "dass")
    assert [(h["person"], h["capacity"]) for h in dass["holdings"]] == [("Liam Mockup", "substantive"), ("Carol Fixture", "joint")]
    somerset = history(asked, "somerset")
    assert [(h["person"], h["capacity"], h["from"], h["to"]) for h in somerset["holdings"]] == [
        ("Peter Lewis", "interim", "2013", "2014-10"),
        ("Patrick Flaherty", "declared", "2014-10", "2015-03"),
        ("Julian Wooster", "substantive", "2015-03", None),
    ]
    assert (somerset["holders"], somerset["declared"]) == (2, 1)
    rotherham = history(asked, "rotherham")
    assert [(h["person"], h["from"], h["to"]) for h in rotherham["holdings"]] == [("Joyce Thacker", None, "2014-10")]


# ---------------------------------------------------------------- churn


def test_churn_ranks_councils_and_ties_share_a_rank(asked):
    a = churn(asked, "dcs", "2005", "2014")
    got = [(c["rank"], c["council_id"], c["holders"], c["temporary"], c["declared"]) for c in a["councils"]]
    assert got[0] == (1, "testshire", 8, 4, 1)
    assert got[1] == (2, "somerset", 1, 1, 1)  # Lewis (interim); Flaherty declared, counted apart
    assert sorted(got[2:]) == [(2, "hackney", 1, 0, 0), (2, "mockford", 1, 0, 0), (2, "rotherham", 1, 0, 0)]
    testshire = a["councils"][0]
    assert {s["id"] for s in testshire["sources"]} == {"fixture-gazette-2015", "fixture-council-2013"}


def test_churn_agrees_with_history(asked):
    for c in churn(asked, "dcs", "2010", "2015")["councils"]:
        h = history(asked, c["council_id"], "dcs", "2010", "2015")
        assert (c["holders"], c["temporary"], c["declared"]) == (h["holders"], h["temporary"], h["declared"]), c["council_id"]


def test_churn_by_region_post_and_limit(asked):
    assert [c["council_id"] for c in churn(asked, "dcs", region="fixtureland north")["councils"]] == ["mockford"]
    dass = churn(asked, "dass")["councils"]
    assert [(c["council_id"], c["holders"]) for c in dass] == [("testshire", 2)]
    top = churn(asked, "dcs", "2005", "2014", limit=1)
    assert [c["council_id"] for c in top["councils"]] == ["testshire"]
    assert {s["id"] for s in top["sources"]} == {"fixture-gazette-2015", "fixture-council-2013"}


# ---------------------------------------------------------------- gaps


def _gap(answer, post_id):
    return next((g for g in answer["gaps"] if g["post_id"] == post_id), None)


@pytest.mark.parametrize("on, gap, person", [
    ("2009-06-01", "acting", "Dan Placeholder"),
    ("2012-02-20", "vacant", "Erin Dummy"),       # the last holder, whose stated end left it empty
    ("2012-04-01", "declared", "Jack Token"),
    ("2012-07-01", "interim", "Frank Mock"),
    ("2014-11-15", "interim", "Hal Specimen"),
])
def test_gaps_name_the_kind_of_gap_and_who(asked, on, gap, person):
    g = _gap(gaps(asked, on, posts=["dcs"]), "testshire/dcs")
    assert (g["gap"], g["person"]) == (gap, person)
    assert g["sources"] and all(s["title"] for s in g["sources"])


def test_gaps_leave_out_filled_posts_and_posts_not_yet_created(asked):
    june = {g["post_id"]: g["gap"] for g in gaps(asked, "2010-06-01", region="Fixtureland West")["gaps"]}
    assert june == {"testshire/dass": "vacant"}  # Carol Fixture's joint role ended 2009-03; the rest are held
    april = {g["post_id"]: g["gap"] for g in gaps(asked, "2010-04-01", region="Fixtureland West")["gaps"]}
    assert april == {"testshire/dass": "vacant", "testshire/lead_member": "unknown"}  # Kay Fixture from 2010-05
    assert gaps(asked, "2003-01-01", posts=["dcs"])["gaps"] == []  # the DCS post dates from 2005-04-01 (s18 commenced)
    assert _gap(gaps(asked, "2003-01-01", posts=["chief_executive"]), "testshire/chief_executive")["gap"] == "unknown"


def test_gaps_in_the_bundled_articles(asked):
    a = gaps(asked, "2014-11-15", posts=["dcs"], kinds=["vacant", "declared"])
    assert [(g["council_id"], g["gap"], g["person"], g.get("from"), g.get("to")) for g in a["gaps"]] == [
        ("rotherham", "vacant", "Joyce Thacker", None, "2014-10"),      # left 2014-10, start unknown
        ("somerset", "declared", "Patrick Flaherty", "2014-10", "2015-03"),  # until Julian Wooster came
    ]
    assert a["gaps"][0]["message"] == "no holder known since Joyce Thacker left (2014-10)"
    assert a["counts"] == {"vacant": 1, "declared": 1, "interim": 0, "acting": 0, "unknown": 0}


def test_gaps_ambiguous_month_names_the_interim(asked):
    # October 2014: Lewis (interim, to 2014-10) and Flaherty (declared, from 2014-10) overlap.
    assert _gap(gaps(asked, "2014-10-15", posts=["dcs"]), "somerset/dcs")["person"] == "Peter Lewis"


# ---------------------------------------------------------------- joint_roles


def test_joint_roles_at_any_date(asked):
    a = joint_roles(asked)
    got = [(r["person"], r["kind"], r["from"], r["to"], [p["post_id"] for p in r["posts"]]) for r in a["roles"]]
    assert got == [
        ("Carol Fixture", "joint", "2008-04", "2009-03", ["testshire/dass", "testshire/dcs"]),
        ("Jack Token", "declared", "2012-03", "2012-05", ["testshire/chief_executive", "testshire/dcs"]),
        ("Patrick Flaherty", "declared", "2014-10", "2015-03", ["somerset/chief_executive", "somerset/dcs"]),
    ]
    carol = a["roles"][0]
    assert [p["capacity"] for p in carol["posts"]] == ["joint", "substantive"]
    assert carol["posts"][0]["sources"][0]["quote"] == "Carol Fixture added adult social services to her brief in April 2008"


def test_joint_roles_on_a_date_in_a_period_and_for_some_posts(asked):
    assert [r["person"] for r in joint_roles(asked, on="2008-06-01")["roles"]] == ["Carol Fixture"]
    assert [r["person"] for r in joint_roles(asked, on="2009-06-01")["roles"]] == []
    assert [r["person"] for r in joint_roles(asked, start="2012", end="2012")["roles"]] == ["Jack Token"]
    assert [r["person"] for r in joint_roles(asked, posts=["dcs", "dass"])["roles"]] == ["Carol Fixture"]


# ---------------------------------------------------------------- outsourced


def test_outsourced_names_who_runs_the_provider_and_the_lines_up(asked):
    a = outsourced(asked, "2015-06-01", council="testshire")
    (p,) = a["providers"]
    assert (p["provider"], p["services"], p["from"]) == ("Testshire Children's Trust", ["children's social care"], "2015-04")
    assert [(h["person"], h["capacity"]) for h in p["run_by"]] == [("Mona Example", "substantive")]
    assert [(x["from"], x["to"], x["basis"]) for x in p["lines"]] == [
        ("Testshire Children's Trust", "Testshire County Council", "contract"),
        ("Testshire County Council", "Secretary of State for Education", "statute"),
    ]
    assert {s["id"] for s in p["lines"][1]["sources"]} == {  # s497A with the Act that inserted it and the orders that commenced that; the department in force: IfG's dates
        "ea1996-s497a", "ssfa1998-s8", "si1998-2212", "si1999-1016", "ca2004-s50", "ifg-ministers-2026-06-19"}


def test_outsourced_on_dates_and_the_template_who_relies_on(asked):
    before = outsourced(asked, "2015-01-01")
    assert sorted(p["council_id"] for p in before["providers"]) == ["doncaster", "kingston-upon-thames", "richmond-upon-thames"]
    assert all(p["run_by"] == [] for p in before["providers"])
    # the original parameters still answer, one row per council and provider
    rows = registry.run(asked, "outsourced", {"at": "2015-06-01", "council": "doncaster"})
    assert [(r["provider_id"], r["line_basis"]) for r in rows] == [("doncaster-childrens-services-trust", "contract")]
    # flat rows, each part by the id of its relationship: the commissioning, the provider's line,
    # its chief executive's holding on the date (none for Doncaster's trust) and the council's line up
    assert [(r["id"], r["line_id"], r["head_holding"], r["up_line"], r["up_id"], r["up_basis"]) for r in rows] == [
        ("commissions:doncaster>doncaster-childrens-services-trust", "accountable_to:doncaster-childrens-services-trust>doncaster",
         None, "frame:accountable_to:doncaster>dfe/secretary_of_state", "dfe/secretary_of_state", "statute")]
    (r,) = registry.run(asked, "outsourced", {"at": "2015-06-01", "council": "testshire"})
    assert (r["head_holding"], r["head_id"], r["head"], r["head_capacity"]) == ("fixture:mona>trust-ce", "mona-example", "Mona Example", "substantive")
    assert registry.run(asked, "outsourced", {"at": "2014-06-01", "council": "testshire"}) == []


# ---------------------------------------------------------------- interventions


def test_interventions_with_who_held_the_directing_post(asked):
    a = interventions(asked)
    # the fixture's council and two of the bundled ones (the bundled file of trusts and
    # interventions adds many more, tested in test_trusts_and_interventions.py)
    got = [(x["council_id"], x["action"], x["from"], x.get("to"), x["by_holders"]) for x in a["interventions"]
           if x["council_id"] in ("testshire", "doncaster", "somerset")]
    assert got == [
        # the Secretary of State of the day, from the IfG Ministers Database (Gove to 2014-07-14, then Morgan)
        ("doncaster", "statutory_direction", "2013", "2021-01", ["Michael Gove"]),
        ("testshire", "commissioner_appointed", "2014-06", "2015-03", ["Michael Gove"]),
        ("testshire", "statutory_direction", "2014-11", None, ["Nicky Morgan"]),
        ("somerset", "advisers_appointed", "2015-03", None, ["Edward Timpson"]),
    ]
    somerset = interventions(asked, "Somerset")["interventions"]
    assert [x["sources"][0]["quote"] for x in somerset] == ["he has appointed advisers to oversee the council's response to Ofsted's findings"]


def test_interventions_in_a_period(asked):
    assert [x["action"] for x in interventions(asked, "testshire", "2015-04", "2016")["interventions"]] == ["statutory_direction"]
    assert interventions(asked, "testshire", "2010", "2013")["interventions"] == []
    # the template's original parameter alone still answers (who uses it)
    assert len(registry.run(asked, "interventions", {"council": "doncaster"})) == 1


# ---------------------------------------------------------------- connection


def test_path_between_two_people_each_step_sourced(asked):
    a = connection(asked, "Peter Lewis", "edward-timpson")
    assert [(s["from_id"], s["relationship"], s["forward"], s["to_id"]) for s in a["steps"]] == [
        ("peter-lewis", "APPOINTS", False, "somerset"),
        ("somerset", "DIRECTS", False, "dfe/childrens_minister"),
        ("dfe/childrens_minister", "HOLDS", False, "edward-timpson"),
    ]
    assert a["steps"][0]["fact"] == "Somerset County Council ends the appointment of Peter Lewis as interim Director of Children's Services"
    assert all(s["sources"] and s["sources"][0]["quote"] for s in a["steps"])
    # the only other path as short: through his second spell in the post (IfG: Minister of State from 2015-05-11)
    assert a["alternatives"] == [["appoints:somerset>peter-lewis:terminate", "directs:dfe/childrens_minister>somerset:advisers",
                                  "holds:edward-timpson>dfe/childrens_minister:2015-05-11"]]


def test_path_prefers_lines_of_accountability_and_respects_dates(asked):
    a = connection(asked, "alice-example", "nora-placeholder")
    assert a["length"] == 5
    assert [s["relationship"] for s in a["steps"]] == ["HOLDS", "POST_IN", "ACCOUNTABLE_TO", "ACCOUNTABLE_TO", "HOLDS"]
    assert len(a["alternatives"]) == 2  # through either of the two directions instead of the statutory line
    assert connection(asked, "alice-example", "nora-placeholder", on="2014-07-01")["steps"] == []
    # on that date Gina Stub has gone and Hal Specimen is the DCS
    hal = connection(asked, "hal-specimen", "nora-placeholder", on="2014-07-01")
    assert hal["length"] == 5 and hal["steps"][0]["valid_from"] == "2014-04"


def test_path_only_via_some_kinds(asked):
    a = connection(asked, "somerset", "doncaster", via=["ACCOUNTABLE_TO"], on="2015-01-01")  # one department's Secretary of State on a date
    assert [(s["from_id"], s["to_id"]) for s in a["steps"]] == [("somerset", "dfe/secretary_of_state"), ("dfe/secretary_of_state", "doncaster")]


def test_path_refuses_one_entity_twice_and_names_the_unknown(asked):
    with pytest.raises(LookupError_, match="same entity"):
        connection(asked, "somerset", "Somerset Council")
    with pytest.raises(LookupError_, match="nothing matches 'atlantis'"):
        connection(asked, "somerset", "atlantis")


def test_find_entity_lists_candidates_when_ambiguous(asked):
    with pytest.raises(LookupError_) as e:
        find_entity(asked, "fixture")
    assert {c["id"] for c in e.value.candidates} == {"carol-fixture", "kay-fixture"}
    assert find_entity(asked, "933")["id"] == "somerset"


# ---------------------------------------------------------------- sources_for


def test_sources_behind_a_person_with_quotes_and_accounts(asked):
    a = sources_for(asked, "peter lewis")
    assert a["entity"]["id"] == "peter-lewis" and a["facts"] == 2
    assert [s["id"] for s in a["sources"]] == ["cypnow-2014-10-28-somerset-row", "lgc-2014-10-no-gaps", "cypnow-2015-03-somerset-ofsted"]
    first = a["sources"][0]["supports"]
    assert first[0]["fact"] == "Peter Lewis (person)"  # the source that establishes him
    assert first[1]["quote"] == "the departure of Peter Lewis as Somerset interim DCS"
    third = a["sources"][2]["supports"]
    assert {x["account"] for x in third} == {
        "Lewis says he decided to leave before the council terminated his contract",
        "the council terminated his contract", "Lewis says he decided to leave first",
    }


def test_sources_behind_a_council_include_its_posts_once_each(asked):
    a = sources_for(asked, "testshire")
    assert set(a["posts_included"]) == {"testshire/dcs", "testshire/lead_member", "testshire/chief_executive", "testshire/dass"}
    post_in = [s["id"] for s in a["sources"] for x in s["supports"] if x["fact_id"] == "frame:post_in:testshire/dcs>testshire"]
    assert sorted(post_in) == ["ca2004-s18", "si2005-394", "si2005-847"]  # seen from both ends, listed once a source
    ids = {s["id"] for s in a["sources"]}
    assert {"fixture-gazette-2015", "fixture-council-2013", "fixture-dfe-2014", "fixture-trust-2015", "ca2004-s18"} <= ids
    gina = [x for s in a["sources"] for x in s["supports"] if x["fact_id"] == "fixture:gina>testshire/dcs"]
    assert [x["quote"] for x in gina] == ["Gina Stub will take up the post in June"]


# ---------------------------------------------------------------- contested


def test_contested_facts_side_by_side(asked):
    a = contested(asked)
    assert [f["fact_id"] for f in a["facts"]] == [
        "fixture:frank>testshire/dcs", "holds:peter-lewis>somerset/dcs", "appoints:somerset>peter-lewis:terminate",
    ]
    frank = a["facts"][0]
    assert [(x["title"], x["account"]) for x in frank["accounts"]] == [
        ("Testshire's revolving door: nine directors in ten years (fictional)", "he resigned"),
        ("Testshire County Council statement on its director of children's services (fictional)", "the council did not renew his contract"),
    ]
    lewis = a["facts"][1]
    assert lewis["positions"] == 2 and lewis["accounts"][0]["account"] is None  # one source reports it, taking no side
    assert [f["fact_id"] for f in contested(asked, "testshire")["facts"]] == ["fixture:frank>testshire/dcs"]
    assert len(contested(asked, "peter-lewis")["facts"]) == 2
