"""Shared fixtures: a real embedded graph in a temporary directory for every test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accountable.graph import open_store
from accountable.loaders.bundled import load_defaults

ROOT = Path(__file__).resolve().parent.parent
# The tests open thousands of small graphs: the engine's default buffer pool (most of the machine's
# memory) costs more to set up and tear down at each open than the graph does (graph/ladybug_store.py).
# Commands the tests start as subprocesses inherit it.
os.environ.setdefault("ACCOUNTABLE_BUFFER_POOL_MB", "1024")
SHARED = ROOT.parent / "shared"
# The facts derived from Ofsted's reports change as their extraction improves: the tests of the curated
# facts leave them out; tests/test_ofsted_reports.py loads them on a graph of its own.
WITHOUT_REPORTS = ("ofsted-reports",)


# ---- session graphs: each built once for the whole run, then copied for each test that needs one
#
# A session graph is built by the first worker (pytest-xdist) that asks for it, in the folder the
# workers share, under a lock; the other workers wait for it and use the same files. Nothing writes
# to a session graph once built: tests that change a graph get a copy in their own tmp_path (a copy
# of the files is a fraction of a load: the bundled facts take seconds to load, a copy milliseconds).


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder that every worker sees (each worker's own is a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> Path:
    """The graph `build(path)` writes, built once for the run: by whichever worker comes first."""
    import fcntl

    root = _shared_root(tmp_path_factory)
    folder, done = root / f"session-{name}", root / f"session-{name}.built"
    with open(root / f"session-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, whatever happens
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            folder.mkdir()
            build(folder / "graph.lbdb")
            done.touch()
    return folder / "graph.lbdb"


def _copy(src: Path, dest_dir: Path) -> Path:
    dest = dest_dir / src.name
    for f in src.parent.iterdir():
        if f.name.startswith(src.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, dest_dir / f.name)
    return dest


def _load_defaults(path: Path, without: tuple[str, ...] = ()) -> None:
    with open_store("ladybug", path) as store:
        load_defaults(store, without=without)


def _then_load(base: Path, folder: Path):
    """A build: a copy of the session graph `base`, then the fact files of `folder` loaded into it (the
    same graph as loading both into one store: a load reads what the graph holds, not what it was given before)."""
    def build(path: Path) -> None:
        from accountable.loaders import facts

        _copy(base, path.parent)
        with open_store("ladybug", path) as store:
            facts.load([folder], store)

    return build


@pytest.fixture(scope="session")
def _bundled_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled facts loaded once; each test gets its own copy of the files."""
    return _built_once(tmp_path_factory, "bundled", lambda path: _load_defaults(path, without=WITHOUT_REPORTS))


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


@pytest.fixture(scope="session")
def _graph_with_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything the first use loads, the reports' derived facts included, loaded once."""
    return _built_once(tmp_path_factory, "with-reports", _load_defaults)


@pytest.fixture
def cli_with_reports(_graph_with_reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`accountable ...` on a copy of the graph a first use loads (curated facts and the reports')."""
    d = tmp_path / "with-reports"
    d.mkdir()
    return _command_line(_copy(_graph_with_reports, d), monkeypatch)


@pytest.fixture
def loaded_with_reports(_graph_with_reports: Path, tmp_path: Path):
    """A copy of the graph a first use loads (curated facts and the reports'), open."""
    d = tmp_path / "with-reports-store"
    d.mkdir()
    with open_store("ladybug", _copy(_graph_with_reports, d)) as s:
        yield s


@pytest.fixture
def loaded(loaded_path: Path):
    """The bundled facts in an embedded graph of this test's own."""
    with open_store("ladybug", loaded_path) as s:
        yield s


def _command_line(db: Path, monkeypatch: pytest.MonkeyPatch):
    """`accountable ...` as a user runs it, on the embedded graph at `db`."""
    from accountable.cli import app

    monkeypatch.setenv("ACCOUNTABLE_DB", str(db))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def cli(loaded_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `accountable ...` against this test's copy of the bundled graph."""
    return _command_line(loaded_path, monkeypatch)


# ---- the fictional fixture graph for the question tests

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def _fixture_graph(_bundled_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled facts plus the fictional councils of tests/fixtures, loaded once."""
    return _built_once(tmp_path_factory, "fixture", _then_load(_bundled_graph, FIXTURES))


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
    return _command_line(fixture_path, monkeypatch)


# ---------------------------------------------------------------- every backend
#
# `any_store` and `any_loaded` run a test on the embedded store and, when NEO4J_URI is set, on that
# Neo4j server too (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE as for the CLI). Point NEO4J_URI at a
# scratch database: before each test every node of the model's kinds in it is deleted (nodes with
# other labels are left alone). Without NEO4J_URI the Neo4j cases are reported as skipped.

NEO4J_URI = os.environ.get("NEO4J_URI")
_NO_SERVER = "NEO4J_URI is not set: no Neo4j server to run against (see docs/neo4j.md)"
BACKEND_PARAMS = [
    "ladybug",
    pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URI, reason=_NO_SERVER)),
]
needs_neo4j = pytest.mark.skipif(not NEO4J_URI, reason=_NO_SERVER)


def _neo4j_store():
    from accountable.graph.neo4j_store import Neo4jStore

    return Neo4jStore.from_env()


@pytest.fixture(params=BACKEND_PARAMS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty graph on each backend: embedded in a temporary directory; the Neo4j server, cleared."""
    if request.param == "ladybug":
        with open_store("ladybug", tmp_path / "any.lbdb") as s:
            yield s
    else:
        with _neo4j_store() as s:
            s.clear()
            yield s


@pytest.fixture(params=BACKEND_PARAMS)
def any_loaded(request: pytest.FixtureRequest, _bundled_graph: Path, tmp_path: Path):
    """The bundled facts on each backend: a copy of the embedded graph; the Neo4j server, cleared and loaded."""
    if request.param == "ladybug":
        d = tmp_path / "any-loaded"
        d.mkdir()
        with open_store("ladybug", _copy(_bundled_graph, d)) as s:
            yield s
    else:
        with _neo4j_store() as s:
            s.clear()
            load_defaults(s, without=WITHOUT_REPORTS)
            yield s


@pytest.fixture
def neo4j_store():
    """The Neo4j server of NEO4J_URI, cleared (skipped without it)."""
    if not NEO4J_URI:
        pytest.skip(_NO_SERVER)
    with _neo4j_store() as s:
        s.clear()
        yield s


# ---------------------------------------------------------------- the web app and the national picture


@pytest.fixture(scope="session")
def _mapland_graph(_graph_with_reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything the first use loads plus tests/web_fixtures (fictional, located councils; markup as
    names), loaded once."""
    from web_support import WEB_FIXTURES

    return _built_once(tmp_path_factory, "mapland", _then_load(_graph_with_reports, WEB_FIXTURES))


@pytest.fixture
def mapland_path(_mapland_graph: Path, tmp_path: Path) -> Path:
    d = tmp_path / "mapland"
    d.mkdir()
    return _copy(_mapland_graph, d)


@pytest.fixture
def mapland(mapland_path: Path):
    """The Python API on this test's copy of the mapland graph."""
    import accountable

    with accountable.open(db=mapland_path) as g:
        yield g


@pytest.fixture
def map_cli(mapland_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `accountable ...` against this test's copy of the mapland graph."""
    return _command_line(mapland_path, monkeypatch)

# ---------------------------------------------------------------- the inner loop
#
# `pytest -m "not slow"` leaves out what takes seconds a test: a real browser, the benchmark and other
# subprocesses, Neo4j's Cypher front end (a Node.js process), property searches, regenerating the
# derived data; and the files whose tests are whole-graph round trips or a load per case (the CLI
# against unreachable Neo4j servers, export and sync of the bundled graph, the bad-input and hostile
# corpora, faults, both bulk load paths side by side). `scripts/test` runs everything, on every core.

SLOW_FILES = {
    "test_pages_browser.py", "test_bench.py", "test_cypher_lint.py", "test_neo4j_statements.py", "test_properties.py",
    "test_crash_and_concurrency.py", "test_derive.py", "test_compose.py", "test_web_browser.py", "test_ofsted_truth.py",
    "test_neo4j_failures.py", "test_export_sync.py", "test_hostile.py", "test_bad_inputs.py", "test_faults.py",
    "test_columnar.py", "test_bulk.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
