"""Neo4j's own Cypher front end, run over our texts with the schema derived from schema/.

Neo4j itself cannot run on the machines that build this project; its front end
can. It reports syntax errors, unknown labels, types, properties, functions
(LadybugDB-only ones such as label() among them) and undeclared parameters.
Needs Node.js and `npm ci --prefix lint` (done by .ci/run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..schema.derive import lint_schema
from .registry import Template

LINT_DIR = Path(__file__).resolve().parent.parent / "lint"

EXAMPLE_VALUES = {"date": "2014-11-15", "int": 1, "list": ["x"], "string": "x", "enum": "x", "start": "2005-01-01", "end": "2015-01-01"}


class LintUnavailable(RuntimeError):
    pass


def example_parameters(template: Template) -> dict[str, Any]:
    return {p.name: EXAMPLE_VALUES[p.type] for p in template.params}


def lint(texts: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """{name: (cypher, parameters)} -> {name: diagnostics}; an empty list means clean."""
    node = shutil.which("node")
    if not node:
        raise LintUnavailable("Node.js is not installed")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").exists():
        raise LintUnavailable(f"run `npm ci --prefix {LINT_DIR}` first")
    payload = {
        "schema": lint_schema(),
        "queries": [{"name": n, "text": t, "parameters": p} for n, (t, p) in texts.items()],
    }
    proc = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")], input=json.dumps(payload), capture_output=True, text=True, cwd=LINT_DIR, timeout=300
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the Cypher linter failed: {proc.stderr.strip()}")
    return json.loads(proc.stdout)
