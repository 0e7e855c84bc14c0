"""The whole path from input files to the database, and the per-article analyser.

``Analyzer`` runs one article through nlp → actors → events and returns an
ArticleAnalysis. ``ingest`` reads inputs, skips what is stored already,
analyses the rest on every core (one spaCy per worker process) and writes
each article in its own transaction, so an interrupted run resumes cleanly.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.records import Article, ArticleAnalysis, InputProblem


class Analyzer:
    """One loaded spaCy pipeline with newsgraph's components; analyses articles."""

    def __init__(
        self,
        model: str | None = None,
        actor_files: Sequence[str | Path] = (),
        pattern_files: Sequence[str | Path] = (),
        place_files: Sequence[str | Path] = (),
        occasion_files: Sequence[str | Path] = (),
    ):
        from newsgraph.nlp import components  # noqa: F401  (registers the factories)
        from newsgraph.nlp.pipeline import load_nlp, model_name

        self.nlp = load_nlp(model)
        self.model_name = model_name(self.nlp)
        self.nlp.add_pipe("newsgraph_actors", config={
            "actor_files": [str(p) for p in actor_files],
            "place_files": [str(p) for p in place_files]})
        self.nlp.add_pipe(
            "newsgraph_events",
            config={
                "pattern_files": [str(p) for p in pattern_files],
                "place_files": [str(p) for p in place_files],
                "actor_files": [str(p) for p in actor_files],
                "occasion_files": [str(p) for p in occasion_files],
            },
        )

    def analyze(self, article: Article) -> ArticleAnalysis:
        """Actors, mentions and events of one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleAnalysis]:
        """Analyse articles in order, batching the spaCy pass."""
        from newsgraph.nlp.components import ARTICLE_KEY
        from newsgraph.nlp.pipeline import MAX_ANALYSED_CHARS

        def docs():
            for art in articles:
                doc = self.nlp.make_doc(art.text[:MAX_ANALYSED_CHARS])
                doc.user_data[ARTICLE_KEY] = art
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            art = doc.user_data[ARTICLE_KEY]
            yield ArticleAnalysis(
                article=art,
                actors=list(doc._.ng_actors or []),
                mentions=list(doc._.ng_mentions or []),
                events=list(doc._.ng_events or []),
            )


# ---------------------------------------------------------------- workers

CHUNK_SIZE = 16  # most articles per task sent to a worker process (one spaCy batch)

# Process-local slot for the worker's Analyzer: set once by the pool initializer
# in each worker process (the standard multiprocessing idiom), never mutated after.
_WORKER: dict[str, Any] = {}


def _init_worker(kwargs: dict) -> None:
    _exit_with_parent(os.getppid())
    # An exception here would only say "the pool broke"; keep it and raise it from
    # the first task instead, so the run ends with the real cause in one line.
    try:
        _WORKER["analyzer"] = Analyzer(**kwargs)
    except Exception as exc:  # noqa: BLE001 - re-raised in the task
        _WORKER["error"] = exc


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (killed ingest): executor workers,
    unlike Pool's, would otherwise wait on their task queue for ever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _noop() -> None:
    return None


def _analyze_in_worker(articles: list[Article]) -> list[ArticleAnalysis]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return list(_WORKER["analyzer"].analyze_many(articles))


def _chunks(items: Sequence[Article], size: int, workers: int = 1) -> Iterator[list[Article]]:
    """Consecutive chunks of at most ``size``, shrinking towards the end (each at most a
    1/(2*workers) share of what is left) so that no worker idles long while another
    finishes a big last chunk. spaCy's output does not depend on how docs are batched."""
    i, n = 0, len(items)
    while i < n:
        step = max(1, min(size, -(-(n - i) // (2 * max(1, workers)))))
        yield list(items[i:i + step])
        i += step


class AnalyzerPool:
    """Worker processes, one Analyzer each, that start loading at construction.

    Start the pool before the articles are read: the workers load spaCy and the
    dictionaries while the parent reads, decodes and fingerprints the inputs. Use as a
    context manager; leaving it stops the workers.
    """

    def __init__(self, workers: int, **analyzer_kwargs) -> None:
        # spaCy is imported here, before the fork, so the workers inherit it.
        from newsgraph.nlp.pipeline import load_nlp  # noqa: F401

        self.workers = workers
        ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        # concurrent.futures rather than multiprocessing.Pool: Pool.terminate() can
        # deadlock when tasks are still queued (CPython gh-96995), which hung a run
        # whose workers could not load the model.
        self._pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                         initargs=(analyzer_kwargs,))
        # The executor starts one process per submitted task: start them all now.
        for _ in range(workers):
            self._pool.submit(_noop)

    def analyze(self, articles: Sequence[Article]) -> Iterator[ArticleAnalysis]:
        """Analyse ``articles`` on the workers, yielding results in input order."""
        for batch in self._pool.map(_analyze_in_worker,
                                    _chunks(articles, CHUNK_SIZE, self.workers)):
            yield from batch

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalyzerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyze_articles(
    articles: Iterable[Article], *, workers: int = 2, **analyzer_kwargs
) -> Iterator[ArticleAnalysis]:
    """Analyse articles on ``workers`` processes, yielding results in input order.

    Articles travel to the workers in small chunks so that spaCy batches them
    (``nlp.pipe``) as it does in a plain pass.
    """
    if workers <= 1:
        yield from Analyzer(**analyzer_kwargs).analyze_many(articles)
        return
    with AnalyzerPool(workers, **analyzer_kwargs) as pool:
        yield from pool.analyze(list(articles))


# ----------------------------------------------------------------- ingest


@dataclass
class IngestSummary:
    """What one ingest run did; the CLI prints it and picks the exit status from it."""

    articles_added: int = 0
    articles_already_stored: int = 0
    near_duplicates: int = 0
    events_added: int = 0
    actors_seen: int = 0
    words: int = 0
    seconds: float = 0.0
    problems: list[InputProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # used, but only in part (very long text)

    @property
    def exit_status(self) -> int:
        """0 all inputs used, 1 some inputs skipped, 2 nothing could be done."""
        if not self.problems:
            return 0
        return 1 if (self.articles_added or self.articles_already_stored) else 2


def ingest(
    paths: Sequence[str],
    db_path: str | Path,
    *,
    actor_files: Sequence[str | Path] = (),
    pattern_files: Sequence[str | Path] = (),
    place_files: Sequence[str | Path] = (),
    occasion_files: Sequence[str | Path] = (),
    model: str | None = None,
    workers: int = 2,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    on_article: Callable[[ArticleAnalysis], None] | None = None,
) -> IngestSummary:
    """Read ``paths`` into the database at ``db_path``; safe to interrupt and re-run."""
    from newsgraph.nlp.pipeline import MAX_ANALYSED_CHARS  # spaCy: imported before the fork
    from newsgraph.store import SQLiteStore

    # Fail on a bad user knowledge file before touching the database.
    _validate_knowledge(actor_files, pattern_files, place_files, occasion_files)
    started = time.perf_counter()
    summary = IngestSummary()
    store = SQLiteStore(db_path)
    kwargs = dict(
        model=model,
        actor_files=[str(p) for p in actor_files],
        pattern_files=[str(p) for p in pattern_files],
        place_files=[str(p) for p in place_files],
        occasion_files=[str(p) for p in occasion_files],
    )
    with store.writer_lock(), contextlib.ExitStack() as stack:
        # Workers start loading now, while this process reads the inputs.
        pool = stack.enter_context(AnalyzerPool(workers, **kwargs)) if workers > 1 else None
        from newsgraph.ingest import read_inputs
        from newsgraph.ingest.dedup import NearDuplicateIndex

        near = NearDuplicateIndex()
        for key, signature in store.minhashes():
            near.add(key, signature)
        pending: list[Article] = []
        seen_hashes: set[str] = set()
        for item in read_inputs(paths):
            if isinstance(item, InputProblem):
                store.add_problem(item)
                summary.problems.append(item)
                if on_problem:
                    on_problem(item)
            elif item.content_hash in seen_hashes or store.has_article(item.content_hash):
                summary.articles_already_stored += 1
            else:
                seen_hashes.add(item.content_hash)
                pending.append(item)
                if len(item.text) > MAX_ANALYSED_CHARS:
                    notice = (
                        f"{item.source_path or item.doc_id}: very long article, only the first "
                        f"{MAX_ANALYSED_CHARS:,} of {len(item.text):,} characters analysed "
                        "(the whole text is stored)"
                    )
                    summary.notices.append(notice)
                    if on_notice:
                        on_notice(notice)
        if on_start:
            on_start(len(pending))
        results: Iterable[ArticleAnalysis] = ()
        if pending and pool is not None:
            results = pool.analyze(pending)
        elif pending:
            results = Analyzer(**kwargs).analyze_many(pending)
        for analysis in results:
            art = analysis.article
            dups = near.matches(art.minhash)
            near.add(art.content_hash, art.minhash)
            if store.add(analysis, near_duplicates=dups):
                summary.near_duplicates += bool(dups)
                summary.articles_added += 1
                summary.events_added += len(analysis.events)
                summary.actors_seen += len(analysis.actors)
                summary.words += len(analysis.article.text.split())
            if on_article:
                on_article(analysis)
    summary.seconds = time.perf_counter() - started
    return summary


def _validate_knowledge(actor_files, pattern_files, place_files, occasion_files=()) -> None:
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.events.occasions import KnownOccasions
    from newsgraph.events.patterns import load_patterns
    from newsgraph.nlp.places import Gazetteer

    if actor_files:
        load_dictionary(actor_files)
    if pattern_files:
        load_patterns(pattern_files)
    if place_files:
        Gazetteer(place_files)
    if occasion_files:
        KnownOccasions.load(occasion_files)
