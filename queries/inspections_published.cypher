// name: inspections_published
// description: Inspections published in a period, for one council or all (or one region's), with their judgements and sources.
// param: council: string = ""
// param: region: string = ""
// param: from: start = 1800
// param: to: end = 2200
// returns: council_id, council, id, framework, published, published_precision, overall, impact_of_leaders, help_and_protection, in_care, care_leavers, report_url, sources
MATCH (i:Inspection)-[:INSPECTS]->(c:Council)
WHERE ($council = '' OR c.id = $council) AND ($region = '' OR toLower(c.region) = toLower($region))
  AND i.published >= date($from) AND i.published < date($to)
RETURN c.id AS council_id, c.name AS council, i.id AS id, i.framework AS framework,
       i.published AS published, i.published_precision AS published_precision,
       i.overall AS overall, i.impact_of_leaders AS impact_of_leaders, i.help_and_protection AS help_and_protection,
       i.in_care AS in_care, i.care_leavers AS care_leavers, i.report_url AS report_url, i.sources AS sources
ORDER BY published, council, id
