"""QA round 4 on hand-written articles: names of operations, storms and weapon systems,
prisons and checkpoints are no actors; outlets publish; a state's unnamed soldiers are
its one regular army when the dictionary knows it; national armies and legislatures from
the world dictionary."""

from __future__ import annotations

import pytest
from actorkit import actors_of, names_of

from newsgraph.actors.filters import names_non_actor

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("name", "expected"), [
    ("Operation Granite Shield", True),
    ("Storm Daniel", True),
    ("Berlin Conference", True),
    ("Operation", False),  # one word: nothing follows the head
    ("Ruritanian Liberation Front", False),
])
def test_names_non_actor(name: str, expected: bool) -> None:
    tails = {"conference", "treaty"}
    heads = {"operation", "storm"}
    assert names_non_actor(name, tails, heads) is expected


@pytest.mark.parametrize(("text", "not_actor"), [
    ("Ruritania launched missile strikes on six sites, in what it called Operation Granite "
     "Shield.", "Operation Granite Shield"),
    ("On Saturday, Ruritania launched Operation Silver Lance against rebel camps in Freedonia.",
     "Operation Silver Lance"),
    ("Storm Daniel hit the coast on September 10, killing thousands, the government said.",
     "Storm Daniel"),
    ("Washington said it was considering a Turkish request for Patriot air defence systems.",
     "Patriot"),
    ("Kyiv asked Berlin for more IRIS-T launchers and Patriot batteries.", "Patriot"),
    ("Prisoners were released from Saydnaya prison north of the capital, the rebels said.",
     "Saydnaya"),
    ("He was detained at the Lachin corridor checkpoint as he tried to cross into Armenia.",
     "Lachin"),
    ("Al-Akhbar reported that the factions rejected the offer.", "Al-Akhbar"),
    ("Talks hosted by the United States Treasury collapsed in February, when Freedonia "
     "skipped the final round.", "Treasury"),
])
def test_operations_storms_weapons_sites_outlets_are_no_actors(nlp, resolver, text: str,
                                                               not_actor: str) -> None:
    assert not_actor not in names_of(actors_of(nlp, resolver, text))


@pytest.mark.parametrize(("text", "actor_id", "absent"), [
    # unnamed soldiers of a state whose one regular army the dictionary knows: that army,
    # not a second "Sudanese armed forces" agent beside it
    ("Sudan's government rejected the plan. Soldiers abandoned their posts in the city.",
     "org:saf", "agent:SDN-MIL"),
    ("The Indian army said it had targeted terrorist infrastructure.",
     "org:indian-armed-forces", None),
    ("Pakistan's military said it had shot down five jets.",
     "org:pakistan-armed-forces", "agent:PAK-MIL"),
    ("The Kenyan parliament approved the deployment.", "org:kenyan-parliament", None),
    ("The United Nations mission in Colombia condemned the attack.",
     "org:un-verification-mission-colombia", "org:un"),
])
def test_state_forces_and_organs(nlp, resolver, text: str, actor_id: str,
                                 absent: str | None) -> None:
    ids = {a.id for a in actors_of(nlp, resolver, text)}
    assert actor_id in ids
    assert absent not in ids


@pytest.mark.parametrize(("text", "alias", "merged"), [
    ("Libya's prime minister visited Misrata. The eastern government rejected a proposal by "
     "the Government of National Unity. The rival government said on Monday it would rebuild "
     "the dams.", "eastern government", "rival government"),
    ("Ruritania's president visited the port. The western-based authorities rejected the "
     "truce in Libya, and the parallel government said it would not sign.",
     "western-based authorities", "parallel government"),
])
def test_rival_government_is_named_and_merged(nlp, resolver, text: str, alias: str,
                                              merged: str) -> None:
    """"the eastern government" names the actor (an alias), and a government set apart only
    as "the rival/parallel one" is that same actor, not a second one."""
    rivals = [a for a in actors_of(nlp, resolver, text) if a.id.startswith("org:")
              and a.name.endswith(")")]
    assert len(rivals) == 1
    assert {alias, merged} <= set(rivals[0].aliases)
