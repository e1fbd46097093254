// name: holders_holdings
// description: Every holding, at any date, by anyone who has held one of the given posts (their holdings of those posts and of any other), each row with the post it was asked by (`via`): post_holdings and person_holdings of those holders in one question.
// param: posts: list
// returns: via, post_id, post_name, post_kind, organisation, person_id, person, capacity, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, id, sources, quotes, accounts, pages, methods, rules, as_of, unnamed
// Unordered (`who` orders what it takes): an ORDER BY and a DISTINCT over these columns cost
// as much as the rest of the question on the 1M-fact graph.
UNWIND $posts AS asked
WITH DISTINCT asked AS via
MATCH (asked_post:Post {id: via})
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(asked_post)
WITH DISTINCT via, holder WHERE holder IS NOT NULL
OPTIONAL MATCH (holder)-[h:HOLDS]->(post:Post)
OPTIONAL MATCH (post)-[:POST_IN]->(org:Council|Trust|Department|Inspectorate|Association)
WITH via, post, holder, h, org WHERE h IS NOT NULL
RETURN via, post.id AS post_id, post.name AS post_name, post.post_kind AS post_kind, org.name AS organisation,
       holder.id AS person_id, holder.name AS person, coalesce(holder.identity, '') = 'unnamed' AS unnamed, h.capacity AS capacity,
       h.valid_from AS valid_from, h.valid_from_precision AS valid_from_precision,
       h.valid_to AS valid_to, h.valid_to_precision AS valid_to_precision,
       h.valid_until AS valid_until, h.valid_until_precision AS valid_until_precision, h.until_basis AS until_basis, h.start_basis AS start_basis,
       h.last_confirmed AS last_confirmed, h.last_confirmed_precision AS last_confirmed_precision,
       h.status AS status, h.note AS note, h.id AS id,
       h.sources AS sources, h.quotes AS quotes, h.accounts AS accounts,
       h.pages AS pages, h.methods AS methods, h.rules AS rules, h.as_of AS as_of
