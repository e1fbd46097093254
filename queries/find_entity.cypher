// name: find_entity
// description: People, posts, councils and other bodies matching an id, name, alias or code (case-insensitive), best match first.
// param: q: string
// returns: id, kind, name, rank, sources
WITH toLower($q) AS q
MATCH (n)
WHERE n.kind <> 'Source'
WITH n, CASE
    WHEN toLower(n.id) = q OR n.la_code = q OR toLower(n.gss_code) = q THEN 0
    WHEN toLower(n.name) = q OR ANY(a IN n.aliases WHERE toLower(a) = q) THEN 1
    WHEN toLower(n.name) CONTAINS q OR ANY(a IN n.aliases WHERE toLower(a) CONTAINS q) THEN 2
    ELSE 9 END AS rank
WHERE rank < 9
RETURN n.id AS id, n.kind AS kind, n.name AS name, rank, n.sources AS sources
ORDER BY rank, name, id
