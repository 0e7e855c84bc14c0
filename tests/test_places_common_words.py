"""Month, weekday and season names are never places, even where GeoNames has a village so named."""

from __future__ import annotations

import pytest

from newsgraph.nlp.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize("word", ["August", "September", "Sunday", "Summer", "May", "March"])
def test_places_calendar_words_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) is None
    assert not gazetteer.is_place(word)


@pytest.mark.parametrize("name,country", [("Augsburg", "DE"), ("Tripoli", "LY")])
def test_places_real_cities_still_resolve(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None and place.country == country
