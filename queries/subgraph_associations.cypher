// name: subgraph_associations
// description: The given association entities (by id), one row per entity and outgoing relationship to one of the entities in to_ids (a row with empty relationship columns for an entity with none), with the columns of neighbourhood but distance. The pages draw a neighbourhood walked with the neighbours templates from these, each kind's entities with to_ids every entity drawn: the relationships between them, and not the thousands a national body has to the rest. Ids come in one list for each kind of entity (councils, persons, posts, ...), so that each is found by its kind's key (queries/by_kind.py says why).
// param: associations: list = []
// param: to_ids: list
// returns: id, kind, name, post_kind, description, framework, published, published_precision, overall, node_sources, rel_id, rel_kind, to_id, capacity, basis, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts
UNWIND $associations AS entity_id
MATCH (a:Association {id: entity_id})
OPTIONAL MATCH (a)-[r]->(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WHERE b.id IN $to_ids OR r.kind IS NULL
RETURN a.id AS id,
       a.kind AS kind,
       a.name AS name,
       CASE WHEN false THEN '' END AS post_kind,
       a.description AS description,
       CASE WHEN false THEN '' END AS framework,
       CASE WHEN false THEN date('2000-01-01') END AS published,
       CASE WHEN false THEN '' END AS published_precision,
       CASE WHEN false THEN '' END AS overall,
       a.sources AS node_sources,
       r.id AS rel_id,
       r.kind AS rel_kind,
       b.id AS to_id,
       CASE WHEN false THEN '' END AS capacity,
       CASE WHEN false THEN '' END AS basis,
       CASE WHEN false THEN '' END AS action,
       CASE WHEN false THEN '' END AS role,
       CASE WHEN false THEN [''] END AS services,
       r.valid_from AS valid_from,
       r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until,
       r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis,
       r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed,
       r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status,
       r.note AS note,
       r.sources AS sources,
       r.quotes AS quotes,
       r.accounts AS accounts
