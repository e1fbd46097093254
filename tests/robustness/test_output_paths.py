"""Where commands write (`-o`): only regular files, never the graph, and an existing file keeps its mode.

Special files are made in the test's own temporary folder (a FIFO, a unix socket, a character
device where the test may make one); the machine's own /dev is never touched.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.cli import app
from test_hostile import graph  # noqa: F401  (the bundled graph for the CLI, with its fingerprint)

pytestmark = pytest.mark.robustness


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _fifo(tmp_path: Path) -> Path:
    p = tmp_path / "pipe.html"
    os.mkfifo(p)
    return p


def _socket(tmp_path: Path):
    p = tmp_path / "s.html"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(p))
    return p, s


def _char_device(tmp_path: Path) -> Path:
    p = tmp_path / "null.html"
    try:
        os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the kind of node /dev/null is, made here
    except (PermissionError, OSError) as e:
        pytest.skip(f"cannot make a device node here: {e}")
    return p


def _commands(out: Path) -> list[list[str]]:
    return [
        ["viz", "somerset", "-o", str(out)],
        ["report", "somerset", "--on", "2014-11-15", "-o", str(out)],
        ["export", "--format", "json", "-o", str(out)],
    ]


@pytest.mark.parametrize("which", ["fifo", "socket", "device"])
def test_output_path_refuses_fifo_socket_and_device(graph, tmp_path, which):
    """Finding 1: "`-o` replaces whatever is at the path: `viz ... -o /dev/null` as root turned
    `/dev/null` into a regular file (also `/dev/full`, a FIFO)"."""
    sock = None
    if which == "fifo":
        out = _fifo(tmp_path)
    elif which == "socket":
        out, sock = _socket(tmp_path)
    else:
        out = _char_device(tmp_path)
    before = os.lstat(out)
    try:
        for cmd in _commands(out):
            r = run(*cmd)
            assert r.exit_code == 2, (cmd, r.output)
            assert "only regular files are written" in r.stderr, r.stderr
            assert "Traceback" not in r.output
            after = os.lstat(out)
            assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode), cmd
            assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    finally:
        if sock:
            sock.close()


def test_output_path_follows_a_symlink_to_a_regular_file_and_says_so(graph, tmp_path):
    """Finding 1: "a symlink is replaced, not followed"."""
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    r = run("export", "-o", str(link))
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["format"] == "accountable-graph"
    assert f"{link} is a symbolic link: wrote the file it points to, {real}" in r.stderr


def test_output_path_refuses_a_symlink_to_a_fifo_or_nowhere(graph, tmp_path):
    """Finding 1: "a symlink is replaced, not followed" (a link to what may not be written is refused, and says which)."""
    fifo = _fifo(tmp_path)
    link = tmp_path / "to-fifo.html"
    link.symlink_to(fifo)
    r = run("viz", "somerset", "-o", str(link))
    assert r.exit_code == 2 and "the symbolic link points to" in r.stderr and "FIFO" in r.stderr, r.stderr
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "missing" / "x.json")
    r = run("export", "-o", str(dangling))
    assert r.exit_code == 2 and "which does not exist" in r.stderr, r.stderr
    assert link.is_symlink() and dangling.is_symlink()


def test_output_path_keeps_an_existing_files_mode(graph, tmp_path):
    """Finding 1: "a 0600 file becomes 0644"."""
    out = tmp_path / "private.html"
    out.write_text("old")
    out.chmod(0o600)
    r = run("viz", "somerset", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "<html" in out.read_text().lower()
    exp = tmp_path / "g.json"
    exp.write_text("{}")
    exp.chmod(0o640)
    assert run("export", "-o", str(exp)).exit_code == 0
    assert stat.S_IMODE(exp.stat().st_mode) == 0o640


def test_output_path_refuses_the_graphs_own_files(graph, loaded_path, tmp_path):
    """Finding 1: "`viz ... -o <the graph's own file>` or `export -o <the graph>` destroys the graph and exits 0"."""
    before = graph()
    wal = Path(str(loaded_path) + ".wal")
    beside = loaded_path.parent / (loaded_path.name + ".shadow")
    link = tmp_path / "innocent.json"
    link.symlink_to(loaded_path)
    for out in (loaded_path, wal, beside, link, loaded_path.parent / f".{loaded_path.name}.bulk-x" / "y.json"):
        for cmd in _commands(out):
            r = run(*cmd)
            assert r.exit_code == 2, (cmd, r.output)
            assert "is part of the graph" in r.stderr, r.stderr
    assert graph() == before
    assert not beside.exists()


def test_synth_refuses_a_folder_of_other_files(tmp_path, monkeypatch):
    """Finding 5: "`synth -o` overwrites an existing folder's files, mixing synthetic and real facts"."""
    monkeypatch.setenv("ACCOUNTABLE_DB", str(tmp_path / "g.lbdb"))
    real = tmp_path / "facts"
    real.mkdir()
    (real / "sources.jsonl").write_text('{"type": "source"}\n')
    (real / "mine.yaml").write_text("sources: []\n")
    r = run("synth", "-o", str(real), "-n", "1", "-y", "2")
    assert r.exit_code == 2 and "already holds other files (mine.yaml)" in r.stderr, r.output
    assert (real / "sources.jsonl").read_text() == '{"type": "source"}\n'
    (real / "mine.yaml").unlink()
    r = run("synth", "-o", str(real), "-n", "1", "-y", "2")
    assert r.exit_code == 2 and "no manifest of synthetic facts" in r.stderr, r.output
    fresh = tmp_path / "synth"
    assert run("synth", "-o", str(fresh), "-n", "1", "-y", "2").exit_code == 0
    again = run("synth", "-o", str(fresh), "-n", "2", "-y", "2")  # its own earlier output may be rewritten
    assert again.exit_code == 0, again.output


FACT = ("sources:\n  - {id: t-src, title: A test article, publisher: Test, published: 2020-05, source_kind: news}\n"
        "entities:\n  - {kind: Person, id: ann-upper, name: Ann Upper, sources: [t-src]}\n")


def test_a_folder_load_reads_upper_case_suffixes_names_dangling_links_and_skips_hidden_files(graph, tmp_path):
    """Finding 5: "A folder load silently skips `Upper.YAML` and dangling symlinks, and loads hidden `.x.yaml` files"."""
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "Upper.YAML").write_text(FACT)
    (folder / ".x.yaml").write_text("this: [is not loaded\n")  # an editor's copy: broken, and never read
    (folder / ".git").mkdir()
    (folder / ".git" / "old.yaml").write_text("not: facts\n")
    (folder / "gone.yaml").symlink_to(tmp_path / "moved-away.yaml")
    before = graph()
    r = run("load", str(folder))
    assert r.exit_code == 2, r.output
    assert f"{folder / 'gone.yaml'}:1: file: is a symbolic link to {tmp_path / 'moved-away.yaml'}, which does not exist" in r.stderr
    assert graph() == before
    (folder / "gone.yaml").unlink()
    r = run("load", str(folder))
    assert r.exit_code == 0, r.output
    assert "loaded 1 sources, 1 entities" in r.stdout
    assert f"{folder / '.x.yaml'}:1: file: hidden (its name, or a folder's, starts with '.'): not read" in r.stderr
    assert run("query", "find_entity", "-p", "q=ann-upper", "-f", "json").stdout.count('"ann-upper"') == 1
