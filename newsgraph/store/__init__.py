"""store stage: the SQLite database (WAL, migrations) and the cross-article event merge."""

from newsgraph.store.base import Store
from newsgraph.store.sqlite import SQLiteStore, article_id_for

__all__ = ["SQLiteStore", "Store", "article_id_for"]
