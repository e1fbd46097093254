"""The pages, short of a browser: what they hold, that they fetch nothing, that their flags agree
with the `who` answer, and the commands' errors. tests/test_pages_browser.py opens them in Chromium."""

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from accountable.loaders import facts
from accountable.presentation.pages import PageError, write_page
from accountable.presentation.pages import graphdata
from accountable.presentation.pages.flags import epochs, flags_at
from accountable.presentation.pages.html import remote_resources
from accountable.presentation.pages.layout import DIRECTION, levels
from accountable.presentation.pages.style import CAPACITY_STYLE, FLAG_STYLE, legend
from accountable.queries import registry
from accountable.queries.who import who
from accountable.schema.model import NODE_KINDS, REL_KINDS, VOCABULARIES


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m, "the page carries its graph as JSON"
    return json.loads(m.group(1))


# ---------------------------------------------------------------- the offline check


def test_remote_resources_finds_whatever_would_load_from_elsewhere():
    page = textwrap.dedent("""
        <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap.min.css">
        <script src="https://cdnjs.cloudflare.com/vis.js"></script>
        <script src="local.js"></script>
        <img src="//example.org/x.png" srcset="data:image/png;base64,AAA 1x, http://example.org/y.png 2x">
        <style>@import "http://example.org/a.css"; .x { background: url('https://example.org/b.png') }</style>
        <div style="background-image: url(http://example.org/c.png)"></div>
        <img src="data:image/png;base64,AAAA"><a href="https://www.legislation.gov.uk/">a link is not a load</a>
        <link rel="icon" href="data:,">
    """)
    assert remote_resources(page) == [
        "https://cdn.jsdelivr.net/npm/bootstrap.min.css", "https://cdnjs.cloudflare.com/vis.js", "local.js",
        "//example.org/x.png", "http://example.org/y.png", "http://example.org/a.css", "https://example.org/b.png",
        "http://example.org/c.png",
    ]


def test_write_page_refuses_a_page_that_would_fetch_and_writes_nothing(tmp_path):
    target = tmp_path / "p.html"
    with pytest.raises(PageError, match="cdn.example"):
        write_page('<script src="https://cdn.example/x.js"></script>', target)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(PageError, match="is a folder"):
        write_page("<p>ok</p>", tmp_path)
    with pytest.raises(PageError, match="does not exist"):
        write_page("<p>ok</p>", tmp_path / "no" / "p.html")
    assert write_page("<p>ok</p>", target).read_text() == "<p>ok</p>"


# ---------------------------------------------------------------- the graph page


def test_viz_writes_one_self_contained_page(cli, loaded, tmp_path):
    out = tmp_path / "somerset.html"
    r = cli("viz", "somerset", "--on", "2014-11-15", "-o", str(out))
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert remote_resources(html) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "no element may point at another host"
    assert not re.search(r"bootstrap(\.bundle)?\.min|cdn\.jsdelivr|cdnjs\.", html), "pyvis's template links Bootstrap from a CDN"
    assert "@version 9.1.2" in html, "vis-network is inlined from pyvis"
    data = page_json(html)
    rows = registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 2})
    assert {n["id"] for n in data["nodes"]} == {r["id"] for r in rows}
    assert {e["id"] for e in data["edges"]} == {r["rel_id"] for r in rows if r["rel_id"]}
    assert (data["start"], data["layout"], data["focus"]) == ("2014-11-15", "hierarchical", "somerset")
    assert f"{len(data['nodes'])} nodes and {len(data['edges'])} relationships" in r.stdout


def test_the_page_starts_at_on_and_spans_every_fact(loaded):
    from accountable.presentation.pages.build import graph

    built = graph(loaded, "somerset", "2014-01-15")
    data = page_json(built.html)
    rows = registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 2})
    days = [r[k] for r in rows for k in ("valid_from", "valid_until") if r.get(k)]
    assert any(r["valid_until"] is None for r in rows if r["rel_id"]), "some facts are open-ended"
    # from the earliest fact to today, since open-ended facts hold until today as `who` counts them
    assert (data["min"], data["max"]) == (min(days).isoformat(), dt.date.today().isoformat())
    assert data["start"] == "2014-01-15"
    # --on beyond today stretches the control to reach it
    late = page_json(graph(loaded, "somerset", "2199-06-01").html)
    assert (late["min"], late["max"], late["start"]) == (min(days).isoformat(), "2199-06-01", "2199-06-01")
    # a graph whose facts have all ended spans them alone
    g = graphdata.neighbourhood(loaded, "somerset", 2)
    g.edges = {k: e for k, e in g.edges.items() if e.valid_until is not None}
    ends = [d for e in g.edges.values() for d in (e.valid_from, e.valid_until) if d]
    ends += [n.extra["published_day"] for n in g.nodes.values() if n.extra.get("published_day")]  # inspections
    assert g.span(dt.date(2014, 1, 15)) == (min(ends), max(ends))


def test_holdings_are_drawn_by_capacity_and_carry_their_validity(loaded):
    from accountable.presentation.pages.build import graph

    edges = {e["id"]: e for e in page_json(graph(loaded, "somerset", "2014-11-15").html)["edges"]}
    lewis, wooster, flaherty = (edges[i] for i in (
        "holds:peter-lewis>somerset/dcs", "holds:julian-wooster>somerset/dcs", "holds:patrick-flaherty>somerset/dcs:declared"))
    assert (lewis["valid_from"], lewis["valid_until"], lewis["capacity"]) == ("2013-01-01", "2014-11-01", "interim")
    assert lewis["dashes"] == CAPACITY_STYLE["interim"]["dashes"] and wooster["dashes"] is False
    assert flaherty["dashes"] == CAPACITY_STYLE["declared"]["dashes"]
    assert len({str(lewis["dashes"]), str(wooster["dashes"]), str(flaherty["dashes"])}) == 3
    assert lewis["label"] == "holds (interim)" and lewis["disputed"] is True
    info = lewis["info"]
    assert info["when"] == "from 2013 (year) to 2014-10 (month)"
    assert {"source": "cypnow-2014-10-28-somerset-row", "quote": "the departure of Peter Lewis as Somerset interim DCS"} in info["evidence"]
    assert wooster["info"]["when"] == "from 2015-03 (month), continuing (last confirmed 2015-03 (month))"


def test_hierarchical_levels_put_the_secretary_of_state_above_and_holders_below(loaded):
    g = graphdata.neighbourhood(loaded, "somerset", 2)
    lv = levels(g)
    assert lv["dfe/secretary_of_state"] < lv["somerset"] < lv["somerset/chief_executive"] < lv["somerset/dcs"] < lv["peter-lewis"]
    assert lv["somerset/dcs"] < lv["julian-wooster"]
    for e in g.edges.values():  # every ranked relationship points the way its kind says
        if DIRECTION[e.kind] == "up":
            assert lv[e.source] > lv[e.target], e.id
        elif DIRECTION[e.kind] == "down":
            assert lv[e.source] < lv[e.target], e.id


def test_every_kind_of_relationship_has_a_direction_for_the_layout():
    assert set(DIRECTION) == {r.name for r in REL_KINDS}


def test_legend_comes_from_the_schema():
    lg = legend()
    assert [n["kind"] for n in lg["nodes"]] == [k.name for k in NODE_KINDS if k.name != "Source"]
    assert [r["kind"] for r in lg["relationships"]] == [r.name for r in REL_KINDS]
    assert [c["capacity"] for c in lg["capacities"]] == list(VOCABULARIES["capacity"])
    # every capacity is drawn, and no two alike
    assert set(CAPACITY_STYLE) == set(VOCABULARIES["capacity"])
    assert len({(str(s["dashes"]), s["width"]) for s in CAPACITY_STYLE.values()}) == len(CAPACITY_STYLE)


def test_the_page_shows_the_legend(cli, tmp_path):
    out = tmp_path / "g.html"
    assert cli("viz", "peter-lewis", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    for k in NODE_KINDS:
        if k.name != "Source":
            assert f'data-kind="{k.name}"' in html
    for r in REL_KINDS:
        assert f'data-kind="{r.name}"' in html
    for c in VOCABULARIES["capacity"]:
        assert f'data-capacity="{c}"' in html
    for f in ("vacant", "contested", "joint_role", "outsourced"):
        assert f'data-flag="{f}"' in html


# ---------------------------------------------------------------- flags, date by date, as `who` sees them

POST_FLAGS = {"vacant", "declared", "interim", "acting", "joint_role"}


@pytest.mark.parametrize("council", ["somerset", "rotherham", "doncaster", "kingston-upon-thames"])
@pytest.mark.parametrize("on", ["2009-06-01", "2014-01-15", "2014-11-15", "2015-04-15"])
def test_page_flags_agree_with_who(loaded, council, on):
    day = dt.date.fromisoformat(on)
    g = graphdata.neighbourhood(loaded, council, 2)
    page = flags_at(g, day)
    answer = who(loaded, council, on)
    chain_posts = {e["id"] for e in answer["chain"] if e["kind"] == "post"}
    from_who = {(f["kind"], f["post"]) for f in answer["flags"] if f["kind"] in POST_FLAGS}
    from_page = {(f.kind, n) for f in page if f.kind in POST_FLAGS for n in f.nodes if n in chain_posts}
    assert from_page == from_who
    for kind in ("outsourced", "under_intervention"):
        assert any(f["kind"] == kind for f in answer["flags"]) == any(f.kind == kind for f in page), kind
    # the page sees more than the chain (a disputed termination, say), so it may find more to contest, never less
    if any(f["kind"] == "contested" for f in answer["flags"]):
        assert any(f.kind == "contested" for f in page)
    # and the epoch the page would pick for that day holds exactly these flags
    current = [ep for ep in epochs(g) if ep.start <= day]
    assert (current[-1].flags if current else []) == page


def test_a_joint_role_is_flagged_while_both_posts_are_held(loaded, tmp_path):
    (tmp_path / "joint.yaml").write_text(textwrap.dedent("""
        sources:
          - {id: example-2020, title: An example, publisher: Example Gazette, published: 2020-01, source_kind: other}
        entities:
          - {kind: Council, id: exampleshire, name: Exampleshire County Council, sources: [example-2020]}
          - {kind: Person, id: a-n-example, name: A. N. Example, sources: [example-2020]}
        relationships:
          - {kind: HOLDS, from: a-n-example, to: exampleshire/dcs, capacity: substantive, start: 2018-01, end: 2021-06,
             evidence: [{source: example-2020, quote: "director of children's services"}]}
          - {kind: HOLDS, from: a-n-example, to: exampleshire/dass, capacity: substantive, start: 2019-04, end: 2020-12,
             evidence: [{source: example-2020, quote: "and of adult social services"}]}
    """), encoding="utf-8")
    facts.load([tmp_path / "joint.yaml"], loaded)
    g = graphdata.neighbourhood(loaded, "a-n-example", 2)
    kinds = lambda on: {f.kind for f in flags_at(g, dt.date.fromisoformat(on))}  # noqa: E731
    assert "joint_role" not in kinds("2018-06-01")
    assert "joint_role" in kinds("2020-06-01")
    assert "joint_role" not in kinds("2021-03-01")
    joint = next(f for f in flags_at(g, dt.date(2020, 6, 1)) if f.kind == "joint_role")
    assert set(joint.nodes) == {"a-n-example", "exampleshire/dcs", "exampleshire/dass"}
    assert {f["kind"] for f in who(loaded, "exampleshire", "2020-06-01")["flags"]} >= {"joint_role"}


# ---------------------------------------------------------------- the report


def test_report_holds_the_chain_flags_timelines_inspections_and_numbered_sources(cli, loaded, tmp_path):
    out = tmp_path / "r.html"
    r = cli("report", "somerset", "--on", "2014-11-15", "-o", str(out))
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert remote_resources(html) == []
    answer = who(loaded, "somerset", "2014-11-15")
    chain = html[html.index('id="chain-table"'):html.index('id="graph-section"')]
    for e in answer["chain"]:
        if e.get("holder"):
            assert e["holder"] in chain
    for f in answer["flags"]:
        assert f'data-kind="{f["kind"]}"' in chain
    assert "Patrick Flaherty" in chain and ">declared<" in chain
    # every statutory post has its timeline, with every holder the holdings template gives
    for kind in ("dcs", "lead_member", "chief_executive", "dass"):
        assert f'id="timeline-{kind}"' in html
    dcs = html[html.index('id="timeline-dcs"'):html.index('id="timeline-lead_member"')]
    for h in registry.run(loaded, "holdings", {"posts": ["somerset/dcs"], "persons": []}):
        assert h["person"] in dcs
    # the latest judgement published by the date, and a word on the later one
    insp = html[html.index('id="inspections"'):html.index('id="sources"')]
    later = [r for r in registry.run(loaded, "inspections", {"council": "somerset"}) if r["published"] > dt.date(2014, 11, 15)]
    assert "2013-08" in insp and "inadequate" in insp and f"{len(later)} inspection(s) published after 15 November 2014" in insp
    # sources: numbered 1..n without gaps, every citation resolves, the who answer's numbers kept
    listed = [int(n) for n in re.findall(r'<li id="src-(\d+)"', html)]
    assert listed == list(range(1, len(listed) + 1))
    cited = {int(n) for n in re.findall(r'href="#src-(\d+)"', html)}
    assert cited and cited <= set(listed)
    for s in answer["sources"]:
        assert re.search(rf'<li id="src-{s["n"]}" value="{s["n"]}"><strong>{re.escape(_escape(s["title"]))}</strong>', html), s
    assert "@media print" in html


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


# ---------------------------------------------------------------- the commands' errors


@pytest.mark.parametrize("args, message", [
    (["viz"], "name an entity"),
    (["viz", "somerset", "--all"], "not both"),
    (["viz", "no-such-thing"], "no entity has the id 'no-such-thing'"),
    (["viz", "upon thames"], "matches 2 councils"),
    (["viz", "somerset", "--depth", "5"], "--depth must be between 0 and 4"),
    (["viz", "somerset", "--layout", "circle"], "--layout must be one of"),
    (["viz", "somerset", "--on", "2014-02-30"], "February 2014 has no day 30"),
    (["report", "nowhere"], "no council matches 'nowhere'"),
    (["report", "somerset", "--on", "15/11/2014"], "not a full date; write a day as YYYY-MM-DD, or today"),
])
def test_bad_parameters_exit_2_with_a_message_and_write_nothing(cli, tmp_path, args, message):
    out = tmp_path / "out.html"
    r = cli(*args, "-o", str(out))
    assert r.exit_code == 2, r.output
    assert message in r.stderr and "Traceback" not in r.output
    assert not out.exists()


def test_pages_leave_the_graph_as_it_was(cli, loaded_path, tmp_path):
    from accountable.graph import open_store

    with open_store("ladybug", loaded_path) as s:
        before = s.fingerprint()
    assert cli("viz", "somerset", "-o", str(tmp_path / "a.html")).exit_code == 0
    assert cli("report", "somerset", "-o", str(tmp_path / "b.html")).exit_code == 0
    assert cli("viz", "no-such-thing", "-o", str(tmp_path / "c.html")).exit_code == 2
    with open_store("ladybug", loaded_path) as s:
        assert s.fingerprint() == before


def test_an_output_in_a_missing_folder_is_refused(cli, tmp_path):
    r = cli("viz", "somerset", "-o", str(tmp_path / "nope" / "x.html"))
    assert r.exit_code == 2 and "does not exist" in r.stderr
    r = cli("report", "somerset", "-o", str(tmp_path))
    assert r.exit_code == 2 and "is a folder" in r.stderr


def test_help_does_not_import_pyvis_or_jinja():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom accountable.cli import app\n"
            "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyvis', 'jinja2', 'networkx') or m.startswith('accountable.presentation.pages')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pages_talk_to_queries_not_to_the_store():
    pages = Path(__file__).resolve().parent.parent / "presentation" / "pages"
    for f in pages.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert ".query(" not in text and "from ...graph" not in text, f"{f.name} should go through queries/"


def test_text_from_the_facts_is_text_in_the_pages(cli, loaded, tmp_path):
    """A name or a link in a fact file cannot become markup or a script in a page."""
    (tmp_path / "odd.yaml").write_text(textwrap.dedent("""
        sources:
          - {id: odd-source, title: "</script><script>alert('title')</script>", publisher: "<b>Odd</b> & Co",
             published: 2014-11, source_kind: other, url: "javascript:alert('url')"}
        entities:
          - {kind: Person, id: odd-person, name: "<img src=x onerror=alert('name')>", sources: [odd-source]}
        relationships:
          - {kind: HOLDS, from: odd-person, to: somerset/lead_member, capacity: substantive, start: 2014-11,
             evidence: [{source: odd-source, quote: "</script><!-- <script>alert('quote')"}]}
    """), encoding="utf-8")
    facts.load([tmp_path / "odd.yaml"], loaded)
    loaded.close()
    for args in (("viz", "somerset"), ("report", "somerset", "--on", "2014-12-01")):
        out = tmp_path / f"{args[0]}.html"
        assert cli(*args, "-o", str(out)).exit_code == 0
        html = out.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "alert('title')</script>" not in html and "<b>Odd</b>" not in html
        assert 'href="javascript:' not in html
        data = page_json(html)
        assert any(n["label"] == "<img src=x onerror=alert('name')>" for n in data["nodes"])
        assert remote_resources(html) == []
    assert "&lt;img src=x onerror=alert(&#39;name&#39;)&gt;" in html  # the report's tables, escaped


def test_every_flag_a_page_can_raise_has_its_style():
    """A flag without a style stops the page's script when its date comes (the flag list reads its
    severity): every kind the page's rules and who's answers raise is styled."""
    import re

    from accountable.presentation.pages.style import FLAG_STYLE

    root = Path(__file__).resolve().parent.parent
    raised = set(re.findall(r'Flag\("([a-z_]+)"', (root / "presentation/pages/flags.py").read_text()))
    for f in (root / "queries").glob("*.py"):
        raised |= set(re.findall(r'flags\.append\(\{\s*"kind": "([a-z_]+)"', f.read_text()))
    assert raised >= {"vacant", "possibly_begun", "declared", "no_childrens_minister", "not_existing"}
    assert sorted(raised - set(FLAG_STYLE)) == []
