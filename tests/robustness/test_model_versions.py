"""A graph built by an older (or newer) version of the model: its tables lack columns the model has
(a Council table without `urn` or `short_name`), or have more. Every command that opens it says so,
with how to rebuild it, exit status 1, no traceback, and the graph is not altered."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.cli import app
from accountable.schema.derive import ladybug_ddl

pytestmark = pytest.mark.robustness


def _graph_with(path: Path, drop: tuple[str, ...] = (), add: str = "") -> Path:
    """A graph whose Council table is the model's without the columns `drop` (as an older version
    built it) or with one more column `add` (as a newer one would), and one council in it."""
    import ladybug

    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for ddl in ladybug_ddl():
        if ddl.startswith("CREATE NODE TABLE IF NOT EXISTS Council("):
            for col in drop:
                ddl = ddl.replace(f", {col} STRING", "", 1)
            if add:
                ddl = ddl[:-1] + f", {add} STRING)"
        conn.execute(ddl)
    conn.execute("CREATE (:Council {id: 'oldshire', name: 'Oldshire County Council'})")
    conn.close()
    db.close()
    return path


def _tables(db: Path) -> dict[str, list[str]]:
    """The tables the file holds and their columns, read by the engine itself (its file's bytes
    change at every open, whatever is written)."""
    import ladybug

    d = ladybug.Database(str(db), read_only=True)
    conn = ladybug.Connection(d)
    names = [row[0] for row in conn.execute("CALL show_tables() RETURN name").get_all()]
    out = {n: [row[0] for row in conn.execute(f"CALL table_info('{n}') RETURN name").get_all()] for n in names}
    out["councils"] = [row[0] for row in conn.execute("MATCH (c:Council) RETURN c.id").get_all()]
    conn.close()
    d.close()
    return out


def _run(db: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("args", [
    ("who", "oldshire", "--on", "2015-01-01"),
    ("check", "data/facts"),
    ("load", "tests/bad_inputs/accepted"),
    ("councils", "--on", "2015-01-01"),
])
def test_an_older_graph_is_named_with_how_to_rebuild_it(tmp_path, monkeypatch, args):
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    db = _graph_with(tmp_path / "old.lbdb", drop=("urn", "short_name"))
    before = _tables(db)
    r = _run(db, monkeypatch, *args)
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)  # no traceback
    assert "Traceback" not in r.output and "Cannot find property" not in r.output
    assert "was built by an older version of accountable's model" in r.output
    assert "Council lacks urn, short_name" in r.output
    assert "run `accountable load`" in r.output
    assert _tables(db) == before  # named, never altered


def test_a_newer_graph_is_named_too(tmp_path, monkeypatch):
    db = _graph_with(tmp_path / "new.lbdb", add="motto")
    r = _run(db, monkeypatch, "who", "oldshire")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "was built by a newer version of accountable's model (Council has motto)" in r.output


def test_a_graph_of_this_model_opens(loaded_path, monkeypatch):
    r = _run(loaded_path, monkeypatch, "who", "somerset", "--on", "2014-11-15")
    assert r.exit_code == 0 and "older version" not in r.output
