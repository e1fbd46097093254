import datetime as dt

import pytest

from accountable.schema.dates import DateError, FuzzyDate, parse_day


@pytest.mark.parametrize(
    "value, first, precision, text, after",
    [
        ("2014", dt.date(2014, 1, 1), "year", "2014", dt.date(2015, 1, 1)),
        (2014, dt.date(2014, 1, 1), "year", "2014", dt.date(2015, 1, 1)),
        ("2014-10", dt.date(2014, 10, 1), "month", "2014-10", dt.date(2014, 11, 1)),
        ("2014-12", dt.date(2014, 12, 1), "month", "2014-12", dt.date(2015, 1, 1)),
        ("2014-10-28", dt.date(2014, 10, 28), "day", "2014-10-28", dt.date(2014, 10, 29)),
        (dt.date(2016, 2, 29), dt.date(2016, 2, 29), "day", "2016-02-29", dt.date(2016, 3, 1)),
    ],
)
def test_precision_is_kept(value, first, precision, text, after):
    d = FuzzyDate.parse(value)
    assert (d.first, d.precision, str(d), d.after) == (first, precision, text, after)


def test_a_month_never_becomes_its_first_day():
    assert str(FuzzyDate.parse("2014-10")) == "2014-10"
    assert FuzzyDate.parse("2014-10") != FuzzyDate.parse("2014-10-01")


@pytest.mark.parametrize(
    "value, words",
    [
        ("2015-02-30", "has no day 30"),
        ("2015-13", "no month 13"),
        ("28/10/2014", "not a date"),
        ("soon", "not a date"),
        (True, "not a date"),
        ("0201", "out of range"),
    ],
)
def test_impossible_dates_are_named(value, words):
    with pytest.raises(DateError, match=words):
        FuzzyDate.parse(value)


def test_question_dates_need_a_day():
    assert parse_day("2014-11-15") == dt.date(2014, 11, 15)
    with pytest.raises(DateError, match="full date"):
        parse_day("2014-11")
