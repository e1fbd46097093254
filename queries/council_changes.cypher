// name: council_changes
// description: What began or ended in a period for one council, as `changes` gives it, found from the council by its id: holdings of its posts, its appointments and terminations, interventions in it, services it commissions from a trust; and every disputed one of these facts, whenever it held.
// param: council: string
// param: region: string = ""
// param: from: start = 1800
// param: to: end = 2200
// returns: rel_kind, council_id, council, from_id, from_name, to_id, to_name, post_kind, capacity, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, status, note, sources, quotes, accounts, id
// The same rows as `changes` with this council (in no set order: the answer orders them), each
// kind of fact reached from the council itself rather than every relationship of the graph read
// and then kept if it concerns the council (a second against 10 ms on the 1M-fact graph). A column
// the branch's kind of relationship lacks is a typed null (LadybugDB binds only the properties of
// the kinds a variable may be).
MATCH (c:Council {id: $council})<-[:POST_IN]-(b:Post)<-[r:HOLDS]-(a:Person|Post|Department|Council)
WHERE (($region = '' OR toLower(c.region) = toLower($region))
  AND ((r.valid_from >= date($from) AND r.valid_from < date($to))
   OR (r.valid_until >= date($from) AND r.valid_until <= date($to))
   OR r.status = 'disputed'))
RETURN r.kind AS rel_kind, c.id AS council_id, c.name AS council, a.id AS from_id, a.name AS from_name,
       b.id AS to_id, b.name AS to_name, b.post_kind AS post_kind, r.capacity AS capacity,
       CASE WHEN false THEN '' END AS action, CASE WHEN false THEN '' END AS role, CASE WHEN false THEN [''] END AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision, r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes,
       r.accounts AS accounts, r.id AS id
UNION ALL
MATCH (c:Council {id: $council})-[r:APPOINTS|COMMISSIONS]->(b:Post|Person|Council|Trust)
WITH c, c AS a, r, b
WHERE (($region = '' OR toLower(c.region) = toLower($region))
  AND ((r.valid_from >= date($from) AND r.valid_from < date($to))
   OR (r.valid_until >= date($from) AND r.valid_until <= date($to))
   OR r.status = 'disputed'))
RETURN r.kind AS rel_kind, c.id AS council_id, c.name AS council, a.id AS from_id, a.name AS from_name,
       b.id AS to_id, b.name AS to_name, CASE WHEN false THEN '' END AS post_kind, CASE WHEN false THEN '' END AS capacity,
       r.action AS action, r.role AS role, r.services AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision, r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes,
       r.accounts AS accounts, r.id AS id
UNION ALL
MATCH (c:Council {id: $council})<-[r:DIRECTS]-(a:Person|Post|Department|Council)
WITH c, a, r, c AS b
WHERE (($region = '' OR toLower(c.region) = toLower($region))
  AND ((r.valid_from >= date($from) AND r.valid_from < date($to))
   OR (r.valid_until >= date($from) AND r.valid_until <= date($to))
   OR r.status = 'disputed'))
RETURN r.kind AS rel_kind, c.id AS council_id, c.name AS council, a.id AS from_id, a.name AS from_name,
       b.id AS to_id, b.name AS to_name, CASE WHEN false THEN '' END AS post_kind, CASE WHEN false THEN '' END AS capacity,
       r.action AS action, CASE WHEN false THEN '' END AS role, CASE WHEN false THEN [''] END AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision, r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes,
       r.accounts AS accounts, r.id AS id
