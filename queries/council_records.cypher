// name: council_records
// description: Every council as stored: its names, codes, type, region, website, URN, centre, dates and sources (what the register and Ofsted loaders merge with).
// returns: id, name, aliases, description, sources, la_code, gss_code, council_type, region, website, urn, short_name, latitude, longitude, established, established_precision, abolished, abolished_precision
MATCH (c:Council)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.description AS description, c.sources AS sources,
       c.la_code AS la_code, c.gss_code AS gss_code, c.council_type AS council_type, c.region AS region, c.website AS website,
       c.urn AS urn, c.short_name AS short_name, c.latitude AS latitude, c.longitude AS longitude,
       c.established AS established, c.established_precision AS established_precision,
       c.abolished AS abolished, c.abolished_precision AS abolished_precision
ORDER BY id
