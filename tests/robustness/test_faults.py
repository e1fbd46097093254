"""Faults injected while writing and reading the graph: a full disk (a small tmpfs), errors raised at
chosen points of our own code, a read-only file system, and emptied, truncated and overwritten copies of
a real graph. A failed write leaves the graph answering as before; a damaged graph is named as damaged.

Mounting needs root and permission to mount; tests that cannot mount are skipped, never faked.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accountable.graph import open_store
from accountable.loaders import synth

pytestmark = pytest.mark.robustness
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _mount(args: list[str], where: Path) -> None:
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", *args, str(where)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount here: {r.stderr.strip()}")


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path, loaded_path):
    """A tmpfs holding a copy of the bundled graph with `room` KB to spare."""
    mounts: list[Path] = []

    def make(room_kb: int, with_graph: bool = True) -> Path:
        where = tmp_path / f"disk{len(mounts)}"
        size = (loaded_path.stat().st_size // 1024 if with_graph else 0) + room_kb
        _mount(["-t", "tmpfs", "-o", f"size={size}k", "tmpfs"], where)
        mounts.append(where)
        if with_graph:
            shutil.copy(loaded_path, where / "graph.lbdb")
        return where / "graph.lbdb"

    yield make
    for m in mounts:
        _umount(m)


def accountable(db: Path, *args: str) -> subprocess.CompletedProcess:
    """The command in a process of its own: the engine may abort a process whose write fails."""
    env = {**os.environ, "ACCOUNTABLE_DB": str(db)}
    env.pop("ACCOUNTABLE_BACKEND", None)
    return subprocess.run([sys.executable, "-m", "accountable.cli", *args], env=env, capture_output=True, text=True, timeout=300)


def fingerprint(db: Path) -> str:
    with open_store("ladybug", db, read_only=True) as s:
        return s.fingerprint()


def _synthetic(tmp_path: Path, councils: int, years: int) -> Path:
    out = tmp_path / f"synth-{councils}"
    synth.write(out, councils, years, seed=1)
    return out


def test_a_full_disk_during_a_merge_load_leaves_the_graph_as_it_was(small_disk, tmp_path):
    """Finding 2: "A full disk during `load` (the MERGE path, and first-use autoload) exits 134 with an
    engine `IOException`, and afterwards every command fails with "the WAL file is corrupted", even once
    space is freed; moving the `.wal` aside restores the old graph, but nothing says so"."""
    db = small_disk(300)
    before = fingerprint(db)
    data = _synthetic(tmp_path, 5, 10)
    r = accountable(db, "load", str(data))
    assert r.returncode != 0, r.stdout
    # whatever the engine did to the failed process, the next command finds the graph as it was, and says why
    r = accountable(db, "who", "somerset", "--on", "2014-11-15")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "corrupted" not in r.stderr
    if "did not finish" in r.stderr:  # the write had left a half-written log
        assert "was rolled back" in r.stderr and "the graph is as it was before that write" in r.stderr
    assert "Flaherty" in r.stdout and "declared" in r.stdout  # the holder column may wrap his name
    assert fingerprint(db) == before
    assert not Path(str(db) + ".writing").exists()
    r = accountable(db, "load", str(FIXTURES))  # the disk still has room for a small load
    assert r.returncode == 0, r.stderr


def test_a_full_disk_during_a_bulk_load_says_what_happened(small_disk, tmp_path):
    """Finding 2: "In the bulk path, a full disk prints "nothing was written" next to the engine's
    "Transaction committed successfully"."""
    db = small_disk(3000, with_graph=False)
    data = _synthetic(tmp_path, 40, 20)
    r = accountable(db, "load", str(data))
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"the disk holding {db.parent} is full" in r.stderr, r.stderr
    assert "Nothing was written: the graph is as it was" in r.stderr and "free some space" in r.stderr
    assert "committed successfully" not in r.stderr and "Traceback" not in r.stderr
    assert not list(db.parent.glob(".graph.lbdb.bulk-*"))
    assert accountable(db, "db", "info").returncode == 0


def test_an_error_raised_at_the_start_of_a_write_leaves_the_graph_as_it_was(cli, loaded_path, monkeypatch):
    """Finding 2: a failed write (permission, I/O error) leaves the graph answering as before, with a
    message that says what happened and what to do."""
    from accountable.graph import ladybug_recovery

    before = fingerprint(loaded_path)

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path) + ".writing")

    monkeypatch.setattr(ladybug_recovery, "begin_write", refuse)
    r = cli("load", str(FIXTURES))
    assert r.exit_code == 1
    assert "the write failed:" in r.stderr and "cannot be written (permission denied" in r.stderr, r.stderr
    assert "Nothing was written: the graph is as it was" in r.stderr
    assert fingerprint(loaded_path) == before


def test_an_error_while_writing_an_output_keeps_the_old_file(cli, tmp_path, monkeypatch):
    """Finding 1 and 2: a failed write of an output (disk full at the rename) leaves the old file whole."""
    from accountable import outfile

    out = tmp_path / "g.json"
    out.write_text("old")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outfile.os, "replace", full)
    r = cli("export", "-o", str(out))
    assert r.exit_code == 2 and "No space left on device; nothing was written" in r.stderr, r.stderr
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".g.json")] == []


def _damage(kind: str, src: Path, dest: Path) -> Path:
    dest.mkdir()
    p = dest / "graph.lbdb"
    shutil.copy(src, p)
    size = p.stat().st_size
    if kind == "emptied":
        p.write_bytes(b"")
    elif kind == "truncated":
        os.truncate(p, size // 2)
    elif kind == "cut to a page":
        os.truncate(p, 4096)
    elif kind == "header overwritten":
        with open(p, "r+b") as f:
            head = f.read(64)
            f.seek(0)
            f.write(bytes(b ^ 0xFF for b in head))
    return p


@pytest.mark.parametrize("kind", ["emptied", "truncated", "cut to a page", "header overwritten"])
def test_a_damaged_graph_is_named_as_damaged_and_never_refilled(loaded_path, tmp_path, kind):
    """Finding 4: "A graph file truncated to 0 bytes is treated as first use and silently refilled with
    the bundled facts. Other damage gives tracebacks ... or "the database may be checkpointing; please
    retry later", which retrying cannot help"."""
    db = _damage(kind, loaded_path, tmp_path / "damaged")
    size = db.stat().st_size
    for args in (["who", "somerset"], ["db", "info"], ["load"], ["export", "-o", str(tmp_path / "x.json")]):
        r = accountable(db, *args)
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        assert f"the graph file {db} is damaged" in r.stderr, r.stderr
        assert "rebuild the graph: `accountable load`" in r.stderr
        assert "retry" not in r.stderr and "Traceback" not in r.stderr and "First use" not in r.stderr
        assert db.stat().st_size == size  # not refilled, not rewritten


def test_work_folders_of_killed_bulk_loads_are_cleaned_up_at_the_next_open(loaded_path, tmp_path):
    """Finding 4: "A killed bulk load leaves its work folder (105 MB at 300k facts) behind for ever"."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    left = loaded_path.parent / f".{loaded_path.name}.bulk-killed"
    left.mkdir()
    (left / "owner").write_text(str(pid))
    (left / "node-Person.parquet").write_bytes(b"x" * 1000)
    old = loaded_path.parent / f".{loaded_path.name}.bulk-older"
    old.mkdir()
    (old / "graph.lbdb").write_bytes(b"x")
    os.utime(old, (0, 0))  # from before work folders named their process, untouched for long
    live = loaded_path.parent / f".{loaded_path.name}.bulk-running"
    live.mkdir()
    (live / "owner").write_text(str(os.getppid()))  # a load still running (a process that is alive)
    with open_store("ladybug", loaded_path, read_only=True):
        pass
    assert left.exists()  # a reader leaves them to the writer
    with open_store("ladybug", loaded_path):
        pass
    assert not left.exists() and not old.exists()
    assert live.exists()


def test_a_graph_that_cannot_be_written_still_answers_questions(loaded_path, tmp_path):
    """Finding 15: "A graph that cannot be written (0444 file, 0555 folder) cannot even be read:
    questions should answer read-only". Tested on a read-only mount, which even root cannot write."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(loaded_path, src / "graph.lbdb")
    ro = tmp_path / "ro"
    _mount(["--bind", str(src)], ro)
    try:
        r = subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"cannot make a read-only mount: {r.stderr.strip()}")
        db = ro / "graph.lbdb"
        r = accountable(db, "who", "somerset", "--on", "2014-11-15")
        assert r.returncode == 0, r.stderr
        assert "Flaherty" in r.stdout and "declared" in r.stdout  # the holder column may wrap his name
        assert accountable(db, "gaps", "--on", "2014-11-15").returncode == 0
        r = accountable(db, "load", str(FIXTURES))
        assert r.returncode == 1 and "cannot be written here" in r.stderr and "questions still answer from it" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    finally:
        _umount(ro)


def test_a_graph_whose_file_is_not_writable_opens_read_only(loaded_path, monkeypatch, cli):
    """Finding 15: a 0444 file or 0555 folder (root ignores modes, so the store's own check is told
    the file is not writable) still answers questions."""
    from accountable.graph import ladybug_store

    monkeypatch.setattr(ladybug_store, "writable", lambda path: False)
    r = cli("who", "somerset", "--on", "2014-11-15")
    assert r.exit_code == 0, r.output
    assert "Flaherty" in r.stdout and "declared" in r.stdout  # the holder column may wrap his name
    r = cli("load", str(FIXTURES))
    assert r.exit_code == 1 and "cannot be written here (its file or folder is read-only)" in r.stderr
