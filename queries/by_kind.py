"""Two templates written from the model: `neighbours` and `subgraph`, with which the pages walk a
neighbourhood one step at a time, as deep as asked and no further, and then draw it. Regenerate them
after a change to the model:

    python -m accountable.queries.by_kind        # rewrites queries/neighbours.cypher and queries/subgraph.cypher

(tests/test_page_walk.py fails while they differ from what the model gives.)

Why one list of ids per kind: LadybugDB 0.22 finds `(a:Council {id: x})` by the table's primary key,
but `(a:Council|Post|... {id: x})`, or an unlabelled `(a {id: x})`, by reading every node of every
table (272,322 on the 1M-fact graph) for each question. So each kind has its own parameter and its
own branch of a UNION. A branch may name only properties its tables have (the engine refuses others),
so a column a kind lacks is a typed null: `CASE WHEN false THEN '' END` is a null of type STRING on
both engines (a bare `null` is refused in a UNION, whose branches must agree on each column's type).
Why not the engine's own breadth-first walk (`* SHORTEST 1..4`): its bound must be a literal, and it
walks to that bound whatever `length(p) <= $depth` says (Ofsted at depth 0 took seconds on 1M facts).
"""

from __future__ import annotations

from pathlib import Path

from ..schema.model import NODE_KINDS, REL_KINDS, node_columns, rel_columns

HERE = Path(__file__).parent

# Every kind an entity may be (sources are cited, never linked).
ENTITY_KINDS = [k.name for k in NODE_KINDS if k.name != "Source"]
ALL = "|".join(ENTITY_KINDS)


def param_name(kind: str) -> str:
    """The parameter holding the ids of one kind: Council -> councils, Person -> persons."""
    return kind.lower() + "s"


NODE_COLUMNS = [("id", "id"), ("kind", "kind"), ("name", "name"), ("post_kind", "post_kind"), ("description", "description"),
                ("framework", "framework"), ("published", "published"), ("published_precision", "published_precision"),
                ("overall", "overall"), ("sources", "node_sources")]
REL_COLUMNS = [("id", "rel_id"), ("kind", "rel_kind"), ("capacity", "capacity"), ("basis", "basis"), ("action", "action"),
               ("role", "role"), ("services", "services"), ("valid_from", "valid_from"), ("valid_from_precision", "valid_from_precision"),
               ("valid_to", "valid_to"), ("valid_to_precision", "valid_to_precision"), ("valid_until", "valid_until"),
               ("valid_until_precision", "valid_until_precision"), ("until_basis", "until_basis"), ("start_basis", "start_basis"),
               ("last_confirmed", "last_confirmed"), ("last_confirmed_precision", "last_confirmed_precision"), ("status", "status"),
               ("note", "note"), ("sources", "sources"), ("quotes", "quotes"), ("accounts", "accounts")]
_TYPED_NULL = {"STRING": "CASE WHEN false THEN '' END", "STRING[]": "CASE WHEN false THEN [''] END",
               "DATE": "CASE WHEN false THEN date('2000-01-01') END", "INT64": "CASE WHEN false THEN 0 END"}

WHY = ("Ids come in one list for each kind of entity (councils, persons, posts, ...), so that each is found by its kind's key "
       "(queries/by_kind.py says why).")


def _types() -> tuple[dict[str, str], dict[str, str]]:
    nodes = {c.name: c.type for k in NODE_KINDS for c in node_columns(k.name)}
    rels = {c.name: c.type for r in REL_KINDS for c in rel_columns(r.name)}
    return nodes, rels


def _value(var: str, prop: str, present: set[str], types: dict[str, str]) -> str:
    return f"{var}.{prop}" if prop in present else _TYPED_NULL[types.get(prop, "STRING")]


def _params() -> str:
    return "\n".join(f"// param: {param_name(k)}: list = []" for k in ENTITY_KINDS)


def neighbours() -> str:
    head = ("// name: neighbours\n"
            "// description: One step outward from each given entity: every entity joined to it by a relationship in either "
            "direction (statistical-neighbour links, which are comparisons, left out), with its kind and post kind. The pages "
            f"walk a neighbourhood with it step by step, as deep as asked and no further. {WHY}\n"
            f"{_params()}\n"
            "// returns: id, neighbour, kind, post_kind\n")
    parts = [f"""UNWIND ${param_name(k)} AS entity_id
MATCH (a:{k} {{id: entity_id}})
OPTIONAL MATCH (a)-[r]-(b:{ALL})
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind""" for k in ENTITY_KINDS]
    return head + "\nUNION ALL\n".join(parts) + "\n"


def subgraph() -> str:
    node_types, rel_types = _types()
    returns = ", ".join([alias for _, alias in NODE_COLUMNS] + ["rel_id", "rel_kind", "to_id"]
                        + [alias for _, alias in REL_COLUMNS[2:]])
    head = ("// name: subgraph\n"
            "// description: The given entities, one row per entity and outgoing relationship (a row with empty relationship "
            "columns for an entity with none), with the columns of neighbourhood but distance. The pages draw a neighbourhood "
            "walked with neighbours from it, keeping the relationships between the entities they draw (a filter on the far end "
            f"here made the engine read every entity to test it). {WHY}\n"
            f"{_params()}\n"
            f"// returns: {returns}\n")
    parts = []
    for k in ENTITY_KINDS:
        own = {c.name for c in node_columns(k)}
        rels = {c.name for r in REL_KINDS if any(a == k for a, _ in r.ends) for c in rel_columns(r.name)}
        cols = [f"{_value('a', p, own, node_types)} AS {alias}" for p, alias in NODE_COLUMNS]
        cols += [f"{_value('r', p, rels, rel_types)} AS {alias}" for p, alias in REL_COLUMNS[:2]] + ["b.id AS to_id"]
        cols += [f"{_value('r', p, rels, rel_types)} AS {alias}" for p, alias in REL_COLUMNS[2:]]
        body = ",\n       ".join(cols)
        parts.append(f"""UNWIND ${param_name(k)} AS entity_id
MATCH (a:{k} {{id: entity_id}})
OPTIONAL MATCH (a)-[r]->(b:{ALL})
RETURN {body}""")
    return head + "\nUNION ALL\n".join(parts) + "\n"


GENERATED = {"neighbours.cypher": neighbours, "subgraph.cypher": subgraph}


def write(folder: Path = HERE) -> list[Path]:
    out = []
    for name, text in GENERATED.items():
        path = folder / name
        path.write_text(text(), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write():
        print(f"wrote {p}")
