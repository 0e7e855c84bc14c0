"""Cross-article event merge: pure functions from evidence rows to merged events.

Rules (deterministic and order-independent: they depend only on the set of rows):

* Merge group = event type + dyad. The dyad is ``source ids > target ids`` (each
  sorted); for symmetric types (AGREE, CONSULT, COOPERATE by default) it is the
  sorted set of all source and target ids, so "A met B", "B met A" and
  "A and B met" fall together. Mediators are not part of the key.
* Inside a group, dates decide: evidence dated to a day forms one event per day.
  Month-dated evidence joins the day event of that month if there is exactly
  one, else forms its own month event; year-dated evidence likewise joins the
  single dated event of that year, else forms a year event. A vague date never
  glues two distinct precise dates together.
* Undated evidence never merges across independent articles: it joins the
  dated event its own article group (an article and its near-duplicates)
  reports for the same dyad if there is exactly one, else it forms one undated
  event per article group.
* Event id = hash(merge group, cluster key), so the same inputs give the same ids.

Merged attributes: status = most common evidence status (ties by the order of
``STATUSES``); ``disputed`` when some evidence says negated and other says
occurred or planned; reported_by = None when any source states it in its own
voice, else the most common claimant; date = the cluster date; location and
mode/cameo = most common non-null; confidence = noisy-OR over independent
article groups (max within a group), capped at 0.99; mention_count = evidence
rows; source_count = distinct article groups (near-duplicates count once).
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.records import STATUSES


def ids_text(ids: Iterable[str]) -> str:
    """Canonical text for a set of actor ids (sorted, unique, comma-joined)."""
    return ",".join(sorted(set(ids)))


def merge_group(event_type: str, source: Sequence[str], target: Sequence[str],
                symmetric: frozenset[str]) -> str:
    """The key that decides which evidence may describe the same event."""
    t = event_type.upper()
    if t in symmetric:
        return f"{t}|{ids_text([*source, *target])}"
    return f"{t}|{ids_text(source)}>{ids_text(target)}"


def short_hash(*parts: object, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def date_bounds(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """First and last ISO day covered by a date at its precision."""
    if not value:
        return None, None
    if precision == "year" or len(value) == 4:
        return f"{value[:4]}-01-01", f"{value[:4]}-12-31"
    if precision == "month" or len(value) == 7:
        y, m = int(value[:4]), int(value[5:7])
        return f"{value[:7]}-01", f"{value[:7]}-{calendar.monthrange(y, m)[1]:02d}"
    return value[:10], value[:10]


@dataclass
class EvidenceRow:
    """The fields of one evidence row the merge needs."""

    evidence_id: str
    article_id: str
    group_root: str  # article id that stands for the article's near-duplicate group
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    mediator: tuple[str, ...]
    status: str
    reported_by: str | None
    date: str | None
    date_precision: str | None
    mode: str | None = None
    cameo: str | None = None
    location: tuple[Any, ...] | None = None  # (name, country, lat, lon, precision)
    confidence: float = 0.5


@dataclass
class MergedEvent:
    id: str
    merge_group: str
    type: str
    mode: str | None
    cameo: str | None
    status: str
    reported_by: str | None
    date: str | None
    date_precision: str | None
    location: tuple[Any, ...] | None
    confidence: float
    mention_count: int
    source_count: int
    disputed: bool
    source: tuple[str, ...]
    target: tuple[str, ...]
    mediator: tuple[str, ...]
    evidence_ids: list[str] = field(default_factory=list)


def _precision(row: EvidenceRow) -> str | None:
    if not row.date:
        return None
    if row.date_precision in ("day", "month", "year"):
        return row.date_precision
    return {4: "year", 7: "month"}.get(len(row.date), "day")


def cluster(rows: Sequence[EvidenceRow]) -> dict[str, str]:
    """Map evidence_id -> cluster key for the rows of ONE merge group."""
    out: dict[str, str] = {}
    by_prec: dict[str | None, list[EvidenceRow]] = defaultdict(list)
    for r in rows:
        by_prec[_precision(r)].append(r)
    days = {r.date[:10] for r in by_prec["day"]}
    for r in by_prec["day"]:
        out[r.evidence_id] = f"d:{r.date[:10]}"
    months_own: set[str] = set()
    for r in by_prec["month"]:
        m = r.date[:7]
        inside = sorted(d for d in days if d.startswith(m))
        out[r.evidence_id] = f"d:{inside[0]}" if len(inside) == 1 else f"m:{m}"
        if len(inside) != 1:
            months_own.add(m)
    for r in by_prec["year"]:
        y = r.date[:4]
        inside = sorted({f"d:{d}" for d in days if d.startswith(y)}
                        | {f"m:{m}" for m in months_own if m.startswith(y)})
        out[r.evidence_id] = inside[0] if len(inside) == 1 else f"y:{y}"
    dated_by_group: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.evidence_id in out:
            dated_by_group[r.group_root].add(out[r.evidence_id])
    for r in by_prec[None]:
        keys = dated_by_group.get(r.group_root, set())
        out[r.evidence_id] = next(iter(keys)) if len(keys) == 1 else f"u:{r.group_root}"
    return out


def _most_common(values: Iterable[Any], order: Sequence[Any] | None = None) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    tied = [v for v, c in counts.items() if c == best]
    if order:
        return min(tied, key=lambda v: order.index(v) if v in order else len(order))
    return min(tied, key=repr)


def merge_group_rows(group: str, rows: Sequence[EvidenceRow]) -> list[MergedEvent]:
    """Merged events for all evidence rows of one merge group."""
    keys = cluster(rows)
    members: dict[str, list[EvidenceRow]] = defaultdict(list)
    for r in rows:
        members[keys[r.evidence_id]].append(r)
    events: list[MergedEvent] = []
    for key in sorted(members):
        ev = sorted(members[key], key=lambda r: r.evidence_id)
        statuses = [r.status for r in ev]
        says_yes = any(s in ("occurred", "planned") for s in statuses)
        disputed = "negated" in statuses and says_yes
        claimants = [r.reported_by for r in ev]
        reported_by = None if None in claimants else _most_common(claimants)
        per_group: dict[str, float] = {}
        for r in ev:
            per_group[r.group_root] = max(per_group.get(r.group_root, 0.0), r.confidence)
        miss = 1.0
        for c in per_group.values():
            miss *= 1.0 - max(0.0, min(1.0, c))
        orientation = _most_common([(r.source, r.target) for r in ev])
        if key.startswith(("d:", "m:", "y:")):
            date = key[2:]
            precision = {"d": "day", "m": "month", "y": "year"}[key[0]]
        else:
            date = precision = None
        events.append(MergedEvent(
            id="ev" + short_hash(group, key),
            merge_group=group,
            type=ev[0].type,
            mode=_most_common(r.mode for r in ev),
            cameo=_most_common(r.cameo for r in ev),
            status=_most_common(statuses, STATUSES),
            reported_by=reported_by,
            date=date,
            date_precision=precision,
            location=_most_common(r.location for r in ev if r.location and r.location[0]),
            confidence=round(min(0.99, 1.0 - miss), 4),
            mention_count=len(ev),
            source_count=len(per_group),
            disputed=disputed,
            source=orientation[0],
            target=orientation[1],
            mediator=tuple(sorted({m for r in ev for m in r.mediator})),
            evidence_ids=[r.evidence_id for r in ev],
        ))
    return events
