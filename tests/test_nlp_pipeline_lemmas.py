"""Lemma fixes applied by load_nlp: "staged" must lemmatise to "stage", not "stag".

Pattern files list "stage" as a light verb ("staged a protest / an attack"); with the
model's own lemma the rules would never fire.
"""

from __future__ import annotations

import pytest

from newsgraph.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def md():
    return load_nlp("md")


@pytest.mark.parametrize("text,form", [
    ("The Northern Liberation Front staged a protest in Nairobi.", "staged"),
    ("Staged attacks were reported near Vienna.", "Staged"),
    ("Ruritanian forces are staging an offensive.", "staging"),
])
def test_staged_lemma_is_stage(md, text: str, form: str) -> None:
    tok = next(t for t in md(text) if t.text == form)
    assert tok.lemma_ == "stage"


@pytest.mark.parametrize("text,form,lemma", [
    ("Ruritanian troops attacked the stage in Vienna.", "attacked", "attack"),
    ("Mira Tolvan stages rallies.", "stages", "stage"),
])
def test_other_lemmas_untouched(md, text: str, form: str, lemma: str) -> None:
    tok = next(t for t in md(text) if t.text == form)
    assert tok.lemma_ == lemma
