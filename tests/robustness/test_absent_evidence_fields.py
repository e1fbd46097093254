"""A field a source's evidence does not give (a curated quote has no method, page or rule) is absent:
null in a row's evidence lists, left out of a citation, blank in tables and CSV; never the empty
string the stores keep in its place."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.robustness


def _rows(cli, fmt: str):
    r = cli("query", "post_history", "-p", "council=somerset", "--format", fmt)
    assert r.exit_code == 0, r.output
    return r.output


def test_template_rows_give_null_for_what_curated_evidence_does_not_say(cli_with_reports):
    rows = {r["person_id"]: r for r in json.loads(_rows(cli_with_reports, "json"))}
    flaherty = rows["patrick-flaherty"]  # from data/facts: curated
    assert flaherty["methods"] == [None] and flaherty["pages"] == [None] and flaherty["rules"] == [None]
    extracted = [r for r in rows.values() if r["unnamed"]]  # from Ofsted's reports
    assert extracted and all(r["methods"] and set(r["methods"]) == {"extracted"} for r in extracted)
    assert all(all(p for p in r["pages"]) for r in extracted)
    for r in rows.values():
        for col in ("accounts", "pages", "methods", "rules", "as_of"):
            assert "" not in r[col], (r["person_id"], col)


def test_citations_leave_out_a_method_the_evidence_does_not_give(cli_with_reports):
    r = cli_with_reports("history", "somerset", "--format", "json")
    assert r.exit_code == 0, r.output
    refs = {h["person"]: h["sources"] for h in json.loads(r.output)["holdings"]}
    assert refs["Patrick Flaherty"] and all("method" not in s for s in refs["Patrick Flaherty"])
    unnamed = [s for person, ss in refs.items() if person.startswith("not named") for s in ss]
    assert unnamed and all(s["method"] == "extracted" and s["page"] for s in unnamed)
    assert '"method": ""' not in r.output and '"method": null' not in r.output


def test_csv_and_tables_show_absent_fields_blank(cli_with_reports):
    table = {row["person_id"]: row for row in csv.DictReader(io.StringIO(_rows(cli_with_reports, "csv")))}
    assert table["patrick-flaherty"]["methods"] == "" and table["patrick-flaherty"]["pages"] == ""
    assert "None" not in _rows(cli_with_reports, "csv")
    text = _rows(cli_with_reports, "table")
    assert "None" not in text and ", ," not in text
