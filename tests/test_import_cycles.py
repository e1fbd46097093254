"""No module of the package imports itself in a circle, through any chain of `from ... import`,
at the top of a file or inside a function (a lazy import hides a circle; it does not untie it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "tests", "bench", "lint", "node_modules", "build", "scripts", "test-artifacts"}

# Circles known and left for the lead: {frozenset of modules: why}. While any remains the test
# is an expected failure naming them; a new circle fails it.
KNOWN: dict[frozenset[str], str] = {}


def modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for p in sorted(ROOT.rglob("*.py")):
        rel = p.relative_to(ROOT)
        if SKIP & set(rel.parts):
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1] or ["__init__"]
        out[".".join(parts)] = p
    return out


def imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the package's modules it imports (relative or `accountable.`-absolute)."""
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, path in mods.items():
        package = m.split(".") if path.name == "__init__.py" else m.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("accountable."):
                target = node.module[len("accountable."):]
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                hit = sub if sub in mods else target
                if hit in mods and hit != m:
                    graph[m].add(hit)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[frozenset[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_walk_sees_the_package():
    graph = imports(modules())
    assert "loaders.facts" in graph and "loaders.stored" in graph["loaders.merge"]
    assert "queries.registry" in graph["queries.who"]


def test_the_walk_finds_a_circle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


def test_no_import_circles_among_the_package_modules():
    found = cycles(imports(modules()))
    unknown = [c for c in found if c not in KNOWN]
    assert unknown == [], "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in unknown)
    if found:  # only circles already known to the lead remain
        pytest.xfail("; ".join(KNOWN[c] for c in found))
