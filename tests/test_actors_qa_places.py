"""Towns NER calls people are places (QA on hand-written articles): by the noun they
follow ("the market of X"), the verb that takes them ("recaptured X"), the head they
modify ("X palace"), or an article-wide rule (no person cue at any mention)."""

from __future__ import annotations

import pytest
from actorkit import actors_of, names_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "place"), [
    ("Militiamen looted the market of Nyala on Friday.", "Nyala"),
    ("Government troops recaptured Mekelle after a week of fighting.", "Mekelle"),
    ("The fall of Goma to the rebels surprised diplomats.", "Goma"),
    ("Artillery hit the village of Dzhanyatag overnight.", "Dzhanyatag"),
    ("The delegations met at the Dolmabahce palace in Istanbul.", "Dolmabahce"),
    ("Drones struck targets in the areas of Aitaroun and Kfar Kila.", "Kfar Kila"),
    ("Clashes broke out in Hadramout between rival factions.", "Hadramout"),
    ("Trucks queued at the Lachin corridor. Lachin remained closed for weeks.", "Lachin"),
])
def test_towns_tagged_as_people_are_places(nlp, resolver, text: str, place: str) -> None:
    assert place not in names_of(actors_of(nlp, resolver, text))


@pytest.mark.parametrize(("text", "person"), [
    ("Speaker Nabih Berri said parliament would meet. Berri said the vote would go ahead.",
     "Nabih Berri"),
    ("Paul Kagame met the envoy in Kigali.", "Paul Kagame"),
])
def test_people_stay_people(nlp, resolver, text: str, person: str) -> None:
    assert person in names_of(actors_of(nlp, resolver, text))
