"""newsgraph: news articles in, a source-traced database of political events out.

    import newsgraph
    kb = newsgraph.open("newsgraph.db")
    kb.events(actor="Egypt")        # a pandas DataFrame
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(path: str = "newsgraph.db"):  # noqa: A001 - mirrors sqlite3.connect / datasette style
    """Open a newsgraph database for querying (see newsgraph.api.KnowledgeBase)."""
    from newsgraph.api import KnowledgeBase

    return KnowledgeBase(path)
