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

VISIT_MODES = frozenset({"visit"})
OFFENSIVE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
VISIT_REACH = 600  # characters after a trip within which its meeting is told

SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Modes that name an act of their own, never a retelling of another event of the type: an
# invitation to meet is not the meeting ("met Y in May ... invited Y to visit").
APART_MODES = frozenset({"invitation"})
STANDING_TYPES = frozenset({"SUPPORT", "AID"})
# Statements: one pair may trade several accusations or demands in one article; the same one
# told again comes with the same word ("accused"/"accusation"), compared by its first letters.
SPEECH_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT"})
PRECISION_RANK = {"site": 0, "city": 1, "region": 2, "country": 3}


def _key(ev: Event, symmetric: frozenset[str]) -> tuple:
    src, tgt = tuple(sorted(ev.source)), tuple(sorted(ev.target))
    dyad: tuple = tuple(sorted((src, tgt))) if ev.type in symmetric else (src, tgt)
    apart = ev.mode if ev.mode in APART_MODES else None
    if ev.type in SPEECH_TYPES:  # "blamed X for the bombing ... accused X of violating it":
        apart = (apart, (ev.evidence.trigger or "").lower()[:4])  # a retelling repeats its word
    return (ev.doc_id, ev.type, dyad, ev.status, apart)


def _best_place(places: Iterable[Place | None]) -> Place | None:
    """The most specific place (site < city < region < country), first one on ties."""
    found = [p for p in places if p is not None]
    if not found:
        return None
    return min(found, key=lambda p: PRECISION_RANK.get(p.precision, 4))


def _places_apart(places: Iterable[Place | None]) -> bool:
    """Whether retellings name places that cannot be one: other countries, or two towns
    (a town and its country or region may be one place told at two precisions)."""
    found = [p for p in places if p is not None]
    countries = {p.country for p in found if p.country}
    towns = {p.name for p in found if p.precision in {"city", "site"}}
    return len(countries) > 1 or len(towns) > 1


def _nested(dates: set[str]) -> bool:
    """Whether the dates are one point told at several precisions ("2020-02", "2020-02-01")."""
    finest = max(dates, key=len)
    return all(finest.startswith(d) for d in dates)


def _combine(group: list[Event]) -> Event:
    """One event from retellings in text order: first evidence, the shared date (the most
    precise one), the most specific place, the article's own voice if any retelling is in
    it."""
    first = group[0]
    told = [e.date for e in group if e.date is not None]
    dated = max(told, key=lambda d: len(d.value)) if told else None
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
    events = fold_trips(drop_subsumed(events))
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
        if len(dates) == 1 or _nested(dates):  # "on 1 February" and "in February": one date
            parts = [idxs]
        else:  # several dates: only same-date retellings are one event
            by_date: dict[str, list[int]] = {}
            for i in idxs:
                if events[i].date is not None:
                    by_date.setdefault(events[i].date.value, []).append(i)
            parts = [p for p in by_date.values() if len(p) > 1]
        for part in parts:
            if _places_apart([events[i].location for i in part]):
                continue  # "struck sites in Iran ... struck targets in Lebanon": two acts
            replaced[part[0]] = _combine([events[i] for i in part])
            drop.update(part[1:])
    return [replaced.get(i, ev) for i, ev in enumerate(events) if i not in drop]


def _family(etype: str) -> str:
    return "OFFENSIVE" if etype in OFFENSIVE_TYPES else etype


def _unnamed(ids: list[str]) -> bool:
    return bool(ids) and all(i.startswith("agent:") for i in ids)


def _subsumes(full: Event, bare: Event) -> bool:
    """``full`` tells the act ``bare`` tells without a target, or with only unnamed victims
    in the same sentence (see drop_subsumed)."""
    if not full.target or full.doc_id != bare.doc_id or full.status != bare.status \
            or not set(full.source) & set(bare.source):
        return False
    if bare.target:  # "struck positions of Y, killing five fighters": one act on Y
        return _unnamed(bare.target) and not _unnamed(full.target) \
            and full.evidence.start == bare.evidence.start \
            and _family(full.type) == _family(bare.type)
    if full.evidence.start == bare.evidence.start:
        return full.type == bare.type
    if bare.status == "occurred" or _family(full.type) != _family(bare.type):
        return False
    return not (full.date and bare.date and full.date.value != bare.date.value)


def drop_subsumed(events: list[Event]) -> list[Event]:
    """An event with no target (or only unnamed victims, in the same sentence: "struck
    positions of Y, killing five fighters") is dropped when another event tells the same act
    with a named one.

    Same sentence, same type and status, shared source: "X advanced on the area and clashed
    with Y" is one assault on Y, not another on nobody. Across the article only for acts not
    (yet) done: a plan is retold ("is preparing an offensive on C" ... "the decision to launch
    an assault" ... "the planned assault") and the retellings without a target add nothing
    (preparing and launching an offensive are one family, MOBILIZE/ASSAULT)."""
    drop: set[int] = set()
    for i, ev in enumerate(events):
        if ev.target and not _unnamed(ev.target):
            continue
        if any(j != i and _subsumes(other, ev) for j, other in enumerate(events)):
            drop.add(i)
    return [e for i, e in enumerate(events) if i not in drop]


def _country_of(ev: Event) -> str | None:
    return ev.location.country if ev.location is not None else None


def fold_trips(events: list[Event]) -> list[Event]:
    """A trip and the meeting it was made for are one consultation: "X flew to <country> on
    Sunday. There X met Y" codes X-Y, not also X-<country>. A visit whose target is a state
    is folded into the next meeting of the same traveller (or one coded from the trip's own
    sentence) told within a short stretch of text
    in the same country (or in no named place), when their dates do not disagree; the meeting
    keeps its own parties and takes the trip's date and place when it has none."""
    out = list(events)
    drop: set[int] = set()
    for i, trip in enumerate(events):
        if trip.type != "CONSULT" or (trip.mode or "") not in VISIT_MODES \
                or trip.status != "occurred" or len(trip.target) != 1 \
                or not trip.target[0].startswith("country:"):
            continue
        # the meeting follows, or was coded first from the same sentence ("arrived in C,
        # where he met Y")
        same = [j for j in range(i) if events[j].evidence.start == trip.evidence.start]
        for j in [*same, *range(i + 1, len(events))]:
            meet = out[j]
            if meet.evidence.start - trip.evidence.end > VISIT_REACH:
                break
            if meet.type != "CONSULT" or meet.status != "occurred" or j in drop \
                    or not set(meet.source) & set(trip.source) or not meet.target \
                    or any(t.startswith("country:") for t in meet.target):
                continue
            if trip.date and meet.date and trip.date.value != meet.date.value:
                continue
            where, there = _country_of(trip), _country_of(meet)
            if there and where != there:
                continue  # "visited C. He had met Y in Vienna": another occasion
            if trip.location is not None and trip.location.precision != "country" \
                    and meet.location is not None and meet.location.name != trip.location.name:
                continue  # a trip to one city, a meeting in another
            place = meet.location or trip.location
            out[j] = replace(meet, date=meet.date or trip.date, location=place,
                             confidence=max(meet.confidence, trip.confidence))
            drop.add(i)
            break
    return [e for i, e in enumerate(out) if i not in drop]
