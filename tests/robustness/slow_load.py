"""A real load in a child process, with a probe on the store's connection that says where the load is.

    python slow_load.py DB DIR MODE FILE...

MODE says where the load stops to wait, after touching DIR/inside:
  begin+N  after the Nth statement inside its write transaction
  commit   just after COMMIT, before the store is closed
It then waits until DIR/go exists (at most 60 s), finishes, and touches DIR/done. The parent
kills it while it waits (SIGKILL), or runs other processes against the database meanwhile.
Used by test_crash_and_concurrency.py; not a test itself.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from accountable.graph import open_store
from accountable.loaders import facts

WAIT = 60.0  # seconds: every wait here is bounded


class Probe:
    """The store's own connection, counting the statements of its write transaction."""

    def __init__(self, conn, mode: str, where: Path):
        self.conn, self.mode, self.where = conn, mode, where
        self.inside, self.count = False, 0

    def execute(self, query, *args, **kwargs):
        result = self.conn.execute(query, *args, **kwargs)
        text = query.strip().upper() if isinstance(query, str) else ""
        if text == "BEGIN TRANSACTION":
            self.inside, self.count = True, 0
        elif self.inside and text == "COMMIT":
            self.inside = False
            if self.mode == "commit":
                self.wait()
        elif self.inside:
            self.count += 1
            if self.mode == f"begin+{self.count}":
                self.wait()
        return result

    def wait(self) -> None:
        (self.where / "inside").touch()
        deadline = time.monotonic() + WAIT
        while not (self.where / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def main() -> None:
    db, where, mode, *files = sys.argv[1:]
    store = open_store("ladybug", db)
    store._conn = Probe(store._conn, mode, Path(where))  # type: ignore[attr-defined]
    facts.load(files, store, batch_size=20)
    store.close()
    (Path(where) / "done").touch()


if __name__ == "__main__":
    main()
