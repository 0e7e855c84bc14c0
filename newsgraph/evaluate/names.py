"""Name folding for scoring: two spellings of one name compare equal.

FORMAT.md folds case, diacritics, punctuation, a leading "the" and an Arabic
article prefix. Decisions taken here (documented because scores depend on them):

- the Arabic article is dropped at the start of *every* word, hyphenated
  ("al-Mismari", "el-Sisi") or standing alone before another word ("Al Qaeda"),
  so "Ahmed al-Mismari" == "Ahmed Mismari" and "Al-Qaeda" == "Qaeda";
- apostrophes of any shape are deleted ("Haftar’s" == "Haftar's" == "Haftars"),
  other punctuation separates words ("U.N." -> "u n", "5+5" -> "5 5");
- only one leading "the" is dropped ("The Hague" == "Hague": harmless, as the
  rule is applied to both sides).
"""

from __future__ import annotations

import re

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el)-+(?=\S)")
_ARTICLE_WORDS = frozenset({"al", "el"})


def fold_name(name: object) -> str:
    """The comparison form of a name ('' for None or a name of punctuation only)."""
    if not name:
        return ""
    text = anyascii(name if isinstance(name, str) else str(name)).lower()
    words: list[str] = []
    raw = text.split()
    for i, word in enumerate(raw):
        word = _ARTICLE_PREFIX.sub("", word)
        if word in _ARTICLE_WORDS and i + 1 < len(raw):
            continue
        words.append(word)
    text = _APOSTROPHES.sub("", " ".join(words))
    folded = _NON_WORD.sub(" ", text).split()
    if len(folded) > 1 and folded[0] == "the":
        folded = folded[1:]
    return " ".join(folded)


def fold_all(names: list[object] | tuple[object, ...]) -> frozenset[str]:
    """Folded forms of several names, without the empty ones."""
    return frozenset(f for f in (fold_name(n) for n in names) if f)
