"""The two newsgraph spaCy components share one gazetteer (and one actor dictionary)
when configured with the same files, and the user's place files reach both stages."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp import components  # noqa: F401  (registers the factories)

PLACES = """provenance: "test fixture: an invented village"
places:
  - {name: Vellmora, country: LY, lat: 31.1, lon: 16.2, precision: city}
"""


@pytest.fixture(scope="module")
def place_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("places") / "mine.yaml"
    path.write_text(PLACES, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("same_files", [True, False])
def test_components_share_gazetteer_only_for_same_place_files(
    place_file: str, same_files: bool
) -> None:
    nlp = spacy.blank("en")
    actors = nlp.add_pipe("newsgraph_actors", config={"place_files": [place_file]})
    events = nlp.add_pipe("newsgraph_events",
                          config={"place_files": [place_file] if same_files else []})
    assert (events.extractor.gazetteer is actors.gazetteer) is same_files
    assert events.extractor.dictionary is actors.resolver.dictionary


def test_components_user_place_file_reaches_actor_stage(place_file: str) -> None:
    nlp = spacy.blank("en")
    actors = nlp.add_pipe("newsgraph_actors", config={"place_files": [place_file]})
    place = actors.gazetteer.lookup("Vellmora")
    assert place is not None and place.country == "LY"
