"""The gazetteer's on-disk cache: same lookups as a fresh build, and safe when absent,
corrupt, switched off or bypassed by user place files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.nlp.places import Gazetteer, cache_dir

NAMES = [
    ("Tripoli", None), ("Tripoli", "LB"), ("Misratta", "LY"), ("Al-Wattia", None),
    ("western Libya", None), ("the outskirts of Tripoli", "LY"), ("Tripoli, Lebanon", None),
    ("Wattiya", None), ("UAE", None), ("GNA", None), ("Georgia", None), ("Khartoum", "SD"),
    ("Kharkiv", None), ("Nowhereville", None), ("El Fasher", None), ("Idlib", "SY"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """A cold build (written to a fresh cache dir) and a warm load (read from it)."""
    where = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSGRAPH_CACHE_DIR", str(where))
        cold = Gazetteer()
        files = sorted(where.glob("gazetteer-*.bin"))
        warm = Gazetteer()
    return where, files, cold, warm


def test_cold_build_writes_one_cache_file(built) -> None:
    _, files, _, _ = built
    assert len(files) == 1 and files[0].stat().st_size > 1_000_000


@pytest.mark.parametrize(("name", "prefer"), NAMES)
def test_warm_load_resolves_like_the_build(built, name: str, prefer: str | None) -> None:
    _, _, cold, warm = built
    assert warm.lookup(name, prefer) == cold.lookup(name, prefer)


def test_corrupt_cache_is_rebuilt(built, monkeypatch: pytest.MonkeyPatch) -> None:
    where, files, cold, _ = built
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(where))
    files[0].write_bytes(files[0].read_bytes()[:-10] + b"0123456789")  # same size, bad digest
    again = Gazetteer()
    assert again.lookup("Misratta", "LY") == cold.lookup("Misratta", "LY")
    assert files[0].read_bytes()[-10:] != b"0123456789"  # rewritten whole


def test_empty_cache_dir_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", "")
    assert cache_dir() is None


def test_default_cache_dir_is_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "newsgraph"


def test_user_place_files_are_not_cached(built, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    where, _, _, _ = built
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(where))
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "provenance: test fixture, fictional places\n"
        "places:\n  - {name: Qarn Zorgleb, country: LY, lat: 30.1, lon: 15.2, precision: site}\n",
        encoding="utf-8",
    )
    before = set(where.iterdir())
    gazetteer = Gazetteer(extra_files=[extra])
    assert gazetteer.lookup("Qarn Zorgleb") is not None
    assert set(where.iterdir()) == before
