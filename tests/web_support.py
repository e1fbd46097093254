"""A graph for the web app's tests: the bundled facts plus tests/web_fixtures (fictional councils with a
location, and a council, person and source whose text is markup)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_FIXTURES = ROOT / "tests" / "web_fixtures"
HOSTILE = "<script>alert(1)</script> Council"
HOSTILE_PERSON = "<img src=x onerror=alert(2)>"


def build(path: Path) -> Path:
    from accountable.graph import open_store
    from accountable.loaders import facts
    from accountable.loaders.bundled import load_defaults

    with open_store("ladybug", path) as store:
        load_defaults(store)
        facts.load([WEB_FIXTURES], store)
    return path
