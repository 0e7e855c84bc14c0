"""The actor dictionary: shipped files load, cover every UN member, and user files extend."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.actors.dictionary import ActorDictionary, load_dictionary
from newsgraph.errors import DataFileError


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_dictionary()


def test_every_un_member_has_iso3_capital_and_demonym(dictionary: ActorDictionary) -> None:
    members = [e for e in dictionary.entries if e.kind == "country" and e.un_member]
    assert len(members) == 193
    for e in members:
        assert e.id == f"country:{e.iso3}" and e.capital and e.demonyms, e.id
    for extra in ("PSE", "VAT", "XKX", "TWN"):
        assert dictionary.get(f"country:{extra}") is not None


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("USA", "country:USA"), ("Britain", "country:GBR"), ("the Emirates", "country:ARE"),
        ("Türkiye", "country:TUR"), ("Russian Federation", "country:RUS"),
        ("Hifter", "person:khalifa-haftar"), ("Ahmed Mesmari", "person:ahmed-al-mismari"),
        ("PNS", "org:gna"), ("Al-Wefaq", "org:gna"), ("LAAF", "org:lna"),
        ("Daesh", "org:islamic-state"), ("Ansar Allah", "org:houthis"), ("UNSMIL", "org:unsmil"),
    ],
)
def test_lookup(dictionary: ActorDictionary, name: str, actor_id: str) -> None:
    entry = dictionary.lookup(name)
    assert entry is not None and entry.id == actor_id


def test_acronyms_are_case_sensitive(dictionary: ActorDictionary) -> None:
    assert dictionary.lookup("us") is None
    assert dictionary.lookup("un") is None


def test_demonyms_and_metonyms(dictionary: ActorDictionary) -> None:
    assert dictionary.demonym("Egyptians").id == "country:EGY"
    assert dictionary.metonym("the Kremlin").id == "country:RUS"
    assert dictionary.metonym("Tripoli") is None  # a contested seat is not the state


def test_counts_by_kind(dictionary: ActorDictionary) -> None:
    counts = dictionary.counts_by_kind()
    assert counts["country"] == 197 and counts["person"] > 50 and counts["organization"] > 50
    assert sum(counts.values()) == len(dictionary)


def test_user_file_extends_existing_entry_and_adds_new(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "provenance: test\nentries:\n"
        "- {id: 'person:khalifa-haftar', aliases: [Zorblat Haftarovich]}\n"
        "- {id: 'org:blue-hand', name: Blue Hand Brigade, kind: organization, acronyms: [BHB]}\n",
        encoding="utf-8",
    )
    d = load_dictionary([user])
    assert d.lookup("Zorblat Haftarovich").id == "person:khalifa-haftar"
    assert d.lookup("Khalifa Haftar").id == "person:khalifa-haftar"
    assert d.lookup("BHB").id == "org:blue-hand"


@pytest.mark.parametrize(
    "body",
    [
        "entries: []\n",  # no provenance
        "provenance: x\nentries:\n- {id: 'nonsense', name: X}\n",  # bad id
        "provenance: x\nentries:\n- {id: 'org:x', name: X, colour: red}\n",  # unknown field
        "provenance: x\nentries: [\n",  # broken YAML
        "provenance: x\nentries:\n- {id: 'org:x', name: X, part_of: 'org:y'}\n",  # not a state
        "provenance: x\nentries:\n- {id: 'org:x', name: X, part_of: 'country:XQZ'}\n",  # unknown
    ],
)
def test_bad_user_file_names_the_file(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "broken_actors.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError, match="broken_actors.yaml"):
        load_dictionary([bad])


def test_dictionary_part_of_reaches_the_actor(tmp_path: Path) -> None:
    """An organ's state travels from the dictionary to the entry (answer keys fold it)."""
    mine = tmp_path / "organs.yaml"
    mine.write_text("provenance: test\nentries:\n- {id: 'org:egypt-navy', name: Egyptian "
                    "Navy, kind: organization, country: EGY, sector: MIL, "
                    "part_of: 'country:EGY'}\n", encoding="utf-8")
    d = load_dictionary([mine])
    assert d.lookup("Egyptian Navy").part_of == "country:EGY"
    assert d.lookup("Egyptian Armed Forces").part_of == "country:EGY"
    assert d.lookup("Rapid Support Forces").part_of is None  # not an organ of Sudan
