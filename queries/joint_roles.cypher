// name: joint_roles
// description: People holding two statutory posts at once (such as a joint director of children's and adult services) at some time in a period, with the overlap and the sources for both holdings; a declared responsibility is shown as declared.
// param: from: start = 1800
// param: to: end = 2200
// param: posts: list(dcs|lead_member|chief_executive|dass) = dcs,lead_member,chief_executive,dass
// returns: person_id, person, kind, overlap_from, overlap_from_precision, overlap_until, overlap_until_precision, post_a_id, post_a, post_a_kind, organisation_a, capacity_a, a_from, a_from_precision, a_to, a_to_precision, a_until, a_until_precision, a_until_basis, a_status, a_sources, a_quotes, post_b_id, post_b, post_b_kind, organisation_b, capacity_b, b_from, b_from_precision, b_to, b_to_precision, b_until, b_until_precision, b_until_basis, b_status, b_sources, b_quotes
// kind: joint when both holdings are appointments, declared when one of them is a declaration.
// The overlap runs from the later start to the earlier end (overlap_until is exclusive; null
// while both continue); a holding with no known start counts from its end backwards.
MATCH (x:Person)-[a:HOLDS]->(pa:Post), (x)-[b:HOLDS]->(pb:Post)
WHERE pa.id < pb.id AND pa.post_kind IN $posts AND pb.post_kind IN $posts
  AND (a.valid_from IS NULL OR b.valid_until IS NULL OR a.valid_from < b.valid_until)
  AND (b.valid_from IS NULL OR a.valid_until IS NULL OR b.valid_from < a.valid_until)
WITH x, a, b, pa, pb,
     CASE WHEN b.valid_from IS NULL OR a.valid_from >= b.valid_from THEN a.valid_from ELSE b.valid_from END AS overlap_from,
     CASE WHEN b.valid_from IS NULL OR a.valid_from >= b.valid_from THEN a.valid_from_precision ELSE b.valid_from_precision END AS overlap_from_precision,
     CASE WHEN b.valid_until IS NULL OR a.valid_until <= b.valid_until THEN a.valid_until ELSE b.valid_until END AS overlap_until,
     CASE WHEN b.valid_until IS NULL OR a.valid_until <= b.valid_until THEN a.valid_until_precision ELSE b.valid_until_precision END AS overlap_until_precision
WHERE (overlap_from IS NULL OR overlap_from < date($to))
  AND (overlap_until IS NULL OR date($from) < overlap_until)
OPTIONAL MATCH (pa)-[:POST_IN]->(oa)
OPTIONAL MATCH (pb)-[:POST_IN]->(ob)
RETURN x.id AS person_id, x.name AS person,
       CASE WHEN a.capacity = 'declared' OR b.capacity = 'declared' THEN 'declared' ELSE 'joint' END AS kind,
       overlap_from, overlap_from_precision, overlap_until, overlap_until_precision,
       pa.id AS post_a_id, pa.name AS post_a, pa.post_kind AS post_a_kind, oa.name AS organisation_a, a.capacity AS capacity_a,
       a.valid_from AS a_from, a.valid_from_precision AS a_from_precision, a.valid_to AS a_to, a.valid_to_precision AS a_to_precision,
       a.valid_until AS a_until, a.valid_until_precision AS a_until_precision, a.until_basis AS a_until_basis,
       a.status AS a_status, a.sources AS a_sources, a.quotes AS a_quotes,
       pb.id AS post_b_id, pb.name AS post_b, pb.post_kind AS post_b_kind, ob.name AS organisation_b, b.capacity AS capacity_b,
       b.valid_from AS b_from, b.valid_from_precision AS b_from_precision, b.valid_to AS b_to, b.valid_to_precision AS b_to_precision,
       b.valid_until AS b_until, b.valid_until_precision AS b_until_precision, b.until_basis AS b_until_basis,
       b.status AS b_status, b.sources AS b_sources, b.quotes AS b_quotes
ORDER BY overlap_from, person, post_a_id, post_b_id
