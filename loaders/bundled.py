"""What ships with the project and is loaded on first use."""

from __future__ import annotations

from ..graph import Store
from . import facts
from .datasets import manifest, reference_dir


def reference_datasets() -> list:
    """The shipped reference data (data/reference/manifest.yaml): the LA register, then the latest Ofsted snapshot."""
    from .ofsted import OfstedFile
    from .register import RegisterFile

    kinds = {"register": RegisterFile, "ofsted": OfstedFile}
    files = sorted(manifest(), key=lambda f: list(kinds).index(f.layout))
    return [kinds[f.layout](reference_dir() / f.file, label=f"data/reference/{f.file}") for f in files]


def load_defaults(store: Store, without: tuple[str, ...] = ()) -> facts.LoadReport:
    """The bundled fact files (the five articles and the statutory frame), the project's derived
    facts (Ofsted's reports...), every English children's services authority from the register,
    and Ofsted's latest judgements: one write. `without`: derived files (by name) to leave out."""
    return facts.load(bundled_paths(without), store, datasets=reference_datasets())


def bundled_paths(without: tuple[str, ...] = ()) -> list:
    """The bundled fact files, and the project's own derived facts (data/derived/*.jsonl) where there are any."""
    from .derive import derived_dir

    derived = sorted(p for p in derived_dir().glob("*.jsonl") if p.stem not in without) if derived_dir().is_dir() else []
    return [facts.bundled_dir(), *derived]
