"""A capital that receives an appeal, letter or request is its state ("appealed for support
to Ankara"); a capital one travels to stays a place ("flew to Ankara"). Invented sentences."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.resolver import ActorResolver
from newsgraph.records import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_dictionary())


def ids_at(nlp: spacy.Language, resolver: ActorResolver, text: str, surface: str) -> list[str]:
    article = Article(doc_id="t", text=text, content_hash="h", published="2020-01-15")
    _, mentions = resolver.resolve(nlp(text), article)
    return [m.actor_id for m in mentions if m.text == surface]


@pytest.mark.parametrize(
    ("text", "surface", "state"),
    [
        ("The rebel council appealed for support to Ankara, officials said.", "Ankara",
         "country:TUR"),
        ("The ministry addressed a request for help to Moscow.", "Moscow", "country:RUS"),
        ("The council made a plea to Cairo for fuel.", "Cairo", "country:EGY"),
        ("The militia leaders reached out to Ankara for drones.", "Ankara", "country:TUR"),
        ("The mayor sent an urgent request for assistance to Ankara.", "Ankara", "country:TUR"),
    ],
)
def test_capital_as_recipient_is_the_state(nlp, resolver, text: str, surface: str,
                                           state: str) -> None:
    assert ids_at(nlp, resolver, text, surface) == [state]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The minister flew to Ankara on Tuesday.", "Ankara"),
        ("Her visit to Moscow lasted two days.", "Moscow"),
        ("The delegation returned to Cairo on Friday.", "Cairo"),
    ],
)
def test_capital_as_destination_stays_a_place(nlp, resolver, text: str, surface: str) -> None:
    assert ids_at(nlp, resolver, text, surface) == []
