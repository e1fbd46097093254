// name: sources
// description: Every source in the graph (or those of one kind: news, statute, guidance, inspection_report, dataset, letter, other) with its publisher, date, licence and link.
// param: kind: string = ""
// returns: id, source_kind, title, publisher, author, published, published_precision, licence, url
MATCH (s:Source)
WHERE $kind = '' OR s.source_kind = $kind
RETURN s.id AS id, s.source_kind AS source_kind, s.title AS title, s.publisher AS publisher, s.author AS author,
       s.published AS published, s.published_precision AS published_precision, s.licence AS licence, s.url AS url
ORDER BY source_kind, published, id
