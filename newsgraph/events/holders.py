"""Targets named by where an act struck: "struck targets in southern Lebanon" is aimed at
Lebanon, "air strikes on military sites in Iran" at Iran.

A place noun (lexicon ``holder_nouns``: positions, sites, bases ...) that names no owner of
its own ("positions of X" and "X's bases" are X already) stands for the country it lies in,
in a slot that names what the act is aimed at (object, "on", "against" ...); "to", "from"
and "with" slots are destinations, origins and partners ("aid to camps in C"). A city is
the location, never the target, and the doer's own country is no target ("raided homes in
<its own country>").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from newsgraph.nlp.syntax import expand_conj, pobjs

HOLDER_SLOTS = frozenset({"dobj", "prep:on", "prep:against", "prep:at", "prep:of", "prep:into",
                          "prep:targeting", "xcomp", "purpose"})
HOLDER_LOCATIVES = frozenset({"in", "inside", "across", "throughout"})


def owner_named(noun: Token) -> bool:
    """"Kurdish positions", "Hamas's tunnels": a name or possessor tells whose the place is,
    though no actor stands for it; its country then is no party either."""
    return any(c.dep_ == "poss" or c.dep_ in {"amod", "compound", "nmod"} and (
        c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "ORG", "GPE", "PERSON"})
        for c in noun.children)


def country_at(index: Any, tok: Token) -> str | None:
    """The country id a place token names ("in Iran", "in southern Lebanon"), or None for a
    city or region: an actor mention of a country, else the actor dictionary (the actor
    stage leaves a country named only as a place unmapped)."""
    if tok.i in index.token_actor:
        aid = index.token_actor[tok.i]
        return aid if getattr(index.actors.get(aid), "kind", None) == "country" else None
    if index.dictionary is None:
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None or ent.label_ not in {"GPE", "LOC"}:
        return None
    words = [t.text for t in ent if t.dep_ != "det" and t.lower_ not in index.region_words
             and t.lemma_.lower() not in index.region_words]
    entry = index.dictionary.lookup(" ".join(words)) if words else None
    return entry.id if entry is not None and entry.kind == "country" else None


def states_of(index: Any, tok: Token) -> set[str]:
    """Country ids a party token stands for or belongs to ("Israeli troops", an army whose
    actor record names its state): the doer's own country is never its target."""
    out: set[str] = set()
    for aid in index.of_token(tok):
        actor = index.actors.get(aid)
        if actor is not None and actor.kind == "country":
            out.add(aid)
        elif getattr(actor, "country", None):
            out.add(f"country:{actor.country}")
    if index.dictionary is None:
        return out
    for t in [tok, *(c for c in tok.children if c.dep_ in {"amod", "compound"})]:
        if t.i not in index.token_actor:
            entry = index.dictionary.demonym(t.text) or index.dictionary.lookup(t.text)
            if entry is not None and entry.kind == "country":
                out.add(entry.id)
    return out


def region_of(index: Any, tok: Token) -> Token:
    """"in the south of C", "in the northern part of C": C."""
    if tok.lemma_.lower() in index.region_words:
        return next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in pobjs(p)), tok)
    return tok


def holder_countries(index: Any, toks: list[Token],
                     doer_states: Callable[[], set[str]]) -> list[Token]:
    """Country tokens that the place nouns among ``toks`` (one aimed-at slot) lie in, other
    than the doer's own (``doer_states``, asked only when a country is found)."""
    out: list[Token] = []
    doer: set[str] | None = None
    for t in (c for x in toks for c in expand_conj(x)):
        if t.i in index.token_actor or t.lemma_.lower() not in index.holder_nouns \
                or index.of_token(t) or owner_named(t):
            continue
        # "in C" on the noun, or after it on the word it hangs on ("struck targets in C")
        anchor = t.head.head if t.dep_ == "pobj" else t.head
        preps = [p for p in t.children if p.dep_ == "prep"] + [
            p for p in anchor.children if p.dep_ == "prep" and p.i > t.i and t.dep_ != "conj"]
        for p in (p for p in preps if p.lower_ in HOLDER_LOCATIVES):
            for o in (c for x in pobjs(p) for c in expand_conj(region_of(index, x))):
                cid = country_at(index, o)
                if cid is None:
                    continue
                if doer is None:
                    doer = doer_states()
                if cid not in doer:
                    out.append(o)
    return list(dict.fromkeys(out))
