"""Occasions the world already dated: conferences, summits, rounds of talks, signed accords.

Why: articles name a well-known occasion without its date ("the Berlin conference",
"a summit in Sochi last month") and coders date such events from what everyone knows.
These facts live in ``newsgraph/data/occasions.yaml`` (users add files of the same shape).
An article's mention matches an entry when its occasion noun is one of the entry's nouns,
all words of one of the entry's names modify it, and the article names one of the
countries the occasion was about; of several matching entries the one nearest before the
publication date wins, and without a publication date only a single match counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsgraph.datafiles import data_path, load_data_file
from newsgraph.records import DateValue

# An occasion named in an article published this long after it is still "the" occasion.
LOOKBACK_DAYS = 3 * 366
# ... and one this far ahead of publication may be announced as upcoming.
LOOKAHEAD_DAYS = 190


class OccasionEntry(BaseModel):
    """One dated occasion."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)  # canonical, e.g. "Berlin Conference on Libya"
    nouns: list[str] = Field(min_length=1)  # lower-case lemmas: conference, summit, talks
    names: list[str] = Field(min_length=1)  # proper names that modify the noun: "Berlin"
    about: list[str] = Field(min_length=1)  # ISO 3166 alpha-3 codes of the countries concerned
    start: date
    end: date | None = None
    place: str | None = None  # where it was held (a gazetteer name)
    country: str | None = None  # ISO alpha-3 of the place

    @field_validator("nouns")
    @classmethod
    def _lower_nouns(cls, v: list[str]) -> list[str]:
        return [n.strip().lower() for n in v if n.strip()]

    @field_validator("about")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        out = [c.strip().upper() for c in v]
        bad = [c for c in out if len(c) != 3 or not c.isalpha()]
        if bad:
            raise ValueError(f"not ISO alpha-3 codes: {bad}")
        return out

    @model_validator(mode="after")
    def _order(self) -> OccasionEntry:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.name}: end {self.end} before start {self.start}")
        return self

    def date_value(self) -> DateValue:
        """The day when it lasted one day, else the month it started in."""
        if self.end is None or self.end == self.start:
            return DateValue(self.start.isoformat(), "day")
        return DateValue(self.start.isoformat()[:7], "month")


class OccasionFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    provenance: str
    occasions: list[OccasionEntry] = Field(default_factory=list)


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in name.lower().replace("-", " ").split() if w)


class KnownOccasions:
    """Index of dated occasions by (noun, name word); read-only after loading."""

    def __init__(self, entries: Iterable[OccasionEntry]) -> None:
        self.entries = list(entries)
        self._by_noun: dict[str, list[tuple[OccasionEntry, list[frozenset[str]]]]] = {}
        for e in self.entries:
            names = [_words(n) for n in e.names]
            for noun in e.nouns:
                self._by_noun.setdefault(noun, []).append((e, names))

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = (),
             builtin: bool = True) -> KnownOccasions:
        files = ([data_path("occasions.yaml")] if builtin else []) + [Path(f) for f in
                                                                       extra_files]
        entries: list[OccasionEntry] = []
        for f in files:
            entries.extend(load_data_file(f, OccasionFile).occasions)
        return cls(entries)

    @property
    def nouns(self) -> frozenset[str]:
        return frozenset(self._by_noun)

    def candidates(self, noun: str, names: frozenset[str],
                   countries: frozenset[str]) -> list[OccasionEntry]:
        """Entries this mention may name: noun, a whole name among its modifiers, and a
        country of the article among those the occasion was about."""
        out = []
        for entry, entry_names in self._by_noun.get(noun, ()):
            if any(n and n <= names for n in entry_names) \
                    and any(c in countries for c in entry.about):
                out.append(entry)
        return out

    def match(self, noun: str, names: frozenset[str], countries: frozenset[str],
              published: date | None) -> OccasionEntry | None:
        """The one occasion meant, or None when none or several fit."""
        found = self.candidates(noun, names, countries)
        if published is None:
            return found[0] if len(found) == 1 else None
        lo, hi = published - timedelta(days=LOOKBACK_DAYS), published + timedelta(
            days=LOOKAHEAD_DAYS)
        near = [e for e in found if lo <= e.start <= hi]
        past = [e for e in near if e.start <= published]
        if past:
            return max(past, key=lambda e: e.start)
        return min(near, key=lambda e: e.start) if near else None
