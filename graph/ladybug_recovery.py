"""What the embedded store does about failed writes, killed loads and damaged files, found by experiment
on LadybugDB 0.22 (CONTRIBUTING.md says what was seen).

- A write that fails part way (the disk full, an I/O error) can leave the write-ahead log (`graph.lbdb.wal`)
  half written; the engine then refuses to open the graph ("the WAL file is corrupted"), even once space is
  freed. Before each write the store checkpoints (so the log holds nothing committed) and leaves a marker,
  `graph.lbdb.writing`, naming its process; the marker is removed once the write has committed. A log the
  engine finds corrupted while such a marker stands (from a process that is no longer running) holds only
  that unfinished write: it is discarded, which rolls the write back, and the user is told.
- A killed bulk load leaves its work folder (`.graph.lbdb.bulk-*`) beside the graph; the next writer's open
  removes those whose process is gone.
- A damaged file (emptied, truncated, overwritten) is named as damaged, with how to rebuild it; an empty
  file is never taken for a new graph.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path

from .store import StoreError


class DamagedGraph(StoreError):
    """The graph file cannot be read as a graph: the message says how to rebuild it."""


# Words of the engine that mean the file itself is not what it should be (seen on 0.22 with emptied,
# truncated and bit-flipped copies of a real graph).
_DAMAGE = (
    "outside the database file", "not a valid Lbug database file", "String dictionary index",
    "basic_string", "Checksum verification failed", "Cannot read from file", "Unable to open database",
)


def marker(path: Path) -> Path:
    return Path(str(path) + ".writing")


def wal(path: Path) -> Path:
    return Path(str(path) + ".wal")


def begin_write(path: Path) -> None:
    """Say, beside the graph, that this process is writing to it (removed by end_write)."""
    marker(path).write_text(json.dumps({"pid": os.getpid(), "started": dt.datetime.now().isoformat(timespec="seconds")}))


def end_write(path: Path) -> None:
    marker(path).unlink(missing_ok=True)


def discard_stale_marker(path: Path) -> None:
    """A marker whose process is gone, once the graph has opened: its write failed cleanly or committed."""
    w = _writer(path)
    if w is not None and not (isinstance(w.get("pid"), int) and _alive(w["pid"])):
        end_write(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's own earlier write, which failed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _writer(path: Path) -> dict | None:
    try:
        return json.loads(marker(path).read_text())
    except (OSError, ValueError):
        return None


def discard_unfinished_write(path: Path) -> str | None:
    """When the log is corrupted and belongs to a write that never finished (its process is gone),
    discard it and say so; None when that cannot be known (the log is then left alone)."""
    w = _writer(path)
    if not isinstance(w, dict) or not isinstance(w.get("pid"), int) or _alive(w["pid"]):
        return None
    log = wal(path)
    size = log.stat().st_size if log.exists() else 0
    log.unlink(missing_ok=True)
    end_write(path)
    return (f"a write to {path} that did not finish (process {w['pid']}, started {w.get('started', '?')}; the disk may "
            f"have been full) was rolled back: its unfinished log ({size:,} bytes) was discarded, and the graph is "
            "as it was before that write")


def clean_stale_work(path: Path) -> list[Path]:
    """Remove bulk-load work folders left beside the graph by loads that were killed."""
    removed = []
    try:
        entries = list(path.parent.glob(f".{path.name}.bulk-*"))
    except OSError:
        return removed
    for d in entries:
        owner = d / "owner"
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            pid = None
        if pid is not None and _alive(pid):
            continue
        if pid is None:  # a folder from before owners were recorded: only if nothing has touched it for an hour
            try:
                if dt.datetime.now().timestamp() - d.stat().st_mtime < 3600:
                    continue
            except OSError:
                continue
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d)
    return removed


def rebuild_hint(path: Path) -> str:
    return (f"move it aside (mv {path} {path}.damaged) and rebuild the graph: `accountable load` (the bundled facts), "
            "then your own fact files and datasets again, or `accountable sync --from EXPORT.json --to embedded` "
            "from an export")


def check_file(path: Path) -> None:
    """Refuse a graph file that is plainly not a graph (empty), before the engine takes it for a new one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as e:
        raise StoreError(f"cannot read the graph at {path}: {e.strerror or e}") from None
    if size == 0:
        raise DamagedGraph(f"the graph file {path} is damaged: it is empty (0 bytes), and is not taken for a new graph; "
                           + rebuild_hint(path))


def is_damage(message: str) -> bool:
    return any(w in message for w in _DAMAGE)


def damaged(path: Path, message: str) -> DamagedGraph:
    return DamagedGraph(f"the graph file {path} is damaged (the engine says: {_short(message)}); " + rebuild_hint(path))


def _short(message: str) -> str:
    message = message.replace("Runtime exception: ", "").replace(" The database may be checkpointing; please retry later.", "")
    message = message.replace(" The database may be checkpointing; please retry later", "")
    return message.strip()[:300]


def _nearly_full(folder: Path) -> bool:
    """The engine does not always say ENOSPC (a short read past the end of a file it could not grow)."""
    try:
        return shutil.disk_usage(folder).free < 4 * 2**20
    except OSError:
        return False


def io_failure(e: BaseException, path: Path, doing: str) -> str:
    """What a failed write means to the user, and what to do, from the engine's or the system's words."""
    text = str(e)
    no = getattr(e, "errno", None)
    if no == errno.ENOSPC or "No space left on device" in text or _nearly_full(path.parent):
        what = f"the disk holding {path.parent} is full"
        todo = "free some space (the bulk path needs about twice the graph's size) and run the same command again"
    elif no in (errno.EACCES, errno.EPERM, errno.EROFS) or "Permission denied" in text or "Read-only file system" in text:
        what = f"{path.parent} cannot be written (permission denied or a read-only file system)"
        todo = "make it writable, or give --db another place, and run the same command again"
    else:
        # the engine's own cause, without what it says of the work file ("Transaction committed successfully")
        detail = text.split("IO exception: ")[-1] if "IO exception: " in text else (text or type(e).__name__)
        what = f"an input/output error ({detail.strip()[:200]})"
        todo = "check the disk, then run the same command again"
    return f"the {doing} failed: {what}. Nothing was written: the graph is as it was. To finish it, {todo}"
