"""Pattern files: shipped coverage, user files, and validation errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.events.patterns import load_patterns
from newsgraph.records import PLOVER_TYPES


def test_shipped_patterns_cover_every_plover_type() -> None:
    ps = load_patterns()
    verb_types = {r.type for rules in ps.verbs.values() for r in rules}
    noun_types = {r.type for rules in ps.nouns.values() for r in rules}
    assert set(PLOVER_TYPES) <= verb_types | noun_types
    assert len(ps.verbs) >= 250 and len(ps.nouns) >= 80
    assert "say" in ps.reporting_verbs and "will" in ps.status.planned_aux


@pytest.mark.parametrize(
    ("lemma", "nominal", "expected"),
    [("supply", False, "AID"), ("veto", False, "REJECT"), ("talk", True, "CONSULT"),
     ("embargo", True, "SANCTION"), ("arrest", False, "COERCE"), ("withdraw", False, "RETREAT")],
)
def test_lookup_by_lemma(lemma: str, nominal: bool, expected: str) -> None:
    ps = load_patterns()
    rules = ps.noun_rules(lemma) if nominal else ps.verb_rules(lemma)
    assert expected in {r.type for r in rules}


def test_noun_compounds_are_indexed_by_head() -> None:
    rules = load_patterns().noun_rules("strike")
    assert ("strike", "air") in {r.words for r in rules}


def test_user_file_adds_a_trigger_and_wins(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "provenance: test\n"
        "verbs:\n"
        "  - lemmas: [shellac]\n"
        "    type: ASSAULT\n"
        "    mode: custom\n"
        "    target: [dobj]\n",
        encoding="utf-8",
    )
    ps = load_patterns([user])
    assert ps.verb_rules("shellac")[0].mode == "custom"
    assert ps.verb_rules("shellac")[0].cameo == "19"  # default root for the type
    assert str(user) in ps.files


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("verbs:\n  - lemmas: [x]\n    type: BOMBARD\n", "unknown PLOVER type"),
        ("verbs:\n  - lemmas: [x]\n    type: AID\n    cameo: '42'\n", "CAMEO root"),
        ("verbs:\n  - lemmas: [x]\n    type: AID\n    source: [nowhere]\n", "unknown argument slot"),
        ("verbs:\n  - lemmas: []\n    type: AID\n", "lemmas"),
        ("verbs:\n  - lemmas: [x]\n    type: AID\n    requires: {words: [$nope]}\n",
         "unknown word set"),
        ("verbs: [\n", "not valid YAML"),
    ],
)
def test_bad_user_file_names_the_file(tmp_path: Path, body: str, fragment: str) -> None:
    bad = tmp_path / "bad_patterns.yaml"
    bad.write_text("provenance: test\n" + body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_patterns([bad])
    assert "bad_patterns.yaml" in str(err.value)
    assert fragment in str(err.value)


def test_missing_provenance_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "noprov.yaml"
    bad.write_text("verbs: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="noprov.yaml.*provenance"):
        load_patterns([bad])


@pytest.mark.parametrize(
    ("lemma", "nominal", "cameo"),
    [("demand", False, "10"), ("demand", True, "10"), ("urge", False, "02"),
     ("investigate", False, "09"), ("apologize", False, "05")],
)
def test_cameo_roots_follow_cameo_not_plover(lemma: str, nominal: bool, cameo: str) -> None:
    """PLOVER merges demands into REQUEST; CAMEO keeps them verbal conflict (10)."""
    ps = load_patterns()
    rules = ps.noun_rules(lemma) if nominal else ps.verb_rules(lemma)
    assert rules and rules[0].cameo == cameo
