// name: outsourced
// description: Services councils commission from a trust or other provider on a date, with who runs the provider and the lines that still end at the council and, above it, the Secretary of State.
// param: at: date = today
// param: council: string = ""
// param: region: string = ""
// returns: council_id, council, provider_id, provider, provider_type, id, services, retained, valid_from, valid_from_precision, start_basis, valid_until, last_confirmed, last_confirmed_precision, status, sources, quotes, line_id, line_basis, line_sources, line_quotes, head_holding, head_id, head, head_post, head_capacity, head_sources, head_quotes, up_line, up_id, up_name, up_basis, up_sources, up_quotes
// Flat rows, one per commissioning (`id`), the provider's own line to the council in force
// (`line_*`, when a source gives one), a holding of the provider's chief executive post on the
// date (`head_*`) and a line up from the council on the date (`up_*`: the Secretary of State, by
// statute); each part keyed by the id of its relationship, so that queries/outsourced.py puts a
// provider's heads and the council's lines together. Grouping here, by whole nodes, cost about
// twice the flat rows on the 1M-fact graph. retained: what the council keeps while the provider
// runs the services (statutory responsibility), where a source says so.
WITH date($at) AS d
MATCH (c:Council)-[k:COMMISSIONS]->(t:Trust)
WHERE ($council = '' OR c.id = $council)
  AND ($region = '' OR toLower(c.region) = toLower($region))
  AND (k.valid_from IS NULL OR k.valid_from <= d) AND (k.valid_until IS NULL OR d < k.valid_until)
OPTIONAL MATCH (t)-[line:ACCOUNTABLE_TO]->(c)
WHERE line.valid_from IS NULL OR (line.valid_from <= d AND (line.valid_until IS NULL OR d < line.valid_until))
OPTIONAL MATCH (head:Person)-[hh:HOLDS]->(hp:Post)-[:POST_IN]->(t)
WHERE hp.post_kind = 'provider_chief_executive' AND hh.valid_from <= d AND (hh.valid_until IS NULL OR d < hh.valid_until)
OPTIONAL MATCH (c)-[up:ACCOUNTABLE_TO]->(top:Post|Council|Department)
WHERE up.valid_from <= d AND (up.valid_until IS NULL OR d < up.valid_until)
RETURN c.id AS council_id, c.name AS council, t.id AS provider_id, t.name AS provider,
       t.provider_type AS provider_type, k.id AS id, k.services AS services, k.retained AS retained,
       k.valid_from AS valid_from, k.valid_from_precision AS valid_from_precision, k.start_basis AS start_basis, k.valid_until AS valid_until,
       k.last_confirmed AS last_confirmed, k.last_confirmed_precision AS last_confirmed_precision,
       k.status AS status, k.sources AS sources, k.quotes AS quotes,
       line.id AS line_id, line.basis AS line_basis, line.sources AS line_sources, line.quotes AS line_quotes,
       hh.id AS head_holding, head.id AS head_id, head.name AS head, hp.name AS head_post, hh.capacity AS head_capacity,
       hh.sources AS head_sources, hh.quotes AS head_quotes,
       up.id AS up_line, top.id AS up_id, top.name AS up_name, up.basis AS up_basis, up.sources AS up_sources, up.quotes AS up_quotes
ORDER BY council, provider
