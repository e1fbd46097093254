// name: council_posts
// description: A council's posts and when each existed (its POST_IN: from its statute's commencement, within the council's life), with the enactment that makes it.
// param: council: string
// returns: post_id, post_name, post_kind, statutory_basis, valid_from, valid_from_precision, valid_until, sources, quotes
MATCH (c:Council {id: $council})<-[pin:POST_IN]-(post:Post)
RETURN post.id AS post_id, post.name AS post_name, post.post_kind AS post_kind, post.statutory_basis AS statutory_basis,
       pin.valid_from AS valid_from, pin.valid_from_precision AS valid_from_precision, pin.valid_until AS valid_until,
       pin.sources AS sources, pin.quotes AS quotes
ORDER BY post_id
