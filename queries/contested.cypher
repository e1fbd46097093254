// name: contested
// description: Facts whose sources disagree, with what each source says (its account) and its quote; for everything, or about one entity (and the posts in it).
// param: about: string = ""
// returns: fact_id, relationship, from_id, from_name, from_kind, to_id, to_name, to_kind, capacity, basis, action, role, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, note, sources, quotes, accounts
MATCH (a)-[r]->(b)
WHERE r.status = 'disputed'
  AND ($about = '' OR a.id = $about OR b.id = $about
       OR EXISTS { MATCH (a)-[:POST_IN]->(oa) WHERE oa.id = $about }
       OR EXISTS { MATCH (b)-[:POST_IN]->(ob) WHERE ob.id = $about })
RETURN r.id AS fact_id, r.kind AS relationship,
       a.id AS from_id, a.name AS from_name, a.kind AS from_kind, b.id AS to_id, b.name AS to_name, b.kind AS to_kind,
       r.capacity AS capacity, r.basis AS basis, r.action AS action, r.role AS role,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision, r.until_basis AS until_basis,
       r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
ORDER BY valid_from, fact_id
