"""ingest stage: files, folders, globs and stdin to Articles (or InputProblems).

Public API:
    read_inputs(paths, *, max_bytes=20_000_000) -> Iterator[Article | InputProblem]
    near_duplicate_score(a, b) -> float        (in newsgraph.ingest.dedup)
"""

from newsgraph.ingest.dedup import content_hash, minhash_signature, near_duplicate_score
from newsgraph.ingest.reader import read_inputs

__all__ = ["content_hash", "minhash_signature", "near_duplicate_score", "read_inputs"]
