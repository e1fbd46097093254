"""`sync` reads as `load` reads, checks before it writes, and never lets an older export undo a correction."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from accountable.graph import open_store

pytestmark = pytest.mark.robustness
CORPUS = Path(__file__).resolve().parent.parent / "bad_inputs"


def fingerprint(db: Path) -> str:
    with open_store("ladybug", db, read_only=True) as s:
        return s.fingerprint()


@pytest.fixture(scope="module")
def export(_bundled_graph, tmp_path_factory) -> Path:
    """`accountable export` of the bundled graph, made once per worker: every test here reads it and
    none writes it (an edited export is a file of the test's own)."""
    from typer.testing import CliRunner

    from accountable.cli import app

    d = tmp_path_factory.mktemp("export")
    db = d / "graph" / _bundled_graph.name
    db.parent.mkdir()
    for f in _bundled_graph.parent.iterdir():  # a copy: the session graph is never opened for writing
        if f.name.startswith(_bundled_graph.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, db.parent / f.name)
    out = d / "export.json"
    r = CliRunner().invoke(app, ["export", "-o", str(out)], env={"ACCOUNTABLE_DB": str(db), "ACCOUNTABLE_BACKEND": None},
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return out


def _edited(export: Path, tmp_path: Path, label: str, node_id: str, **changes) -> Path:
    lines = export.read_text().splitlines()
    for i, line in enumerate(lines):
        if line.startswith("{") and f'"id": "{node_id}"' in line and f'"label": "{label}"' in line:
            item = json.loads(line.rstrip(","))
            item.update(changes)
            lines[i] = json.dumps(item, ensure_ascii=False) + ("," if line.endswith(",") else "")
            break
    else:
        raise AssertionError(f"no {label} {node_id} in the export")
    out = tmp_path / "edited.json"
    out.write_text("\n".join(lines) + "\n")
    return out


@pytest.mark.parametrize("changes, words", [
    ({"name": "Peter Lewis\x1b]0;pwned\x07"}, "nodes[{i}].name: holds a control character (#x001b)"),
    ({"name": "Peter\x00Lewis"}, "nodes[{i}].name: holds a control character (#x0000)"),
    ({"id": "Peter Lewis"}, "nodes[{i}].id: 'Peter Lewis' is not a valid id"),
])
def test_sync_reads_an_export_as_load_reads_a_file_and_writes_nothing_it_would_refuse(cli, export, loaded_path, tmp_path, changes, words):
    """Finding 3: "`sync --from export.json`: with `--replace` the target is written before the check
    that finds the copy differs; ids and control characters go unchecked"."""
    bad = _edited(export, tmp_path, "Person", "peter-lewis", **changes)
    i = next(n for n, x in enumerate(json.loads(bad.read_text())["nodes"]) if x["label"] == "Person" and x["id"] in ("peter-lewis", "Peter Lewis"))
    before = fingerprint(loaded_path)
    r = cli("sync", "--from", str(bad), "--to", "embedded", "--replace")
    assert r.exit_code == 2, r.output
    assert words.format(i=i) in r.stderr, r.stderr
    assert "nothing was written" in r.stderr and "\x1b" not in r.stderr
    assert fingerprint(loaded_path) == before


def test_an_older_export_cannot_undo_a_later_correction_without_force(cli, export, loaded_path):
    """Finding 3: "`--merge` from an older export silently undid a `load --replace` correction and
    reported the graphs identical"."""
    r = cli("load", "--replace", str(CORPUS / "graph-entity-renamed.yaml"))
    assert r.exit_code == 0, r.output
    corrected = fingerprint(loaded_path)
    r = cli("sync", "--from", str(export), "--to", "embedded", "--merge")
    assert r.exit_code == 2, r.output
    assert "the target holds other versions of 1 record(s) the source gives: Person 'peter-lewis' (name)" in r.stderr, r.stderr
    assert "nothing was written" in r.stderr and "--force" in r.stderr
    assert fingerprint(loaded_path) == corrected
    with open_store("ladybug", loaded_path, read_only=True) as s:
        assert s.query("MATCH (p:Person {id: 'peter-lewis'}) RETURN p.name AS name")[0]["name"] == "Pete Lewis"
    r = cli("sync", "--from", str(export), "--to", "embedded", "--merge", "--force")
    assert r.exit_code == 0, r.output
    with open_store("ladybug", loaded_path, read_only=True) as s:
        assert s.query("MATCH (p:Person {id: 'peter-lewis'}) RETURN p.name AS name")[0]["name"] == "Peter Lewis"
    assert cli("sync", "--from", str(export), "--to", "embedded", "--force").exit_code == 2  # --force goes with --merge


def test_sync_never_writes_a_target_graph_over_a_fifo(cli, export, tmp_path):
    """Finding 1: every output path is checked, sync's target graph too."""
    fifo = tmp_path / "target.lbdb"
    os.mkfifo(fifo)
    r = cli("sync", "--from", str(export), "--to", "embedded", "--to-db", str(fifo))
    assert r.exit_code == 2 and "is a FIFO (named pipe)" in r.stderr, r.output
