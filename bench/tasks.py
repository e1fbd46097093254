"""What the benchmark measures, one task per child process (so that each has its own peak memory
and nothing one task caches helps another). Run as `python -m bench.tasks TASK JSON-ARGS`;
prints one JSON object on its last line of stdout.

Times are wall clock (time.perf_counter) and CPU of the whole process, every thread included
(time.process_time); peak memory is the process's peak resident set (getrusage ru_maxrss).
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _remove_db(path: Path) -> None:
    for p in path.parent.glob(path.name + "*"):
        if p.is_file():
            p.unlink()


# ---------------------------------------------------------------- our loader


def load(facts_dir: str, db: str) -> dict[str, Any]:
    """Our load, as `accountable load DIR` does it: parse, validate, write (whichever path the store takes)."""
    from accountable.graph import open_store
    from accountable.loaders import facts
    from accountable.schema.model import NODE_KINDS

    _remove_db(Path(db))
    with open_store("ladybug", db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        report = facts.load([facts_dir], store)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        counts = store.counts()
        t1 = time.perf_counter()
    close = time.perf_counter() - t1
    labels = {k.name for k in NODE_KINDS}
    return {"wall": wall, "cpu": cpu, "close": close, "peak_mb": _peak_mb(), "records": report.sources + report.entities + report.relationships,
            "nodes": report.nodes_written, "relationships": report.relationships_written,
            "stored_nodes": sum(v for k, v in counts.items() if k in labels),
            "stored_relationships": sum(v for k, v in counts.items() if k not in labels)}


def profile_load(facts_dir: str, db: str, top: int = 25) -> dict[str, Any]:
    """The same load under cProfile: where its time goes (by cumulative and by own time)."""
    import cProfile
    import io
    import pstats

    from accountable.graph import open_store
    from accountable.loaders import facts

    _remove_db(Path(db))
    prof = cProfile.Profile()
    with open_store("ladybug", db) as store:
        t0 = time.perf_counter()
        prof.enable()
        facts.load([facts_dir], store)
        prof.disable()
        wall = time.perf_counter() - t0
    out = {}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        out[key] = _trim_pstats(buf.getvalue())
    return {"wall": wall, "breakdown": _breakdown(pstats.Stats(prof)), **out}


def _breakdown(stats: Any) -> dict[str, float]:
    """Own time (tottime) of every function, in four parts: the engine (every statement sent to
    LadybugDB: COPY, the derive statements, schema), pydantic's validation (its core, and the date
    parsing it calls back), Arrow and Parquet, and the rest (our Python: rows, references, overlaps)."""
    parts = {"engine": 0.0, "validation": 0.0, "arrow": 0.0, "python": 0.0}
    for (filename, _, func), (_, _, tottime, _, _) in stats.stats.items():
        where = f"{filename}:{func}"
        if "ladybug._lbug" in where or "/ladybug/" in filename:
            parts["engine"] += tottime
        elif "SchemaValidator" in where or "pydantic" in filename or filename.endswith("dates.py"):
            parts["validation"] += tottime
        elif "pyarrow" in where or (filename.endswith("ladybug_bulk.py") and func == "_table"):  # Arrow's C calls count in _table
            parts["arrow"] += tottime
        else:
            parts["python"] += tottime
    return parts


def _trim_pstats(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(line.rstrip() for line in lines[start:] if line.strip())


# ---------------------------------------------------------------- the engine alone


def prepare_raw(facts_dir: str, work: str) -> dict[str, Any]:
    """The rows our loader writes (after validation), as CSV files and as Parquet files, with the
    COPY statements that load each. Not timed: this is the raw benchmark's input."""
    from accountable.graph import ladybug_bulk as bulk
    from accountable.loaders import facts
    from accountable.schema.model import NODE_KINDS, REL_KINDS, node_columns, rel_columns

    import pyarrow.parquet as pq

    out = Path(work)
    out.mkdir(parents=True, exist_ok=True)
    _, batch = facts.prepare([facts_dir], None)
    plan: dict[str, list[str]] = {"csv": [], "parquet": []}
    rows_total = 0
    for k in NODE_KINDS:
        rows = batch.nodes.get(k.name)
        if not rows:
            continue
        rows_total += len(rows)
        cols = node_columns(k.name)
        f = out / f"node-{k.name}.csv"
        _write_csv(f, [c.name for c in cols], [[r[c.name] for c in cols] for r in rows], [c.type for c in cols])
        # auto_detect=false: the engine otherwise guesses the CSV dialect from the first lines, and
        # where those quote nothing it reads a later quoted list ("[a,b]") as split at its commas
        plan["csv"].append(f"COPY {k.name} FROM '{f}' (header=true, auto_detect=false)")
        f = out / f"node-{k.name}.parquet"
        pq.write_table(bulk.node_table(k.name, rows), f, compression="none")
        plan["parquet"].append(bulk.copy_nodes(k.name, f))
    for r in REL_KINDS:
        for a, b in r.ends:
            rows = batch.rels.get((r.name, a, b))
            if not rows:
                continue
            rows_total += len(rows)
            cols = rel_columns(r.name)
            f = out / f"rel-{r.name}-{a}-{b}.csv"
            _write_csv(f, ["from", "to"] + [c.name for c in cols],
                       [[x["from_id"], x["to_id"]] + [x[c.name] for c in cols] for x in rows],
                       ["STRING", "STRING"] + [c.type for c in cols])
            plan["csv"].append(f"COPY {r.name} FROM '{f}' (header=true, auto_detect=false, from='{a}', to='{b}')")
            f = out / f"rel-{r.name}-{a}-{b}.parquet"
            pq.write_table(bulk.rel_table(r.name, rows), f, compression="none")
            plan["parquet"].append(bulk.copy_rels(r.name, a, b, f))
    (out / "plan.json").write_text(json.dumps(plan, indent=1))
    sizes = {kind: sum(os.path.getsize(out / f) for f in os.listdir(out) if f.endswith("." + kind)) for kind in ("csv", "parquet")}
    return {"rows": rows_total, "bytes": sizes}


def _cell(value: Any, typ: str) -> str:
    if value is None:
        return ""
    if typ == "STRING[]":
        # LadybugDB's CSV list syntax is [a,b], and no quoting of an element survives it (quote marks are
        # kept, or the cast fails): commas, brackets, braces and double quotes inside elements are replaced here, the same
        # number of bytes. This is why the loader writes Parquet; for the raw timing it changes nothing.
        return "[" + ",".join(v.translate(_LIST_SAFE) for v in value) + "]"
    return str(value)


_LIST_SAFE = str.maketrans({",": ";", "[": "(", "]": ")", "{": "(", "}": ")", '"': "'"})


def _write_csv(path: Path, header: list[str], rows: list[list[Any]], types: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow([_cell(v, t) for v, t in zip(row, types)])


def raw_copy(work: str, kind: str, db: str) -> dict[str, Any]:
    """A fresh database, the schema, then the engine's COPY FROM of every file: nothing of ours runs."""
    import ladybug

    from accountable.schema.derive import ladybug_ddl

    plan = json.loads((Path(work) / "plan.json").read_text())[kind]
    _remove_db(Path(db))
    database = ladybug.Database(db)
    conn = ladybug.Connection(database)
    for ddl in ladybug_ddl():
        conn.execute(ddl)
    t0, c0 = time.perf_counter(), time.process_time()
    for stmt in plan:
        conn.execute(stmt)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    database.close()
    return {"wall": wall, "cpu": cpu, "peak_mb": _peak_mb(), "statements": len(plan)}


# ---------------------------------------------------------------- questions


def queries(db: str, facts_dir: str, repeat: int, seed: int) -> dict[str, Any]:
    """who_is_accountable through the Python API (registry.run: parameters checked, the read-only
    guard, rows as dicts) and the same text and parameters run raw on the engine's own
    connection (execute + get_all); then the whole `who` answer. Warm: each pair is run once first."""
    from accountable.graph import open_store
    from accountable.queries import registry
    from accountable.queries.who import who

    ids = _synthetic_councils(facts_dir)
    rng = random.Random(seed)
    cases = [(rng.choice(ids), _day(rng)) for _ in range(repeat)]
    store = open_store("ladybug", db, read_only=True)
    tpl = registry.get("who_is_accountable")
    text = tpl.text_for(store.name)
    conn = store.engine_connection()  # the engine's own connection, as questions use it: the raw side

    def api(c: str, d: str) -> Any:
        return registry.run(store, "who_is_accountable", {"council": c, "at": d})

    def raw(c: str, d: str) -> Any:
        result = conn.execute(text, {"council": c, "at": d})
        rows = result.get_all()
        result.close()
        return rows

    def answer(c: str, d: str) -> Any:
        return who(store, c, d)

    out: dict[str, Any] = {}
    for c, d in cases[:5]:  # warm: plans prepared, pages read
        api(c, d), raw(c, d)
    # who() keeps rows between answers (queries/kept.py): it is warmed on councils it is not timed
    # on, so that what it keeps is the national part every answer shares, not the answer itself;
    # then timed once on each of up to `repeat` other councils (each on a random date), so that its
    # p95 is more than the slowest answer or two
    councils = list(ids)
    rng.shuffle(councils)
    warm = min(5, len(councils) // 2)  # a small graph keeps some of its few councils to time
    for c in councils[:warm]:
        answer(c, _day(rng))
    timed_who = [(c, _day(rng)) for c in councils[warm:warm + repeat]]
    assert [list(r.values()) for r in api(*cases[0])] == raw(*cases[0]), "API and raw rows differ"
    # interleaved, so that a neighbour's load on the machine falls on both sides alike
    times: dict[str, list[float]] = {"api": [], "raw": [], "who": []}
    for c, d in cases:
        for name, fn in (("raw", raw), ("api", api)):
            t = time.perf_counter()
            fn(c, d)
            times[name].append((time.perf_counter() - t) * 1000)
    who_cpu: list[float] = []
    for c, d in timed_who:
        t, cpu = time.perf_counter(), time.process_time()
        answer(c, d)
        times["who"].append((time.perf_counter() - t) * 1000)
        who_cpu.append((time.process_time() - cpu) * 1000)
    for name, ts in times.items():
        out[name] = {"p50": _pct(ts, 50), "p95": _pct(ts, 95), "n": len(ts)}
    out["who"]["cpu_p50"], out["who"]["cpu_p95"] = _pct(who_cpu, 50), _pct(who_cpu, 95)
    example = answer(*cases[0])
    out["example"] = {"council": cases[0][0], "on": cases[0][1], "chain": len(example["chain"]), "holder": example["chain"][0]["holder"]}
    store.close()
    out["peak_mb"] = _peak_mb()
    return out


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2006, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if p < 100 else values[-1]


def _synthetic_councils(facts_dir: str) -> list[str]:
    ids = []
    with open(Path(facts_dir) / "entities.jsonl", encoding="utf-8") as f:
        for line in f:
            if '"kind":"Council"' in line:
                ids.append(json.loads(line)["id"])
    return ids


# ---------------------------------------------------------------- reloads, pages, every template


def split_facts(facts_dir: str, most: str, new: str, share: float = 0.01) -> dict[str, Any]:
    """The fact files cut in two: `new` holds the last `share` of the relationships, `most` the rest
    (with every source and entity). Not timed."""
    import shutil as sh

    src, a, b = Path(facts_dir), Path(most), Path(new)
    for d in (a, b):
        sh.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    lines = (src / "relationships.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = len(lines) - max(1, int(len(lines) * share))
    (a / "relationships.jsonl").write_text("".join(lines[:cut]), encoding="utf-8")
    (b / "relationships.jsonl").write_text("".join(lines[cut:]), encoding="utf-8")
    for name in ("sources.jsonl", "entities.jsonl"):
        sh.copy(src / name, a / name)
    return {"new": len(lines) - cut, "most": cut}


def reload(facts_dir: str, db: str) -> dict[str, Any]:
    """Files loaded into a graph that already holds rows (the same files again: every record read and checked,
    nothing new; or 1% new facts onto the rest). `wall` is the load; `close` the graph's closing after it, where the
    engine checkpoints a write whose log stayed under its threshold; `commit` the COMMITs within the load."""
    from accountable.graph import open_store
    from accountable.loaders import facts

    with open_store("ladybug", db) as store:
        commits = _timed_commits(store)
        t0, c0 = time.perf_counter(), time.process_time()
        report = facts.load([facts_dir], store)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        t1 = time.perf_counter()
    close = time.perf_counter() - t1
    return {"wall": wall, "cpu": cpu, "close": close, "commit": commits["wall"], "peak_mb": _peak_mb(),
            "records": report.sources + report.entities + report.relationships,
            "nodes": report.nodes_written, "relationships": report.relationships_written}


def _timed_commits(store: Any) -> dict[str, float]:
    """The wall time the store's COMMITs of writes take, summed: where the engine checkpoints a write
    whose log has grown past its threshold (a smaller write is checkpointed when the graph closes,
    which `reload` times as `close`). Read-only questions commit too; they cost milliseconds."""
    conn = store.engine_connection()
    execute = conn.execute
    spent = {"wall": 0.0}

    def timed(query: Any, *args: Any, **kwargs: Any) -> Any:
        if query != "COMMIT":
            return execute(query, *args, **kwargs)
        t = time.perf_counter()
        try:
            return execute(query, *args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - t

    conn.execute = timed
    return spent


def _sample_ids(facts_dir: str) -> dict[str, str]:
    """A synthetic council with holders, one of its people and one of its inspections."""
    council = _synthetic_councils(facts_dir)[len(_synthetic_councils(facts_dir)) // 2]
    person = inspection = None
    with open(Path(facts_dir) / "relationships.jsonl", encoding="utf-8") as f:
        for line in f:
            if person is None and '"kind":"HOLDS"' in line and f'"{council}/dcs"' in line:
                person = json.loads(line)["from"]
            if inspection is None and '"kind":"INSPECTS"' in line and f'"to":"{council}"' in line:
                inspection = json.loads(line)["from"]
            if person and inspection:
                break
    return {"council": council, "person": person or "", "inspection": inspection or ""}


def template_params(facts_dir: str) -> dict[str, dict[str, Any]]:
    """Parameters for every template on a synthetic graph: one council, its people and posts, on one date."""
    from accountable.queries import registry

    ids = _sample_ids(facts_dir)
    c, person = ids["council"], ids["person"]
    examples: dict[str, dict[str, Any]] = {
        "chain_from": {"start": f"{c}/dcs", "at": "2015-06-01"},
        "changes": {"from": "2014", "to": "2015"},
        "churn": {"from": "2010", "to": "2016"},
        "connection": {"a": person, "b": c},
        "council_arrangements": {"council": c, "at": "2015-06-01"},
        "council_by_id": {"id": c},
        "council_lines": {"councils": [c]},
        "council_changes": {"council": c, "from": "2010", "to": "2016"},
        "council_posts": {"council": c},
        "council_predecessors": {"council": c},
        "council_renames": {},
        "council_successors": {"council": c},
        "councils": {"region": ""},
        "evidence_of": {"ids": [f"frame:post_in:{c}/dcs>{c}"]},
        "find_council": {"q": c},
        "find_entity": {"q": c},
        "gaps": {"at": "2015-06-01"},
        "holdings": {"posts": [f"{c}/dcs"]},
        "holders_holdings": {"posts": [f"{c}/dcs", f"{c}/chief_executive", f"{c}/lead_member"]},
        "inspections": {"council": c},
        "interventions": {"council": c},
        "neighbourhood": {"entity": c, "depth": 2},
        "outsourced": {"at": "2015-06-01", "council": c},
        "person_holdings": {"persons": [person]},
        "person_roles": {"person": person},
        "post_history": {"council": c},
        "post_holdings": {"posts": [f"{c}/dcs", f"{c}/chief_executive"]},
        "post_lines": {"posts": [f"{c}/dcs", f"{c}/chief_executive", f"{c}/lead_member"]},
        "sources_by_id": {"ids": ["ca2004-s18"]},
        "sources_for": {"id": c},
        "who_is_accountable": {"council": c, "at": "2015-06-01"},
    }
    # the pages' templates of each kind (queries/by_kind.py): one entity of the kind, near the council
    one = {"councils": c, "persons": person, "posts": f"{c}/dcs", "inspections": ids["inspection"], "inspectorates": "ofsted",
           "departments": "dfe"}
    for key, i in one.items():
        examples[f"neighbours_{key}"] = examples[f"neighbours_{key}_scan"] = {key: [i]}
        examples[f"subgraph_{key}"] = {key: [i], "to_ids": list(one.values())}
    return {name: examples.get(name, {"to_ids": []} if name.startswith("subgraph_") else {}) for name in registry.templates()}


def templates(db: str, facts_dir: str, repeat: int, budget_s: float = 20.0) -> dict[str, Any]:
    """Every template through the API (registry.run) and its text run raw on the engine's connection,
    interleaved, warm; a template is repeated until `repeat` runs or `budget_s` seconds each side."""
    from accountable.graph import open_store
    from accountable.queries import registry

    store = open_store("ladybug", db, read_only=True)
    conn = store.engine_connection()
    out: dict[str, Any] = {}
    for name, params in template_params(facts_dir).items():
        tpl = registry.get(name)
        text = tpl.text_for(store.name)
        try:
            rows = registry.run(store, name, params)  # warm, and the rows' count
        except Exception as e:  # noqa: BLE001
            out[name] = {"error": str(e)[:200]}
            continue
        raw_params = tpl.bind(params)  # as registry.run sends them: defaults filled, dates as dates

        def raw() -> Any:
            result = conn.execute(text, raw_params)
            got = result.get_all()
            result.close()
            return got

        try:
            raw()
        except Exception as e:  # noqa: BLE001
            out[name] = {"error": "raw: " + str(e)[:200], "rows": len(rows)}
            continue
        times: dict[str, list[float]] = {"api": [], "raw": []}
        spent = 0.0
        for _ in range(repeat):
            for side, fn in (("raw", raw), ("api", lambda: registry.run(store, name, params))):
                t = time.perf_counter()
                fn()
                times[side].append((time.perf_counter() - t) * 1000)
            spent += (times["api"][-1] + times["raw"][-1]) / 1000
            if spent > budget_s:
                break
        out[name] = {"rows": len(rows), "n": len(times["api"]),
                     **{f"{side}_{p}": _pct(ts, p) for side, ts in times.items() for p in (50, 95)}}
    store.close()
    out["_peak_mb"] = _peak_mb()
    return out


def page(db: str, what: str, entity: str, on: str = "2015-06-01") -> dict[str, Any]:
    """`accountable viz ENTITY` or `accountable report COUNCIL` as the library builds it (the page's
    HTML, not written), from a graph opened read-only in a fresh process; its wall time and peak memory."""
    from accountable.graph import open_store
    from accountable.presentation.pages import build_graph, build_report

    store = open_store("ladybug", db, read_only=True)
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    built = build_graph(store, entity, on=on) if what == "viz" else build_report(store, entity, on=on)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    return {"wall": wall, "cpu": cpu, "peak_mb": _peak_mb(), "base_mb": base, "nodes": built.nodes,
            "relationships": built.relationships, "html_kb": len(built.html) / 1024, "title": built.title,
            "summary": "Not drawn" in built.html}


def sample_ids(facts_dir: str) -> dict[str, str]:
    return _sample_ids(facts_dir)


TASKS = {"load": load, "split_facts": split_facts, "reload": reload, "templates": templates, "page": page, "sample_ids": sample_ids, "profile_load": profile_load, "prepare_raw": prepare_raw, "raw_copy": raw_copy, "queries": queries}

if __name__ == "__main__":
    result = TASKS[sys.argv[1]](**json.loads(sys.argv[2]))
    sys.stdout.write("\n" + json.dumps(result) + "\n")
