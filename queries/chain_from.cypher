// name: chain_from
// description: The chain of accountability on a date from a given post or council upwards (who_is_accountable starts at the DCS post; this starts where the DCS post did not yet exist), one row per step.
// param: start: string
// param: at: date = today
// returns: depth, id, kind, name, post_kind, organisation, up_to, basis, line_status, sources, quotes
// The walk names the labels a line can reach (ACCOUNTABLE_TO ends at a Post, Council or Department).
// LadybugDB runs queries/ladybug/chain_from.cypher: the same rows, its walk filtered line by line.
WITH date($at) AS d
MATCH (start:Post|Council {id: $start})
MATCH p = (start)-[:ACCOUNTABLE_TO*0..8]->(x:Post|Council|Department)
WHERE ALL(r IN relationships(p) WHERE r.valid_from <= d AND (r.valid_until IS NULL OR d < r.valid_until))
WITH d, x, min(length(p)) AS depth
OPTIONAL MATCH (x)-[up:ACCOUNTABLE_TO]->(y)
WHERE up.valid_from <= d AND (up.valid_until IS NULL OR d < up.valid_until)
OPTIONAL MATCH (x)-[:POST_IN]->(org:Council|Trust|Department|Inspectorate|Association)
RETURN depth, x.id AS id, x.kind AS kind, x.name AS name, x.post_kind AS post_kind,
       org.name AS organisation, y.id AS up_to, up.basis AS basis, up.status AS line_status,
       up.sources AS sources, up.quotes AS quotes
ORDER BY depth, id, up_to
