"""Different people who share a surname are never merged in the dictionary step.

A one-word name of a dictionary person ("Haftar", "Assad") written after another given
name is another person; after a title, a nationality, an organisation, a date or a
spelling of the person's own given name it is still the dictionary person.
"""

from __future__ import annotations

import pytest
import spacy

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.names import is_given_name_of
from newsgraph.actors.resolver import ActorResolver
from newsgraph.records import Article, Mention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_dictionary())


def _mentions(nlp: spacy.Language, resolver: ActorResolver, text: str) -> list[Mention]:
    _, mentions = resolver.resolve(nlp(text), Article(doc_id="t", text=text, content_hash="h"))
    return mentions


def _mention_of(mentions: list[Mention], text: str, word: str) -> Mention | None:
    """The mention covering the first occurrence of ``word``."""
    at = text.index(word)
    return next((m for m in mentions if m.start <= at < m.end), None)


@pytest.mark.parametrize(("text", "surname", "other_id"), [
    ("LNA commander Khalid Haftar said the offensive would continue.", "Haftar",
     "person:khalifa-haftar"),
    ("Khalid Haftar said on Monday that the army would advance.", "Haftar",
     "person:khalifa-haftar"),
    ("Local councillor Omar Haftar denied the report.", "Haftar", "person:khalifa-haftar"),
    ("Syrian President Hafez Assad died in 2000.", "Assad", "person:bashar-al-assad"),
    ("Former Syrian President Hafez al-Assad ruled for three decades.", "Assad",
     "person:bashar-al-assad"),
    ("President of Syria Hafez Assad met the king.", "Assad", "person:bashar-al-assad"),
    ("The designer Ivanka Trump opened a shop in Dubai.", "Trump", "person:donald-trump"),
    ("Her brother Sami Erdogan runs a shop in Izmir.", "Erdogan",
     "person:recep-tayyip-erdogan"),
    ("The businessman Walid Dbeibah denied the report.", "Dbeibah",
     "person:abdul-hamid-dbeibah"),
    # a whole dictionary name inside a longer name NER reads as one person
    ("Syrian Defense Minister Ali Mahmoud Abbas met his Turkish counterpart.", "Abbas",
     "person:mahmoud-abbas"),
])
def test_other_given_name_is_another_person(nlp: spacy.Language, resolver: ActorResolver,
                                            text: str, surname: str, other_id: str) -> None:
    assert resolver.dictionary.get(other_id) is not None  # the namesake is in the dictionary
    mentions = _mentions(nlp, resolver, text)
    assert all(m.actor_id != other_id for m in mentions)
    m = _mention_of(mentions, text, surname)
    assert m is not None and m.actor_id.startswith("person:")  # NER made it its own person
    assert m.start < text.index(surname)  # under the full name, given name included


@pytest.mark.parametrize(("text", "word", "actor_id"), [
    ("Field-Marshal Khalifa Haftar ordered an advance.", "Haftar", "person:khalifa-haftar"),
    ("Marshal Haftar ordered an advance.", "Haftar", "person:khalifa-haftar"),
    ("LNA commander Haftar ordered an advance.", "Haftar", "person:khalifa-haftar"),
    ("Mr Haftar left Moscow.", "Haftar", "person:khalifa-haftar"),
    ("General Hifter left Moscow.", "Hifter", "person:khalifa-haftar"),
    ("Yesterday Haftar said the talks had failed.", "Haftar", "person:khalifa-haftar"),
    ("Palestinian President Mahmoud Abbas met the king.", "Abbas", "person:mahmoud-abbas"),
    ("The envoy met the leader of the Libyan Jamahiriya Muammar Gaddafi in 2009.", "Gaddafi",
     "person:muammar-gaddafi"),
    # a title-case headline: capitals tell no given name from a descriptor
    ("Libya Warlord Haftar Rejects Ceasefire Deal\n\nThe talks failed.", "Haftar",
     "person:khalifa-haftar"),
    ("On Monday Haftar ordered an advance.", "Haftar", "person:khalifa-haftar"),
    ("In Benghazi Haftar met the envoy.", "Haftar", "person:khalifa-haftar"),
    ("Libyan Haftar said the talks had failed.", "Haftar", "person:khalifa-haftar"),
    ("LNA Haftar rejected the offer.", "Haftar", "person:khalifa-haftar"),
    ("Libya's Haftar rejected the deal.", "Haftar", "person:khalifa-haftar"),
    ("K. Haftar said the talks had failed.", "Haftar", "person:khalifa-haftar"),
    ("Khalifa Hifter rejected the deal.", "Hifter", "person:khalifa-haftar"),
    ("Khalifa Belqasim Haftar rejected the deal.", "Haftar", "person:khalifa-haftar"),
    ("Khalid Haftar, a businessman, met Khalifa Haftar. Haftar said the meeting went well.",
     "Haftar said", "person:khalifa-haftar"),
    ("Turkish President Erdogan met Putin.", "Erdogan", "person:recep-tayyip-erdogan"),
    ("Recep Erdogan met Putin in Sochi.", "Erdogan", "person:recep-tayyip-erdogan"),
    ("Fayez Serraj met the envoy.", "Serraj", "person:fayez-al-sarraj"),
    ("Faiez al-Sarraj met the envoy.", "Sarraj", "person:fayez-al-sarraj"),
    ("Faiez Sarraj met the envoy.", "Sarraj", "person:fayez-al-sarraj"),
    ("Chairman of the Presidential Council Sarraj met the envoy.", "Sarraj",
     "person:fayez-al-sarraj"),
    ("Secretary of State Rubio met the envoy.", "Rubio", "person:marco-rubio"),
    ("Israeli Prime Minister Benjamim Netanyahu praised the deal.", "Netanyahu",
     "person:benjamin-netanyahu"),
])
def test_same_person_still_matches(nlp: spacy.Language, resolver: ActorResolver, text: str,
                                   word: str, actor_id: str) -> None:
    m = _mention_of(_mentions(nlp, resolver, text), text, word)
    assert m is not None and m.actor_id == actor_id


@pytest.mark.parametrize(("word", "names", "expected"), [
    ("Khalifa", ["Khalifa Haftar"], True),
    ("Faiez", ["Fayez al-Sarraj"], True),
    ("Muhammad", ["Mohamed bin Zayed"], True),
    ("K.", ["Khalifa Haftar"], True),
    ("Benjamim", ["Benjamin Netanyahu"], True),
    ("Khalid", ["Khalifa Haftar", "Khalifa Belqasim Haftar"], False),
    ("Hafez", ["Bashar al-Assad", "Bashar Assad"], False),
    ("Saif", ["Muammar Gaddafi"], False),
    ("", ["Khalifa Haftar"], False),
])
def test_is_given_name_of(word: str, names: list[str], expected: bool) -> None:
    assert is_given_name_of(word, names) is expected
