"""States named in an argument slot that the actor stage kept as places.

Why: the actor stage keeps a country name only where the state visibly acts,
so "visited <country>", "rejected a <demonym> request", "defended <country>"
leave the slot empty although event coding (CAMEO/PLOVER) codes the state as
the party. Once a trigger has put the token in an argument slot, the grammar
says the state takes part, so the dictionary entry of the country fills the
slot. Only countries (not persons or groups), only through a named entity
or a demonym/compound modifier of the slot word, never through locative
prepositions ("in", "at", "near"): a venue is no party.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from spacy.tokens import Span, Token

from newsgraph.events.patterns import shipped_lexicon

STATE_LABELS = {"GPE", "NORP", "ORG", "LOC"}  # NER often calls a state ORG; the dictionary decides
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
LOCATIVE_SLOTS = {"prep:in", "prep:at", "prep:near", "prep:inside", "prep:outside",
                  "prep:across", "prep:throughout", "prep:within", "prep:from"}


def _entity(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent if ent.label_ in STATE_LABELS else None
    return None


def _strip(text: str) -> str:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1] in {"'s", "’s"}:
        words = words[:-1]
    return " ".join(words).removesuffix("'s").removesuffix("’s")


def state_of(tok: Token, dictionary: Any, mapped: dict[int, str],
             heads: Collection[str] | None = None) -> tuple[str, str] | None:
    """(country id, surface) that a slot token names ("Russia") or that modifies it
    ("a U.S. request", "Israeli troops"), when no actor mention covers it. ``heads``: the
    nouns a demonym modifier makes state organs or acts (``lexicon.state_heads``; a demonym
    on "groups" or "refugees" is people, not the state); the shipped list when None."""
    if dictionary is None:
        return None
    if heads is None:
        heads = shipped_lexicon().state_heads
    if any(c.dep_ == "relcl" and any(d.i in mapped for d in c.subtree) for c in tok.children):
        return None  # "flew to X, where he met Y": the meeting is coded on "met"
    cands = [(tok, True)]
    if tok.lemma_.lower() in heads:
        cands += [(c, False) for c in tok.children if c.dep_ in MODIFIER_DEPS]
    for t, head in cands:
        if t.i in mapped:
            continue
        ent = _entity(t)
        if ent is None:
            continue
        if any(i in mapped for i in range(ent.start, ent.end)):
            continue
        surface = _strip(ent.text)
        if not surface:
            continue
        # a demonym heading its phrase is the people ("ethnic Albanians"), not the state;
        # capitals are left to events/seats.py (visits, seats of authorities)
        entry = dictionary.lookup(surface) or (None if head else dictionary.demonym(surface))
        if entry is not None and entry.kind == "country":
            return entry.id, surface
    return None
