// name: post_lines
// description: The lines up from the given posts at any date (each with its dates), and each post's organisation: the steps `who` walks a chain along, found from each post by its id.
// param: posts: list
// returns: id, kind, name, post_kind, organisation, line_id, up_to, up_kind, up_name, valid_from, valid_until, basis, line_status, sources, quotes
// Every date's lines, so that what is kept of a post (queries/kept.py) answers any date; unordered
// (the walk orders its steps), as an ORDER BY costs a third of the time on the 1M-fact graph.
UNWIND $posts AS post_id
MATCH (x:Post {id: post_id})
OPTIONAL MATCH (x)-[up:ACCOUNTABLE_TO]->(y:Post|Council|Department)
OPTIONAL MATCH (x)-[:POST_IN]->(org:Council|Trust|Department|Inspectorate|Association)
RETURN x.id AS id, x.kind AS kind, x.name AS name, x.post_kind AS post_kind, org.name AS organisation,
       up.id AS line_id, y.id AS up_to, y.kind AS up_kind, y.name AS up_name, up.valid_from AS valid_from,
       up.valid_until AS valid_until, up.basis AS basis, up.status AS line_status, up.sources AS sources, up.quotes AS quotes
