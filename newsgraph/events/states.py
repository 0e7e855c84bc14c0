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

from typing import Any

from spacy.tokens import Span, Token

STATE_LABELS = {"GPE", "NORP", "ORG", "LOC"}  # NER often calls a state ORG; the dictionary decides
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
LOCATIVE_SLOTS = {"prep:in", "prep:at", "prep:near", "prep:inside", "prep:outside",
                  "prep:across", "prep:throughout", "prep:within", "prep:from"}
# A demonym or country modifier stands for the state only on the state's organs and
# weapons ("Israeli troops", "a U.S. warplane") or on what a state proposes or does
# ("rejected a U.S. request"); "Libyan groups", "Afghan refugees" are people, not the state.
STATE_HEADS = {"government", "army", "military", "force", "troop", "soldier", "police", "navy",
               "authority", "official", "ministry", "administration", "regime", "cabinet",
               "parliament", "diplomat", "delegation", "envoy", "ambassador", "embassy",
               "warplane", "jet", "aircraft", "artillery", "tank", "drone", "warship",
               "gunboat", "helicopter", "missile", "negotiator", "leadership", "state",
               "request", "proposal", "plan", "demand", "offer", "initiative", "policy",
               "decision", "claim", "change", "call", "resolution", "bid", "intervention",
               "interference", "aggression", "occupation", "presence", "position", "attack",
               "strike", "raid", "offensive", "sanction", "embargo", "aid", "support"}


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


def state_of(tok: Token, dictionary: Any, mapped: dict[int, str]) -> tuple[str, str] | None:
    """(country id, surface) that a slot token names ("Russia") or that modifies it
    ("a U.S. request", "Israeli troops"), when no actor mention covers it."""
    if dictionary is None:
        return None
    if any(c.dep_ == "relcl" and any(d.i in mapped for d in c.subtree) for c in tok.children):
        return None  # "flew to X, where he met Y": the meeting is coded on "met"
    cands = [(tok, True)]
    if tok.lemma_.lower() in STATE_HEADS:
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
