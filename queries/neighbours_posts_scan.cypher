// name: neighbours_posts_scan
// description: One step outward from each given post (by id): every entity joined to it by a relationship in either direction (statistical-neighbour links, which are comparisons, left out), once each, with its kind and post kind. The pages walk a neighbourhood with these, step by step, as deep as asked and no further. It reads the relationship tables once, whatever the number of ids: quicker than a lookup by key for each of some hundreds of ids and more (use neighbours_posts for fewer). Ids come in one list for each kind of entity (councils, persons, posts, ...), so that each is found by its kind's key (queries/by_kind.py says why).
// param: posts: list = []
// returns: neighbour, kind, post_kind
UNWIND $posts AS entity_id
MATCH (a:Post {id: entity_id})
MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WHERE r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
