"""`accountable export` (Cypher, GraphML, JSON) and `accountable sync`: files read back and compared
with the store, graphs rebuilt from them and compared by fingerprint. Real files, real embedded
graphs; the Neo4j legs run when NEO4J_URI is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest
from accountable.graph import WriteBatch, export, open_store, statements
from accountable.graph.transfer import TargetNotEmpty, copy_dump
from accountable.loaders import graph_dump
from accountable.loaders.problems import InvalidInput
from accountable.schema.model import NODE_KINDS, REL_KINDS, node_columns

from conftest import needs_neo4j

GML = "{http://graphml.graphdrawing.org/xmlns}"


def _strip(dump: dict) -> dict:
    return {"nodes": dump["nodes"], "relationships": [{k: v for k, v in r.items() if k != "evidence"} for r in dump["relationships"]]}


# ---------------------------------------------------------------- JSON


def test_json_export_holds_every_node_and_relationship_with_its_sources(cli, loaded_path, tmp_path):
    out = tmp_path / "graph.json"
    r = cli("export", "-o", str(out))
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    with open_store("ladybug", loaded_path, read_only=True) as s:
        dump = s.dump()
    assert f"exported {len(dump['nodes'])} nodes and {len(dump['relationships'])} relationships" in r.stderr
    assert doc["format"] == "accountable-graph" and doc["version"] == 1
    assert (doc["counts"]["nodes"], doc["counts"]["relationships"]) == (len(dump["nodes"]), len(dump["relationships"]))
    assert _strip(doc) == dump
    sources = {n["id"]: n for n in dump["nodes"] if n["label"] == "Source"}
    for rel in doc["relationships"]:
        assert [e["source"] for e in rel["evidence"]] == rel["sources"]
        assert [e["quote"] for e in rel["evidence"]] == rel["quotes"]
        assert [e["title"] for e in rel["evidence"]] == [sources[s]["title"] for s in rel["sources"]]
    somerset = next(x for x in doc["relationships"] if x["type"] == "HOLDS" and x["from"] == "peter-lewis")
    assert somerset["evidence"][0]["publisher"] and somerset["evidence"][0]["published"]


def test_json_export_rebuilds_the_same_graph(loaded, tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(export.to_json(loaded.dump()), encoding="utf-8")
    dump = graph_dump.read(path)
    with open_store("ladybug", tmp_path / "rebuilt.lbdb") as fresh:
        report = copy_dump(dump, fresh)
        assert report.identical
        assert fresh.fingerprint() == loaded.fingerprint()


def test_exports_are_deterministic(loaded):
    d = loaded.dump()
    for fmt in export.FORMATS:
        assert export.render(d, fmt) == export.render(loaded.dump(), fmt)


def test_a_broken_json_export_is_refused_by_line_and_field(cli, loaded, loaded_path, tmp_path):
    text = export.to_json(loaded.dump()).splitlines()
    at = next(i for i, line in enumerate(text) if '"id": "somerset"' in line and '"label": "Council"' in line)
    text[at] = text[at].replace('"label": "Council"', '"label": "County"')
    bad = tmp_path / "bad.json"
    bad.write_text("\n".join(text), encoding="utf-8")
    target = tmp_path / "target.lbdb"
    r = cli("sync", "--from", str(bad), "--to", "embedded", "--to-db", str(target))
    assert r.exit_code == 2
    assert f"{bad}:{at + 1}: nodes[" in r.stderr and "'County' is not a kind of node" in r.stderr
    assert "nothing was written" in r.stderr and "Traceback" not in r.output
    with pytest.raises(InvalidInput) as e:
        graph_dump.read(bad)
    # the relationships that pointed at the council are named too
    assert any("no Council 'somerset' among the nodes" in p.message for p in e.value.problems)
    not_json = tmp_path / "not.json"
    not_json.write_text('{"format": "accountable-graph",\n "version": 1,\n "nodes": [,]}', encoding="utf-8")
    r = cli("sync", "--from", str(not_json), "--to", "embedded", "--to-db", str(target))
    assert r.exit_code == 2 and f"{not_json}:3: json:" in r.stderr


# ---------------------------------------------------------------- GraphML


def test_graphml_parses_back_to_the_same_nodes_edges_and_values(cli, loaded, tmp_path):
    out = tmp_path / "graph.graphml"
    r = cli("export", "-o", str(out))
    assert r.exit_code == 0, r.output
    dump = loaded.dump()
    root = ET.parse(out).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(f"{GML}key")}
    graph = root.find(f"{GML}graph")
    assert graph.get("edgedefault") == "directed"

    def data(el):
        return {keys[d.get("key")][1]: d.text for d in el.findall(f"{GML}data")}

    nodes = {n.get("id"): data(n) for n in graph.findall(f"{GML}node")}
    edges = {e.get("id"): (e.get("source"), e.get("target"), data(e)) for e in graph.findall(f"{GML}edge")}
    assert len(nodes) == len(dump["nodes"]) and len(edges) == len(dump["relationships"])
    for n in dump["nodes"]:
        got = nodes[n["id"]]
        assert got["labels"] == f":{n['label']}"
        for k, v in n.items():
            if k == "label" or v is None:
                continue
            assert got[k] == (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else str(v)), (n["id"], k)
    for rel in dump["relationships"]:
        src, dst, got = edges[rel["id"]]
        assert (src, dst, got["label"]) == (rel["from"], rel["to"], rel["type"])
        assert json.loads(got["quotes"]) == rel["quotes"]
        assert got.get("valid_from") == rel["valid_from"]


def test_graphml_reads_in_networkx(loaded, tmp_path):
    """An independent GraphML reader (networkx, already installed with pyvis) takes the file as it is."""
    nx = pytest.importorskip("networkx")
    path = tmp_path / "graph.graphml"
    path.write_text(export.to_graphml(loaded.dump()), encoding="utf-8")
    g = nx.read_graphml(path, force_multigraph=True)
    dump = loaded.dump()
    assert g.number_of_nodes() == len(dump["nodes"]) and g.number_of_edges() == len(dump["relationships"])
    assert g.is_directed()
    assert g.nodes["somerset"]["name"] == "Somerset Council"
    assert g.nodes["somerset"]["labels"] == ":Council"
    holds = [d for _, _, d in g.edges(data=True) if d["label"] == "HOLDS"]
    assert len(holds) == sum(1 for r in dump["relationships"] if r["type"] == "HOLDS")


def test_graphml_keeps_ids_shared_by_two_kinds_apart(loaded):
    d = loaded.dump()
    d["nodes"].append({**next(n for n in d["nodes"] if n["label"] == "Source"), "id": "somerset"})
    root = ET.fromstring(export.to_graphml(d))
    ids = [n.get("id") for n in root.iter(f"{GML}node")]
    assert len(ids) == len(set(ids)) and {"Council:somerset", "Source:somerset"} <= set(ids)


# ---------------------------------------------------------------- the Cypher script


def _tails() -> dict[str, tuple]:
    """The text after `UNWIND ... AS row ` of every write statement, back to the label or relationship key."""
    out: dict[str, tuple] = {}
    for k in NODE_KINDS:
        out[statements.upsert_nodes(k.name, statements.neo4j_cast)[len("UNWIND $rows AS row "):]] = ("node", k.name)
    for r in REL_KINDS:
        for a, b in r.ends:
            out[statements.upsert_rels(r.name, a, b, statements.neo4j_cast)[len("UNWIND $rows AS row "):]] = ("rel", (r.name, a, b))
    return out


def rebuild_from_script(script: str, store) -> int:
    """Rebuild a graph from an exported script with LadybugDB evaluating every row literal (a real
    Cypher engine reads our escapes), then writing the rows through the store."""
    tails, batch, n = _tails(), WriteBatch(), 0
    for stmt in export.script_statements(script):
        if not stmt.startswith("UNWIND ["):
            assert stmt.startswith(("CREATE CONSTRAINT", "CREATE INDEX", "CALL db.awaitIndexes")), stmt
            continue
        lines = stmt.split("\n")
        kind, what = tails[lines[-1][len("] AS row "):]]
        for line in lines[1:-1]:
            row = store.execute_raw(f"RETURN {line.rstrip(',')} AS row")[0]["row"]
            (batch.add_node if kind == "node" else batch.add_rel)(what, row)
            n += 1
    store.write(batch)
    return n


def test_cypher_script_rebuilds_the_same_graph(cli, loaded, tmp_path):
    out = tmp_path / "graph.cypher"
    r = cli("export", "--format", "cypher", "-o", str(out), "--batch-size", "7")
    assert r.exit_code == 0, r.output
    script = out.read_text(encoding="ascii")  # plain ASCII: no client charset can alter it
    lines = script.splitlines()
    begin, commit = lines.index(":begin"), lines.index(":commit")
    assert begin < commit and lines[commit + 1:] == []
    stmts = list(export.script_statements(script))
    ddl = [s for s in stmts if s.startswith("CREATE ")]
    assert script.index(ddl[-1]) < script.index(":begin") < script.index("UNWIND [")  # constraints first
    with open_store("ladybug", tmp_path / "rebuilt.lbdb") as fresh:
        rows = rebuild_from_script(script, fresh)
        dump = loaded.dump()
        assert rows == len(dump["nodes"]) + len(dump["relationships"])
        assert fresh.fingerprint() == loaded.fingerprint()


def test_cypher_literals_survive_a_real_engine(tmp_path):
    tricky = ["O'Brien", 'say "no"', "back\\slash", "line\nbreak", "tab\there", "é – ’", "😀", "\x01", "", "a;\nb"]
    with open_store("ladybug", tmp_path / "x.lbdb") as s:
        for t in tricky:
            lit = export.cypher_literal({"v": t, "l": [t, None], "n": 3, "none": None})
            assert lit.isascii()
            assert s.execute_raw(f"RETURN {lit} AS x")[0]["x"] == {"v": t, "l": [t, None], "n": 3, "none": None}


# ---------------------------------------------------------------- the export command


def test_export_format_comes_from_the_suffix_or_is_asked_for(cli, tmp_path):
    r = cli("export", "-o", str(tmp_path / "graph.txt"))
    assert r.exit_code == 2 and "give --format cypher, graphml, json or csv" in r.stderr
    assert not (tmp_path / "graph.txt").exists()
    r = cli("export", "--format", "dot", "-o", str(tmp_path / "g.dot"))
    assert r.exit_code == 2 and "unknown export format 'dot'" in r.stderr
    r = cli("export", "-o", str(tmp_path / "no" / "such" / "graph.json"))
    assert r.exit_code == 2 and "there is no folder" in r.stderr
    r = cli("export", "--format", "graphml")
    assert r.exit_code == 0 and r.stdout.startswith("<?xml")
    assert list(tmp_path.iterdir()) == [p for p in tmp_path.iterdir() if p.name == "loaded"]  # no stray temp files


# ---------------------------------------------------------------- sync


def test_sync_embedded_to_embedded_copies_and_checks(cli, loaded, loaded_path, tmp_path):
    target = tmp_path / "copy.lbdb"
    r = cli("sync", "--from", "embedded", "--to", "embedded", "--to-db", str(target))
    assert r.exit_code == 0, r.output
    dump = loaded.dump()
    assert f"copied {len(dump['nodes'])} nodes and {len(dump['relationships'])} relationships" in r.stdout
    assert "identical" in r.stdout
    fp = loaded.fingerprint()
    with open_store("ladybug", target, read_only=True) as t:
        assert t.fingerprint() == fp
    # a second copy onto a graph that holds data is refused, and changes nothing
    r = cli("sync", "--from", "embedded", "--to", "embedded", "--to-db", str(target))
    assert r.exit_code == 2 and "--replace" in r.stderr and "--merge" in r.stderr
    with open_store("ladybug", target, read_only=True) as t:
        assert t.fingerprint() == fp


def test_sync_replace_makes_an_exact_copy_and_merge_adds(cli, loaded_path, tmp_path):
    other = tmp_path / "other.lbdb"
    b = WriteBatch()
    b.add_node("Source", {c.name: None for c in node_columns("Source")} | {
        "id": "only-in-target", "title": "t", "publisher": "p", "published": "2020-01-01",
        "published_precision": "day", "source_kind": "news", "kind": "Source"})
    with open_store("ladybug", other) as o:
        o.write(b)
    r = cli("sync", "--from", "embedded", "--to", "embedded", "--to-db", str(other), "--merge", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["identical"] is None
    with open_store("ladybug", other, read_only=True) as o:
        assert o.kinds_of(["only-in-target", "somerset"]) == {"only-in-target": "Source", "somerset": "Council"}
    r = cli("sync", "--from", "embedded", "--to", "embedded", "--to-db", str(other), "--replace", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["identical"] is True
    with open_store("ladybug", other, read_only=True) as o, open_store("ladybug", loaded_path, read_only=True) as src:
        assert o.kinds_of(["only-in-target"]) == {}
        assert o.fingerprint() == src.fingerprint()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--from", "embedded", "--to", "embedded"], "same embedded graph"),
        (["--from", "neo4j", "--to", "neo4j"], "same Neo4j server"),
        (["--from", "embedded", "--to", "postgres"], "--to 'postgres'"),
        (["--from", "graph.csv", "--to", "embedded"], "--from 'graph.csv'"),
        (["--from", "embedded", "--to", "neo4j", "--replace", "--merge"], "exclude each other"),
    ],
)
def test_sync_refuses_what_cannot_be_meant(cli, args, words):
    r = cli("sync", *args)
    assert r.exit_code == 2 and words in r.stderr


def test_copy_refuses_a_target_that_holds_data(loaded, tmp_path):
    with open_store("ladybug", tmp_path / "t.lbdb") as t:
        copy_dump(loaded.dump(), t)
        with pytest.raises(TargetNotEmpty):
            copy_dump(loaded.dump(), t)


# ---------------------------------------------------------------- the Neo4j legs


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accountable.cli", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env})


@needs_neo4j
def test_sync_to_neo4j_and_back_gives_the_same_graph(neo4j_store, loaded, loaded_path, tmp_path):
    r = _run("--db", str(loaded_path), "sync", "--from", "embedded", "--to", "neo4j", "--replace")
    assert r.returncode == 0, r.stderr
    assert "identical" in r.stdout
    assert neo4j_store.fingerprint() == loaded.fingerprint()
    back = tmp_path / "back.lbdb"
    r = _run("sync", "--from", "neo4j", "--to", "embedded", "--to-db", str(back))
    assert r.returncode == 0, r.stderr
    with open_store("ladybug", back, read_only=True) as b:
        assert b.fingerprint() == loaded.fingerprint()


@needs_neo4j
def test_exports_from_neo4j_equal_the_embedded_ones(neo4j_store, loaded, tmp_path):
    copy_dump(loaded.dump(), neo4j_store)
    for fmt in export.FORMATS:
        assert export.render(neo4j_store.dump(), fmt) == export.render(loaded.dump(), fmt)


@needs_neo4j
def test_db_init_applies_the_schema_on_neo4j(neo4j_store):
    r = _run("--backend", "neo4j", "db", "init")
    assert r.returncode == 0, r.stderr
    assert neo4j_store.missing_schema() == []
    r = _run("--backend", "neo4j", "db", "info", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["missing_schema"] == []


def test_db_init_on_the_embedded_store(cli, loaded_path):
    with open_store("ladybug", loaded_path, read_only=True) as s:
        counts = s.counts()
    r = cli("db", "init")
    assert r.exit_code == 0 and "tables ready" in r.stdout
    r = cli("db", "info", "--format", "json")
    info = json.loads(r.stdout)
    assert info["backend"] == "ladybug" and info["counts"] == counts and counts["HOLDS"] >= 13



def test_reading_commands_do_not_create_a_graph(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from accountable.cli import app

    missing = tmp_path / "missing.lbdb"
    monkeypatch.setenv("ACCOUNTABLE_DB", str(missing))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    for args in (["db", "info"], ["export", "-o", str(tmp_path / "g.json")]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 1 and "no graph at" in r.stderr and "run `accountable load` first" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
