"""A place-like name acts when an agentive apposition describes it ("the Emirates, the main
backer of X"), and stays a place when the apposition is a place description."""

from __future__ import annotations

import hashlib
import pathlib

import pytest
import spacy

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.resolver import ActorResolver
from newsgraph.records import Article

pytestmark = pytest.mark.slow
FICTIONAL = pathlib.Path(__file__).parent / "golden" / "events" / "fictional_actors.yaml"



@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_dictionary([FICTIONAL]))


def _ids(nlp: spacy.Language, resolver: ActorResolver, text: str) -> set[str]:
    art = Article(doc_id="t", text=text, content_hash=hashlib.sha1(text.encode()).hexdigest())
    return {m.actor_id for m in resolver.resolve(nlp(text), art)[1]}


@pytest.mark.parametrize(("text", "state", "acts"), [
    ("Rebels were armed by Freedonia, especially by the Sylvania region, the main allies of "
     "the Eastern Brigade.", "country:SYL", True),
    ("Weapons were flown in from the Sylvania region, the main backers of the Eastern Brigade.",
     "country:SYL", True),
    ("Weapons were flown in from the Sylvania region, the Eastern Brigade's main allies.",
     "country:SYL", True),
    ("Weapons were flown in from the Sylvania region, a mountainous area.", "country:SYL", False),
    ("In Sylvania, the leaders of the Eastern Brigade met.", "country:SYL", False),
    ("Fighting continued in Strelsau, the capital of Ruritania.", "country:RUR", False),
])
def test_agentive_apposition_makes_state_act(nlp: spacy.Language, resolver: ActorResolver,
                                             text: str, state: str, acts: bool) -> None:
    assert (state in _ids(nlp, resolver, text)) is acts
