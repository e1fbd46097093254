"""When a load gives an id that is already known: earlier in the same load, or in the graph.

Records are compared as fact-file records (plain dicts, as `model_dump(by_alias=True)` gives
them), field by field. The rules, also written out in docs/robustness.md:

- The same content: nothing to do (loading twice changes nothing).
- Agreement on every claim, one version adding what the other lacks (more evidence, an alias,
  a field the other left out): the two are merged.
- A relationship (a sourced fact) whose versions disagree, each from sources the other does
  not cite: both are kept. The fact is marked disputed, each source's evidence records what
  it says (its `account`), and the first version's values stay in front. Nothing is overwritten.
- A later load whose version cites every source of the graph's version: a correction of the
  same fact by someone who saw all its evidence. It replaces the graph's version.
- Anything else (an entity or source that differs, versions that share a source but disagree,
  an id that names a fact between other ends) is refused, naming both places. A deliberate
  correction is loaded with `accountable load --replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Relationship fields that say which fact this is: they cannot differ under one id.
REL_IDENTITY = ("kind", "from", "to")
# Fields that accumulate rather than compete.
REL_ANNOTATIONS = ("evidence", "status", "note")
NODE_LISTS = ("aliases", "sources")


@dataclass
class Outcome:
    """What to do with a record given again."""

    action: str  # same | merged | contested | corrected | replaced | refused
    record: dict[str, Any] | None = None  # the record to keep
    fields: list[str] = field(default_factory=list)  # the fields that differ
    reason: str = ""  # for refused: which rule


def _empty(v: Any) -> bool:
    return v is None or v == [] or v == ""


def show(v: Any) -> str:
    """A value as a fact file writes it."""
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    if isinstance(v, str):
        return repr(v) if (" " in v or not v) else v
    return repr(v)


def sources_of(rel: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for ev in rel.get("evidence") or []:
        if ev["source"] not in out:
            out.append(ev["source"])
    return out


def _claims(rec: dict[str, Any], section: str) -> dict[str, Any]:
    skip = ("id",) + (REL_ANNOTATIONS if section == "relationships" else NODE_LISTS)
    return {k: v for k, v in rec.items() if k not in skip}


def differing(old: dict[str, Any], new: dict[str, Any], section: str) -> list[str]:
    """Claims both versions make, with different values (one leaving a field out is not a difference)."""
    a, b = _claims(old, section), _claims(new, section)
    return [k for k in sorted(set(a) | set(b)) if not _empty(a.get(k)) and not _empty(b.get(k)) and a.get(k) != b.get(k)]


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    return list(a) + [x for x in b if x not in a]


def _merge_evidence(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {(e["source"], e["quote"]) for e in a}
    return [dict(e) for e in a] + [dict(e) for e in b if (e["source"], e["quote"]) not in seen]


def _join_notes(a: str | None, b: str | None) -> str | None:
    if _empty(a):
        return b
    if _empty(b) or b in a:  # type: ignore[operator]
        return a
    return f"{a}\n{b}"


def merged(old: dict[str, Any], new: dict[str, Any], section: str) -> dict[str, Any]:
    """Two versions that agree: every field either gives, lists joined, evidence added."""
    out = dict(old)
    for k, v in new.items():
        if _empty(out.get(k)) and not _empty(v):
            out[k] = v
    if section == "relationships":
        old_ev, new_ev = old.get("evidence") or [], new.get("evidence") or []
        if {(e["source"], e["quote"]) for e in old_ev} <= {(e["source"], e["quote"]) for e in new_ev}:
            out["evidence"] = [dict(e) for e in new_ev]  # the new version already holds it all, in its order
        else:
            out["evidence"] = _merge_evidence(old_ev, new_ev)
        out["status"] = "disputed" if "disputed" in (old.get("status"), new.get("status")) else (old.get("status") or new.get("status"))
        out["note"] = _join_notes(old.get("note"), new.get("note"))
    else:
        for k in NODE_LISTS:
            if k in old or k in new:
                out[k] = _union(old.get(k) or [], new.get(k) or [])
        if "sources" in out:  # one canonical order, whichever load came first (as loaders/merge.py keeps them)
            out["sources"] = sorted(out["sources"])
    return out


def _says(rec: dict[str, Any], fields: list[str]) -> str:
    return ", ".join(f"{f} {show(rec.get(f))}" for f in fields)


def contested(old: dict[str, Any], new: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """Both versions kept: the first one's values, every source's evidence saying what it claims."""
    out = dict(old)
    what_old, what_new = _says(old, fields), _says(new, fields)
    evidence = [dict(e, account=e.get("account") or what_old) for e in old.get("evidence") or []]
    evidence = _merge_evidence(evidence, [dict(e, account=e.get("account") or what_new) for e in new.get("evidence") or []])
    out["evidence"] = evidence
    out["status"] = "disputed"
    sentence = (
        "Sources disagree on " + ", ".join(fields) + ": "
        + "; ".join(f"{show(old.get(f))} ({', '.join(sources_of(old))}) or {show(new.get(f))} ({', '.join(sources_of(new))})" for f in fields)
        + "."
    )
    out["note"] = _join_notes(_join_notes(old.get("note"), new.get("note")), sentence)
    return out


def recorded(old: dict[str, Any], new: dict[str, Any], fields: list[str]) -> bool:
    """Whether a disputed fact already holds this version as one of its accounts (loading it again adds nothing)."""
    if old.get("status") != "disputed":
        return False
    accounts = {(e["source"], e["quote"]): e.get("account") for e in old.get("evidence") or []}
    what = _says(new, fields)
    return all(accounts.get((e["source"], e["quote"]), "\0") == (e.get("account") or what) for e in new.get("evidence") or [])


def reconcile(old: dict[str, Any], new: dict[str, Any], section: str, *, later: bool, replace: bool = False) -> Outcome:
    """`old` was there first (earlier in this load, or in the graph when `later`); `new` is given now."""
    if old == new:
        return Outcome("same", old)
    if section == "relationships":
        ident = [k for k in REL_IDENTITY if old.get(k) != new.get(k)]
        if ident:
            return Outcome("refused", None, ident, "identity")
    elif section == "entities" and old.get("kind") != new.get("kind"):
        return Outcome("refused", None, ["kind"], "identity")
    if later and replace:
        return Outcome("replaced", new, differing(old, new, section))
    fields = differing(old, new, section)
    if not fields:
        result = merged(old, new, section)
        return Outcome("same" if result == old else "merged", result)
    if section != "relationships":
        return Outcome("refused", None, fields, "differs")
    if recorded(old, new, fields):
        return Outcome("same", old)
    old_sources, new_sources = set(sources_of(old)), set(sources_of(new))
    if later and old_sources <= new_sources:
        return Outcome("corrected", new, fields)
    if old_sources & new_sources:
        return Outcome("refused", None, fields, "shared_source")
    result = contested(old, new, fields)
    return Outcome("same" if result == old else "contested", result, fields)
