"""The Cypher a store sends to write and read back the graph, built from the model.

Labels, types and property names come only from schema/model.py, never from
input; values travel only as parameters. Each store passes its own `cast`, since
the engines spell a typed null differently (LadybugDB needs CAST for a column of
nulls; Neo4j needs nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from ..schema.model import NODE_BY_NAME, NODE_KINDS, REL_BY_NAME, REL_KINDS, Column, node_columns, rel_columns

Cast = Callable[[str, Column], str]


def _label(label: str) -> str:
    """A label named by the model, or an error: nothing from input becomes Cypher text."""
    if label not in NODE_BY_NAME:
        raise ValueError(f"{label!r} is not a kind of node in the model")
    return label


def _type(rel_type: str) -> str:
    if rel_type not in REL_BY_NAME:
        raise ValueError(f"{rel_type!r} is not a kind of relationship in the model")
    return rel_type


def neo4j_cast(expr: str, col: Column) -> str:
    if col.type == "DATE":
        return f"date({expr})"
    return expr


def ladybug_cast(expr: str, col: Column) -> str:
    if col.type == "DATE":
        return f"date({expr})"
    return f"CAST({expr} AS {col.type})"


def upsert_nodes(label: str, cast: Cast) -> str:
    _label(label)
    cols = [c for c in node_columns(label) if c.name != "id"]
    sets = ", ".join(f"n.{c.name} = {cast('row.' + c.name, c)}" for c in cols)
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET {sets}"


def upsert_rels(rel_type: str, from_label: str, to_label: str, cast: Cast) -> str:
    _type(rel_type)
    if (from_label, to_label) not in REL_BY_NAME[rel_type].ends:
        raise ValueError(f"{rel_type} does not run from {from_label} to {to_label}")
    cols = [c for c in rel_columns(rel_type) if c.name != "id"]
    sets = ", ".join(f"r.{c.name} = {cast('row.' + c.name, c)}" for c in cols)
    return (
        f"UNWIND $rows AS row MATCH (a:{from_label} {{id: row.from_id}}) MATCH (b:{to_label} {{id: row.to_id}}) "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) SET {sets}"
    )


def delete_nodes(label: str) -> str:
    """Every node of a kind and its relationships: the first step of replacing a whole graph."""
    return f"MATCH (n:{label}) DETACH DELETE n"


def ids_of(label: str) -> str:
    # one key look-up per id (`WHERE n.id IN $ids` reads the whole table)
    return f"UNWIND $ids AS x MATCH (n:{_label(label)} {{id: x}}) RETURN n.id AS id"


def count_nodes(label: str) -> str:
    return f"MATCH (n:{_label(label)}) RETURN count(n) AS n"


def count_rels(rel_type: str) -> str:
    return f"MATCH ()-[r:{_type(rel_type)}]->() RETURN count(r) AS n"


def dump_nodes(label: str) -> str:
    cols = ", ".join(f"n.{c.name} AS {c.name}" for c in node_columns(label))
    return f"MATCH (n:{label}) RETURN {cols} ORDER BY n.id"


def nodes_by_ids(label: str) -> str:
    """Every column of the nodes of one label with the given ids: the graph's version of records a load gives again."""
    cols = ", ".join(f"n.{c.name} AS {c.name}" for c in node_columns(_label(label)))
    return f"UNWIND $ids AS x MATCH (n:{label} {{id: x}}) RETURN {cols}"


def rel_ids_in(rel_type: str) -> str:
    """Which of the given ids the relationships of one type hold: the id column alone, one pass over the
    table (measured on a 1M-fact graph, 3,740 ids against 207,000 holdings: 0.2 s CPU, against 2 s for
    `rels_by_ids`, which reads every column of every row and both ends' ids before it joins)."""
    return f"UNWIND $ids AS x MATCH ()-[r:{_type(rel_type)}]->() WHERE r.id = x RETURN r.id AS id"


def rels_by_ids(rel_type: str) -> str:
    """Every column of the relationships of one type with the given ids, with their ends."""
    # (UNWIND then an equality is a hash join, one pass over the table; `r.id IN $ids` tests each
    # row against the whole list: 5,000 ids over 209,000 holdings took 12.6 s, this 0.3 s)
    cols = ", ".join(f"r.{c.name} AS {c.name}" for c in rel_columns(_type(rel_type)))
    return f"UNWIND $ids AS x MATCH (a)-[r:{rel_type}]->(b) WHERE r.id = x RETURN a.id AS `from`, b.id AS `to`, {cols}"


def rels_from(rel_type: str, from_label: str, to_label: str) -> str:
    """Every column of the relationships of one type that start at the given ids (a person's holdings, say).
    Each id is a key look-up of its node, then its relationships: `WHERE a.id = x` on an unlabelled
    start read the whole relationship table (1.9 s CPU for a few thousand persons on a 1M-fact graph)."""
    if (from_label, to_label) not in REL_BY_NAME[_type(rel_type)].ends:
        raise ValueError(f"{rel_type} does not run from {from_label} to {to_label}")
    cols = ", ".join(f"r.{c.name} AS {c.name}" for c in rel_columns(rel_type))
    return (f"UNWIND $ids AS x MATCH (a:{_label(from_label)} {{id: x}}) OPTIONAL MATCH (a)-[r:{rel_type}]->(b:{_label(to_label)}) "
            f"WITH a, r, b WHERE r IS NOT NULL RETURN a.id AS `from`, b.id AS `to`, {cols}")


def dump_rels(rel_type: str, from_label: str, to_label: str) -> str:
    cols = ", ".join(f"r.{c.name} AS {c.name}" for c in rel_columns(rel_type))
    return (
        f"MATCH (a:{from_label})-[r:{rel_type}]->(b:{to_label}) "
        f"RETURN a.id AS `from`, b.id AS `to`, {cols} ORDER BY r.id"
    )


def ladybug_dump_rels(rel_type: str) -> str:
    """LadybugDB: every relationship of one type with its ends' labels (`label()`, LadybugDB's own function;
    Neo4j's is `labels()`) in one scan of the type's table, rather than one question per pair of ends."""
    cols = ", ".join(f"r.{c.name} AS {c.name}" for c in rel_columns(rel_type))
    return f"MATCH (a)-[r:{rel_type}]->(b) RETURN label(a) AS from_label, label(b) AS to_label, a.id AS `from`, b.id AS `to`, {cols}"


def node_hashes(label: str) -> str:
    """The id and content hash of every node of one label that keeps one (schema/content_hash.py):
    all a reload reads to recognise the lines the graph holds as given."""
    return f"MATCH (n:{_label(label)}) WHERE n.content_hash IS NOT NULL RETURN n.id AS id, n.content_hash AS hash"


def rel_hashes(rel_type: str) -> str:
    return f"MATCH ()-[r:{_type(rel_type)}]->() WHERE r.content_hash IS NOT NULL RETURN r.id AS id, r.content_hash AS hash"


# An open-ended holding is ended by the next holding of the same post ("until a
# replacement was found"); a stated end is never overridden.
CLOSE_OPEN_HOLDINGS = (
    "MATCH (:Person)-[r:HOLDS]->(post:Post) "
    "WHERE r.valid_to IS NULL AND r.valid_from IS NOT NULL "
    "OPTIONAL MATCH (:Person)-[r2:HOLDS]->(post) WHERE r2.valid_from > r.valid_from "
    "WITH r, min(r2.valid_from) AS next "
    "SET r.valid_until = next, r.until_basis = CASE WHEN next IS NULL THEN NULL ELSE 'superseded' END"
)
# ...and keeps the precision of the start that ended it ("2015-03" stays a month).
SUPERSEDED_PRECISION = (
    "MATCH (:Person)-[r:HOLDS]->(post:Post)<-[r2:HOLDS]-(:Person) "
    "WHERE r.until_basis = 'superseded' AND r2.valid_from = r.valid_until "
    "SET r.valid_until_precision = r2.valid_from_precision"
)
DERIVE = (CLOSE_OPEN_HOLDINGS, SUPERSEDED_PRECISION)

# The same for the holdings of the posts given ($posts) only: a write that adds or changes a few
# holdings derives again the ends of those posts' holdings, not of every holding in the graph.
# (Each post is a key look-up, then its holdings: an unanchored pattern would scan every holding.)
CLOSE_OPEN_HOLDINGS_OF_POSTS = (
    "UNWIND $posts AS pid MATCH (post:Post {id: pid}) "
    "MATCH (:Person)-[r:HOLDS]->(post) "
    "WHERE r.valid_to IS NULL AND r.valid_from IS NOT NULL "
    "OPTIONAL MATCH (:Person)-[r2:HOLDS]->(post) WHERE r2.valid_from > r.valid_from "
    "WITH r, min(r2.valid_from) AS next "
    "SET r.valid_until = next, r.until_basis = CASE WHEN next IS NULL THEN NULL ELSE 'superseded' END"
)
SUPERSEDED_PRECISION_OF_POSTS = (
    "UNWIND $posts AS pid MATCH (post:Post {id: pid}) "
    "MATCH (:Person)-[r:HOLDS]->(post)<-[r2:HOLDS]-(:Person) "
    "WHERE r.until_basis = 'superseded' AND r2.valid_from = r.valid_until "
    "SET r.valid_until_precision = r2.valid_from_precision"
)
DERIVE_OF_POSTS = (CLOSE_OPEN_HOLDINGS_OF_POSTS, SUPERSEDED_PRECISION_OF_POSTS)


def derive_for(batch_rels: dict, whole: bool) -> list[tuple[str, dict]]:
    """The derive statements (with their parameters) a write of these relationship rows needs:
    for every holding when `whole` (a graph written anew), else for the posts whose holdings the
    rows add or change; none when they touch no holding (nothing derived depends on other rows)."""
    if whole:
        return [(stmt, {}) for stmt in DERIVE]
    posts = sorted({row["to_id"] for (rel_type, _, _), rows in batch_rels.items() if rel_type == "HOLDS" for row in rows})
    if not posts:
        return []
    return [(stmt, {"posts": posts}) for stmt in DERIVE_OF_POSTS]


def all_read_statements() -> list[str]:
    """Every statement a store or loader sends to read back what it wrote, for the Cypher front-end check."""
    out = [ids_of(k.name) for k in NODE_KINDS] + [count_nodes(k.name) for k in NODE_KINDS] + [dump_nodes(k.name) for k in NODE_KINDS]
    out += [nodes_by_ids(k.name) for k in NODE_KINDS]
    out += [count_rels(r.name) for r in REL_KINDS] + [rels_by_ids(r.name) for r in REL_KINDS] + [rel_ids_in(r.name) for r in REL_KINDS]
    out += [rels_from(r.name, a, b) for r in REL_KINDS for a, b in r.ends]
    out += [dump_rels(r.name, a, b) for r in REL_KINDS for a, b in r.ends]
    out += [node_hashes(k.name) for k in NODE_KINDS] + [rel_hashes(r.name) for r in REL_KINDS]
    return out


def all_write_statements(cast: Cast) -> list[str]:
    """Every statement a store may send to write, for the Cypher front-end check."""
    out = [upsert_nodes(k.name, cast) for k in NODE_KINDS]
    out += [upsert_rels(r.name, a, b, cast) for r in REL_KINDS for a, b in r.ends]
    out += list(DERIVE) + list(DERIVE_OF_POSTS)
    out += [delete_nodes(k.name) for k in NODE_KINDS]
    return out

