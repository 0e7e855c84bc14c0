"""The resolver's dictionary pass against a plain re-statement of its rule.

The pass precomputes token attributes and, in all-lowercase text, computes spelling keys
from the words and stops extending spans no name can start with. Whatever it skips, it
must find exactly the matches of the straightforward rule below: every span from a
startable token, longest first, not ending on punctuation/space/possessive, without a
newline or masked token, that (in lowercase text) has a name's spelling key when it is
all lower case, and that the dictionary matches. Token sequences are random mixes of
dictionary names, articles, hyphens, apostrophes, punctuation and odd glyphs.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.names import fold, translit_key, word_key
from newsgraph.actors.resolver import ActorResolver

_NOISE = ["the", "al", "el", "-", ",", ".", "'s", "'", '"', "(", ")", "a", "of", "in", "said",
          "123", "x1", "ash", "ad", "--", ":", "’", "é", "&", "/", "  ", "al-", "\n", "The", "Al"]


@pytest.fixture(scope="module")
def setup() -> tuple[ActorResolver, spacy.Language, list[str]]:
    dictionary = load_dictionary()
    names = sorted({n for e in dictionary.entries for n in e.names()})
    return ActorResolver(dictionary), spacy.blank("en"), names


def _reference_pass(r: ActorResolver, doc: Doc, masked: list[bool], lowercase: bool) -> list:
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        longest = r._max_words
        if lowercase and tok.lower_ not in {"al", "el", "Al", "El"}:
            longest = min(longest, 3 * r._first_keys.get(word_key(fold(tok.text) or "-"), 0))
        if masked[i] or not longest or not r._startable(tok, lowercase):
            i += 1
            continue
        found = None
        for j in range(min(n, i + longest), i, -1):
            last = doc[j - 1]
            if (last.is_punct and last.text != ")") or last.is_space or last.text in {
                    "'s", "’s", "'", "’"}:
                continue
            span = doc[i:j]
            if "\n" in span.text or any(masked[k] for k in range(i, j)):
                continue
            if lowercase and span.text.islower() and \
                    translit_key(span.text).replace(" ", "") not in r._name_keys:
                continue
            found = r._match_span(span, lowercase)
            if found:
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.tok_end
    return out


def _random_doc(nlp: spacy.Language, names: list[str], rnd: random.Random, lower: bool) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    while len(words) < 50:
        if rnd.random() < 0.4:
            name = rnd.choice(names)
            for t in nlp.make_doc(name.lower() if lower else name):
                words.append(t.text)
                spaces.append(bool(t.whitespace_))
        else:
            words.append(rnd.choice(_NOISE))
            spaces.append(rnd.random() < 0.6)
        if rnd.random() < 0.3:
            spaces[-1] = not spaces[-1]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _key(cands: list) -> list[tuple]:
    return [(c.start, c.end, c.tok_start, c.tok_end, c.actor_id, c.how, c.place_like)
            for c in cands]


@pytest.mark.parametrize(("seed", "lower_text", "lowercase_mode"),
                         [(1, True, True), (2, True, True), (3, False, False), (4, True, False)])
def test_same_matches_as_the_reference_rule(setup, seed, lower_text, lowercase_mode) -> None:
    resolver, nlp, names = setup
    rnd = random.Random(seed)
    found = 0
    for _ in range(150):
        doc = _random_doc(nlp, names, rnd, lower_text)
        masked = [rnd.random() < 0.05 for _ in doc]
        expected = _key(_reference_pass(resolver, doc, masked, lowercase_mode))
        assert _key(resolver._dictionary_pass(doc, masked, lowercase_mode)) == expected, doc.text
        found += len(expected)
    assert found > 20  # the texts do contain names: the comparison is not vacuous
