"""What the web app's tests share: tests/web_fixtures (fictional councils with a location, and a council,
person and source whose text is markup), loaded over the graph a first use loads (tests/conftest.py: `_mapland_graph`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_FIXTURES = ROOT / "tests" / "web_fixtures"
HOSTILE = "<script>alert(1)</script> Council"
HOSTILE_PERSON = "<img src=x onerror=alert(2)>"


def real_councils_on(day: str) -> dict[str, set[str]]:
    """The bundled (derived) councils that existed on a day, and those of them with a location, and the
    ones that did not exist then, read straight from data/derived/councils.jsonl: what the national
    picture must add to the fictional Mapland councils."""
    import json

    existed, located, absent = set(), set(), set()
    for line in (ROOT / "data" / "derived" / "councils.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("type") != "entity" or r.get("kind") != "Council":
            continue
        start, end = r.get("established"), r.get("abolished")
        if (start is None or str(start)[:10] <= day) and (end is None or day < str(end)[:10]):
            existed.add(r["id"])
            if r.get("latitude") is not None and r.get("longitude") is not None:
                located.add(r["id"])
        else:
            absent.add(r["id"])
    return {"existed": existed, "located": located, "absent": absent}
