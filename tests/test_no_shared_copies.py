"""No file the repository commits is a copy of an upstream file from ../shared/data: the project
ships only what its own derivations make from them (names, codes, dates, short quotes)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")
def test_no_committed_file_is_a_copy_of_a_shared_data_file() -> None:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    committed = [REPO / p for p in listed.decode("utf-8").split("\0") if p]
    by_size: dict[int, list[Path]] = {}
    for p in committed:
        if p.is_file():
            by_size.setdefault(p.stat().st_size, []).append(p)
    upstream = [p for p in SHARED_DATA.rglob("*") if p.is_file()]
    assert upstream, "../shared/data holds no files"
    copies = []
    for u in upstream:
        same_size = by_size.get(u.stat().st_size)
        if not same_size:
            continue
        digest = _digest(u)
        copies += [f"{c.relative_to(REPO)} = {u.relative_to(SHARED_DATA.parent)}" for c in same_size if _digest(c) == digest]
    assert copies == [], "committed copies of ../shared/data files: " + "; ".join(copies)
