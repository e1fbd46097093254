// name: neighbourhood
// description: The subgraph within N steps (at most 4) of an entity, over all dates: one row per node and outgoing relationship, each relationship with its interval (with precision), status, sources and quotes. Paths end at, but do not pass through, national bodies (departments, inspectorates, associations) and national offices (Secretary of State, ministers, chief inspector), which link every council; nor along statistical-neighbour links, which are comparisons, not lines of accountability.
// param: entity: string
// param: depth: int = 2
// ladybug: the engine's own breadth-first walk (`* SHORTEST`, whose filter keeps national bodies and statistical neighbours off the way) visits each node once instead of listing every path up to four steps; its filter holds for the last node too, so the national bodies one step beyond are added by a second match. A node taken back out of a collected list cannot be matched from (0.22.0), so each node found is matched again by id and kind. The walk's bound is a literal (4; neither engine takes a parameter there): `length(p) <= $depth` keeps the rest
// returns: id, kind, name, post_kind, description, framework, published, published_precision, overall, node_sources, distance, rel_id, rel_kind, to_id, capacity, basis, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts
MATCH (s:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WHERE s.id = $entity
OPTIONAL MATCH p = (s)-[* SHORTEST 1..4 (via, n | WHERE via.kind <> 'STAT_NEIGHBOUR' AND NOT (n.kind IN ['Department', 'Inspectorate', 'Association'] OR coalesce(n.post_kind, '') IN ['secretary_of_state', 'minister', 'chief_inspector']))]-(b)
WHERE length(p) <= $depth
WITH s, b, length(p) AS d
OPTIONAL MATCH (b)-[r]-(x)
WHERE d < $depth AND r.kind <> 'STAT_NEIGHBOUR' AND (x.kind IN ['Department', 'Inspectorate', 'Association'] OR coalesce(x.post_kind, '') IN ['secretary_of_state', 'minister', 'chief_inspector'])
WITH s, collect(DISTINCT {id: b.id, kind: b.kind, d: d}) AS ball, collect(DISTINCT {id: x.id, kind: x.kind, d: d + 1}) AS edge
OPTIONAL MATCH (s)-[r]-(y)
WHERE $depth > 0 AND r.kind <> 'STAT_NEIGHBOUR' AND (y.kind IN ['Department', 'Inspectorate', 'Association'] OR coalesce(y.post_kind, '') IN ['secretary_of_state', 'minister', 'chief_inspector'])
WITH s, ball, edge, collect(DISTINCT {id: y.id, kind: y.kind, d: 1}) AS near
UNWIND ball + edge + near + [{id: s.id, kind: s.kind, d: 0}] AS f
WITH f.id AS id, f.kind AS kind, min(f.d) AS distance
WHERE id IS NOT NULL
WITH collect(id) AS ids, collect({id: id, kind: kind, distance: distance}) AS nodes
UNWIND nodes AS f
MATCH (a)
WHERE a.id = f.id AND a.kind = f.kind
WITH ids, a, f.distance AS distance
OPTIONAL MATCH (a)-[r]->(b)
WHERE b.id IN ids
RETURN a.id AS id, a.kind AS kind, a.name AS name, a.post_kind AS post_kind, a.description AS description,
       a.framework AS framework, a.published AS published, a.published_precision AS published_precision,
       a.overall AS overall, a.sources AS node_sources, distance,
       r.id AS rel_id, r.kind AS rel_kind, b.id AS to_id,
       r.capacity AS capacity, r.basis AS basis, r.action AS action, r.role AS role, r.services AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed, r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
ORDER BY distance, id, rel_kind, rel_id
