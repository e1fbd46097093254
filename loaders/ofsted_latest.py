"""The latest Ofsted judgement of every council, as derived facts: the Ofsted summary spreadsheet
(../shared/data/ofsted_ilacs_outcomes_2026-06.xlsx, never shipped) read by the Ofsted loader
(loaders/ofsted.py) against the derived councils, and written as the records it makes:
one Inspection per row, INSPECTS its council and CARRIED_OUT_BY Ofsted, each citing the
snapshot with the row's values as the quote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .derive import derivation

FILE = "ofsted_ilacs_outcomes_2026-06.xlsx"


def records(shared: Path, councils: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..schema.facts import ENTITY_MODELS
    from .datasets import SourceChoice, Stored
    from .facts import Bundle, Origin, dump
    from .ofsted import OfstedFile
    from .problems import InvalidInput

    bundle = Bundle()
    for c in councils:
        if c.get("kind") == "Council":
            data = {k: v for k, v in c.items() if k != "type"}
            bundle.entities[c["id"]] = (ENTITY_MODELS["Council"].model_validate(data), Origin("councils", 1))
    seeded = set(bundle.entities)
    from .councils import manifest_source

    src = manifest_source("ofsted")
    choice = SourceChoice(published=str(src["published"]), publisher=src["publisher"], licence=src["licence"],
                          url=src["url"], title=src["title"], source_id=src["id"])
    dataset = OfstedFile(shared / FILE, choice, label=FILE)
    dataset.contribute(bundle, Stored(None))
    if bundle.problems:
        raise InvalidInput(bundle.problems)
    out: list[dict[str, Any]] = []
    for sid, (s, _) in bundle.sources.items():
        out.append({"type": "source", **{k: v for k, v in dump(s).items() if v is not None}})
    for eid, (e, _) in bundle.entities.items():
        if eid not in seeded:
            out.append({"type": "entity", **{k: v for k, v in dump(e).items() if v not in (None, [])}})
    for rid, (r, _) in bundle.relationships.items():
        rec = {k: v for k, v in dump(r).items() if v not in (None, [])}
        if rec.get("status") == "asserted":
            del rec["status"]
        out.append({"type": "relationship", **rec})
    return out


@derivation("ofsted_latest", "the latest Ofsted ILACS judgement of every council (Data to Insight's summary of Ofsted's reports)",
            (FILE, "la_lookup.csv", "mysociety-local-authorities/uk_local_authorities_current.csv"))
def derive_ofsted(shared: Path) -> list[dict[str, Any]]:
    from .councils import records as council_records

    return records(shared, council_records(shared))
