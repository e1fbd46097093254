// name: councils
// description: Councils (all, or one region's) with their most recent inspection in the graph published by a day (today by default) and its overall grade; judgement filters on that grade alone ('ungraded': the latest inspection has none).
// param: region: string = ""
// param: judgement: string = ""
// param: at: date = today
// returns: id, name, la_code, gss_code, council_type, region, inspection_id, framework, published, published_precision, overall, ungraded, inspection_sources, established, abolished
MATCH (c:Council)
WHERE $region = '' OR toLower(c.region) = toLower($region)
OPTIONAL MATCH (i:Inspection)-[:INSPECTS]->(c)
WHERE coalesce(i.published, i.inspection_start) <= date($at)
WITH c, max(coalesce(i.published, i.inspection_start)) AS last
OPTIONAL MATCH (cand:Inspection)-[:INSPECTS]->(c)
WHERE coalesce(cand.published, cand.inspection_start) = last
WITH c, max(cand.id) AS latest_id
OPTIONAL MATCH (latest:Inspection)-[:INSPECTS]->(c)
WHERE latest.id = latest_id
WITH c, latest, latest IS NOT NULL AND latest.overall IS NULL AS ungraded
WHERE $judgement = '' OR latest.overall = $judgement OR ($judgement = 'ungraded' AND ungraded)
RETURN c.id AS id, c.name AS name, c.la_code AS la_code, c.gss_code AS gss_code, c.council_type AS council_type, c.region AS region,
       latest.id AS inspection_id, latest.framework AS framework, latest.published AS published, latest.published_precision AS published_precision,
       latest.overall AS overall, ungraded, latest.sources AS inspection_sources, c.established AS established, c.abolished AS abolished
ORDER BY name, id
