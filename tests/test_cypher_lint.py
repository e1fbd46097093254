"""Every Cypher text is checked by Neo4j's own front end against the schema: zero diagnostics.
Results are kept by text (tests/lint_cache.py): each text is checked once a run, whichever worker asks."""

import sys
from pathlib import Path

import pytest

from accountable.graph import statements
from accountable.queries import registry
from accountable.queries.cypher_lint import example_parameters, lint
from accountable.schema.derive import neo4j_schema

sys.path.insert(0, str(Path(__file__).parent))
from lint_cache import cache_folder, cached_lint  # noqa: E402


@pytest.fixture(scope="session")
def template_diagnostics(request):
    texts = {t.name: (t.text, example_parameters(t)) for t in registry.templates().values()}
    return cached_lint(texts, cache_folder(request))


@pytest.mark.parametrize("name", sorted(registry.templates()))
def test_template_passes_neo4j_front_end(template_diagnostics, name):
    assert template_diagnostics[name] == []


def test_store_statements_pass_neo4j_front_end(request):
    texts = {f"write{i}": (s, {"rows": [], "posts": []}) for i, s in enumerate(statements.all_write_statements(statements.neo4j_cast))}
    texts.update({f"ddl{i}": (s, {}) for i, s in enumerate(neo4j_schema())})
    # the parameters the Neo4j store sends with each (tests/test_neo4j_statements.py leaves these to this test)
    texts.update({f"read{i}": (s, {"ids": ["x"]} if "$ids" in s else {}) for i, s in enumerate(statements.all_read_statements())})
    found = {k: v for k, v in cached_lint(texts, cache_folder(request)).items() if v}
    assert found == {}


def test_the_check_can_fail():
    bad = {
        "misspelt": ("MATCH (c:Councl) RETURN c.nme", {}),
        "ladybug_only": ("MATCH (n:Council) RETURN label(n)", {}),
        "undeclared_param": ("MATCH (n:Council {id: $nope}) RETURN n", {}),
    }
    found = lint(bad)
    assert any("Councl" in d["message"] for d in found["misspelt"])
    assert any("nme" in d["message"] for d in found["misspelt"])
    assert any("label" in d["message"] for d in found["ladybug_only"])
    assert any("nope" in d["message"] for d in found["undeclared_param"])


def test_ladybug_overrides_say_why():
    for t in registry.templates().values():
        if t.ladybug_text is not None:
            assert t.ladybug_note, f"queries/ladybug/{t.name}.cypher needs a `// ladybug:` line saying how it differs"
