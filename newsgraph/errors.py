"""Domain errors. The CLI turns each into one clean line; nothing else should escape."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class DataFileError(NewsgraphError):
    """A dictionary, pattern or place file is missing, malformed or fails validation."""


class StoreError(NewsgraphError):
    """The database cannot be opened, migrated or written."""


class StoreBusyError(StoreError):
    """Another ingest holds the database."""


class QueryError(NewsgraphError):
    """A query parameter is malformed (bad date, unknown type, ...)."""
