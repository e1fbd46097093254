"""A large JSON Lines load into an empty graph is read and checked by columns (loaders/columnar.py):
it makes the very graph the record path makes, and whenever anything is wrong or unusual it leaves
the load to the record path, so that every problem is said in the same words, at the same line."""

import json
from pathlib import Path

import pytest

from accountable.graph import open_store, statements
from accountable.loaders import columnar, facts, synth
from accountable.loaders.problems import InvalidInput
from accountable.schema.model import NODE_KINDS, REL_KINDS

SET = {"councils": 4, "years": 25, "seed": 5}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("columnar") / "facts"
    synth.write(d, **SET)
    return d


@pytest.fixture
def any_size(monkeypatch):
    """The columnar path for files of any size (it is meant for large ones), and graphs of any size
    taking the bulk write, so that small files exercise it."""
    from accountable.graph import ladybug_store

    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    monkeypatch.setattr(ladybug_store, "BULK_MIN_ROWS", 1)


def _graph(path: Path) -> dict:
    """Every node and relationship of a graph, by kind, sorted."""
    out = {}
    with open_store("ladybug", path, read_only=True) as s:
        for k in NODE_KINDS:
            out[k.name] = sorted(json.dumps(r, sort_keys=True, default=str) for r in s.query(statements.dump_nodes(k.name)))
        for r in REL_KINDS:
            for a, b in r.ends:
                out[(r.name, a, b)] = sorted(json.dumps(x, sort_keys=True, default=str)
                                             for x in s.query(statements.dump_rels(r.name, a, b)))
    return out


def _copy(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for f in src.iterdir():
        (dest / f.name).write_bytes(f.read_bytes())
    return dest


def _record_path_load(paths, db: Path, monkeypatch) -> facts.LoadReport:
    with monkeypatch.context() as m:
        m.setattr(facts, "_load_by_columns", lambda *a, **k: None)
        with open_store("ladybug", db) as s:
            return facts.load(paths, s)


def test_the_columnar_path_takes_a_clean_set_and_makes_the_record_paths_graph(synthetic, tmp_path, any_size, monkeypatch):
    files = facts._columnar_files([synthetic])
    assert files is not None
    columnar.prepare(files, facts._statute_records())  # takes it: gives up on nothing
    with open_store("ladybug", tmp_path / "a.lbdb") as s:
        fast = facts._load_by_columns([synthetic], s, 5000)  # what facts.load does first
    assert fast is not None
    with open_store("ladybug", tmp_path / "c.lbdb") as s:
        assert facts.load([synthetic], s) == fast
    slow = _record_path_load([synthetic], tmp_path / "b.lbdb", monkeypatch)
    assert fast.as_dict() | {"files": None} == slow.as_dict() | {"files": None}
    assert fast.files == slow.files
    a, b = _graph(tmp_path / "a.lbdb"), _graph(tmp_path / "b.lbdb")
    assert sum(map(len, a.values())) == fast.nodes_written + fast.relationships_written > 500
    for key in b:
        assert a[key] == b[key], key


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _broken(synthetic: Path, tmp_path: Path, change) -> Path:
    d = _copy(synthetic, tmp_path / "broken")
    change(d)
    return d


def _edit(d: Path, name: str, n: int, edit) -> None:
    lines = _lines(d / name)
    lines[n] = json.dumps(edit(json.loads(lines[n])), ensure_ascii=False) + "\n"
    (d / name).write_text("".join(lines), encoding="utf-8")


def _holds_line(d: Path) -> int:
    return next(i for i, line in enumerate(_lines(d / "relationships.jsonl")) if '"HOLDS"' in line and '"end"' in line)


def _council_line(d: Path) -> int:
    return next(i for i, line in enumerate(_lines(d / "entities.jsonl")) if '"Council"' in line)


CASES = {
    "former names without their days": lambda d: _edit(d, "entities.jsonl", _council_line(d), lambda r: r | {"former_names": ["Old Shire"]}),
    "a date that is no date": lambda d: _edit(d, "sources.jsonl", 3, lambda r: r | {"published": "2014-13"}),
    "an unknown source": lambda d: _edit(d, "relationships.jsonl", 2, lambda r: r | {"evidence": [{"source": "synth-nope", "quote": "q"}]}),
    "an unknown entity": lambda d: _edit(d, "relationships.jsonl", 2, lambda r: r | {"to": "synth-nobody"}),
    "an unknown field": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"nmae": "x"}),
    "a field of another kind": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"capacity": "interim"}),
    "a word outside its vocabulary": lambda d: _edit(d, "relationships.jsonl", _holds_line(d), lambda r: r | {"capacity": "temporary"}),
    "an interval that ends before it starts": lambda d: _edit(d, "relationships.jsonl", _holds_line(d),
                                                               lambda r: r | {"start": "2020-01-02", "end": "2019"}),
    "a number for a name": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"name": 7}),
    "an empty name": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"name": ""}),
    "an id its pattern refuses": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"id": "Synth Person"}),
    "a control character": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"name": "Ann\u0085Example"}),
    "a bidirectional control": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"name": "Ann\u202eExample"}),
    "a null": lambda d: _edit(d, "entities.jsonl", 2, lambda r: r | {"aliases": None}),
    "no evidence": lambda d: _edit(d, "relationships.jsonl", 2, lambda r: r | {"evidence": []}),
    "a record given twice, differently": lambda d: (d / "entities.jsonl").write_text(
        (d / "entities.jsonl").read_text() + json.dumps(json.loads(_lines(d / "entities.jsonl")[2]) | {"name": "Someone Else"}) + "\n"),
    "a blank line and two records on one line": lambda d: (d / "sources.jsonl").write_text(
        "\n" + "".join(x.rstrip("\n") if i == 1 else x for i, x in enumerate(_lines(d / "sources.jsonl")))),
    "not JSON": lambda d: (d / "sources.jsonl").write_text((d / "sources.jsonl").read_text() + "{not json\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_whatever_is_wrong_is_said_by_the_record_path_in_its_own_words(case, synthetic, tmp_path, any_size, monkeypatch):
    d = _broken(synthetic, tmp_path, CASES[case])
    files = facts._columnar_files([d])
    with pytest.raises(columnar.GiveUp):
        columnar.prepare(files, facts._statute_records())
    with open_store("ladybug", tmp_path / "a.lbdb") as s:
        before = s.fingerprint()
        try:
            facts.load([d], s)
            fast = None
        except InvalidInput as e:
            fast = [str(p) for p in e.problems]
        assert s.fingerprint() == before or fast is None
    try:
        slow_report = _record_path_load([d], tmp_path / "b.lbdb", monkeypatch)
        slow = None
    except InvalidInput as e:
        slow = [str(p) for p in e.problems]
        slow_report = None
    assert fast == slow
    if slow is None:  # loaded, with what the record path says of it (a contested record)
        assert slow_report.notices
        assert _graph(tmp_path / "a.lbdb") == _graph(tmp_path / "b.lbdb")
    else:
        assert fast and all(":" in p for p in fast)


def test_the_command_line_checks_a_clean_set_by_columns_once_and_loads_what_it_made(synthetic, tmp_path, any_size, monkeypatch):
    from conftest import _command_line

    prepared = []
    real = columnar.prepare
    monkeypatch.setattr(columnar, "prepare", lambda files, statute: prepared.append(files) or real(files, statute))
    monkeypatch.setattr(facts, "read_files", lambda *a, **k: pytest.fail("the record path read a clean set"))
    result = _command_line(tmp_path / "a.lbdb", monkeypatch)("load", str(synthetic))
    assert result.exit_code == 0, result.output
    assert len(prepared) == 1
    slow = _record_path_load([synthetic], tmp_path / "b.lbdb", monkeypatch)
    assert f"loaded {slow.sources} sources, {slow.entities} entities and {slow.relationships} relationships" in result.output
    assert _graph(tmp_path / "a.lbdb") == _graph(tmp_path / "b.lbdb")


def test_the_command_line_names_a_broken_file_as_before(synthetic, tmp_path, any_size, monkeypatch):
    from conftest import _command_line

    d = _broken(synthetic, tmp_path, CASES["an unknown field"])
    result = _command_line(tmp_path / "a.lbdb", monkeypatch)("load", str(d))
    assert result.exit_code == 2
    assert "entities.jsonl:3: nmae: unknown field" in result.output
