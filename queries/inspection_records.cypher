// name: inspection_records
// description: Every inspection as stored, with the council it inspects: what a loader matches a snapshot's rows against.
// returns: id, council_id, name, aliases, description, sources, framework, inspection_start, inspection_start_precision, inspection_end, inspection_end_precision, published, published_precision, overall, impact_of_leaders, help_and_protection, in_care, care_leavers, report_url
MATCH (i:Inspection)
OPTIONAL MATCH (i)-[:INSPECTS]->(c:Council)
RETURN i.id AS id, c.id AS council_id, i.name AS name, i.aliases AS aliases, i.description AS description, i.sources AS sources,
       i.framework AS framework, i.inspection_start AS inspection_start, i.inspection_start_precision AS inspection_start_precision,
       i.inspection_end AS inspection_end, i.inspection_end_precision AS inspection_end_precision,
       i.published AS published, i.published_precision AS published_precision,
       i.overall AS overall, i.impact_of_leaders AS impact_of_leaders, i.help_and_protection AS help_and_protection,
       i.in_care AS in_care, i.care_leavers AS care_leavers, i.report_url AS report_url
ORDER BY id, council_id
