// name: find_council
// description: Councils matching a name, alias, id, DfE LA code or ONS GSS code (case-insensitive), best match first: 0 id or code, 1 whole name or alias, 2 part of one.
// param: q: string
// returns: id, name, la_code, gss_code, region, rank, short_name, established, established_precision, abolished, abolished_precision, former_names, former_names_until
// Each council is first tested as a whole (a code, or the text inside its name or an alias), so
// that only the few that match are unwound into their names to be ranked (one list predicate only:
// LadybugDB 0.22 misanswers several over the same list, CONTRIBUTING.md).
WITH toLower($q) AS q
MATCH (c:Council)
WHERE toLower(c.id) = q OR c.la_code = q OR toLower(c.gss_code) = q OR toLower(c.name) CONTAINS q
   OR any(alias IN c.aliases WHERE toLower(alias) CONTAINS q)
UNWIND (coalesce(c.aliases, []) + [c.name]) AS label
WITH c, q, toLower(label) AS n
WITH c, min(CASE
    WHEN toLower(c.id) = q OR c.la_code = q OR toLower(c.gss_code) = q THEN 0
    WHEN n = q THEN 1
    WHEN n CONTAINS q THEN 2
    ELSE 9 END) AS rank
WHERE rank < 9
RETURN c.id AS id, c.name AS name, c.la_code AS la_code, c.gss_code AS gss_code, c.region AS region, rank,
       c.short_name AS short_name, c.established AS established, c.established_precision AS established_precision,
       c.abolished AS abolished, c.abolished_precision AS abolished_precision,
       c.former_names AS former_names, c.former_names_until AS former_names_until
ORDER BY rank, name
