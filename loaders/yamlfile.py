"""Reading fact files while remembering where each value stood, so that every
problem can name its line.

Dates are kept as the text people wrote (YAML's own timestamp guessing is off):
"2014-10" stays a month, and "2015-02-30" is reported, not crashed on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 20 * 1024 * 1024  # a hand-written fact file; machine-made data goes in .jsonl
MAX_NODES = 500_000  # YAML nodes, counting aliases as often as they are used
MAX_DEPTH = 64

Path_ = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """Safe YAML without timestamp guessing."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LineMap:
    """Where each value of a document stood: a path of keys and indexes to a line."""

    def __init__(self, lines: dict[Path_, int] | None = None, default: int = 1):
        self.lines = lines or {}
        self.default = default

    def line(self, path: Path_) -> int:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.default)


def read_text(path: Path, label: str, limit: int | None = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    try:
        size = path.stat().st_size
    except OSError as e:
        return None, [Problem(label, 1, "file", f"cannot be read: {e.strerror}")]
    if limit is not None and size > limit:
        return None, [
            Problem(label, 1, "file", f"is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for a fact file; split it, or write machine-made data as .jsonl")
        ]
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(label, line, "file", f"is not UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start}); save it as UTF-8")]


def parse_yaml(text: str, label: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse one YAML document; on a problem return it with the line it stands at."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return {}, LineMap(), []
            problems: list[Problem] = []
            lines: dict[Path_, int] = {}
            _walk(node, (), lines, problems, label, [0], 0)
            if problems:
                return None, LineMap(lines), problems
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(x for x in (e.context, e.problem) if x)
        return None, LineMap(), [Problem(label, line, "yaml", f"not valid YAML: {what}")]
    except yaml.YAMLError as e:
        return None, LineMap(), [Problem(label, 1, "yaml", f"not valid YAML: {e}")]
    except RecursionError:
        return None, LineMap(), [Problem(label, 1, "yaml", f"nested more than {MAX_DEPTH} levels deep")]
    return data, LineMap(lines), []


def _walk(node: yaml.Node, path: Path_, lines: dict, problems: list, label: str, count: list[int], depth: int) -> None:
    count[0] += 1
    if count[0] > MAX_NODES:
        if count[0] == MAX_NODES + 1:
            problems.append(Problem(label, node.start_mark.line + 1, "yaml", f"expands to more than {MAX_NODES:,} values (an alias bomb?)"))
        return
    if depth > MAX_DEPTH:
        if not any(p.field == "yaml" for p in problems):
            problems.append(Problem(label, node.start_mark.line + 1, "yaml", f"nested more than {MAX_DEPTH} levels deep"))
        return
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(label, line, _field(path, key), f"duplicate key (first given at line {seen[key]})"))
                continue
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, problems, label, count, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, problems, label, count, depth + 1)


def _field(path: Path_, key: Any) -> str:
    return ".".join(str(p) for p in path[-1:] + (key,)) if path and not isinstance(path[-1], int) else str(key)


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line that is not blank. Lines end at "\n" only (JSON Lines):
    U+2028 or U+0085 may stand inside a JSON string, and str.splitlines() would cut there."""
    n, pos, size = 0, 0, len(text)
    while pos < size:
        n += 1
        end = text.find("\n", pos)
        if end < 0:
            end = size
        line = text[pos:end]
        pos = end + 1
        if line.strip():
            yield n, line


def parse_jsonl_lines(lines: Iterable[tuple[int, str]], label: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    out, problems = [], []
    for n, line in lines:
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            problems.append(Problem(label, n, "json", f"not valid JSON: {e.msg} (column {e.colno})"))
    return out, problems


def parse_jsonl(text: str, label: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """Each line one JSON object; returns (line number, object) pairs."""
    return parse_jsonl_lines(jsonl_lines(text), label)
