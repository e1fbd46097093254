// name: evidence_of
// description: The sources, quotes and accounts of the relationships with the given ids, of any kind.
// param: ids: list
// returns: id, sources, quotes, accounts
MATCH ()-[r]->()
WHERE r.id IN $ids
RETURN r.id AS id, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts
ORDER BY id
