"""The content hash a node or relationship keeps: the hash of the fact-file line that wrote it,
exactly as given.

A line the graph already holds exactly as given is then recognised by comparing hashes alone,
without reading it into a model or comparing its row with the graph's. The hash is of the line's
own bytes (a JSON Lines record as written), with the model's columns and the statutory frame
folded in: a line that wrote a row writes the same row again as long as those are the same, so a
new version of the model or the frame makes every hash new and every line is read again once.
A line written differently (another key order, other spaces) only misses the shortcut: it is read
and compared as any record is. A row that is not one line's record as given (merged, contested,
corrected, a dataset's, the frame's) keeps no hash.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from .model import NODE_KINDS, REL_KINDS, node_columns, rel_columns

# Raised by hand when the loader comes to make a different row of the same line.
ROW_RULES = "1"


@cache
def salted(also: str = "") -> Any:
    """A hash already fed what a line's row depends on besides the line: the columns of the model,
    the row rules, and `also` (the loader gives the statutory frame every council gets)."""
    words = [ROW_RULES, also] + [f"{k.name}:{c.name}:{c.type}" for k in NODE_KINDS for c in node_columns(k.name)]
    words += [f"{r.name}:{a}>{b}" for r in REL_KINDS for a, b in r.ends] + [f"{r.name}:{c.name}:{c.type}" for r in REL_KINDS for c in rel_columns(r.name)]
    return hashlib.blake2b("\n".join(words).encode(), digest_size=16)


def line_hash(line: str, base: Any) -> str:
    """The content hash of one JSON Lines record, as the graph keeps it (`base`: `salted(...)`)."""
    h = base.copy()
    h.update(line.encode("utf-8", "surrogatepass"))
    return h.hexdigest()
