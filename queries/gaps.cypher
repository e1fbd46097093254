// name: gaps
// description: Councils' statutory posts with no substantive holder on a date: vacant, declared (someone said they answer for it), interim, acting, or unknown (no source names a holder, or the last known one was not confirmed for too long); nationally or for a region.
// param: at: date = today
// param: region: string = ""
// param: posts: list(dcs|lead_member|chief_executive|dass) = dcs,lead_member,chief_executive,dass
// param: fresh_from: date = 1800-01-01
// param: maybe: list = []
// param: kept: list = []
// returns: council_id, council, region, post_id, post_name, post_kind, gap, person_id, person, unnamed, capacity, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, id, sources, quotes, accounts, pages, methods, rules, as_of
// The holding a row names is the temporary or declared holder on the date, or, for a vacant
// post, the last holder, whose stated end is when the post fell vacant, or, for an unknown one,
// the last known holder no source has confirmed since before fresh_from (shown as last known,
// not as current). A post held substantively, jointly, or by a holder whose capacity no source
// gives, is not a gap. A post that did not exist on the date (before its statute, or before or
// after its council's life) is left out. A holding is in force by its dates, except those in
// `maybe` (begun by their dates, only possibly begun: a start known only to the month, on a day
// within it, that superseded a holding) and those in `kept` (ended by their dates, still in force:
// the holding such a start superseded), as queries/answers.py in_force decides them.
WITH date($at) AS d, date($fresh_from) AS fresh
MATCH (c:Council)<-[pin:POST_IN]-(post:Post)
WHERE post.post_kind IN $posts
  AND ($region = '' OR toLower(c.region) = toLower($region))
  AND (pin.valid_from IS NULL OR pin.valid_from <= d)
  AND (pin.valid_until IS NULL OR d < pin.valid_until)
OPTIONAL MATCH (:Person)-[now:HOLDS]->(post)
WHERE ((now.valid_from <= d AND (now.valid_until IS NULL OR d < now.valid_until) AND NOT now.id IN $maybe)
       OR now.id IN $kept)
  AND (now.until_basis = 'stated' OR now.last_confirmed IS NULL OR now.last_confirmed >= fresh)
WITH d, fresh, c, post, collect(now.capacity) AS capacities
OPTIONAL MATCH (:Person)-[gone:HOLDS]->(post)
WHERE gone.valid_until <= d AND NOT gone.id IN $kept
// left_on is never null (1800-01-01 when no holding has ended): LadybugDB's OPTIONAL MATCH
// matches nothing when its WHERE refers to a carried-over null, even under OR.
WITH d, fresh, c, post, capacities, coalesce(max(gone.valid_until), date('1800-01-01')) AS left_on
OPTIONAL MATCH (:Person)-[last:HOLDS]->(post)
WHERE last.valid_until = left_on AND last.until_basis = 'stated'
WITH d, fresh, c, post, left_on, count(last) AS stated_end,
     CASE
       WHEN 'substantive' IN capacities OR 'joint' IN capacities OR 'unknown' IN capacities THEN ''
       WHEN 'interim' IN capacities THEN 'interim'
       WHEN 'acting' IN capacities THEN 'acting'
       WHEN 'declared' IN capacities THEN 'declared'
       ELSE 'none' END AS held
WITH d, fresh, c, post, left_on, held,
     CASE WHEN held <> 'none' THEN held WHEN stated_end > 0 THEN 'vacant' ELSE 'unknown' END AS gap
WHERE gap <> ''
OPTIONAL MATCH (x:Person)-[h:HOLDS]->(post)
WHERE (h.capacity = gap AND ((h.valid_from <= d AND (h.valid_until IS NULL OR d < h.valid_until) AND NOT h.id IN $maybe)
                              OR h.id IN $kept))
   OR (gap = 'vacant' AND h.valid_until = left_on)
   OR (gap = 'unknown' AND ((h.valid_from <= d AND (h.valid_until IS NULL OR d < h.valid_until) AND NOT h.id IN $maybe)
                            OR h.id IN $kept)
       AND h.last_confirmed < fresh)
RETURN c.id AS council_id, c.name AS council, c.region AS region,
       post.id AS post_id, post.name AS post_name, post.post_kind AS post_kind, gap,
       x.id AS person_id, x.name AS person, coalesce(x.identity, '') = 'unnamed' AS unnamed, h.capacity AS capacity,
       h.valid_from AS valid_from, h.valid_from_precision AS valid_from_precision,
       h.valid_to AS valid_to, h.valid_to_precision AS valid_to_precision,
       h.valid_until AS valid_until, h.valid_until_precision AS valid_until_precision,
       h.until_basis AS until_basis, h.start_basis AS start_basis,
       h.last_confirmed AS last_confirmed, h.last_confirmed_precision AS last_confirmed_precision,
       h.status AS status, h.note AS note, h.id AS id, h.sources AS sources, h.quotes AS quotes, h.accounts AS accounts,
       h.pages AS pages, h.methods AS methods, h.rules AS rules, h.as_of AS as_of
ORDER BY council, post_kind, person
