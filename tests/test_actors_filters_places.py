"""Precision of the resolver on invented sentences about other conflicts: dictionary codes
with digits, places NER calls people or organisations, designations, group qualifiers and
agents owned by a place."""

from __future__ import annotations

import pytest
from actorkit import actors_of, names_of

from newsgraph.actors.dictionary import is_acronym
from newsgraph.actors.filters import is_designation, is_month
from newsgraph.nlp.places import Gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(("text", "actor_id"), [
    ("M23 fighters seized the airport on Monday.", "org:m23"),
    ("The M23 said its forces would advance.", "org:m23"),
    ("The G7 called for an immediate ceasefire.", "org:g7"),
    ("Leaders of the G20 met in Rome.", "org:g20"),
])
def test_dictionary_codes_with_digits_match(nlp, resolver, text: str, actor_id: str) -> None:
    assert actor_id in {a.id for a in actors_of(nlp, resolver, text)}


@pytest.mark.parametrize(("text", "code"), [
    ("F-16 jets struck a depot near the front, officials said.", "F-16"),
    ("Bayraktar TB2 drones hit the convoy on Sunday.", "TB2"),
    ("Su-25 aircraft bombed rebel positions, the army said.", "Su-25"),
])
def test_unknown_designations_are_not_actors(nlp, resolver, text: str, code: str) -> None:
    assert not any(code in n for n in names_of(actors_of(nlp, resolver, text)))


@pytest.mark.parametrize(("text", "place"), [
    ("Israeli air strikes on Khan Younis killed 20 people, medics said.", "Khan Younis"),
    ("The Rapid Support Forces shelled El Fasher on Sunday, killing 30 civilians.", "El Fasher"),
    ("Wagner mercenaries fought alongside Malian troops in Kidal.", "Kidal"),
    ("Aid workers said thousands fled from Zamzam camp last week.", "Zamzam"),
    ("M23 fighters backed by Rwanda entered Goma, as thousands fled towards Gisenyi.", "Gisenyi"),
    ("The army said the RSF had withdrawn from Omdurman.", "Omdurman"),
    ("Houthi fighters attacked positions near Marib on Monday.", "Marib"),
])
def test_place_names_are_not_actors(nlp, resolver, text: str, place: str) -> None:
    assert place not in names_of(actors_of(nlp, resolver, text))


@pytest.mark.parametrize(("text", "actor_id"), [
    ("Cairo has supplied the army with drones.", "country:EGY"),  # a capital acting as its state
    ("Kinshasa accused Kigali of invading Congo.", "country:RWA"),
])
def test_capitals_acting_stay_actors(nlp, resolver, text: str, actor_id: str) -> None:
    assert actor_id in {a.id for a in actors_of(nlp, resolver, text)}


@pytest.mark.parametrize(("text", "name"), [
    ("King Hassan received the envoy and praised the accord.", "Hassan"),  # Hassan, India
    ("President Bush threatened further action against the rebels.", "Bush"),  # Bush, Egypt
    ("The Bush administration declared that the sanctions would stay.", "Bush"),
])
def test_people_named_like_towns_stay(nlp, resolver, text: str, name: str) -> None:
    assert name in names_of(actors_of(nlp, resolver, text))


def test_group_qualifier_of_a_known_movement_is_that_movement(nlp, resolver) -> None:
    actors = actors_of(nlp, resolver, "Houthi fighters attacked a government post on Monday.")
    assert "org:houthis" in {a.id for a in actors}


def test_agent_owned_by_a_place_is_not_the_main_country(nlp, resolver) -> None:
    text = ("Israel said it struck militants. Israel rejected the claim. "
            "Gaza's health ministry said 40 people were killed in Deir al-Balah.")
    actors = actors_of(nlp, resolver, text)
    israel = next(a for a in actors if a.id == "country:ISR")
    assert not any("ministry" in n.lower() for n in [israel.name, *israel.aliases])
    assert any(a.name == "Gaza health ministry" for a in actors)


@pytest.mark.parametrize(("alias", "expected"), [
    ("M23", True), ("G7", True), ("P5", True), ("F-16", True), ("UN", True),
    ("G5 Sahel", False), ("Brigade 444", False), ("Haftar", False), ("M", False),
])
def test_codes_with_digits_are_acronyms(alias: str, expected: bool) -> None:
    assert is_acronym(alias) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("F-16", True), ("Bayraktar TB2", True), ("S-400", True), ("Su-25", True),
    ("Brigade 444", False), ("Khalifa Haftar", False), ("2019", False),
])
def test_is_designation(name: str, expected: bool) -> None:
    assert is_designation(name) is expected


@pytest.mark.parametrize(("name", "expected"), [("March", True), ("august", True), ("Marsh", False)])
def test_is_month(name: str, expected: bool) -> None:
    assert is_month(name) is expected


@pytest.mark.parametrize(("name", "big_main"), [
    ("Goma", True), ("Khan Younis", True),  # a spelling of the main name "Khan Yunis"
    ("Hamas", False),  # only an alternate name of Hamm: no population-based drop
    ("Marib", False),  # a small town: locative use only
])
def test_exact_population(gazetteer: Gazetteer, name: str, big_main: bool) -> None:
    hit = gazetteer.exact_population(name)
    assert hit is not None
    assert (hit[1] and hit[0] >= 100_000) is big_main


@pytest.mark.parametrize("name", ["Haftar", "EC", "Zamzam", "Hamm-like"])
def test_exact_population_unknown(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.exact_population(name) is None
