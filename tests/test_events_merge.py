"""In-article merge of repeated reports (newsgraph.events.merge.merge_repeats)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.events.merge import merge_repeats
from newsgraph.records import DateValue, Event, Evidence, Place


def ev(n: int, type_: str = "CONSULT", src=("person:a",), tgt=("person:b",), date=None,
       status="occurred", reported_by=None, place=None) -> Event:
    return Event(id=f"e{n}", doc_id="d", type=type_, source=list(src), target=list(tgt),
                 evidence=Evidence("d", f"sentence {n}", n * 10, n * 10 + 9),
                 status=status, reported_by=reported_by,
                 date=DateValue(date, "day") if date else None, location=place)


CITY = Place("Vienna", "AT", precision="city")
COUNTRY = Place("Austria", "AT", precision="country")


def test_undated_retelling_joins_dated_report() -> None:
    events = [ev(1, reported_by="person:c", place=COUNTRY),
              ev(2, src=("person:b",), tgt=("person:a",), date="2021-03-09", place=CITY)]
    out = merge_repeats(events)
    assert len(out) == 1
    got = out[0]
    assert got.id == "e1" and got.evidence.sentence == "sentence 1"
    assert got.date and got.date.value == "2021-03-09"
    assert got.location == CITY  # the most specific place
    assert got.reported_by is None  # one retelling is in the article's own voice
    assert events[0].date is None  # pure: inputs untouched


@pytest.mark.parametrize("events, n", [
    ([ev(1, date="2021-03-08"), ev(2, date="2021-03-05"), ev(3)], 3),  # two dates: apart
    ([ev(1), ev(2)], 2),  # nothing dated: nothing ties them to one occasion
    ([ev(1, date="2021-03-08"), ev(2, status="planned")], 2),  # status differs
    ([ev(1, "ASSAULT", date="2021-03-08"), ev(2, "ASSAULT", src=("person:b",),
                                              tgt=("person:a",))], 2),  # one-sided: order
    ([ev(1, "AID", date="2021-03-08"), ev(2, "AID")], 2),  # standing relation: each claim
    ([ev(1, date="2021-03-08"), ev(2, date="2021-03-08"), ev(3, date="2021-03-05")], 2),
    # same day, same side, no target, other countries or other towns: two strikes
    ([ev(1, "ASSAULT", tgt=(), date="2021-03-08", place=Place("Iran", "IR", precision="country")),
      ev(2, "ASSAULT", tgt=(), date="2021-03-08", place=Place("Tyre", "LB"))], 2),
    ([ev(1, "ASSAULT", tgt=(), date="2021-03-08", place=Place("Tyre", "LB")),
      ev(2, "ASSAULT", tgt=(), date="2021-03-08", place=Place("Sidon", "LB"))], 2),
])
def test_what_stays_apart(events: list[Event], n: int) -> None:
    assert len(merge_repeats(events)) == n


@pytest.mark.parametrize(("first", "second", "n"), [
    ("blamed", "accused", 2),  # two accusations between one pair
    ("accused", "accusation", 1),  # one accusation told again
])
def test_merge_statements_told_with_another_word_stay_apart(first: str, second: str,
                                                             n: int) -> None:
    a = ev(1, "ACCUSE")
    b = ev(2, "ACCUSE", date="2021-03-08")
    a = replace(a, evidence=Evidence("d", "s1", 10, 19, trigger=first))
    b = replace(b, evidence=Evidence("d", "s2", 20, 29, trigger=second))
    assert len(merge_repeats([a, b])) == n


def test_merge_one_place_told_at_two_precisions_is_one_event() -> None:
    assert len(merge_repeats([ev(1, date="2021-03-08", place=CITY),
                              ev(2, date="2021-03-08", place=COUNTRY)])) == 1


def test_reported_kept_when_all_retellings_are_attributed() -> None:
    out = merge_repeats([ev(1, reported_by="person:c"),
                         ev(2, date="2021-03-08", reported_by="person:d")])
    assert len(out) == 1 and out[0].reported_by == "person:c"
