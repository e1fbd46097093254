"""A load refused for bad input where no graph was: the file system is left as it was, with no
empty graph file and no folder made for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.cli import app

pytestmark = pytest.mark.robustness
CORPUS = Path(__file__).resolve().parent.parent / "bad_inputs"


def _load(db: Path, monkeypatch: pytest.MonkeyPatch, *files: str):
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    return CliRunner().invoke(app, ["load", *files])


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("case", ["entity-unknown-source.yaml", "graph-fact-other-ends.yaml"])
@pytest.mark.parametrize("where", ["graph.lbdb", "new/deeper/graph.lbdb"])
def test_a_refused_first_load_leaves_no_graph_and_no_folder(tmp_path, monkeypatch, case, where):
    """Refused after the graph was opened (a reference to a source or an entity no file and no graph
    holds), in an existing folder and in folders that did not exist."""
    before = _tree(tmp_path)
    r = _load(tmp_path / where, monkeypatch, str(CORPUS / case))
    assert r.exit_code == 2 and "nothing was written" in r.output
    assert _tree(tmp_path) == before


def test_a_refused_load_into_an_existing_graph_keeps_it(loaded_path, monkeypatch):
    from accountable.graph import open_store

    with open_store("ladybug", loaded_path, read_only=True) as s:
        fp = s.fingerprint()
    r = _load(loaded_path, monkeypatch, str(CORPUS / "entity-unknown-source.yaml"))
    assert r.exit_code == 2 and loaded_path.exists()
    with open_store("ladybug", loaded_path, read_only=True) as s:
        assert s.fingerprint() == fp


def test_an_accepted_first_load_makes_its_folder_and_graph(tmp_path, monkeypatch):
    db = tmp_path / "made" / "graph.lbdb"
    r = _load(db, monkeypatch, str(CORPUS / "accepted" / "byte-order-mark.yaml"))
    assert r.exit_code == 0, r.output
    assert db.exists()
