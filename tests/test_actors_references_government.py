"""A leader's government ("Sarraj's government", "the government of X", "the X cabinet") is
the governing organisation or state X heads, not the person; with none known X stays X.

Sentences are invented; actors are real dictionary entries or invented in a user file.
"""

from __future__ import annotations

import pytest
from actorkit import mentions_of, resolver_with

from newsgraph.actors.resolver import ActorResolver

pytestmark = pytest.mark.slow

USER_YAML = """provenance: invented actors for tests
entries:
- id: org:harmony-government
  name: Government of National Harmony
  kind: organization
  country: LBY
  sector: GOV
- id: org:unity-council
  name: Unity Council
  kind: organization
  country: LBY
  sector: GOV
- id: person:karim-benali
  name: Karim Benali
  country: LBY
  aliases: [Benali]
  roles:
  - {role: Prime Minister of the Government of National Harmony, since: "2018"}
  - {role: head of the Unity Council, since: "2018"}
- id: person:omar-fellah
  name: Omar Fellah
  country: LBY
  aliases: [Fellah]
  roles: [{role: deputy head of the Unity Council, since: "2018"}]
- id: person:ivo-marten
  name: Ivo Marten
  country: DEU
  aliases: [Marten]
  roles: ["Chancellor of Germany (2019-2022)"]
- id: person:rafi-dunai
  name: Rafi Dunai
  country: LBY
  aliases: [Dunai]
  roles: [{role: spokesman of the Unity Council, since: "2018"}]
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    return resolver_with(tmp_path_factory, USER_YAML)


@pytest.mark.parametrize(
    ("text", "noun", "who", "published"),
    [
        ("The government of Benali rejected the offer.", "government",
         "org:harmony-government", "2020-03-01"),
        ("Benali's government rejected the offer.", "government", "org:harmony-government",
         "2020-03-01"),
        ("Benali's cabinet met on Sunday.", "cabinet", "org:harmony-government", "2020-03-01"),
        ("The Benali administration froze the accounts.", "administration",
         "org:harmony-government", "2020-03-01"),
        ("The Marten government sent a note to the envoy.", "government", "country:DEU",
         "2021-03-01"),
        ("The government of Sarraj signed a memorandum with Qatar.", "government", "org:gna",
         "2019-11-01"),
        ("Dbeibah's cabinet rejected the budget.", "cabinet", "org:gnu", "2022-03-01"),
        ("Netanyahu's government approved the plan.", "government", "country:ISR", "2023-03-01"),
    ],
)
def test_government_of_a_leader_is_what_he_heads(nlp, resolver, text: str, noun: str, who: str,
                                                 published: str) -> None:
    mentions = mentions_of(nlp, resolver, text, published)
    assert [m.actor_id for m in mentions if m.text == noun] == [who], mentions


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Fellah's government rejected the offer.", "2020-03-01"),  # a deputy heads nothing
        ("Dunai's government rejected the offer.", "2020-03-01"),  # a spokesman heads nothing
        ("The Marten government sent a note to the envoy.", "2024-03-01"),  # role over by then
    ],
)
def test_no_government_known_keeps_the_person(nlp, resolver, text: str, published: str) -> None:
    mentions = mentions_of(nlp, resolver, text, published)
    assert not [m for m in mentions if m.text in ("government", "cabinet")], mentions
    assert any(m.actor_id.startswith("person:") for m in mentions), mentions
