"""Where a command writes its output (`-o`): only ever a regular file, never the graph itself.

Every `-o` (viz, report, export, synth, sync's target graph) goes through `target()` before
anything is computed and through `write_text()` to write. A path is refused when it is (or
leads through a symbolic link to) a device, a FIFO, a socket or a folder, or when it is one of
the graph's own files: the graph, its write-ahead log, any file beside it named after it, the
work folders of its bulk loads, or anything inside the graph when the graph is a folder. A
symbolic link to a regular file is followed (the file it points to is written, and the
command says so). A file that exists keeps its permissions: the text is written to a new
file in the same folder, given the old file's mode, and renamed over it, so that a failed
write never leaves half a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class OutputError(Exception):
    """An output path that must not be written; the message says why and what to give instead."""


@dataclass(frozen=True)
class Target:
    """A checked output path: `path` is where the bytes go (a link's target, when `link` is set)."""

    path: Path
    given: Path
    link: bool = False
    existing_mode: int | None = None

    def note(self) -> str:
        """A line to tell the user when the path given was a link, else ''."""
        return f"{self.given} is a symbolic link: wrote the file it points to, {self.path}" if self.link else ""


def _kind(mode: int) -> str | None:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def graph_files(graph: Path) -> list[Path]:
    """The graph's path and its folder's resolved form: the places an output may not touch."""
    g = Path(graph).expanduser()
    out = [g]
    try:
        out.append(g.resolve())
    except OSError:
        pass
    return out


def belongs_to_graph(path: Path, graphs: Iterable[Path]) -> Path | None:
    """The graph `path` is part of, if any: the graph itself, a file beside it named after it
    (`graph.lbdb.wal`, `.graph.lbdb.bulk-*`), or anything inside it."""
    try:
        p = path.expanduser().resolve()
    except OSError:
        p = path.expanduser().absolute()
    for graph in graphs:
        for g in graph_files(graph):
            g = g.absolute()
            if p == g or g in p.parents:
                return graph
            if p.parent == g.parent and (p.name.startswith(g.name + ".") or p.name.startswith("." + g.name + ".")):
                return graph
            for parent in p.parents:  # inside a work folder beside the graph
                if parent.parent == g.parent and parent.name.startswith("." + g.name + "."):
                    return graph
    return None


def target(output: str | Path, protect: Iterable[Path] = (), what: str = "-o") -> Target:
    """Check an output path before any work is done; raise OutputError saying why it is refused."""
    given = Path(output).expanduser()
    protect = [Path(p) for p in protect if p]
    link = given.is_symlink()
    if link:
        try:
            real = given.resolve(strict=True)
        except (OSError, RuntimeError):
            raise OutputError(f"{what} {given} is a symbolic link to {os.readlink(given)}, which does not exist "
                              "(or loops); give the file itself") from None
    else:
        real = given
    graph = belongs_to_graph(given, protect) or belongs_to_graph(real, protect)
    if graph is not None:
        raise OutputError(f"{what} {given} is part of the graph at {graph}; writing there would destroy it. "
                          "Give another file name")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(f"{what} {given}: cannot look at it: {e.strerror or e}") from None
    if st is not None:
        kind = _kind(st.st_mode)
        if kind == "a folder":
            raise OutputError(f"{what} {given} is a folder; give a file name such as {given / 'out.html'}")
        if kind:
            via = f" (the symbolic link points to {real})" if link else ""
            raise OutputError(f"{what} {given} is {kind}{via}; only regular files are written. Give a file name")
    if not real.parent.is_dir():
        raise OutputError(f"{what} {given}: there is no folder {real.parent} (it does not exist)")
    return Target(real, given, link, stat.S_IMODE(st.st_mode) if st is not None else None)


def write_text(t: Target, text: str, protect: Iterable[Path] = (), what: str = "-o") -> Target:
    """Write text to a checked target whole: a new file beside it, the old file's mode, a rename.
    The path is checked again just before the rename (it may have changed since)."""
    t = target(t.given, protect, what)
    out = t.path
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if t.existing_mode is not None:
            mode = t.existing_mode
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # as any new file would be, not mkstemp's owner-only mode
        os.chmod(tmp, mode)
        os.replace(tmp, out)
        tmp = None
    except OSError as e:
        raise OutputError(f"cannot write {out}: {e.strerror or e}; nothing was written") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return t
