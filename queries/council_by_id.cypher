// name: council_by_id
// description: The council with exactly this id, found by its key (no scan of every council), as find_council gives it (rank 0).
// param: id: string
// returns: id, name, la_code, gss_code, region, rank, short_name, established, established_precision, abolished, abolished_precision, former_names, former_names_until
MATCH (c:Council {id: $id})
RETURN c.id AS id, c.name AS name, c.la_code AS la_code, c.gss_code AS gss_code, c.region AS region, 0 AS rank,
       c.short_name AS short_name, c.established AS established, c.established_precision AS established_precision,
       c.abolished AS abolished, c.abolished_precision AS abolished_precision,
       c.former_names AS former_names, c.former_names_until AS former_names_until
