"""`export --format csv`: a folder of CSV files in the layout neo4j-admin database import reads,
checked against the importer's documented header grammar, and read back to the same graph."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from accountable.graph import neo4j_csv, open_store
from accountable.schema.model import NODE_KINDS, REL_KINDS

# Neo4j Operations Manual, "Import header format": each field is `<name>:<field_type>`; a node
# file has `<name>:ID` (optionally `(<id space>)`) and `:LABEL`; a relationship file
# `:START_ID`, `:END_ID` (each optionally with an ID space) and `:TYPE`; `:IGNORE` skips a
# column; a property's type is one of int, long, float, double, boolean, byte, short, char,
# string, point, date, localtime, time, localdatetime, datetime, duration, vector, with `[]` for
# an array; with no type a property is a string.
TYPES = "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration|vector"
FIELD = re.compile(
    r"^(?:"
    r"(?P<idname>[^:,\"]*):ID(?:\((?P<idspace>[^()]+)\))?"
    r"|:(?P<end>START_ID|END_ID)(?:\((?P<endspace>[^()]+)\))?"
    r"|:(?P<special>LABEL|TYPE|IGNORE)"
    r"|(?P<prop>[^:,\"]+)(?::(?P<type>(?:" + TYPES + r"))(?P<array>\[\])?)?"
    r")$"
)


@pytest.fixture(scope="module")
def dump(_bundled_graph: Path):
    with open_store("ladybug", _bundled_graph, read_only=True) as s:
        return s.dump()


@pytest.fixture(scope="module")
def folder(dump, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("csv") / "graph"
    neo4j_csv.write_folder(neo4j_csv.files(dump), target)
    return target


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def test_the_grammar_accepts_the_manuals_examples_and_refuses_others():
    for good in ("movieId:ID", ":LABEL", "year:int", ":START_ID", "role", ":TYPE", "uuid:ID(Person)", "joined:date", "tags:string[]"):
        assert FIELD.match(good), good
    for bad in ("year:integer", ":ID(", "name:string[][]", ":LABELS", "a:b:c"):
        assert not FIELD.match(bad), bad


def test_one_file_per_kind_of_node_and_of_relationship_with_ends(folder):
    assert {p.name for p in (folder / "nodes").iterdir()} == {f"{k.name}.csv" for k in NODE_KINDS}
    assert {p.name for p in (folder / "relationships").iterdir()} == {
        f"{r.name}-{a}-{b}.csv" for r in REL_KINDS for a, b in r.ends
    }


def test_every_header_follows_the_importers_grammar(folder):
    for path in sorted(folder.rglob("*.csv")):
        header, _ = read(path)
        matches = [FIELD.match(h) for h in header]
        assert all(matches), (path.name, [h for h, m in zip(header, matches) if not m])
        if path.parent.name == "nodes":
            ids = [m for m in matches if m.group("idspace") is not None or m.group("idname") is not None]
            assert len(ids) == 1 and ids[0].group("idspace") == path.stem
            assert [m.group("special") for m in matches if m.group("special")] == ["LABEL"]
        else:
            rel_type, a, b = path.stem.split("-")
            ends = {m.group("end"): m.group("endspace") for m in matches if m.group("end")}
            assert ends == {"START_ID": a, "END_ID": b}
            assert [m.group("special") for m in matches if m.group("special")] == ["TYPE"]
        typed = {m.group("prop"): (m.group("type"), bool(m.group("array"))) for m in matches if m.group("prop")}
        if path.stem != "Source":  # every node and relationship but a source cites its sources
            assert typed.get("sources") == ("string", True)
        if "valid_from" in typed:
            assert typed["valid_from"] == ("date", False)
    header, _ = read(folder / "relationships" / "STAT_NEIGHBOUR-Council-Council.csv")
    assert "rank:long" in header


def test_ids_are_unique_in_each_space_and_every_relationship_end_exists(folder, dump):
    spaces: dict[str, set[str]] = {}
    for path in sorted((folder / "nodes").glob("*.csv")):
        _, rows = read(path)
        ids = [r[0] for r in rows]
        assert len(ids) == len(set(ids)), path.name
        assert all(r[1] == path.stem for r in rows)
        spaces[path.stem] = set(ids)
    assert sum(len(v) for v in spaces.values()) == len(dump["nodes"])
    seen = 0
    for path in sorted((folder / "relationships").glob("*.csv")):
        _, rows = read(path)
        rel_type, a, b = path.stem.split("-")
        for r in rows:
            assert r[0] in spaces[a] and r[1] in spaces[b] and r[2] == rel_type, (path.name, r[:3])
        seen += len(rows)
    assert seen == len(dump["relationships"]) > 0


def _value(text: str, typ: str | None, array: bool, delimiter: str):
    if text == "":
        return [] if array else None
    if array:
        return text.split(delimiter)
    if typ == "long":
        return int(text)
    if typ == "double":
        return float(text)  # a council's latitude and longitude
    return text


def _plain(v):
    """The CSV importer leaves an empty array empty: [] and None read back alike; so does a list
    of one empty string (a source with no account)."""
    return None if v in ([], [""]) else v


def test_read_back_as_the_importer_would_it_is_the_same_graph(folder, dump):
    delimiter = neo4j_csv.array_delimiter(dump)
    assert f"--array-delimiter='{delimiter}'" in (folder / neo4j_csv.README).read_text(encoding="utf-8")
    nodes = {(n["label"], n["id"]): n for n in dump["nodes"]}
    for path in sorted((folder / "nodes").glob("*.csv")):
        header, rows = read(path)
        fields = [FIELD.match(h) for h in header]
        for r in rows:
            orig = nodes[(path.stem, r[0])]
            for m, cell in zip(fields, r):
                if m.group("prop"):
                    got = _value(cell, m.group("type"), bool(m.group("array")), delimiter)
                    assert _plain(got) == _plain(orig.get(m.group("prop"))), (path.stem, r[0], m.group("prop"))
    rels = {r["id"]: r for r in dump["relationships"]}
    for path in sorted((folder / "relationships").glob("*.csv")):
        header, rows = read(path)
        fields = [FIELD.match(h) for h in header]
        for r in rows:
            values = {m.group("prop"): _value(c, m.group("type"), bool(m.group("array")), delimiter)
                      for m, c in zip(fields, r) if m.group("prop")}
            orig = rels[values["id"]]
            assert (r[0], r[1]) == (orig["from"], orig["to"])
            for k, v in values.items():
                assert _plain(v) == _plain(orig.get(k)), (values["id"], k)


def test_a_delimiter_no_list_item_contains_is_chosen():
    d = {"nodes": [{"label": "Person", "id": "a", "aliases": ["x|y", "p¦q"]}], "relationships": []}
    assert neo4j_csv.array_delimiter(d) == "^"


def test_cli_writes_the_folder_and_tells_a_file_name_from_a_folder(cli, tmp_path):
    r = cli("export", "--format", "csv", "-o", str(tmp_path / "g"))
    assert r.exit_code == 0, r.output
    assert "neo4j-admin database import" in r.output
    assert (tmp_path / "g" / "nodes" / "Council.csv").is_file()
    command = (tmp_path / "g" / neo4j_csv.README).read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in command and "--nodes=nodes/Council.csv" in command
    # a name ending in .csv: the format is known, and the answer says a folder is needed
    r = cli("export", "-o", str(tmp_path / "g.csv"))
    assert r.exit_code == 2
    assert "folder" in r.output and "--format csv" in r.output and not (tmp_path / "g.csv").exists()
    # an existing empty folder means csv; a folder with files in it is refused
    (tmp_path / "empty").mkdir()
    assert cli("export", "-o", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "relationships").is_dir()
    r = cli("export", "--format", "csv", "-o", str(tmp_path / "g"))
    assert r.exit_code == 2 and "not empty" in r.output
    r = cli("export", "--format", "csv")
    assert r.exit_code == 2 and "-o FOLDER" in r.output
