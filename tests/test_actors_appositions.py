"""A person named with a post a dictionary person holds at the article's date is that person,
even when machine translation garbled the name; never when no post fits, when two close-named
people hold it, when the names differ, or when the post was held at another date.

Sentences are invented; the people and the mission are invented in a user file.
"""

from __future__ import annotations

import pytest
from actorkit import mentions_of, resolver_with

from newsgraph.actors.appositions import name_close
from newsgraph.actors.resolver import ActorResolver

USER_YAML = """provenance: invented actors for tests
entries:
- id: org:harmony-mission
  name: Harmony Mission
  kind: organization
  sector: IGO
  acronyms: [HMX]
- id: person:ghazwan-tarabulsi
  name: Ghazwan Tarabulsi
  country: LBN
  roles: [{role: HMX Special Representative for Chad, since: "2017", until: "2020"}]
- id: person:lena-vorster
  name: Lena Vorster
  country: NLD
  roles:
  - {role: HMX Deputy Special Representative for Chad, since: "2017", until: "2020"}
  - {role: acting HMX Special Representative for Chad, since: "2020", until: "2021"}
- id: person:omar-zaitouni
  name: Omar Zaitouni
  country: TCD
  roles: [{role: Defence Minister of Chad, since: "2010", until: "2012"}]
- id: person:rami-sabbagh
  name: Rami Sabbagh
  country: TCD
  roles: [{role: spokesman of the Harmony Mission, since: "2018"}]
- id: person:walid-qaddouri
  name: Walid Qaddouri
  country: NER
  aliases: [Kaddouri]
  roles: [{role: spokesman of the HMX office in Niger, since: "2018"}]
- id: person:nabil-haddadi
  name: Nabil Haddadi
  country: TCD
  roles: [{role: spokesman of the HMX office in Chad, since: "2018"}]
- id: person:nabih-haddadi
  name: Nabih Haddadi
  country: TCD
  roles: [{role: spokesman of the HMX office in Chad, since: "2018"}]
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    return resolver_with(tmp_path_factory, USER_YAML)


@pytest.mark.parametrize(
    ("written", "known", "close"),
    [
        ("Hasan Salam", "Ghassan Salamé", True),  # dropped letters, given name differs more
        ("Sergey Lavrof", "Sergey Lavrov", True),
        ("S. Lavrov", "Sergey Lavrov", True),  # an initial
        ("A. Salame", "Abdulrahman Salame", True),
        ("K. Haftar", "Saddam Haftar", False),  # an initial that is not his
        ("Mohamed Siala", "Mohamed Taher Siala", True),  # a middle name left out
        ("Salam", "Ghassan Salamé", True),  # a surname alone
        ("Khalid Haftar", "Khalifa Haftar", False),  # same surname, another given name
        ("Saddam Haftar", "Khalifa Haftar", False),
        ("Mohamed Siala", "Mohammed Abdul Salam", False),  # siala/salam: the whole differs
        ("Mohammed al-Kani", "Mohammad Ashraf Ghani", False),
        ("Hassan Salam", "Hussein Salam", False),  # Hassan is not Hussein
        ("Pierre Lenoir", "Ghazwan Tarabulsi", False),
        ("Hasan Salam", "Salamé", False),
        ("Walid Kadour", "Walid Qaddouri", False),  # but close to "Walid Kaddouri" (below)  # a given name is written: a bare surname can't check it
    ],
)
def test_name_close(written: str, known: str, close: bool) -> None:
    assert name_close(written, known) is close


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "who", "published"),
    [
        # the post before the name; a second holder (acting) that year has an unlike name
        ("Talks followed with the Special Representative of the HMX Secretary General in Chad, "
         "Gazwan Tarablus, and his deputy.", "Gazwan Tarablus", "person:ghazwan-tarabulsi",
         "2020-02-01"),
        ("The HMX envoy for Chad, Gazwan Tarablus, arrived on Monday.", "Gazwan Tarablus",
         "person:ghazwan-tarabulsi", "2018-05-01"),
        # a title written before the name
        ("Chadian Defence Minister Omer Zaitoun inspected the troops.", "Omer Zaitoun",
         "person:omar-zaitouni", "2011-03-01"),
        # "X, the spokesman of Y"
        ("Rami Sabbaghi, the spokesman of the Harmony Mission, denied the report.",
         "Rami Sabbaghi", "person:rami-sabbagh", "2019-06-01"),
        # close to a full name with the one-word alias as surname ("Walid Kaddouri")
        ("Walid Kadour, the spokesman of the HMX office in Niger, denied the report.",
         "Walid Kadour", "person:walid-qaddouri", "2019-06-01"),
    ],
)
def test_garbled_name_with_a_held_post_is_the_holder(nlp, resolver, text: str, name: str,
                                                     who: str, published: str) -> None:
    mentions = mentions_of(nlp, resolver, text, published)
    assert [m.actor_id for m in mentions if m.text == name] == [who], mentions


@pytest.mark.slow
def test_the_post_before_the_name_stands_for_the_holder(nlp, resolver) -> None:
    text = ("Talks followed with the Special Representative of the HMX Secretary General in "
            "Chad, Gazwan Tarablus, and his deputy.")
    mentions = mentions_of(nlp, resolver, text, "2019-02-01")
    posts = [m for m in mentions if m.text == "Special Representative"]
    assert [m.actor_id for m in posts] == ["person:ghazwan-tarabulsi"], mentions


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "published"),
    [
        # no post written with the name
        ("Gazwan Tarablus arrived in the capital on Monday.", "Gazwan Tarablus", "2018-05-01"),
        # the post held at another date (2010-2012)
        ("Chadian Defence Minister Omer Zaitoun inspected the troops.", "Omer Zaitoun",
         "2019-03-01"),
        # two holders of the post with close names
        ("Nabil Haddad, the spokesman of the HMX office in Chad, denied the report.",
         "Nabil Haddad", "2019-06-01"),
        # the name is not close to the holder's
        ("The HMX envoy for Chad, Pierre Lenoir, arrived on Monday.", "Pierre Lenoir",
         "2018-05-01"),
        # same surname, another given name: never the same person
        ("The HMX envoy for Chad, Khalil Tarabulsi, arrived on Monday.", "Khalil Tarabulsi",
         "2018-05-01"),
        # a deputy is not the holder of the post
        ("The deputy HMX envoy for Chad, Gazwan Tarablus, arrived on Monday.", "Gazwan Tarablus",
         "2018-05-01"),
        # a former holder
        ("The former HMX envoy for Chad, Gazwan Tarablus, arrived on Monday.", "Gazwan Tarablus",
         "2018-05-01"),
        # the post names another country than the holder's
        ("The HMX envoy for Niger, Gazwan Tarablus, arrived on Monday.", "Gazwan Tarablus",
         "2018-05-01"),
    ],
)
def test_no_single_close_holder_keeps_the_name_apart(nlp, resolver, text: str, name: str,
                                                    published: str) -> None:
    mentions = mentions_of(nlp, resolver, text, published)
    ids = [m.actor_id for m in mentions if m.text == name]
    assert ids, mentions  # the name is still an actor of its own
    dictionary_people = {e.id for e in resolver.dictionary.entries if e.kind == "person"}
    assert not set(ids) & dictionary_people, mentions
