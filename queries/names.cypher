// name: names
// description: What people search by: the id, name and aliases of every council, person, trust, department, association and inspectorate (or only those of the kinds given), and the day a former council was abolished.
// param: kinds: list = []
// returns: id, kind, name, aliases, region, abolished
WITH $kinds AS kinds
MATCH (n:Council|Person|Trust|Department|Association|Inspectorate)
WHERE size(kinds) = 0 OR n.kind IN kinds
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, n.region AS region, n.abolished AS abolished
ORDER BY kind, name, id
