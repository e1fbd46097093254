// name: outsourced
// description: Services councils commission from a trust or other provider on a date, with who runs the provider and the lines that still end at the council and, above it, the Secretary of State.
// param: at: date = today
// param: council: string = ""
// param: region: string = ""
// returns: council_id, council, provider_id, provider, provider_type, services, retained, valid_from, valid_from_precision, start_basis, valid_until, last_confirmed, last_confirmed_precision, status, sources, quotes, provider_answers_to, line_basis, line_sources, line_quotes, provider_heads, council_lines
// provider_answers_to and line_basis: the provider's own line to the council, when a source
// gives one. provider_heads: who holds the provider's chief executive post on the date, with
// their sources. council_lines: where the council itself answers on the date (the Secretary
// of State, by statute), with their sources. retained: what the council keeps while the
// provider runs the services (statutory responsibility), where a source says so.
WITH date($at) AS d
MATCH (c:Council)-[k:COMMISSIONS]->(t:Trust)
WHERE ($council = '' OR c.id = $council)
  AND ($region = '' OR toLower(c.region) = toLower($region))
  AND (k.valid_from IS NULL OR k.valid_from <= d) AND (k.valid_until IS NULL OR d < k.valid_until)
OPTIONAL MATCH (t)-[line:ACCOUNTABLE_TO]->(c)
WHERE line.valid_from IS NULL OR (line.valid_from <= d AND (line.valid_until IS NULL OR d < line.valid_until))
OPTIONAL MATCH (head:Person)-[hh:HOLDS]->(hp:Post)-[:POST_IN]->(t)
WHERE hp.post_kind = 'provider_chief_executive' AND hh.valid_from <= d AND (hh.valid_until IS NULL OR d < hh.valid_until)
WITH d, c, t, k, line,
     collect(CASE WHEN head IS NULL THEN NULL ELSE {id: head.id, name: head.name, post: hp.name, capacity: hh.capacity, sources: hh.sources, quotes: hh.quotes} END) AS provider_heads
OPTIONAL MATCH (c)-[up:ACCOUNTABLE_TO]->(top)
WHERE up.valid_from <= d AND (up.valid_until IS NULL OR d < up.valid_until)
WITH c, t, k, line, provider_heads,
     collect(CASE WHEN top IS NULL THEN NULL ELSE {id: top.id, name: top.name, basis: up.basis, sources: up.sources, quotes: up.quotes} END) AS council_lines
RETURN c.id AS council_id, c.name AS council, t.id AS provider_id, t.name AS provider,
       t.provider_type AS provider_type, k.services AS services, k.retained AS retained,
       k.valid_from AS valid_from, k.valid_from_precision AS valid_from_precision, k.start_basis AS start_basis, k.valid_until AS valid_until,
       k.last_confirmed AS last_confirmed, k.last_confirmed_precision AS last_confirmed_precision,
       k.status AS status, k.sources AS sources, k.quotes AS quotes,
       CASE WHEN line IS NULL THEN NULL ELSE c.name END AS provider_answers_to, line.basis AS line_basis,
       line.sources AS line_sources, line.quotes AS line_quotes, provider_heads, council_lines
ORDER BY council, provider
