"""A reload costs what changed: records the graph already holds as given are checked like any
other and not written again; new records are added, exactly."""

import json

from accountable.graph import open_store
from accountable.loaders import facts, synth


def split_file(src, keep, rest):
    """Each fact file of `src` cut in two: the first lines to `keep`, the last tenth to `rest` (relationships only)."""
    keep.mkdir()
    rest.mkdir()
    for f in src.iterdir():
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        if f.name == "relationships.jsonl":
            cut = len(lines) - len(lines) // 10
            (keep / f.name).write_text("".join(lines[:cut]), encoding="utf-8")
            (rest / f.name).write_text("".join(lines[cut:]), encoding="utf-8")
        elif f.suffix == ".jsonl":
            (keep / f.name).write_text("".join(lines), encoding="utf-8")


def test_reloading_the_bundled_facts_writes_nothing_and_changes_nothing(loaded):
    """The same set the test graph was loaded from (the bundled fact files and the derived facts
    it holds), loaded again."""
    from accountable.loaders.bundled import bundled_paths
    from conftest import WITHOUT_REPORTS

    before = loaded.fingerprint()
    report = facts.load(bundled_paths(WITHOUT_REPORTS), loaded)
    assert (report.nodes_written, report.relationships_written) == (0, 0)
    assert report.sources and report.entities and report.relationships  # every record was read and checked
    assert loaded.fingerprint() == before


def test_reloading_a_synthetic_history_changes_nothing(tmp_path):
    synth.write(tmp_path / "f", councils=3, years=12, seed=5)
    with open_store("ladybug", tmp_path / "g.lbdb") as store:
        first = facts.load([tmp_path / "f"], store)
        before = store.fingerprint()
        again = facts.load([tmp_path / "f"], store)
        assert store.fingerprint() == before
    assert first.relationships_written > 0 and (again.nodes_written, again.relationships_written) == (0, 0)


def test_a_load_of_new_facts_adds_exactly_them(tmp_path):
    synth.write(tmp_path / "f", councils=3, years=12, seed=5)
    split_file(tmp_path / "f", tmp_path / "most", tmp_path / "new")
    with open_store("ladybug", tmp_path / "all.lbdb") as whole:
        facts.load([tmp_path / "f"], whole)
        want = whole.dump()
    with open_store("ladybug", tmp_path / "g.lbdb") as store:
        facts.load([tmp_path / "most"], store)
        before = store.dump()
        new_ids = {json.loads(line).get("id") for line in (tmp_path / "new" / "relationships.jsonl").read_text().splitlines()}
        report = facts.load([tmp_path / "new"], store)
        after = store.dump()
    assert report.relationships == len((tmp_path / "new" / "relationships.jsonl").read_text().splitlines())
    assert after == want  # the same graph as loading everything at once
    added = {r["id"] for r in after["relationships"]} - {r["id"] for r in before["relationships"]}
    assert len(added) == report.relationships and (None in new_ids or added >= new_ids - {None})


def test_a_reload_with_one_changed_fact_writes_that_fact(tmp_path):
    synth.write(tmp_path / "f", councils=2, years=10, seed=7)
    with open_store("ladybug", tmp_path / "g.lbdb") as store:
        facts.load([tmp_path / "f"], store)
        rels = tmp_path / "f" / "relationships.jsonl"
        lines = rels.read_text(encoding="utf-8").splitlines()
        i, rec = next((i, json.loads(x)) for i, x in enumerate(lines) if '"kind":"HOLDS"' in x)
        rec["note"] = "a note added on reload"
        lines[i] = json.dumps(rec)
        rels.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = facts.load([tmp_path / "f"], store)
        assert (report.nodes_written, report.relationships_written) == (0, 1)
        notes = store.query("MATCH (:Person)-[h:HOLDS]->(:Post) WHERE h.note = 'a note added on reload' RETURN h.id AS id")
    assert len(notes) == 1
