"""The pages in a real browser: headless Chromium driven through chromedriver (selenium).

Each page is opened from a file with every other host unreachable, and the tests
assert what a reader would see: the graph drew every node in the data, moving the
date changes what is shown as the data says it should, hovering shows dates and
sources, nothing was requested from anywhere, nothing went wrong in the console.
Screenshots (and the printed report) are saved under test-artifacts/pages/.

Chromium and chromedriver must be installed (scripts/test installs Debian's
`chromium` and `chromium-driver`); without them these tests fail, they do not skip.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from accountable.presentation.pages import write_page
from accountable.presentation.pages.graphdata import Edge, GraphData, from_rows
from accountable.presentation.pages.html import graph_page
from accountable.presentation.pages.visjs import page_data
from accountable.queries import registry
from accountable.queries.who import who

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "pages"
CHROMIUM = os.environ.get("ACCOUNTABLE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("ACCOUNTABLE_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
READY_TIMEOUT = 120  # seconds; generous on a loaded machine (no test asserts a time)


def poll(driver, script: str, timeout: float = READY_TIMEOUT):
    """Run `script` in the page until it returns something true, and return that (a page's own
    readiness, not a fixed sleep); fail the test naming the script when it never does."""
    end = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (Path(p).is_file() and os.access(p, os.X_OK))]
    if missing:
        pytest.fail(
            f"the page tests need Chromium and chromedriver; not found: {', '.join(missing)}. "
            "Install Debian's chromium and chromium-driver (scripts/test does), or set ACCOUNTABLE_CHROMIUM "
            "and ACCOUNTABLE_CHROMEDRIVER.", pytrace=False)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("the page tests need selenium: pip install -e '.[test]'", pytrace=False)
    profile = tempfile.mkdtemp(prefix="accountable-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--lang=en-GB", "--window-size=1400,900",
                "--force-device-scale-factor=1",
                # every host name fails to resolve: a page that tried to fetch anything could not
                # (but the web app's tests reach it on the loopback address)
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(READY_TIMEOUT)
    driver.get("about:blank")  # leave the start page before any test looks at requests
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Visit:
    """One page opened in the browser, with what it logged and requested."""

    def __init__(self, driver, path: Path, wait: bool = True):
        self.driver = driver
        driver.get_log("browser")  # drop whatever earlier pages left
        driver.get_log("performance")
        self.url = path.resolve().as_uri()
        driver.get(self.url)
        if wait:
            self.wait_for("return document.getElementById('graph-component').dataset.ready === 'true'")
        self.console = list(driver.get_log("browser"))
        self._perf = list(driver.get_log("performance"))

    def wait_for(self, script: str, timeout: float = READY_TIMEOUT):
        return poll(self.driver, script, timeout)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def requests(self) -> list[str]:
        """Every URL this tab asked for from the page's own request on (Chromium's network log; the
        browser's start page may still be loading its own resources when the page is opened)."""
        self._perf += self.driver.get_log("performance")
        tab = self.driver.current_window_handle
        urls: list[str] = []
        started = False
        for entry in self._perf:
            outer = json.loads(entry["message"])
            msg = outer["message"]
            if outer.get("webview") not in (None, tab):
                continue
            if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                url = msg["params"].get("request", msg["params"]).get("url")
                started = started or url == self.url
                if started:
                    urls.append(url)
        assert started, f"the browser's log holds no request for {self.url}"
        return urls

    def errors(self) -> list[dict]:
        self.console += self.driver.get_log("browser")
        return [e for e in self.console if e["level"] == "SEVERE"]

    def assert_clean(self):
        left = [u for u in self.requests() if not u.startswith(("file://", "data:"))]
        assert left == [], f"requests left the page: {left}"
        assert self.errors() == [], f"console errors: {self.errors()}"

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(out))
        return out

    # ---- the graph as vis-network drew it

    def drawn(self) -> dict:
        return self.js("""
            var net = accountableGraph.network, out = {nodes: {}, edges: {}};
            Object.keys(net.body.nodes).forEach(function (id) {
              var o = net.body.nodes[id].options; out.nodes[id] = {hidden: o.hidden, opacity: o.opacity};
            });
            Object.keys(net.body.edges).forEach(function (id) {
              var o = net.body.edges[id].options; out.edges[id] = {hidden: o.hidden, opacity: o.color.opacity, label: o.label};
            });
            out.nodeIndices = net.body.nodeIndices.length;
            out.positioned = Object.values(net.getPositions()).filter(function (p) { return isFinite(p.x) && isFinite(p.y); }).length;
            return out;""")

    def painted_pixels(self) -> int:
        """Pixels of the canvas that are not blank: the drawing is really there."""
        return self.js("""
            var c = document.querySelector('#graph canvas'), ctx = c.getContext('2d');
            var d = ctx.getImageData(0, 0, c.width, c.height).data, n = 0;
            for (var i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) n++;
            return n;""")

    def move_date(self, iso: str):
        """Move the range control, as dragging it does (its value, then an input event)."""
        self.js("""
            var s = document.getElementById('date-slider');
            s.value = String(Math.round(Date.parse(arguments[0] + 'T00:00:00Z') / 86400000));
            s.dispatchEvent(new Event('input', {bubbles: true}));""", iso)
        self.wait_for(f"return document.getElementById('graph-component').dataset.date === '{iso}'", timeout=20)
        self.wait_for("return new Promise(function (r) { requestAnimationFrame(function () { r(true); }); })")


def neighbourhood_rows(store, entity, depth=2):
    rows = registry.run(store, "neighbourhood", {"entity": entity, "depth": depth})
    nodes = {r["id"] for r in rows}
    edges = {r["rel_id"]: r for r in rows if r["rel_id"]}
    return nodes, edges


def held(row: dict, day: str) -> bool:
    """Whether a relationship row holds on a day, straight from the template's row."""
    e = Edge(id=row["rel_id"], kind=row["rel_kind"], source=row["id"], target=row["to_id"],
             valid_from=row["valid_from"], valid_until=row["valid_until"])
    return e.active(dt.date.fromisoformat(day))


LEWIS = "holds:peter-lewis>somerset/dcs"
WOOSTER = "holds:julian-wooster>somerset/dcs"
FLAHERTY = "holds:patrick-flaherty>somerset/dcs:declared"


def test_somerset_graph_draws_every_node_and_moves_through_time(browser, cli, loaded, tmp_path):
    page = tmp_path / "somerset.html"
    assert cli("viz", "somerset", "--on", "2014-01-15", "-o", str(page)).exit_code == 0
    nodes, edges = neighbourhood_rows(loaded, "somerset")
    v = Visit(browser, page)

    drawn = v.drawn()
    assert set(drawn["nodes"]) == nodes and drawn["nodeIndices"] == len(nodes) == drawn["positioned"]
    assert set(drawn["edges"]) == set(edges)
    assert v.painted_pixels() > 5000
    assert v.js("return document.getElementById('date-label').textContent") == "15 January 2014"
    v.screenshot("somerset-2014-01-15")

    for day in ("2014-01-15", "2014-11-15", "2015-04-15"):
        if day != "2014-01-15":
            v.move_date(day)
        drawn = v.drawn()
        for rid, row in edges.items():  # shown at full strength exactly when the data says it held
            assert (drawn["edges"][rid]["opacity"] == 1) == held(row, day), (day, rid)
            assert drawn["edges"][rid]["hidden"] is False
        assert drawn["nodeIndices"] == len(nodes)
        v.screenshot(f"somerset-{day}")

    # the cases the articles describe, as a reader sees them
    v.move_date("2014-01-15")
    d = v.drawn()["edges"]
    assert d[LEWIS]["opacity"] == 1 and d[WOOSTER]["opacity"] < 0.5
    flags = v.js("return document.getElementById('flag-list').innerText")
    assert "Peter Lewis holds the post as interim" in flags
    v.move_date("2014-11-15")
    d = v.drawn()["edges"]
    assert d[FLAHERTY]["opacity"] == 1 and d[LEWIS]["opacity"] < 0.5 and d[WOOSTER]["opacity"] < 0.5
    assert "VACANT" in d[FLAHERTY]["label"]
    flags = v.js("return document.getElementById('flag-list').innerText")
    assert "no one is appointed to the post" in flags and "the council terminated his contract" in flags
    assert "VACANT" in v.js("return accountableGraph.network.body.nodes['somerset/dcs'].options.label")
    v.move_date("2015-04-15")
    d = v.drawn()["edges"]
    assert d[WOOSTER]["opacity"] == 1 and d[LEWIS]["opacity"] < 0.5 and d[FLAHERTY]["opacity"] < 0.5
    assert "VACANT" not in v.js("return accountableGraph.network.body.nodes['somerset/dcs'].options.label")

    # hiding what did not hold takes it out of the drawing
    browser.find_element("id", "hide-inactive").click()
    v.wait_for("return accountableGraph.state().hide")
    held_now = [rid for rid, row in edges.items() if held(row, "2015-04-15")]
    assert v.js("return accountableGraph.network.body.edgeIndices.length") == len(held_now)
    v.screenshot("somerset-2015-04-15-hidden")
    browser.find_element("id", "hide-inactive").click()

    # the buttons step to the previous and next dates on which something changed
    changes = sorted({str(row[k]) for row in edges.values() for k in ("valid_from", "valid_until") if row[k]})
    before = max(c for c in changes if c < "2015-04-15")
    browser.find_element("id", "date-prev").click()
    v.wait_for(f"return document.getElementById('graph-component').dataset.date === '{before}'")
    browser.find_element("id", "date-prev").click()
    earlier = max(c for c in changes if c < before)
    v.wait_for(f"return document.getElementById('graph-component').dataset.date === '{earlier}'")
    browser.find_element("id", "date-next").click()
    v.wait_for(f"return document.getElementById('graph-component').dataset.date === '{before}'")
    v.assert_clean()


def test_hovering_shows_dates_with_precision_and_sources(browser, cli, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page = tmp_path / "lewis.html"
    assert cli("viz", "peter-lewis", "--on", "2014-01-15", "--depth", "1", "-o", str(page)).exit_code == 0
    v = Visit(browser, page)
    canvas = browser.find_element("css selector", "#graph canvas")

    def hover(script: str) -> str:
        x, y = v.js(script)
        size = canvas.size
        ActionChains(browser).move_to_element_with_offset(canvas, 1, 1).perform()  # away first
        ActionChains(browser).move_to_element_with_offset(canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
        return v.wait_for("var t = document.querySelector('div.vis-tooltip'); "
                          "return t && t.style.visibility !== 'hidden' && t.offsetParent !== null && t.innerText", timeout=20)

    edge_tip = hover(f"""var net = accountableGraph.network, p = net.body.edges['{LEWIS}'].edgeType.getPoint(0.5);
                         var d = net.canvasToDOM(p); return [d.x, d.y];""")
    assert "Peter Lewis holds Director of Children's Services, Somerset County Council" in edge_tip  # named as on the opening day
    assert "from 2013 (year) to 2014-10 (month)" in edge_tip
    assert "Sources disagree about this." in edge_tip
    assert "Somerset row shows DCSs need greater authority — Children & Young People Now, 2014-10-28" in edge_tip
    assert "\u201cthe departure of Peter Lewis as Somerset interim DCS\u201d" in edge_tip
    v.screenshot("hover-relationship")

    node_tip = hover("""var net = accountableGraph.network, d = net.canvasToDOM(net.getPositions(['peter-lewis'])['peter-lewis']);
                        return [d.x, d.y];""")
    assert "Peter Lewis" in node_tip and "holds Director of Children's Services" in node_tip
    assert "from 2013 (year) to 2014-10 (month)" in node_tip
    assert "Somerset row shows DCSs need greater authority" in node_tip
    v.screenshot("hover-node")
    v.assert_clean()


def _label(v: "Visit", node: str) -> str:
    return v.js(f"return accountableGraph.network.body.nodes['{node}'].options.label")


def _tip(v: "Visit", node: str) -> str:
    """A node's tooltip as vis-network would show it on hover (the element it holds as its title)."""
    return v.js(f"return accountableGraph.network.body.nodes['{node}'].options.title.textContent")


def _details(v: "Visit", node: str) -> str:
    """What the details panel shows when the node is clicked."""
    v.js(f"accountableGraph.network.body.emitter.emit('click', {{nodes: ['{node}'], edges: []}});")
    return v.js("return document.getElementById('details').textContent")


@pytest.mark.parametrize("command", ["viz", "report"])
def test_a_renamed_council_is_named_as_on_the_date_the_control_shows(browser, cli, loaded, tmp_path, command):
    page = tmp_path / f"{command}.html"
    assert cli(command, "somerset", "--on", "2014-11-15", "-o", str(page)).exit_code == 0
    v = Visit(browser, page)
    old, new = "Somerset County Council", "Somerset Council"
    post = "Director of Children's Services, "
    assert _label(v, "somerset").startswith(old)
    assert post + old in _tip(v, "somerset/dcs") and post + new not in _tip(v, "somerset/dcs")
    assert post + old in _details(v, "somerset/dcs")
    assert who(loaded, "somerset", "2014-11-15")["council"]["name"] == old
    v.move_date("2024-01-01")
    assert who(loaded, "somerset", "2024-01-01")["council"]["name"] == new
    assert _label(v, "somerset").startswith(new)
    assert post + new in _tip(v, "somerset/dcs") and old not in _tip(v, "somerset/dcs")
    assert post + new in _details(v, "somerset/dcs")
    # a relationship's words too (its tooltip), and the flags' messages
    edge_tip = v.js("return accountableGraph.network.body.edges['holds:john-osman>somerset/leader'].options.title.textContent")
    assert "John Osman holds Leader, Somerset Council" in edge_tip
    assert "Somerset County Council leader John Osman" in edge_tip  # the quote, as the source wrote it
    assert old not in v.js("return document.getElementById('flag-list').innerText")
    v.screenshot(f"{command}-renamed-2024-01-01")
    v.move_date("2023-03-31")
    assert _label(v, "somerset").startswith(old)
    v.move_date("2023-04-01")
    assert _label(v, "somerset").startswith(new)
    v.assert_clean()


def test_a_start_known_to_the_month_is_drawn_possibly_begun_until_the_months_last_day(browser, cli_with_reports,
                                                                                      loaded_with_reports, tmp_path):
    """Ofsted's report dates a new interim DCS of Somerset only to November 2014: on 2014-11-15 `who`
    keeps Patrick Flaherty (declared) in force and says the other possibly begun; the page draws the
    same, the new holding faint; from 2014-11-30 the new holding is in force."""
    page = tmp_path / "somerset.html"
    assert cli_with_reports("viz", "somerset", "--on", "2014-11-15", "-o", str(page)).exit_code == 0
    v = Visit(browser, page)
    unnamed = "holds:somerset/dcs/unnamed-2014-11>somerset/dcs"
    for day in ("2014-11-15", "2014-11-30"):
        v.move_date(day)
        a = who(loaded_with_reports, "somerset", day)
        dcs = next(e for e in a["chain"] if e.get("post_kind") == "dcs")
        possibly = {h["holder"] for h in dcs.get("possibly_begun", [])}
        d = v.drawn()["edges"]
        state = v.js("return accountableGraph.state()")
        if dcs["holder"] == "Patrick Flaherty":  # who's answer on 2014-11-15
            assert possibly and all(p.startswith("not named") for p in possibly)
            assert d[FLAHERTY]["opacity"] == 1 and FLAHERTY in state["activeEdges"]
            assert 0.13 < d[unnamed]["opacity"] < 1 and "possibly begun" in d[unnamed]["label"]
            assert state["possibleEdges"] == [unnamed] and unnamed not in state["activeEdges"]
            v.screenshot("somerset-possibly-begun-2014-11-15")
        else:  # 2014-11-30: the new holding is in force
            assert day == "2014-11-30" and dcs["holder"].startswith("not named") and not possibly
            assert d[unnamed]["opacity"] == 1 and "possibly begun" not in d[unnamed]["label"]
            assert d[FLAHERTY]["opacity"] < 0.5 and state["possibleEdges"] == []
    assert who(loaded_with_reports, "somerset", "2014-11-15")["chain"] != who(loaded_with_reports, "somerset", "2014-11-30")["chain"]
    v.assert_clean()


def test_the_whole_graph_opens(browser, cli, loaded, tmp_path):
    page = tmp_path / "all.html"
    assert cli("viz", "--all", "--on", "2014-11-15", "-o", str(page)).exit_code == 0
    nodes = {r["id"] for r in registry.run(loaded, "whole_graph")}
    v = Visit(browser, page)
    assert v.drawn()["nodeIndices"] == len(nodes)
    assert v.painted_pixels() > 5000
    v.screenshot("whole-graph")
    v.assert_clean()


def test_report_reads_draws_prints_and_reads_without_script(browser, cli, loaded, tmp_path):
    page = tmp_path / "report.html"
    assert cli("report", "somerset", "--on", "2014-11-15", "-o", str(page)).exit_code == 0
    nodes, edges = neighbourhood_rows(loaded, "somerset")
    browser.set_window_size(1400, 2400)
    try:
        v = Visit(browser, page)
        assert v.drawn()["nodeIndices"] == len(nodes)
        table = browser.find_element("id", "chain-table").text
        assert "Patrick Flaherty" in table and "declared" in table
        assert v.js("return document.getElementById('graph-component').dataset.date") == "2014-11-15"
        v.screenshot("report")

        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert v.js("return getComputedStyle(document.querySelector('.graph-component .controls')).display") == "none"
        v.screenshot("report-print-media")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        pdf = base64.b64decode(browser.print_page())
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "report.pdf").write_bytes(pdf)
        v.assert_clean()

        # without its script: the chain, the timelines, the judgements and the sources still read
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        try:
            v2 = Visit(browser, page, wait=False)
            body = browser.find_element("tag name", "body").text
            for text in ("Who is accountable", "Patrick Flaherty", "Who has held each statutory post", "Peter Lewis",
                         "Julian Wooster", "Latest inspection judgements", "inadequate", "Sources",
                         "Somerset row shows DCSs need greater authority", "The interactive graph needs JavaScript"):
                assert text in body, text
            v2.screenshot("report-without-script")
            assert v2.requests() and all(u.startswith(("file://", "data:")) for u in v2.requests())
        finally:
            browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    finally:
        browser.set_window_size(1400, 900)


# ---------------------------------------------------------------- a large graph


def synthetic_rows(n_nodes: int = 5000, seed: int = 6) -> list[dict]:
    """Neighbourhood-shaped rows of a national-looking graph: councils answering to the Secretary of
    State, their four posts, and holders coming and going between 2004 and 2024."""
    rnd = random.Random(seed)
    empty = {k: None for k in ("post_kind", "description", "framework", "published", "published_precision", "overall", "distance")}
    rel_empty = {k: None for k in ("rel_id", "rel_kind", "to_id", "capacity", "basis", "action", "role", "services", "valid_from",
                                   "valid_from_precision", "valid_to", "valid_to_precision", "valid_until", "valid_until_precision",
                                   "until_basis", "start_basis", "last_confirmed", "last_confirmed_precision", "status", "note",
                                   "sources", "quotes", "accounts")}

    def node(i, kind, name, **kw):
        return {**empty, **rel_empty, "id": i, "kind": kind, "name": name, "node_sources": ["synthetic"], **kw}

    def rel(n, rid, kind, to, start, end=None, **kw):
        return {**n, "rel_id": rid, "rel_kind": kind, "to_id": to, "valid_from": start, "valid_from_precision": "year",
                "valid_to": end, "valid_to_precision": "year" if end else None,
                "valid_until": dt.date(end.year + 1, 1, 1) if end else None, "valid_until_precision": "year" if end else None,
                "until_basis": "stated" if end else None, "start_basis": "stated", "status": "asserted",
                "sources": ["synthetic"], "quotes": ["a synthetic fact"], "accounts": [""], **kw}

    rows = [node("sos", "Post", "Secretary of State", post_kind="secretary_of_state")]
    count, c = 1, 0
    while count < n_nodes:
        cid = f"council-{c}"
        rows.append(rel(node(cid, "Council", f"Council {c}"), f"{cid}>sos", "ACCOUNTABLE_TO", "sos", dt.date(2004, 1, 1), basis="statute"))
        count += 1
        for kind in ("dcs", "lead_member", "chief_executive", "dass"):
            if count >= n_nodes:
                break
            pid = f"{cid}/{kind}"
            rows.append(rel(node(pid, "Post", f"{kind} of council {c}", post_kind=kind), f"{pid}>{cid}", "POST_IN", cid, dt.date(2004, 1, 1)))
            count += 1
            year = 2004
            while year < 2024 and count < n_nodes:
                length = rnd.randint(1, 6)
                end = dt.date(year + length - 1, 1, 1) if year + length < 2024 else None
                person = f"person-{count}"
                rows.append(rel(node(person, "Person", f"Person {count}"), f"holds:{person}>{pid}", "HOLDS", pid, dt.date(year, 1, 1), end,
                                capacity=rnd.choice(("substantive", "substantive", "interim", "acting"))))
                count += 1
                year += length
        c += 1
    return rows


def test_a_5000_node_page_opens_and_draws(browser, tmp_path):
    nodes, edges = from_rows(synthetic_rows(5000))
    assert len(nodes) == 5000
    g = GraphData(nodes, edges, focus=None,
                  sources={"synthetic": {"title": "Synthetic data", "publisher": "the tests", "published": "2024"}})
    page = write_page(graph_page(page_data(g, dt.date(2014, 6, 1), "auto", "5,000 nodes"), "5,000 nodes"), tmp_path / "big.html")
    v = Visit(browser, page)
    drawn = v.drawn()
    assert drawn["nodeIndices"] == 5000 == drawn["positioned"]
    assert v.painted_pixels() > 5000
    v.js("accountableGraph.setDate('2020-01-01')")
    assert set(v.js("return accountableGraph.state().activeEdges")) == {e.id for e in edges.values() if e.active(dt.date(2020, 1, 1))}
    v.screenshot("synthetic-5000")
    v.assert_clean()


# ---------------------------------------------------------------- the checks themselves can fail


def test_the_checks_see_a_request_and_a_console_error(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><title>bad</title><img src="https://example.invalid/x.png">'
                    '<script>console.error("boom")</script><div id="graph-component" data-ready="true"></div>', encoding="utf-8")
    v = Visit(browser, page)
    v.wait_for("return document.readyState === 'complete'")
    assert "https://example.invalid/x.png" in v.requests()
    assert any("boom" in e["message"] for e in v.errors())
    with pytest.raises(AssertionError):
        v.assert_clean()
