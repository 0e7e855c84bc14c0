"""References without a name: posts -> the one person holding them, group phrases, leaders' forces.

All names are invented; a small user dictionary gives them roles and organisations.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from actorkit import resolver_with

from newsgraph.actors.names import role_held
from newsgraph.actors.references import load_reference_cues
from newsgraph.actors.resolver import ActorResolver
from newsgraph.errors import DataFileError
from newsgraph.records import Actor, Article, Mention

pytestmark = pytest.mark.slow

USER_YAML = """provenance: invented actors for tests
entries:
- id: org:kestrel-army
  name: Kestrel Liberation Army
  kind: organization
  country: LBY
  sector: MIL
  acronyms: [KLA]
- id: person:tarek-zawadi
  name: Tarek Zawadi
  country: LBY
  sector: MIL
  aliases: [Zawadi]
  roles:
  - {role: commander of the Kestrel Liberation Army, since: "2015"}
  - {role: Field Marshal, since: "2017"}
- id: person:hadi-morrow
  name: Hadi Morrow
  country: LBY
  aliases: [Morrow]
  roles: [{role: spokesman of the Kestrel Liberation Army, since: "2016"}]
- id: person:old-commander
  name: Salem Oduya
  country: LBY
  aliases: [Oduya]
  roles: [{role: commander of the Kestrel Liberation Army, until: "2012"}]
- id: person:pia-lindqvist
  name: Pia Lindqvist
  country: DEU
  aliases: [Lindqvist]
  roles: ["Chancellor of Germany (2019-2022)"]
"""



@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    return resolver_with(tmp_path_factory, USER_YAML)


def run(nlp: spacy.Language, resolver: ActorResolver, text: str,
        published: str | None = "2020-03-01") -> tuple[dict[str, Actor], list[Mention]]:
    article = Article(doc_id="t", text=text, content_hash="h", published=published)
    actors, mentions = resolver.resolve(nlp(text), article)
    by_id = {a.id: a for a in actors}
    for m in mentions:
        assert m.actor_id in by_id
        assert text[m.start:m.end] == m.text
    return by_id, mentions


def at(mentions: list[Mention], surface: str) -> list[Mention]:
    return [m for m in mentions if m.text == surface]


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        ("Tarek Zawadi flew to Rome on Monday. Later the KLA chief declined to answer.",
         "KLA chief", "person:tarek-zawadi"),
        ("Tarek Zawadi and Hadi Morrow arrived. The KLA spokesman said the army would advance.",
         "KLA spokesman", "person:hadi-morrow"),
        ("Tarek Zawadi met Pia Lindqvist. The Libyan marshal thanked his hosts.",
         "Libyan marshal", "person:tarek-zawadi"),
        ("Tarek Zawadi met Pia Lindqvist. The German chancellor told reporters it went well.",
         "German chancellor", "person:pia-lindqvist"),
        ("Italian Prime Minister Marco Bellandi met Tarek Zawadi. The Italian prime minister "
         "said the talks were useful.", "Italian prime minister", "Marco Bellandi"),
        ("Tarek Zawadi met Pia Lindqvist. The field marshal left on Monday.",
         "field marshal", "person:tarek-zawadi"),
    ],
)
def test_post_reference_is_the_one_holder(nlp, resolver, text: str, surface: str, who: str) -> None:
    actors, mentions = run(nlp, resolver, text)
    found = at(mentions, surface)
    assert len(found) == 1, mentions
    assert found[0].how == "title"
    assert who in (found[0].actor_id, actors[found[0].actor_id].name)


@pytest.mark.parametrize(
    ("text", "surface", "published"),
    [
        # nobody of the article holds the post: no mention, no "KLA spokesman" actor
        ("The KLA spokesman said the army would advance.", "KLA spokesman", "2020-03-01"),
        # two holders of the KLA's top post and no date to choose: ambiguous
        ("Tarek Zawadi and Salem Oduya spoke. The KLA chief left.", "KLA chief", None),
        # the role ended before the article's date
        ("Salem Oduya spoke on Monday. The KLA chief left.", "KLA chief", "2020-03-01"),
        # a German chancellor is not the Libyan marshal
        ("Pia Lindqvist spoke on Monday. The Libyan marshal left.", "Libyan marshal", "2020-03-01"),
        # the post is written with its holder's name
        ("The KLA spokesman Hadi Morrow said the army would advance.", "KLA spokesman", "2020-03-01"),
    ],
)
def test_no_post_reference_unless_exactly_one_fits(nlp, resolver, text: str, surface: str,
                                                    published: str | None) -> None:
    actors, mentions = run(nlp, resolver, text, published)
    assert not [m for m in at(mentions, surface) if m.how == "title"]
    assert not any("spokesman" in a.name.lower() or "chief" in a.name.lower() for a in actors.values())


@pytest.mark.parametrize(("published", "who"), [("2021-06-01", "person:tarek-zawadi"),
                                               ("2010-05-01", "person:old-commander")])
def test_role_date_span_picks_the_holder_then(nlp, resolver, published: str, who: str) -> None:
    text = "Tarek Zawadi and Salem Oduya spoke. The KLA chief left."
    _, mentions = run(nlp, resolver, text, published)
    assert [m.actor_id for m in at(mentions, "KLA chief")] == [who]


@pytest.mark.parametrize(
    ("text", "surface", "name", "country", "state"),
    [
        ("Sudanese rebels attacked the town on Monday.", "Sudanese rebels", "Sudanese rebels",
         "SDN", "country:SDN"),
        ("Kurdish fighters seized the checkpoint.", "Kurdish fighters", "Kurdish fighters", None, None),
        ("Islamist militias fired rockets at the port.", "Islamist militias", "Islamist militias",
         None, None),
        ("Syrian rebel fighters shelled the village.", "Syrian rebel", "Syrian rebels", "SYR",
         "country:SYR"),
    ],
)
def test_group_phrase_is_its_own_actor_not_the_state(nlp, resolver, text: str, surface: str,
                                                       name: str, country: str | None,
                                                       state: str | None) -> None:
    actors, mentions = run(nlp, resolver, text)
    found = at(mentions, surface)
    assert len(found) == 1
    actor = actors[found[0].actor_id]
    assert (actor.name, actor.kind, actor.country, actor.sector) == (name, "organization", country, "REB")
    assert not actor.in_dictionary
    if state:
        assert state not in actors


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Turkish drones struck the base on Monday.", "country:TUR"),
        ("Israeli tanks shelled the town.", "country:ISR"),
        ("Egyptian police arrested two men.", "country:EGY"),
        ("Algerian troops crossed the border.", "country:DZA"),
    ],
)
def test_demonym_with_state_agent_noun_is_the_state(nlp, resolver, text: str, state: str) -> None:
    actors, mentions = run(nlp, resolver, text)
    assert state in actors
    assert any(m.actor_id == state and m.how == "demonym" for m in mentions)


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        ("Tarek Zawadi spoke on Monday. Zawadi's forces advanced toward the coast.", "forces",
         "org:kestrel-army"),
        ("Tarek Zawadi spoke. Rival brigades clashed with forces loyal to Zawadi near the port.",
         "forces", "org:kestrel-army"),
        ("Omar Fellagi spoke. Rival brigades clashed with forces loyal to Fellagi near the port.",
         "forces", "Omar Fellagi"),
        ("Tarek Zawadi spoke. The forces led by Zawadi shelled the port.", "forces",
         "org:kestrel-army"),
    ],
)
def test_leaders_forces_are_his_organisation(nlp, resolver, text: str, surface: str, who: str) -> None:
    actors, mentions = run(nlp, resolver, text)
    found = at(mentions, surface)
    assert len(found) == 1
    assert who in (found[0].actor_id, actors[found[0].actor_id].name)
    assert found[0].how == "metonym"


@pytest.mark.parametrize(
    ("role", "since", "until", "year", "held"),
    [
        ("Chancellor of Germany (2019-2022)", None, None, 2020, True),
        ("Chancellor of Germany (2019-2022)", None, None, 2023, False),
        ("President (2000-2008, 2012-)", None, None, 2010, False),
        ("President (2000-2008, 2012-)", None, None, 2015, True),
        ("commander", "2015", None, 2014, False),
        ("commander", None, "2012", 2012, True),
        ("founder of a group (died 2023)", None, None, 2024, False),
        ("spokesman", None, None, 1990, True),
        ("spokesman", "2015", None, None, True),
    ],
)
def test_role_held(role: str, since: str | None, until: str | None, year: int | None, held: bool) -> None:
    assert role_held(role, year, since, until) is held


def test_bad_reference_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "refs.yaml"
    bad.write_text("provenance: test\ngroup_nouns: [rebels]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="refs.yaml"):
        load_reference_cues([bad])


def test_user_reference_file_adds_group_nouns(tmp_path: Path) -> None:
    extra = tmp_path / "refs.yaml"
    extra.write_text("provenance: test\ngroup_nouns: {raiders: REB}\ngroup_qualifiers: [Zorvic]\n",
                     encoding="utf-8")
    cues = load_reference_cues([extra])
    assert cues.group_nouns["raiders"] == "REB"
    assert "zorvic" in cues.qualifiers
    assert "rebels" in cues.group_nouns
