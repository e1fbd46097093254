"""Precision and recall of the Ofsted report extraction against the hand-labelled truth set.

    python -m bench.ofsted_accuracy [--truth tests/ofsted_truth] [--reports ../shared/data/ofsted-reports]
                                    [--markdown FILE] [--misses] [--workers 2]

A found date or judgement is right when it equals the label. A found statement matches a
labelled one when post, event, capacity and date are equal and the found sentence contains
the label's quote (whitespace folded, ’ and ' alike); an intervention when its action is
equal and its sentence contains the quote. Each label is matched at most once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENT_FIELDS = ["overall", "help_and_protection", "in_care", "care_leavers", "impact_of_leaders", "adoption", "lscb"]


def fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _str(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class Tally:
    found: int = 0
    truth: int = 0
    right_found: int = 0  # found items that match a label
    right_truth: int = 0  # labels matched

    @property
    def precision(self) -> float | None:
        return self.right_found / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.right_truth / self.truth if self.truth else None


@dataclass
class Result:
    tallies: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    reports: int = 0

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


def load_truth(folder: Path) -> list[dict]:
    import yaml

    out = []
    for p in sorted(folder.glob("*/*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("file"):
            data["_path"] = str(p)
            out.append(data)
    return out


def _value(result: Result, name: str, truth, found, where: str) -> None:
    t = result.tally(name)
    truth, found = _str(truth), _str(found)
    if found is not None:
        t.found += 1
    if truth is not None:
        t.truth += 1
    if truth is not None and found == truth:
        t.right_found += 1
        t.right_truth += 1
    elif truth != found:
        result.misses.append(f"{where}: {name}: found {found!r}, label {truth!r}")


def _statement_matches(label: dict, found) -> bool:
    return (
        label.get("post") == found.post
        and label.get("event") == found.event
        and (label.get("capacity") or "unknown") == found.capacity
        and _str(label.get("date")) == found.date
        and fold(label.get("quote", "")) in fold(found.quote)
    )


def _intervention_matches(label: dict, found) -> bool:
    return label.get("action") == found.action and fold(label.get("quote", "")) in fold(found.quote)


def _match_lists(result: Result, name: str, labels: list[dict], found: list, same, where: str, show) -> None:
    t = result.tally(name)
    t.truth += len(labels)
    t.found += len(found)
    used: set[int] = set()
    for label in labels:
        hit = next((k for k, f in enumerate(found) if k not in used and same(label, f)), None)
        if hit is None:
            result.misses.append(f"{where}: {name}: MISSED label {show(label)}")
        else:
            used.add(hit)
            t.right_truth += 1
    t.right_found += len(used)
    for k, f in enumerate(found):
        if k not in used:
            result.misses.append(f"{where}: {name}: EXTRA found {show(f)}")


def _show_statement(x) -> str:
    if isinstance(x, dict):
        return f"{x.get('post')}/{x.get('event')}/{x.get('capacity', 'unknown')}/{_str(x.get('date'))} \"{x.get('quote')}\""
    return f"{x.post}/{x.event}/{x.capacity}/{x.date} [{x.rule}, p{x.page}] \"{x.quote}\""


def _show_intervention(x) -> str:
    if isinstance(x, dict):
        return f"{x.get('action')}/{x.get('body')}/{_str(x.get('date'))} \"{x.get('quote')}\""
    return f"{x.action}/{x.body}/{x.date} [{x.rule}, p{x.page}] \"{x.quote}\""


def score(truths: list[dict], reports_dir: Path, workers: int = 2) -> Result:
    from accountable.loaders.report_extract import extract_all

    result = Result()
    paths = [reports_dir / t["file"] for t in truths]
    reports = extract_all(paths, workers=workers)
    for truth, report in zip(truths, reports):
        result.reports += 1
        where = truth["file"]
        _value(result, "family", truth.get("family"), report.family, where)
        _value(result, "inspection_start", truth.get("inspection_start"), report.inspection_start, where)
        _value(result, "inspection_end", truth.get("inspection_end"), report.inspection_end, where)
        if "published" in truth:
            _value(result, "published", truth.get("published"), report.published, where)
        labels = truth.get("judgements") or {}
        for name in JUDGEMENT_FIELDS:
            _value(result, f"judgement.{name}", labels.get(name), report.judgements.get(name), where)
        _match_lists(result, "statements", truth.get("statements") or [], report.statements, _statement_matches, where,
                     _show_statement)
        _match_lists(result, "interventions", truth.get("interventions") or [], report.interventions,
                     _intervention_matches, where, _show_intervention)
    return result


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def table(result: Result) -> str:
    rows = ["| field | labelled | found | precision | recall |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, t in result.tallies.items():
        rows.append(f"| {name} | {t.truth} | {t.found} | {_pct(t.precision)} | {_pct(t.recall)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ofsted_accuracy", description=__doc__.splitlines()[0])
    ap.add_argument("--truth", type=Path, default=ROOT / "tests" / "ofsted_truth")
    ap.add_argument("--reports", type=Path, default=ROOT.parent / "shared" / "data" / "ofsted-reports")
    ap.add_argument("--markdown", type=Path, help="also write the table as markdown to this file")
    ap.add_argument("--misses", action="store_true", help="list every miss and every extra")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    truths = load_truth(args.truth)
    if not truths:
        print(f"no truth files under {args.truth}", file=sys.stderr)
        return 2
    if not args.reports.is_dir():
        print(f"no reports folder at {args.reports}", file=sys.stderr)
        return 2
    result = score(truths, args.reports, args.workers)
    text = table(result)
    print(f"{result.reports} labelled reports ({args.truth})\n")
    print(text)
    if args.misses:
        print()
        print("\n".join(result.misses))
    if args.markdown:
        args.markdown.write_text(
            f"Ofsted report extraction against {result.reports} hand-labelled reports "
            f"(`python -m bench.ofsted_accuracy`):\n\n{text}\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
