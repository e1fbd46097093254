"""Services councils commission from providers, who runs the providers, and where the lines still end."""

from __future__ import annotations

from typing import Any

from . import registry
from .suggest import check_region
from .answers import SourceBook, find_council, interval_text

TEMPLATE = "outsourced"
# The columns of the CSV form: one row per item of the answer.
CSV_COLUMNS = (
    "council_id", "council", "provider_id", "provider", "provider_type", "services", "from", "run_by",
    "answers_along", "council_keeps", "sources"
)


def check(on: Any = None, region: str | None = None) -> dict[str, Any]:
    day = registry.Param("on", "date", "today").convert(on)
    values = {"at": day, "region": (region or "").strip()}
    registry.get(TEMPLATE).bind(values)
    return values


def outsourced(store: Any, on: Any = None, council: str | None = None, region: str | None = None) -> dict[str, Any]:
    """The answer to `accountable outsourced [COUNCIL] [--on DATE] [--region R]`, as plain data."""
    values = check(on, region)
    check_region(store, region)
    c = find_council(store, council) if council else None
    if c:
        values["council"] = c["id"]
    rows = commissions(store, values)
    book = SourceBook(store)
    providers = []
    for r in rows:
        heads = [h for h in r["provider_heads"] or [] if h and h.get("id")]
        lines = []
        if r["line_basis"]:
            lines.append({"from": r["provider"], "to": r["council"], "basis": r["line_basis"],
                          "sources": book.cite(r["line_sources"], r["line_quotes"])})
        else:
            lines.append({"from": r["provider"], "to": r["council"], "basis": "commissioned",
                          "sources": book.cite(r["sources"], r["quotes"])})
        for up in r["council_lines"] or []:
            if up and up.get("id"):
                lines.append({"from": r["council"], "to": up["name"], "basis": up["basis"],
                              "sources": book.cite(up["sources"], up["quotes"])})
        providers.append({
            "council_id": r["council_id"], "council": r["council"], "provider_id": r["provider_id"],
            "provider": r["provider"], "provider_type": r["provider_type"], "services": list(r["services"] or []),
            "retained": [x for x in r.get("retained") or [] if x],
            **interval_text(r), "status": r["status"],
            "run_by": [{"person_id": h["id"], "person": h["name"], "post": h["post"], "capacity": h["capacity"],
                        "sources": book.cite(h["sources"], h["quotes"])} for h in heads],
            "lines": lines,
            "sources": book.cite(r["sources"], r["quotes"]),
        })
    answer = {"on": values["at"], "council": c and {"id": c["id"], "name": c["name"]},
              "region": values["region"] or None, "providers": providers}
    answer["sources"] = book.resolve()
    for p in providers:
        p["sources"] = book.fill(p["sources"])
        for x in p["run_by"] + p["lines"]:
            x["sources"] = book.fill(x["sources"])
    return answer


def commissions(store: Any, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The commissionings in force on the date (the template's parameters), each with the provider's
    own line to the council where a source gives one (once for each such line), in the template's
    order (council, provider): with `provider_heads`, the holdings of the provider's chief executive
    post on the date, and `council_lines`, the council's lines up on the date, each once with its
    sources."""
    grouped: dict[tuple[str, str | None], dict[str, Any]] = {}
    heads: dict[tuple[str, str | None], dict[str, dict[str, Any]]] = {}
    ups: dict[tuple[str, str | None], dict[str, dict[str, Any]]] = {}
    for r in registry.run(store, TEMPLATE, values):
        key = (r["id"], r["line_id"])
        if key not in grouped:
            grouped[key] = {c: r[c] for c in _COMMISSION_COLUMNS}
            grouped[key]["provider_answers_to"] = r["council"] if r["line_id"] is not None else None
            heads[key], ups[key] = {}, {}
        if r["head_holding"] is not None:
            heads[key].setdefault(r["head_holding"], {
                "id": r["head_id"], "name": r["head"], "post": r["head_post"], "capacity": r["head_capacity"],
                "sources": r["head_sources"], "quotes": r["head_quotes"]})
        if r["up_line"] is not None:
            ups[key].setdefault(r["up_line"], {
                "id": r["up_id"], "name": r["up_name"], "basis": r["up_basis"], "sources": r["up_sources"], "quotes": r["up_quotes"]})
    for key, row in grouped.items():
        row["provider_heads"] = list(heads[key].values())
        row["council_lines"] = list(ups[key].values())
    return list(grouped.values())


# What a commissioning row gives of itself and its provider's line (the rest is grouped).
_COMMISSION_COLUMNS = (
    "council_id", "council", "provider_id", "provider", "provider_type", "services", "retained", "valid_from",
    "valid_from_precision", "start_basis", "valid_until", "last_confirmed", "last_confirmed_precision", "status",
    "sources", "quotes", "line_basis", "line_sources", "line_quotes",
)


def chain_text(p: dict[str, Any]) -> str:
    """Provider → council (contract) → Secretary of State (statute)."""
    parts = [p["lines"][0]["from"]] if p["lines"] else [p["provider"]]
    for line in p["lines"]:
        parts.append(f"{line['to']} ({line['basis'].replace('_', ' ')})")
    return " → ".join(parts)


def rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"council_id": p["council_id"], "council": p["council"], "provider_id": p["provider_id"], "provider": p["provider"],
         "provider_type": p["provider_type"], "services": p["services"], "from": p.get("from"),
         "run_by": [h["person"] for h in p["run_by"]], "answers_along": chain_text(p), "council_keeps": p["retained"],
         "sources": sorted({s["id"] for s in p["sources"] + [s for x in p["lines"] + p["run_by"] for s in x["sources"]]})}
        for p in answer["providers"]
    ]
