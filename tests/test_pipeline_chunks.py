"""How ingest cuts the articles into worker tasks: every article once, in order, in chunks
of at most CHUNK_SIZE that shrink towards the end so no worker idles on a big last one."""

from __future__ import annotations

import pytest

from newsgraph.pipeline import CHUNK_SIZE, _chunks


@pytest.mark.parametrize("n", [0, 1, 2, 5, 16, 17, 63, 64, 300, 1001])
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_every_item_once_in_order(n: int, workers: int) -> None:
    items = list(range(n))
    chunks = list(_chunks(items, CHUNK_SIZE, workers))  # type: ignore[arg-type]
    assert [x for c in chunks for x in c] == items
    assert all(1 <= len(c) <= CHUNK_SIZE for c in chunks)


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_chunks_shrink_towards_the_end(workers: int) -> None:
    sizes = [len(c) for c in _chunks(list(range(300)), CHUNK_SIZE, workers)]  # type: ignore[arg-type]
    assert sizes[0] == CHUNK_SIZE
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1
    # what is left after each chunk is at least (2 * workers - 1) times that chunk
    left = 300
    for size in sizes:
        left -= size
        assert size <= -(-(left + size) // (2 * workers))


def test_a_long_run_keeps_full_spacy_batches() -> None:
    sizes = [len(c) for c in _chunks(list(range(1000)), CHUNK_SIZE, 2)]  # type: ignore[arg-type]
    assert sum(s == CHUNK_SIZE for s in sizes) >= 1000 // CHUNK_SIZE - 5
