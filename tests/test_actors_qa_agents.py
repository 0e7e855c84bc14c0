"""Definite descriptions and unnamed state agents (QA on hand-written articles): "the
army" is a state's regular army, "the group" a named non-state group, "its troops" the
possessor state's, "regime forces" the theatre state's; datelines and "ethnic" demonyms
name no state."""

from __future__ import annotations

import pytest
import spacy
from actorkit import resolve

from newsgraph.actors.resolver import ActorResolver

pytestmark = pytest.mark.slow


def actor_of(nlp: spacy.Language, resolver: ActorResolver, text: str, surface: str) -> str | None:
    _, mentions = resolve(nlp, resolver, text)
    return next((m.actor_id for m in mentions if m.text == surface), None)


@pytest.mark.parametrize(("text", "surface", "actor_id"), [
    ("The Rapid Support Forces shelled Omdurman on Tuesday. The army said it repelled them.",
     "army", "org:saf"),
    ("Sudanese army jets bombed RSF positions near Bahri. The army said it hit RSF depots.",
     "army", "org:saf"),
    ("The M23 seized a town. The Rwanda Defence Force denied involvement. "
     "The army said it had no troops there.", "army", "org:rdf"),
    ("The Houthis rejected the offer. The government accused the group of escalation.",
     "group", "org:houthis"),
    ("Hezbollah fired rockets at the north. The movement said it targeted a base.",
     "movement", "org:hezbollah"),
    ("The Turkish army shelled positions in Syria. The regime forces answered with rockets "
     "in Syria.", "regime forces", "org:syrian-arab-army"),
    ("Mali's junta expelled the French ambassador.", "junta", "org:fama"),
])
def test_definite_and_owned_forces(nlp, resolver, text: str, surface: str, actor_id: str) -> None:
    assert actor_of(nlp, resolver, text, surface) == actor_id


def test_its_troops_belong_to_the_possessor_state(nlp, resolver) -> None:
    text = "Armenia's Defence Ministry said that its troops had repelled an attack."
    assert actor_of(nlp, resolver, text, "troops") == "agent:ARM-MIL"


def test_forces_affiliated_with_a_person(nlp, resolver) -> None:
    text = "The government said armed groups affiliated with Fathi Bashagha attacked the city."
    assert actor_of(nlp, resolver, text, "groups") == "person:fathi-bashagha"


@pytest.mark.parametrize(("text", "not_id"), [
    ("NAIROBI - Soldiers opened fire on protesters in Juba on Sunday.", "country:KEN"),
    ("Ethnic Serb authorities in the north rejected the plan.", "country:SRB"),
    ("Karabakh Armenians fled to the border on Monday.", "country:ARM"),
])
def test_no_state_where_none_acts(nlp, resolver, text: str, not_id: str) -> None:
    actors, _ = resolve(nlp, resolver, text)
    assert not_id not in {a.id for a in actors}
    assert "agent:KEN-MIL" not in {a.id for a in actors}


@pytest.mark.parametrize(("text", "body"), [
    ("China's Foreign Ministry said the talks would go on.", "Foreign Ministry"),
    ("Fighting near Kharkiv went on. The Ministry of Defense said it had downed drones.",
     "Ministry of Defense"),
    ("Forces loyal to the Blue Hand Council seized the depot, the defence ministry said.",
     "defence ministry"),
])
def test_a_ministry_named_by_its_portfolio_is_no_nameless_actor(nlp, resolver, text: str,
                                                               body: str) -> None:
    """A ministry named only by its portfolio is its state's body (the possessor, else the
    state the story is about), never an actor of its own named "Ministry of Defense"."""
    actors, _ = resolve(nlp, resolver, text)
    assert body not in {a.name for a in actors}
