// name: inspections
// description: A council's inspections and their judgements over time, newest publication first, with the ids of their sources.
// param: council: string
// returns: id, framework, inspection_start, inspection_start_precision, inspection_end, inspection_end_precision, published, published_precision, overall, impact_of_leaders, help_and_protection, in_care, care_leavers, adoption, lscb, report_url, sources
MATCH (i:Inspection)-[:INSPECTS]->(c:Council {id: $council})
RETURN i.id AS id, i.framework AS framework,
       i.inspection_start AS inspection_start, i.inspection_start_precision AS inspection_start_precision,
       i.inspection_end AS inspection_end, i.inspection_end_precision AS inspection_end_precision,
       i.published AS published, i.published_precision AS published_precision,
       i.overall AS overall, i.impact_of_leaders AS impact_of_leaders, i.help_and_protection AS help_and_protection,
       i.in_care AS in_care, i.care_leavers AS care_leavers, i.adoption AS adoption, i.lscb AS lscb, i.report_url AS report_url, i.sources AS sources
ORDER BY published DESC, inspection_start DESC, id
