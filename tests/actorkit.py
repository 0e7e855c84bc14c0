"""Helpers for actor tests that run the resolver on one invented sentence (the fixture
``resolver`` with the built-in dictionary lives in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsgraph.actors.dictionary import load_dictionary
from newsgraph.actors.resolver import ActorResolver
from newsgraph.records import Actor, Article, Mention


def resolve(nlp: spacy.Language, resolver: ActorResolver,
            text: str) -> tuple[list[Actor], list[Mention]]:
    """Actors and mentions of ``text``; every mention's offsets must point at its text."""
    actors, mentions = resolver.resolve(nlp(text), Article(doc_id="t", text=text,
                                                           content_hash="h"))
    assert all(text[m.start:m.end] == m.text for m in mentions)
    return actors, mentions


def actors_of(nlp: spacy.Language, resolver: ActorResolver, text: str) -> list[Actor]:
    return resolve(nlp, resolver, text)[0]


def names_of(actors: list[Actor]) -> set[str]:
    return {n for a in actors for n in [a.name, *a.aliases]}


def user_actor_file(tmp_path_factory: pytest.TempPathFactory, yaml_text: str) -> Path:
    """A user actor file with ``yaml_text`` (invented actors), as `ingest --actors` takes."""
    user = tmp_path_factory.mktemp("actors") / "user.yaml"
    user.write_text(yaml_text, encoding="utf-8")
    return user


def resolver_with(tmp_path_factory: pytest.TempPathFactory, yaml_text: str) -> ActorResolver:
    """A resolver over the built-in dictionary plus a user file of invented actors."""
    return ActorResolver(load_dictionary([user_actor_file(tmp_path_factory, yaml_text)]))


def mentions_of(nlp: spacy.Language, resolver: ActorResolver, text: str,
                published: str | None = None) -> list[Mention]:
    """Mentions of ``text`` read as an article published on ``published``."""
    article = Article(doc_id="t", text=text, content_hash="h", published=published)
    return resolver.resolve(nlp(text), article)[1]
