"""A load killed halfway, and other processes using the database while a load runs.

Every load here is a real `facts.load` in a child process (slow_load.py) on the embedded store;
a probe on its connection says when it is inside its transaction, and holds it there until the
test says go. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accountable.graph import open_store
from accountable.loaders import facts

pytestmark = pytest.mark.robustness

HERE = Path(__file__).resolve().parent
BOUND = 60.0  # seconds, for any wait


def big_file(path: Path, people: int = 120) -> Path:
    """A council and a run of people holding its DCS post one year after another."""
    lines = [
        "sources:",
        "  - {id: big-register, title: A register, publisher: Test, published: 2021-03-04, source_kind: dataset}",
        "entities:",
        "  - {kind: Council, id: bigshire, name: Bigshire Council, la_code: '998'}",
    ]
    lines += [f"  - {{kind: Person, id: holder-{i:03d}, name: Holder {i:03d}, sources: [big-register]}}" for i in range(people)]
    lines.append("relationships:")
    for i in range(people):
        lines += [
            "  - kind: HOLDS",
            f"    from: holder-{i:03d}",
            "    to: bigshire/dcs",
            "    capacity: substantive",
            f"    start: {1900 + i}",
            f"    end: {1900 + i}",
            "    evidence:",
            "      - {source: big-register, quote: 'listed in the register'}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copy_graph(src: Path, dest_dir: Path) -> Path:
    dest_dir.mkdir(parents=True, exist_ok=True)
    for f in src.parent.iterdir():
        if f.name.startswith(src.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, dest_dir / f.name)
    return dest_dir / src.name


def fingerprint(db: Path) -> str:
    with open_store("ladybug", db, read_only=True) as s:
        return s.fingerprint()


def wait_for(path: Path, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + BOUND
    while not path.exists():
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the load ended before {path.name}: {err.decode()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} did not appear within {BOUND} s")
        time.sleep(0.02)


def start_load(db: Path, where: Path, mode: str, *files: Path) -> subprocess.Popen:
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([sys.executable, str(HERE / "slow_load.py"), str(db), str(where), mode, *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ACCOUNTABLE_DB": str(db)}
    env.pop("ACCOUNTABLE_BACKEND", None)
    return subprocess.run([sys.executable, "-m", "accountable.cli", *args], capture_output=True, text=True, env=env, timeout=BOUND)


@pytest.fixture(scope="module")
def scene(_bundled_graph: Path, tmp_path_factory: pytest.TempPathFactory):
    """The bundled graph before; the file to load; the graph after a clean load of it."""
    root = tmp_path_factory.mktemp("crash")
    data = big_file(root / "bigshire.yaml")
    before = fingerprint(_bundled_graph)
    after_db = copy_graph(_bundled_graph, root / "after")
    with open_store("ladybug", after_db) as s:
        facts.load([data], s)
        after = s.fingerprint()
    assert after != before
    return {"bundled": _bundled_graph, "data": data, "before": before, "after": after}


# ---------------------------------------------------------------- SIGKILL halfway


@pytest.mark.parametrize("mode, holds", [("begin+12", "none"), ("commit", "all")])
def test_a_load_killed_halfway_leaves_all_or_none_and_rerunning_completes_it(scene, tmp_path, mode, holds):
    db = copy_graph(scene["bundled"], tmp_path / "db")
    proc = start_load(db, tmp_path / "probe", mode, scene["data"])
    try:
        wait_for(tmp_path / "probe" / "inside", proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=BOUND)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "probe" / "done").exists()

    # The store opens, and holds none of the load (killed inside its transaction) or all of it (killed after COMMIT).
    assert fingerprint(db) == scene["before" if holds == "none" else "after"]
    r = cli(db, "who", "somerset", "--on", "2015-04-15", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["chain"][0]["holder"] == "Julian Wooster"

    # Running the load again completes it.
    r = cli(db, "load", str(scene["data"]))
    assert r.returncode == 0, r.stderr
    assert fingerprint(db) == scene["after"]


# ---------------------------------------------------------------- other processes while a load runs


def holdings_of_bigshire(db: Path) -> tuple[int, str, str]:
    r = cli(db, "query", "holdings", "--param", "posts=bigshire/dcs", "--format", "json")
    return r.returncode, r.stdout, r.stderr


def test_questions_from_other_processes_while_a_load_runs_see_before_or_after_or_are_told_busy(scene, tmp_path):
    db = copy_graph(scene["bundled"], tmp_path / "db")
    probe = tmp_path / "probe"
    code, out, _ = holdings_of_bigshire(db)
    assert code == 0 and json.loads(out) == []
    before_answer = out
    seen: list[str] = []

    def judge(result: tuple[int, str, str], after_answer: str | None) -> None:
        code, out, err = result
        if code == 0:
            assert out == before_answer or out == after_answer, out[:300]
            seen.append("before" if out == before_answer else "after")
        else:
            assert code == 1 and "database busy" in err and "retry" in err and "Traceback" not in err, err
            seen.append("busy")

    after_answer = _after_answer(scene, tmp_path)
    proc = start_load(db, probe, "begin+6", scene["data"])
    try:
        wait_for(probe / "inside", proc)
        # The load is inside its transaction: questions answer from before it, or say the database is busy.
        for _ in range(2):
            judge(holdings_of_bigshire(db), None)
        r = cli(db, "who", "somerset", "--on", "2015-04-15", "--format", "json")
        assert r.returncode == 0 and json.loads(r.stdout)["chain"][0]["holder"] == "Julian Wooster", r.stderr
        # A second load meanwhile is told the database is busy and writes nothing; a broken file is still named.
        r = cli(db, "load", str(scene["data"]))
        assert r.returncode == 1 and "database busy" in r.stderr and "retry" in r.stderr, r.stderr
        broken = tmp_path / "broken.yaml"
        broken.write_text("entities:\n  - {kind: Persn, id: x, name: X}\n", encoding="utf-8")
        r = cli(db, "load", str(broken))
        assert r.returncode == 2 and f"{broken}:2: kind: unknown kind of entity 'Persn'" in r.stderr, r.stderr
        # Let the load commit and finish, asking all the while.
        (probe / "go").touch()
        for _ in range(20):
            finished = (probe / "done").exists()
            judge(holdings_of_bigshire(db), after_answer)
            if finished:
                break
        proc.wait(timeout=BOUND)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert "before" in seen or "busy" in seen
    code, out, _ = holdings_of_bigshire(db)
    assert code == 0 and out == after_answer and len(json.loads(out)) == 120
    assert fingerprint(db) == scene["after"]


_AFTER: dict[str, str] = {}


def _after_answer(scene, tmp_path: Path) -> str:
    """The answer to the same question on a graph where the load finished without company."""
    if "answer" not in _AFTER:
        from typer.testing import CliRunner

        from accountable.cli import app

        db = copy_graph(scene["bundled"], tmp_path / "reference")
        with open_store("ladybug", db) as s:
            facts.load([scene["data"]], s)
        r = CliRunner().invoke(app, ["--db", str(db), "query", "holdings", "--param", "posts=bigshire/dcs", "--format", "json"])
        assert r.exit_code == 0, r.output
        _AFTER["answer"] = r.stdout
    return _AFTER["answer"]
