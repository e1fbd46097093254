"""A start the sources give only to the month may be any day of that month, the last included. On a
day within it, the holding that start superseded is still the one in force, and the later one is
said to have possibly begun (flag `possibly_begun`); from the month's last day on, the later one
holds. Somerset: Patrick Flaherty declared himself accountable for the DCS post in October 2014
(the curated facts); Ofsted's 2015 report dates a new interim DCS, not named, only to "November 2014"."""

from __future__ import annotations

import datetime as dt

import pytest

from accountable.presentation.pages import graphdata
from accountable.presentation.pages.flags import epochs, flags_at
from accountable.queries import registry
from accountable.queries.gaps import gaps
from accountable.queries.who import who

pytestmark = pytest.mark.robustness


def _dcs(a):
    return next(e for e in a["chain"] if e.get("post_kind") == "dcs")


def _kinds(a, post="somerset/dcs"):
    return {f["kind"] for f in a["flags"] if f.get("post") == post}


def test_a_month_start_does_not_supersede_a_holding_on_a_day_within_that_month(loaded_with_reports):
    a = who(loaded_with_reports, "somerset", "2014-11-15")
    dcs = _dcs(a)
    assert (dcs["holder"], dcs["capacity"]) == ("Patrick Flaherty", "declared")
    (maybe,) = dcs["possibly_begun"]
    assert maybe["capacity"] == "interim" and maybe["from"] == "2014-11" and maybe["holder"].startswith("not named")
    flag = next(f for f in a["flags"] if f["kind"] == "possibly_begun")
    assert flag["post"] == "somerset/dcs"
    assert "may not yet have begun on 2014-11-15" in flag["message"] and "only to 2014-11" in flag["message"]
    assert {"declared", "possibly_begun"} <= _kinds(a)
    assert "ambiguous" not in _kinds(a) and "unjoined" not in _kinds(a)  # one holder in force, the other only possible
    assert "ofsted-report-" in " ".join(s["id"] for s in dcs["sources"])  # the report that dates it is cited


def test_from_the_last_day_of_that_month_the_later_holding_is_in_force(loaded_with_reports):
    a = who(loaded_with_reports, "somerset", "2014-11-30")
    dcs = _dcs(a)
    assert dcs["capacity"] == "interim" and dcs["holder"].startswith("not named")
    assert "possibly_begun" not in dcs and "possibly_begun" not in _kinds(a)
    first_day = who(loaded_with_reports, "somerset", "2014-11-01")
    assert _dcs(first_day)["holder"] == "Patrick Flaherty" and "possibly_begun" in _kinds(first_day)


def test_the_page_follows_the_same_rule_on_the_same_days(loaded_with_reports):
    g = graphdata.neighbourhood(loaded_with_reports, "somerset", 2)
    for on in ("2014-11-15", "2014-11-30"):
        day = dt.date.fromisoformat(on)
        page = flags_at(g, day)
        answer = who(loaded_with_reports, "somerset", on)
        kinds = {"possibly_begun", "declared", "interim", "vacant"}
        assert ({(f.kind, n) for f in page if f.kind in kinds for n in f.nodes if n == "somerset/dcs"}
                == {(f["kind"], f["post"]) for f in answer["flags"] if f["kind"] in kinds and f["post"] == "somerset/dcs"})
        current = [ep for ep in epochs(g) if ep.start <= day]
        assert current[-1].flags == page  # the month's last day is a day the page's flags change


@pytest.mark.parametrize("on", ["2014-11-01", "2014-11-15", "2014-11-30", "2015-03-15"])
def test_gaps_follow_the_same_rule_on_the_same_days(loaded_with_reports, on):
    """`gaps` names the post's gap by the holder `who` puts in force: the declared chief executive
    within November 2014, the new interim (a start known only to that month) from its last day."""
    dcs = _dcs(who(loaded_with_reports, "somerset", on))
    found = [g for g in gaps(loaded_with_reports, on, region="South West", posts=["dcs"])["gaps"]
             if g["post_id"] == "somerset/dcs"]
    if dcs["capacity"] in ("substantive", "joint", "unknown"):
        assert found == []
    else:
        (g,) = found
        assert (g["gap"], g["person_id"]) == (dcs["capacity"], dcs["holder_id"])
    # within March 2015 the interim is still in force: the substantive DCS's start is known only to that month
    expected = {"2014-11-01": "declared", "2014-11-15": "declared", "2014-11-30": "interim", "2015-03-15": "interim"}
    assert [g["gap"] for g in found] == [expected[on]]
    assert (found[0]["person"] == "Patrick Flaherty") == (on < "2014-11-30")


def test_the_month_starts_template_gives_every_holding_of_the_posts_in_doubt(loaded_with_reports):
    """The posts with a start known only to the month or year, begun within the window before the day,
    with all their holdings (the rule needs the one each such start superseded)."""
    rows = registry.run(loaded_with_reports, "month_starts",
                        {"at": "2014-11-15", "since": "2013-11-14", "region": "South West", "posts": ["dcs"]})
    somerset = {r["id"]: r for r in rows if r["post_id"] == "somerset/dcs"}
    assert {"holds:patrick-flaherty>somerset/dcs:declared", "holds:somerset/dcs/unnamed-2014-11>somerset/dcs",
            "holds:peter-lewis>somerset/dcs", "holds:julian-wooster>somerset/dcs"} <= set(somerset)
    new = somerset["holds:somerset/dcs/unnamed-2014-11>somerset/dcs"]
    assert (new["valid_from"], new["valid_from_precision"]) == (dt.date(2014, 11, 1), "month")
    assert somerset["holds:patrick-flaherty>somerset/dcs:declared"]["until_basis"] == "superseded"
    for post, hs in _by_post(rows).items():  # each post given has such a start in the window
        assert any(h["valid_from_precision"] != "day" and dt.date(2013, 11, 14) < h["valid_from"] <= dt.date(2014, 11, 15)
                   for h in hs), post
    assert all(r["post_id"].split("/")[-1] == "dcs" for r in rows)
    # before the new interim's month (and more than a year after Lewis's start, known to the year), none for Somerset
    earlier = registry.run(loaded_with_reports, "month_starts",
                           {"at": "2014-09-15", "since": "2013-09-14", "region": "South West", "posts": ["dcs"]})
    assert "somerset/dcs" not in {r["post_id"] for r in earlier}


def _by_post(rows):
    out = {}
    for r in rows:
        out.setdefault(r["post_id"], []).append(r)
    return out
