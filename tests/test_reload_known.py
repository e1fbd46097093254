"""Lines the graph holds as given are recognised by their content hash and not read again
(loaders/known.py): the graph ends exactly as a fresh load of everything would make it, and
what the load says (notices, outcomes, counts, problems) is what a full check says."""

import json
import shutil

import pytest

from accountable.graph import open_store
from accountable.loaders import facts, synth
from accountable.loaders.problems import InvalidInput


def lines_of(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def halves(src, a, b):
    """`a` holds every source and entity and every other relationship; `b` the rest of the
    relationships, so that holdings of one post fall in both halves."""
    a.mkdir()
    b.mkdir()
    for f in src.glob("*.jsonl"):
        lines = lines_of(f)
        if f.name == "relationships.jsonl":
            (a / f.name).write_text("".join(lines[::2]), encoding="utf-8")
            (b / f.name).write_text("".join(lines[1::2]), encoding="utf-8")
        else:
            shutil.copy(f, a / f.name)


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    d = tmp_path_factory.mktemp("parts")
    synth.write(d / "f", councils=3, years=12, seed=11)
    halves(d / "f", d / "a", d / "b")
    with open_store("ladybug", d / "a.lbdb") as store:
        facts.load([d / "a"], store)
    return d


def graph_of_a(parts, tmp_path, name="g"):
    """A copy of the graph loaded from part a."""
    for f in parts.glob("a.lbdb*"):
        shutil.copy(f, tmp_path / f.name.replace("a.lbdb", f"{name}.lbdb"))
    return tmp_path / f"{name}.lbdb"


def holds_posts(path):
    return {json.loads(x)["to"] for x in lines_of(path) if '"kind":"HOLDS"' in x}


def test_the_halves_share_posts(parts):
    """(The case the test is about: holdings of one post in both parts, so that the later part's
    starts end the earlier part's holdings.)"""
    assert holds_posts(parts / "a" / "relationships.jsonl") & holds_posts(parts / "b" / "relationships.jsonl")


def test_a_then_both_is_the_graph_of_both(parts, tmp_path):
    with open_store("ladybug", tmp_path / "whole.lbdb") as whole:
        facts.load([parts / "a", parts / "b"], whole)
        want = whole.dump()
    with open_store("ladybug", graph_of_a(parts, tmp_path)) as store, \
            open_store("ladybug", graph_of_a(parts, tmp_path, "full")) as full:
        report = facts.load([parts / "a", parts / "b"], store)
        got = store.dump()
        checked = full_check([parts / "a", parts / "b"], full)
    assert got == want  # content hashes, derived ends (valid_until) and all
    b_lines = len(lines_of(parts / "b" / "relationships.jsonl"))
    assert report.relationships_written == b_lines and report.nodes_written == 0
    assert (report.sources, report.entities, report.relationships) == (checked.sources, checked.entities, checked.relationships)
    superseded = [r for r in got["relationships"] if r["type"] == "HOLDS" and r["until_basis"] == "superseded"]
    assert superseded and all(r["content_hash"] for r in superseded)


def test_a_then_b_is_the_graph_of_both(parts, tmp_path):
    with open_store("ladybug", tmp_path / "whole.lbdb") as whole:
        facts.load([parts / "a", parts / "b"], whole)
        want = whole.dump()
    with open_store("ladybug", graph_of_a(parts, tmp_path)) as store:
        facts.load([parts / "b"], store)
        assert store.dump() == want


def test_an_unchanged_reload_reads_no_line_and_writes_nothing(parts, tmp_path):
    with open_store("ladybug", graph_of_a(parts, tmp_path)) as store:
        before = store.fingerprint()
        bundle, batch = facts.prepare([parts / "a"], store)
        assert batch.size == (0, 0) and store.fingerprint() == before
        read = [(section, rid) for section in facts.SECTIONS for rid, (_, origin) in getattr(bundle, section).items()
                if not origin.implicit]
        unhashed = {r["id"] for r in store.query("MATCH (n:Inspection) WHERE n.content_hash IS NULL RETURN n.id AS id")}
    given = sum(len(lines_of(f)) for f in (parts / "a").glob("*.jsonl"))
    # every line is recognised by its hash, but for the few rows the load itself merged (an inspection
    # whose sources it put in order): those are read and found unchanged
    assert len(bundle.skipped) + len(read) == given and len(read) < given / 20
    assert {rid for _, rid in read} <= unhashed


def full_check(paths, store, **kw):
    """The same load without the shortcut: files read before the graph is opened, as the CLI does."""
    return facts.load(paths, store, bundle=facts.read_files(paths), **kw)


def id_of(rec):
    return rec.get("id") or f"{rec['kind']}:{rec['from']}>{rec['to']}@{rec.get('start') or '-'}"


def changed_part(parts, tmp_path):
    """A part giving again, changed, records part a gave: one holding with more evidence from
    another source (merged) and one with another start from another source (contested)."""
    c = tmp_path / "c"
    c.mkdir()
    holds = [json.loads(x) for x in lines_of(parts / "a" / "relationships.jsonl") if '"kind":"HOLDS"' in x]
    holds = [r for r in holds if r.get("start")]
    sources = [json.loads(x)["id"] for x in lines_of(parts / "a" / "sources.jsonl")]
    merged = dict(holds[0], evidence=holds[0]["evidence"] + [{"source": sources[-1], "quote": "a second account of it"}])
    other = next(s for s in sources if s not in {e["source"] for e in holds[1]["evidence"]})
    contested = dict(holds[1], id=id_of(holds[1]), start=str(int(holds[1]["start"][:4]) - 1) + holds[1]["start"][4:],
                     evidence=[{"source": other, "quote": "says another start"}])
    (c / "relationships.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (merged, contested)), encoding="utf-8")
    return c


def test_records_given_again_changed_say_what_a_full_check_says(parts, tmp_path):
    c = changed_part(parts, tmp_path)
    with open_store("ladybug", graph_of_a(parts, tmp_path, "x")) as quick, \
            open_store("ladybug", graph_of_a(parts, tmp_path, "y")) as full:
        got = facts.load([parts / "a", c], quick)
        want = full_check([parts / "a", c], full)
        assert quick.dump() == full.dump()
        disputed = quick.query("MATCH ()-[r:HOLDS]->() WHERE r.status = 'disputed' RETURN r.id AS id")
    # (both versions in one load are contested with each other, then merged with the graph's)
    assert got.outcomes == want.outcomes == {"merged": 2}
    assert [str(n) for n in got.notices] == [str(n) for n in want.notices]
    assert len(disputed) == 1
    assert (got.sources, got.entities, got.relationships) == (want.sources, want.entities, want.relationships)
    assert (got.nodes_written, got.relationships_written) == (want.nodes_written, want.relationships_written)


def test_a_merged_record_keeps_no_hash_and_is_read_next_time(parts, tmp_path):
    c = changed_part(parts, tmp_path)
    with open_store("ladybug", graph_of_a(parts, tmp_path)) as store:
        facts.load([parts / "a", c], store)
        before = store.fingerprint()
        unhashed = store.query("MATCH ()-[r:HOLDS]->() WHERE r.content_hash IS NULL RETURN r.id AS id")
        bundle, batch = facts.prepare([parts / "a", c], store)
        assert batch.size == (0, 0) and store.fingerprint() == before
    assert len(unhashed) == 2
    assert {r["id"] for r in unhashed} <= {rid for rid in bundle.relationships}


def test_a_problem_is_said_as_a_full_check_says_it(parts, tmp_path):
    """A holding overlapping one of part a's: the message names the line of part a that gives it,
    as a full check does (not the graph's copy)."""
    holds = [json.loads(x) for x in lines_of(parts / "a" / "relationships.jsonl") if '"kind":"HOLDS"' in x]
    h = next(r for r in holds if r.get("start") and r.get("end"))
    bad = tmp_path / "bad"
    bad.mkdir()
    over = {k: v for k, v in h.items() if k not in ("end", "id")} | {"id": "holds-overlap-test", "note": "given again with no end"}
    (bad / "relationships.jsonl").write_text(json.dumps(over) + "\n", encoding="utf-8")
    with open_store("ladybug", graph_of_a(parts, tmp_path, "x")) as quick, \
            open_store("ladybug", graph_of_a(parts, tmp_path, "y")) as full:
        before = quick.fingerprint()
        with pytest.raises(InvalidInput) as got:
            facts.load([parts / "a", bad], quick)
        with pytest.raises(InvalidInput) as want:
            full_check([parts / "a", bad], full)
        assert quick.fingerprint() == before
    assert [str(p) for p in got.value.problems] == [str(p) for p in want.value.problems]
    assert any(str(parts / "a" / "relationships.jsonl") in str(p) for p in got.value.problems)
