"""The store interface the pipeline writes through, so another backend (PostgreSQL) can follow."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from newsgraph.records import ArticleAnalysis, InputProblem


class Store(Protocol):
    """What the ingest stages need from a database."""

    def add(
        self, analysis: ArticleAnalysis, *, near_duplicates: Iterable[tuple[str, float]] = ()
    ) -> bool:
        """Store one article atomically; False (and no change) if its content_hash is stored."""
        ...

    def has_article(self, content_hash: str) -> bool: ...

    def add_problem(self, problem: InputProblem) -> None: ...

    def link_near_duplicate(self, article_hash: str, other_hash: str, score: float) -> None: ...

    def writer_lock(self, timeout: float = 0.0) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...
