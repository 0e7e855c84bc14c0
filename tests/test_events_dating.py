"""Article-level dating rules (events/dating.py) on fictional articles.

Each case is checked through the extractor, so the rules are seen with their real inputs:
a framing date goes on into the next paragraph only when that paragraph continues the
story of the dated sentence; a named occasion dated once dates the events that name it
again; an act a judgement is about gets no date; and a past date of the publication year
is narrowed by the publication date only when the text leaves one month.
"""

from __future__ import annotations

import pathlib
import re

import pytest

from newsgraph.events.dating import OccasionIndex, bound_by_publication, judged_act
from newsgraph.records import Actor, Article, DateValue, Mention

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


def _dates(system, text: str, published: str | None) -> dict[tuple[str, str], str | None]:
    """(type, first source name) -> date, every dictionary name in the text a mention."""
    nlp, dictionary, extractor = system
    actors, mentions = [], []
    for entry in dictionary.entries:
        names = [entry.name, *getattr(entry, "aliases", []), *getattr(entry, "demonyms", [])]
        found = [m for n in names for m in re.finditer(rf"\b{re.escape(n)}\b", text)]
        if not found:
            continue
        actors.append(Actor(id=entry.id, name=entry.name, kind=entry.kind, in_dictionary=True))
        mentions += [Mention("d", m.start(), m.end(), m[0], entry.id, "dictionary") for m in found]
    article = Article(doc_id="d", text=text, content_hash="h", published=published,
                      published_basis="header" if published else "unknown")
    events = extractor.extract(nlp(text), article, actors, mentions)
    label = {e.id: e.name for e in dictionary.entries}
    return {(e.type, label.get(e.source[0], e.source[0])): e.date.value if e.date else None
            for e in events}


@pytest.mark.parametrize(("text", "key", "expected"), [
    # the next paragraph names the actor of the dated sentence: the story goes on
    ("In March 2021, Ruritania sent envoys to Freedonia, officials said.\n\n"
     "Ruritania later attacked the Eastern Brigade near the border.",
     ("ASSAULT", "Ruritania"), "2021-03"),
    # a new paragraph about someone else: no date
    ("In March 2021, Ruritania sent envoys to Freedonia, officials said.\n\n"
     "Sylvania attacked the Eastern Brigade near the border.",
     ("ASSAULT", "Sylvania"), None),
    # a period does not frame the next paragraph
    ("Since 2014, Ruritania has backed Freedonia, officials said.\n\n"
     "Ruritania attacked the Eastern Brigade near the border.",
     ("ASSAULT", "Ruritania"), None),
    # never further than one paragraph
    ("In March 2021, Ruritania sent envoys to Freedonia, officials said.\n\n"
     "Sylvania criticised the move, officials said.\n\n"
     "Ruritania attacked the Eastern Brigade near the border.",
     ("ASSAULT", "Ruritania"), None),
])
def test_story_continues_into_next_paragraph(system, text, key, expected) -> None:
    assert _dates(system, text, "2021-06-10")[key] == expected


@pytest.mark.parametrize(("text", "key", "expected"), [
    # the occasion dated once dates a later event that names it
    ("Aldo Brask met Mira Tolvan at a summit in Vienna last month, officials said.\n\n"
     "Oskar Vell met Dara Quint on the sidelines of the Vienna summit.",
     ("CONSULT", "Oskar Vell"), "2021-05"),
    # related to the occasion by "after": not at it
    ("Aldo Brask met Mira Tolvan at a summit in Vienna last month, officials said.\n\n"
     "Sylvania attacked the Eastern Brigade after the Vienna summit.",
     ("ASSAULT", "Sylvania"), None),
    # a different occasion of the same kind
    ("Aldo Brask met Mira Tolvan at a summit in Vienna last month, officials said.\n\n"
     "Oskar Vell met Dara Quint on the sidelines of the Geneva summit.",
     ("CONSULT", "Oskar Vell"), None),
    # the topic of a criticism is no time of it
    ("Aldo Brask met Mira Tolvan at a summit in Vienna last month, officials said.\n\n"
     "Sylvania criticised Ruritania over the Vienna summit.",
     ("ACCUSE", "Sylvania"), None),
])
def test_named_occasion_dates_later_mentions(system, text, key, expected) -> None:
    assert _dates(system, text, "2021-06-10")[key] == expected


@pytest.mark.parametrize(("text", "key", "expected"), [
    ("On Monday, Ruritania accused Freedonia of attacking the Eastern Brigade.",
     ("ASSAULT", "Freedonia"), None),
    ("On Monday, Ruritania accused Freedonia of attacking the Eastern Brigade.",
     ("ACCUSE", "Ruritania"), "2021-06-07"),
    ("On Monday, Freedonia attacked the Eastern Brigade.", ("ASSAULT", "Freedonia"),
     "2021-06-07"),
])
def test_judged_act_takes_no_date(system, text, key, expected) -> None:
    assert _dates(system, text, "2021-06-10")[key] == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("In early 2021, Ruritania attacked the Eastern Brigade.", "2021-02-01", "2021-01"),
    ("In early 2021, Ruritania attacked the Eastern Brigade.", "2021-01", "2021-01"),
    ("In early 2021, Ruritania attacked the Eastern Brigade.", "2021-03-20", "2021"),
    ("In early 2021, Ruritania will attack the Eastern Brigade.", "2021-01-05", "2021"),
])
def test_publication_bounds_a_past_year(system, text, published, expected) -> None:
    found = _dates(system, text, published)
    assert found[("ASSAULT", "Ruritania")] == expected


@pytest.mark.parametrize(("value", "anchor", "expected"), [
    (DateValue("2020", "year"), DateValue("2020-02-01", "day"), ("2020-01", "month")),
    (DateValue("2020", "year"), DateValue("2020-02-03", "day"), ("2020-01", "month")),
    (DateValue("2020", "year"), DateValue("2020-02-10", "day"), ("2020", "year")),
    (DateValue("2020", "year"), DateValue("2020-01-20", "day"), ("2020-01", "month")),
    (DateValue("2019", "year"), DateValue("2020-01-20", "day"), ("2019", "year")),
    (DateValue("2020", "year"), DateValue("2020", "year"), ("2020", "year")),
    (DateValue("2020-01", "month"), DateValue("2020-01-20", "day"), ("2020-01", "month")),
])
def test_bound_by_publication(value, anchor, expected) -> None:
    got = bound_by_publication(value, anchor)
    assert (got.value, got.precision) == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Ruritania accused Freedonia of supplying the rebels.", "supplying", True),
    ("Ruritania blamed Freedonia for the shelling of the port.", "shelling", True),
    ("The report accused Sylvania of breaking the embargo by sending arms.", "sending", True),
    ("The rebels left the capital without signing the agreement.", "signing", False),
    ("The envoy arrived in Vienna for talks with the minister.", "talks", False),
])
def test_judged_act(nlp, text, trigger, expected) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert judged_act(tok, frozenset({"accuse", "blame"})) is expected


@pytest.mark.parametrize(("text", "noun", "names"), [
    ("They met at the Vienna summit.", "summit", {"vienna"}),
    ("They met at a summit in Vienna.", "summit", {"vienna"}),
    ("They met at the summit.", "summit", None),
    ("They discussed Brask's Vienna visit.", "visit", {"vienna", "brask"}),
])
def test_occasion_keys(nlp, text, noun, names) -> None:
    index = OccasionIndex({"summit", "visit"}, {"after"})
    tok = next(t for t in nlp(text) if t.text == noun)
    key = index.key(tok)
    assert (key[1] if key else None) == (frozenset(names) if names else None)


@pytest.mark.parametrize(("text", "key", "expected"), [
    # an untagged adverb dates from the previous date, even in a sentence with no DATE entity
    # and across a paragraph break that stops the ordinary carry (another actor)
    ("Ruritania sent envoys to Freedonia on 3 March 2021.\n\n"
     "Shortly afterwards, Sylvania attacked the Eastern Brigade.",
     ("ASSAULT", "Sylvania"), "2021-03"),
    ("Ruritania sent envoys to Freedonia on 3 March 2021.\n\n"
     "Sylvania attacked the Eastern Brigade.",
     ("ASSAULT", "Sylvania"), None),
])
def test_adverbial_offset_dates_a_sentence_without_date_entity(system, text, key,
                                                               expected) -> None:
    assert _dates(system, text, "2021-06-10")[key] == expected
