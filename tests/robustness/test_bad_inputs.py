"""The bad-input corpus (tests/bad_inputs/cases.yaml), each case through `accountable load`:
every problem named by file, line and field, exit status 2, and the graph exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from accountable.cli import app
from accountable.graph import open_store

pytestmark = pytest.mark.robustness

CORPUS = Path(__file__).resolve().parent.parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
BAD = [c for c in CASES if c["fault"] != "accepted"]
ACCEPTED = [c for c in CASES if c["fault"] == "accepted"]


def fifty_megabytes(path: Path) -> None:
    """A well-formed fact file of 50 MB: one source and Person records until the size is reached."""
    head = "sources:\n  - {id: big, title: Big, publisher: P, published: 2020, source_kind: dataset}\nentities:\n"
    line = "  - {kind: Person, id: person-%08d, name: A Person With A Fairly Long Name %08d, sources: [big]}\n"
    size = 50 * 1024 * 1024
    with path.open("w", encoding="utf-8") as f:
        f.write(head)
        written, i = len(head), 0
        while written < size:
            chunk = "".join(line % (n, n) for n in range(i, i + 10_000))
            chunk = chunk[: size - written]
            f.write(chunk)
            written += len(chunk)
            i += 10_000


GENERATORS = {"fifty_megabytes": fifty_megabytes}


def _copy_graph(src: Path, dest_dir: Path) -> Path:
    for f in src.parent.iterdir():
        if f.name.startswith(src.name):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, dest_dir / f.name)
    return dest_dir / src.name


def _file_bytes(db: Path) -> str:
    """A hash of the database's files as they lie on disk."""
    h = hashlib.sha256()
    for f in sorted(db.parent.iterdir()):
        if f.name.startswith(db.name) and f.is_file():
            h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus_graph(_bundled_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One copy of the bundled graph for the whole corpus, and its fingerprint before any case."""
    path = _copy_graph(_bundled_graph, tmp_path_factory.mktemp("corpus"))
    with open_store("ladybug", path, read_only=True) as s:
        fingerprint = s.fingerprint()
    return {"db": path, "fingerprint": fingerprint, "bytes": _file_bytes(path)}


def assert_graph_unchanged(corpus_graph: dict) -> None:
    """The graph is as it was. Files identical to the byte (the load stopped before it opened the
    graph, as it does for a file it cannot read) prove it at once; otherwise the fingerprints must match."""
    now = _file_bytes(corpus_graph["db"])
    if now == corpus_graph["bytes"]:
        return
    with open_store("ladybug", corpus_graph["db"], read_only=True) as s:
        assert s.fingerprint() == corpus_graph["fingerprint"]
    corpus_graph["bytes"] = _file_bytes(corpus_graph["db"])  # opening rewrites headers, not the graph


def run_load(path_arg: str, db: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch, *extra: str):
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("ACCOUNTABLE_DB", str(db))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    return CliRunner().invoke(app, ["load", *extra, path_arg], catch_exceptions=False)


@pytest.mark.parametrize("case", BAD, ids=[c["case"] for c in BAD])
def test_bad_input_is_named_exits_2_and_leaves_the_graph_as_it_was(case, corpus_graph, monkeypatch, tmp_path):
    db = corpus_graph["db"]
    where = CORPUS
    if case.get("generate"):
        GENERATORS[case["generate"]](tmp_path / case["case"])
        where = tmp_path
    r = run_load(case["case"].rstrip("/"), db, where, monkeypatch)
    n = len(case["expect"])
    assert r.exit_code == 2, r.output
    assert r.stderr.splitlines() == case["expect"] + [f"{n} problem{'s' if n != 1 else ''} found; nothing was written."]
    assert r.stdout == ""
    for line in case["expect"]:  # file:line: field: message, the file being the case itself
        file, lineno, field, message = line.split(":", 3)[0], *line.split(":", 3)[1:]
        assert file.startswith(case["case"].rstrip("/")) and lineno.isdigit() and field.strip() and message.strip()
    assert_graph_unchanged(corpus_graph)


@pytest.mark.parametrize("case", ACCEPTED, ids=[c["case"] for c in ACCEPTED])
def test_accepted_inputs_load_and_keep_names_exactly(case, loaded_path, monkeypatch):
    r = run_load(case["case"], loaded_path, CORPUS, monkeypatch)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("loaded ")
    with open_store("ladybug", loaded_path, read_only=True) as s:
        before = s.dump()
    names = {row["id"]: row["name"] for row in before["nodes"] if row["id"] in case["stored"]}
    assert names == case["stored"]
    r = run_load(case["case"], loaded_path, CORPUS, monkeypatch)  # a second load changes nothing
    assert r.exit_code == 0, r.output
    with open_store("ladybug", loaded_path, read_only=True) as s:
        assert s.dump() == before


def test_the_corpus_is_complete():
    """Every file here is a listed case, and every class of fault the issue names is tried."""
    listed = {c["case"].split("/")[0].rstrip("/") for c in CASES if not c.get("generate")}
    present = {p.name for p in CORPUS.iterdir() if p.name not in ("cases.yaml", ".gitattributes")}
    assert present == listed
    assert {c["case"].split("/", 1)[1] for c in ACCEPTED} == {p.name for p in (CORPUS / "accepted").iterdir()}
    assert len(BAD) >= 40
    faults = {c["fault"] for c in BAD}
    assert faults >= {
        "YAML syntax", "encoding", "duplicate keys", "same id, conflicting content", "unknown kinds and fields",
        "sources and evidence", "dates", "relationships", "size and shape",
    }
    names = {c["case"] for c in CASES}
    for needed in ("not-utf8-latin1.yaml", "accepted/byte-order-mark.yaml", "date-day-from-month-source.yaml", "overlapping-holdings.yaml",
                   "fifty-megabytes.yaml", "deep-nesting.yaml", "alias-bomb.yaml", "accepted/welsh-and-accents.yaml",
                   "accepted/cypher-looking-names.yaml", "same-id-two-files/", "graph-entity-renamed.yaml"):
        assert needed in names


def test_the_unchanged_check_can_fail(_bundled_graph, tmp_path):
    """A load that writes is caught, whichever way assert_graph_unchanged decides."""
    db = _copy_graph(_bundled_graph, tmp_path)
    with open_store("ladybug", db, read_only=True) as s:
        state = {"db": db, "fingerprint": s.fingerprint(), "bytes": _file_bytes(db)}
    good = CORPUS / "accepted" / "byte-order-mark.yaml"
    assert CliRunner().invoke(app, ["--db", str(db), "load", str(good)]).exit_code == 0
    with pytest.raises(AssertionError):
        assert_graph_unchanged(state)


def test_a_pipe_named_like_a_fact_file_is_refused_not_waited_on(tmp_path):
    """Reading a FIFO (or /dev/zero) would never end: only regular files are read."""
    import os

    from accountable.loaders import facts
    from accountable.loaders.problems import InvalidInput

    pipe = tmp_path / "facts.yaml"
    os.mkfifo(pipe)
    with pytest.raises(InvalidInput) as e:
        facts.read_files([pipe])
    assert [str(p) for p in e.value.problems] == [f"{pipe}:1: file: is not a regular file"]
