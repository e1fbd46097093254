"""The pages walk a neighbourhood one step at a time (the `neighbours_*` templates, one of each kind),
as deep as asked and no further, and draw it from `subgraph_*`: the same entities, distances and relationships as the neighbourhood
template; and a neighbourhood too large to draw legibly is drawn nearest first, the rest counted by kind."""

import pytest

from accountable.presentation.pages import build_graph, graphdata
from accountable.queries import by_kind, registry

ENTITIES = ["somerset", "doncaster", "peter-lewis", "somerset/dcs", "dfe/secretary_of_state", "ofsted", "dfe", "somerset/inspection/2013-08"]


def template_rows(store, entity, depth):
    nodes, rels = {}, {}
    for r in registry.run(store, "neighbourhood", {"entity": entity, "depth": depth}):
        nodes[r["id"]] = (r["kind"], r["distance"])
        if r["rel_id"] is not None:
            rels[r["rel_id"]] = (r["id"], r["rel_kind"], r["to_id"])
    return nodes, rels


def test_the_generated_templates_are_what_the_model_gives():
    for name, text in by_kind.GENERATED.items():
        assert (by_kind.HERE / name).read_text(encoding="utf-8") == text(), f"run python -m accountable.queries.by_kind ({name})"


@pytest.mark.parametrize("depth", [0, 1, 2, 3, 4])
def test_the_walk_finds_what_the_neighbourhood_template_finds_at_each_depth(asked, depth):
    for entity in ENTITIES:
        want_nodes, want_rels = template_rows(asked, entity, depth)
        g = graphdata.neighbourhood(asked, entity, depth, most=10_000)
        assert g.summary is None
        assert {n.id: (n.kind, n.distance) for n in g.nodes.values()} == want_nodes, (entity, depth)
        assert {e.id: (e.source, e.kind, e.target) for e in g.edges.values()} == want_rels, (entity, depth)


def test_a_walk_goes_no_deeper_than_asked(asked):
    # depth 1 from Somerset: its posts, inspections and the national offices it answers to; not the people in its posts
    g = graphdata.neighbourhood(asked, "somerset", 1)
    assert {n.distance for n in g.nodes.values()} == {0, 1}
    assert "somerset/dcs" in g.nodes and "peter-lewis" in g.nodes  # the council appointed him (a direct link)
    assert "julian-wooster" not in g.nodes  # holds the DCS post: two steps away
    assert "julian-wooster" in graphdata.neighbourhood(asked, "somerset", 2).nodes


@pytest.mark.parametrize("scan", ["", "_scan"])
def test_neighbours_leave_out_statistical_neighbours_and_give_kinds(asked, scan):
    rows = registry.run(asked, "neighbours_councils" + scan, {"councils": ["somerset"]})
    got = {r["neighbour"]: (r["kind"], r["post_kind"]) for r in rows}
    assert len(got) == len(rows)  # each once
    assert got["somerset/dcs"] == ("Post", "dcs") and got["dfe/secretary_of_state"] == ("Post", "secretary_of_state")
    neighbours_in_stats = {r["to"] for r in asked.query("MATCH (a:Council {id: 'somerset'})-[r:STAT_NEIGHBOUR]-(b:Council) RETURN b.id AS to")}
    assert neighbours_in_stats and not neighbours_in_stats & set(got) - {r["neighbour"] for r in rows if r["kind"] != "Council"}


def test_the_scan_and_the_lookups_by_key_find_the_same_neighbours(asked):
    every: dict[str, list[str]] = {}
    for r in registry.run(asked, "whole_graph"):
        if r["id"] not in every.setdefault(r["kind"], []):
            every[r["kind"]].append(r["id"])
    for kind, key in graphdata.BY_KIND.items():
        ids = every[kind][:40]
        by_key = registry.run(asked, f"neighbours_{key}", {key: ids})
        scanned = registry.run(asked, f"neighbours_{key}_scan", {key: ids})
        assert by_key and sorted(map(repr, by_key)) == sorted(map(repr, scanned)), kind


def test_a_walk_from_many_reads_the_tables_once_and_finds_the_same(asked, monkeypatch):
    want = graphdata.neighbourhood(asked, "dfe/secretary_of_state", 2, most=10_000)
    monkeypatch.setattr(graphdata, "SCAN_FROM", 1)
    got = graphdata.neighbourhood(asked, "dfe/secretary_of_state", 2, most=10_000)
    assert {n.id: n.distance for n in got.nodes.values()} == {n.id: n.distance for n in want.nodes.values()}
    assert set(got.edges) == set(want.edges)


def test_a_neighbourhood_too_large_to_draw_is_drawn_nearest_first_and_counted_by_kind(asked):
    full = graphdata.neighbourhood(asked, "dfe/secretary_of_state", 2, most=10_000)
    g = graphdata.neighbourhood(asked, "dfe/secretary_of_state", 2, most=12)
    assert len(g.nodes) == 12 and g.summary is not None
    s = g.summary
    kinds = {}
    for n in full.nodes.values():
        kinds[n.kind] = kinds.get(n.kind, 0) + 1
    assert s.by_kind == kinds and s.total == len(full.nodes) and s.drawn == 12
    # the nearest are drawn: nothing left out is nearer than anything drawn
    drawn_far = max(n.distance for n in g.nodes.values())
    assert all(n.distance >= drawn_far for i, n in full.nodes.items() if i not in g.nodes)
    left = {}
    for i, n in full.nodes.items():
        if i not in g.nodes:
            left[n.kind] = left.get(n.kind, 0) + 1
    assert s.not_drawn == left
    assert s.by_distance == {d: sum(1 for n in full.nodes.values() if n.distance == d) for d in (0, 1, 2)}
    sentence = s.sentence()
    assert f"{s.total:,} entities" in sentence and "the 12 nearest are drawn" in sentence
    for kind, n in left.items():
        assert f"{n:,} {graphdata.kind_words(kind, n)}" in sentence
    # relationships drawn join drawn entities only
    assert all(e.source in g.nodes and e.target in g.nodes for e in g.edges.values())


def test_the_page_says_what_it_does_not_draw(asked, monkeypatch):
    monkeypatch.setattr(graphdata, "MAX_DRAWN", 12)
    monkeypatch.setattr(graphdata.neighbourhood, "__defaults__", (2, 12))
    page = build_graph(asked, "dfe/secretary_of_state", on="2015-01-01")
    assert page.nodes == 12 and "the 12 nearest are drawn" in page.html and "Not drawn:" in page.html


def test_subgraph_keeps_the_relationships_to_the_entities_given_and_every_entity_asked(asked):
    every = registry.run(asked, "subgraph_posts", {"posts": ["dfe/secretary_of_state", "somerset/dcs"], "to_ids": ["dfe", "somerset/dcs"]})
    assert {r["id"] for r in every} == {"dfe/secretary_of_state", "somerset/dcs"}
    assert {(r["id"], r["to_id"]) for r in every if r["rel_id"] is not None} == {("dfe/secretary_of_state", "dfe")}
    # somerset's DCS post answers to nothing among those given: one row, its relationship columns empty
    assert [r["rel_id"] for r in every if r["id"] == "somerset/dcs"] == [None]
    # none given: each entity once, with none of its relationships (how the pages find an entity's kind)
    alone = registry.run(asked, "subgraph_inspectorates", {"inspectorates": ["ofsted"], "to_ids": []})
    assert [(r["id"], r["kind"], r["rel_id"]) for r in alone] == [("ofsted", "Inspectorate", None)]
