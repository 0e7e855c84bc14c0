"""In-article merge of repeated reports of one event.

Why: articles retell the same event in several sentences ("X was received by Y
on April 14" ... "Y and X discussed ..."). Coding each retelling as its own
event inflates counts and leaves the undated retellings without the date the
first one gave. Within one article, events with the same type, dyad (unordered
for symmetric types) and status are one event when at most one date is among
them; two different dates mean two events, and then nothing is merged except
retellings that carry the same date. Retellings that are all undated stay apart
(nothing ties them to one occasion), and standing relations (SUPPORT, AID: "X backs
Y", "X has armed Y") are restated claims, each coded where it is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsgraph.records import Event, Place

SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
STANDING_TYPES = frozenset({"SUPPORT", "AID"})
PRECISION_RANK = {"site": 0, "city": 1, "region": 2, "country": 3}


def _key(ev: Event, symmetric: frozenset[str]) -> tuple:
    src, tgt = tuple(sorted(ev.source)), tuple(sorted(ev.target))
    dyad: tuple = tuple(sorted((src, tgt))) if ev.type in symmetric else (src, tgt)
    return (ev.doc_id, ev.type, dyad, ev.status)


def _best_place(places: Iterable[Place | None]) -> Place | None:
    """The most specific place (site < city < region < country), first one on ties."""
    found = [p for p in places if p is not None]
    if not found:
        return None
    return min(found, key=lambda p: PRECISION_RANK.get(p.precision, 4))


def _combine(group: list[Event]) -> Event:
    """One event from retellings in text order: first evidence, the shared date, the most
    specific place, the article's own voice if any retelling is in it."""
    first = group[0]
    dated = next((e.date for e in group if e.date is not None), None)
    voices = [e.reported_by for e in group]
    reported = None if any(v is None for v in voices) else voices[0]
    mediators = list(dict.fromkeys(m for e in group for m in e.mediator))
    return replace(first, date=dated, location=_best_place(e.location for e in group),
                   reported_by=reported, mediator=mediators,
                   confidence=max(e.confidence for e in group))


def merge_repeats(events: list[Event], symmetric: frozenset[str] = SYMMETRIC_TYPES,
                  keep_apart: frozenset[str] = STANDING_TYPES) -> list[Event]:
    """Merge retellings of the same event within one article; order and ids of the first
    retelling are kept. Pure: the input list and its events are not changed."""
    groups: dict[tuple, list[int]] = {}
    for i, ev in enumerate(events):
        if ev.type in keep_apart:
            continue
        groups.setdefault(_key(ev, symmetric), []).append(i)
    drop: set[int] = set()
    replaced: dict[int, Event] = {}
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        dates = {events[i].date.value for i in idxs if events[i].date is not None}
        if not dates:
            continue
        if len(dates) == 1:
            parts = [idxs]
        else:  # several dates: only same-date retellings are one event
            by_date: dict[str, list[int]] = {}
            for i in idxs:
                if events[i].date is not None:
                    by_date.setdefault(events[i].date.value, []).append(i)
            parts = [p for p in by_date.values() if len(p) > 1]
        for part in parts:
            replaced[part[0]] = _combine([events[i] for i in part])
            drop.update(part[1:])
    return [replaced.get(i, ev) for i, ev in enumerate(events) if i not in drop]
