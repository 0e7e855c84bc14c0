"""plain_words_key: the resolver's shortcut for spelling keys of plain lowercase word spans.

It must agree with ``translit_key`` on the joined words (it replaces that call in the
dictionary pass), and a key ending on an ordinary word must prefix the key of every
longer span (the dictionary pass stops extending a span on that basis).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.actors.names import PLAIN_WORD, plain_words_key, translit_key

# the words fold treats specially, and ordinary ones (letters, digits, digraphs)
_WORDS = st.one_of(
    st.sampled_from(["the", "al", "el", "an", "a", "of", "kh", "th", "y", "9"]),
    st.from_regex(PLAIN_WORD, fullmatch=True).filter(lambda w: len(w) <= 10),
)
_ORDINARY = _WORDS.filter(lambda w: w not in {"the", "al", "el"})


@pytest.mark.parametrize(
    ("words", "name"),
    [
        (["the", "al", "the", "sarraj"], "sarraj"),
        (["al"], "al"),
        (["the", "al"], "al"),
        (["el", "the"], "the"),
        (["fayez", "al", "sarraj"], "fayez sarraj"),
        (["khalifa", "haftar"], "Khalifa Hifter"),
    ],
)
def test_matches_the_key_of_the_name(words: list[str], name: str) -> None:
    assert plain_words_key(words) == translit_key(name).replace(" ", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=7))
def test_equals_translit_key_of_the_joined_words(words: list[str]) -> None:
    assert plain_words_key(words) == translit_key(" ".join(words)).replace(" ", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=5), _ORDINARY, st.lists(_WORDS, min_size=1, max_size=5))
def test_key_ending_on_an_ordinary_word_prefixes_longer_spans(
    head: list[str], last: str, more: list[str]
) -> None:
    short = [*head, last]
    assert plain_words_key([*short, *more]).startswith(plain_words_key(short))
