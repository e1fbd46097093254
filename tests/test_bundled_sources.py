"""The bundled facts quote their articles faithfully, and briefly."""

import re
from pathlib import Path

import pytest
import yaml

from accountable.loaders.facts import bundled_dir

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
ARTICLES = {
    "cypnow-2014-10-28-somerset-row": "000_a32b148b1121d823.txt",
    "lgc-2014-10-dcs-open-to-change": "001_5584cef9ab74edc9.txt",
    "lgc-2014-10-no-gaps": "002_43cacf245c2d0e91.txt",
    "cypnow-2015-03-somerset-ofsted": "003_812072f7d3092356.txt",
    "lgc-2009-hughes-joint-role": "004_a427dd6d4a335a81.txt",
}


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text)


def quotes():
    for f in sorted(bundled_dir().glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for rel in data.get("relationships", []):
            for ev in rel["evidence"]:
                if ev["source"] in ARTICLES:
                    yield pytest.param(ev["source"], ev["quote"], id=f"{f.name}:{rel.get('id', rel['kind'])}:{ev['quote'][:30]}")


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live in ../shared/seeds beside the repository")
@pytest.mark.parametrize("source, quote", list(quotes()))
def test_every_quote_stands_in_its_article(source, quote):
    article = norm((SEEDS / ARTICLES[source]).read_text(encoding="utf-8"))
    assert norm(quote) in article


@pytest.mark.parametrize("source, quote", list(quotes()))
def test_quotes_are_short(source, quote):
    assert len(quote.split()) <= 30
