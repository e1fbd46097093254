"""The local-authority register in (the layout of d2i's `la_lookup.csv`): one Council per row,
and each council's DfE statistical neighbours as STAT_NEIGHBOUR relationships with their rank.

Councils merge by DfE LA code: a council the fact files (or an earlier load) already hold
keeps its id and its name; the register adds its codes, type, region, website and names
as aliases. A new council gets a stable id from its name (`Bristol, City of` -> `bristol`).

Rows are keyed on column names. A row without an LA code or a name and a repeated LA code
are skipped and reported with their row number. A row the register lists without a current
ONS code (an authority that no longer exists: Cumbria, Northamptonshire, Poole) is loaded onto
the former council of that LA code where the graph holds it (the derived councils do), and
skipped otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ..schema.facts import ENTITY_MODELS, REL_MODELS
from ..schema.model import VOCABULARIES
from .datasets import (
    D2I_REPOSITORY,
    CouncilIndex,
    DatasetFile,
    Skipped,
    Stored,
    dataset_source,
    clean_name,
    name_key,
    slug,
    unique,
)
from .facts import error_message
from .problems import Problem
from .tabular import Row, bracket_list, code_list, quote_of

LAYOUT = "register"
NAME = "local_authority_ons_name"
REQUIRED = (("la_code",), (NAME,))
SYNONYMS = {
    NAME: ("local_authority", "la_name", "local_authority_name", "name"),
    "ons_la_type": ("la_type", "council_type", "type"),
    "domain": ("website",),
    "region_name": ("region",),
}
QUOTED = ("la_code", "la_code_new", NAME, "also_known_as", "region_name", "domain", "ons_la_type")

DEFAULTS = {
    "title": "Local authority register (la_lookup), Data to Insight ofsted-ilacs-scrape-tool",
    "publisher": "Data to Insight",
    "url": D2I_REPOSITORY,
    "licence": "MIT (Data to Insight, ofsted-ilacs-scrape-tool): Copyright (c) 2019, as the notice beside the snapshot reads (upstream now: Copyright (c) 2023 data-to-insight); full licence at https://github.com/data-to-insight/ofsted-ilacs-scrape-tool/blob/2dde50e08c252ea90a4ae2b60f8846c567858f4a/LICENSE",  # as the manifest says it
}

_TYPE_SYNONYMS = {
    "metropolitan borough": "Metropolitan District",
    "metropolitan": "Metropolitan District",
    "unitary": "Unitary Authority",
    "shire county": "County",
    "county council": "County",
}
_LA_CODE = re.compile(r"^\d{3}$")


def council_type(text: str | None) -> str | None:
    """The register's `ons_la_type` in the model's words; ValueError for a type it does not know."""
    if not text:
        return None
    for t in VOCABULARIES["council_type"]:
        if t.lower() == text.lower():
            return t
    if text.lower() in _TYPE_SYNONYMS:
        return _TYPE_SYNONYMS[text.lower()]
    raise ValueError(f"{text!r} is not a council type; expected one of: {', '.join(VOCABULARIES['council_type'])}")


def aliases_from(text: str | None, name: str) -> list[str]:
    """`[Kingston Upon Hull, Hull]` -> two aliases; `[BCP, Bournemouth, Christchurch & Poole]` -> two
    as well: pieces that together spell the council's own name stay one alias."""
    pieces = bracket_list(text)
    out, i = [], 0
    while i < len(pieces):
        for j in range(len(pieces), i + 1, -1):
            joined = ", ".join(pieces[i:j])
            if name_key(joined) == name_key(name):
                out.append(joined)
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
    return out


class RegisterFile(DatasetFile):
    """One register file to load; `contribute` adds its records to a load's Bundle."""

    layout = LAYOUT
    required = REQUIRED
    synonyms = SYNONYMS

    def contribute(self, bundle: Any, stored: Stored) -> None:
        from .facts import Origin

        label = str(self.label)
        table = self.read(bundle)
        if table is None:
            return
        source, problems, notes = dataset_source(self.path, label, LAYOUT, self.choice, DEFAULTS, "d2i-la-lookup")
        self.report.notes += notes
        if source is None:
            bundle.problems += problems
            return
        self.report.source_id = source.id
        bundle.add("sources", source.id, source, Origin(label, 1))
        self.report.rows = len(table.rows)

        index = CouncilIndex.build(bundle, stored)
        first_at: dict[str, int] = {}
        loaded: list[tuple[Row, str]] = []
        has_current_code = "la_code_new" in table.columns
        for row in table.rows:
            code, name = row.get("la_code"), clean_name(row.get(NAME) or "") or None  # one-spaced, as the derived names
            reason = None
            if not code:
                reason = "no LA code (la_code is empty)"
            elif not _LA_CODE.match(code):
                reason = f"LA code {code!r} is not a DfE three-digit code"
            elif not name:
                reason = f"LA code {code} has no name ({NAME} is empty)"
            elif code in first_at:
                reason = f"LA code {code} ({name}) is given again (first at row {first_at[code]})"
            elif has_current_code and not row.get("la_code_new") and not self._former(index, code):
                reason = f"{name} ({code}) has no current ONS code (la_code_new is empty): a former authority the graph does not hold, not loaded"
            if reason:
                self.report.skipped.append(Skipped(row.number, reason))
                continue
            assert code and name
            first_at[code] = row.number
            try:
                kind = council_type(row.get("ons_la_type"))
            except ValueError as e:
                bundle.problems.append(Problem(label, row.number, "ons_la_type", str(e)))
                continue
            cid = index.by_la_code(code) or self._new_id(name, code, index, bundle)
            record = self._council(cid, code, name, kind, row, has_current_code, index.records.get(cid), source.id)
            try:
                council = ENTITY_MODELS["Council"].model_validate(record)
            except ValidationError as e:
                for err in e.errors():
                    bundle.problems.append(Problem(label, row.number, ".".join(map(str, err["loc"])) or "row", error_message(err)))
                continue
            before = bundle.entities.get(cid)
            bundle.entities[cid] = (council, before[1] if before else Origin(label, row.number))
            index.put(council)
            loaded.append((row, cid))
        self.report.loaded = len(loaded)

        links = sum(self._neighbours(row, cid, index, source.id, bundle, label) for row, cid in loaded)
        self.report.notes.append(f"{links} statistical neighbour links")

    @staticmethod
    def _former(index: CouncilIndex, code: str) -> bool:
        """A row without a current ONS code is a former authority: loaded onto the former council
        the graph (or this load) holds with that LA code, if any."""
        cid = index.by_la_code(code)
        return cid is not None and getattr(index.records[cid], "abolished", None) is not None

    @staticmethod
    def _new_id(name: str, code: str, index: CouncilIndex, bundle: Any) -> str:
        base = slug(name) or f"la-{code}"
        taken = base in index.records or base in bundle.entities
        return f"{base}-{code}" if taken else base

    @staticmethod
    def _council(cid: str, code: str, name: str, kind: str | None, row: Row, has_current_code: bool,
                 existing: Any, source_id: str) -> dict[str, Any]:
        gss = row.get("la_code_new") or row.get("gss_code") or (None if has_current_code else row.get("ltla23cd"))
        final_name = existing.name if existing is not None else name
        names = [name] + aliases_from(row.get("also_known_as"), name)
        # ONS's own 2023 names for the same area (Bedford for "Bedford Borough"), when the codes agree
        if gss and row.get("ltla23cd") == gss:
            names += [n for n in (row.get("ltla23nm"), row.get("utla23nm")) if n]
        aliases = unique(list(existing.aliases if existing is not None else []) + [clean_name(n) for n in names])
        aliases = [a for a in aliases if a.lower() != final_name.lower()]
        return {
            "kind": "Council",
            "id": cid,
            "name": final_name,
            "aliases": aliases,
            "description": existing.description if existing is not None else None,
            "la_code": code,
            "gss_code": gss or (existing.gss_code if existing is not None else None),
            "council_type": kind or (existing.council_type if existing is not None else None),
            "region": row.get("region_name") or (existing.region if existing is not None else None),
            "website": row.get("domain") or (existing.website if existing is not None else None),
            "sources": sorted(set(list(existing.sources if existing is not None else []) + [source_id])),
        }

    def _neighbours(self, row: Row, cid: str, index: CouncilIndex, source_id: str, bundle: Any, label: str) -> int:
        from .facts import Origin

        codes = code_list(row.get("stat_neighbours"))
        name = index.name_of(cid)
        quote = quote_of(row, ("la_code", NAME, "stat_neighbours"))
        seen: set[str] = set()
        for rank, code in enumerate(codes, start=1):
            other = index.by_la_code(code)
            if other is None:
                self.report.unmatched.append(Skipped(row.number, f"{name}: statistical neighbour {code} (rank {rank}) is no council in the register or the graph"))
                continue
            if other == cid or other in seen:
                self.report.unmatched.append(Skipped(row.number, f"{name}: statistical neighbour {code} (rank {rank}) is {'itself' if other == cid else 'given twice'}"))
                continue
            seen.add(other)
            rid = f"stat_neighbour:{cid}>{other}"
            rel = REL_MODELS["STAT_NEIGHBOUR"].model_validate(
                {"kind": "STAT_NEIGHBOUR", "id": rid, "from": cid, "to": other, "rank": rank,
                 "evidence": [{"source": source_id, "quote": quote}]}
            )
            bundle.relationships[rid] = (rel, Origin(label, row.number))
            bundle.merge_evidence.add(rid)
        return len(seen)
