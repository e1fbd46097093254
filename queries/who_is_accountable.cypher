// name: who_is_accountable
// description: The chain a council's children's services answer along on a date: from its DCS post up to the Secretary of State, one row per step.
// param: council: string
// param: at: date = today
// returns: depth, id, kind, name, post_kind, organisation, up_to, basis, line_status, sources, quotes
// Shaped for speed on a national graph (BENCHMARKS.md): the council is found by its id and its DCS
// post reached from it (not every DCS post scanned and joined), and the organisation's labels are named.
// The walk names the labels a line can reach (ACCOUNTABLE_TO ends at a Post, Council or Department),
// so that the engine follows only their tables: a quarter less time on the 1M-fact graph.
// No rows when the DCS post did not exist on the date (before its statute, or outside the council's
// life): `chain_from` then answers from another start.
// LadybugDB runs queries/ladybug/who_is_accountable.cypher: the same rows, its walk filtered line by line.
WITH date($at) AS d
MATCH (c:Council {id: $council})
OPTIONAL MATCH (c)<-[pin:POST_IN]-(start:Post {post_kind: 'dcs'})
WITH d, start, pin WHERE start IS NOT NULL AND pin.valid_from <= d AND (pin.valid_until IS NULL OR d < pin.valid_until)
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
