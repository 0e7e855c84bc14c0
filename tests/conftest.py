"""Shared fixtures: the spaCy model is loaded once per test process."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp() -> spacy.Language:
    """en_core_web_md through the project's own offline loader."""
    return load_nlp("md")
