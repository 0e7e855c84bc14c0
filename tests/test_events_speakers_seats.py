"""Round-2 rules that need a mention list or a gazetteer the golden harness cannot give.

- An unnamed speaker with a demonym ("an <demonym> official said") is reported_by the state
  when the actor stage left the demonym unmapped (the golden harness maps every demonym).
- A place that is the seat of the actor its phrase hangs on ("the Eastern Brigade in Kalvar")
  is no venue; a transfer sent to a seat happens elsewhere (no location), an assault on a seat
  happens there.
"""

from __future__ import annotations

import pathlib

import pytest

from newsgraph.records import Actor, Article, Mention, Place

GOLDEN = pathlib.Path(__file__).parent / "golden" / "events"
FICTION = {"country:RUR": "Ruritania", "country:FRE": "Freedonia", "country:SYL": "Sylvania",
           "org:eastern-brigade": "Eastern Brigade", "org:council-of-unity": "Council of Unity"}


class KnownPlaces:
    """A gazetteer that knows the fictional places (the real one does not)."""

    def lookup(self, name: str, prefer_country: str | None = None) -> Place | None:
        if name in {"Kalvar", "Marsburg", "Strelsau"}:
            return Place(name=name, precision="city")
        return None


@pytest.fixture(scope="module")
def extractor():
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.events.extractor import EventExtractor
    from newsgraph.events.patterns import load_patterns
    from newsgraph.nlp.dates import DateResolver

    return EventExtractor(load_patterns(), KnownPlaces(), DateResolver(),
                          load_dictionary([GOLDEN / "fictional_actors.yaml"]))


def _run(nlp, extractor, text: str, names: list[str]):
    """Mentions only for the exact ``names`` (a demonym stays unmapped, as the actor stage
    leaves "Egyptian" in "an Egyptian official")."""
    ids = {v: k for k, v in FICTION.items()}
    actors = [Actor(id=ids[n], name=n, kind="country" if ids[n].startswith("country:")
                    else "organization", in_dictionary=True) for n in names]
    mentions = []
    for n in names:
        start = 0
        while (i := text.find(n, start)) >= 0:
            mentions.append(Mention("t", i, i + len(n), n, ids[n], "dictionary"))
            start = i + len(n)
    article = Article(doc_id="t", text=text, content_hash="h", published="2021-03-10",
                      published_basis="record")
    return extractor.extract(nlp(text), article, actors, mentions)


@pytest.mark.parametrize("text, speaker", [
    ("A Sylvanian official said that the Eastern Brigade attacked the Council of Unity.",
     "country:SYL"),
    ("Sylvanian sources said that the Eastern Brigade attacked the Council of Unity.", None),
])
def test_demonym_official_reports_for_the_state(nlp, extractor, text, speaker) -> None:
    events = _run(nlp, extractor, text, ["Eastern Brigade", "Council of Unity"])
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].reported_by == speaker


@pytest.mark.parametrize("text, etype, place", [
    ("Ruritania sends weapons to Kalvar.", "AID", None),
    ("Ruritania shelled Kalvar on Monday.", "ASSAULT", "Kalvar"),
    ("Talks between Freedonia and the Eastern Brigade in Kalvar fell apart on Monday.",
     "CONSULT", None),
])
def test_seat_is_a_venue_only_where_the_act_happens(nlp, extractor, text, etype, place) -> None:
    events = _run(nlp, extractor, text, ["Ruritania", "Freedonia", "Eastern Brigade"])
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.source, e.target) for e in events]
    assert (found[0].location.name if found[0].location else None) == place
