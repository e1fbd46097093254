"""accountable: who is accountable for English children's services, as of any date, and why we believe it.

    import accountable
    with accountable.open() as g:
        g.who("somerset", on="2014-11-15")

The API lives in `accountable.api` (docs/python-api.md); nothing heavy is imported until a graph opens.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Graph", "NotFound", "BadParameter", "StoreError", "open"]


def open(db: Any = None, backend: str | None = None, read_only: bool = False, autoload: bool = True) -> Any:  # noqa: A001
    """Open the graph (see accountable.api.open)."""
    from .api import open as _open

    return _open(db=db, backend=backend, read_only=read_only, autoload=autoload)


def __getattr__(name: str) -> Any:
    """The API's classes and errors, imported when first asked for."""
    if name == "Graph":
        from .api import Graph

        return Graph
    if name == "NotFound":
        from .queries.answers import LookupError_

        return LookupError_
    if name == "BadParameter":
        from .queries.registry import TemplateError

        return TemplateError
    if name == "StoreError":
        from .graph import StoreError

        return StoreError
    raise AttributeError(f"module 'accountable' has no attribute {name!r}")
