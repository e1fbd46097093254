// name: outsourced
// description: Services councils commission from a trust or other provider on a date, with who runs the provider and the lines that still end at the council.
// param: at: date = today
// param: council: string = ""
// returns: council_id, council, provider_id, provider, provider_type, services, valid_from, valid_from_precision, valid_until, last_confirmed, last_confirmed_precision, status, sources, quotes, provider_answers_to, line_basis
WITH date($at) AS d
MATCH (c:Council)-[k:COMMISSIONS]->(t:Trust)
WHERE ($council = '' OR c.id = $council)
  AND (k.valid_from IS NULL OR k.valid_from <= d) AND (k.valid_until IS NULL OR d < k.valid_until)
OPTIONAL MATCH (t)-[line:ACCOUNTABLE_TO]->(c)
RETURN c.id AS council_id, c.name AS council, t.id AS provider_id, t.name AS provider,
       t.provider_type AS provider_type, k.services AS services,
       k.valid_from AS valid_from, k.valid_from_precision AS valid_from_precision, k.valid_until AS valid_until,
       k.last_confirmed AS last_confirmed, k.last_confirmed_precision AS last_confirmed_precision,
       k.status AS status, k.sources AS sources, k.quotes AS quotes,
       c.name AS provider_answers_to, line.basis AS line_basis
ORDER BY council, provider
