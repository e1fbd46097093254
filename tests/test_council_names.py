"""Councils named as they were on the date asked: Somerset County Council and North Yorkshire
County Council continued as the same authorities under new names on 2023-04-01 (on the bundled graph)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from accountable.loaders import facts
from accountable.loaders.problems import InvalidInput
from accountable.presentation.pages.build import graph
from accountable.queries.councils import councils
from accountable.queries.gaps import gaps
from accountable.queries.history import history
from accountable.queries.who import who
from accountable.schema.council_names import Renamer, name_on

from conftest import ROOT

RENAMED = [
    ("somerset", "Somerset County Council", "Somerset Council"),
    ("north-yorkshire", "North Yorkshire County Council", "North Yorkshire Council"),
]


@pytest.mark.parametrize("cid, old, new", RENAMED)
def test_a_renamed_council_is_named_as_it_was_on_the_date(loaded, cid, old, new):
    before, after = who(loaded, cid, "2014-11-15"), who(loaded, cid, "2024-01-01")
    assert (before["council"]["name"], before["council"]["present_name"]) == (old, new)
    assert (after["council"]["name"], after["council"]["present_name"]) == (new, new)
    # its statutory posts and the council's own step carry the name of the date
    dcs = next(e for e in before["chain"] if e["id"] == f"{cid}/dcs")
    assert dcs["post"] == f"Director of Children's Services, {old}"
    assert next(e for e in before["chain"] if e["id"] == cid)["organisation"] == old
    assert next(e for e in after["chain"] if e["id"] == f"{cid}/dcs")["post"] == f"Director of Children's Services, {new}"
    assert not any(new in (e.get("post") or "") + (e.get("organisation") or "") for e in before["chain"])


@pytest.mark.parametrize("cid, old, new", RENAMED)
@pytest.mark.parametrize("on", ["2014-11-15", "2024-01-01"])
def test_either_name_finds_the_council_on_either_date(loaded, cid, old, new, on):
    expected = old if on < "2023-04-01" else new
    for asked in (old, new):
        a = who(loaded, asked, on)
        assert (a["council"]["id"], a["council"]["name"], a["exists"]) == (cid, expected, True)


def test_the_day_of_the_renaming_takes_the_new_name(loaded):
    assert who(loaded, "somerset", "2023-03-31")["council"]["name"] == "Somerset County Council"
    assert who(loaded, "somerset", "2023-04-01")["council"]["name"] == "Somerset Council"


def _page(loaded, entity: str, on: str, depth: int = 1) -> dict:
    import re

    html = graph(loaded, entity, on, depth=depth).html
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))


def _named(record: dict, day: str) -> dict:
    """A record's texts on a day, picked as the page's script picks them."""
    return next((v for v in record.get("names", []) if v["until"] is None or day < v["until"]), record)


def test_posts_named_by_the_articles_follow_the_same_rule(loaded):
    # the leader's post is stored with the present name (as the frame's posts are), the old one an alias
    data = _page(loaded, "somerset/leader", "2014-11-15")
    leader = next(n for n in data["nodes"] if n["id"] == "somerset/leader")
    assert leader["info"]["name"] == "Leader, Somerset County Council"  # as the page opens
    assert _named(leader, "2014-11-15")["info"]["name"] == "Leader, Somerset County Council"
    assert _named(leader, "2024-01-01")["info"]["name"] == "Leader, Somerset Council"  # as the date control moves
    later = next(n for n in _page(loaded, "somerset/leader", "2024-01-01")["nodes"] if n["id"] == "somerset/leader")
    assert later["info"]["name"] == "Leader, Somerset Council"
    assert _named(later, "2014-11-15")["info"]["name"] == "Leader, Somerset County Council"


def test_the_page_carries_every_name_of_the_date_and_the_flags_of_each(loaded):
    data = _page(loaded, "somerset", "2014-11-15", depth=2)
    council = next(n for n in data["nodes"] if n["id"] == "somerset")
    assert council["label"] == "Somerset County Council"
    assert [(v["until"], v["label"]) for v in council["names"]] == [("2023-04-01", "Somerset County Council"),
                                                                   (None, "Somerset Council")]
    assert _named(council, "2023-03-31")["label"] == "Somerset County Council"
    assert _named(council, "2023-04-01")["label"] == "Somerset Council"
    # a relationship's words, and a person's tooltip, name the council of the date; quotes stay as written
    osman = next(e for e in data["edges"] if e["id"] == "holds:john-osman>somerset/leader")
    assert _named(osman, "2014-11-15")["info"]["title"] == "John Osman holds Leader, Somerset County Council (substantive)"
    assert _named(osman, "2024-01-01")["info"]["title"] == "John Osman holds Leader, Somerset Council (substantive)"
    assert _named(osman, "2024-01-01")["info"]["evidence"] == osman["info"]["evidence"]
    assert any("Somerset County Council leader" in ev.get("quote", "") for ev in osman["info"]["evidence"])
    # the flags of each day name the council of that day: the epochs are cut on the day of the renaming
    assert "2023-04-01" in [ep["from"] for ep in data["epochs"]]
    for ep in data["epochs"]:
        messages = " ".join(f["message"] for f in ep["flags"])
        if ep["from"] < "2023-04-01":
            assert "Somerset Council" not in messages, ep["from"]
        elif "Somerset" in messages:
            assert "Somerset County Council" not in messages, ep["from"]


def test_gaps_and_councils_name_councils_of_the_date_and_leave_other_names_alone(loaded):
    rows = councils(loaded, region="South West", on="2014-11-15")["rows"]
    names = {r["id"]: r["name"] for r in rows}
    assert names["somerset"] == "Somerset County Council"
    assert names["north-somerset"] == "North Somerset Council"  # not "North Somerset County Council"
    assert {r["id"]: r["name"] for r in councils(loaded, region="South West", on="2024-01-01")["rows"]}["somerset"] == "Somerset Council"
    found = [g for g in gaps(loaded, "2014-11-15", region="South West")["gaps"] if g["council_id"] == "somerset"]
    assert found and {g["council"] for g in found} == {"Somerset County Council"}
    assert all(g["post"].endswith(", Somerset County Council") for g in found)


def test_history_names_the_council_of_each_holdings_start(loaded):
    a = history(loaded, "somerset", "dcs")
    assert a["council"]["name"] == "Somerset Council"
    assert a["council"]["former_names"] == [{"name": "Somerset County Council", "until": "2023-04-01"}]
    assert {h["council_name"] for h in a["holdings"] if (h.get("from") or "9") < "2023"} == {"Somerset County Council"}


def test_a_council_renamed_without_a_register_row_is_named_as_it_was_from_the_pages(loaded):
    """Cornwall County Council took on its districts' functions on 2009-04-01 as Cornwall Council;
    the register lists only the present name."""
    before, after = who(loaded, "cornwall", "2008-06-01"), who(loaded, "cornwall", "2009-04-01")
    assert (before["council"]["name"], after["council"]["name"]) == ("Cornwall County Council", "Cornwall Council")
    assert who(loaded, "Cornwall County Council", "2020-01-01")["council"]["id"] == "cornwall"

def test_the_derived_councils_carry_their_former_names_with_their_sources():
    recs = {}
    for line in (ROOT / "data" / "derived" / "councils.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("kind") == "Council":
            recs[r["id"]] = r
    renamed = {cid: (r["former_names"], r["former_names_until"]) for cid, r in recs.items() if r.get("former_names")}
    assert renamed == {"somerset": (["Somerset County Council"], ["2023-04-01"]),
                       "north-yorkshire": (["North Yorkshire County Council"], ["2023-04-01"]),
                       "cornwall": (["Cornwall County Council"], ["2009-04-01"])}  # no register row for its old name: from pages
    assert {"cornwall-council-unitary-bid", "celticcountries-cornwall-unitary"} <= set(recs["cornwall"]["sources"])
    assert "new-somerset-council-2021-12-02" in recs["somerset"]["sources"]
    assert "ryedale-2022-01-lgr-update" in recs["north-yorkshire"]["sources"]
    assert "Somerset County Council" in recs["somerset"]["aliases"] and recs["somerset"]["short_name"] == "Somerset"


def test_name_on_and_the_renamer():
    assert name_on("B", ["A0", "A"], ["2001-01-01", "2023-04-01"], dt.date(2000, 6, 1)) == "A0"
    assert name_on("B", ["A0", "A"], ["2001-01-01", "2023-04-01"], dt.date(2010, 6, 1)) == "A"
    assert name_on("B", ["A"], ["2023-04-01"], None) == "B"
    r = Renamer({"Somerset Council": "Somerset County Council"})
    assert r.text("DCS of Somerset Council, interim") == "DCS of Somerset County Council, interim"
    assert r.text("North Somerset Council") == "North Somerset Council"
    assert r.text("Somerset Councils") == "Somerset Councils"


def test_former_names_without_their_days_are_refused(store, tmp_path: Path):
    p = tmp_path / "c.yaml"
    p.write_text("sources:\n  - {id: s, title: T, publisher: P, published: 2020, source_kind: other}\n"
                 "entities:\n  - kind: Council\n    id: testshire\n    name: Testshire Council\n"
                 "    former_names: [Testshire County Council]\n    former_names_until: ['2023-13-01']\n"
                 "    sources: [s]\n", encoding="utf-8")
    before = store.fingerprint()
    with pytest.raises(InvalidInput) as e:
        facts.load([p], store)
    assert any("former_names_until" in str(x) and "is not a day" in str(x) for x in e.value.problems), e.value.problems
    assert store.fingerprint() == before


def _began(fact: dict, key: str = "from") -> str:
    return fact.get(key) or "9999"


def test_listed_facts_name_councils_as_they_were_when_each_fact_began(loaded):
    """sources, contested, path, interventions and joint-roles list facts of many dates: each says
    the council's name of its own first day (quotes stay as the sources wrote them)."""
    from accountable.queries.connection import connection
    from accountable.queries.contested import contested
    from accountable.queries.interventions import interventions
    from accountable.queries.joint_roles import joint_roles
    from accountable.queries.sources_for import sources_for

    facts = {f["fact_id"]: f for s in sources_for(loaded, "somerset")["sources"] for f in s["supports"]}
    before = [f for f in facts.values() if "Somerset" in f["fact"] and _began(f) < "2023-04-01"]
    after = [f for f in facts.values() if "Somerset" in f["fact"] and "2023-04-01" <= _began(f) < "9999"]
    assert len(before) > 20 and len(after) > 5
    assert not [f["fact"] for f in before if "Somerset Council" in f["fact"]]
    assert not [f["fact"] for f in after if "Somerset County Council" in f["fact"]]
    assert "Peter Lewis holds Director of Children's Services, Somerset County Council (interim)" in {f["fact"] for f in before}

    disputed = contested(loaded, "somerset")["facts"]
    assert disputed and all("Somerset County Council" in f["fact"] and "Somerset Council" not in f["fact"] for f in disputed)
    assert any("Somerset County Council announced" in a["quote"] for f in disputed for a in f["accounts"] if a.get("quote"))

    xs = interventions(loaded, "somerset")["interventions"]
    assert ("2015-03", "Somerset County Council") in {(x["from"], x["council"]) for x in xs}
    assert all(x["council"] == "Somerset County Council" for x in xs if _began(x) < "2023-04-01")

    (role,) = [r for r in joint_roles(loaded)["roles"] if r["person_id"] == "patrick-flaherty"]
    assert {p["organisation"] for p in role["posts"]} == {"Somerset County Council"}
    assert {p["post"] for p in role["posts"]} == {"Chief Executive (head of paid service), Somerset County Council",
                                                "Director of Children's Services, Somerset County Council"}

    from accountable.queries.person import person

    lewis = person(loaded, "peter-lewis")
    assert [(x["organisation"], x["from"]) for x in lewis["posts"]] == [("Somerset County Council", "2013")]
    assert [r["fact"] for r in lewis["roles"]] == [
        "Somerset County Council ends the appointment of Peter Lewis as interim Director of Children's Services"]

    steps = connection(loaded, "Peter Lewis", "Edward Timpson")["steps"]
    assert steps[0]["fact"].startswith("Somerset County Council ends the appointment of Peter Lewis")
    assert not [s for s in steps if "Somerset Council" in s["fact"] + s["from"] + s["to"]]


@pytest.mark.parametrize("start, end, expected", [
    ("2013", "2015", "Somerset County Council"),       # the period ended before the renaming
    ("2013", "2023-03", "Somerset County Council"),     # its last day, 2023-03-31, still the old name
    ("2013", "2023-04", "Somerset Council"),            # it runs past 2023-04-01
    ("2013", None, "Somerset Council"),                 # to the present
])
def test_churn_names_councils_as_on_the_periods_last_day(loaded, start, end, expected):
    from accountable.queries.churn import churn

    (row,) = [c for c in churn(loaded, "dcs", start, end)["councils"] if c["council_id"] == "somerset"]
    assert row["council"] == expected
