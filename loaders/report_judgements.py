"""Graded judgements as the reports' first pages print them.

SIF (2013-18): a numbered table (1, 2, 2.1, 2.2, 3) whose grades sit beside, under or
around their labels ("Requires" / label / "Improvement"), a headline for the overall
grade ("The overall judgement is ...", "Children's services in X are good / require
improvement to be good / are inadequate") and the LSCB's grade in a sentence of its own.
ILACS (2018 on): a "Judgement  Grade" table of three or four rows and "Overall
effectiveness", labels wrapped over two lines, the grade beside, under, between or above
its label. Grades are kept as Ofsted words them: outstanding, good, requires improvement,
inadequate.
"""

from __future__ import annotations

import re

GRADE = re.compile(
    r"\b(?:(outstanding)|(good)|(inadequate)|(requires?\s+improvement(?:\s+to\s+be\s+good)?|requires?\b))",
    re.I,
)
_LEFTOVER = re.compile(r"\bimprovement\b|\bto\s+be\s+good\b", re.I)

SIF_LABELS = [
    ("help_and_protection", r"children\s+who\s+need\s+help\s+and\s+protection"),
    ("in_care", r"children\s+looked\s+after\s+and\s+achieving\s+permanence"),
    ("adoption", r"adoption\s+performance"),
    ("care_leavers", r"experiences\s+and\s+progress\s+of\s+care\s+leavers"),
    ("impact_of_leaders", r"leadership,?\s+management\s+and\s+governance"),
]
ILACS_LABELS = [
    ("impact_of_leaders", r"the\s+impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families"),
    ("help_and_protection", r"the\s+experiences\s+and\s+progress\s+of\s+children\s+who\s+need\s+help\s+and\s+protection"),
    ("in_care", r"the\s+experiences\s+and\s+progress\s+of\s+children\s+in\s+care(?:\s+and\s+care\s+leavers)?"),
    ("care_leavers", r"the\s+experiences\s+and\s+progress\s+of\s+care\s+leavers"),
    ("overall", r"overall\s+effectiveness"),
]


def grade_word(text: str) -> str | None:
    m = GRADE.search(text)
    return _grade(m) if m else None


def _grade(m: re.Match[str]) -> str:
    if m.group(1):
        return "outstanding"
    if m.group(2):
        return "good"
    if m.group(3):
        return "inadequate"
    return "requires improvement"


def table(text: str, labels: list[tuple[str, str]]) -> dict[str, str]:
    """Pair each label of a judgement table with its grade, wherever the grade sits.

    Grades are taken out first (so that a label wrapped around its grade reads whole
    again), then each grade goes to the label it sits inside, else to the label before it
    if that one has none yet, else to the label after it.
    """
    text = re.sub(r"\s+", " ", text)
    # "to be good" parted from its "Requires improvement" by a label line is no grade of its own
    text = re.sub(r"(?<!improvement)\s+to\s+be\s+good\b", " ", text, flags=re.I)
    grades: list[tuple[int, str]] = []
    kept: list[str] = []
    pos = 0
    out_len = 0
    for m in GRADE.finditer(text):
        kept.append(text[pos : m.start()])
        out_len += m.start() - pos
        grades.append((out_len, _grade(m)))
        pos = m.end()
    kept.append(text[pos:])
    stripped = "".join(kept)
    # words a split grade left behind ("Requires" / label / "Improvement") are no label text
    spans: list[tuple[int, int, str]] = []
    for field, pattern in labels:
        loose = r"\s*".join(pattern.split(r"\s+"))  # labels may lose a space where a grade was cut out
        m = re.search(loose, stripped, re.I)
        if m:
            spans.append((m.start(), m.end(), field))
    spans.sort()
    # the ILACS "children in care" row must not also match "children in care and care leavers"
    result: dict[str, str] = {}
    taken: set[str] = set()
    for at, grade in grades:
        inside = [f for s, e, f in spans if s < at < e]
        if inside:
            target = inside[0]
        else:
            before = [f for s, e, f in spans if e <= at]
            after = [f for s, e, f in spans if s >= at]
            if before and before[-1] not in taken:
                target = before[-1]
            elif after and after[0] not in taken:
                target = after[0]
            else:
                continue
        if target in taken:
            continue
        taken.add(target)
        result[target] = grade
    return result


def region(lines: list[str], start: re.Pattern[str], last: re.Pattern[str], tail: int = 2) -> str | None:
    """The lines of a table: from the line matching `start` to the one matching `last`
    and up to `tail` more lines that hold only a grade."""
    begin = next((i for i, x in enumerate(lines) if start.search(x)), None)
    if begin is None:
        return None
    end = next((i for i in range(begin, min(len(lines), begin + 40)) if last.search(lines[i])), None)
    if end is None:
        return None
    stop = end + 1
    for k in range(end + 1, min(len(lines), end + 1 + tail)):
        left = GRADE.sub("", lines[k])
        left = _LEFTOVER.sub("", left)
        if lines[k].strip() and not left.strip(" .") and GRADE.search(lines[k]) or _LEFTOVER.fullmatch(lines[k].strip()):
            stop = k + 1
        else:
            break
    return "\n".join(lines[begin:stop])
