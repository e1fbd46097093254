"""The records read from an Ofsted report (see loaders/report_extract.py)."""

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
