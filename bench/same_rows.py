"""A template's rows now against its text at an earlier commit, council by council and date by date:
speed work on a template must not change an answer.

    python -m bench.same_rows --before REV [--template who_is_accountable] [--bundled GRAPH]
                              [--synthetic DIR ...] [--pairs 500]

On the bundled graph (GRAPH, or the first use's load built in a scratch folder): every council on
dates from 2001 to 2026, the departments' changes and the statutes' commencements each with its
eve. On each synthetic folder (as `bench` makes them: DIR/facts and DIR/graph.lbdb, opened
read-only): random (council, date) pairs, 2001 to 2026. "Before" is the text the engine ran at REV
(its LadybugDB override if it had one), "now" is `registry.run`. The template takes `council` and `at`.
Exit status 1 when any pair's rows differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

DATES = ("2001-01-01", "2001-06-07", "2001-06-08", "2003-06-01", "2004-11-14", "2004-11-15", "2005-02-28", "2005-03-01",
         "2005-03-31", "2005-04-01", "2006-09-15", "2007-06-27", "2007-06-28", "2009-02-01", "2010-05-11", "2010-05-12",
         "2012-01-01", "2014-11-15", "2016-07-01", "2018-04-01", "2019-04-01", "2020-04-01", "2021-04-01", "2022-06-30",
         "2023-04-01", "2024-10-01", "2025-12-31", "2026-06-01", "2026-12-31")


def text_at(rev: str, name: str) -> str:
    """The text LadybugDB ran for the template at REV."""
    root = Path(__file__).resolve().parent.parent
    for path in (f"queries/ladybug/{name}.cypher", f"queries/{name}.cypher"):
        shown = subprocess.run(["git", "-C", str(root), "show", f"{rev}:{path}"], capture_output=True, text=True)
        if shown.returncode == 0:
            return shown.stdout
    raise SystemExit(f"no {name}.cypher at {rev}")


def compare(db: str, name: str, before: str, cases: list[tuple[str, str]], label: str) -> int:
    from accountable.graph import open_store
    from accountable.queries import registry

    tpl = registry.get(name)
    differ = rows = chains = 0
    with open_store("ladybug", db, read_only=True) as store:
        for council, at in cases:
            values = {"council": council, "at": at}
            old = store.query(before, tpl.bind(values))
            new = registry.run(store, name, values)
            if old != new:
                differ += 1
                if differ <= 3:
                    print(f"  {council} {at}:\n    before {old}\n    now    {new}")
            rows += len(new)
            chains += bool(new)
    print(f"{label}: {len(cases)} pairs, {differ} differ ({rows} rows; {chains} pairs with rows)")
    return differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="the commit whose text is compared with the registry's now")
    ap.add_argument("--template", default="who_is_accountable")
    ap.add_argument("--bundled", help="a graph of the first use's load (default: built in a scratch folder)")
    ap.add_argument("--synthetic", nargs="*", default=[], help="folders holding facts/ and graph.lbdb")
    ap.add_argument("--pairs", type=int, default=500)
    args = ap.parse_args(argv)
    from accountable.graph import open_store
    from accountable.loaders.bundled import load_defaults

    before = text_at(args.before, args.template)
    differ = 0
    with tempfile.TemporaryDirectory() as scratch:
        bundled = args.bundled
        if bundled is None:
            bundled = str(Path(scratch) / "bundled.lbdb")
            with open_store("ladybug", bundled) as store:
                load_defaults(store)
        with open_store("ladybug", bundled, read_only=True) as store:
            councils = [r["id"] for r in store.query("MATCH (c:Council) RETURN c.id AS id ORDER BY id")]
        differ += compare(bundled, args.template, before, [(c, d) for c in councils for d in DATES],
                          f"bundled graph, {len(councils)} councils x {len(DATES)} dates")
    first, days = dt.date(2001, 1, 1), (dt.date(2026, 12, 31) - dt.date(2001, 1, 1)).days
    for folder in args.synthetic:
        with open(Path(folder) / "facts" / "entities.jsonl", encoding="utf-8") as f:
            ids = [json.loads(line)["id"] for line in f if '"kind":"Council"' in line]
        rng = random.Random(2026)
        cases = [(rng.choice(ids), (first + dt.timedelta(days=rng.randint(0, days))).isoformat()) for _ in range(args.pairs)]
        differ += compare(str(Path(folder) / "graph.lbdb"), args.template, before, cases, f"{folder}, {args.pairs} random pairs")
    print("the same rows" if not differ else f"{differ} pairs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
