// name: who_is_accountable
// ladybug: the walk keeps to the lines in force on the date with the engine's own filter on each line (`-[:ACCOUNTABLE_TO*0..8 (r, n | WHERE ...)]->`, with the date as a parameter, which that filter takes), so that it never builds the paths the shared text's `ALL(r IN relationships(p) ...)` then throws away, reading every property of every line on them (the walk alone on the 1M-fact graph: 3.5 ms CPU against 6.7). A step's lines up are tested with CASE: the same test as a plain conjunction made the planner scan the whole ACCOUNTABLE_TO table (45,000 lines) and join it to the steps (40 ms), while the CASE is evaluated on each step's own lines
// The same rows as the shared text, in the same order: one row per step and line up in force,
// the step's depth the fewest lines from the DCS post, at most eight.
MATCH (c:Council {id: $council})
OPTIONAL MATCH (c)<-[pin:POST_IN]-(start:Post {post_kind: 'dcs'})
WITH start, pin WHERE start IS NOT NULL AND pin.valid_from <= date($at) AND (pin.valid_until IS NULL OR date($at) < pin.valid_until)
MATCH p = (start)-[:ACCOUNTABLE_TO*0..8 (r, n | WHERE r.valid_from <= date($at) AND (r.valid_until IS NULL OR date($at) < r.valid_until))]->(x:Post|Council|Department)
WITH x, min(length(p)) AS depth
OPTIONAL MATCH (x)-[up:ACCOUNTABLE_TO]->(y)
WHERE CASE WHEN up.valid_until IS NULL THEN up.valid_from <= date($at) ELSE up.valid_from <= date($at) AND date($at) < up.valid_until END
OPTIONAL MATCH (x)-[:POST_IN]->(org:Council|Trust|Department|Inspectorate|Association)
RETURN depth, x.id AS id, x.kind AS kind, x.name AS name, x.post_kind AS post_kind,
       org.name AS organisation, y.id AS up_to, up.basis AS basis, up.status AS line_status,
       up.sources AS sources, up.quotes AS quotes
ORDER BY depth, id, up_to
