"""Ofsted's ILACS outcomes (in the layout of d2i's summary spreadsheet, .xlsx or .csv): one
Inspection per row, INSPECTS the council and CARRIED_OUT_BY Ofsted, each citing the
snapshot with the row's values as its quote.

An inspection is (council, framework, start date): the same inspection in a later or
earlier snapshot is the same node, so loading snapshots adds history and never
duplicates. A row without a start date (the scrape could not read one) is matched by
its publication date instead.

Grades are kept as Ofsted words them (outstanding, good, requires improvement,
inadequate); an empty cell, `nan`, or `inspection_pre_dates_judgement` is no grade
(null), never a word standing for one. A grade the scrape garbled (`to requires
improvement`, in d2i's 2023 snapshot) is not guessed: it is left empty and reported.
A row whose council cannot be found is skipped and reported with its row number; a
date that is no date is a problem that stops the load (dates decide which inspection
a row is).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..schema.dates import FuzzyDate, to_date
from ..schema.facts import ENTITY_MODELS, REL_MODELS
from ..schema.model import VOCABULARIES
from .datasets import (
    D2I_REPOSITORY,
    CouncilIndex,
    DatasetFile,
    Skipped,
    Stored,
    dataset_source,
    slug,
)
from .facts import error_message
from .problems import Problem
from .tabular import CellError, Row, parse_day, quote_of

LAYOUT = "ofsted"
OFSTED = "ofsted"  # the Inspectorate's id (data/facts/statute.yaml)

REQUIRED = (("la_code", "local_authority"), ("publication_date",), ("overall_effectiveness_grade",))
SYNONYMS = {
    "local_authority": ("la_name", "local_authority_name", "local_authority_ons_name"),
    "inspection_start_date": ("inspection_date", "start_date"),
    "inspection_end_date": ("end_date",),
    "publication_date": ("published", "published_date", "report_published"),
    "overall_effectiveness_grade": ("overall_effectiveness", "overall_grade", "overall"),
    "impact_of_leaders_grade": ("impact_of_leaders",),
    "help_and_protection_grade": ("help_and_protection",),
    "in_care_grade": ("in_care", "children_in_care_grade"),
    "care_leavers_grade": ("care_leavers",),
    "inspection_link": ("report_link", "report_url", "link"),
    "inspection_framework": ("framework",),
}
GRADES = {
    "overall": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
DATES = {"inspection_start": "inspection_start_date", "inspection_end": "inspection_end_date", "published": "publication_date"}
QUOTED = ("la_code", "local_authority", "inspection_framework", "inspection_start_date", "inspection_end_date",
          "publication_date", *GRADES.values())

# What the scrape writes where a judgement does not exist (the care leavers judgement began in 2023).
NO_GRADE = frozenset({"inspection_pre_dates_judgement", "not applicable", "not judged", "no judgement", "not graded", "ungraded"})
_GRADE_WORDS = {g: g for g in VOCABULARIES["grade"]} | {
    "requires improvement to be good": "requires improvement",
    "requires_improvement": "requires improvement",
    "requires-improvement": "requires improvement",
}

DEFAULTS = {
    "title": "Ofsted ILACS outcomes summary, compiled by Data to Insight from Ofsted's inspection reports",
    "publisher": "Data to Insight (from Ofsted's published inspection reports)",
    "url": D2I_REPOSITORY,
    "licence": "Open Government Licence v3.0 (Ofsted's inspection outcomes); compilation MIT (Data to Insight, ofsted-ilacs-scrape-tool): Copyright (c) 2019, as the notice beside the snapshot reads (upstream now: Copyright (c) 2023 data-to-insight); full licence at https://github.com/data-to-insight/ofsted-ilacs-scrape-tool/blob/2dde50e08c252ea90a4ae2b60f8846c567858f4a/LICENSE",  # as the manifest says it
}


def grade(text: str | None) -> str | None:
    """Ofsted's grade in the model's words; None for no grade; ValueError for a word that is none."""
    if text is None:
        return None
    t = " ".join(text.strip().lower().split())
    if t in NO_GRADE:
        return None
    if t in _GRADE_WORDS:
        return _GRADE_WORDS[t]
    raise ValueError(f"{text!r} is not a grade; expected one of: {', '.join(VOCABULARIES['grade'])} (or empty)")


KINDS = ("standard", "short")


def framework(text: str | None) -> str:
    """`standard` -> `ILACS standard`; `short` -> `ILACS short`; empty -> `ILACS` (the kind is unknown);
    ValueError for text that names no kind of ILACS inspection."""
    if not text:
        return "ILACS"
    t = " ".join(text.split()).lower()
    t = t.removeprefix("ilacs").strip()
    if not t:
        return "ILACS"
    if t in KINDS:
        return f"ILACS {t}"
    raise ValueError(f"{text!r} is not a kind of ILACS inspection ({' or '.join(KINDS)})")


def inspection_id(council_id: str, framework_label: str, start: dt.date | None, published: dt.date | None) -> str:
    """The stable id of (council, framework, start date); by publication date when the start is unknown."""
    key = slug(framework_label)
    if start is not None:
        return f"{council_id}/inspection/{key}/{start.isoformat()}"
    assert published is not None
    return f"{council_id}/inspection/{key}/published-{published.isoformat()}"


@dataclass
class _Known:
    id: str
    framework: str | None
    start: dt.date | None
    published: dt.date | None
    row: int | None = None  # the row of this file that gave it, if any
    end: dt.date | None = None


def _compatible(a: str | None, b: str | None) -> bool:
    return a == b or "ILACS" in (a, b)


def _same(k: _Known, fw: str, start: dt.date | None, published: dt.date | None) -> bool:
    if not _compatible(k.framework, fw):
        return False
    if start is not None and k.start is not None:
        return start == k.start
    return published is not None and published == k.published


class OfstedFile(DatasetFile):
    """One snapshot of Ofsted's ILACS outcomes to load; `contribute` adds its records to a load's Bundle."""

    layout = LAYOUT
    required = REQUIRED
    synonyms = SYNONYMS

    def contribute(self, bundle: Any, stored: Stored) -> None:
        from .facts import Origin

        label = str(self.label)
        table = self.read(bundle)
        if table is None:
            return
        newest = self._newest_publication(table.rows)
        source, problems, notes = dataset_source(
            self.path, label, LAYOUT, self.choice, DEFAULTS, "ofsted-ilacs-outcomes", fallback_date=newest,
            fallback_note="its name holds no date: the snapshot is dated by its newest publication date, {date}; give --published to set it",
        )
        self.report.notes += notes
        if source is None:
            bundle.problems += problems
            return
        self.report.source_id = source.id
        bundle.add("sources", source.id, source, Origin(label, 1))
        self.report.rows = len(table.rows)

        index = CouncilIndex.build(bundle, stored)
        known: dict[str, list[_Known]] = {}
        for iid, r in stored.inspections.items():
            if r.get("council_id") and (r.get("framework") or "").startswith("ILACS"):
                known.setdefault(r["council_id"], []).append(
                    _Known(iid, r["framework"], to_date(r.get("inspection_start")), to_date(r.get("published")),
                           end=to_date(r.get("inspection_end"))))

        for row in table.rows:
            self._row(row, index, known, stored, source.id, bundle, label)

    @staticmethod
    def _newest_publication(rows: list[Row]) -> FuzzyDate | None:
        days = []
        for row in rows:
            try:
                d = parse_day(row.raw.get("publication_date"), row.get("publication_date"))
            except CellError:
                continue
            if d:
                days.append(d)
        return FuzzyDate(max(days), "day") if days else None

    @staticmethod
    def _day_of(row: Row) -> dt.date | None:
        """The inspection's first day (or its publication), to tell a former council from its successor."""
        for column in ("inspection_start_date", "publication_date"):
            try:
                d = parse_day(row.raw.get(column), row.get(column))
            except CellError:
                continue
            if d:
                return d
        return None

    def _council(self, row: Row, index: CouncilIndex) -> tuple[str | None, str | None]:
        code, name = row.get("la_code"), row.get("local_authority")
        if code:
            cid = index.by_la_code(code, self._day_of(row))
            return (cid, None) if cid else (None, f"no council with LA code {code}" + (f" ({name})" if name else ""))
        if not name:
            return None, "neither an LA code nor a local authority name"
        found = index.by_name(name)
        if not found:
            return None, f"no council named {name!r} (and no LA code)"
        if len(found) > 1:
            return None, f"{name!r} matches {len(found)} councils ({', '.join(found)}); give its LA code"
        return found[0], None

    def _row(self, row: Row, index: CouncilIndex, known: dict[str, list[_Known]], stored: Stored,
             source_id: str, bundle: Any, label: str) -> None:
        from .facts import Origin

        cid, reason = self._council(row, index)
        if cid is None:
            self.report.skipped.append(Skipped(row.number, reason or "no council"))
            return
        dates: dict[str, dt.date | None] = {}
        bad = False
        for prop, column in DATES.items():
            try:
                dates[prop] = parse_day(row.raw.get(column), row.get(column))
            except CellError as e:
                bundle.problems.append(Problem(label, row.number, column, str(e)))
                bad = True
        if bad:
            return
        grades: dict[str, str | None] = {}
        for prop, column in GRADES.items():
            try:
                grades[prop] = grade(row.get(column))
            except ValueError as e:
                grades[prop] = None
                self.report.left_empty.append(Skipped(row.number, f"{column}: {e}"))
        start, end, published = dates["inspection_start"], dates["inspection_end"], dates["published"]
        if start is None and published is None:
            self.report.skipped.append(Skipped(row.number, f"{index.name_of(cid)}: neither a start nor a publication date, so no way to tell which inspection it is"))
            return
        try:
            fw = framework(row.get("inspection_framework"))
        except ValueError as e:
            fw = "ILACS"
            self.report.left_empty.append(Skipped(row.number, f"inspection_framework: {e}; kept as ILACS (kind unknown)"))
        match = next((k for k in known.get(cid, []) if _same(k, fw, start, published)), None)
        if match is not None and match.row is not None:
            self.report.skipped.append(Skipped(row.number, f"{index.name_of(cid)}: the same inspection as row {match.row}"))
            return
        iid = match.id if match else inspection_id(cid, fw, start, published)
        if match is not None:
            # a snapshot that lost the framework or the dates does not blur what is already known
            if fw == "ILACS" and match.framework:
                fw = match.framework
            start, end, published = start or match.start, end or match.end, published or match.published
        known.setdefault(cid, []).append(_Known(iid, fw, start, published, row.number, end))

        first, last = start or published, end or published or start
        assert first is not None and last is not None
        if last < first:
            column = "inspection_end_date" if end else "publication_date"
            bundle.problems.append(Problem(label, row.number, column, f"{last.isoformat()} is before the inspection started ({first.isoformat()})"))
            return
        kind = fw.removeprefix("ILACS").strip()
        # the name follows the id, which never changes: an inspection first known by its publication
        # date keeps that name when a later snapshot adds its start date (a name is not a new fact)
        when = f"published {published.isoformat()}" if (start is None or "/published-" in iid) else start.isoformat()  # type: ignore[union-attr]
        record = {
            "kind": "Inspection", "id": iid,
            "name": f"Ofsted ILACS inspection{f' ({kind})' if kind else ''}, {index.name_of(cid, first)}, {when}",
            "framework": fw,
            "inspection_start": start, "inspection_end": end, "published": published,
            **grades,
            "report_url": row.get("inspection_link") if (row.get("inspection_link") or "").startswith("http") else None,
            "sources": [source_id],
        }
        quote = quote_of(row, QUOTED)
        span = {"start": FuzzyDate(first, "day"), "end": FuzzyDate(last, "day")}
        rels = [
            {"kind": "INSPECTS", "id": f"inspects:{iid}>{cid}", "from": iid, "to": cid, **span,
             "evidence": [{"source": source_id, "quote": quote}]},
            {"kind": "CARRIED_OUT_BY", "id": f"carried_out_by:{iid}>{OFSTED}", "from": iid, "to": OFSTED, **span,
             "evidence": [{"source": source_id, "quote": quote}]},
        ]
        try:
            inspection = ENTITY_MODELS["Inspection"].model_validate({k: v for k, v in record.items() if v is not None})
            rel_records = [REL_MODELS[r["kind"]].model_validate(r) for r in rels]
        except ValidationError as e:
            for err in e.errors():
                bundle.problems.append(Problem(label, row.number, ".".join(map(str, err["loc"])) or "row", error_message(err)))
            return
        origin = Origin(label, row.number)
        bundle.add("entities", iid, inspection, origin)
        for r in rel_records:
            bundle.relationships[r.id] = (r, origin)
            bundle.merge_evidence.add(r.id)
        self.report.loaded += 1


