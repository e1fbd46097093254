// name: national
// description: Every council (or one region's) with where it is, when it existed, and each of its inspections (publication date and overall grade), for the national picture on a date.
// param: region: string = ""
// returns: id, name, short_name, region, la_code, council_type, latitude, longitude, established, abolished, inspections
MATCH (c:Council)
WHERE $region = '' OR toLower(c.region) = toLower($region)
OPTIONAL MATCH (i:Inspection)-[:INSPECTS]->(c)
WITH c, collect(CASE WHEN i IS NULL THEN NULL ELSE {id: i.id, published: i.published, published_precision: i.published_precision, overall: i.overall, framework: i.framework, sources: i.sources} END) AS inspections
RETURN c.id AS id, c.name AS name, c.short_name AS short_name, c.region AS region, c.la_code AS la_code,
       c.council_type AS council_type, c.latitude AS latitude, c.longitude AS longitude,
       c.established AS established, c.abolished AS abolished, inspections
ORDER BY name, id
