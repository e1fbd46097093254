"""accountable: who is accountable for English children's services, as of any date, and why we believe it."""

__version__ = "0.1.0"
