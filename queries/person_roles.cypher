// name: person_roles
// description: A person's roles other than posts held: memberships and offices in associations, and appointments or terminations of them by a council, department, post or trust; with dates and sources.
// param: person: string
// returns: rel_kind, other_id, other_kind, other, role, action, valid_from, valid_from_precision, valid_to, valid_to_precision, valid_until, valid_until_precision, until_basis, start_basis, last_confirmed, last_confirmed_precision, status, note, sources, quotes, accounts, id
MATCH (p:Person {id: $person})-[r:MEMBER_OF|OFFICER_OF|APPOINTS]-(o:Association|Council|Department|Post|Trust)
RETURN r.kind AS rel_kind, o.id AS other_id, o.kind AS other_kind, o.name AS other, r.role AS role, r.action AS action,
       r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to,
       r.valid_to_precision AS valid_to_precision, r.valid_until AS valid_until, r.valid_until_precision AS valid_until_precision,
       r.until_basis AS until_basis, r.start_basis AS start_basis,
       r.last_confirmed AS last_confirmed, r.last_confirmed_precision AS last_confirmed_precision,
       r.status AS status, r.note AS note, r.sources AS sources, r.quotes AS quotes, r.accounts AS accounts, r.id AS id
ORDER BY valid_from, id
