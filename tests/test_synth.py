"""Synthetic national history: the same seed writes the same bytes, the facts are
plainly fictional, and they load and answer `who` as the files say."""

import datetime as dt
import json
from pathlib import Path

import pytest

from accountable.loaders import facts, synth
from accountable.queries.who import who
from accountable.schema.dates import FuzzyDate

SMALL = {"councils": 6, "years": 20, "seed": 3}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("synth") / "facts"
    synth.write(d, **SMALL)
    return d


def records(d: Path) -> list[dict]:
    out = []
    for name in synth.FILES:
        with open(d / name, encoding="utf-8") as f:
            out += [json.loads(line) for line in f]
    return out


def test_the_same_seed_writes_the_same_bytes(small, tmp_path):
    again = synth.write(tmp_path / "again", **SMALL)
    for name in synth.FILES + (synth.MANIFEST,):
        assert (small / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    assert again.counts == json.loads((small / synth.MANIFEST).read_text())["counts"]
    other = tmp_path / "other"
    synth.write(other, **{**SMALL, "seed": 4})
    assert (other / "relationships.jsonl").read_bytes() != (small / "relationships.jsonl").read_bytes()


def test_a_council_is_drawn_the_same_however_many_are_drawn():
    first = [r for r in synth.council_records(2, 10, 20, 3) if r.get("kind") != "STAT_NEIGHBOUR"]
    more = [r for r in synth.council_records(2, 50, 20, 3) if r.get("kind") != "STAT_NEIGHBOUR"]
    assert first == more


def test_synthetic_facts_are_plainly_fictional_and_have_the_shape_of_the_real_record(small):
    rs = records(small)
    statute_ids = {"dfe", "dfe/secretary_of_state", "ofsted"}
    for r in rs:
        if r["type"] in ("source", "entity"):
            assert r["id"].startswith("synth-"), r
        if r["type"] == "source":
            assert r["url"].startswith("https://example.org/synthetic/")
        if r["type"] == "relationship":
            assert {r["from"], r["to"]} - statute_ids, r
            assert r["evidence"], r
    rels = [r for r in rs if r["type"] == "relationship"]
    holds = [r for r in rels if r["kind"] == "HOLDS"]
    capacities = {r["capacity"] for r in holds}
    assert {"substantive", "interim", "joint"} <= capacities
    assert any(r.get("status") == "disputed" and len({e.get("account") for e in r["evidence"]} - {None}) >= 2 for r in rels)
    assert any(len(r["evidence"]) >= 2 for r in holds)
    kinds = {r["kind"] for r in rels}
    assert {"HOLDS", "APPOINTS", "INSPECTS", "CARRIED_OUT_BY", "DIRECTS", "STAT_NEIGHBOUR", "POST_IN"} <= kinds
    assert {r["kind"] for r in rs if r["type"] == "entity"} >= {"Council", "Person", "Post", "Inspection"}


def _covering_spells(rels: list[dict], post: str) -> list[tuple[dt.date, dt.date | None, dict]]:
    """Each holding of a post as the stored interval [first day, first day after), open ones ended
    by the next later start (what the loader derives)."""
    hs = [r for r in rels if r["kind"] == "HOLDS" and r["to"] == post and r.get("start")]
    starts = sorted(FuzzyDate.parse(h["start"]).first for h in hs)
    out = []
    for h in hs:
        a = FuzzyDate.parse(h["start"]).first
        b = FuzzyDate.parse(h["end"]).after if h.get("end") else next((s for s in starts if s > a), None)
        out.append((a, b, h))
    return out


def _secretary_of_state_on(day: str) -> str:
    """The Secretary of State at the top of the chain on a day: the department that held children's
    services then (IfG's organisation.csv: DCSF 2007-06-28 to 2010-05-11)."""
    if day < "2007-06-28":
        return "Secretary of State for Education and Skills"
    if day < "2010-05-12":
        return "Secretary of State for Children, Schools and Families"
    return "Secretary of State for Education"


def test_synthetic_history_loads_and_who_names_the_holder_the_files_give(small, store):
    facts.load([small], store)
    rs = records(small)
    rels = [r for r in rs if r["type"] == "relationship"]
    names = {r["id"]: r["name"] for r in rs if r["type"] == "entity" and r["kind"] == "Person"}
    checked = 0
    for c in (r for r in rs if r["type"] == "entity" and r["kind"] == "Council"):
        post = f"{c['id']}/dcs"
        spells = _covering_spells(rels, post)
        for a, b, h in spells:
            if b is None or len(h["start"]) < 10:
                continue
            on = a + (b - a) / 2
            if [x for x in spells if x[0] <= on and (x[1] is None or on < x[1])] != [(a, b, h)]:
                continue  # another holding may cover that day too (dates known to the month)
            answer = who(store, c["id"], on.isoformat())
            dcs = answer["chain"][0]
            assert (dcs["post_kind"], dcs["holder"], dcs["capacity"]) == ("dcs", names[h["from"]], h["capacity"]), (c["id"], on)
            assert dcs["from"] == h["start"]
            assert answer["chain"][-1]["post"] == _secretary_of_state_on(on.isoformat()), (c["id"], on)
            checked += 1
            break
    assert checked >= 4


def test_the_synth_command_writes_files_the_load_command_takes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from accountable.cli import app

    monkeypatch.setenv("ACCOUNTABLE_DB", str(tmp_path / "g.lbdb"))
    runner = CliRunner()
    out = tmp_path / "national"
    r = runner.invoke(app, ["synth", "--councils", "3", "--years", "12", "--seed", "9", "-o", str(out)])
    assert r.exit_code == 0, r.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["councils"] == 3 and manifest["seed"] == 9
    assert f"wrote {manifest['facts']:,} facts" in r.stdout
    r = runner.invoke(app, ["load", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["who", "synth-c00001", "--on", "2020-01-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["council"]["id"] == "synth-c00001"
    bad = runner.invoke(app, ["synth", "--councils", "0", "-o", str(out)])
    assert bad.exit_code == 2 and "at least 1" in bad.output
    both = runner.invoke(app, ["synth", "--councils", "2", "--facts", "100", "-o", str(out)])
    assert both.exit_code == 2 and "not both" in both.output
