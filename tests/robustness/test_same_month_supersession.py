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
