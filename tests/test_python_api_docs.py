"""docs/python-api.md by example: every ```python block runs, in order, in one namespace, on a copy of
the bundled graph; the comment lines right after a block's code are what its prints must print."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "python-api.md"


def blocks() -> list[tuple[str, list[str]]]:
    """Each block's code and the output it documents (the `# ` lines that end it)."""
    out = []
    for body in re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        lines = body.rstrip("\n").split("\n")
        expected: list[str] = []
        while lines and lines[-1].startswith("# "):
            expected.insert(0, lines.pop()[2:])
        out.append(("\n".join(lines), expected))
    return out


def test_the_documented_examples_run_and_print_what_they_say(loaded_path, monkeypatch):
    monkeypatch.setenv("ACCOUNTABLE_DB", str(loaded_path))
    monkeypatch.delenv("ACCOUNTABLE_BACKEND", raising=False)
    found = blocks()
    assert len(found) >= 12 and sum(1 for _, e in found if e) >= 10
    namespace: dict = {}
    for code, expected in found:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102 (our own documentation)
        assert printed.getvalue().splitlines() == expected, code
    assert namespace["g"].store is None  # the last example closed it
