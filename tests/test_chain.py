"""`who` walks a council's chain from each step's own lines (queries/chain.py) and keeps what it
reads under the store's write generation (queries/kept.py): the same rows as the general walk
(`who_is_accountable`), and a write is seen by the next question."""

import datetime as dt
import textwrap

from accountable.loaders import facts
from accountable.queries import kept, registry
from accountable.queries.chain import walk
from accountable.queries.who import who

DATES = ("1999-06-01", "2006-03-01", "2008-08-01", "2014-11-15", "2019-06-01", "2024-02-10")

# councils with a trust, an intervention, a commissioner, a successor or a predecessor
NOTABLE = ("somerset", "doncaster", "birmingham", "slough", "northamptonshire", "north-northamptonshire", "bournemouth")


def test_the_walk_gives_the_rows_of_who_is_accountable(loaded):
    councils = [r["id"] for r in registry.run(loaded, "councils", {"region": ""})]
    assert len(councils) > 100
    some = sorted(set(councils[::12]) | set(NOTABLE))
    compared = 0
    for i, council in enumerate(some):
        for at in DATES[i % 3::3]:
            want = registry.run(loaded, "who_is_accountable", {"council": council, "at": at})
            assert walk(loaded, council, dt.date.fromisoformat(at)) == want, (council, at)
            compared += bool(want)
    assert compared > 20  # most councils had a DCS post on most of those dates


def test_post_lines_and_council_lines_give_every_line_up_with_its_dates(loaded):
    posts = registry.run(loaded, "post_lines", {"posts": ["somerset/dcs", "nowhere/dcs"]})
    assert {(r["up_to"], r["basis"], r["organisation"]) for r in posts} == {
        ("somerset/chief_executive", "line_management", "Somerset Council"),
        ("somerset/lead_member", "political", "Somerset Council"),
    }
    assert {r["id"] for r in posts} == {"somerset/dcs"}
    council = registry.run(loaded, "council_lines", {"councils": ["somerset"]})
    # one line to each department's Secretary of State, each within the department's dates
    assert sorted(r["up_to"] for r in council) == ["dcsf/secretary_of_state", "dfe/secretary_of_state", "dfes/secretary_of_state"]
    spans = sorted((r["valid_from"], r["valid_until"]) for r in council)
    assert all(a[1] is not None and a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(r["sources"] and r["up_kind"] == "Post" for r in council)


def test_what_is_kept_is_the_template_rows_grouped_by_id(loaded):
    ids = ["somerset/dcs", "dfe/secretary_of_state", "somerset/dcs", "nowhere/dcs"]
    got = kept.by_id(loaded, "post_holdings", "posts", ids, "post_id")
    rows = registry.run(loaded, "post_holdings", {"posts": ids})
    assert list(got) == ["somerset/dcs", "dfe/secretary_of_state", "nowhere/dcs"]
    assert [h for post in sorted(got) for h in got[post]] == rows  # the template orders by post
    assert got["nowhere/dcs"] == []
    again = kept.by_id(loaded, "post_holdings", "posts", ids, "post_id")
    assert again == got
    again["somerset/dcs"][0]["person"] = "changed by an answer"
    assert kept.by_id(loaded, "post_holdings", "posts", ids, "post_id") == got


NEW_FACTS = textwrap.dedent("""\
    sources:
      - id: kept-test-2030
        title: A Secretary of State answers to the department (fictional)
        publisher: Test Gazette (fictional)
        published: 2030-01-02
        source_kind: news
    entities:
      - kind: Person
        id: kept-test-person
        name: Kept Testperson
    relationships:
      - kind: HOLDS
        id: kept-test:holds
        from: kept-test-person
        to: dfe/secretary_of_state
        capacity: substantive
        start: 2030-01-01
        evidence:
          - {source: kept-test-2030, quote: "Kept Testperson becomes Secretary of State"}
      - kind: ACCOUNTABLE_TO
        id: kept-test:sos>dfe
        from: dfe/secretary_of_state
        to: dfe
        basis: statute
        start: 2030-01-01
        evidence:
          - {source: kept-test-2030, quote: "the Secretary of State answers to the department"}
    """)


def test_a_write_is_seen_by_the_next_answer(loaded, tmp_path):
    """The Secretary of State's holdings and lines are national: kept after the first answer, and
    read again once the store has written."""
    before = who(loaded, "somerset", "2030-06-01")
    sos = next(e for e in before["chain"] if e.get("post_kind") == "secretary_of_state")
    assert "Kept Testperson" not in [sos["holder"], *(a["holder"] for a in sos.get("also") or [])]
    assert all(e["id"] != "dfe" for e in before["chain"])
    generation = loaded.generation
    path = tmp_path / "new.yaml"
    path.write_text(NEW_FACTS, encoding="utf-8")
    facts.load([path], loaded)
    assert loaded.generation > generation
    after = who(loaded, "somerset", "2030-06-01")
    sos = next(e for e in after["chain"] if e.get("post_kind") == "secretary_of_state")
    assert "Kept Testperson" in [sos["holder"], *(a["holder"] for a in sos.get("also") or [])]
    department = next(e for e in after["chain"] if e["id"] == "dfe")
    assert (department["kind"], department["depth"], department["organisation"]) == ("organisation", sos["depth"] + 1, "Department for Education")
    # the walk beyond the Secretary of State is the general walk's, too
    assert walk(loaded, "somerset", dt.date(2030, 6, 1)) == registry.run(
        loaded, "who_is_accountable", {"council": "somerset", "at": "2030-06-01"})
