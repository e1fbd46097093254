// name: council_predecessors
// description: The councils a council succeeded (SUCCEEDED_BY), with the day of each change, its note and its sources.
// param: council: string
// returns: id, name, short_name, established, established_precision, abolished, abolished_precision, valid_from, valid_from_precision, note, sources, quotes
MATCH (o:Council)-[s:SUCCEEDED_BY]->(c:Council {id: $council})
RETURN o.id AS id, o.name AS name, o.short_name AS short_name,
       o.established AS established, o.established_precision AS established_precision,
       o.abolished AS abolished, o.abolished_precision AS abolished_precision,
       s.valid_from AS valid_from, s.valid_from_precision AS valid_from_precision, s.note AS note,
       s.sources AS sources, s.quotes AS quotes
ORDER BY id
