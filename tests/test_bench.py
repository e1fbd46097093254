"""The benchmark runs end to end. Small, and no timing is asserted: only that every
figure is there and the report is written."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_end_to_end_at_a_small_size(tmp_path):
    out, figures = tmp_path / "BENCHMARKS.md", tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "1200", "--repeat", "6", "--cli-runs", "1", "--help-runs", "1",
         "--out", str(out), "--json", str(figures), "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(figures.read_text())
    (r,) = data["results"]
    assert 1000 <= r["facts"] <= 1400 and r["councils"] >= 5
    assert r["load"]["nodes"] > 0 and r["load"]["relationships"] > 0
    assert r["load"]["stored_relationships"] == r["load"]["relationships"] and r["raw_rows"] == r["load"]["nodes"] + r["load"]["relationships"]
    for side in ("raw_csv", "raw_parquet"):
        assert r[side]["wall"] > 0 and r[side]["statements"] > 10
    q = r["queries"]
    assert q["api"]["n"] == q["raw"]["n"] == 6 and q["example"]["chain"] >= 3
    # who() once on each council it was not warmed on, up to --repeat of them, with its CPU time
    assert 3 <= q["who"]["n"] <= 6 and q["who"]["cpu_p95"] > 0
    assert r["cli_who"]["runs"] == 1 and data["help"]["runs"] == 1
    inc = r["incremental"]  # the 1% load: the load, and the closing of the graph where a small write is checkpointed
    assert inc["relationships"] > 0 and inc["close"] > 0 and inc["commit"] >= 0
    assert "ncalls" in data["profile"]["tottime"]
    text = out.read_text()
    for heading in ("## Machine", "## Targets", "## Load", "## Questions", "## What bounds what", "python -m bench",
                    "of which checkpoint"):
        assert heading in text
    assert f"| {r['facts']:,} |" in text
    assert not (tmp_path / "work").exists()  # the scratch folder is removed
