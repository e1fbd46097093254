// name: post_history
// description: Every holding of one of a council's statutory posts that falls in a period (all dates by default), with capacity, dates (with their precision), status and sources.
// param: council: string
// param: post: enum(dcs|lead_member|chief_executive|dass) = dcs
// param: from: start = 1800
// param: to: end = 2200
// returns: council_id, council, post_id, post_name, post_kind, person_id, person, capacity, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, id, sources, quotes, accounts, pages, methods, rules, as_of, unnamed
// A holding falls in the period when it began before the period ends ($to is exclusive) and
// ended after it began; a holding whose start no source gives counts from its end backwards.
MATCH (c:Council {id: $council})<-[:POST_IN]-(post:Post {post_kind: $post})
MATCH (holder:Person)-[h:HOLDS]->(post)
WHERE (h.valid_from IS NULL OR h.valid_from < date($to))
  AND (h.valid_until IS NULL OR date($from) < h.valid_until)
RETURN c.id AS council_id, c.name AS council, post.id AS post_id, post.name AS post_name, post.post_kind AS post_kind,
       holder.id AS person_id, holder.name AS person, coalesce(holder.identity, '') = 'unnamed' AS unnamed, h.capacity AS capacity,
       h.valid_from AS valid_from, h.valid_from_precision AS valid_from_precision,
       h.valid_to AS valid_to, h.valid_to_precision AS valid_to_precision,
       h.valid_until AS valid_until, h.valid_until_precision AS valid_until_precision,
       h.until_basis AS until_basis, h.start_basis AS start_basis,
       h.last_confirmed AS last_confirmed, h.last_confirmed_precision AS last_confirmed_precision,
       h.status AS status, h.note AS note, h.id AS id, h.sources AS sources, h.quotes AS quotes, h.accounts AS accounts,
       h.pages AS pages, h.methods AS methods, h.rules AS rules, h.as_of AS as_of
ORDER BY valid_from, valid_until, person
