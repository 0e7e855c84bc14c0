"""Relative date expressions the resolver reads against a coarse previous date or the
publication day: offsets from a year or month stay inside it, narrowing cues win over the
duration filter, and weekends are the month of their Saturday."""

from __future__ import annotations

import pytest

from newsgraph.nlp.dates import DateResolver
from newsgraph.records import DateValue


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


ANCHOR = DateValue("2021-06-09", "day")  # a Wednesday


@pytest.mark.parametrize(("expr", "previous", "expected"), [
    ("three days later", DateValue("2020", "year"), ("2020", "year")),
    ("two days later", DateValue("2020-12", "month"), ("2020-12", "month")),
    ("a week later", DateValue("2020", "year"), ("2020", "year")),
    ("two days later", DateValue("2020-12-30", "day"), ("2021-01-01", "day")),
    ("three days earlier", DateValue("2020", "year"), ("2020", "year")),
])
def test_offset_from_previous(resolver, expr, previous, expected) -> None:
    got = resolver.resolve(expr, ANCHOR, previous)
    assert got is not None and (got.value, got.precision) == expected


@pytest.mark.parametrize(("expr", "expected"), [
    ("the first week of January", ("2021-01", "month")),
    ("the last days of March 2019", ("2019-03", "month")),
    ("over the weekend", ("2021-06", "month")),
    ("last weekend", ("2021-06", "month")),
    ("next weekend", ("2021-06", "month")),
    ("for two weeks", None),
    ("over the past week", None),
    ("the weekend", None),
    ("this weekend", None),
    ("the first week", None),
])
def test_narrowing_and_weekends(resolver, expr, expected) -> None:
    got = resolver.resolve(expr, ANCHOR)
    assert (None if got is None else (got.value, got.precision)) == expected


@pytest.mark.parametrize(("anchor", "expr", "expected"), [
    (DateValue("2021-06-01", "day"), "over the weekend", "2021-05"),  # Tuesday 1 June
    (DateValue("2021-06-06", "day"), "over the weekend", "2021-06"),  # said on Sunday
    (DateValue("2021-06-06", "day"), "last weekend", "2021-05"),
    (DateValue("2021-06-30", "day"), "next weekend", "2021-07"),
])
def test_weekend_month(resolver, anchor, expr, expected) -> None:
    got = resolver.resolve(expr, anchor)
    assert got is not None and got.value == expected


@pytest.mark.parametrize(("expr", "expected"), [
    ("November of last year", ("2020-11", "month")),
    ("in early March of next year", ("2022-03", "month")),
    ("June of this year", ("2021-06", "month")),
])
def test_dates_resolve_month_of_a_relative_year(resolver, expr, expected) -> None:
    got = resolver.resolve(expr, ANCHOR)
    assert got is not None and (got.value, got.precision) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # NER folds the count into the weekday: "on Sunday three persons"
    ("Police arrested on Sunday three persons in the capital.", "2021-06-06"),
    ("Police arrested three persons on Sunday in the capital.", "2021-06-06"),
])
def test_dates_weekday_without_the_count_after_it(nlp, resolver, text, expected) -> None:
    got = resolver.in_span(nlp(text)[:], ANCHOR)
    assert [d.value for d in got] == [expected]
