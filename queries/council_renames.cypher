// name: council_renames
// description: Councils that had other official names while the same authority (Somerset County Council, now Somerset Council): the present name, the former names and the first day each no longer applied.
// returns: id, name, former_names, former_names_until
MATCH (c:Council)
WHERE c.former_names IS NOT NULL AND size(c.former_names) > 0
RETURN c.id AS id, c.name AS name, c.former_names AS former_names, c.former_names_until AS former_names_until
ORDER BY id
