"""Templates written from the model, three for each kind of entity: `neighbours_<kind>` and
`neighbours_<kind>_scan`, with which the pages walk a neighbourhood one step at a time, as deep as asked
and no further, and `subgraph_<kind>`, with which they draw it. Regenerate them after a change to the model:

    python -m accountable.queries.by_kind        # rewrites queries/neighbours_*.cypher and queries/subgraph_*.cypher

(tests/test_page_walk.py fails while they differ from what the model gives.)

Why a template for each kind: LadybugDB 0.22 finds `(a:Council {id: x})` by the table's primary key,
but `(a:Council|Post|... {id: x})`, or an unlabelled `(a {id: x})`, by reading every node of every
table (272,322 on the 1M-fact graph) for each question. One template with a branch of a UNION for each
kind cost every branch each time, even with no ids to look up (0.3 s a question on the 1M-fact graph,
against 10 ms for a council's own branch), so each kind has its own template, and only the kinds asked
are run. A column a kind lacks is a typed null: `CASE WHEN false THEN '' END` is a null of type STRING
on both engines.
Why two walks: looking each id up by key and following its relationships costs about 0.6 ms an id, so
from a few hundred ids on (a national body's councils) reading the relationship tables once is quicker
(`_scan`, about 0.3 s whatever the number); for a council's few ids it is 30 times slower.
Why `OR r.kind IS NULL` in subgraph's filter (never true of a relationship found, so it keeps the same
ones): with `b.id IN $to_ids` alone LadybugDB 0.22 tests the far end first, reading every entity
(Ofsted, with no relationship out, took 1.1 s on the 1M-fact graph; 4 ms with it).
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


def neighbours(kind: str, scan: bool = False) -> str:
    key = param_name(kind)
    how = ("It reads the relationship tables once, whatever the number of ids: quicker than a lookup by key for each of "
           f"some hundreds of ids and more (use neighbours_{key} for fewer). " if scan else
           f"Each id is looked up by its kind's key: quick for a few ids (use neighbours_{key}_scan for hundreds and more). ")
    head = (f"// name: neighbours_{key}{'_scan' if scan else ''}\n"
            f"// description: One step outward from each given {kind.lower()} (by id): every entity joined to it by a relationship in "
            "either direction (statistical-neighbour links, which are comparisons, left out), once each, with its kind and post kind. "
            f"The pages walk a neighbourhood with these, step by step, as deep as asked and no further. {how}"
            f"{WHY}\n"
            f"// param: {key}: list = []\n"
            "// returns: neighbour, kind, post_kind\n")
    if scan:
        return head + f"""UNWIND ${key} AS entity_id
MATCH (a:{kind} {{id: entity_id}})
MATCH (a)-[r]-(b:{ALL})
WHERE r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
"""
    return head + f"""UNWIND ${key} AS entity_id
MATCH (a:{kind} {{id: entity_id}})
OPTIONAL MATCH (a)-[r]-(b:{ALL})
WITH r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
"""


def subgraph(kind: str) -> str:
    key = param_name(kind)
    node_types, rel_types = _types()
    returns = ", ".join([alias for _, alias in NODE_COLUMNS] + ["rel_id", "rel_kind", "to_id"]
                        + [alias for _, alias in REL_COLUMNS[2:]])
    head = (f"// name: subgraph_{key}\n"
            f"// description: The given {kind.lower()} entities (by id), one row per entity and outgoing relationship to one of the "
            "entities in to_ids (a row with empty relationship columns for an entity with none), with the columns of neighbourhood "
            "but distance. The pages draw a neighbourhood walked with the neighbours templates from these, each kind's entities "
            "with to_ids every entity drawn: the relationships between them, and not the thousands a national body has to the "
            f"rest. {WHY}\n"
            f"// param: {key}: list = []\n"
            "// param: to_ids: list\n"
            f"// returns: {returns}\n")
    own = {c.name for c in node_columns(kind)}
    rels = {c.name for r in REL_KINDS if any(a == kind for a, _ in r.ends) for c in rel_columns(r.name)}
    cols = [f"{_value('a', p, own, node_types)} AS {alias}" for p, alias in NODE_COLUMNS]
    cols += [f"{_value('r', p, rels, rel_types)} AS {alias}" for p, alias in REL_COLUMNS[:2]] + ["b.id AS to_id"]
    cols += [f"{_value('r', p, rels, rel_types)} AS {alias}" for p, alias in REL_COLUMNS[2:]]
    body = ",\n       ".join(cols)
    return head + f"""UNWIND ${key} AS entity_id
MATCH (a:{kind} {{id: entity_id}})
OPTIONAL MATCH (a)-[r]->(b:{ALL})
WHERE b.id IN $to_ids OR r.kind IS NULL
RETURN {body}
"""


GENERATED = {
    **{f"neighbours_{param_name(k)}.cypher": (lambda k=k: neighbours(k)) for k in ENTITY_KINDS},
    **{f"neighbours_{param_name(k)}_scan.cypher": (lambda k=k: neighbours(k, scan=True)) for k in ENTITY_KINDS},
    **{f"subgraph_{param_name(k)}.cypher": (lambda k=k: subgraph(k)) for k in ENTITY_KINDS},
}


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
