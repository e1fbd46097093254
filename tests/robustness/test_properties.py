"""Properties, checked on generated inputs (hypothesis): date precision, intervals, the `active` rule,
the overlap check, the loader on mangled files, and loads that are idempotent and order-free."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from accountable.graph import open_store
from accountable.loaders import facts
from accountable.loaders.problems import InvalidInput
from accountable.queries.answers import active
from accountable.schema.dates import DateError, FuzzyDate, parse_day
from accountable.schema.facts import LINE_PATTERN, REL_MODELS

pytestmark = pytest.mark.robustness

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WITH_DB = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LAST_DAY = dt.date(2200, 12, 31)


@st.composite
def fuzzy_dates(draw, lo: dt.date = dt.date(1800, 1, 1), hi: dt.date = LAST_DAY) -> FuzzyDate:
    precision = draw(st.sampled_from(["year", "month", "day"]))
    d = draw(st.dates(min_value=lo, max_value=hi))
    if precision == "year":
        return FuzzyDate(dt.date(d.year, 1, 1), "year")
    if precision == "month":
        return FuzzyDate(dt.date(d.year, d.month, 1), "month")
    return FuzzyDate(d, "day")


days = st.dates(min_value=dt.date(1800, 1, 1), max_value=LAST_DAY)


# ---------------------------------------------------------------- FuzzyDate


@given(fuzzy_dates())
def test_a_date_reads_back_as_written_and_keeps_its_precision(d):
    text = str(d)
    assert FuzzyDate.parse(text) == d
    assert len(text) == {"year": 4, "month": 7, "day": 10}[d.precision]
    if d.precision == "year":
        assert FuzzyDate.parse(d.first.year) == d  # YAML gives a bare year as a number


@given(fuzzy_dates())
def test_first_last_and_after_bound_exactly_the_days_a_date_means(d):
    assert d.first <= d.last < d.after
    assert d.contains(d.first) and d.contains(d.last) and not d.contains(d.after)
    if d.first > dt.date(1800, 1, 1):
        assert not d.contains(d.first - dt.timedelta(days=1))
    span = (d.after - d.first).days
    if d.precision == "day":
        assert span == 1
    elif d.precision == "month":
        assert span in (28, 29, 30, 31) and d.after.day == 1
    else:
        assert span in (365, 366) and (d.after.month, d.after.day) == (1, 1)


@given(fuzzy_dates(), days)
def test_a_day_is_in_a_date_exactly_when_its_text_begins_with_the_dates_text(d, day):
    assert d.contains(day) == day.isoformat().startswith(str(d))


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                 st.lists(st.integers(), max_size=3), st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")))
@example("2015-02-29")
@example("2016-02-29")
@example("0000")
@example("\u0a68000")  # Gurmukhi digit two: found by this test, once read as the year 2000
def test_parsing_anything_gives_a_date_or_a_date_error(value):
    try:
        d = FuzzyDate.parse(value)
    except DateError as e:
        assert str(e)  # a message in words
        return
    if isinstance(value, str):
        assert str(d) == value.strip()


@given(fuzzy_dates())
def test_a_question_date_must_be_a_day(d):
    if d.precision == "day":
        assert parse_day(str(d)) == d.first
    else:
        with pytest.raises(DateError, match="full date"):
            parse_day(str(d))


def holds(start: FuzzyDate | None, end: FuzzyDate | None, rid: str = "h") -> dict:
    rec = {"kind": "HOLDS", "id": rid, "from": "p", "to": "q", "capacity": "interim", "evidence": [{"source": "s", "quote": "q"}]}
    if start is not None:
        rec["start"] = str(start)
    if end is not None:
        rec["end"] = str(end)
    return rec


@given(fuzzy_dates(), fuzzy_dates())
def test_an_interval_is_refused_exactly_when_every_day_of_its_end_precedes_every_day_of_its_start(start, end):
    record = REL_MODELS["HOLDS"].model_validate(holds(start, end))
    assert (record.interval_problem() is not None) == (end.last < start.first)


# ---------------------------------------------------------------- the `active` rule on what the loader stores


@given(fuzzy_dates(), st.one_of(st.none(), fuzzy_dates()), days)
def test_a_fact_is_active_from_the_first_day_of_its_start_to_the_last_day_of_its_end(start, end, on):
    assume(end is None or end.last >= start.first)
    record = REL_MODELS["HOLDS"].model_validate(holds(start, end))
    row = facts.rel_row(record, {})
    assert active(row, on) == (start.first <= on and (end is None or on <= end.last))
    assert active(row, start.first)
    if end is not None:
        assert active(row, end.last) and not active(row, end.after)


@given(fuzzy_dates(), st.one_of(st.none(), fuzzy_dates()), days, days)
def test_active_days_have_no_gaps(start, end, d1, d2):
    assume(end is None or end.last >= start.first)
    row = facts.rel_row(REL_MODELS["HOLDS"].model_validate(holds(start, end)), {})
    lo, hi = sorted((d1, d2))
    if active(row, lo) and active(row, hi):
        mid = lo + (hi - lo) / 2
        assert active(row, mid)


# ---------------------------------------------------------------- the overlap check


def fact_file(relationships: list[dict], people: tuple[str, ...] = ("ann",)) -> str:
    return yaml.safe_dump({
        "sources": [{"id": "s", "title": "T", "publisher": "P", "published": "2020-05-12", "source_kind": "news"}],
        "entities": [{"kind": "Council", "id": "c", "name": "C Council"}] + [{"kind": "Person", "id": p, "name": p.title()} for p in people],
        "relationships": relationships,
    }, allow_unicode=True, sort_keys=False)


@st.composite
def intervals(draw):
    start = draw(fuzzy_dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    end = draw(st.one_of(st.none(), fuzzy_dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
    assume(end is None or end.last >= start.first)
    return start, end


@given(intervals(), intervals())
@settings(FAST)
def test_two_holdings_of_one_post_by_one_person_are_refused_exactly_when_they_share_a_day(a, b):
    def rel(iv, rid):
        r = {"kind": "HOLDS", "id": rid, "from": "ann", "to": "c/dcs", "capacity": "interim", "start": str(iv[0]),
             "evidence": [{"source": "s", "quote": "Ann"}]}
        if iv[1] is not None:
            r["end"] = str(iv[1])
        return r

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.yaml"
        path.write_text(fact_file([rel(a, "h1"), rel(b, "h2")]), encoding="utf-8")
        (s1, e1), (s2, e2) = a, b
        far = dt.date(9999, 1, 1)
        share = max(s1.first, s2.first) < min(e1.after if e1 else far, e2.after if e2 else far)
        try:
            facts.prepare([path], None)
            refused = False
        except InvalidInput as e:
            assert all("the two holdings overlap" in p.message for p in e.problems), e.problems
            refused = True
        assert refused == share


# ---------------------------------------------------------------- the loader on mangled input

GOOD = Path(__file__).resolve().parent.parent.parent / "data" / "facts" / "somerset.yaml"
NOISE = st.text(alphabet=":-[]{}#&*!|>'\"\n\t %@`,?~=\\abcxyz019ŵô\u00a0\ufeff", max_size=12)


@st.composite
def mangled(draw) -> str:
    lines = GOOD.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap", "truncate", "indent"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(NOISE) + "\n")
        elif op == "replace":
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            k = draw(st.integers(j, len(line)))
            lines[i] = line[:j] + draw(NOISE) + line[k:]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            lines = lines[:i]
        else:
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    return "".join(lines)


def assert_named_or_loaded(path: Path) -> None:
    """The loader either accepts the file or names every problem with a line in it; nothing else."""
    n_lines = path.read_bytes().count(b"\n") + 1
    try:
        facts.prepare([path], None)
    except InvalidInput as e:
        assert e.problems
        for p in e.problems:
            assert 1 <= p.line <= n_lines + 1 and p.field and p.message, p
            assert "\n" not in str(p)


@given(mangled())
@settings(FAST)
def test_a_mangled_fact_file_is_loaded_or_its_problems_named(text):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "somerset.yaml"
        path.write_text(text, encoding="utf-8")
        assert_named_or_loaded(path)


@given(st.binary(max_size=200), st.integers(0, 4000))
@settings(FAST)
def test_bytes_spliced_into_a_fact_file_are_loaded_or_named(noise, at):
    raw = GOOD.read_bytes()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "somerset.yaml"
        path.write_bytes(raw[:at] + noise + raw[at:])
        assert_named_or_loaded(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
record_like = st.fixed_dictionaries(
    {"type": st.sampled_from(["source", "entity", "relationship", "other"])},
    optional={"kind": st.sampled_from(["Person", "Council", "HOLDS", "POST_IN", "Nope"]) | json_values,
              "id": st.sampled_from(["ann", "c", "c/dcs"]) | json_values, "name": json_values, "from": json_values,
              "to": json_values, "start": json_values, "evidence": json_values, "title": json_values, "published": json_values},
)


@given(st.lists(record_like | json_values, max_size=6))
@settings(FAST)
def test_json_lines_of_any_shape_are_loaded_or_named(rows):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "facts.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        assert_named_or_loaded(path)


# ---------------------------------------------------------------- names, and loads that are idempotent and order-free

# Any name the text gate lets through (it refuses control characters and the bidirectional
# controls, each with its own message: tests/bad_inputs/cases.yaml).
names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != "" and re.fullmatch(LINE_PATTERN, s) is not None)


@given(st.lists(names, min_size=1, max_size=5, unique=True))
@settings(FAST)
def test_any_name_is_read_exactly_as_written(person_names):
    people = [{"kind": "Person", "id": f"p{i}", "name": n} for i, n in enumerate(person_names)]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "names.yaml"
        path.write_text(yaml.safe_dump({"entities": people}, allow_unicode=True), encoding="utf-8")
        bundle, batch = facts.prepare([path], None)
        assert [r["name"] for r in batch.nodes["Person"]] == person_names


@st.composite
def worlds(draw, prefix: str):
    """A file of its own people holding the shared council's posts at generated, non-overlapping times."""
    n = draw(st.integers(1, 3))
    people, rels = [], []
    for i in range(n):
        pid = f"{prefix}-{i}"
        people.append({"kind": "Person", "id": pid, "name": draw(names)})
        start, end = draw(intervals())
        rel = {"kind": "HOLDS", "from": pid, "to": f"shared/{draw(st.sampled_from(['dcs', 'lead_member']))}",
               "capacity": draw(st.sampled_from(["substantive", "interim", "acting"])), "start": str(start),
               "evidence": [{"source": f"{prefix}-source", "quote": draw(names)}]}
        if end is not None:
            rel["end"] = str(end)
        rels.append(rel)
    return yaml.safe_dump({
        "sources": [{"id": f"{prefix}-source", "title": draw(names), "publisher": "P", "published": "2031-01-15", "source_kind": "news"}],
        "entities": [{"kind": "Council", "id": "shared", "name": "Shared Council"}] + people,
        "relationships": rels,
    }, allow_unicode=True, sort_keys=False)


@given(worlds("a"), worlds("b"))
@settings(WITH_DB)
def test_loads_are_idempotent_and_independent_files_load_in_any_order(text_a, text_b):
    with tempfile.TemporaryDirectory() as d:
        a, b = Path(d) / "a.yaml", Path(d) / "b.yaml"
        a.write_text(text_a, encoding="utf-8")
        b.write_text(text_b, encoding="utf-8")
        prints = []
        for i, order in enumerate(([[a], [b]], [[b], [a]], [[a, b]])):
            with open_store("ladybug", Path(d) / f"g{i}.lbdb") as store:
                for paths in order:
                    facts.load(paths, store)
                prints.append(store.fingerprint())
                if i == 2:
                    names = {n["id"]: n["name"] for n in store.dump()["nodes"] if n["label"] == "Person"}
                    facts.load([a, b], store)  # the same files again: nothing changes
                    assert store.fingerprint() == prints[2]
        assert prints[0] == prints[1] == prints[2]
        expected = {p["id"]: p["name"] for t in (text_a, text_b) for p in yaml.safe_load(t)["entities"] if p["kind"] == "Person"}
        assert names == expected
