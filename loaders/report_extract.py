"""Ofsted's children's services inspection reports (PDF) -> structured records.

One :class:`Report` per file: the family of report, the council as printed, the
inspection's dates, every graded judgement, the leadership statements (who holds
which post, since when, in which capacity) and the interventions the report
mentions. Every statement and intervention carries the exact cleaned sentence it
was read from, its page and the name of the rule that found it, so that a fact
resting on machine extraction can say so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import report_judgements as J
from .report_dates import DateError, parse_day, parse_range
from .report_records import Found, Intervention, Report, Statement
from .report_text import ReportText, Unreadable, clean_pages, read_pages, sentences

__all__ = ["Found", "Statement", "Intervention", "Report", "extract", "extract_all", "extract_text"]

FRAMEWORKS = {
    "sif": "Single inspection framework (SIF)",
    "sif_reinspection": "Single inspection framework (SIF) re-inspection",
    "ilacs": "ILACS",
    "lac_2013": "Inspection of looked after children services (2013)",
    "lscb_review": "Review of the Local Safeguarding Children Board",
    "unknown": "",
}

_FOLDER = re.compile(r"^(\d{4,8})_(.+)$", re.A)


def family_of(page1: str) -> str:
    """The report's family from its first page's titles."""
    t = re.sub(r"\s+", " ", page1).lower().replace("’", "'")
    if re.search(r"\bre-? ?inspection of services for children in need", t):
        return "sif_reinspection"
    if "inspection of services for children in need of help and protection" in t:
        return "sif"
    if "inspection of looked after children services" in t:
        return "lac_2013"
    if re.search(r"inspection of (?:.{0,120}?)local authority children's (?:social care )?services", t) or (
        "inspection of children's social care services" in t
    ):
        return "ilacs"
    if re.match(r"^\W*(?:\d+ )?inspection of .{2,80}? children's services inspection dates", t):
        return "ilacs"
    if "review of the effectiveness of the local safeguarding children" in t:
        return "lscb_review"
    return "unknown"


_TITLE_START = re.compile(
    r"^(?:Re-? ?inspection of services|Reinspection of services|Inspection of services|Inspection of looked after"
    r"|Inspection of local authority children|Inspection of children.s social care|Review of the effectiveness)",
    re.I,
)


def council_on_page1(lines: list[str], family: str) -> str | None:
    """The council as page 1 prints it."""
    text = [x.strip() for x in lines if x.strip()]
    if family == "ilacs":
        joined = " ".join(text[:6])
        m = re.search(r"Inspection of (.+?) local authority children.s services", joined)
        if m and not m.group(1).lower().startswith("services"):
            return _tidy_council(m.group(1))
        m = re.search(r"Inspection of (.+?) children.s services", joined)
        if m and "local authority" not in m.group(1):
            return _tidy_council(m.group(1))
    if family == "lac_2013":
        for i, x in enumerate(text[:8]):
            if x.lower().startswith("inspection dates") and i:
                return _tidy_council(text[i - 1])
    # SIF, re-inspections, the LSCB review and the older ILACS: the lines before the title
    names = []
    for x in text[:8]:
        if _TITLE_START.match(x):
            break
        if re.fullmatch(r"\d{1,3}", x):
            continue
        names.append(x)
    if names:
        return _tidy_council(" ".join(names))
    return None


def _tidy_council(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,")
    name = re.sub(r"^the\s+", "", name, flags=re.I) if name.lower().startswith("the isle") else name
    return name


_DATES_LINE = re.compile(r"^\s*Inspection dates?\s*:?\s*(.*)$", re.I)
_STOP_LINE = re.compile(
    r"^\s*(Report published|Lead inspector|Reporting inspector|Judgement|Age group|Published|Inspection of)", re.I
)


def dates_on_page1(lines: list[str]) -> tuple[list[tuple[str, str]], str | None]:
    """The parts of the inspection and the value as printed, from "Inspection date(s):"."""
    for i, line in enumerate(lines[:30]):
        m = _DATES_LINE.match(line)
        if not m:
            continue
        value = m.group(1).strip()
        j = i + 1
        while j < len(lines) and j < i + 4:
            nxt = lines[j].strip()
            if not nxt or _STOP_LINE.match(nxt):
                break
            ends_with_year = re.search(r"\d{4}\s*$", value)
            if ends_with_year and not re.match(r"^(and\b|[\u2013\u2212\u2500-]|to\b)", nxt, re.I):
                break
            if not re.search(r"\d", nxt) and len(nxt) > 30:
                break
            value += " " + nxt
            j += 1
        try:
            return parse_range(value), value
        except DateError:
            return [], value
    return [], None


_PUBLISHED = re.compile(r"^\s*(?:Report\s+)?published\s*:?\s*(.+)$", re.I)


def published_on_page1(lines: list[str]) -> str | None:
    for line in lines[:30]:
        m = _PUBLISHED.match(line)
        if m:
            return parse_day(m.group(1))
    return None


# -- judgements ----------------------------------------------------------------------------

_SIF_TABLE_START = re.compile(r"^\s*1\.?\s+Children who need help", re.I)
_SIF_TABLE_END = re.compile(r"Leadership,?\s+management\s+and\s+governance", re.I)
_ILACS_TABLE_START = re.compile(r"^\s*Judgement\s+Grade", re.I)
_ILACS_TABLE_END = re.compile(r"^\s*(?:.{0,40}\s)?Overall\s+effectiveness", re.I)
_OVERALL_SIF = [
    re.compile(r"^The overall judgement is (?:that )?(?:children.s services (?:in [\w ,.'’&-]+? )?)?(.+)$", re.I),
    re.compile(r"^Children.s services(?: in .{2,80}?)? ((?:is|are) .+|requires? improvement.*)$", re.I),
]
_LSCB_SENTENCE = re.compile(
    r"^The (?:effectiveness of the )?(?:local safeguarding children.?s? board|LSCB)(?: \([A-Z]+\))?"
    r"(?: in [\w ,.'’&-]{2,40}?)? (?:is |are )?(requires? improvement(?: to be good)?|good|outstanding|inadequate)"
    r"(?:\.| because:)?$",
    re.I,
)
_LAC_OVERALL = re.compile(r"Overall effectiveness\s+(Outstanding|Good|Adequate|Inadequate)", re.I)
_LAC_LEADERSHIP = re.compile(r"Leadership and management\s+(Outstanding|Good|Adequate|Inadequate)", re.I)


def judgements_of(family: str, pages: list[list[str]], sents: list) -> dict[str, str]:
    page1 = pages[0] if pages else []
    out: dict[str, str] = {}
    if family in ("sif", "sif_reinspection"):
        text = J.region(page1 + (pages[1] if len(pages) > 1 else []), _SIF_TABLE_START, _SIF_TABLE_END)
        if text:
            out.update(J.table(text, J.SIF_LABELS))
        head = " ".join(x.strip() for x in page1)
        for pattern in _OVERALL_SIF:
            for s in sents[:40]:
                m = pattern.match(s.text)
                if m:
                    g = J.grade_word(m.group(1)[:40])
                    if g:
                        out["overall"] = g
                        break
            if "overall" in out:
                break
        if "overall" not in out:
            m = re.search(r"The overall judgement is (?:that )?(?:children.s services )?(.{0,40})", head, re.I)
            if m and J.grade_word(m.group(1)):
                out["overall"] = J.grade_word(m.group(1))
    if family in ("sif", "lscb_review"):
        for s in sents:
            m = _LSCB_SENTENCE.match(s.text)
            if m:
                out["lscb"] = J.grade_word(m.group(1))
                break
    if family == "ilacs":
        text = J.region(page1, _ILACS_TABLE_START, _ILACS_TABLE_END)
        if text is None and len(pages) > 1:
            text = J.region(pages[1], _ILACS_TABLE_START, _ILACS_TABLE_END)
        if text:
            out.update(J.table(text, J.ILACS_LABELS))
    if family == "lac_2013":
        flat = " ".join(" ".join(p) for p in pages[-4:])
        for field, pattern in (("overall", _LAC_OVERALL), ("impact_of_leaders", _LAC_LEADERSHIP)):
            m = pattern.search(re.sub(r"\s+", " ", flat))
            if m:
                out[field] = m.group(1).lower()
    return out


# -- the whole report ----------------------------------------------------------------------


def _split_path(path: Path) -> tuple[str, str, str | None]:
    folder = path.parent.name
    m = _FOLDER.match(folder)
    return folder, path.name, m.group(1) if m else None


def extract_text(path: str | Path, raw_pages: list[str]) -> Report:
    """A report from its pages' raw text (as :func:`report_text.read_pages` gives them)."""
    from .report_statements import interventions_in, statements_in

    path = Path(path)
    folder, name, urn = _split_path(path)
    report = Report(path=str(path), folder=folder, file=name, urn=urn)
    pages = clean_pages(raw_pages)
    sents = sentences(pages)
    page1 = pages[0] if pages else []
    report.family = family_of("\n".join(page1))
    report.framework = FRAMEWORKS[report.family]
    report.council_printed = council_on_page1(page1, report.family)
    parts, _printed = dates_on_page1(page1)
    if parts:
        report.parts = parts if len(parts) > 1 else []
        report.inspection_start = parts[0][0]
        report.inspection_end = parts[-1][1]
    report.published = published_on_page1(page1)
    report.judgements = judgements_of(report.family, pages, sents)
    text = ReportText(pages, sents)
    report.statements = statements_in(text, report)
    report.interventions = interventions_in(text, report)
    if report.family == "unknown":
        report.problem = "the first page names no report type this reader knows"
    elif not report.urn and not report.council_printed:
        report.problem = "the council cannot be told: no URN in the folder name and none printed on page 1"
    elif not report.inspection_end:
        report.problem = "no inspection dates could be read on page 1"
    return report


def extract(path) -> Report:
    """Read one report file; a file that cannot be used has `problem` set (and nothing else)."""
    path = Path(path)
    try:
        raw = read_pages(path)
    except Unreadable as exc:
        folder, name, urn = _split_path(path)
        return Report(path=str(path), folder=folder, file=name, urn=urn, problem=f"{name} {exc}")
    return extract_text(path, raw)


def extract_all(paths, workers: int = 2) -> list[Report]:
    """Extract many reports with a process pool (one PDF at a time per worker), in the order given."""
    paths = [str(p) for p in paths]
    if workers <= 1 or len(paths) < 2:
        return [extract(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    workers = min(workers, len(paths), os.cpu_count() or 1) or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(extract, paths, chunksize=4))
