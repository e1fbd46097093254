"""Questions: one Cypher template per file, and the Python that answers with them."""
