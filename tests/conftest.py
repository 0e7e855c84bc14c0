"""Shared fixtures: the spaCy model and the built-in actor resolver are loaded once per test
process (a test module with its own ``resolver``, e.g. with a user file, overrides it)."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp() -> spacy.Language:
    """en_core_web_md through the project's own offline loader."""
    return load_nlp("md")


@pytest.fixture(scope="session")
def resolver():  # type: ignore[no-untyped-def]
    """The actor resolver with the built-in dictionary and gazetteer."""
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.actors.resolver import ActorResolver
    from newsgraph.nlp.places import Gazetteer

    return ActorResolver(load_dictionary(), gazetteer=Gazetteer())
