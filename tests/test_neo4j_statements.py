"""Every statement the Neo4j store can send, and every statement of the exported Cypher script,
passes Neo4j's own Cypher front end with the schema: zero diagnostics. (Neo4j cannot run here.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from accountable.graph import export, statements
from accountable.graph.neo4j_store import ADMIN_STATEMENTS, schema_names
from accountable.queries import registry
from accountable.queries.cypher_lint import example_parameters
from accountable.schema.derive import neo4j_schema
from accountable.schema.model import NODE_KINDS

sys.path.insert(0, str(Path(__file__).parent))
from lint_cache import cache_folder, cached_lint  # noqa: E402


TRICKY = "O'Brien \\ \"quoted\" line\nbreak\ttab é – ’ 😀 \x01"


def neo4j_store_statements() -> dict[str, tuple[str, dict]]:
    """{name: (text, parameters)} of everything Neo4jStore sends, by where it comes from."""
    out: dict[str, tuple[str, dict]] = {}
    for name, stmt in schema_names().items():
        out[f"ddl:{name}"] = (stmt, {})
    for i, stmt in enumerate(ADMIN_STATEMENTS):
        out[f"admin:{i}"] = (stmt, {})
    for i, stmt in enumerate(statements.all_write_statements(statements.neo4j_cast)):
        out[f"write:{i}"] = (stmt, {"rows": []})
    for i, stmt in enumerate(statements.all_read_statements()):
        out[f"read:{i}"] = (stmt, {"ids": ["x"]} if "$ids" in stmt else {})
    for t in registry.templates().values():
        out[f"template:{t.name}"] = (t.text_for("neo4j"), example_parameters(t))
    return out


def checked_by_test_cypher_lint() -> set[str]:
    """The texts tests/test_cypher_lint.py already puts through the same front end (not checked twice:
    the linter costs seconds)."""
    out = {t.text for t in registry.templates().values()}
    out |= set(statements.all_write_statements(statements.neo4j_cast))
    out |= set(neo4j_schema())
    out |= set(statements.all_read_statements())  # with the parameters the store sends
    return out


def compact(dump: dict) -> dict:
    """One of every kind of node and relationship of a graph (with their ends), and one node whose
    text holds every character a Cypher literal must escape: the same script shapes, fewer bytes."""
    rels, seen = [], {}
    for r in dump["relationships"]:
        key = (r["type"], r["from_label"], r["to_label"])
        if seen.get(key, 0) < 1:
            seen[key] = seen.get(key, 0) + 1
            rels.append(r)
    ends = {(r["from_label"], r["from"]) for r in rels} | {(r["to_label"], r["to"]) for r in rels}
    nodes, per = [], {}
    for n in dump["nodes"]:
        if (n["label"], n["id"]) in ends or per.get(n["label"], 0) < 1:
            per[n["label"]] = per.get(n["label"], 0) + 1
            nodes.append(n)
    person = next(n for n in dump["nodes"] if n["label"] == "Person")
    nodes.append({**person, "id": "tricky", "name": TRICKY, "aliases": [TRICKY, ""], "description": None})
    return {"nodes": nodes, "relationships": rels}


@pytest.fixture(scope="module")
def exported_script(_bundled_graph) -> str:
    from accountable.graph import open_store

    with open_store("ladybug", _bundled_graph, read_only=True) as s:
        return export.to_cypher(compact(s.dump()), batch_size=2)


@pytest.fixture(scope="module")
def diagnostics(exported_script, request) -> dict[str, list]:
    already = checked_by_test_cypher_lint()
    texts = {k: v for k, v in neo4j_store_statements().items() if v[0] not in already}
    for i, stmt in enumerate(export.script_statements(exported_script)):
        texts[f"export:{i}"] = (stmt, {})
    return cached_lint(texts, cache_folder(request))


def test_what_is_checked_covers_every_kind_of_statement(diagnostics):
    texts = neo4j_store_statements()
    assert {k.split(":")[0] for k in texts} == {"ddl", "admin", "write", "read", "template"}
    assert len([k for k in texts if k.startswith("ddl:")]) == len(neo4j_schema())
    writes = [t for k, (t, _) in texts.items() if k.startswith("write:")]
    assert all(any(f"(n:{k.name} " in t for t in writes) for k in NODE_KINDS)
    assert set(statements.DERIVE) <= set(writes)
    # each is checked here or by tests/test_cypher_lint.py
    here = {t for k, (t, _) in neo4j_store_statements().items() if k in diagnostics}
    missing = [k for k, (t, _) in texts.items() if t not in here and t not in checked_by_test_cypher_lint()]
    assert missing == []


def test_every_neo4j_store_statement_passes_the_front_end(diagnostics):
    found = {k: v for k, v in diagnostics.items() if v and not k.startswith("export:")}
    assert found == {}
    assert any(k.startswith("admin:") for k in diagnostics)


def test_every_statement_of_the_exported_script_passes_the_front_end(diagnostics, exported_script):
    checked = [k for k in diagnostics if k.startswith("export:")]
    assert "tricky" in exported_script and "\\U0001F600" in exported_script
    # constraints and indexes, the wait for them, and UNWIND batches for every kind present
    assert len(checked) == len(list(export.script_statements(exported_script)))
    assert len(checked) > len(neo4j_schema()) + 1 + 20
    found = {k: v for k, v in diagnostics.items() if v and k.startswith("export:")}
    assert found == {}


def test_the_check_sees_a_broken_script(request):
    """A literal our writer could get wrong (an unescaped quote) is caught by the same check, cached or not."""
    bad = "UNWIND [\n{id: 'o'brien'}\n] AS row MERGE (n:Person {id: row.id}) SET n.name = row.name"
    assert cached_lint({"bad": (bad, {})}, cache_folder(request))["bad"]
    assert cached_lint({"bad": (bad, {})}, cache_folder(request))["bad"]
