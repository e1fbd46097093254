"""Speed and memory of reading every Ofsted report, beside the PDF library alone.

    python -m bench.ofsted_speed [--reports ../shared/data/ofsted-reports] [--workers 2] [--markdown FILE]

Two runs over the same files with the same number of worker processes: the PDF library
alone (open each file, take the text of every page, close it) and the whole extraction
(text, cleaning, sentences, dates, judgements, statements, interventions). Each run
happens in a fresh child process, so that its peak memory (the largest resident set of
that process plus its pool's workers, from `getrusage`) is its own. The machine's load
average is printed with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _library_only(path: str) -> int:
    """Open one PDF, take every page's text, close it; the characters read."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path)
    except Exception:
        return 0
    n = 0
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    return n


def _run(mode: str, paths: list[str], workers: int) -> dict:
    """One timed run inside this (fresh) process."""
    started = time.perf_counter()
    if mode == "library":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chars = sum(pool.map(_library_only, paths, chunksize=4))
        detail = {"characters": chars}
    else:
        from accountable.loaders.report_extract import extract_all

        reports = extract_all(paths, workers=workers)
        detail = {
            "usable": sum(1 for r in reports if not r.problem),
            "skipped": sum(1 for r in reports if r.problem),
            "statements": sum(len(r.statements) for r in reports),
            "interventions": sum(len(r.interventions) for r in reports),
        }
    wall = time.perf_counter() - started
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    own = me.ru_maxrss
    children = kids.ru_maxrss
    # ru_maxrss is in KiB on Linux; the pool's peak is at most the parent's plus each worker's
    peak_kib = own + children * workers
    return {"mode": mode, "wall_s": wall, "cpu_s": cpu, "files": len(paths), "peak_mib_bound": peak_kib / 1024,
            "parent_mib": own / 1024, "largest_worker_mib": children / 1024, **detail}


def _child(mode: str, reports: Path, workers: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.ofsted_speed", "--child", mode, "--reports", str(reports), "--workers", str(workers)],
        cwd=str(ROOT), capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def files(reports: Path) -> list[str]:
    return sorted(str(p) for p in reports.glob("*/*.pdf"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ofsted_speed", description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=Path, default=ROOT.parent / "shared" / "data" / "ofsted-reports")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--markdown", type=Path)
    ap.add_argument("--child", choices=["library", "extract"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    paths = files(args.reports)
    if not paths:
        print(f"no PDF files under {args.reports}", file=sys.stderr)
        return 2
    if args.child:
        print(json.dumps(_run(args.child, paths, args.workers)))
        return 0
    load_before = os.getloadavg()
    lib = _child("library", args.reports, args.workers)
    ext = _child("extract", args.reports, args.workers)
    load_after = os.getloadavg()
    n = len(paths)
    rows = [
        "| run | files | wall (s) | per report (ms) | CPU, all processes (s) | CPU per report (ms) | peak RSS, pool (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| PDF library alone (pypdfium2: open, text of every page) | {n} | {lib['wall_s']:.1f} | "
        f"{1000 * lib['wall_s'] / n:.0f} | {lib['cpu_s']:.1f} | {1000 * lib['cpu_s'] / n:.0f} | {lib['peak_mib_bound']:.0f} |",
        f"| whole extraction (`extract_all`) | {n} | {ext['wall_s']:.1f} | {1000 * ext['wall_s'] / n:.0f} | "
        f"{ext['cpu_s']:.1f} | {1000 * ext['cpu_s'] / n:.0f} | {ext['peak_mib_bound']:.0f} |",
    ]
    note = (
        f"{args.workers} worker processes on {os.cpu_count()} cores; load average before "
        f"{load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, after "
        f"{load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f} (the machine is shared). "
        f"Extraction: {ext['usable']} usable reports, {ext['skipped']} skipped, {ext['statements']} leadership "
        f"statements, {ext['interventions']} interventions. Peak RSS is the parent's peak plus {args.workers} times "
        f"the largest worker's (getrusage), an upper bound. CPU is user+system time of the run's parent and "
        f"workers: with the {args.workers} cores free, wall time would be about CPU / {args.workers}."
    )
    text = "\n".join(rows) + "\n\n" + note
    print(text)
    if args.markdown:
        args.markdown.write_text(f"`python -m bench.ofsted_speed`:\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
