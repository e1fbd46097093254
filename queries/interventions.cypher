// name: interventions
// description: Ministerial directions, advisers, commissioners and reviews, with dates and sources; for one council or all.
// param: council: string = ""
// returns: council_id, council, by_id, by, action, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, last_confirmed, last_confirmed_precision, status, note, sources, quotes
MATCH (by)-[x:DIRECTS]->(c)
WHERE $council = '' OR c.id = $council
RETURN c.id AS council_id, c.name AS council, by.id AS by_id, by.name AS by, x.action AS action,
       x.valid_from AS valid_from, x.valid_from_precision AS valid_from_precision,
       x.valid_to AS valid_to, x.valid_to_precision AS valid_to_precision, x.valid_until AS valid_until,
       x.last_confirmed AS last_confirmed, x.last_confirmed_precision AS last_confirmed_precision,
       x.status AS status, x.note AS note, x.sources AS sources, x.quotes AS quotes
ORDER BY valid_from, council
