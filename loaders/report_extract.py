"""Ofsted's children's services inspection reports (PDF) -> structured records.

One :class:`Report` per file: the family of report, the council as printed, the
inspection's dates, every graded judgement, the leadership statements (who holds
which post, since when, in which capacity) and the interventions the report
mentions. Every statement and intervention carries the exact cleaned sentence it
was read from, its page and the name of the rule that found it, so that a fact
resting on machine extraction can say so.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    quote: str  # the exact sentence: footers, page numbers and line breaks removed
    page: int  # 1-based page the sentence starts on
    rule: str  # the named extraction rule, e.g. "sif.leadership.in_post_since"


@dataclass
class Statement(Found):
    post: str = "dcs"  # dcs | chief_executive | lscb_chair | lead_member | dass
    event: str = "in_post"  # in_post | left | vacant | arriving
    capacity: str = "unknown"  # interim | acting | substantive | joint | unknown
    date: str | None = None  # 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD'
    date_resolved: bool = False  # resolved from a relative phrase or a duration
    title: str | None = None  # the title as printed where it is not the plain one
    joint_with: str | None = None  # the other post kind or council a joint role is shared with


@dataclass
class Intervention(Found):
    action: str = "trust"  # trust | commissioner_appointed | statutory_direction | improvement_notice | advisers_appointed
    body: str | None = None  # the trust's or company's name for `trust`
    date: str | None = None


@dataclass
class Report:
    path: str
    folder: str
    file: str
    urn: str | None = None
    council_printed: str | None = None
    family: str = "unknown"  # sif | sif_reinspection | ilacs | lac_2013 | lscb_review | unknown
    framework: str = ""
    inspection_start: str | None = None
    inspection_end: str | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)
    published: str | None = None
    judgements: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    problem: str | None = None


def extract(path) -> Report:
    """Read one report file; a file that cannot be used has `problem` set."""
    raise NotImplementedError


def extract_all(paths, workers: int = 2) -> list[Report]:
    """Extract many reports with a process pool, in the order given."""
    raise NotImplementedError
