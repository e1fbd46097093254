// name: connection
// ladybug: LadybugDB has no allShortestPaths(): it writes `-[* ALL SHORTEST 1..12 (r, n | WHERE ...)]-` with the filter inside the pattern; it has no list comprehension (list_transform instead), indexes lists from 1, and has no startNode() (a relationship's _src is compared with id(x)).
MATCH (a), (b)
WHERE a.id = $a AND b.id = $b
MATCH p = (a)-[* ALL SHORTEST 1..12 (r, n | WHERE (r.valid_from IS NULL OR r.valid_from < date($to))
          AND (r.valid_until IS NULL OR date($from) < r.valid_until)
          AND (size($via) = 0 OR r.kind IN $via))]-(b)
WITH list_transform(relationships(p), q -> q.id) AS path, nodes(p) AS ns, relationships(p) AS rs
UNWIND range(1, size(rs)) AS i
WITH path, i, ns[i] AS x, rs[i] AS r, ns[i + 1] AS y
RETURN path, i AS step, x.id AS from_id, x.name AS from_name, x.kind AS from_kind,
       r.id AS fact_id, r.kind AS relationship, id(x) = r._src AS forward,
       y.id AS to_id, y.name AS to_name, y.kind AS to_kind,
       r.capacity AS capacity, r.basis AS basis, r.action AS action, r.role AS role,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision,
       r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision,
       r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed, r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
