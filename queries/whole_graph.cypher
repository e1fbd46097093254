// name: whole_graph
// description: Every entity (sources aside) and every relationship, over all dates, in the rows of the neighbourhood template: for a picture of the whole graph.
// returns: id, kind, name, post_kind, description, framework, published, published_precision, overall, node_sources, distance, rel_id, rel_kind, to_id, capacity, basis, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts
MATCH (a)
WHERE a.kind <> 'Source'
OPTIONAL MATCH (a)-[r]->(b)
RETURN a.id AS id, a.kind AS kind, a.name AS name, a.post_kind AS post_kind, a.description AS description,
       a.framework AS framework, a.published AS published, a.published_precision AS published_precision,
       a.overall AS overall, a.sources AS node_sources, null AS distance,
       r.id AS rel_id, r.kind AS rel_kind, b.id AS to_id,
       r.capacity AS capacity, r.basis AS basis, r.action AS action, r.role AS role, r.services AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed, r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
ORDER BY id, rel_kind, rel_id
