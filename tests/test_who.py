"""Who is accountable here? The answers the bundled articles give."""

import pytest

from accountable.queries.answers import LookupError_
from accountable.queries.who import who


def kinds(answer):
    return {f["kind"] for f in answer["flags"]}


def dcs(answer):
    return next(e for e in answer["chain"] if e.get("post_kind") == "dcs")


def test_somerset_january_2014_has_an_interim_dcs(loaded):
    a = who(loaded, "somerset", "2014-01-15")
    d = dcs(a)
    assert (d["holder"], d["capacity"], d["from"], d["to"]) == ("Peter Lewis", "interim", "2013", "2014-10")
    assert "interim" in kinds(a)
    assert "vacant" not in kinds(a)


def test_somerset_november_2014_is_vacant_with_a_declared_chief_executive(loaded):
    a = who(loaded, "somerset", "2014-11-15")
    d = dcs(a)
    assert (d["holder"], d["capacity"]) == ("Patrick Flaherty", "declared")
    assert {"vacant", "declared", "contested"} <= kinds(a)
    contested = next(f for f in a["flags"] if f["kind"] == "contested")
    assert "Peter Lewis" in contested["message"] and "decided to leave" in contested["message"]
    ce = next(e for e in a["chain"] if e.get("post_kind") == "chief_executive")
    assert ce["holder"] == "Patrick Flaherty" and ce["last_confirmed"] == "2014-10"
    # the declared holding cites the article that reports the declaration, with its quote
    quotes = [s.get("quote") for s in d["sources"]]
    assert "He declared himself accountable until a replacement was found." in quotes


def test_somerset_april_2015_has_julian_wooster_and_ministerial_advisers(loaded):
    a = who(loaded, "somerset", "2015-04-15")
    d = dcs(a)
    assert (d["holder"], d["capacity"], d["from"]) == ("Julian Wooster", "substantive", "2015-03")
    assert "under_intervention" in kinds(a)
    assert not {"vacant", "declared", "interim"} & kinds(a)


@pytest.mark.parametrize("council", ["somerset", "doncaster", "hackney", "rotherham", "kingston-upon-thames", "leeds"])
@pytest.mark.parametrize("on", ["2009-06-01", "2014-11-15", "2026-01-01"])
def test_every_chain_reaches_the_secretary_of_state_and_every_step_is_sourced(loaded, council, on):
    a = who(loaded, council, on)
    top = "Secretary of State for Children, Schools and Families" if on < "2010-05-12" else "Secretary of State for Education"
    assert a["chain"][-1]["post"] == top
    assert a["chain"][-1]["holder"] and a["chain"][-1]["post_kind"] == "secretary_of_state"
    for entry in a["chain"]:
        assert entry["sources"], entry
        assert all(s["title"] and s["published"] for s in entry["sources"])
    numbers = [s["n"] for s in a["sources"]]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_chain_before_the_statutory_posts_existed_starts_at_the_chief_executive(loaded):
    a = who(loaded, "somerset", "2003-01-01")
    assert [e["id"] for e in a["chain"]] == ["somerset/chief_executive", "somerset", "dfes/childrens_minister", "dfes/secretary_of_state"]
    assert a["chain"][-1]["holder"] == "Charles Clarke"
    missing = {f["post"] for f in a["flags"] if f["kind"] == "post_not_existing"}
    assert {"somerset/dcs", "somerset/lead_member"} <= missing


def test_doncaster_is_outsourced_to_a_trust_under_direction(loaded):
    a = who(loaded, "doncaster", "2015-01-01")
    assert a["chain"][0]["organisation"] == "Doncaster Children's Services Trust"
    assert a["chain"][0]["kind"] == "provider"
    assert {"outsourced", "under_intervention"} <= kinds(a)
    ce = next(e for e in a["chain"] if e.get("post_kind") == "chief_executive")
    assert ce["holder"] == "Jo Miller"


def test_rotherham_after_its_dcs_left_is_vacant(loaded):
    a = who(loaded, "rotherham", "2014-11-15")
    assert dcs(a)["holder"] is None
    vacant = next(f for f in a["flags"] if f["kind"] == "vacant")
    assert "Joyce Thacker" in vacant["message"]


def test_an_unnamed_holder_is_unknown_not_vacant(loaded):
    a = who(loaded, "leeds", "2015-04-01")
    assert dcs(a)["holder"] is None
    assert "unknown_holder" in kinds(a) and "vacant" not in kinds(a)


def test_the_overlap_month_is_ambiguous(loaded):
    a = who(loaded, "somerset", "2014-10-15")
    assert "ambiguous" in kinds(a)
    d = dcs(a)
    assert {d["holder"], d["also"][0]["holder"]} == {"Peter Lewis", "Patrick Flaherty"}


@pytest.mark.parametrize("name, expected", [("Somerset", "somerset"), ("933", "somerset"), ("somerset county council", "somerset"), ("Doncaster MBC", "doncaster"), ("HACKNEY", "hackney")])
def test_councils_are_found_by_id_name_alias_and_code(loaded, name, expected):
    assert who(loaded, name, "2015-01-01")["council"]["id"] == expected


def test_an_ambiguous_name_lists_the_candidates(loaded):
    with pytest.raises(LookupError_) as e:
        who(loaded, "upon thames", "2015-01-01")
    assert {c["id"] for c in e.value.candidates} == {"kingston-upon-thames", "richmond-upon-thames"}


def test_an_unknown_council_says_so(loaded):
    with pytest.raises(LookupError_, match="no council matches 'atlantis'"):
        who(loaded, "atlantis", "2015-01-01")
