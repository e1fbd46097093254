// name: council_lines
// description: The lines up from the given councils at any date (each with its dates): the council's step of the chain `who` walks, found from each council by its id.
// param: councils: list
// returns: id, kind, name, line_id, up_to, up_kind, up_name, valid_from, valid_until, basis, line_status, sources, quotes
UNWIND $councils AS council_id
MATCH (x:Council {id: council_id})
OPTIONAL MATCH (x)-[up:ACCOUNTABLE_TO]->(y:Post|Council|Department)
RETURN x.id AS id, x.kind AS kind, x.name AS name, up.id AS line_id, y.id AS up_to, y.kind AS up_kind, y.name AS up_name,
       up.valid_from AS valid_from, up.valid_until AS valid_until, up.basis AS basis, up.status AS line_status,
       up.sources AS sources, up.quotes AS quotes
