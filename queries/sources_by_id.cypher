// name: sources_by_id
// description: The sources with the given ids: title, publisher, author, date (with precision), kind and link.
// param: ids: list
// returns: id, title, publisher, author, published, published_precision, source_kind, url, licence
UNWIND $ids AS source_id
MATCH (s:Source {id: source_id})
RETURN DISTINCT s.id AS id, s.title AS title, s.publisher AS publisher, s.author AS author,
       s.published AS published, s.published_precision AS published_precision,
       s.source_kind AS source_kind, s.url AS url, s.licence AS licence
ORDER BY published, id
