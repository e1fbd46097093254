"""The hand-labelled truth set of Ofsted reports (tests/ofsted_truth) is well formed and quotes its reports.

Each truth file was written by a person reading one report. These tests keep the set honest: every
field comes from the agreed vocabularies, every date parses, the report it describes exists under
../shared, and every quoted excerpt really occurs in that report's text layer.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "tests" / "ofsted_truth"
REPORTS = ROOT.parent / "shared" / "data" / "ofsted-reports"

FAMILIES = {"sif", "sif_reinspection", "ilacs", "lac_2013", "lscb_review", "unknown"}
JUDGEMENT_FIELDS = {"overall", "help_and_protection", "in_care", "care_leavers", "impact_of_leaders", "adoption", "lscb"}
GRADES = {"outstanding", "good", "requires improvement", "inadequate"}
LAC_2013_GRADES = GRADES | {"adequate"}  # the 2013 looked-after-children framework still graded "adequate"
POSTS = {"dcs", "chief_executive", "lscb_chair", "lead_member", "dass"}
EVENTS = {"in_post", "left", "vacant", "arriving"}
CAPACITIES = {"interim", "acting", "substantive", "joint", "unknown"}
ACTIONS = {"trust", "commissioner_appointed", "statutory_direction", "improvement_notice", "advisers_appointed"}
TOP_KEYS = {"file", "family", "inspection_start", "inspection_end", "parts", "published", "judgements",
            "statements", "interventions", "problem", "notes"}
STATEMENT_KEYS = {"post", "event", "capacity", "date", "date_resolved", "title", "joint_with", "quote", "notes"}
INTERVENTION_KEYS = {"action", "body", "date", "quote", "notes"}
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

TRUTH_FILES = sorted(p for p in TRUTH.glob("*/*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _day(value: object) -> dt.date:
    """A full date, as YAML gives it (a date) or as a string."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _partial(value: object) -> None:
    """A year, a month or a day; each must be a real one."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    assert PARTIAL_DATE.match(text), f"not YYYY, YYYY-MM or YYYY-MM-DD: {text!r}"
    parts = [int(x) for x in text.split("-")] + [1, 1]
    dt.date(parts[0], parts[1], parts[2])


def _fold(text: str) -> str:
    """Whitespace folded to one space, curly apostrophes and quotes made straight."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4)
def _report_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return _fold(" ".join(pages))


def test_the_set_is_large_enough_and_spans_families_and_years() -> None:
    truths = [_load(p) for p in TRUTH_FILES]
    assert len(truths) >= 40
    families = {t["family"] for t in truths}
    assert {"sif", "sif_reinspection", "ilacs", "lac_2013"} <= families
    years = {_day(t["inspection_end"]).year for t in truths if t.get("inspection_end")}
    assert set(range(2013, 2026)) <= years


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_file_is_well_formed(path: Path) -> None:
    truth = _load(path)
    assert set(truth) <= TOP_KEYS, f"{path}: unknown keys {set(truth) - TOP_KEYS}"
    folder, _, name = truth["file"].partition("/")
    assert folder == path.parent.name and name == path.stem + ".pdf", f"{path}: file does not name this truth file"
    assert truth["family"] in FAMILIES
    if truth.get("problem"):
        assert not truth.get("judgements") and not truth.get("statements") and not truth.get("interventions")
        return
    start, end = _day(truth["inspection_start"]), _day(truth["inspection_end"])
    assert start <= end
    for a, b in truth.get("parts") or []:
        assert start <= _day(a) <= _day(b) <= end
    if truth.get("published"):
        assert _day(truth["published"]) >= end
    judgements = truth.get("judgements") or {}
    assert set(judgements) <= JUDGEMENT_FIELDS, f"{path}: {set(judgements) - JUDGEMENT_FIELDS}"
    grades = LAC_2013_GRADES if truth["family"] == "lac_2013" else GRADES
    assert set(judgements.values()) <= grades, f"{path}: {set(judgements.values()) - grades}"
    for s in truth.get("statements") or []:
        assert set(s) <= STATEMENT_KEYS, f"{path}: {s}"
        assert s["post"] in POSTS and s["event"] in EVENTS and s["capacity"] in CAPACITIES, f"{path}: {s}"
        assert s["quote"].strip(), f"{path}: {s}"
        assert (s.get("joint_with") is not None) == (s["capacity"] == "joint"), f"{path}: joint_with goes with joint: {s}"
        if s.get("date") is not None:
            _partial(s["date"])
            assert str(s["date"])[:10] <= end.isoformat() or s["event"] in ("arriving", "left"), f"{path}: {s}"
        else:
            assert s["capacity"] != "unknown", f"{path}: a statement needs a date or a capacity: {s}"
        assert not s.get("date_resolved") or s.get("date") is not None
    for i in truth.get("interventions") or []:
        assert set(i) <= INTERVENTION_KEYS, f"{path}: {i}"
        assert i["action"] in ACTIONS and i["quote"].strip(), f"{path}: {i}"
        assert (i["action"] == "trust") == bool(i.get("body")), f"{path}: a trust names its body: {i}"
        if i.get("date") is not None:
            _partial(i["date"])


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_quotes_occur_in_the_report(path: Path) -> None:
    if not REPORTS.is_dir():
        pytest.skip("../shared/data/ofsted-reports is absent")
    truth = _load(path)
    pdf = REPORTS / truth["file"]
    assert pdf.is_file(), f"{path}: no such report {pdf}"
    if truth.get("problem"):
        assert not pdf.read_bytes().startswith(b"%PDF"), f"{path}: says not a PDF, but it is one"
        return
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = _report_text(pdf)
    missing = [
        item["quote"]
        for item in (truth.get("statements") or []) + (truth.get("interventions") or [])
        if _fold(item["quote"]) not in text
    ]
    assert not missing, f"{path}: quotes not found in {pdf.name}: {missing}"
