"""Name folding and transliteration keys: one person, many spellings.

Articles translated from Arabic or Russian spell the same name many ways
(Haftar/Hifter, al-Sarraj/Serraj, Gaddafi/Qaddafi/Kadhafi, Sergey/Sergei).
Rather than listing such pairs, names are reduced by general rules:

``fold(name)``
    lower case; diacritics removed (anyascii); apostrophes and the Arabic
    ``ayn``/``hamza`` marks dropped (Mir'ash -> mirash); other punctuation and
    hyphens become spaces; a leading "the" and Arabic article prefixes
    (al-, el-, and the sun-letter forms at-, ad-, as-, ash-, ar-, az-, an-, adh-,
    ath-, and a standalone "al"/"el") are removed.

``translit_key(name)``
    applies, per word of ``fold(name)``:

    * digraph folding: kh->h, gh->g, ph->f, dh->d, th->t, sh/ch->s, dj/dzh->j,
      ck->k, x->ks (Arabic/Russian letters written with two Latin letters);
    * one velar class: q, g, k and hard c all become k (Qaddafi/Gaddafi/Kadhafi,
      Maitiq/Maitig); soft c (before e/i/y) becomes s;
    * one vowel class: every vowel, and y except word-initially, becomes "a"
      (Arabic short vowels are not written, so translators guess them:
      Haftar/Hifter, Mismari/Mesmari, Moutiq/Maitiq, ou/u/o, ei/ai/e/i/y);
    * runs of the same letter collapse (Sarraj/Saraj, Mohammed/Mohamed), and a
      word-final "h" after a vowel is dropped (Dbeibah/Dbeiba, Abdallah/Abdalla).

    The key is deliberately coarse: it proposes merges. ``same_name`` then
    checks them with a rapidfuzz similarity guard per word, so names that only
    share a consonant skeleton (Hassan/Hussein) are not merged.

``same_name(a, b)``
    True when two full names denote the same person: same number of words and
    every aligned word has the same key and passes the guard; or, when the
    word counts differ (Abdulhamid/Abdul Hamid), the keys without spaces are
    equal and the whole names pass the guard. First names that disagree block
    the merge, so Muammar Gaddafi and Saif al-Islam Gaddafi stay apart.
    A bare surname is never the "same name" as a full name: linking a surname
    to a full name is ``is_partial_of``'s job, done within one article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

# possessive tokens as spaCy splits them ("Haftar 's", "Haftar’s", "forces' ")
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Arabic article written as a hyphenated prefix (sun-letter assimilated forms included).
_ARTICLE_PREFIX = re.compile(r"\b(?:al|el|il|ul|at|ad|as|ash|ar|az|an|adh|ath)-(?=\w)", re.I)
ARTICLE_PREFIXES = frozenset("al el il ul at ad as ash ar az an adh ath".split())  # as above
_STANDALONE_ARTICLE = {"al", "el"}
_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u02bc\u02bf\u02be\u00b4]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_VOWELS = set("aeiou")
# Similarity (0-100) two words with the same key must still reach to be merged.
WORD_GUARD = 65.0
NAME_GUARD = 70.0
# A given name this similar (and this long) is a typo of the other, even across keys.
TYPO_GUARD = 85.0
TYPO_MIN_LEN = 6


def ascii_fold(text: str) -> str:
    """Diacritics and non-Latin scripts to ASCII, without changing case."""
    text = unicodedata.normalize("NFKC", text)
    return anyascii(text)


@lru_cache(maxsize=100_000)  # pure function of a string; hot in the matcher
def fold(name: str) -> str:
    """Case, diacritics, punctuation, leading "the" and Arabic article folded away.

    Applied until nothing changes, so that fold(fold(x)) == fold(x) even for
    strings like "al the x" where removing one article exposes another.
    """
    prev, text = None, name
    while text != prev:
        prev, text = text, _fold_once(text)
    return text


def _fold_once(name: str) -> str:
    text = _APOSTROPHES.sub("", ascii_fold(name)).lower().strip()
    text = _ARTICLE_PREFIX.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    words = text.split()
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        words = [w for i, w in enumerate(words) if not (w in _STANDALONE_ARTICLE and i + 1 < len(words))]
    return " ".join(words)


_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"), ("sch", "s"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("dh", "d"),
    ("th", "t"), ("sh", "s"), ("ch", "s"), ("dj", "j"), ("ck", "k"), ("x", "ks"),
)


@lru_cache(maxsize=100_000)  # pure function of a string; hot in the matcher
def word_key(word: str) -> str:
    """Transliteration key of one folded word (see the module docstring)."""
    if not word:
        return ""
    if word.isdigit():
        return word
    w = word
    for src, dst in _DIGRAPHS:
        w = w.replace(src, dst)
    out: list[str] = []
    for i, ch in enumerate(w):
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch in "qgk":
            out.append("k")
        elif ch == "c":
            out.append("s" if nxt in ("e", "i", "y") else "k")
        elif ch in _VOWELS or (ch == "y" and i > 0):
            out.append("a")
        else:
            out.append(ch)
    collapsed: list[str] = []
    for ch in out:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    if len(collapsed) > 2 and collapsed[-1] == "h" and collapsed[-2] == "a":
        collapsed.pop()
    return "".join(collapsed)


@lru_cache(maxsize=100_000)  # pure function of a string; hot in the matcher
def translit_key(name: str) -> str:
    """Coarse spelling-independent key of a name: words of ``fold`` through ``word_key``."""
    return " ".join(word_key(w) for w in fold(name).split())


PLAIN_WORD = re.compile(r"[a-z0-9]+")


def plain_words_key(words: Sequence[str]) -> str:
    """``translit_key(" ".join(words)).replace(" ", "")`` for words that each match
    ``PLAIN_WORD``, computed on the words without building and folding the string.

    Such a string is already ASCII, lower case and punctuation-free, so of ``fold`` only
    the word rules act: leading "the" and standalone "al"/"el" before another word are
    dropped, repeated until nothing changes. The resolver tries thousands of word spans
    per all-lowercase article; this keeps that cheap."""
    if "the" not in words and "al" not in words and "el" not in words:
        return "".join([word_key(w) for w in words])  # no word rule applies
    cur = list(words)
    prev = None
    while cur != prev:
        prev = cur
        w = cur
        while len(w) > 1 and w[0] == "the":
            w = w[1:]
        if len(w) > 1:
            w = [x for i, x in enumerate(w) if not (x in _STANDALONE_ARTICLE and i + 1 < len(w))]
        cur = w
    return "".join(word_key(w) for w in cur)


# How ``fold`` treats a token of all-lowercase text (the resolver's dictionary pass): a plain word
# (PLAIN_WORD); a separator that folds to a space (ASCII punctuation or spaces, no
# apostrophe, no hyphen that could end an Arabic article prefix like "al-"); or other.
WORD, SEP, ODD = 1, 2, 0


def fold_class(text: str, prev: str, glued_to_prev: bool) -> int:
    """WORD, SEP or ODD for a token ``text`` after the token ``prev``."""
    if PLAIN_WORD.fullmatch(text):
        return WORD
    if not text.isascii() or any(c.isalnum() or c in "'`" for c in text):
        return ODD
    if "-" in text and glued_to_prev and prev.lower() in ARTICLE_PREFIXES:
        return ODD
    return SEP


def span_dead_end(texts: list[str], kinds: list[int], glued: list[bool], i: int, top: int,
                  prefixes: set[str]) -> int:
    """The least ``j`` (else ``top + 1``) such that no span ``i:j2`` with ``j2 >= j`` of
    words and separators only (``kinds`` from fold_class; ``glued[k]``: word token k
    follows word token k-1 without a space) has a key in the set of name-key ``prefixes``.

    Once the span ends on a word other than "the"/"al"/"el", its key is the keys of
    its words without those articles and without leading "the"s (plain_words_key),
    and every longer such span's key extends it: when no name key starts with it,
    none of them can be a name."""
    words: list[str] = []
    for j in range(i + 1, top + 1):
        kind = kinds[j - 1]
        if kind == ODD or (j - 1 > i and glued[j - 1]):
            return top + 1  # longer spans leave the word-only form: no claim
        if kind != WORD:
            continue
        w = texts[j - 1]
        words.append(w)
        if w in ("the", "al", "el"):
            continue
        if plain_words_key(words) not in prefixes:
            return j
    return top + 1


def same_word(a: str, b: str) -> bool:
    """Two folded words are spellings of one name word (key equal and similar enough)."""
    if a == b:
        return True
    if word_key(a) != word_key(b):
        return False
    return fuzz.ratio(a, b) >= WORD_GUARD


def same_name(a: str, b: str) -> bool:
    """Whether two names are spellings of the same full name (see module docstring)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    wa, wb = fa.split(), fb.split()
    if len(wa) == len(wb):
        return all(same_word(x, y) for x, y in zip(wa, wb, strict=True))
    ka, kb = translit_key(fa).replace(" ", ""), translit_key(fb).replace(" ", "")
    if ka != kb:
        return False
    return fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) >= NAME_GUARD


def is_given_name_of(word: str, names: Sequence[str]) -> bool:
    """Whether ``word``, written before a person's surname, is a spelling of a word of one of
    that person's ``names`` (``same_word``: same key and similar enough, so Faiez/Fayez and
    Mohamed/Muhammad pass, Khalid/Khalifa and Hafez/Bashar do not), or an initial of one
    ("K. Haftar"); a long word one typo away also passes (Benjamim/Benjamin). Lets "Khalifa Hifter" be the dictionary's Khalifa Haftar while "Khalid
    Haftar" stays another person."""
    w = fold(word).replace(" ", "")
    if not w:
        return False
    parts = {x for n in names for x in fold(n).split()}
    if len(w) == 1:
        return any(x[0] == w for x in parts)
    return any(same_word(w, x) or (min(len(w), len(x)) >= TYPO_MIN_LEN and fuzz.ratio(w, x) >= TYPO_GUARD)
               for x in parts)


def is_partial_of(short: str, full: str) -> bool:
    """``short`` names a part of ``full``: its surname(s), or a final run of its words.

    "Conte" is partial of "Giuseppe Conte", "Moutiq" of "Ahmad Maitiq",
    "Sarraj" of "Fayez al-Sarraj"; a first name alone is not (too ambiguous).
    """
    ws, wf = fold(short).split(), fold(full).split()
    if not ws or len(ws) >= len(wf):
        return False
    tail = wf[-len(ws):]
    return all(same_word(x, y) for x, y in zip(ws, tail, strict=True))


def slug(name: str) -> str:
    """Id-safe form of a name: its transliteration key with hyphens, so that spellings of
    one name share an id. An acronym keeps its letters: folded like an Arabic name, USAID
    would become "asad", the id an unknown Assad would get."""
    letters = re.sub(r"[^a-z0-9]", "", name.lower()) if is_acronym(name) else ""
    return letters or translit_key(name).replace(" ", "-")


def is_acronym(alias: str) -> bool:
    """Short capitalised forms (UN, LNA, HoR, U.S., 5+5, M23, G7) are matched case-sensitively."""
    compact = re.sub(r"[\s.]", "", alias)
    if not compact or len(compact) > 8 or " " in alias.strip() and not compact.isupper():
        return False
    if not any(c.isalpha() for c in compact):
        return any(c.isdigit() for c in compact)
    upper = sum(c.isupper() for c in compact)
    lower = sum(c.islower() for c in compact)
    if upper and not lower and any(c.isdigit() for c in compact):
        return True  # a code: M23, G7, P5, F-16
    return upper >= 2 and upper > lower



_YEAR_SPAN = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})?(?!\d)")
_DIED = re.compile(r"\bdied (\d{4})\b")


def has_phrase(phrase: str, text: str) -> bool:
    """``phrase`` occurs in ``text`` as whole words, after folding both ("UN" in "UN envoy")."""
    p, t = fold(phrase), fold(text)
    return bool(p) and f" {p} " in f" {t} "


def role_held(role: str, year: int | None, since: str | None = None, until: str | None = None) -> bool:
    """Whether a role was held in ``year``: by its since/until, or "(2018-2021)" years in its text.

    Roles without years count as held; so does any role when the year is unknown.
    """
    if year is None:
        return True
    died = _DIED.search(role)
    if died and year > int(died.group(1)):
        return False
    spans: list[tuple[int | None, int | None]] = []
    if since or until:
        spans.append((_year(since), _year(until)))
    spans += [(int(a), int(b) if b else None) for a, b in _YEAR_SPAN.findall(role)]
    if not spans:
        return True
    return any((lo is None or lo <= year) and (hi is None or year <= hi) for lo, hi in spans)


def _year(value: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", value or "")
    return int(m.group(1)) if m else None
