// name: churn
// description: Councils ranked by how many people held one of their statutory posts in a period (declared holders counted apart), with the sources behind each count.
// param: post: enum(dcs|lead_member|chief_executive|dass) = dcs
// param: from: start = 1800
// param: to: end = 2200
// param: region: string = ""
// returns: council_id, council, region, post_id, holders, substantive, temporary, declared, holdings, sources
// holders: distinct people appointed (substantive, joint, interim or acting); temporary: of them,
// those who held it as interim or acting; declared: people who declared themselves accountable.
MATCH (c:Council)<-[:POST_IN]-(post:Post {post_kind: $post})<-[h:HOLDS]-(x:Person)
WHERE ($region = '' OR toLower(c.region) = toLower($region))
  AND (h.valid_from IS NULL OR h.valid_from < date($to))
  AND (h.valid_until IS NULL OR date($from) < h.valid_until)
WITH c, post,
     count(DISTINCT CASE WHEN h.capacity <> 'declared' THEN x.id END) AS holders,
     count(DISTINCT CASE WHEN h.capacity IN ['substantive', 'joint'] THEN x.id END) AS substantive,
     count(DISTINCT CASE WHEN h.capacity IN ['interim', 'acting'] THEN x.id END) AS temporary,
     count(DISTINCT CASE WHEN h.capacity = 'declared' THEN x.id END) AS declared,
     count(h) AS holdings,
     collect(h.sources) AS sources
RETURN c.id AS council_id, c.name AS council, c.region AS region, post.id AS post_id,
       holders, substantive, temporary, declared, holdings, sources
ORDER BY holders DESC, temporary DESC, council
