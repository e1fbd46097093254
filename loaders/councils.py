"""Every children's services authority in England since 2001, as the project's own derived facts.

Drawn from two registers in ../shared/data (never shipped) and the structural change orders:

- d2i's register (`la_lookup.csv`, MIT): which councils are children's services authorities,
  their DfE LA code, Ofsted URN, region, website, aliases and DfE statistical neighbours;
- mySociety's register of local authorities past and current (CC BY 4.0): official names,
  GSS codes, start and end dates, successors, centres (latitude, longitude);
- the structural change orders on legislation.gov.uk for what the registers lack or get wrong
  (`ORDERS` below: each fact with the order's address and words it really contains).

The registers' traps, and what is done with each:

- start dates in May and June 2005 are the date the register was compiled, not the councils'
  start: such a start is dropped (`established` is then omitted: a council since before 2001);
- end dates mix "last day" (2019-03-31) and "successor's first day" (2021-04-01): every end
  becomes the first day the council no longer existed (`abolished`), the successor's first day;
- Somerset County Council and North Yorkshire County Council appear as ended and replaced by
  new bodies, but each continued as the authority under a new name in 2023: one council each
  (`somerset`, `north-yorkshire`), no start in 2023, its earlier official name a former name in
  force until 2023-04-01 (`former_names`, `former_names_until`: answers before then use it) and
  kept as an alias. They are the only renamed upper-tier councils the register lists as rows;
  a council renamed without a new row keeps its present name only, unless a page dates the
  change (`RENAMED_IN_PLACE`: Cornwall County Council, Cornwall Council from 2009-04-01);
- the county councils that became unitary in 2009 (Cornwall, Durham, Northumberland,
  Shropshire, Wiltshire) start "2009-04-01" in the register, but were children's services
  authorities before: the start is dropped for a council whose LA code the register gives to
  no earlier body and that was a county council before;
- Dorset County Council's successors omit Bournemouth, Christchurch and Poole, which took
  Christchurch (a district of the county): the successor is added from the register's own
  rows (Christchurch's county and successor);
- Bedfordshire and Cheshire county councils (abolished 2009) are missing: from the orders.

Ids follow docs/reference-data.md: the slug of the short name; a former council whose slug a
current, legally different council holds takes the slug of its official name less "Council"
(`dorset-county`, `buckinghamshire-county`).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from .datasets import clean_name, manifest, slug, unique
from .derive import derivation
from .register import aliases_from, council_type
from .tabular import code_list

MYSOCIETY = "mysociety-local-authorities-1.6.1"
D2I = "d2i-la-lookup-2026-06"
UPPER_TIER = ("CTY", "UA", "MD", "LBO", "CC", "SRA")
REGISTER_DATES = (dt.date(2005, 5, 1), dt.date(2005, 7, 1))  # the register's own compilation, not a start
CONTINUING = {"SOM": "SMT", "NYK": "NYE"}  # former register code -> the same body under its new name

SOURCES: list[dict[str, Any]] = [
    {"type": "source", "id": MYSOCIETY,
     "title": "UK Local Authorities (past and current), version 1.6.1 (uk_local_authorities_current.csv)",
     "publisher": "mySociety", "published": "2024", "url": "https://pages.mysociety.org/uk_local_authority_names_and_codes/datasets/uk_la_past_current/1_6_1",
     "source_kind": "dataset", "licence": "CC BY 4.0; attribute: mySociety, UK Local Authorities (past and current), CC BY 4.0"},
    {"type": "source", "id": "si-2008-907",
     "title": "The Bedfordshire (Structural Changes) Order 2008 (SI 2008/907), Part 2",
     "publisher": "legislation.gov.uk (The National Archives)", "published": "2008-03-27",
     "url": "https://www.legislation.gov.uk/uksi/2008/907/part/2", "source_kind": "statute", "licence": "Open Government Licence v3.0"},
    {"type": "source", "id": "si-2008-634",
     "title": "The Cheshire (Structural Changes) Order 2008 (SI 2008/634), explanatory note",
     "publisher": "legislation.gov.uk (The National Archives)", "published": "2008-03-04",
     "url": "http://www.legislation.gov.uk/ukdsi/2008/9780110808871/note", "source_kind": "statute", "licence": "Open Government Licence v3.0"},
    {"type": "source", "id": "si-2019-957",
     "title": "The Buckinghamshire (Structural Changes) Order 2019 (SI 2019/957), Part 2",
     "publisher": "legislation.gov.uk (The National Archives)", "published": "2019-05-22",
     "url": "https://www.legislation.gov.uk/uksi/2019/957/part/2", "source_kind": "statute", "licence": "Open Government Licence v3.0"},
    {"type": "source", "id": "new-somerset-council-2021-12-02",
     "title": "News update: Election and Legal Framework", "publisher": "New Somerset Council (Somerset's councils)",
     "published": "2021-12-02", "url": "https://newsomersetcouncil.org.uk/news-update-election-and-legal-framework/",
     "source_kind": "other"},
    {"type": "source", "id": "ryedale-2022-01-lgr-update",
     "title": "January 2022 update on progress towards a new single council for North Yorkshire",
     "publisher": "Ryedale District Council", "published": "2022-01",
     "url": "https://www.ryedale.gov.uk/about-the-council/local-government-reorganisation/january-2022-update-on-progress-towards-a-new-single-council-for-north-yorkshire/",
     "source_kind": "other"},
    # undated pages: each carries the year its own words fix (2009: "came into being on 1 April 2009")
    {"type": "source", "id": "cornwall-council-unitary-bid",
     "title": "Unitary bid: history and documents relating to the establishment of Cornwall Council",
     "publisher": "Cornwall Council", "published": "2009",
     "url": "http://www.cornwall.gov.uk/council-and-democracy/council-background/unitary-bid/?page=17410",
     "source_kind": "other"},
    {"type": "source", "id": "celticcountries-cornwall-unitary",
     "title": "Cornwall Council becomes the new unitary authority for Cornwall", "publisher": "Celtic Countries",
     "published": "2009", "url": "https://celticcountries.com/politics/160-cornwall-council-new-unitary-authority",
     "source_kind": "other"},
]

BEDFORDSHIRE_QUOTE = "the County Council shall be wound up and dissolved"
# Councils the registers lack: (id, official name, short name, LA type, region, abolished, successors, source, quote)
MISSING = (
    ("bedfordshire", "Bedfordshire County Council", "Bedfordshire", "County", "East of England", "2009-04-01",
     ("bedford-borough", "central-bedfordshire"), "si-2008-907",
     "On 1st April 2009— (a) the county of Bedfordshire shall be abolished as a local government area; and (b) the County Council shall be wound up and dissolved."),
    ("cheshire", "Cheshire County Council", "Cheshire", "County", "North West", "2009-04-01",
     ("cheshire-east", "cheshire-west-and-chester"), "si-2008-634",
     "The county of Cheshire and all of its districts are abolished as local government areas with effect from 1st April 2009. The county council and all of the district councils in the county are wound up and dissolved on that date"),
)
# What the orders say of the successors created in 2009 (the register gives their start, not their origin)
SUCCESSOR_QUOTES = {
    ("bedfordshire", "bedford-borough"): ("si-2008-907", "On and after 1st April 2009, Bedford Borough Council shall be the sole principal authority for Bedford."),
    ("bedfordshire", "central-bedfordshire"): ("si-2008-907", "A new district council, to be known as the Central Bedfordshire Council, shall be established as the sole principal authority for the non-metropolitan district of Central Bedfordshire."),
    ("cheshire", "cheshire-east"): ("si-2008-634", "Two new councils are created: the Cheshire East Council, for the same area as the existing boroughs of Congleton, Crewe and Nantwich, and Macclesfield, and the Cheshire West and Chester Council"),
    ("cheshire", "cheshire-west-and-chester"): ("si-2008-634", "Two new councils are created: the Cheshire East Council, for the same area as the existing boroughs of Congleton, Crewe and Nantwich, and Macclesfield, and the Cheshire West and Chester Council"),
    ("buckinghamshire-county", "buckinghamshire"): ("si-2019-957", "A new district council, to be known as Buckinghamshire Council, is established as the sole principal authority for the non-metropolitan district of Buckinghamshire."),
}
CONTINUING_QUOTES = {
    "SOM": ("new-somerset-council-2021-12-02", "Legally, this is described as SCC being the ‘continuing authority’"),
    "NYK": ("ryedale-2022-01-lgr-update", "Those elected will will serve the final year of North Yorkshire County Council and then first four years of the new unitary council."),
}
# Councils that kept going under a new name the register gives as their only name (no row for the
# old one): register code -> (former official name, first day of the present name, sources and the
# words of each that say so).
RENAMED_IN_PLACE: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "CON": ("Cornwall County Council", "2009-04-01", (
        ("celticcountries-cornwall-unitary", "With the new unitary authority, Cornwall County Council becomes known as Cornwall Council"),
        ("cornwall-council-unitary-bid", "The new council, Cornwall Council, came into being on 1 April 2009"),
    )),
}

_TYPES = {"CTY": "County", "UA": "Unitary Authority", "MD": "Metropolitan District", "LBO": "London Borough", "CC": "Other", "SRA": "Other"}


def manifest_source(layout: str) -> dict[str, Any]:
    """The source record data/reference/manifest.yaml gives the upstream file of this layout."""
    return dict(next(f.source for f in manifest() if f.layout == layout))


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items() if k} | {"_row": str(i)} for i, r in enumerate(csv.DictReader(f), start=2)]


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def abolished_day(end: str) -> dt.date | None:
    """The register's end date as the first day the council no longer existed: a last day
    (31 March, the day before the usual 1 April) becomes the next day."""
    d = _day(end)
    if d is None:
        return None
    return d + dt.timedelta(days=1) if (d.month, d.day) == (3, 31) else d


def real_start(start: str) -> dt.date | None:
    d = _day(start)
    if d is None or REGISTER_DATES[0] <= d < REGISTER_DATES[1]:
        return None
    return d


def _ms_quote(r: dict[str, str]) -> str:
    keys = ("local-authority-code", "official-name", "gss-code", "start-date", "end-date", "replaced-by", "local-authority-type", "county-la")
    return f"row {r['_row']}: " + "; ".join(f"{k}={r[k]}" for k in keys if r.get(k))


def _d2i_quote(r: dict[str, str], cols: tuple[str, ...]) -> str:
    return f"row {r['_row']}: " + "; ".join(f"{k}={r[k]}" for k in cols if r.get(k))


def _float(text: str) -> float | None:
    try:
        return round(float(text), 6) if text else None
    except ValueError:
        return None


def records(shared: Path) -> list[dict[str, Any]]:
    """Fact records for every children's services authority, current and former, with lineage."""
    ms_all = _rows(shared / "mysociety-local-authorities" / "uk_local_authorities_current.csv")
    ms = [r for r in ms_all if r["nation"] == "England"]
    d2i = _rows(shared / "la_lookup.csv")
    by_gss = {r["gss-code"]: r for r in ms if r["gss-code"]}
    by_code = {r["local-authority-code"]: r for r in ms}
    former_by_la = {r["old-ons-la-code"]: r for r in ms if r["end-date"] and r["local-authority-type"] in UPPER_TIER and r["old-ons-la-code"]}

    councils: dict[str, dict[str, Any]] = {}
    ms_id: dict[str, str] = {}  # mySociety code -> our id
    out: list[dict[str, Any]] = list(SOURCES) + [{"type": "source", **manifest_source("register")}]

    for r in d2i:
        code, name = r.get("la_code"), r.get("local_authority_ons_name")
        if not code or not name:
            continue
        m = by_gss.get(r["la_code_new"]) if r.get("la_code_new") else former_by_la.get(code)
        cid = slug(name)
        short = (m or {}).get("nice-name") or name
        official = (m or {}).get("official-name") or name
        names = [name, short] + aliases_from(r.get("also_known_as"), name)
        rec: dict[str, Any] = {
            "type": "entity", "kind": "Council", "id": cid, "name": official, "short_name": short,
            "la_code": code, "gss_code": r.get("la_code_new") or (m or {}).get("gss-code") or r.get("ltla23cd") or None,
            "council_type": council_type(r.get("ons_la_type")) or (_TYPES.get(m["local-authority-type"]) if m else None),
            "region": r.get("region_name") or (m or {}).get("region") or None,
            "website": r.get("domain") or None, "urn": r.get("urn") or None,
            "sources": [D2I] + ([MYSOCIETY] if m else []),
        }
        if m:
            rec["latitude"], rec["longitude"] = _float(m["lat"]), _float(m["long"])
            start = real_start(m["start-date"])
            if start:
                rec["established"] = start.isoformat()
            end = abolished_day(m["end-date"])
            if end:
                rec["abolished"] = end.isoformat()
            names += [a.strip() for a in m["alt-names"].split(",") if a.strip() and not a.strip().islower()]
            ms_id[m["local-authority-code"]] = cid
        rec["aliases"] = [a for a in unique(names) if a.lower() != official.lower()]
        councils[cid] = {"rec": rec, "d2i": r, "ms": m}

    # former upper-tier councils only mySociety lists (and the continuing ones: the same body)
    current_ids = {c for c, v in councils.items() if "abolished" not in v["rec"]}
    for r in ms:
        if r["local-authority-type"] not in UPPER_TIER or not r["end-date"] or r["local-authority-code"] in ms_id:
            continue
        if r["local-authority-code"] in CONTINUING:
            cid = ms_id[CONTINUING[r["local-authority-code"]]]
            ms_id[r["local-authority-code"]] = cid
            rec = councils[cid]["rec"]
            rec.pop("established", None)  # the new name's first day, not the council's
            rec["aliases"] = unique(rec["aliases"] + [r["official-name"]])
            # its official name until then: answers about earlier dates name it so
            rec["former_names"] = [clean_name(r["official-name"])]
            rec["former_names_until"] = [abolished_day(r["end-date"]).isoformat()]  # type: ignore[union-attr]
            continue
        short = r["nice-name"]
        cid = slug(short)
        if cid in current_ids:
            cid = slug(r["official-name"].removesuffix(" Council"))
        rec = {
            "type": "entity", "kind": "Council", "id": cid, "name": r["official-name"], "short_name": short,
            "la_code": r["old-ons-la-code"] or None, "gss_code": r["gss-code"] or None,
            "council_type": _TYPES.get(r["local-authority-type"]), "region": r["region"] or None,
            "latitude": _float(r["lat"]), "longitude": _float(r["long"]),
            "aliases": [a for a in unique([short] + [a.strip() for a in r["alt-names"].split(",") if a.strip() and not a.strip().islower()]) if a.lower() != r["official-name"].lower()],
            "sources": [MYSOCIETY],
        }
        start = real_start(r["start-date"])
        if start:
            rec["established"] = start.isoformat()
        rec["abolished"] = abolished_day(r["end-date"]).isoformat()  # type: ignore[union-attr]
        councils[cid] = {"rec": rec, "d2i": None, "ms": r}
        ms_id[r["local-authority-code"]] = cid

    # the county councils that became unitary in 2009 were children's services authorities before
    for cid, v in councils.items():
        m, rec = v["ms"], v["rec"]
        if m and m["start-date"] == "2009-04-01" and m["local-authority-type"] == "UA" and _was_county(m, ms_all):
            rec.pop("established", None)

    # two councils may share a DfE LA code only one after the other (a new body kept the old code)
    for v in councils.values():
        rec = v["rec"]
        if rec.get("la_code") and any(o["rec"] is not rec and o["rec"].get("la_code") == rec["la_code"] and "abolished" not in o["rec"]
                                      for o in councils.values()) and "abolished" in rec:
            rec["note_la_code"] = rec["la_code"]

    rels: list[dict[str, Any]] = []
    # successors from the register
    for code, cid in sorted(ms_id.items()):
        m = by_code[code]
        if code in CONTINUING or not m["end-date"]:
            continue
        day = abolished_day(m["end-date"])
        succ = [ms_id.get(s.strip()) for s in m["replaced-by"].split(",") if s.strip()]
        for s in [x for x in succ if x]:
            ev = [{"source": MYSOCIETY, "quote": _ms_quote(m)}]
            if (cid, s) in SUCCESSOR_QUOTES:
                sid, q = SUCCESSOR_QUOTES[(cid, s)]
                ev.append({"source": sid, "quote": q})
            rels.append(_succeeded(cid, s, day, ev))
        # a county's district that went to another successor took part of the county with it
        for r in ms_all:
            if r.get("county-la") == code and r["end-date"] and r["replaced-by"]:
                for s in (x.strip() for x in r["replaced-by"].split(",")):
                    t = ms_id.get(s)
                    if t and t not in succ and t != cid:
                        rels.append(_succeeded(cid, t, day, [{"source": MYSOCIETY, "quote": _ms_quote(m)}, {"source": MYSOCIETY, "quote": _ms_quote(r)}],
                                               note=f"Part of the area: {r['official-name']}, a district of {m['official-name']}, went to {by_code[s]['official-name']}."))
                        succ.append(t)
    # councils the registers lack, from the orders
    for cid, official, short, ctype, region, gone, succ_ids, sid, quote in MISSING:
        councils[cid] = {"rec": {
            "type": "entity", "kind": "Council", "id": cid, "name": official, "short_name": short, "aliases": [short],
            "council_type": ctype, "region": region, "abolished": gone, "sources": [sid],
        }, "d2i": None, "ms": None}
        for s in succ_ids:
            ev = [{"source": sid, "quote": quote}]
            if (cid, s) in SUCCESSOR_QUOTES and SUCCESSOR_QUOTES[(cid, s)][1] != quote:
                ev.append({"source": SUCCESSOR_QUOTES[(cid, s)][0], "quote": SUCCESSOR_QUOTES[(cid, s)][1]})
            rels.append(_succeeded(cid, s, dt.date.fromisoformat(gone), ev))
    # the continuing authorities: why they are one body
    for code, (sid, quote) in CONTINUING_QUOTES.items():
        cid = ms_id.get(code)
        if cid:
            rec = councils[cid]["rec"]
            rec["sources"] = sorted(set(rec["sources"]) | {sid})
            rec["description"] = _known_as(by_code[code]["official-name"], abolished_day(by_code[code]["end-date"]))
    # renamed in place, from the pages that date the change
    for code, (old, until, cited) in RENAMED_IN_PLACE.items():
        cid = ms_id.get(code)
        if cid:
            rec = councils[cid]["rec"]
            rec["former_names"], rec["former_names_until"] = [old], [until]
            rec["aliases"] = unique(rec["aliases"] + [old])
            rec["sources"] = sorted(set(rec["sources"]) | {sid for sid, _ in cited})
            rec["description"] = _known_as(old, dt.date.fromisoformat(until))

    # a former council the register gives no region takes its successors' (one region for all)
    for r in rels:
        if r["kind"] == "SUCCEEDED_BY" and r["to"] in councils and not councils[r["from"]]["rec"].get("region"):
            regions = {councils[x["to"]]["rec"].get("region") for x in rels if x["kind"] == "SUCCEEDED_BY" and x["from"] == r["from"] and x["to"] in councils}
            if len(regions) == 1:
                councils[r["from"]]["rec"]["region"] = regions.pop()
    for v in councils.values():
        rec = v["rec"]
        for key in ("name", "short_name"):
            if rec.get(key):
                rec[key] = clean_name(rec[key])
        rec["aliases"] = [a for a in unique([clean_name(a) for a in rec.get("aliases") or []]) if a.lower() != rec["name"].lower()]
        code = rec.pop("note_la_code", None)
        if code and "description" not in rec:
            rec["description"] = f"DfE LA code {code} passed to its successor."
        rec["sources"] = sorted(set(rec["sources"]))
        out.append({k: val for k, val in rec.items() if val not in (None, [], "")})
    out += _neighbours(councils)
    out += rels
    return out


# The councils the 2009 orders created as new bodies; the other unitary councils of 2009 (Cornwall,
# Durham, Northumberland, Shropshire, Wiltshire) were their county councils, already children's
# services authorities, taking on their districts' functions (their register start is dropped).
NEW_IN_2009 = ("Bedford", "Central Bedfordshire", "Cheshire East", "Cheshire West and Chester")


def _was_county(m: dict[str, str], ms_all: list[dict[str, str]]) -> bool:
    return m["nice-name"] not in NEW_IN_2009


def _known_as(old: str, until: dt.date | None) -> str:
    return f"Known as {old} until {until}, when it became the single council for its area under its present name (the continuing authority)."


def _succeeded(a: str, b: str, day: dt.date | None, evidence: list[dict[str, str]], note: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"type": "relationship", "kind": "SUCCEEDED_BY", "id": f"succeeded_by:{a}>{b}", "from": a, "to": b, "evidence": evidence}
    if day:
        rec["start"] = day.isoformat()
    if note:
        rec["note"] = note
    return rec


def _neighbours(councils: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    by_code = {}
    for cid, v in sorted(councils.items()):
        code = v["rec"].get("la_code")
        if code and "abolished" not in v["rec"]:
            by_code.setdefault(code, cid)
    out = []
    for cid, v in sorted(councils.items()):
        r = v["d2i"]
        if r is None or "abolished" in v["rec"]:
            continue
        quote = _d2i_quote(r, ("la_code", "local_authority_ons_name", "stat_neighbours"))
        seen: set[str] = set()
        for rank, code in enumerate(code_list(r.get("stat_neighbours")), start=1):
            other = by_code.get(code)
            if other is None or other == cid or other in seen:
                continue
            seen.add(other)
            out.append({"type": "relationship", "kind": "STAT_NEIGHBOUR", "id": f"stat_neighbour:{cid}>{other}", "from": cid, "to": other,
                        "rank": rank, "evidence": [{"source": D2I, "quote": quote}]})
    return out


@derivation("councils", "every children's services authority since 2001: names, codes, URN, centre, dates, successors, statistical neighbours",
            ("la_lookup.csv", "mysociety-local-authorities/uk_local_authorities_current.csv"))
def derive_councils(shared: Path) -> list[dict[str, Any]]:
    return records(shared)
