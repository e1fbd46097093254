// name: neighbours
// description: One step outward from each given entity: every entity joined to it by a relationship in either direction (statistical-neighbour links, which are comparisons, left out), with its kind and post kind. The pages walk a neighbourhood with it step by step, as deep as asked and no further. Ids come in one list for each kind of entity (councils, persons, posts, ...), so that each is found by its kind's key (queries/by_kind.py says why).
// param: councils: list = []
// param: persons: list = []
// param: posts: list = []
// param: trusts: list = []
// param: departments: list = []
// param: inspectorates: list = []
// param: associations: list = []
// param: inspections: list = []
// returns: id, neighbour, kind, post_kind
UNWIND $councils AS entity_id
MATCH (a:Council {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $persons AS entity_id
MATCH (a:Person {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $posts AS entity_id
MATCH (a:Post {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $trusts AS entity_id
MATCH (a:Trust {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $departments AS entity_id
MATCH (a:Department {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $inspectorates AS entity_id
MATCH (a:Inspectorate {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $associations AS entity_id
MATCH (a:Association {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
UNION ALL
UNWIND $inspections AS entity_id
MATCH (a:Inspection {id: entity_id})
OPTIONAL MATCH (a)-[r]-(b:Council|Person|Post|Trust|Department|Inspectorate|Association|Inspection)
WITH a, r, b WHERE r IS NOT NULL AND r.kind <> 'STAT_NEIGHBOUR'
RETURN DISTINCT a.id AS id, b.id AS neighbour, b.kind AS kind, b.post_kind AS post_kind
