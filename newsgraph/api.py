"""The Python query API: ``newsgraph.open(path)`` returns a :class:`KnowledgeBase`.

Every method returns a pandas DataFrame (or a small dataclass/dict); the SQL
behind them lives in ``newsgraph/store/queries.py`` so the CLI, the web explorer
and the exports all read the database the same way.

Name matching: ``actor=`` and friends accept an actor id, its canonical name or
any alias, compared after transliteration folding (case, diacritics, "al-"/"el-",
"the", punctuation). When nothing matches exactly, a consonant skeleton is tried
(Haftar/Hifter, Sarraj/Serraj) if it points at a single actor.

Dates: ``since``/``until`` take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. An event
is included when the span its date covers at its own precision overlaps the
asked range: an event dated "2019-04" is within since="2019-04-10". Undated
events are left out whenever since or until is given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.actors.names import fold, translit_key
from newsgraph.errors import QueryError
from newsgraph.records import PLOVER_TYPES, STATUSES
from newsgraph.store import queries
from newsgraph.store.merge import date_bounds
from newsgraph.store.plover import QUADS, load_plover
from newsgraph.store.sqlite import SQLiteStore

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FREQS = {"D": 10, "M": 7, "Y": 4, "A": 4}


def _skeleton(name: str) -> str:
    """Spelling-independent key (the actor stage's transliteration key), spaces removed."""
    return translit_key(name).replace(" ", "")


@dataclass
class ActorProfile:
    """Everything known about one actor."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    in_dictionary: bool
    mentions: int
    events: int
    articles: int
    aliases: pd.DataFrame  # alias, count
    roles: pd.DataFrame  # role, articles
    counterparts: pd.DataFrame  # counterpart_id, counterpart, events, cooperative, conflictual
    timeline: pd.DataFrame  # events() rows for this actor

    def header(self) -> dict:
        """The actor's own fields (without the tables)."""
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "sector": self.sector, "in_dictionary": self.in_dictionary,
            "mentions": self.mentions, "events": self.events, "articles": self.articles,
        }

    def tables(self) -> list[tuple[str, pd.DataFrame]]:
        """(title, table) pairs for display: the actor, aliases, roles, counterparts, timeline."""
        cols = [c for c in ("date", "type", "source", "target", "status", "reported_by", "location")
                if c in self.timeline.columns]
        return [
            (self.name, pd.DataFrame([self.header()])),
            ("aliases seen", self.aliases),
            ("roles", self.roles),
            ("counterparts", self.counterparts),
            ("timeline", self.timeline[cols]),
        ]

    def to_dict(self) -> dict:
        """JSON-ready form: the actor plus each table as a list of records."""
        def records(df: pd.DataFrame) -> list[dict]:
            return json.loads(df.to_json(orient="records", force_ascii=False))

        return {
            "actor": self.header(),
            "aliases": records(self.aliases),
            "roles": records(self.roles),
            "counterparts": records(self.counterparts),
            "timeline": records(self.timeline),
        }


class KnowledgeBase:
    """A newsgraph database opened read-only for queries."""

    def __init__(self, path: str | Path, *, plover_files: Iterable[str | Path] = ()) -> None:
        self.path = Path(path)
        self.store = SQLiteStore(self.path, readonly=True, plover_files=plover_files)
        self.conn = self.store.conn
        self.plover = load_plover(plover_files)
        self._fold = fold
        self._names_cache: tuple[int, dict[str, list[tuple[str, str, int]]],
                                 dict[str, set[str]]] | None = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeBase({str(self.path)!r})"

    # ---------------------------------------------------------------- name matching
    def _names(self) -> tuple[dict[str, list[tuple[str, str, int]]], dict[str, set[str]]]:
        version = queries.data_version(self.conn)
        if self._names_cache is None or self._names_cache[0] != version:
            by_fold: dict[str, list[tuple[str, str, int]]] = {}
            by_skel: dict[str, set[str]] = {}
            for actor_id, text, how, count in queries.actor_names(self.conn):
                key = text if how == "id" else self._fold(text)
                by_fold.setdefault(key, []).append((actor_id, how, count))
                if how != "id" and len(_skeleton(key)) >= 3:
                    by_skel.setdefault(_skeleton(key), set()).add(actor_id)
            self._names_cache = (version, by_fold, by_skel)
        return self._names_cache[1], self._names_cache[2]

    def match_actors(self, name: str) -> list[str]:
        """Actor ids a user's name stands for, best first; [] when none."""
        if not isinstance(name, str) or not name.strip():
            raise QueryError("an actor name must be a non-empty string")
        by_fold, by_skel = self._names()
        exact = [a for a, how, _ in by_fold.get(name.strip(), []) if how == "id"]
        if exact:
            return exact[:1]
        hits = by_fold.get(self._fold(name), [])
        for how in ("name", "alias"):
            ids = sorted({a for a, h, _ in hits if h == how},
                         key=lambda a: (-sum(c for x, h, c in hits if x == a), a))
            if ids:
                return ids
        skel = by_skel.get(_skeleton(self._fold(name)), set())
        return sorted(skel) if len(skel) == 1 else []

    def _require_actors(self, name: str) -> list[str]:
        ids = self.match_actors(name)
        if not ids:
            raise QueryError(f"no actor matches {name!r}")
        return ids

    # ---------------------------------------------------------------- validation
    @staticmethod
    def _date(value: Any, which: str) -> tuple[str, str]:
        if hasattr(value, "isoformat"):
            value = value.isoformat()[:10]
        if not isinstance(value, str) or not _DATE.match(value.strip()):
            raise QueryError(f"{which}={value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        value = value.strip()
        try:
            pd.Timestamp(value if len(value) > 4 else f"{value}-01-01")
        except ValueError as exc:
            raise QueryError(f"{which}={value!r} is not a valid date") from exc
        lo, hi = date_bounds(value, None)
        assert lo and hi
        return lo, hi

    @staticmethod
    def _choices(value: str | Iterable[str] | None, allowed: Iterable[str], what: str,
                 upper: bool) -> list[str] | None:
        if value is None:
            return None
        items = [value] if isinstance(value, str) else list(value)
        allowed = list(allowed)
        out = []
        for v in items:
            norm = str(v).strip().upper() if upper else str(v).strip().lower()
            if norm not in allowed:
                shown = str(v) if len(str(v)) <= 40 else str(v)[:40] + "…"
                raise QueryError(f"unknown {what} {shown!r}; expected one of: {', '.join(allowed)}")
            out.append(norm)
        return out

    @staticmethod
    def _limit(limit: int | None) -> int | None:
        if limit is None:
            return None
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise QueryError(f"limit={limit!r} must be a non-negative integer")
        return limit

    # ---------------------------------------------------------------- queries
    def events(self, actor: str | None = None, type: str | Iterable[str] | None = None,  # noqa: A002
               status: str | Iterable[str] | None = None, since: str | None = None,
               until: str | None = None, reported_by: str | None = None,
               limit: int | None = None) -> pd.DataFrame:
        """Merged events, one row each, oldest first (undated last)."""
        types = sorted(set(PLOVER_TYPES) | set(self.plover.types))
        f = queries.EventFilter(
            actor_ids=self._require_actors(actor) if actor is not None else None,
            types=self._choices(type, types, "event type", upper=True),
            statuses=self._choices(status, STATUSES, "status", upper=False),
            since=self._date(since, "since")[0] if since is not None else None,
            until=self._date(until, "until")[1] if until is not None else None,
            reported_by_ids=(self._require_actors(reported_by)
                             if reported_by is not None else None),
            limit=self._limit(limit),
        )
        if f.since and f.until and f.since > f.until:
            raise QueryError(f"since={since!r} is after until={until!r}")
        return queries.events(self.conn, f)

    def actors(self, kind: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Actors, most mentioned first, with top aliases and mention/event/article counts."""
        kinds = ("person", "organization", "country")
        k = self._choices(kind, kinds, "actor kind", upper=False)
        return queries.actors(self.conn, k[0] if k else None, self._limit(limit))

    def actor(self, name: str) -> ActorProfile:
        """Profile of the actor best matching ``name`` (QueryError when none)."""
        actor_id = self._require_actors(name)[0]
        row = queries.actors(self.conn, None, None, ids=[actor_id]).iloc[0]
        return ActorProfile(
            id=actor_id, name=row["name"], kind=row["kind"], country=row["country"],
            sector=row["sector"], in_dictionary=bool(row["in_dictionary"]),
            mentions=int(row["mentions"]), events=int(row["events"]),
            articles=int(row["articles"]),
            aliases=queries.aliases(self.conn, actor_id),
            roles=queries.roles(self.conn, actor_id),
            counterparts=self._counterparts(actor_id),
            timeline=queries.events(self.conn, queries.EventFilter(actor_ids=[actor_id])),
        )

    def _pairs(self, actor_ids: list[str]) -> pd.DataFrame:
        """One row per (event, counterpart) with the event's quad class and claim flag."""
        df = queries.event_roles(self.conn, actor_ids)
        df = df.drop_duplicates(["event_id", "counterpart_id"]).copy()
        df["quad"] = [self.plover.quad(t) for t in df["type"]]
        df["claim"] = df["reported_by"].notna()
        return df

    def _counterparts(self, actor_id: str) -> pd.DataFrame:
        df = self._pairs([actor_id])
        cols = ["counterpart_id", "counterpart", "events", "cooperative", "conflictual"]
        if df.empty:
            return pd.DataFrame(columns=cols)
        df["cooperative"] = df["quad"].fillna("").str.endswith("cooperation")
        df["conflictual"] = df["quad"].fillna("").str.endswith("conflict")
        out = (df.groupby(["counterpart_id", "counterpart"], as_index=False)
               .agg(events=("event_id", "nunique"), cooperative=("cooperative", "sum"),
                    conflictual=("conflictual", "sum")))
        return out.sort_values(["events", "counterpart_id"], ascending=[False, True],
                               ignore_index=True)[cols]

    def relations(self, name: str, freq: str = "M") -> pd.DataFrame:
        """Per counterpart and period: event counts by PLOVER quad class, claims vs facts.

        ``freq`` is "D", "M" or "Y". An event dated coarser than ``freq`` is counted
        in its own coarser period ("2019" under monthly); undated ones under "undated".
        """
        width = _FREQS.get(str(freq).upper())
        if width is None:
            raise QueryError(f"freq={freq!r}: use 'D' (day), 'M' (month) or 'Y' (year)")
        ids = self._require_actors(name)[:1]
        df = self._pairs(ids)
        cols = ["counterpart_id", "counterpart", "period", "events", "cooperative",
                "conflictual", *QUADS, "claims", "facts"]
        if df.empty:
            return pd.DataFrame(columns=cols)
        df["period"] = [d[:width] if isinstance(d, str) else "undated" for d in df["date"]]
        for q in QUADS:
            df[q] = df["quad"] == q
        df["cooperative"] = df["verbal_cooperation"] | df["material_cooperation"]
        df["conflictual"] = df["verbal_conflict"] | df["material_conflict"]
        df["facts"] = ~df["claim"]
        out = (df.groupby(["counterpart_id", "counterpart", "period"], as_index=False)
               .agg(events=("event_id", "nunique"), cooperative=("cooperative", "sum"),
                    conflictual=("conflictual", "sum"),
                    **{q: (q, "sum") for q in QUADS},
                    claims=("claim", "sum"), facts=("facts", "sum")))
        return out.sort_values(["counterpart_id", "period"], ignore_index=True)[cols]

    def evidence(self, event_id: str) -> pd.DataFrame:
        """The sentences an event was read from, with their articles and offsets."""
        if not queries.event_exists(self.conn, event_id):
            raise QueryError(f"no event with id {event_id!r}")
        return queries.evidence(self.conn, event_id)

    def articles(self) -> pd.DataFrame:
        return queries.articles(self.conn)

    def problems(self) -> pd.DataFrame:
        return queries.problems(self.conn)

    def summary(self) -> dict[str, Any]:
        return queries.summary(self.conn)

    def search(self, q: str, limit: int = 50) -> pd.DataFrame:
        """Full-text search over actor names/aliases and evidence sentences."""
        words = re.findall(r"\w+", q or "")
        if not words:
            raise QueryError("search needs at least one word")
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return queries.search(self.conn, match, self._limit(limit) or 50)
