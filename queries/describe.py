"""Facts said in words: one line for a relationship, whichever way it is read."""

from __future__ import annotations

from typing import Any

ACTIONS = {
    "statutory_direction": "statutory direction",
    "intervention": "intervention",
    "advisers_appointed": "advisers appointed",
    "commissioner_appointed": "commissioner appointed",
    "review": "review",
    "letter": "letter",
    "improvement_notice": "improvement notice",
}


def words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def fact_text(kind: str, a: str, b: str, row: dict[str, Any]) -> str:
    """`a` is where the relationship starts, `b` where it ends."""
    if kind == "HOLDS":
        cap = row.get("capacity")
        if cap == "declared":
            return f"{a} declared they answer for the post of {b}"
        return f"{a} holds {b}" + (f" ({cap})" if cap else "")
    if kind == "POST_IN":
        return f"{a} is a post in {b}"
    if kind == "ACCOUNTABLE_TO":
        return f"{a} answers to {b}" + (f" ({words(row.get('basis'))})" if row.get("basis") else "")
    if kind == "APPOINTS":
        role = f" as {row['role']}" if row.get("role") else ""
        if row.get("action") == "terminate":
            return f"{a} ends the appointment of {b}{role}"
        return f"{a} appoints {b}{role}"
    if kind == "COMMISSIONS":
        services = ", ".join(row.get("services") or []) or "services"
        return f"{a} commissions {services} from {b}"
    if kind == "DIRECTS":
        return f"{a} intervenes in {b}: {ACTIONS.get(row.get('action') or '', words(row.get('action')))}"
    if kind == "MEMBER_OF":
        return f"{a} is a member of {b}"
    if kind == "OFFICER_OF":
        return f"{a} is {row.get('role') or 'an officer'} of {b}"
    if kind == "INSPECTS":
        return f"{a} inspects {b}"
    if kind == "CARRIED_OUT_BY":
        return f"{a} was carried out by {b}"
    if kind == "STAT_NEIGHBOUR":
        return f"{a} is a statistical neighbour of {b}"
    if kind == "SUCCEEDED_BY":
        return f"{a} was succeeded by {b}"
    return f"{a} {words(kind).lower()} {b}"
