// name: connection
// description: The shortest chains of relationships, in either direction, between two entities (people, posts, councils, bodies), using only relationships in force at some time in a period; one row per step of each chain, each step with its sources.
// param: a: string
// param: b: string
// param: from: start = 1800
// param: to: end = 2200
// param: via: list(HOLDS|POST_IN|ACCOUNTABLE_TO|APPOINTS|COMMISSIONS|DIRECTS|MEMBER_OF|OFFICER_OF|INSPECTS|CARRIED_OUT_BY|STAT_NEIGHBOUR|SUCCEEDED_BY) = []
// returns: path, step, from_id, from_name, from_kind, fact_id, relationship, forward, to_id, to_name, to_kind, capacity, basis, action, role, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts
// path: the ids of the chain's relationships, which tell the chains apart; forward: whether
// the step runs in the relationship's own direction. via: the relationship kinds a chain
// may use (none given: all). Chains are at most 12 steps long. Rows come in no set order:
// group them by path and sort by step.
MATCH (a {id: $a})
MATCH (b {id: $b})
MATCH p = allShortestPaths((a)-[*..12]-(b))
WHERE ALL(r IN relationships(p) WHERE (r.valid_from IS NULL OR r.valid_from < date($to))
          AND (r.valid_until IS NULL OR date($from) < r.valid_until)
          AND (size($via) = 0 OR r.kind IN $via))
WITH [r IN relationships(p) | r.id] AS path, nodes(p) AS ns, relationships(p) AS rs
UNWIND range(0, size(rs) - 1) AS i
WITH path, i, ns[i] AS x, rs[i] AS r, ns[i + 1] AS y
RETURN path, i + 1 AS step, x.id AS from_id, x.name AS from_name, x.kind AS from_kind,
       r.id AS fact_id, r.kind AS relationship, startNode(r) = x AS forward,
       y.id AS to_id, y.name AS to_name, y.kind AS to_kind,
       r.capacity AS capacity, r.basis AS basis, r.action AS action, r.role AS role,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed, r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
