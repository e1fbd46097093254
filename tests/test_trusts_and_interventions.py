"""Children's services trusts, commissioners, directions and improvement notices (the bundled
data/facts/trusts-and-interventions.yaml), asked on dates before, during and after each."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from accountable.graph import open_store
from accountable.loaders.facts import bundled_dir
from accountable.queries.interventions import interventions
from accountable.queries.outsourced import outsourced
from accountable.queries.who import who

FILE = bundled_dir() / "trusts-and-interventions.yaml"


@pytest.fixture(scope="module")
def graph(_bundled_graph: Path):
    """The bundled graph, opened read-only once for these questions."""
    with open_store("ladybug", _bundled_graph, read_only=True) as s:
        yield s


def providers(store, council: str, on: str) -> list[str]:
    return [p["provider_id"] for p in outsourced(store, on=on, council=council)["providers"]]


# council, provider, last day before, a day during, first day after (None: still running)
TRUSTS = [
    ("doncaster", "doncaster-childrens-services-trust", "2014-09-30", "2020-06-01", "2022-09-01"),
    ("kingston-upon-thames", "achieving-for-children", "2014-03-31", "2014-04-01", None),
    ("richmond-upon-thames", "achieving-for-children", "2014-03-31", "2020-01-01", None),
    ("windsor-and-maidenhead", "achieving-for-children", "2017-07-31", "2017-08-01", None),
    ("slough", "slough-childrens-services-trust", "2015-09-30", "2015-10-01", "2021-04-01"),
    ("slough", "slough-children-first", "2021-03-31", "2021-04-01", None),
    ("sunderland", "together-for-children", "2017-03-31", "2017-04-01", None),
    ("birmingham", "birmingham-childrens-trust", "2018-03-31", "2019-06-01", None),
    ("sandwell", "sandwell-childrens-trust", "2018-03-31", "2018-04-01", None),
    ("reading", "brighter-futures-for-children", "2018-11-30", "2018-12-01", "2025-10-01"),
    ("worcestershire", "worcestershire-children-first", "2019-09-30", "2019-10-01", "2024-10-01"),
    ("northamptonshire", "northamptonshire-childrens-trust", "2020-10-31", "2020-11-01", "2021-04-01"),
    ("north-northamptonshire", "northamptonshire-childrens-trust", "2021-03-31", "2021-04-01", None),
    ("west-northamptonshire", "northamptonshire-childrens-trust", "2021-03-31", "2021-04-01", None),
    ("bradford", "bradford-children-and-families-trust", "2023-03-31", "2023-04-01", None),
]


@pytest.mark.parametrize("council, provider, before, during, after", TRUSTS, ids=[f"{c}>{p}" for c, p, *_ in TRUSTS])
def test_a_trust_answers_only_while_it_runs_the_services(graph, council, provider, before, during, after):
    assert provider not in providers(graph, council, before)
    assert provider in providers(graph, council, during)
    if after:
        assert provider not in providers(graph, council, after)


def test_birmingham_in_2019_lists_its_trust_since_april_2018_with_sources(graph):
    a = outsourced(graph, on="2019-06-01", council="birmingham")
    (p,) = a["providers"]
    assert (p["provider"], p["from"]) == ("Birmingham Children's Trust", "2018-04")
    cited = {s["id"]: s.get("quote", "") for s in p["sources"]}
    assert "April 2018" in cited["cypnow-2017-01-16-birmingham-trust"]
    assert {s["id"] for s in a["sources"]} >= {"cypnow-2017-01-16-birmingham-trust", "cc-2020-11-08-northamptonshire-trust"}


def test_doncaster_after_2022_has_no_trust_and_the_cli_says_so(cli):
    r = cli("outsourced", "doncaster", "--on", "2023-06-01", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["providers"] == []
    r = cli("outsourced", "birmingham", "--on", "2019-06-01", "--format", "json")
    assert [p["provider_id"] for p in json.loads(r.output)["providers"]] == ["birmingham-childrens-trust"]


def test_the_chain_says_the_council_keeps_statutory_responsibility_and_cites_the_source(graph):
    a = who(graph, "sandwell", on="2019-01-01")
    (flag,) = [f for f in a["flags"] if f["kind"] == "outsourced"]
    assert flag["retained"] == ["statutory responsibility for children's services"]
    assert "keeps statutory responsibility" in flag["message"]
    quotes = {s["id"]: s.get("quote") for s in flag["sources"]}
    assert "bevan-2018-05-09-sandwell-trust" in quotes
    assert any("retains statutory responsibility" in (s.get("quote") or "") for s in flag["sources"])
    provider = [e for e in a["chain"] if e["kind"] == "provider"]
    assert [e["id"] for e in provider] == ["sandwell-childrens-trust"]


def test_without_such_a_source_the_flag_cites_the_statute_instead(graph):
    a = who(graph, "birmingham", on="2019-06-01")
    (flag,) = [f for f in a["flags"] if f["kind"] == "outsourced"]
    assert "retained" not in flag
    assert "remains accountable to the Secretary of State" in flag["message"]
    assert "ea1996-s497a" in {s["id"] for s in flag["sources"]}


def test_before_the_trust_the_chain_has_no_provider(graph):
    a = who(graph, "sandwell", on="2018-03-31")
    assert not [e for e in a["chain"] if e["kind"] == "provider"]
    assert not [f for f in a["flags"] if f["kind"] == "outsourced"]


def actions(store, council: str, on: str) -> set[tuple[str, str]]:
    """(action, id) of every intervention in force in a council on a day."""
    a = interventions(store, council, on, on)
    return {(x["action"], x["id"]) for x in a["interventions"]}


# council, intervention id, last day before, a day during, first day after (None: no end known)
INTERVENTIONS = [
    ("doncaster", "directs:dfe/secretary_of_state>doncaster:trust", "2012-12-31", "2018-01-01", "2021-02-01"),
    ("sandwell", "directs:dfe/secretary_of_state>sandwell:statutory_direction:2014-07-22", "2014-07-21", "2015-01-01", "2016-10-06"),
    ("sandwell", "directs:dfe/secretary_of_state>sandwell:statutory_direction:2016-10-06", "2016-10-05", "2016-10-06", None),
    ("northamptonshire", "directs:dfe/secretary_of_state>northamptonshire:statutory_direction:2018-11", "2018-10-31", "2019-01-01", "2019-06-10"),
    ("northamptonshire", "directs:dfe/secretary_of_state>northamptonshire:statutory_direction:2019-06-10", "2019-06-09", "2019-06-10", "2021-04-01"),
    ("birmingham", "directs:dfe/secretary_of_state>birmingham:commissioner_appointed:2014-03", "2014-02-28", "2014-03-01", None),
    ("rotherham", "directs:dfe/secretary_of_state>rotherham:commissioner_appointed:2014-10", "2014-09-30", "2015-01-01", None),
    ("halton", "directs:dfe/secretary_of_state>halton:statutory_direction:2024-08-30", "2024-08-29", "2024-08-30", "2025-02-07"),
    ("halton", "directs:dfe/secretary_of_state>halton:statutory_direction:2025-02-07", "2025-02-06", "2025-02-07", None),
    ("south-gloucestershire", "directs:dfe>south-gloucestershire:improvement_notice:2022-03", "2022-02-28", "2023-06-01", "2023-12-21"),
    ("tameside", "directs:dfe>tameside:improvement_notice:2022-07", "2022-06-30", "2023-01-01", "2024-04-01"),
    ("tameside", "directs:dfe/secretary_of_state>tameside:statutory_direction:2024-03", "2024-02-29", "2024-03-01", None),
    ("worcestershire", "directs:dfe/secretary_of_state>worcestershire:statutory_direction:2018-08", "2018-07-31", "2018-08-01", None),
    ("oldham", "directs:dfe>oldham:improvement_notice:2023-11", "2023-10-31", "2023-11-01", None),
]


@pytest.mark.parametrize("council, xid, before, during, after", INTERVENTIONS, ids=[x[1].split(">")[1] for x in INTERVENTIONS])
def test_an_intervention_is_in_force_only_between_its_dates(graph, council, xid, before, during, after):
    assert xid not in {i for _, i in actions(graph, council, before)}
    assert xid in {i for _, i in actions(graph, council, during)}
    if after:
        assert xid not in {i for _, i in actions(graph, council, after)}


def test_who_flags_an_intervention_in_force_and_says_when_no_source_dates_its_start(graph):
    flags = who(graph, "doncaster", on="2018-01-01")["flags"]
    assert any(f["kind"] == "under_intervention" and "statutory direction since 2013" in f["message"] for f in flags)
    assert not [f for f in who(graph, "doncaster", on="2021-06-01")["flags"] if f["kind"] == "under_intervention"]
    flags = who(graph, "sunderland", on="2017-01-01")["flags"]
    (f,) = [f for f in flags if f["kind"] == "under_intervention"]
    assert "no source dates its start" in f["message"]


def test_improvement_notices_come_from_the_department_and_directions_from_the_secretary_of_state(graph):
    a = interventions(graph, None, "2024-04-01", "2024-04-01")
    by = {(x["council_id"], x["action"]): x["by_id"] for x in a["interventions"]}
    assert by[("havering", "improvement_notice")] == "dfe"
    assert by[("tameside", "statutory_direction")] == "dfe/secretary_of_state"
    assert ("tameside", "improvement_notice") not in by  # closed when the direction came


# ---------------------------------------------------------------- the file itself


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text.replace("'", "").replace("\u2019", "")).strip("-")


def data() -> dict:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def test_trust_ids_are_the_slugs_of_their_names():
    for e in data()["entities"]:
        if e["kind"] == "Trust":
            assert e["id"] == slug(e["name"])


def test_every_source_has_an_address_and_every_fact_a_short_quote():
    d = data()
    for s in d["sources"]:
        assert s["url"].startswith("http"), s["id"]
        assert s["published"], s["id"]
    for r in d["relationships"]:
        for ev in r["evidence"]:
            assert 10 <= len(ev["quote"]) <= 300, (r["id"], ev["quote"])


def test_trust_contracts_use_the_shared_ids():
    for r in data()["relationships"]:
        if r["kind"] == "COMMISSIONS":
            assert r["id"] == f"commissions:{r['from']}>{r['to']}"
        if r["kind"] == "DIRECTS":
            assert r["id"].startswith(f"directs:{r['from']}>{r['to']}")
