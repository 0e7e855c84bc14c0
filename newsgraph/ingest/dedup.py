"""Exact and near-duplicate fingerprints of article text.

The same wire story is republished by many outlets with small edits; the
store links such copies instead of counting their events twice. An exact
re-ingest is recognised by ``content_hash``; a near copy by MinHash.
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

from newsgraph.records import Article

NUM_PERM = 64
SHINGLE = 5
MAX_WORDS = 50_000  # enough to fingerprint any real article; bounds time on huge inputs
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """sha256 hex of the text with all whitespace runs collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Fingerprinter:
    """Computes MinHash signatures; keeps the (costly) permutation table between calls."""

    def __init__(self) -> None:
        template = MinHash(num_perm=NUM_PERM, seed=1)
        self._permutations = template.permutations
        self._scheme = template.scheme

    def signature(self, text: str) -> tuple[int, ...]:
        """MinHash (64 permutations, fixed seed) over lowercased word 5-shingles."""
        words = _WORD.findall(text[: MAX_WORDS * 20].lower())[:MAX_WORDS]
        if not words:
            return ()
        if len(words) < SHINGLE:
            shingles = {" ".join(words)}
        else:
            shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        sketch = MinHash(num_perm=NUM_PERM, seed=1, permutations=self._permutations,
                         scheme=self._scheme)
        sketch.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        return tuple(int(v) for v in sketch.hashvalues)


def minhash_signature(text: str) -> tuple[int, ...]:
    """MinHash signature of one text (use a Fingerprinter for many texts)."""
    return Fingerprinter().signature(text)


def signature_similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Jaccard estimate from two signatures: the share of equal slots (0.0 if unusable)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def near_duplicate_score(a: Article, b: Article) -> float:
    """Estimated Jaccard similarity of two articles' word 5-shingles (1.0 = same text)."""
    return signature_similarity(a.minhash, b.minhash)


class NearDuplicateIndex:
    """MinHash LSH over article signatures, to link republished or lightly edited copies.

    Word 5-shingles are strict (a lightly edited republication scores ~0.5, unrelated
    articles ~0), so 0.5 is the default. Candidates come from datasketch's LSH; the
    estimated Jaccard similarity of
    the two signatures must reach ``threshold`` to count.
    """

    def __init__(self, threshold: float = 0.5):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, tuple[int, ...]] = {}
        self._scheme = None

    def _sketch(self, signature: tuple[int, ...]):
        from datasketch import LeanMinHash, MinHash

        if self._scheme is None:
            self._scheme = MinHash(num_perm=NUM_PERM, seed=1).scheme
        return LeanMinHash(seed=1, hashvalues=signature, scheme=self._scheme)

    def add(self, key: str, signature: tuple[int, ...]) -> None:
        if len(signature) != NUM_PERM or key in self._signatures:
            return
        self._signatures[key] = signature
        self._lsh.insert(key, self._sketch(signature))

    def matches(self, signature: tuple[int, ...]) -> list[tuple[str, float]]:
        """(key, score) of indexed signatures similar enough, best first."""
        if len(signature) != NUM_PERM:
            return []
        found = []
        for key in self._lsh.query(self._sketch(signature)):
            score = signature_similarity(signature, self._signatures[key])
            if score >= self.threshold:
                found.append((key, round(score, 3)))
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))
