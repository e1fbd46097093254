// name: evidence_of
// description: The evidence (sources, quotes, accounts, pages, methods, rules, as-of days) of the relationships with the given ids, of any kind.
// param: ids: list
// returns: id, sources, quotes, accounts, pages, methods, rules, as_of
MATCH ()-[r]->()
WHERE r.id IN $ids
RETURN r.id AS id, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts,
       r.pages AS pages, r.methods AS methods, r.rules AS rules, r.as_of AS as_of
ORDER BY id
