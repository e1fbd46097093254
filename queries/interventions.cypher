// name: interventions
// description: Ministerial directions, advisers, commissioners and reviews, with dates, who held the directing post at the time, and sources; for one council or all, in a period.
// param: council: string = ""
// param: from: start = 1800
// param: to: end = 2200
// param: region: string = ""
// returns: council_id, council, by_id, by, action, valid_from, valid_from_precision, start_basis, valid_to, valid_to_precision, valid_until, last_confirmed, last_confirmed_precision, status, note, sources, quotes, id, by_holders
// by_holders: the people the sources name in the directing post when the intervention began.
MATCH (by)-[x:DIRECTS]->(c)
WHERE ($council = '' OR c.id = $council)
  AND ($region = '' OR toLower(c.region) = toLower($region))
  AND (x.valid_from IS NULL OR x.valid_from < date($to))
  AND (x.valid_until IS NULL OR date($from) < x.valid_until)
OPTIONAL MATCH (holder:Person)-[h:HOLDS]->(by)
WHERE h.valid_from <= x.valid_from AND (h.valid_until IS NULL OR x.valid_from < h.valid_until)
WITH by, x, c, collect(holder.name) AS by_holders
RETURN c.id AS council_id, c.name AS council, by.id AS by_id, by.name AS by, x.action AS action,
       x.valid_from AS valid_from, x.valid_from_precision AS valid_from_precision, x.start_basis AS start_basis,
       x.valid_to AS valid_to, x.valid_to_precision AS valid_to_precision, x.valid_until AS valid_until,
       x.last_confirmed AS last_confirmed, x.last_confirmed_precision AS last_confirmed_precision,
       x.status AS status, x.note AS note, x.sources AS sources, x.quotes AS quotes, x.id AS id, by_holders
ORDER BY valid_from, council, action
