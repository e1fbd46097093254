"""The templates `who` is built from, shaped to stay fast on a national graph, give the rows the
general ones give."""

import re

from accountable.queries import registry
from accountable.schema.model import REL_BY_NAME


def test_post_holdings_are_the_holdings_of_those_posts(loaded):
    rows = registry.run(loaded, "post_holdings", {"posts": ["somerset/dcs", "somerset/chief_executive"]})
    assert [(r["post_id"], r["person"], r["capacity"]) for r in rows] == [
        ("somerset/chief_executive", "Patrick Flaherty", "substantive"),
        ("somerset/dcs", "Peter Lewis", "interim"),
        ("somerset/dcs", "Patrick Flaherty", "declared"),
        ("somerset/dcs", "Julian Wooster", "substantive"),
    ]
    assert {r["organisation"] for r in rows} == {"Somerset Council"}
    general = registry.run(loaded, "holdings", {"posts": ["somerset/dcs", "somerset/chief_executive"], "persons": []})
    assert rows == general


def test_person_holdings_are_the_holdings_of_those_people(loaded):
    rows = registry.run(loaded, "person_holdings", {"persons": ["patrick-flaherty"]})
    assert [(r["post_id"], r["capacity"], r["sources"]) for r in rows] == [
        ("somerset/chief_executive", "substantive", ["lgc-2014-10-no-gaps"]),
        ("somerset/dcs", "declared", ["lgc-2014-10-no-gaps"]),
    ]
    assert rows == registry.run(loaded, "holdings", {"posts": [], "persons": ["patrick-flaherty"]})


def test_holders_holdings_are_every_holding_of_those_who_held_the_posts(loaded):
    rows = registry.run(loaded, "holders_holdings", {"posts": ["somerset/chief_executive", "somerset/chief_executive", "nowhere/dcs"]})
    assert {r["via"] for r in rows} == {"somerset/chief_executive"}
    people = sorted({r["person_id"] for r in rows})
    assert "patrick-flaherty" in people
    # the holdings of the post, and each holder's holdings of any post
    plain = [{k: v for k, v in r.items() if k != "via"} for r in rows]
    key = lambda r: (r["post_id"], r["valid_from"], r["person"], r["id"])  # noqa: E731
    assert sorted(plain, key=key) == sorted(registry.run(loaded, "person_holdings", {"persons": people}), key=key)
    of_post = [r for r in plain if r["post_id"] == "somerset/chief_executive"]
    assert sorted(of_post, key=key) == sorted(registry.run(loaded, "post_holdings", {"posts": ["somerset/chief_executive"]}), key=key)
    assert any(r["post_id"] == "somerset/dcs" and r["capacity"] == "declared" for r in plain)  # his other post


def test_an_id_named_twice_gives_each_holding_once_and_an_unknown_id_none(loaded):
    once = registry.run(loaded, "post_holdings", {"posts": ["somerset/dcs"]})
    assert registry.run(loaded, "post_holdings", {"posts": ["somerset/dcs", "somerset/dcs", "nowhere/dcs"]}) == once
    assert registry.run(loaded, "person_holdings", {"persons": ["nobody"]}) == []


def test_sources_by_id_gives_each_source_once_in_date_order(loaded):
    rows = registry.run(loaded, "sources_by_id", {"ids": ["lgc-2014-10-no-gaps", "ca2004-s18", "lgc-2014-10-no-gaps", "nope"]})
    assert [(r["id"], r["published"].isoformat(), r["published_precision"]) for r in rows] == [
        ("ca2004-s18", "2004-11-15", "day"),
        ("lgc-2014-10-no-gaps", "2014-10-01", "month"),
    ]


def test_the_organisation_labels_templates_name_are_those_a_post_may_belong_to():
    """Templates name the organisation's labels (LadybugDB scans every node table for an unlabelled
    end); the list must follow the model."""
    allowed = {b for _, b in REL_BY_NAME["POST_IN"].ends}
    found = 0
    for t in registry.templates().values():
        for m in re.finditer(r"\[:POST_IN\]->\(\w+:([\w|]+)\)", t.text):
            assert set(m.group(1).split("|")) == allowed, t.name
            found += 1
    assert found >= 3


def test_council_arrangements_says_whether_outsourced_and_interventions_would_answer(loaded):
    """who asks outsourced and interventions only where this says they have something to give."""
    import datetime as dt

    from accountable.queries.answers import active

    birmingham = registry.run(loaded, "council_arrangements", {"council": "birmingham", "at": "2019-06-01"})
    assert birmingham == [{"id": "birmingham", "commissions": True, "directed": birmingham[0]["directed"]}]
    assert registry.run(loaded, "council_arrangements", {"council": "birmingham", "at": "2015-06-01"})[0]["commissions"] is False
    assert registry.run(loaded, "council_arrangements", {"council": "nowhere", "at": "2015-06-01"}) == []
    seen = set()
    for council in ("birmingham", "doncaster", "slough", "somerset", "bury", "sunderland"):
        for at in ("2012-06-01", "2016-06-01", "2019-06-01", "2023-06-01"):
            row = registry.run(loaded, "council_arrangements", {"council": council, "at": at})[0]
            outsourced = registry.run(loaded, "outsourced", {"council": council, "at": at})
            interventions = [x for x in registry.run(loaded, "interventions", {"council": council})
                             if active(x, dt.date.fromisoformat(at))]
            assert row["commissions"] == bool(outsourced), (council, at)
            assert row["directed"] == bool(interventions), (council, at)
            seen.add((row["commissions"], row["directed"]))
    assert len(seen) >= 3  # both answers of each are met


def test_council_by_id_is_find_councils_best_row_for_an_id(loaded):
    """The key lookup gives what the scan ranks first for an id; an id the graph lacks gives none."""
    for cid in ("somerset", "birmingham", "northamptonshire", "cumbria"):
        (row,) = registry.run(loaded, "council_by_id", {"id": cid})
        scanned = [r for r in registry.run(loaded, "find_council", {"q": cid}) if r["rank"] == 0]
        assert scanned == [row]
    assert registry.run(loaded, "council_by_id", {"id": "nowhere"}) == []


def test_a_council_asked_by_id_on_a_date_it_did_not_exist_is_answered_as_before(loaded):
    """An id found by key on a date its council did not exist goes through the ranking by name:
    the answer names that council (which then says it did not exist), and codes still find the
    council of their date."""
    import datetime as dt

    from accountable.queries.answers import find_council

    assert find_council(loaded, "dorset", dt.date(2015, 1, 1))["id"] == "dorset"
    assert find_council(loaded, "northamptonshire", dt.date(2024, 1, 1))["id"] == "northamptonshire"
    assert find_council(loaded, "825", dt.date(2015, 1, 1))["name"] == "Buckinghamshire County Council"
    assert find_council(loaded, "SOMERSET", dt.date(2014, 11, 15))["name"] == "Somerset County Council"
