"""The word lists of the argument/context walks live in pattern YAML (``lexicon:``), are
validated on load and extended by a user's pattern files like every other section."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.events.patterns import load_patterns, shipped_lexicon


@pytest.mark.parametrize(("field", "word"), [
    ("motion_verbs", "travel"), ("subject_cues", "postpone"), ("state_heads", "government"),
    ("loyal_words", "loyal"), ("link_preps", "from"), ("auspices_nouns", "auspices"),
    ("opposing_prefixes", "anti"), ("example_preps", "including"), ("recipient_nouns", "export"),
    ("capital_nouns", "capital"), ("country_nouns", "country"), ("region_nouns", "region"),
    ("region_adjectives", "south"), ("entry_verbs", "enter"), ("venue_nouns", "sidelines"),
])
def test_shipped_lexicon_has_each_list(field: str, word: str) -> None:
    assert word in getattr(load_patterns().lexicon, field)
    assert word in getattr(shipped_lexicon(), field)


def test_user_file_extends_lexicon(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("provenance: test\nlexicon:\n  loyal_words: [beholden]\n", encoding="utf-8")
    lex = load_patterns([extra]).lexicon
    assert "beholden" in lex.loyal_words
    assert "loyal" in lex.loyal_words
    assert "beholden" not in shipped_lexicon().loyal_words


def test_unknown_lexicon_list_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("provenance: test\nlexicon:\n  loyalty_words: [x]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.yaml"):
        load_patterns([bad])


def test_user_word_map_entry_wins_and_keeps_the_rest(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("provenance: test\nlexicon:\n  region_adjectives: {middle: midland}\n",
                     encoding="utf-8")
    regions = load_patterns([extra]).lexicon.region_adjectives
    assert regions["middle"] == "midland"
    assert regions["south"] == "southern"
