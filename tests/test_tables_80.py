"""Tables that read at 80 columns: no id or word split across lines, whom each step of `who`
answers to by name, and help that shows words, not types."""

from __future__ import annotations

import json
import re

import pytest

WIDTH = 80


@pytest.fixture
def at80(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    return cli


def table_part(output: str) -> list[str]:
    """The lines of the table: from the title to the flags, notes or sources."""
    lines = output.splitlines()
    end = next((i for i, line in enumerate(lines) if line in ("Flags", "Notes", "Sources")), len(lines))
    return lines[:end]


def words_of(values) -> set[str]:
    return {w for v in values if v for w in str(v).split() if len(w) <= 30}


def assert_whole(words: set[str], lines: list[str]) -> None:
    text = "\n".join(lines)
    split = sorted(w for w in words if not re.search(r"(?<!\S)" + re.escape(w) + r"(?!\S)", text))
    assert split == [], f"split across lines: {split}"


@pytest.mark.parametrize("council, on", [("somerset", "2014-11-15"), ("sandwell", "2019-01-01"),
                                         ("east riding of yorkshire", "2020-01-01"), ("doncaster", "2016-06-01")])
def test_who_at_80_columns_splits_no_word_and_says_whom_each_step_answers_to(at80, council, on):
    r = at80("who", council, "--on", on)
    assert r.exit_code == 0, r.output
    lines = table_part(r.stdout)
    assert max(len(line) for line in r.stdout.splitlines()) <= WIDTH
    header = lines[1:lines.index(next(line for line in lines if line.startswith("─")))]
    assert "Answers" in " ".join(header) and re.search(r"Answers\s+to|Answers to", "\n".join(header))
    a = json.loads(at80("who", council, "--on", on, "--format", "json").stdout)
    chain = a["chain"]
    names = {e["id"]: e["organisation"] if e["kind"] == "organisation" else (e["post"] or e["organisation"]) for e in chain}
    cells = [e["holder"] for e in chain] + [e.get("capacity") for e in chain] + [e.get("basis", "").replace("_", " ") for e in chain if e.get("basis")]
    ups = [names[u].removesuffix(", " + a["council"]["name"]) for e in chain for u in e["answers_to"]]
    assert ups, "no step answers to anyone"
    assert_whole(words_of(cells + ups + [e["organisation"] for e in chain if e["kind"] == "organisation"]), lines)
    body = "\n".join(lines)
    assert not any(e["id"] in body for e in chain if "/" in e["id"])  # names, not ids
    # a holding's dates are never split (a range breaks after its dash: "2012-09-04–" then "2015-05-10")
    days = {d for e in chain if not e.get("unnamed") for d in (e.get("from"), e.get("to")) if d}
    assert days, "no dated holding in the chain"
    split = sorted(d for d in days if not re.search(r"(?<![\d-])" + re.escape(d) + r"(?![\d-])", body))
    assert split == [], f"dates split across lines: {split}"


def test_the_council_and_the_provider_answer_by_name(at80):
    r = at80("who", "sandwell", "--on", "2019-01-01")
    row = next(line for line in r.stdout.splitlines() if line.startswith("Sandwell") and "commissioned" in line)
    assert "Sandwell" in row.split("contract", 1)[1]  # the trust answers to the council, by name


def test_interventions_and_gaps_at_80_columns_keep_dates_and_ids_whole(at80):
    r = at80("interventions", "--from", "2024-01-01", "--to", "2025-12-31")
    assert r.exit_code == 0, r.output
    lines = table_part(r.stdout)
    assert max(len(line) for line in r.stdout.splitlines()) <= WIDTH
    a = json.loads(at80("interventions", "--from", "2024-01-01", "--to", "2025-12-31", "--format", "json").stdout)
    spans = [f"{x['from']}–{x['to']}" for x in a["interventions"] if x.get("to")]
    assert "2024-08-30–2025-02-06" in spans
    assert_whole(words_of(spans + [x["council"] for x in a["interventions"]] + [x["action_text"] for x in a["interventions"]]), lines)
    r = at80("gaps", "--on", "2020-01-01", "--gap", "unknown", "--region", "Yorkshire and the Humber")
    assert r.exit_code == 0, r.output
    assert_whole({"Yorkshire", "Executive", "unknown"}, table_part(r.stdout))


def test_query_tables_keep_ids_whole(at80):
    r = at80("query", "find_council", "-p", "q=east riding")
    assert r.exit_code == 0, r.output
    assert_whole({"east-riding-of-yorkshire", "E06000011"}, table_part(r.stdout))


def commands(at80) -> list[list[str]]:
    out = at80("--help").stdout
    names = [line.split()[0] for line in out.split("Commands:", 1)[1].splitlines() if line.startswith("  ") and line.split()]
    return [[n] for n in names if n != "db"] + [["db", "init"], ["db", "info"]]


def test_help_shows_words_not_types(at80):
    seen = 0
    for cmd in [[]] + commands(at80):
        r = at80(*cmd, "--help")
        assert r.exit_code == 0, (cmd, r.output)
        bad = re.findall(r"<[a-z][a-zA-Z\[\]]*>|\{[A-Za-z]+\}|list\[", r.output)
        assert bad == [], (cmd, bad)
        seen += 1
    assert seen > 15
    who = at80("who", "--help").stdout
    assert re.search(r"^Usage: \S+ who \[OPTIONS\] COUNCIL$", who, re.M)
    assert re.search(r"--on DATE\s", who) and re.search(r"-f, --format FORMAT\s", who)
    assert re.search(r"^\s+COUNCIL\s+council id", who, re.M)
    load = at80("load", "--help").stdout
    assert "[PATH]..." in load and "--batch-size ROWS" in load
    top = at80("--help").stdout
    assert "--db PATH" in top and "--backend BACKEND" in top
