"""Reading Ofsted's report PDFs: dates in every printed layout, judgement tables, leadership
statements and interventions (false friends refused), footers and hyphens; and, where
../shared and the hand-labelled truth set are present, the accuracy targets on the real reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accountable.loaders import report_judgements as J
from accountable.loaders.report_dates import DateError, parse_range
from accountable.loaders.report_extract import Report, extract, family_of, judgements_of
from accountable.loaders.report_statements import interventions_in, resolve_date, statements_in
from accountable.loaders.report_text import ReportText, Sentence, clean_pages, mend_hyphens, sentences

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "data" / "ofsted-reports"
TRUTH = ROOT / "tests" / "ofsted_truth"


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, parts",
    [
        ("6 July 2015 – 30 July 2015", [("2015-07-06", "2015-07-30")]),
        ("23 June – 16 July 2015", [("2015-06-23", "2015-07-16")]),
        ("25 September to 19 October 2017", [("2017-09-25", "2017-10-19")]),
        ("6 to 17 December 2021", [("2021-12-06", "2021-12-17")]),
        ("9–24 November 2017", [("2017-11-09", "2017-11-24")]),
        ("14 January 2014- 5 February 2014", [("2014-01-14", "2014-02-05")]),
        ("20 June 2017 ─ 13 July 2017", [("2017-06-20", "2017-07-13")]),
        ("05 July 2016 – 28 July 2016", [("2016-07-05", "2016-07-28")]),
        ("18 Feb 2014 – 6 Mar 2014", [("2014-02-18", "2014-03-06")]),
        ("12/09/2016 to 06/10/2016", [("2016-09-12", "2016-10-06")]),
        ("26th February 2024 to 8th March 2024", [("2024-02-26", "2024-03-08")]),
        ("8 – 12 July 2013", [("2013-07-08", "2013-07-12")]),
        ("30 December 2019 to 10 January 2020", [("2019-12-30", "2020-01-10")]),
        ("28 November − 9 December 2016", [("2016-11-28", "2016-12-09")]),
        (
            "19 November-11 December 2013 and 28 – 30\nJanuary 2014",
            [("2013-11-19", "2013-12-11"), ("2014-01-28", "2014-01-30")],
        ),
        (
            "8 July 2019 to 12 July 2019 and 7 August 2019 to\n8 August 2019",
            [("2019-07-08", "2019-07-12"), ("2019-08-07", "2019-08-08")],
        ),
    ],
)
def test_inspection_dates_in_every_layout(printed: str, parts: list[tuple[str, str]]) -> None:
    assert parse_range(printed) == parts


@pytest.mark.parametrize("printed", ["no dates here", "6 to 17", "30 July 2015 – 6 July 2015"])
def test_what_is_no_date_range_is_refused(printed: str) -> None:
    with pytest.raises(DateError):
        parse_range(printed)


def test_the_dates_line_split_across_lines_on_page_one() -> None:
    from accountable.loaders.report_extract import dates_on_page1

    lines = ["Sheffield City Council", "Inspection date: 19 November-11 December 2013 and 28 – 30", "January 2014",
             "Report published: 21 February 2014"]
    parts, printed = dates_on_page1(lines)
    assert parts == [("2013-11-19", "2013-12-11"), ("2014-01-28", "2014-01-30")]
    assert printed.endswith("January 2014")


def test_relative_dates_resolve_against_the_inspection() -> None:
    assert resolve_date("November last year", "2016-03-18") == ("2015-11", True)
    assert resolve_date("July", "2024-06-07", future=True) == ("2024-07", True)
    assert resolve_date("July", "2024-06-07") == ("2023-07", True)
    assert resolve_date("6 January 2008", "2016-03-18") == ("2008-01-06", False)
    assert resolve_date("Feb 2012", "2016-12-08") == ("2012-02", False)
    assert resolve_date("2011", "2016-03-18") == ("2011", False)


# -- judgements ------------------------------------------------------------------------------------

SIF_2014 = """1. Children who need help and protection
Requires
improvement
2. Children looked after and achieving permanence Good
2.1 Adoption performance
Requires
Outstanding
2.2 Experiences and progress of care leavers Good
3. Leadership, management and governance
Requires
improvement"""

SIF_SPLIT = """1. Children who need help and protection Requires
2. Children looked after and achieving permanence
Improvement
Inadequate
2.1 Adoption performance Good
2.2 Experiences and progress of care leavers Good
3. Leadership, management and governance Inadequate"""

ILACS_WRAPPED = """Judgement Grade
The impact of leaders on social work practice with children
and families Inadequate
The experiences and progress of children who need help and
Requires improvement
protection
to be good
The experiences and progress of children in care and care
leavers Good
Requires improvement to be good
Overall effectiveness"""

ILACS_2023 = """Judgement Grade
The impact of leaders on social work
practice with children and families
Good
The experiences and progress of
children who need help and protection
Requires improvement to be good
The experiences and progress of
children in care
Outstanding
The experiences and progress of care
leavers
Good
Overall effectiveness Good"""


def test_sif_table_with_grades_split_around_labels() -> None:
    got = J.table(SIF_SPLIT, J.SIF_LABELS)
    assert got == {
        "help_and_protection": "requires improvement",
        "in_care": "inadequate",
        "adoption": "good",
        "care_leavers": "good",
        "impact_of_leaders": "inadequate",
    }


def test_ilacs_table_wrapped_labels_and_a_grade_above_its_label() -> None:
    assert J.table(ILACS_WRAPPED, J.ILACS_LABELS) == {
        "impact_of_leaders": "inadequate",
        "help_and_protection": "requires improvement",
        "in_care": "good",
        "overall": "requires improvement",
    }


def test_ilacs_table_with_care_leavers_row() -> None:
    assert J.table(ILACS_2023, J.ILACS_LABELS) == {
        "impact_of_leaders": "good",
        "help_and_protection": "requires improvement",
        "in_care": "outstanding",
        "care_leavers": "good",
        "overall": "good",
    }


def test_sif_headline_and_lscb_sentence() -> None:
    page1 = ["Inspection of services for children in need of help and protection, children looked after and care",
             "leavers and Review of the effectiveness of the local safeguarding children board",
             "Inspection date: 2 June 2014 – 25 June 2014"] + SIF_2014.split("\n")
    sents = [Sentence(1, "The overall judgement is requires improvement"),
             Sentence(1, "The effectiveness of the Local Safeguarding Children Board (LSCB) is requires improvement")]
    got = judgements_of("sif", [page1], sents)
    assert got["overall"] == "requires improvement"
    assert got["lscb"] == "requires improvement"
    assert got["help_and_protection"] == "requires improvement"
    assert got["in_care"] == "good"


@pytest.mark.parametrize(
    "title, family",
    [
        ("Inspection of services for children in need of help and protection, children looked after and care leavers\nand\n"
         "Review of the effectiveness of the local safeguarding children board", "sif"),
        ("Leicestershire\nInspection of services for children in need of help and protection", "sif"),
        ("Re-inspection of services for children in need of help and\nprotection, children looked after and care leavers",
         "sif_reinspection"),
        ("Inspection of Barnsley local authority\nchildren’s services\nInspection dates: 11 to 15 September 2023", "ilacs"),
        ("Inspection of Barking and Dagenham\nchildren’s services\nInspection dates: 10 to 21 July 2023", "ilacs"),
        ("1\nSlough Borough Council\nInspection of local authority children’s services", "ilacs"),
        ("Inspection of looked after children\nservices\nNorfolk County Council", "lac_2013"),
        ("Surrey Safeguarding Children Board\nReview of the effectiveness of the Local Safeguarding Children\nBoard",
         "lscb_review"),
        ("Something else entirely", "unknown"),
    ],
)
def test_family_from_page_one(title: str, family: str) -> None:
    assert family_of(title) == family


# -- text cleaning ---------------------------------------------------------------------------------


def test_running_footers_and_page_numbers_are_removed() -> None:
    footer = "Inspection of Barnsley local authority children’s services"
    raw = ["Inspection of Barnsley local authority\nchildren’s services\nInspection dates: 11 to 15 September 2023\n"]
    for n in range(2, 7):
        words = ["Leaders", "Managers", "Partners", "Carers", "Workers", "Children"][n - 2]
        raw.append(f"{footer}\n11 to 15 September 2023 {n}\n{words} on page {n} say what runs on from the \nprevious page and")
    pages = clean_pages(raw)
    for n, lines in enumerate(pages[1:], start=2):
        assert footer not in " ".join(lines)
        assert not any(line.strip().endswith(f"2023 {n}") for line in lines)
    text = " ".join(s.text for s in sentences(pages))
    assert "Inspection of Barnsley local authority children’s services" in text  # page 1's title stays
    assert "runs on from the previous page and Managers on page 3" in text


def test_sif_page_numbers_and_footnotes_dropped() -> None:
    raw = [
        "1\nCouncil\n",
        "2\nOther information about this area\n\uf06e The Director of Children’s Services has been in post since August 2012.\n"
        " \n3\nThese are residential special schools that look after children for fewer than 295 days.",
        "3\n\uf06e The chair of the LSCB has been in post since January 2014.",
    ]
    got = [(s.page, s.text) for s in sentences(clean_pages(raw))]
    assert (2, "The Director of Children’s Services has been in post since August 2012.") in got
    assert (3, "The chair of the LSCB has been in post since January 2014.") in got
    assert not any("residential special schools" in t for _, t in got)


def test_line_end_hyphens_decided_by_the_documents_own_words() -> None:
    doc = "multi\ufffeagency work and multi-agency panels; well\ufffebeing and wellbeing; day-to\ufffeday"
    mended = mend_hyphens(doc)
    assert "multi-agency work" in mended
    assert "wellbeing and wellbeing" in mended
    assert "day-to-day" in mended
    # a word the document never writes closed keeps its hyphen
    assert mend_hyphens("decision\ufffemaking") == "decision-making"


def test_bullets_are_normalised_and_start_sentences() -> None:
    raw = ["1\nTitle\n", "2\n\uf0b7 First point ends here.\n\u25fc Second point\ncontinues here.\n\uf0a7 Third."]
    got = [s.text for s in sentences(clean_pages(raw))]
    assert "First point ends here." in got
    assert "Second point continues here." in got
    assert "Third." in got


# -- statements ------------------------------------------------------------------------------------


def _report(family: str = "sif", start: str = "2016-02-15", end: str = "2016-03-10", council: str = "Testshire") -> Report:
    return Report(path="x.pdf", folder="1_testshire", file="x.pdf", urn="1", council_printed=council, family=family,
                  inspection_start=start, inspection_end=end)


def _statements(*texts: str, family: str = "sif", leadership: bool = True, **kw) -> list[tuple]:
    sents = ([Sentence(5, "Local leadership")] if leadership else []) + [Sentence(5, t) for t in texts]
    found = statements_in(ReportText([], sents), _report(family, **kw))
    return [(s.post, s.event, s.capacity, s.date, s.date_resolved, s.joint_with) for s in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The DCS has been in post since July 2013.", ("dcs", "in_post", "unknown", "2013-07", False, None)),
        ("The chief executive has been in post since 6 January 2008.",
         ("chief_executive", "in_post", "unknown", "2008-01-06", False, None)),
        ("The interim DCS has been in post since July 2016.", ("dcs", "in_post", "interim", "2016-07", False, None)),
        ("The interim director of children’s services (DCS) has been in post since 5 January 2015.",
         ("dcs", "in_post", "interim", "2015-01-05", False, None)),
        ("The current permanent DCS has been in post since August 2023 and is supported by an interim senior leadership team.",
         ("dcs", "in_post", "substantive", "2023-08", False, None)),
        ("The Chair of the LSCB has been in post for three years.",
         ("lscb_chair", "in_post", "unknown", "2013-03", True, None)),
        ("The Chair of the LSCB retired in August 2014.", ("lscb_chair", "left", "unknown", "2014-08", False, None)),
        ("A new chief executive has been appointed and will come into post in September 2017.",
         ("chief_executive", "arriving", "unknown", "2017-09", False, None)),
        ("The Director of Children’s Services, who is also the Director of Adults Social Services, has been in post since 27 May 2011.",
         ("dcs", "in_post", "joint", "2011-05-27", False, "dass")),
        ("He is also the DCS in Halton.", ("dcs", "in_post", "joint", None, False, "Halton")),
        ("The DCS is also responsible for adult services.", ("dcs", "in_post", "joint", None, False, "dass")),
        ("The current interim DCS has led some improvements from a very low base.",
         ("dcs", "in_post", "interim", None, False, None)),
        ("A permanent DCS has been appointed and was due to join the council in July.",
         ("dcs", "arriving", "substantive", "2016-07", True, None)),
        ("The appointment of the interim director of children’s services to the permanent role has had an impact.",
         ("dcs", "in_post", "substantive", None, False, None)),
        ("In February 2022, a new chief executive was appointed.",
         ("chief_executive", "in_post", "unknown", "2022-02", False, None)),
        ("An experienced DCS took up post in May 2015.", ("dcs", "in_post", "unknown", "2015-05", False, None)),
        ("The new DCS takes up post in May 2016.", ("dcs", "arriving", "unknown", "2016-05", False, None)),
    ],
)
def test_leadership_statement_rules(sentence: str, expected: tuple) -> None:
    assert _statements(sentence) == [expected]


def test_one_sentence_can_give_a_vacancy_and_an_earlier_holder() -> None:
    got = _statements("The chair of the Local Safeguarding Children’s Board has been vacant since October 2013 with the "
                      "previous chair having been in post since May 2011.")
    assert ("lscb_chair", "vacant", "unknown", "2013-10", False, None) in got
    assert ("lscb_chair", "in_post", "unknown", "2011-05", False, None) in got
    assert len(got) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "The interim head of Families First has been in post since January 2013.",  # not one of the five posts
        "Recruitment for a new independent chair is underway.",  # no date, no capacity
        "The Director of Children’s Services has been proactive in promoting the visibility of CSE.",
        "Some have even started to chair their own reviews.",
        "This is now being supported through the recruitment of a new interim director for children’s services (DCS).",
        "The chair of the corporate parenting board has been in post since 2012.",
        "Previous interim directors of children’s services were in post for short periods.",
    ],
)
def test_sentences_that_are_no_leadership_statement(sentence: str) -> None:
    assert _statements(sentence, leadership=False) == []


def test_a_statement_keeps_quote_page_and_rule() -> None:
    sents = [Sentence(7, "Local leadership"), Sentence(7, "The DCS has been in post since July 2013.")]
    (found,) = statements_in(ReportText([], sents), _report())
    assert found.quote == "The DCS has been in post since July 2013."
    assert found.page == 7
    assert found.rule == "sif.leadership.in_post_since"


# -- interventions --------------------------------------------------------------------------------


def _interventions(*texts: str, family: str = "ilacs") -> list[tuple]:
    found = interventions_in(ReportText([], [Sentence(3, t) for t in texts]), _report(family, end="2023-07-14"))
    return [(i.action, i.body, i.date) for i in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Since April 2018, children’s services have been delivered by Sandwell Children’s Trust.",
         ("trust", "Sandwell Children's Trust", "2018-04")),
        ("Services for children and families in Kingston are provided by Achieving for Children (AfC), a not-for-profit "
         "community interest company.", ("trust", "Achieving for Children", None)),
        ("As a result of these concerns, in September 2021, the Secretary of State for Education appointed a Commissioner "
         "of Children’s Services.", ("commissioner_appointed", None, "2021-09")),
        ("In August 2013, the Secretary of State directed that an independent trust should be established.",
         ("statutory_direction", None, "2013-08")),
        ("Following the focused visit in 2021, the DfE appointed an improvement adviser and the new improvement board "
         "met in July 2021.", ("advisers_appointed", None, "2021")),
    ],
)
def test_intervention_rules(sentence: str, expected: tuple) -> None:
    assert _interventions(sentence) == [expected]


def test_improvement_notices_one_record_per_date() -> None:
    got = _interventions("The Secretary of State issued Improvement Notices in April 2012, January 2013 and January 2014.")
    assert got == [("improvement_notice", None, "2012-04"), ("improvement_notice", None, "2013-01"),
                   ("improvement_notice", None, "2014-01")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Staff understand the risks posed by adults in positions of trust.",
        "Young people build relationships of trust with their personal advisers.",
        "The Children’s Trust board oversees the children and young people’s plan.",
        "Health visitors from the NHS foundation trust attend strategy meetings.",
        "The Police and Crime Commissioner funds the domestic abuse service.",
        "Young commissioners helped to choose the new providers.",
        "Commissioners have a good understanding of the sufficiency of placements.",
        "The independent reviewing officers give clear case direction to social workers.",
        "School improvement advisers challenge schools on the progress of children in care.",
        "Cheshire East issued a direction to practice managers about thresholds.",
        "The Department for Education (DfE) lifted the Improvement Notice in December 2011.",
        "Children on the edge of care benefit from support provided by the Families Together teams.",
        "Targeted services provided by the Stockport Families First Team help families.",
        "A public services trust of several public bodies commissions early help.",
        "Performance management information has improved significantly under the direction of the DCS.",
        "The Children’s Trust was reviewed and re-established in January 2014 and provides stronger oversight.",
        "Agencies work together for children, young people and their families in delivering services.",
        "The fostering service is provided by Achieving for Children, an independent fostering agency.",
    ],
)
def test_false_friends_are_refused(sentence: str) -> None:
    assert _interventions(sentence) == []


# -- files ------------------------------------------------------------------------------------------


def test_an_html_page_named_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    fake = tmp_path / "80431_blackpool" / "children's services inspection - 13 july 2012.pdf"
    fake.parent.mkdir()
    fake.write_text("<!DOCTYPE html><html><head><title>Report not found - Ofsted</title></head><body></body></html>")
    report = extract(fake)
    assert report.urn == "80431"
    assert report.problem and "not a PDF but an HTML page" in report.problem and "Report not found" in report.problem
    assert report.statements == [] and report.judgements == {}


def test_an_empty_or_broken_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "1_x" / "a.pdf"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    assert "empty" in extract(empty).problem
    broken = tmp_path / "1_x" / "b.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a PDF\n")
    assert "not a readable PDF" in extract(broken).problem


# -- the real reports against the hand-labelled truth -------------------------------------------------


def test_accuracy_on_the_labelled_reports_meets_the_targets() -> None:
    if not REPORTS.is_dir():
        pytest.skip("../shared/data/ofsted-reports is not here")
    from bench.ofsted_accuracy import load_truth, score

    truths = load_truth(TRUTH)
    if not truths:
        pytest.skip("no truth files in tests/ofsted_truth")
    result = score(truths, REPORTS, workers=2)
    t = result.tallies
    misses = "\n".join(result.misses[:40])
    for name in ["inspection_start", "inspection_end"] + [k for k in t if k.startswith("judgement.")]:
        if t[name].truth:
            assert t[name].precision >= 0.99 and t[name].recall >= 0.99, f"{name}\n{misses}"
    assert t["statements"].precision >= 0.95, misses
    assert t["statements"].recall >= 0.90, misses
    assert t["interventions"].precision >= 0.90, misses
