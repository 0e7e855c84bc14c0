"""The resolver on short invented texts: dictionary, NER, metonyms, demonyms, linking, furniture."""

from __future__ import annotations

import pytest
import spacy
from actorkit import resolver_with

from newsgraph.actors.resolver import ActorResolver
from newsgraph.records import Actor, Article, Mention

pytestmark = pytest.mark.slow

USER_YAML = """provenance: invented actors for tests
entries:
- id: person:zorba-kalandar
  name: Zorba al-Kalandar
  country: LBY
  aliases: [Kalandar]
- id: org:blue-hand
  name: Blue Hand Brigade
  kind: organization
  country: LBY
  aliases: [Blue Hand]
  acronyms: [BHB]
"""



@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    return resolver_with(tmp_path_factory, USER_YAML)


def run(nlp: spacy.Language, resolver: ActorResolver, text: str) -> tuple[list[Actor], list[Mention]]:
    article = Article(doc_id="t", text=text, content_hash="h")
    actors, mentions = resolver.resolve(nlp(text), article)
    ids = {a.id for a in actors}
    for m in mentions:
        assert m.actor_id in ids
        assert text[m.start:m.end] == m.text
    return actors, mentions


def ids(actors: list[Actor]) -> set[str]:
    return {a.id for a in actors}


def test_user_dictionary_transliteration_and_acronym(nlp, resolver) -> None:
    text = ("Commander Zorba el-Kalandar said the BHB would withdraw. "
            "Kalendar later met officials of the Blue Hand Brigade in Sirte.")
    actors, mentions = run(nlp, resolver, text)
    assert {"person:zorba-kalandar", "org:blue-hand"} <= ids(actors)
    assert any(m.how == "transliteration" for m in mentions)


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("Ankara has supplied the militias with drones, officials said.", True),
        ("Observers criticised Ankara's support for the militias.", True),
        ("The militias appealed to Ankara for more weapons.", True),
        ("The delegation arrived in Ankara on Monday for a short visit.", False),
        ("The delegation headed to Ankara on Monday.", False),
    ],
)
def test_capital_metonym_versus_place(nlp, resolver, text: str, acts: bool) -> None:
    actors, mentions = run(nlp, resolver, text)
    assert ("country:TUR" in ids(actors)) is acts
    if acts:
        assert any(m.how == "metonym" and m.text == "Ankara" for m in mentions)


def test_country_only_as_place_is_not_an_actor(nlp, resolver) -> None:
    text = "Fighting continued in Chad. Refugees crossed from Chad to the border town of Abeche."
    actors, _ = run(nlp, resolver, text)
    assert "country:TCD" not in ids(actors)


def test_acronym_is_case_sensitive(nlp, resolver) -> None:
    actors, _ = run(nlp, resolver, "Let us hope the talks go well for all of us.")
    assert "country:USA" not in ids(actors)


def test_demonym_phrase_is_the_state(nlp, resolver) -> None:
    actors, mentions = run(nlp, resolver, "Egyptian officials rejected the plan, and the Russians agreed.")
    assert {"country:EGY", "country:RUS"} <= ids(actors)
    assert all(m.how == "demonym" for m in mentions if m.actor_id.startswith("country:"))


def test_surname_links_to_full_name_and_title_becomes_role(nlp, resolver) -> None:
    text = ("Italian Prime Minister Pietro Lavalle met the envoy on Sunday. "
            "Lavalle said the meeting was useful.")
    actors, mentions = run(nlp, resolver, text)
    people = [a for a in actors if a.kind == "person"]
    assert len(people) == 1
    assert people[0].name == "Pietro Lavalle"
    assert any("Prime Minister" in r for r in people[0].roles)
    assert [m.how for m in mentions if m.actor_id == people[0].id].count("surname") == 1


def test_relatives_sharing_a_surname_are_not_merged(nlp, resolver) -> None:
    text = ("Muammar Gaddafi ruled for decades. His son Saif al-Islam Gaddafi later ran for office. "
            "Observers said Omar Benkiran and Yusuf Benkiran disagreed.")
    actors, _ = run(nlp, resolver, text)
    assert {"person:muammar-gaddafi", "person:saif-al-islam-gaddafi"} <= ids(actors)
    benkirans = [a for a in actors if "Benkiran" in a.name]
    assert len(benkirans) == 2


def test_byline_credit_and_outlet_are_not_actors(nlp, resolver) -> None:
    text = ("Zorba al-Kalandar threatened the Blue Hand Brigade on Tuesday, "
            "a military source told Reuters.\n"
            "  • Marta Vellucci\n"
            "  • © Jonas Pietrek\n"
            "Subscribe now to Hamid Courier Weekly\n"
            "Idris Fallouj is an Egyptian journalist covering North Africa.")
    actors, _ = run(nlp, resolver, text)
    names = " ".join(a.name for a in actors)
    for absent in ("Reuters", "Vellucci", "Pietrek", "Fallouj", "Courier"):
        assert absent not in names
    assert "person:zorba-kalandar" in ids(actors)
