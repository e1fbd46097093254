"""Facts in: fact files (YAML, JSON Lines), and later the reference data."""
