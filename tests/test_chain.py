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


def _loopshire() -> dict:
    """A fictional council whose DCS answers along a chain of ten posts, with a circle in it, a
    line of one day, and a second DCS post for two years that joins the chain near its end."""
    src = "loopshire-note-2009"
    post = "loopshire/step{}".format
    out: dict = {
        "sources": [{"id": src, "title": "Loopshire's lines of accountability (fictional)", "publisher": "Loopshire Gazette (fictional)",
                     "published": "2009-01-01", "source_kind": "news"}],
        "entities": [{"kind": "Council", "id": "loopshire", "name": "Loopshire County Council", "la_code": "989",
                      "gss_code": "E99999989", "council_type": "County", "region": "Fixtureland East", "sources": [src]},
                     {"kind": "Post", "id": "loopshire/dcs2", "name": "Second DCS, Loopshire", "post_kind": "dcs", "sources": [src]}]
                    + [{"kind": "Post", "id": post(i), "name": f"Step {i}, Loopshire", "post_kind": "other", "sources": [src]} for i in range(1, 11)],
        "relationships": [{"kind": "POST_IN", "id": "loopshire:post_in:dcs2", "from": "loopshire/dcs2", "to": "loopshire",
                           "start": "2011-03-01", "end": "2013-02-28", "evidence": [{"source": src, "quote": "a second director"}]}],
    }

    def line(a: str, b: str, start: str, end: str | None = None) -> None:
        out["relationships"].append({"kind": "ACCOUNTABLE_TO", "id": f"loopshire:{a}>{b}", "from": a, "to": b, "basis": "line_management",
                                     "start": start, **({"end": end} if end else {}), "evidence": [{"source": src, "quote": f"{a} answers to {b}"}]})

    line("loopshire/dcs", post(1), "2009-01-01")
    for i in range(1, 10):
        line(post(i), post(i + 1), "2009-01-01")
    line(post(4), post(2), "2010-01-01", "2012-12-31")
    line(post(6), "loopshire", "2011-06-15", "2011-06-15")
    line("loopshire/dcs2", post(7), "2011-03-01")
    return out


def test_a_long_chain_with_a_circle_is_walked_eight_lines_deep(loaded, tmp_path):
    """Each step once, at the fewest lines from a DCS post in force, at most eight lines from it;
    a line counts on the days it is in force only (the walk and the step's own lines alike)."""
    import yaml

    path = tmp_path / "loopshire.yaml"
    path.write_text(yaml.safe_dump(_loopshire()), encoding="utf-8")
    facts.load([path], loaded)
    s = "loopshire/step{}".format
    frame = [(0, "loopshire/dcs", "loopshire/chief_executive"), (0, "loopshire/dcs", "loopshire/lead_member"), (0, "loopshire/dcs", s(1))]
    council = [(1, "loopshire/chief_executive", "loopshire"), (1, "loopshire/lead_member", "loopshire")]
    want = {
        # the chain runs past the eighth line: step 9 is where the walk stops, not a step
        "2010-03-01": frame + council + [(1, s(1), s(2)), (2, "loopshire", "dcsf/secretary_of_state"), (2, s(2), s(3)),
                                         (3, "dcsf/secretary_of_state", None), (3, s(3), s(4)), (4, s(4), s(2)), (4, s(4), s(5)),
                                         (5, s(5), s(6)), (6, s(6), s(7)), (7, s(7), s(8)), (8, s(8), s(9))],
        # the second DCS post reaches step 7 in one line, and the end of the chain with it
        "2011-06-15": frame + [(0, "loopshire/dcs2", s(7))] + council + [
            (1, s(1), s(2)), (1, s(7), s(8)), (2, "loopshire", "dfe/secretary_of_state"), (2, s(2), s(3)), (2, s(8), s(9)),
            (3, "dfe/secretary_of_state", None), (3, s(3), s(4)), (3, s(9), s(10)), (4, s(10), None), (4, s(4), s(2)),
            (4, s(4), s(5)), (5, s(5), s(6)), (6, s(6), "loopshire"), (6, s(6), s(7))],
    }
    want["2011-06-16"] = [r for r in want["2011-06-15"] if r != (6, s(6), "loopshire")]
    for at, rows in want.items():
        got = registry.run(loaded, "who_is_accountable", {"council": "loopshire", "at": at})
        assert [(r["depth"], r["id"], r["up_to"]) for r in got] == rows, at
        assert walk(loaded, "loopshire", dt.date.fromisoformat(at)) == got, at
    step = next(r for r in got if r["id"] == s(4) and r["up_to"] == s(2))
    assert (step["kind"], step["organisation"], step["basis"], step["sources"]) == ("Post", None, "line_management", ["loopshire-note-2009"])
    # from any start, the engine's own text walks the same chain as the shared one
    shared = registry.get("chain_from").text
    assert registry.get("chain_from").text_for(loaded.name) != shared
    for at in want:
        for start in ("loopshire/dcs", "loopshire/dcs2", "loopshire", s(4), s(9)):
            got = registry.run(loaded, "chain_from", {"start": start, "at": at})
            assert got == loaded.query(shared, {"start": start, "at": dt.date.fromisoformat(at)}), (start, at)
    deep = registry.run(loaded, "chain_from", {"start": "loopshire/dcs", "at": "2010-03-01"})
    assert [(r["depth"], r["id"], r["up_to"]) for r in deep] == want["2010-03-01"]


def test_chain_from_any_start_gives_the_shared_texts_rows(loaded):
    """Every sixth bundled council and the notable ones, each from itself and from its DCS post, on
    dates from before the post's statute to 2024: LadybugDB's text of chain_from gives exactly the
    rows of the shared text."""
    shared = registry.get("chain_from").text
    councils = [r["id"] for r in registry.run(loaded, "councils", {"region": ""})]
    some = sorted(set(councils[::6]) | set(NOTABLE))
    compared = 0
    for i, council in enumerate(some):
        for at in DATES[i % 2::2]:
            for start in (council, f"{council}/dcs"):
                got = registry.run(loaded, "chain_from", {"start": start, "at": at})
                assert got == loaded.query(shared, {"start": start, "at": dt.date.fromisoformat(at)}), (start, at)
                compared += len(got) > 1
    assert compared > 40
