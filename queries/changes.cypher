// name: changes
// description: What began or ended in a period, for one council or all (or one region's): holdings of a council's posts, a council's appointments and terminations, interventions in a council, services a council commissions from a trust; and every disputed one of these facts, whenever it held (the answer dates the dispute by its sources).
// param: council: string = ""
// param: region: string = ""
// param: from: start = 1800
// param: to: end = 2200
// returns: rel_kind, council_id, council, from_id, from_name, to_id, to_name, post_kind, capacity, action, role, services, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, status, note, sources, quotes, accounts, id
// A fact begins in the period when date($from) <= valid_from < date($to). It ends in it when its
// stated end (valid_until is the day after it) or the start of what superseded it (valid_until
// itself) falls in the period: both lie within date($from) <= valid_until <= date($to).
// The council a fact concerns: the council of the post held, the council intervened in, or the
// council that appoints or commissions.
MATCH (a:Person|Post|Department|Council)-[r:HOLDS|APPOINTS|DIRECTS|COMMISSIONS]->(b:Post|Person|Council|Trust)
WHERE (r.valid_from >= date($from) AND r.valid_from < date($to))
   OR (r.valid_until >= date($from) AND r.valid_until <= date($to))
   OR r.status = 'disputed'
OPTIONAL MATCH (b)-[:POST_IN]->(pc:Council|Trust|Department|Inspectorate|Association)
WITH a, r, b, pc, CASE WHEN r.kind = 'DIRECTS' THEN b.id WHEN r.kind = 'HOLDS' THEN pc.id ELSE a.id END AS council_id
MATCH (c:Council {id: council_id})
WHERE ($council = '' OR c.id = $council) AND ($region = '' OR toLower(c.region) = toLower($region))
RETURN r.kind AS rel_kind, c.id AS council_id, c.name AS council, a.id AS from_id, a.name AS from_name,
       b.id AS to_id, b.name AS to_name, b.post_kind AS post_kind, r.capacity AS capacity,
       r.action AS action, r.role AS role, r.services AS services,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision, r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes,
       r.accounts AS accounts, r.id AS id
ORDER BY valid_from, council_id, id
