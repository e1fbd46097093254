// name: chain_from
// ladybug: the walk keeps to the lines in force on the date with the engine's own filter on each line, the date a parameter, and a step's lines up are tested with CASE, as in who_is_accountable's text for LadybugDB: the shared text builds every path up to eight lines and only then drops those with a line out of force, and its plain conjunction on a step's lines up made the planner scan the whole ACCOUNTABLE_TO table; the WITH after the start keeps the planner from joining the walk to a scan of every post (about 60 ms on the 1M-fact graph without it, 6 with it)
// The same rows as the shared text, in the same order: one row per step and line up in force,
// the step's depth the fewest lines from the start, at most eight.
MATCH (start:Post|Council {id: $start})
WITH start
MATCH p = (start)-[:ACCOUNTABLE_TO*0..8 (r, n | WHERE r.valid_from <= date($at) AND (r.valid_until IS NULL OR date($at) < r.valid_until))]->(x:Post|Council|Department)
WITH x, min(length(p)) AS depth
OPTIONAL MATCH (x)-[up:ACCOUNTABLE_TO]->(y)
WHERE CASE WHEN up.valid_until IS NULL THEN up.valid_from <= date($at) ELSE up.valid_from <= date($at) AND date($at) < up.valid_until END
OPTIONAL MATCH (x)-[:POST_IN]->(org:Council|Trust|Department|Inspectorate|Association)
RETURN depth, x.id AS id, x.kind AS kind, x.name AS name, x.post_kind AS post_kind,
       org.name AS organisation, y.id AS up_to, up.basis AS basis, up.status AS line_status,
       up.sources AS sources, up.quotes AS quotes
ORDER BY depth, id, up_to
