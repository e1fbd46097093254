"""The project's own derived data: facts derived from the public files in ../shared/data.

Each derivation reads upstream files (never shipped) and returns JSON Lines fact records
(`{"type": "source" | "entity" | "relationship", ...}`, as loaders/jsonl.py reads them), each
citing its source and licence. `accountable derive` writes them to data/derived/NAME.jsonl,
sorted and deterministic, so that a test can regenerate them and require the same bytes.
The bundled load (loaders/bundled.py) reads data/derived/ with the other bundled facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

Records = Iterable[dict[str, Any]]


@dataclass(frozen=True)
class Derivation:
    name: str  # the file stem under data/derived/
    description: str
    derive: Callable[[Path], Records]  # ../shared/data -> records
    inputs: tuple[str, ...] = ()  # what it reads, relative to the shared data folder


DERIVATIONS: dict[str, Derivation] = {}


def derivation(name: str, description: str, inputs: tuple[str, ...] = ()) -> Callable[[Callable[[Path], Records]], Callable[[Path], Records]]:
    """Register a function of the shared data folder that yields fact records; `inputs` names the
    files and folders it reads there."""

    def register(fn: Callable[[Path], Records]) -> Callable[[Path], Records]:
        DERIVATIONS[name] = Derivation(name, description, fn, inputs)
        return fn

    return register


def all_names() -> list[str]:
    _import_derivations()
    return sorted(DERIVATIONS)


def missing_inputs(shared_data: Path, names: Iterable[str] | None = None) -> list[str]:
    """The inputs of these derivations (all by default) that the shared data folder lacks."""
    _import_derivations()
    wanted = [DERIVATIONS[n] for n in (names or DERIVATIONS) if n in DERIVATIONS]
    return sorted({i for d in wanted for i in d.inputs if not (shared_data / i).exists()})


def derived_dir() -> Path:
    """Where the derived facts ship (inside the package)."""
    return Path(str(resources.files("accountable") / "data" / "derived"))


def default_shared_data() -> Path:
    """../shared/data beside the repository (where CI and the developers keep it)."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


_ORDER = {"source": 0, "entity": 1, "relationship": 2}


def render(records: Records) -> str:
    """Records as JSON Lines: sources, then entities, then relationships, each by id."""
    rows = sorted(records, key=lambda r: (_ORDER.get(r.get("type", ""), 9), str(r.get("id", ""))))
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


def regenerate(shared_data: Path, names: Iterable[str] | None = None, out: Path | None = None) -> dict[str, int]:
    """Write data/derived/NAME.jsonl for each derivation (all by default); returns lines written by name."""
    _import_derivations()
    out = out or derived_dir()
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name in sorted(names or DERIVATIONS):
        text = render(DERIVATIONS[name].derive(shared_data))
        (out / f"{name}.jsonl").write_text(text, encoding="utf-8")
        written[name] = text.count("\n")
    return written


def _import_derivations() -> None:
    """Import the modules that register derivations (each registers itself on import)."""
    # Each derivation module is imported here by name, so that registering one is one line.
    for module in DERIVATION_MODULES:
        __import__(f"{__package__}.{module}")


# Modules under loaders/ that define derivations with @derivation(...).
DERIVATION_MODULES: tuple[str, ...] = ("councils", "ministers", "ofsted_latest", "ofsted_reports")
