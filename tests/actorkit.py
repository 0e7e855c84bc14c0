"""Helpers for actor tests that run the resolver on one invented sentence (the fixture
``resolver`` with the built-in dictionary lives in conftest.py)."""

from __future__ import annotations

import spacy

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
