"""The templates the pages draw from: neighbourhood, whole_graph, inspections, on the embedded engine."""

import datetime as dt

import pytest

from accountable.queries import registry
from accountable.schema.model import NODE_KINDS, REL_KINDS


def split(rows):
    """Nodes (id -> row) and relationships (id -> row) of neighbourhood-shaped rows."""
    nodes, rels = {}, {}
    for r in rows:
        nodes.setdefault(r["id"], r)
        if r["rel_id"] is not None:
            assert r["rel_id"] not in rels, f"relationship {r['rel_id']} given twice"
            rels[r["rel_id"]] = r
    return nodes, rels


def test_somerset_within_two_steps(loaded):
    nodes, rels = split(registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 2}))
    distance = {n: r["distance"] for n, r in nodes.items()}
    assert distance["somerset"] == 0
    inspections = {r["id"] for r in registry.run(loaded, "inspections", {"council": "somerset"})}
    assert {"somerset/inspection/2013-08", "somerset/inspection/2015-03"} < inspections  # and Ofsted's latest
    assert {n for n, d in distance.items() if d == 1} == {
        "somerset/dcs", "somerset/chief_executive", "somerset/lead_member", "somerset/dass", "somerset/leader",
        "dfe/secretary_of_state", "dfe/childrens_minister", "peter-lewis",
        "dfes/secretary_of_state", "dcsf/secretary_of_state",  # the council's line to each department's in its time
    } | inspections
    assert {n for n, d in distance.items() if d == 2} == {
        "julian-wooster", "patrick-flaherty", "john-osman", "ofsted",
    }
    # every relationship joins two nodes of the subgraph, and the subgraph is connected through them
    for r in rels.values():
        assert r["id"] in nodes and r["to_id"] in nodes
    assert {r["to_id"] for r in rels.values() if r["id"] == "peter-lewis"} == {"somerset/dcs"}
    assert len(rels) == 24 + 2 * (len(inspections) - 2)  # each inspection: INSPECTS and CARRIED_OUT_BY


def test_paths_do_not_pass_through_national_offices(loaded):
    nodes, _ = split(registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 3}))
    # the Secretary of State is reached, but not the other councils that answer to them
    assert "dfe/secretary_of_state" in nodes
    assert not {"doncaster", "hackney", "rotherham", "leeds"} & set(nodes)
    # ...nor Ofsted's other inspections, nor the other members of DfE
    assert "edward-timpson" not in nodes and "dfe" not in nodes
    # starting at a national office is allowed: every council answers to the Secretary of State
    nodes, rels = split(registry.run(loaded, "neighbourhood", {"entity": "dfe/secretary_of_state", "depth": 1}))
    councils = {n for n, r in nodes.items() if r["kind"] == "Council"}
    assert {"somerset", "doncaster", "rotherham", "hackney", "leeds"} <= councils
    assert all(r["distance"] == 1 for n, r in nodes.items() if n != "dfe/secretary_of_state")


def test_relationships_carry_dates_with_precision_status_sources_and_quotes(loaded):
    _, rels = split(registry.run(loaded, "neighbourhood", {"entity": "peter-lewis", "depth": 1}))
    h = rels["holds:peter-lewis>somerset/dcs"]
    assert (h["rel_kind"], h["capacity"], h["status"]) == ("HOLDS", "interim", "disputed")
    assert (h["valid_from"], h["valid_from_precision"]) == (dt.date(2013, 1, 1), "year")
    assert (h["valid_to"], h["valid_to_precision"]) == (dt.date(2014, 10, 1), "month")
    assert h["valid_until"] == dt.date(2014, 11, 1) and h["until_basis"] == "stated"
    assert h["sources"] == ["cypnow-2014-10-28-somerset-row", "lgc-2014-10-no-gaps", "cypnow-2015-03-somerset-ofsted"]
    assert h["quotes"][0] == "the departure of Peter Lewis as Somerset interim DCS"
    assert "decided to leave" in h["accounts"][2]
    # the council's ending of his contract is disputed too, and reaches him at depth 1
    t = rels["appoints:somerset>peter-lewis:terminate"]
    assert (t["id"], t["to_id"], t["action"], t["status"]) == ("somerset", "peter-lewis", "terminate", "disputed")


def test_depth_zero_is_the_entity_alone_and_an_unknown_id_is_empty(loaded):
    rows = registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 0})
    assert [(r["id"], r["kind"], r["rel_id"]) for r in rows] == [("somerset", "Council", None)]
    assert registry.run(loaded, "neighbourhood", {"entity": "no-such-entity"}) == []


def test_nodes_carry_their_kind_and_sources(loaded):
    nodes, _ = split(registry.run(loaded, "neighbourhood", {"entity": "somerset", "depth": 1}))
    i = nodes["somerset/inspection/2013-08"]
    assert (i["kind"], i["framework"], i["overall"], i["published"], i["published_precision"]) == (
        "Inspection", "child protection", "inadequate", dt.date(2013, 8, 1), "month")
    assert nodes["somerset/dcs"]["post_kind"] == "dcs" and nodes["somerset/dcs"]["node_sources"] == ["ca2004-s18"]


def test_whole_graph_has_every_entity_and_relationship(loaded):
    nodes, rels = split(registry.run(loaded, "whole_graph"))
    counts = loaded.counts()
    assert len(nodes) == sum(counts[k.name] for k in NODE_KINDS if k.name != "Source")
    assert len(rels) == sum(counts[r.name] for r in REL_KINDS)
    assert all(r["kind"] != "Source" for r in nodes.values())


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_a_wider_neighbourhood_contains_the_narrower(loaded, depth):
    narrow, _ = split(registry.run(loaded, "neighbourhood", {"entity": "doncaster", "depth": depth - 1}))
    wide, _ = split(registry.run(loaded, "neighbourhood", {"entity": "doncaster", "depth": depth}))
    assert set(narrow) <= set(wide)
    assert all(wide[n]["distance"] == narrow[n]["distance"] for n in narrow)


def test_inspections_latest_first(loaded):
    rows = registry.run(loaded, "inspections", {"council": "somerset"})
    # Ofsted's latest (from the shipped spreadsheet) first, then the two the articles report
    assert [r["id"] for r in rows][-2:] == ["somerset/inspection/2015-03", "somerset/inspection/2013-08"]
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)
    assert (rows[-1]["overall"], rows[-1]["framework"], rows[-1]["published_precision"]) == ("inadequate", "child protection", "month")
    assert rows[-2]["sources"] == ["cypnow-2015-03-somerset-ofsted"]
    assert list(rows[0]) == list(registry.get("inspections").returns)
    assert all("cypnow-2015-03-somerset-ofsted" not in r["sources"] for r in registry.run(loaded, "inspections", {"council": "hackney"}))
