"""Everything derived from the model: DDL for the embedded store, Neo4j constraints and
indexes, the Cypher linter's schema and the legend of the pictures."""

from __future__ import annotations

from typing import Any

from .model import NODE_KINDS, REL_KINDS, VOCABULARIES, node_columns, node_props, rel_columns, summary


def ladybug_ddl() -> list[str]:
    """CREATE statements for the embedded store: a node table per kind, a relationship table per kind."""
    out = []
    for k in NODE_KINDS:
        cols = ", ".join(f"{c.name} {c.type}" for c in node_columns(k.name) if c.name != "id")
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {k.name}(id STRING PRIMARY KEY, {cols})")
    for r in REL_KINDS:
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in r.ends)
        cols = ", ".join(f"{c.name} {c.type}" for c in rel_columns(r.name))
        out.append(f"CREATE REL TABLE IF NOT EXISTS {r.name}({ends}, {cols})")
    return out


def neo4j_schema() -> list[str]:
    """Constraints (one unique id per label) and indexes on the properties templates filter by."""
    out = []
    for k in NODE_KINDS:
        out.append(
            f"CREATE CONSTRAINT {k.name.lower()}_id IF NOT EXISTS FOR (n:{k.name}) REQUIRE n.id IS UNIQUE"
        )
    for k in NODE_KINDS:
        props = node_props(k.name) if k.name != "Source" else k.props
        for p in props:
            if p.indexed and p.name != "id":
                out.append(
                    f"CREATE INDEX {k.name.lower()}_{p.name} IF NOT EXISTS FOR (n:{k.name}) ON (n.{p.name})"
                )
    for r in REL_KINDS:
        out.append(
            f"CREATE INDEX {r.name.lower()}_id IF NOT EXISTS FOR ()-[r:{r.name}]-() ON (r.id)"
        )
        out.append(
            f"CREATE INDEX {r.name.lower()}_valid IF NOT EXISTS FOR ()-[r:{r.name}]-() ON (r.valid_from, r.valid_until)"
        )
    return out


# Keys of the row maps the stores send with UNWIND that are not properties themselves.
ROW_KEYS = ("from_id", "to_id")


def lint_schema(parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `dbSchema` Neo4j's Cypher front end checks templates against (functions come from its own list)."""
    s = summary()
    return {
        "labels": s.labels,
        "relationshipTypes": s.relationship_types,
        "propertyKeys": sorted(set(s.property_keys) | set(ROW_KEYS)),
        "graphSchema": s.graph_schema,
        "parameters": parameters or {},
    }


def legend() -> dict[str, Any]:
    """Kinds of node and relationship with their colours and shapes, for the pictures."""
    return {
        "nodes": [
            {"kind": k.name, "description": k.description, "color": k.color, "shape": k.shape}
            for k in NODE_KINDS
        ],
        "relationships": [
            {"kind": r.name, "description": r.description, "color": r.color, "dashes": r.dashes}
            for r in REL_KINDS
        ],
        "capacities": list(VOCABULARIES["capacity"]),
    }
