"""What a question may not do, whatever text reaches a store's `query()`.

Questions run in read-only transactions, which refuse every write to the graph.
Some statements get round a transaction or leave the graph without writing to it:
ending the transaction (`COMMIT; MATCH (n) DETACH DELETE n` would otherwise run the
delete outside it), reading or writing files (`COPY ... TO`, `LOAD FROM`, `EXPORT`),
attaching other databases, installing extensions, or changing the connection's
settings (`CALL threads = 1`). No template needs any of them, so a question that
contains one is refused before it runs.

This looks at keywords outside comments, strings and quoted names; the read-only
transaction (and, on LadybugDB, the engine's refusal to prepare several statements
at once) stays the real barrier.
"""

from __future__ import annotations

import re

from .store import ReadOnlyViolation

# Comments, string literals and `quoted names`: blanked out before looking for keywords.
_QUOTED = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`""",
    re.DOTALL,
)
_FORBIDDEN = re.compile(
    r"(?<![.$\w])(COPY|EXPORT|IMPORT|ATTACH|INSTALL|LOAD|USE|CHECKPOINT|BEGIN|COMMIT|ROLLBACK"
    r"|DETACH\s+DATABASE|CALL\s+\w+\s*=)(?!\w)",
    re.IGNORECASE,
)
_ANOTHER_STATEMENT = re.compile(r";\s*\S")


def bare(text: str) -> str:
    """The text with comments, strings and quoted names blanked out."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)) if not m.group(0).startswith("/") else " ", text)


def check_question(text: str) -> None:
    """Raise ReadOnlyViolation if the text is not one statement that only reads."""
    plain = bare(text)
    if _ANOTHER_STATEMENT.search(plain):
        raise ReadOnlyViolation("a question is one statement: this text holds several (separated by ';')")
    m = _FORBIDDEN.search(plain)
    if m:
        word = " ".join(m.group(1).split()).upper()
        if word.startswith("CALL"):
            word = "changing a setting (CALL name = value)"
        raise ReadOnlyViolation(f"questions may only read the graph: {word} is not allowed in a question")
