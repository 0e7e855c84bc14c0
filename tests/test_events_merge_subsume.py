"""merge.py: a targetless retelling is dropped when another event tells the act with a target
(same sentence; or, for plans, anywhere in the article), and a trip folds into its meeting."""

from __future__ import annotations

from newsgraph.events.merge import drop_subsumed, fold_trips, merge_repeats
from newsgraph.records import DateValue, Event, Evidence, Place


def ev(eid: str, etype: str, src: list[str], tgt: list[str], start: int, status: str = "occurred",
       mode: str | None = None, date: str | None = None, place: Place | None = None) -> Event:
    return Event(id=eid, doc_id="d", type=etype, source=src, target=tgt, mode=mode,
                 evidence=Evidence("d", "s", start, start + 50), status=status,  # type: ignore[arg-type]
                 date=DateValue(date, "day") if date else None, location=place)


def test_same_sentence_targetless_dropped() -> None:
    out = drop_subsumed([ev("a", "ASSAULT", ["x"], [], 0), ev("b", "ASSAULT", ["x"], ["y"], 0)])
    assert [e.id for e in out] == ["b"]


def test_other_sentence_occurred_kept() -> None:
    events = [ev("a", "ASSAULT", ["x"], [], 0), ev("b", "ASSAULT", ["x"], ["y"], 100)]
    assert len(drop_subsumed(events)) == 2


def test_planned_offensive_retold_dropped_across_article() -> None:
    events = [ev("a", "MOBILIZE", ["x"], ["y"], 0, "planned"),
              ev("b", "ASSAULT", ["x"], [], 300, "planned")]
    assert [e.id for e in drop_subsumed(events)] == ["a"]


def test_plans_with_other_dates_kept() -> None:
    events = [ev("a", "ASSAULT", ["x"], ["y"], 0, "planned", date="2021-03-01"),
              ev("b", "ASSAULT", ["x"], [], 300, "planned", date="2021-05-01")]
    assert len(drop_subsumed(events)) == 2


def test_trip_folds_into_meeting_and_gives_its_date() -> None:
    country = Place("Freedonia", "FR", precision="country")
    events = [ev("t", "CONSULT", ["p"], ["country:FRE"], 0, mode="visit", date="2021-03-07",
                 place=country),
              ev("m", "CONSULT", ["p"], ["q"], 60, mode="meeting",
                 place=Place("Paris", "FR"))]
    out = fold_trips(events)
    assert [e.id for e in out] == ["m"] and out[0].date and out[0].date.value == "2021-03-07"


def test_trip_kept_when_meeting_elsewhere() -> None:
    events = [ev("t", "CONSULT", ["p"], ["country:FRE"], 0, mode="visit",
                 place=Place("Freedonia", "FR", precision="country")),
              ev("m", "CONSULT", ["p"], ["q"], 60, mode="meeting", place=Place("Vienna", "AT"))]
    assert len(merge_repeats(events)) == 2
