"""Unnamed agents as actors: "police arrested", "gunmen attacked", on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from actorkit import resolver_with

from newsgraph.actors.agents import AgentGroup, agent_actor, is_lowercase_doc, load_agents
from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.resolver import ActorResolver
from newsgraph.errors import DataFileError
from newsgraph.records import Actor, Article, Mention

pytestmark = pytest.mark.slow

USER_YAML = """provenance: invented actors for tests
entries:
- id: org:blue-hand
  name: Blue Hand Brigade
  kind: organization
  country: EGY
  sector: MIL
  aliases: [Blue Hand]
- id: org:green-valley-army
  name: Green Valley Army
  kind: organization
  country: EGY
  sector: MIL
"""



@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    return resolver_with(tmp_path_factory, USER_YAML)


def run(nlp: spacy.Language, resolver: ActorResolver, text: str) -> tuple[list[Actor], list[Mention]]:
    article = Article(doc_id="t", text=text, content_hash="h")
    return resolver.resolve(nlp(text), article)


def agent_ids(mentions: list[Mention]) -> dict[str, str]:
    return {m.text: m.actor_id for m in mentions if m.how == "agent"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Police arrested forty people near the old bridge.", {"Police": "agent:COP"}),
    ("Gunmen attacked a convoy on the coastal road.", {"Gunmen": "agent:gunmen"}),
    ("The riot police fired tear gas at the protesters.",
     {"riot police": "agent:COP", "protesters": "agent:protesters"}),
    ("Rebels seized the hilltop base overnight.", {"Rebels": "agent:rebels"}),
    ("Armed gangs stormed the prison on Saturday.", {"Armed gangs": "agent:gangs"}),
    ("Hundreds of demonstrators marched to the square.", {"demonstrators": "agent:protesters"}),
    ("Security forces clashed with villagers at dawn.", {"Security forces": "agent:MIL",
                                                         "villagers": "agent:civilians"}),
])
def test_unnamed_agents_acting_are_actors(nlp, resolver, text: str, expected: dict[str, str]) -> None:
    _, mentions = run(nlp, resolver, text)
    assert agent_ids(mentions) == expected


@pytest.mark.parametrize("text", [
    "He was taken to the police station on Tuesday.",  # a place
    "The army chief resigned on Tuesday.",  # a modifier of a post
    "Cadets of the Police Academy paraded.",  # inside a name
    "No police were present at the rally.",  # negated
    "The Blue Hand troops shelled the village.",  # the named actor's own troops
])
def test_agent_words_that_are_no_agents(nlp, resolver, text: str) -> None:
    _, mentions = run(nlp, resolver, text)
    assert [m for m in mentions if m.how == "agent" and "police" in m.text.lower()
            or m.how == "agent" and m.text.lower() in ("army", "troops")] == []


@pytest.mark.parametrize(("text", "agent_id", "name"), [
    ("Police in Cairo detained the journalist. Egypt rejected the criticism.",
     "agent:EGY-COP", "Egyptian police"),
    ("Soldiers stormed the camp. Egypt said the raid was lawful.", "agent:EGY-MIL",
     "Egyptian armed forces"),
    # towns count for their country: a foreign state acting once is not where it happens
    ("Clashes erupted in Misrata and Zawiya. Police arrested ten men. Italy called for calm.",
     "agent:LBY-COP", "Libyan police"),
])
def test_state_agents_take_the_main_country(nlp, resolver, text: str, agent_id: str,
                                            name: str) -> None:
    actors, mentions = run(nlp, resolver, text)
    assert agent_id in agent_ids(mentions).values()
    assert {a.id: a.name for a in actors}[agent_id] == name


@pytest.mark.parametrize(("text", "refers_to", "not_to"), [
    # "the army" refers back to a state's regular army ...
    ("The Green Valley Army entered the town. Later the army shelled the market.",
     "org:green-valley-army", None),
    # ... never to a brigade or paramilitary force named before it
    ("The Blue Hand Brigade entered the town. Later the army shelled the market.",
     None, "org:blue-hand"),
])
def test_definite_agent_refers_back_to_the_named_force(nlp, resolver, text, refers_to,
                                                       not_to) -> None:
    _, mentions = run(nlp, resolver, text)
    found = agent_ids(mentions).get("army")
    if refers_to is not None:
        assert found == refers_to
    assert found != not_to


@pytest.mark.parametrize(("text", "noun", "refers_to"), [
    ("The UN Security Council met on Monday. The council condemned the strike.", "council",
     "org:unsc"),
    ("The African Union called for calm. The union suspended Niger.", "union", "org:au"),
    ("ECOWAS leaders met in Abuja. The bloc suspended Mali.", "bloc", "org:ecowas"),
    ("The city council met on Monday. The council condemned the strike.", "council", None),
    ("The African Union called for calm. The council condemned the strike.", "council", None),
])
def test_agents_body_nouns_refer_back_to_a_named_body(nlp, resolver, text: str, noun: str,
                                                      refers_to: str | None) -> None:
    """"The council" is the latest organisation named with "council" in its name; "the
    bloc" the latest international body; none named before: no actor."""
    _, mentions = run(nlp, resolver, text)
    assert agent_ids(mentions).get(noun) == refers_to


@pytest.mark.parametrize("text", [
    "The Ruritanian Government sent aid to Strelsau in Egypt. The eastern government rejected "
    "the plan.",
    "Fighting in Egypt went on. The eastern-based authorities rejected the plan.",
    "Fighting in Egypt went on. The rival government in the east rejected the plan.",
])
def test_agents_rival_government_is_an_actor_of_its_own(nlp, resolver, text: str) -> None:
    """"The eastern government" is neither the state nor the government named before: one
    actor of its own (the main country's), whatever the wording."""
    actors, mentions = run(nlp, resolver, text)
    ids = {m.actor_id for m in mentions if m.how == "agent"}
    names = {a.name for a in actors if a.id in ids}
    assert names and names <= {"eastern government (Egypt)", "rival government (Egypt)"}, names


def test_forces_an_actor_deploys_are_its_own(nlp, resolver) -> None:
    _, mentions = run(nlp, resolver, "Egypt deployed troops along the border.")
    assert agent_ids(mentions) == {"troops": "country:EGY"}


@pytest.mark.parametrize(("text", "found", "absent"), [
    # "in cairo" is a place, but it makes Egypt the main country: Egypt's police
    ("police arrested three men in cairo on friday after the clashes.", "agent:EGY-COP",
     "agent:COP"),
    ("the egyptian government said the police had acted lawfully in the city.", "country:EGY", ""),
    ("officials in turkey said the us and the un would meet on friday soon.", "", "country:USA"),
])
def test_lowercase_text_matches_names_case_insensitively(nlp, resolver, text: str, found: str,
                                                         absent: str) -> None:
    doc = nlp(text)
    assert is_lowercase_doc(doc)
    actors, mentions = resolver.resolve(doc, Article(doc_id="t", text=text, content_hash="h"))
    ids = {m.actor_id for m in mentions}
    if found:
        assert found in ids
    if absent:
        assert absent not in ids
    assert "country:TUR" not in ids  # "turkey" is an ordinary word in lowercase


@pytest.mark.parametrize(("state", "country_id", "expected"), [
    (True, "country:EGY", ("agent:EGY-COP", "Egyptian police", "EGY")),
    (True, None, ("agent:COP", "police", None)),
    (False, "country:EGY", ("agent:police", "police", None)),
])
def test_agent_ids_are_stable(state: bool, country_id: str | None, expected: tuple) -> None:
    country = load_dictionary().get(country_id) if country_id else None
    group = AgentGroup(label="police", sector="COP", state=state, strict=False)
    assert agent_actor(group, country) == expected


def test_user_agent_file_adds_nouns_and_bad_file_is_named(tmp_path: Path) -> None:
    good = tmp_path / "agents.yaml"
    good.write_text("provenance: test\nagents:\n- label: police\n  sector: COP\n"
                    "  state: true\n  nouns: [carabinieri]\n", encoding="utf-8")
    lex = load_agents([good])
    assert lex.phrases[("carabinieri",)].sector == "COP"
    assert ("riot", "police") in lex.phrases
    bad = tmp_path / "bad.yaml"
    bad.write_text("provenance: test\nagents:\n- label: x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.yaml"):
        load_agents([bad])


@pytest.mark.parametrize(("text", "owner_is_subject"), [
    # forces sent or amassed are the subject's own
    ("Egypt deployed troops along the western border.", True),
    ("Egypt supplied the Blue Hand Brigade with soldiers.", True),
    # militias that receive equipment are the recipient, not the giver's own forces
    ("Egypt provided the militias with modern radar systems.", False),
    ("Egypt armed the militias in the eastern hills.", False),
])
def test_actors_agents_own_forces_vs_recipients(
    nlp: spacy.Language, resolver: ActorResolver, text: str, owner_is_subject: bool
) -> None:
    actors, mentions = run(nlp, resolver, text)
    forces = [m for m in mentions if m.text in ("troops", "soldiers", "militias")]
    assert forces, mentions
    owned = all(m.actor_id == "country:EGY" for m in forces)
    assert owned is owner_is_subject, [(m.text, m.actor_id) for m in forces]


@pytest.mark.parametrize(("text", "expected"), [
    # the state of a coordinated qualifier, then kept by later mentions of the sector
    ("Militants attacked the Egyptian army and police in Libya. In Libya and Libya again, "
     "militants killed 50 police officers.",
     {"police": "agent:EGY-COP", "police officers": "agent:EGY-COP"}),
    # an unqualified state agent belongs to the state where the story happens
    ("Rwandan troops crossed into Congo. Rwanda denied it, and Rwanda's army chief said "
     "Kigali had no troops there. In Kinshasa, the capital of Congo, police fired tear gas "
     "at protesters.", {"police": "agent:COD-COP"}),
])
def test_actors_agents_state_of_unqualified_agent(nlp, resolver, text, expected) -> None:
    _, mentions = run(nlp, resolver, text)
    found = agent_ids(mentions)
    assert {k: found.get(k) for k in expected} == expected


def test_actors_capital_acting_is_never_the_setting(nlp, resolver) -> None:
    """A country named mostly as the setting still acts through its capital."""
    text = ("Fighting spread across eastern Congo. Refugees left Congo for Uganda. Aid reached "
            "Congo by road. Kinshasa cut diplomatic ties with Kigali.")
    actors, _ = run(nlp, resolver, text)
    assert "country:COD" in {a.id for a in actors}


@pytest.mark.parametrize(("text", "not_alias"), [
    ("Fighting in Misrata went on. Cabinet approved the plan on Tuesday.", "Cabinet"),
    ("Fighting in Misrata went on. Ministry officials denied it.", "Ministry"),
])
def test_agents_bare_agent_noun_is_no_alias(nlp, resolver, text: str, not_alias: str) -> None:
    """A capitalised bare agent noun ("Cabinet" at a sentence start) names no one: it is no
    alias of the state it stands for (aliases decide identity across articles)."""
    actors, _ = run(nlp, resolver, text)
    assert not any(not_alias in a.aliases for a in actors)
