"""Known occasions (occasions.yaml and users' files of its shape) in the events stage: they
date and place events that name them, and tell an undated article's publication month.

The occasions and actors here are fictional apart from the venue (a real city, so the
gazetteer can place it); the built-in file's content is checked in test_occasions_data.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.events.extractor import EventExtractor
from newsgraph.events.occasions import KnownOccasions
from newsgraph.events.patterns import load_patterns
from newsgraph.records import Actor, Article, Mention

OCCASIONS = """\
provenance: fictional occasions for newsgraph's tests
occasions:
  - name: Vienna summit on Ruritania
    nouns: [summit, conference]
    names: [Vienna]
    about: [RUR]
    start: 2021-03-08
    end: 2021-03-09
    place: Vienna
    country: AUT
  - name: Second Vienna summit on Ruritania
    nouns: [summit, conference]
    names: [Vienna]
    about: [RUR]
    start: 2022-06-14
    place: Vienna
    country: AUT
  - name: Geneva conference on Ruritania
    nouns: [conference, talks, talk]
    names: [Geneva]
    about: [RUR]
    start: 2020-11-23
    end: 2020-11-25
    place: Geneva
    country: CHE
"""

ACTORS = {"Ruritania": ("country:RUR", "country"), "Freedonia": ("country:FRE", "country"),
          "Aldo Brask": ("person:aldo-brask", "person"),
          "Mira Tolvan": ("person:mira-tolvan", "person")}


@pytest.fixture(scope="module")
def extractor(tmp_path_factory) -> EventExtractor:
    from newsgraph.nlp.dates import DateResolver
    from newsgraph.nlp.places import Gazetteer

    path = Path(tmp_path_factory.mktemp("occasions")) / "occasions.yaml"
    path.write_text(OCCASIONS, encoding="utf-8")
    from newsgraph.actors.dictionary import load_dictionary

    return EventExtractor(load_patterns(), Gazetteer(), DateResolver(), load_dictionary(),
                          known_occasions=KnownOccasions.load([path], builtin=False))


def _run(nlp, extractor, text: str, published: str | None):
    article = Article(doc_id="t", text=text, content_hash="t", published=published,
                      published_basis="header" if published else "unknown")
    actors = [Actor(id=i, name=n, kind=k, country="RUR" if i != "country:FRE" else "FRE",
                    in_dictionary=True) for n, (i, k) in ACTORS.items()]
    mentions = [Mention("t", m.start(), m.end(), m.group(), ACTORS[m.group()][0], "dictionary")
                for m in re.finditer("|".join(ACTORS), text)]
    doc = nlp(text)
    inferred = extractor.infer_published(doc, article, actors)
    if inferred is not None:
        article = Article(doc_id="t", text=text, content_hash="t", published=inferred.value,
                          published_basis="inferred")
    return inferred, extractor.extract(doc, article, actors, mentions)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Aldo Brask met Mira Tolvan on the sidelines of a conference in Geneva last month.",
     None, "2020-12"),
    ("Aldo Brask met Mira Tolvan at the Geneva conference last year.", None, "2021"),
    ("Aldo Brask met Mira Tolvan in Geneva earlier this month.", None, None),  # no occasion
    # two Vienna summits: which one "last month" means is unknown, so nothing is inferred
    ("Aldo Brask met Mira Tolvan at the Vienna summit last month.", None, None),
    ("Aldo Brask met Mira Tolvan at the Geneva conference last month.", "2021-05-02", None),
])
def test_events_occasions_infer_publication(nlp, extractor, text, published, expected):
    inferred, _ = _run(nlp, extractor, text, published)
    assert (inferred.value if inferred else None) == expected


@pytest.mark.parametrize(("text", "published", "date", "place"), [
    # the occasion is the event's own argument: its date and venue
    ("Ruritania and Freedonia signed a truce at the Vienna summit.", "2021-05-02",
     "2021-03", "Vienna"),
    # the later round is the one nearest before publication
    ("Ruritania and Freedonia signed a truce at the Vienna summit.", "2022-09-01",
     "2022-06-14", "Vienna"),
    # a definite generic noun refers back to the last named occasion
    ("Aldo Brask attended the Vienna summit. At the event, Ruritania signed a truce with "
     "Freedonia.", "2021-05-02", "2021-03", "Vienna"),
    # an unnamed occasion is named by the place it was held in (a capital by its country)
    ("A summit was held in Vienna. At the event, Ruritania signed a truce with Freedonia.",
     "2021-05-02", "2021-03", "Vienna"),
    ("A summit was held in the capital of Austria. At the event, Ruritania signed a truce "
     "with Freedonia.", "2021-05-02", "2021-03", "Vienna"),
    # ... but not past an occasion without a name told in between
    ("Aldo Brask attended the Vienna summit. A conference was held in Strelsau a week "
     "later. At the event, Ruritania signed a truce with Freedonia.", "2021-05-02", None,
     None),
    # persuading someone to attend is dated by the occasion but did not happen there
    ("Mira Tolvan convinced Aldo Brask to attend the Vienna summit.", "2021-05-02",
     "2021-03", None),
    # a relation word keeps the occasion's date off the event
    ("After the Vienna summit, Ruritania signed a truce with Freedonia.", "2021-05-02",
     None, None),
])
def test_events_occasions_date_and_place(nlp, extractor, text, published, date, place):
    _, events = _run(nlp, extractor, text, published)
    coded = [e for e in events if e.type in {"AGREE", "REQUEST"}]
    assert coded, [(e.type, e.source, e.target) for e in events]
    ev = coded[0]
    assert (ev.date.value if ev.date else None) == date
    assert (ev.location.name if ev.location else None) == place


def test_events_occasions_unknown_country_is_not_matched(nlp, extractor):
    """An occasion about other countries is not the one an article means."""
    text = "Ruritania and Freedonia signed a truce at the Vienna summit."
    article = Article(doc_id="t", text=text, content_hash="t", published="2021-05-02", published_basis="header")
    actors = [Actor(id="country:FRE", name="Freedonia", kind="country", country="FRE",
                    in_dictionary=True)]
    mentions = [Mention("t", m.start(), m.end(), m.group(), "country:FRE", "dictionary")
                for m in re.finditer("Freedonia", text)]
    events = extractor.extract(nlp(text), article, actors, mentions)
    assert all(e.date is None for e in events)


def test_events_occasions_relative_clause_hung_on_the_place(nlp, extractor):
    """"A summit was held in Vienna, in which X and Y took part": the parser may hang the
    relative clause on the place; the participation is still the summit's."""
    text = ("A summit was held in the capital of Austria, in which Aldo Brask and Mira Tolvan "
            "took part.")
    _, events = _run(nlp, extractor, text, "2021-05-02")
    consult = [e for e in events if e.type == "CONSULT"]
    assert consult, [(e.type, e.source, e.target) for e in events]
    assert consult[0].location is not None and consult[0].location.name == "Vienna"
    assert consult[0].date is not None and consult[0].date.value.startswith("2021-03")
