"""The actor dictionary: known actors and the cue words the resolver uses.

Every YAML file under ``newsgraph/data/actors/`` (and any file the user passes)
has the same shape: a ``provenance`` header, ``entries`` (actors) and optional
``cues`` (titles, outlets, byline words ...). Files are merged in order; an entry
whose id already exists extends the earlier one (adds aliases, roles ...), so a
user can add spellings to a built-in actor without copying it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newsgraph.actors.names import fold, is_acronym, same_name, translit_key
from newsgraph.datafiles import data_path, load_data_file
from newsgraph.errors import DataFileError

_ID = re.compile(r"^(person|org|country):[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class RoleSpan(BaseModel):
    """A role and, when known, the years or dates it was held."""

    model_config = ConfigDict(extra="forbid")
    role: str
    since: str | None = None
    until: str | None = None


class EntryModel(BaseModel):
    """One actor as written in a dictionary file."""

    model_config = ConfigDict(extra="forbid")
    id: str
    name: str = ""
    kind: Literal["person", "organization", "country"] | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    roles: list[RoleSpan | str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capital: str | None = None
    capital_is_metonym: bool = True
    metonyms: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)  # places the actor sits in (HQ, capital)
    part_of: str | None = None  # the state this is an organ of (army, ministry): country:EGY
    iso2: str | None = None
    iso3: str | None = None
    un_member: bool | None = None

    @field_validator("seats")
    @classmethod
    def _check_seats(cls, v: list[str]) -> list[str]:
        if any(not s.strip() for s in v):
            raise ValueError("seats must be place names, not empty strings")
        return [s.strip() for s in v]

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("id must look like person:<slug>, org:<slug> or country:<ISO3>")
        return v

    @field_validator("part_of")
    @classmethod
    def _check_part_of(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith("country:"):
            raise ValueError("part_of must name a state's id (country:<ISO3>)")
        return v


class CuesModel(BaseModel):
    """Word lists the resolver reads (all optional; files are merged by union)."""

    model_config = ConfigDict(extra="forbid")
    titles: list[str] = Field(default_factory=list)
    agent_nouns: list[str] = Field(default_factory=list)
    place_nouns: list[str] = Field(default_factory=list)
    locative_preps: list[str] = Field(default_factory=list)
    actor_preps: list[str] = Field(default_factory=list)
    locative_verbs: list[str] = Field(default_factory=list)
    address_verbs: list[str] = Field(default_factory=list)
    address_nouns: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    reporting_verbs: list[str] = Field(default_factory=list)
    affiliation_words: list[str] = Field(default_factory=list)
    byline_nouns: list[str] = Field(default_factory=list)
    boilerplate: list[str] = Field(default_factory=list)
    credit_markers: list[str] = Field(default_factory=list)
    not_actors: list[str] = Field(default_factory=list)
    non_actor_words: list[str] = Field(default_factory=list)
    non_actor_heads: list[str] = Field(default_factory=list)
    weapon_nouns: list[str] = Field(default_factory=list)
    settlement_nouns: list[str] = Field(default_factory=list)
    place_of_nouns: list[str] = Field(default_factory=list)
    person_verbs: list[str] = Field(default_factory=list)


class ActorFileModel(BaseModel):
    """A whole dictionary file."""

    model_config = ConfigDict(extra="forbid")
    provenance: str
    entries: list[EntryModel] = Field(default_factory=list)
    cues: CuesModel | None = None


@dataclass
class DictEntry:
    """A dictionary actor after merging all files."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    roles: list[RoleSpan] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    capital_is_metonym: bool = True
    metonyms: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    part_of: str | None = None
    iso2: str | None = None
    iso3: str | None = None
    un_member: bool | None = None
    source: str = ""

    def names(self) -> list[str]:
        """Canonical name, aliases and acronyms."""
        return [self.name, *self.aliases, *self.acronyms]

    @property
    def iso3_code(self) -> str:
        """ISO alpha-3 of a country entry (from its id when the file gave none)."""
        return self.iso3 or self.id.split(":", 1)[1]

@dataclass
class Cues:
    """Merged cue word lists, lower-cased into sets where the resolver tests membership."""

    titles: list[str] = field(default_factory=list)
    sets: dict[str, set[str]] = field(default_factory=dict)
    raw: dict[str, list[str]] = field(default_factory=dict)  # as written, for case-sensitive use

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.sets.get(kind, set())


def acronym_form(surface: str) -> str:
    """Spaces and dots removed: "U.S." -> "US", "5 + 5" -> "5+5"."""
    return re.sub(r"[\s.]", "", surface)


class ActorDictionary:
    """Known actors with indexes by transliteration key, acronym, demonym and metonym."""

    def __init__(self, entries: Iterable[DictEntry], cues: Cues | None = None) -> None:
        self.entries: list[DictEntry] = list(entries)
        self.cues = cues or Cues()
        self._by_id = {e.id: e for e in self.entries}
        self._by_key: dict[str, list[tuple[str, str]]] = {}
        self._acronyms: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._metonyms: dict[str, str] = {}
        self._seated: dict[str, list[str]] = {}
        self._capitals: dict[str, str] = {}
        self.max_words = 1
        for e in self.entries:
            for alias in e.names():
                if is_acronym(alias):
                    self._acronyms.setdefault(acronym_form(alias), e.id)
                    continue
                key = translit_key(alias).replace(" ", "")
                if key:
                    self._by_key.setdefault(key, []).append((e.id, alias))
                self.max_words = max(self.max_words, len(alias.split()) + 2)
            for d in e.demonyms:
                self._demonyms.setdefault(fold(d), e.id)
            seats = list(e.metonyms)
            if e.capital and e.capital_is_metonym:
                seats.append(e.capital)
            for m in seats:
                self._metonyms.setdefault(fold(m), e.id)
                self.max_words = max(self.max_words, len(m.split()) + 1)
            for place in e.seats:
                self._seated.setdefault(fold(place), []).append(e.id)
            if e.capital:
                self._capitals.setdefault(fold(e.capital), e.id)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> DictEntry | None:
        return self._by_id.get(actor_id)

    def counts_by_kind(self) -> dict[str, int]:
        return dict(Counter(e.kind for e in self.entries))

    def lookup(self, name: str) -> DictEntry | None:
        """The entry one of whose names is a spelling of ``name`` (acronyms exact)."""
        hit = self._acronyms.get(acronym_form(name))
        if hit and is_acronym(name):
            return self._by_id[hit]
        key = translit_key(name).replace(" ", "")
        folded = fold(name)
        best: DictEntry | None = None
        for entry_id, alias in self._by_key.get(key, ()):
            if fold(alias) == folded:
                return self._by_id[entry_id]
            if best is None and same_name(alias, name):
                best = self._by_id[entry_id]
        return best

    def acronym(self, surface: str) -> DictEntry | None:
        hit = self._acronyms.get(acronym_form(surface))
        return self._by_id[hit] if hit else None

    def demonym(self, word: str) -> DictEntry | None:
        hit = self._demonyms.get(fold(word))
        return self._by_id[hit] if hit else None

    def metonym(self, name: str) -> DictEntry | None:
        hit = self._metonyms.get(fold(name))
        return self._by_id[hit] if hit else None

    def seated_at(self, place: str) -> list[DictEntry]:
        """Actors whose seat is ``place`` ("Sanaa" -> the Houthis), in file order; the
        capital of a country counts as the country's seat."""
        ids = list(self._seated.get(fold(place), []))
        cap = self._capitals.get(fold(place))
        if cap and cap not in ids:
            ids.append(cap)
        return [self._by_id[i] for i in ids]


def builtin_files() -> list[Path]:
    """The dictionary files shipped with newsgraph, in a fixed order."""
    return sorted(data_path("actors").glob("*.yaml"))


def _merge(entries: dict[str, DictEntry], model: EntryModel, source: str) -> None:
    roles = [r if isinstance(r, RoleSpan) else RoleSpan(role=r) for r in model.roles]
    old = entries.get(model.id)
    if old is None:
        kind = model.kind or _kind_from_id(model.id)
        entries[model.id] = DictEntry(
            id=model.id, name=model.name or model.id.split(":", 1)[1], kind=kind,
            country=model.country or model.iso3, sector=model.sector,
            aliases=list(dict.fromkeys(model.aliases)), acronyms=list(model.acronyms),
            roles=roles, demonyms=list(model.demonyms), capital=model.capital,
            capital_is_metonym=model.capital_is_metonym, metonyms=list(model.metonyms),
            seats=list(dict.fromkeys(model.seats)), part_of=model.part_of,
            iso2=model.iso2, iso3=model.iso3,
            un_member=model.un_member, source=source,
        )
        return
    # An existing id: the later file adds names and knowledge, it does not replace.
    extra = [model.name] if model.name and model.name != old.name else []
    old.aliases = list(dict.fromkeys([*old.aliases, *extra, *model.aliases]))
    old.acronyms = list(dict.fromkeys([*old.acronyms, *model.acronyms]))
    old.demonyms = list(dict.fromkeys([*old.demonyms, *model.demonyms]))
    old.metonyms = list(dict.fromkeys([*old.metonyms, *model.metonyms]))
    old.seats = list(dict.fromkeys([*old.seats, *model.seats]))
    old.roles.extend(r for r in roles if r not in old.roles)
    old.country = old.country or model.country
    old.sector = old.sector or model.sector
    old.part_of = old.part_of or model.part_of


def _kind_from_id(actor_id: str) -> str:
    prefix = actor_id.split(":", 1)[0]
    return {"person": "person", "org": "organization", "country": "country"}[prefix]


def load_dictionary(extra_files: Sequence[str | Path] = (), use_cache: bool = True) -> ActorDictionary:
    """Load the built-in actor files plus the user's (DataFileError names a bad file).

    Parsing and validating the built-in YAML takes most of a second; its merged result is
    cached on disk (``newsgraph.nlp.places.cache_dir``) under a hash of the files' names
    and bytes and of the code that reads them, and the user's files are merged onto it as
    they would be onto a fresh read. ``use_cache=False`` always reads every file."""
    merged = _builtin_merged(use_cache)
    for path in map(Path, extra_files):
        merged.add_file(path)
    return merged.dictionary()


@dataclass
class _Merged:
    """Actor files merged so far, in order (what load_dictionary builds from)."""

    entries: dict[str, DictEntry] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    sets: dict[str, set[str]] = field(default_factory=dict)
    raw: dict[str, list[str]] = field(default_factory=dict)

    def add_file(self, path: Path) -> None:
        model = load_data_file(path, ActorFileModel)
        for em in model.entries:
            _merge(self.entries, em, str(path))
        if model.cues is not None:
            for name, values in model.cues.model_dump().items():
                if name == "titles":
                    self.titles.extend(v for v in values if v not in self.titles)
                self.sets.setdefault(name, set()).update(v.lower() for v in values)
                known = self.raw.setdefault(name, [])
                known.extend(v for v in values if v not in known)

    def dictionary(self) -> ActorDictionary:
        for e in self.entries.values():
            if e.part_of and e.part_of not in self.entries:
                raise DataFileError(f"{e.source}: {e.id} is part_of {e.part_of}, which no "
                                    "actor file defines")
        return ActorDictionary(self.entries.values(),
                               Cues(titles=self.titles, sets=self.sets, raw=self.raw))


def _builtin_merged(use_cache: bool) -> _Merged:
    """The shipped files merged: from the cache when it has them, else read (and cached)."""
    import pickle

    from newsgraph import datafiles
    from newsgraph.nlp.places import cache_key, read_cache, write_cache

    paths = builtin_files()
    key = cache_key(paths, ("pydantic", "pyyaml"), (__file__, datafiles.__file__)) \
        if use_cache else None
    payload = read_cache("dictionary", key) if key else None
    if payload is not None:
        try:
            merged = pickle.loads(payload)
            if isinstance(merged, _Merged):
                return merged
        except Exception:  # noqa: BLE001 - an unreadable cache is rebuilt
            pass
    merged = _Merged()
    for path in paths:
        merged.add_file(path)
    if key:
        write_cache("dictionary", key, pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
    return merged
