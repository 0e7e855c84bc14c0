"""Fuzzing (hypothesis): no exception escapes, and the invariants users rely on hold.

Readers and header parsing on random bytes/text, the date resolver on random
strings and anchors, name folding and transliteration matching (idempotence,
symmetry), and the whole analyser on random text (letters, punctuation, RTL,
emoji, very long sentences). ``bench/soak.py`` runs a longer campaign.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsgraph.actors.names import fold, same_name, slug, translit_key
from newsgraph.ingest import read_inputs
from newsgraph.ingest.metadata import parse_header
from newsgraph.nlp.dates import DateResolver
from newsgraph.records import PLOVER_TYPES, STATUSES, Article, DateValue, InputProblem

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
NAME_WORDS = st.sampled_from([
    "the", "The", "al", "Al", "el", "al-", "el-", "ash-", "Abd", "Abdul", "Haftar", "Hifter",
    "Khalifa", "Sarraj", "Serraj", "Fayez", "Qaddafi", "Gaddafi", "Kadhafi", "Mohammed",
    "Muhammad", "Сергей", "حفتر", "Ḥaftar", "O'Brien", "Mir'ash", "-", "'", "  ", "x", "Y",
])
NAMES = st.one_of(ANY_TEXT, st.lists(NAME_WORDS, max_size=6).map(" ".join),
                  st.lists(NAME_WORDS, max_size=6).map("".join))
DATE_WORDS = st.sampled_from([
    "on", "Monday", "last", "next", "week", "month", "year", "April", "14", "2019", "early",
    "late", "mid-", "the", "of", "ago", "two", "days", "since", "until", "31", "February",
    "29", "9999", "0", "-1", "yesterday", "tomorrow", "Q3", "1/2/2020", "2020-13-45",
])
DATE_EXPRS = st.one_of(ANY_TEXT, st.lists(DATE_WORDS, max_size=8).map(" ".join))
ANCHORS = st.one_of(
    st.none(),
    st.dates().map(lambda d: DateValue(d.isoformat(), "day")),
    st.integers(1, 9999).map(lambda y: DateValue(f"{y:04d}", "year")),
    st.builds(lambda v: DateValue(v, "day"), st.sampled_from(["2019-02-30", "abcd", "", "2019-4"])),
)


# ------------------------------------------------------------------ names
@FAST
@given(NAMES)
def test_fold_is_idempotent_and_ascii(name: str) -> None:
    once = fold(name)
    assert fold(once) == once, (name, once, fold(once))
    assert re.fullmatch(r"[a-z0-9]+( [a-z0-9]+)*|", once), once


@FAST
@given(NAMES)
def test_translit_key_and_slug_are_stable(name: str) -> None:
    assert translit_key(fold(name)) == translit_key(name)
    assert re.fullmatch(r"[a-z0-9-]*", slug(name)), slug(name)


@FAST
@given(NAMES, NAMES)
def test_same_name_is_symmetric(a: str, b: str) -> None:
    assert same_name(a, b) == same_name(b, a)


@FAST
@given(NAMES)
def test_same_name_is_reflexive_for_real_names(a: str) -> None:
    assume(fold(a))
    assert same_name(a, a)


# ------------------------------------------------------------------ dates
@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


@FAST
@given(expr=DATE_EXPRS, anchor=ANCHORS, previous=ANCHORS)
def test_date_resolver_never_raises(resolver: DateResolver, expr: str, anchor, previous) -> None:
    found = resolver.resolve(expr, anchor, previous)
    if found is not None:
        assert ISO.match(found.value), found
        assert {4: "year", 7: "month", 10: "day"}[len(found.value)] == found.precision, found


# ------------------------------------------------------------------ readers
@FAST
@given(ANY_TEXT)
def test_parse_header_never_raises_and_keeps_the_body(text: str) -> None:
    header = parse_header(text)
    assert header.body in text
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in header.meta.items())


@FAST
@given(data=st.one_of(st.binary(max_size=3000), ANY_TEXT.map(lambda s: s.encode("utf-8")),
                      ANY_TEXT.map(lambda s: s.encode("utf-16"))),
       suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".csv", ".tsv", ".html", ""]))
def test_read_inputs_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        first = list(read_inputs([str(path)]))
        again = list(read_inputs([str(path)]))
    assert first, "every input yields an article or a problem"
    for item in first:
        assert isinstance(item, Article | InputProblem)
        if isinstance(item, Article):
            assert item.text.strip()
        else:
            assert item.reason and "\n" not in item.reason
    assert [getattr(x, "content_hash", str(x)) for x in first] == \
        [getattr(x, "content_hash", str(x)) for x in again]


# ------------------------------------------------------------------ whole analyser
@pytest.fixture(scope="module")
def analyzer():
    from newsgraph.pipeline import Analyzer

    return Analyzer(model="sm")


ARTICLE_WORDS = st.sampled_from([
    "Khalifa", "Haftar", "attacked", "Tripoli", "on", "Monday", ",", ".", "said", "the", "LNA",
    "GNA", "met", "Erdogan", "in", "Ankara", "will", "not", "sign", "ceasefire", "حفتر",
    "قال", "Москва", "🙂", "\u202e", "\u200f", "‘", "—", "(", ")", "\n", "\n\n", "2019",
])
ARTICLE_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(ARTICLE_WORDS, min_size=1, max_size=400).map(" ".join),
    st.integers(200, 3000).map(lambda n: "Haftar said " + "and the army attacked " * n),
)


@SLOW
@given(ARTICLE_TEXT)
def test_analyser_never_raises_and_offsets_point_into_the_text(analyzer, text: str) -> None:
    art = Article(doc_id="fuzz", text=text, content_hash=f"{hash(text):x}")
    result = analyzer.analyze(art)
    actor_ids = {a.id for a in result.actors} | {m.actor_id for m in result.mentions}
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text, m
    for e in result.events:
        assert e.type in PLOVER_TYPES and e.status in STATUSES, e
        assert 0 <= e.evidence.start < e.evidence.end <= len(text), e.evidence
        assert e.evidence.sentence.strip() in text
        assert set(e.source) | set(e.target) <= actor_ids, e
