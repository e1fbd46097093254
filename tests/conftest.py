"""Shared fixtures: a real embedded graph in a temporary directory for every test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.graph import open_store
from accountable.loaders.bundled import load_defaults

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def _bundled_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled facts loaded once; each test gets its own copy of the files."""
    path = tmp_path_factory.mktemp("bundled") / "graph.lbdb"
    with open_store("ladybug", path) as store:
        load_defaults(store)
    return path


def _copy(src: Path, dest_dir: Path) -> Path:
    dest = dest_dir / src.name
    for f in src.parent.iterdir():
        if f.name.startswith(src.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, dest_dir / f.name)
    return dest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where an empty graph for this test lives."""
    return tmp_path / "graph.lbdb"


@pytest.fixture
def store(db_path: Path):
    """An empty embedded graph."""
    with open_store("ladybug", db_path) as s:
        yield s


@pytest.fixture
def loaded_path(_bundled_graph: Path, tmp_path: Path) -> Path:
    """A copy of the bundled graph for this test alone."""
    d = tmp_path / "loaded"
    d.mkdir()
    return _copy(_bundled_graph, d)


@pytest.fixture
def loaded(loaded_path: Path):
    """The bundled facts in an embedded graph of this test's own."""
    with open_store("ladybug", loaded_path) as s:
        yield s


@pytest.fixture
def cli(loaded_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `accountable ...` against this test's copy of the bundled graph."""
    from accountable.cli import app

    monkeypatch.setenv("ACCOUNTABLE_DB", str(loaded_path))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


# ---- the fictional fixture graph for the question tests (issue 3)

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def _fixture_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled facts plus the fictional councils of tests/fixtures, loaded once."""
    from accountable.loaders import facts

    path = tmp_path_factory.mktemp("fixture") / "graph.lbdb"
    with open_store("ladybug", path) as store:
        load_defaults(store)
        facts.load([FIXTURES], store)
    return path


@pytest.fixture(scope="session")
def asked(_fixture_graph: Path):
    """The fixture graph opened read-only once, for tests that only ask questions."""
    with open_store("ladybug", _fixture_graph, read_only=True) as s:
        yield s


@pytest.fixture
def fixture_path(_fixture_graph: Path, tmp_path: Path) -> Path:
    """A copy of the fixture graph for this test alone."""
    d = tmp_path / "fixture"
    d.mkdir()
    return _copy(_fixture_graph, d)


@pytest.fixture
def ask(fixture_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `accountable ...` against this test's copy of the fixture graph."""
    from accountable.cli import app

    monkeypatch.setenv("ACCOUNTABLE_DB", str(fixture_path))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run
