// name: council_records
// description: Every council as stored: its names, codes, type, region, website and sources (what the register and Ofsted loaders merge with).
// returns: id, name, aliases, description, sources, la_code, gss_code, council_type, region, website
MATCH (c:Council)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.description AS description, c.sources AS sources,
       c.la_code AS la_code, c.gss_code AS gss_code, c.council_type AS council_type, c.region AS region, c.website AS website
ORDER BY id
