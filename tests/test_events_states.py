"""A country left as a place by the actor stage fills a slot the trigger gives it.

The actor stage keeps a country only where it visibly acts; these tests hand the
extractor mentions WITHOUT the country, as that stage does for "visited X", and
check that the slot is filled from the dictionary (events/states.py) only where
the grammar makes the state a party, never through locative prepositions or on
demonyms that name people ("Ruritanian refugees").
"""

from __future__ import annotations

import pathlib
import re

import pytest

from newsgraph.records import Article, Mention

GOLDEN = pathlib.Path(__file__).parent / "golden" / "events"


@pytest.fixture(scope="module")
def system(nlp):
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.events.extractor import EventExtractor
    from newsgraph.events.patterns import load_patterns
    from newsgraph.nlp.dates import DateResolver
    from newsgraph.nlp.places import Gazetteer

    dictionary = load_dictionary([GOLDEN / "fictional_actors.yaml"])
    return nlp, dictionary, EventExtractor(load_patterns(), Gazetteer(), DateResolver(), dictionary)


def _run(system, text: str, names: list[str]):
    """Events and added actors when only ``names`` are actor mentions."""
    nlp, dictionary, extractor = system
    from newsgraph.records import Actor

    actors, mentions = [], []
    for name in names:
        entry = next(e for e in dictionary.entries if e.name == name)
        actors.append(Actor(id=entry.id, name=entry.name, kind=entry.kind, in_dictionary=True))
        for m in re.finditer(re.escape(name), text):
            mentions.append(Mention("d", m.start(), m.end(), name, entry.id, "dictionary"))
    article = Article(doc_id="d", text=text, content_hash="h")
    events, added = extractor.extract_with_actors(nlp(text), article, actors, mentions)
    label = {e.id: e.name for e in dictionary.entries}
    return [(e.type, sorted(label[s] for s in e.source), sorted(label[t] for t in e.target))
            for e in events], [a.name for a in added]


@pytest.mark.parametrize(("text", "names", "expected", "added"), [
    ("Aldo Brask visited Freedonia on Monday.", ["Aldo Brask"],
     ("CONSULT", ["Aldo Brask"], ["Freedonia"]), ["Freedonia"]),
    ("Freedonia rejected a Ruritanian request.", ["Freedonia"],
     ("REJECT", ["Freedonia"], ["Ruritania"]), ["Ruritania"]),
    ("Ruritanian troops attacked the Eastern Brigade.", ["Eastern Brigade"],
     ("ASSAULT", ["Ruritania"], ["Eastern Brigade"]), ["Ruritania"]),
])
def test_state_fills_slot(system, text, names, expected, added) -> None:
    events, new = _run(system, text, names)
    assert expected in events
    assert new == added


@pytest.mark.parametrize(("text", "names"), [
    ("Ruritanian refugees attacked the Eastern Brigade.", ["Eastern Brigade"]),  # people
    ("Aldo Brask met the Eastern Brigade in Freedonia.", ["Aldo Brask", "Eastern Brigade"]),
])
def test_state_not_from_people_or_venue(system, text, names) -> None:
    events, new = _run(system, text, names)
    assert all("Freedonia" not in e[1] + e[2] and "Ruritania" not in e[1] + e[2]
               for e in events), events
    assert new == []
