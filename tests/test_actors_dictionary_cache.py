"""The actor dictionary's on-disk cache: the same dictionary as reading the files, with
and without user files, and user files still validated."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsgraph.actors.dictionary import ActorDictionary, load_dictionary
from newsgraph.errors import DataFileError

USER = """provenance: invented actors for tests
entries:
- id: person:zorba-kalandar
  name: Zorba al-Kalandar
  aliases: [Kalandar]
- id: country:LBY
  aliases: [Zorgland-by-the-Sea]
cues:
  titles: [Grand Vizier]
"""


def _state(d: ActorDictionary) -> tuple:
    return ([dataclasses.asdict(e) for e in d.entries], d.cues, d.max_words, d._by_key,
            d._acronyms, d._demonyms, d._metonyms)


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(where))
    return where


@pytest.fixture()
def user(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    return path


@pytest.mark.parametrize("with_user", [False, True])
def test_cached_equals_read(cache: Path, user: Path, with_user: bool) -> None:
    extra = [user] if with_user else []
    read = load_dictionary(extra, use_cache=False)
    cold = load_dictionary(extra)
    assert len(list(cache.glob("dictionary-*.bin"))) == 1  # the shipped files only
    warm = load_dictionary(extra)
    assert _state(cold) == _state(read) == _state(warm)
    assert (warm.get("person:zorba-kalandar") is not None) == with_user


def test_user_file_does_not_leak_into_the_cache(cache: Path, user: Path) -> None:
    load_dictionary([user])
    plain = load_dictionary()
    assert plain.get("person:zorba-kalandar") is None
    assert "Zorgland-by-the-Sea" not in plain.get("country:LBY").aliases


def test_bad_user_file_still_raises_with_a_warm_cache(cache: Path, tmp_path: Path) -> None:
    load_dictionary()
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="provenance"):
        load_dictionary([bad])


def test_corrupt_cache_is_read_around(cache: Path) -> None:
    load_dictionary()
    (blob,) = cache.glob("dictionary-*.bin")
    blob.write_bytes(b"x" * 64)
    assert _state(load_dictionary()) == _state(load_dictionary(use_cache=False))
