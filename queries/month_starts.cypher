// name: month_starts
// description: Every holding of the councils' statutory posts (nationally or for a region) that have a holding whose start the sources give only to the month or year, begun on or before a date and after another (a year before it): the posts on which a start's precision can decide who holds the post that day.
// param: at: date = today
// param: since: date = 1800-01-01
// param: region: string = ""
// param: posts: list(dcs|lead_member|chief_executive|dass) = dcs,lead_member,chief_executive,dass
// returns: post_id, id, valid_from, valid_from_precision, valid_until, until_basis
// The rule itself (queries/answers.py in_force) is applied to these rows in Python: a start known
// only to the month is not taken to have happened on a day within that month when it superseded
// a holding begun by then.
WITH date($at) AS d, date($since) AS since
MATCH (c:Council)<-[:POST_IN]-(post:Post)<-[m:HOLDS]-(:Person)
WHERE post.post_kind IN $posts
  AND ($region = '' OR toLower(c.region) = toLower($region))
  AND m.valid_from_precision <> 'day' AND m.valid_from <= d AND since < m.valid_from
WITH DISTINCT post
MATCH (:Person)-[h:HOLDS]->(post)
RETURN post.id AS post_id, h.id AS id, h.valid_from AS valid_from, h.valid_from_precision AS valid_from_precision,
       h.valid_until AS valid_until, h.until_basis AS until_basis
ORDER BY post_id, valid_from, id
