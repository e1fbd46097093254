// name: neighbours_councils
// description: One step outward from each given council (by id): every entity joined to it by a relationship in either direction (statistical-neighbour links, which are comparisons, left out), once each, with its kind and post kind. The pages walk a neighbourhood with these, step by step, as deep as asked and no further. Each id is looked up by its kind's key: quick for a few ids (use neighbours_councils_scan for hundreds and more). Ids come in one list for each kind of entity (councils, persons, posts, ...), so that each is found by its kind's key (queries/by_kind.py says why).
// param: councils: list = []
// returns: neighbour, kind, post_kind
UNWIND $councils AS entity_id
MATCH (a:Council {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
