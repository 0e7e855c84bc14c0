"""States coordinated inside an actor's "of" phrase act with it: "the government of X and
Ankara signed a memorandum" is an agreement of X's government with Turkey.

Sentences are invented; the government and its head are invented in a user file, the
states are real dictionary entries.
"""

from __future__ import annotations

import pytest
from actorkit import user_actor_file

from newsgraph.pipeline import Analyzer
from newsgraph.records import Article

pytestmark = pytest.mark.slow

USER_YAML = """provenance: invented actors for tests
entries:
- id: org:harmony-government
  name: Government of National Harmony
  kind: organization
  country: LBY
  sector: GOV
- id: person:karim-benali
  name: Karim Benali
  country: LBY
  aliases: [Benali]
  roles:
  - {role: Prime Minister of the Government of National Harmony, since: "2018"}
"""


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory: pytest.TempPathFactory) -> Analyzer:
    return Analyzer(actor_files=[user_actor_file(tmp_path_factory, USER_YAML)])


@pytest.mark.parametrize(("text", "source", "target"), [
    ("In May 2021, the government of Karim Benali and Ankara signed a memorandum of "
     "military cooperation.", "Government of National Harmony", "Turkey"),
    # a person coordinated in the phrase stays out: only states are separate parties
    ("In May 2021, the government of Karim Benali and his deputy signed a memorandum with "
     "Ankara.", "Government of National Harmony", "Turkey"),
])
def test_events_args_states_in_of_phrase(analyzer, text, source, target):
    art = Article(doc_id="t", text=text, content_hash="t", published="2021-06-01",
                  published_basis="header")
    result = analyzer.analyze(art)
    names = {a.id: a.name for a in result.actors}
    agree = [e for e in result.events if e.type == "AGREE"]
    assert agree, [(e.type, e.source, e.target) for e in result.events]
    parties = {names[i] for e in agree for i in [*e.source, *e.target]}
    assert parties == {source, target}
