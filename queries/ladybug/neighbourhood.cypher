// name: neighbourhood
// description: The subgraph within N steps (at most 4) of an entity, over all dates: one row per node and outgoing relationship, each relationship with its interval (with precision), status, sources and quotes. Paths end at, but do not pass through, national bodies (departments, inspectorates, associations) and national offices (Secretary of State, ministers, chief inspector), which link every council; nor along statistical-neighbour links, which are comparisons, not lines of accountability.
// param: entity: string
// param: depth: int = 2
// ladybug: a node taken back out of a collected list or map cannot be matched from (a binder error for a map; silently wrong rows after UNWIND of a node list, 0.22.0), so each node found is matched again by id and kind
// returns: id, kind, name, post_kind, description, framework, published, published_precision, overall, node_sources, distance, rel_id, rel_kind, to_id, capacity, basis, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts
MATCH (start)
WHERE start.id = $entity
MATCH p = (start)-[*0..4]-(n)
WHERE length(p) <= $depth
  AND ALL(r IN relationships(p) WHERE r.kind <> 'STAT_NEIGHBOUR')
  AND ALL(x IN nodes(p) WHERE x.id = start.id OR x.id = n.id
          OR NOT (x.kind IN ['Department', 'Inspectorate', 'Association']
                  OR coalesce(x.post_kind, '') IN ['secretary_of_state', 'minister', 'chief_inspector']))
WITH n, min(length(p)) AS distance
WITH collect(n.id) AS ids, collect({id: n.id, kind: n.kind, distance: distance}) AS found
UNWIND found AS f
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
