// name: council_arrangements
// description: Whether, on a date, a council commissions its children's services from a provider and whether a body directs it (an intervention in force): an answer skips the questions that would find none.
// param: council: string
// param: at: date = today
// returns: id, commissions, directed
// Each is a look along the council's own relationships (found by its id), with the dates
// `outsourced` and `who` apply; the questions it spares read every commissioning or direction
// before keeping the council's.
WITH date($at) AS d
MATCH (c:Council {id: $council})
RETURN c.id AS id,
       EXISTS { MATCH (c)-[k:COMMISSIONS]->(:Trust)
                WHERE (k.valid_from IS NULL OR k.valid_from <= d) AND (k.valid_until IS NULL OR d < k.valid_until) } AS commissions,
       EXISTS { MATCH (c)<-[x:DIRECTS]-()
                WHERE x.valid_from <= d AND (x.valid_until IS NULL OR d < x.valid_until) } AS directed
