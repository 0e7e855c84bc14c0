"""Date resolution: a table of expressions against anchors, plus robustness and spans."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from newsgraph.errors import DataFileError
from newsgraph.nlp.dates import DateResolver, parse_published
from newsgraph.records import DateValue

DAY = "2019-04-16"  # a Tuesday
PREV = "2020-06-04"  # a Thursday

# (expression, anchor, previous, expected value, expected precision)
CASES = [
    ("October 23", "2018-10-25", None, "2018-10-23", "day"),
    ("October 23", "2019-01-10", None, "2018-10-23", "day"),  # would be > 1 month ahead
    ("April 14, 2019", DAY, None, "2019-04-14", "day"),
    ("December 17, 2017", DAY, None, "2017-12-17", "day"),
    ("16/04/2019", DAY, None, "2019-04-16", "day"),
    ("04/16/2019", DAY, None, "2019-04-16", "day"),  # month first only when day-first fails
    ("5th of October 2018", DAY, None, "2018-10-05", "day"),
    ("Oct. 5", DAY, None, "2018-10-05", "day"),
    ("14 Apr", DAY, None, "2019-04-14", "day"),
    ("Thursday, April 11", DAY, None, "2019-04-11", "day"),
    ("March 2018", DAY, None, "2018-03", "month"),
    ("in October", DAY, None, "2018-10", "month"),
    ("May", DAY, None, "2019-05", "month"),
    ("2015", DAY, None, "2015", "year"),
    ("in 2015", DAY, None, "2015", "year"),
    ("on Thursday", DAY, None, "2019-04-11", "day"),
    ("Thursday", DAY, None, "2019-04-11", "day"),
    ("Tuesday", DAY, None, "2019-04-16", "day"),  # the anchor day itself
    ("last Tuesday", DAY, None, "2019-04-09", "day"),
    ("Monday night", DAY, None, "2019-04-15", "day"),
    ("next Friday", DAY, None, "2019-04-19", "day"),
    ("Thursday", "2018-11", None, "2018-11", "month"),  # anchor without a day
    ("today", DAY, None, "2019-04-16", "day"),
    ("yesterday", DAY, None, "2019-04-15", "day"),
    ("last night", DAY, None, "2019-04-15", "day"),
    ("yesterday", "2018-11", None, "2018-11", "month"),
    ("last week", DAY, None, "2019-04", "month"),
    ("last week", "2019-04-03", None, "2019-03", "month"),  # most of last week was March
    ("last month", DAY, None, "2019-03", "month"),
    ("last month", "2019-01-05", None, "2018-12", "month"),
    ("last year", DAY, None, "2018", "year"),
    ("this year", DAY, None, "2019", "year"),
    ("next year", DAY, None, "2020", "year"),
    ("earlier this month", DAY, None, "2019-04", "month"),
    ("early this month", DAY, None, "2019-04", "month"),
    ("late this month", DAY, None, "2019-04", "month"),
    ("this month", DAY, None, "2019-04", "month"),
    ("at the end of last month", DAY, None, "2019-03", "month"),
    ("mid-April", DAY, None, "2019-04", "month"),
    ("early 2019", DAY, None, "2019", "year"),
    ("late 2019", DAY, None, "2019", "year"),
    ("the end of 2019", DAY, None, "2019", "year"),
    ("the beginning of the year", DAY, None, "2019", "year"),
    ("the spring of 2019", DAY, None, "2019", "year"),
    ("summer", "2019-08-01", None, "2019", "year"),
    ("over the summer", DAY, None, "2018", "year"),  # summer 2019 had not begun
    ("2014-2015", DAY, None, "2014", "year"),
    ("During 2014-2015", DAY, None, "2014", "year"),
    ("between 2014 and 2015", DAY, None, "2014", "year"),
    ("April 4-6, 2019", DAY, None, "2019-04-04", "day"),
    ("since January 2014", DAY, None, "2014-01", "month"),
    ("two years ago", DAY, None, "2017", "year"),
    ("three days ago", DAY, None, "2019-04-13", "day"),
    ("the same day", DAY, PREV, PREV, "day"),
    ("that day", DAY, PREV, PREV, "day"),
    ("the next day", DAY, PREV, "2020-06-05", "day"),
    ("the day before", DAY, PREV, "2020-06-03", "day"),
    ("that month", DAY, PREV, "2020-06", "month"),
    ("that May", DAY, PREV, "2020-05", "month"),
    ("a few days later", DAY, PREV, "2020-06", "month"),
    ("two days later", DAY, PREV, "2020-06-06", "day"),
    ("2019-04-16T10:00:00Z", None, None, "2019-04-16", "day"),
    ("April 14, 2019", None, None, "2019-04-14", "day"),
]

NEGATIVES = [
    ("in the past week", DAY, None),
    ("recently", DAY, None),
    ("six months", DAY, None),
    ("for years", DAY, None),
    ("34 out of 200", DAY, None),
    ("at night", DAY, None),
    ("the last few days", DAY, None),
    ("the past four years", DAY, None),
    ("24 hours", DAY, None),
    ("decades", DAY, None),
    ("the 1990s", DAY, None),
    ("a few days later", DAY, None),  # no previous date to count from
    ("that day", DAY, None),
    ("Thursday", None, None),  # relative, no anchor
    ("April 14", None, None),  # no year to give it
    ("April 31, 2019", DAY, None),  # no such day
    ("", DAY, None),
]


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _dv(value: str | None) -> DateValue | None:
    return parse_published(value) if value else None


@pytest.mark.parametrize(("expr", "anchor", "previous", "value", "precision"), CASES)
def test_resolve_table(resolver, expr, anchor, previous, value, precision):
    got = resolver.resolve(expr, _dv(anchor), _dv(previous))
    assert got is not None, expr
    assert (got.value, got.precision) == (value, precision)
    assert got.text == expr


@pytest.mark.parametrize(("expr", "anchor", "previous"), NEGATIVES)
def test_resolve_not_a_date(resolver, expr, anchor, previous):
    assert resolver.resolve(expr, _dv(anchor), _dv(previous)) is None


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2019-04-16", "2019-04-16", "day"),
        ("2019-04", "2019-04", "month"),
        ("2019", "2019", "year"),
        ("2019-04-16T08:30:00+02:00", "2019-04-16", "day"),
        (" 2018-12-28 ", "2018-12-28", "day"),
    ],
)
def test_parse_published(text, value, precision):
    got = parse_published(text)
    assert got is not None and (got.value, got.precision) == (value, precision)


@pytest.mark.parametrize("text", [None, "", "yesterday", "2019-13", "2019-02-30", "April 2019"])
def test_parse_published_rejects(text):
    assert parse_published(text) is None


def test_cache_keeps_anchor_apart(resolver):
    first = resolver.resolve("Thursday", _dv("2019-04-16"))
    second = resolver.resolve("Thursday", _dv("2020-06-06"))
    assert (first.value, second.value) == ("2019-04-11", "2020-06-04")


def test_in_span_offsets_and_previous(resolver):
    nlp = spacy.blank("en")
    doc = nlp("Talks began on Thursday , for six months , and resumed the next day in Cairo .")
    doc.ents = [
        Span(doc, 3, 4, label="DATE"),  # Thursday
        Span(doc, 6, 8, label="DATE"),  # six months: a duration, skipped
        Span(doc, 11, 14, label="DATE"),  # the next day
    ]
    dates = resolver.in_span(doc[:], _dv("2020-06-06"))
    assert [(d.value, d.precision) for d in dates] == [
        ("2020-06-04", "day"), ("2020-06-05", "day")
    ]
    assert doc.text[dates[0].start:dates[0].end] == "Thursday"
    assert doc.text[dates[1].start:dates[1].end] == "the next day"


def test_bad_cue_file_names_the_file(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("provenance: test\nvague: 3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="cues.yaml"):
        DateResolver(cue_file=bad)


_SHARED = DateResolver()  # hypothesis tests cannot take module fixtures

_anchors = st.one_of(
    st.none(),
    st.dates().map(lambda d: DateValue(d.isoformat(), "day")),
    st.dates().map(lambda d: DateValue(f"{d.year:04d}-{d.month:02d}", "month")),
    st.text(max_size=12).map(lambda t: DateValue(t, "day")),
)


@settings(max_examples=200, deadline=None)
@given(
    expr=st.one_of(
        st.text(max_size=40),
        st.from_regex(r"(on |in |early |late |the end of )?(\d{1,4}|[A-Z][a-z]{2,8})"
                      r"( \d{1,4})?(-\d{1,4})?", fullmatch=True),
    ),
    anchor=_anchors,
    previous=_anchors,
)
def test_resolve_never_raises(expr, anchor, previous):
    got = _SHARED.resolve(expr, anchor, previous)
    assert got is None or got.precision in ("day", "month", "year")
