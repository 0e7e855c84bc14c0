"""Phrases around an act that place it, or that must not: its aim and the reason given for it.

Why: "air strikes on military sites in Iran" happen in Iran (the place of the strike's aim),
while "Iran fired missiles at Israel in response to the killing of Y in Beirut" did not happen
in Beirut: a place inside a reason or retaliation phrase belongs to the act that phrase names.
Only grammar words live here; the event nouns and the reason nouns ("in response to", lexicon
``reason_nouns``) come from the pattern files.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from newsgraph.nlp.syntax import pobjs

# "strikes on/against X", "fired at X": the object these introduce is what the act aims at
AIM_PREPS = frozenset({"on", "upon", "against", "at"})
# "after / over / following" + an event noun: the earlier act, told as the reason or time
REASON_PREPS = frozenset({"after", "over", "following"})


def aim_objects(trigger: Token, skip: Collection[int] = ()) -> list[Token]:
    """Objects of the trigger's aim prepositions ("strikes on military sites"), leaving out
    the tokens in ``skip`` (actor mentions: "strikes on X" names a party, not a site)."""
    return [o for c in trigger.children if c.dep_ == "prep" and c.lower_ in AIM_PREPS
            for o in pobjs(c) if o.i not in skip]


def reason_phrase(prep: Token, event_nouns: Collection[str],
                  reason_nouns: Collection[str]) -> bool:
    """Whether a preposition opens a reason phrase: "in response to ...", "in retaliation
    for ...", or "after / over / following" + an event noun ("after the attack on ...")."""
    if prep.dep_ != "prep":
        return False
    objs = pobjs(prep)
    if prep.lower_ == "in" and any(o.lemma_.lower() in reason_nouns for o in objs):
        return True
    return prep.lower_ in REASON_PREPS and any(o.lemma_.lower() in event_nouns for o in objs)


def under_reason(tok: Token, stop: Collection[int], event_nouns: Collection[str],
                 reason_nouns: Collection[str]) -> bool:
    """Whether ``tok`` hangs inside a reason phrase below the tokens in ``stop`` (the trigger
    and its governors): its places are those of the act the phrase names."""
    for a in [tok, *tok.ancestors]:
        if a.i in stop:
            return False
        if reason_phrase(a, event_nouns, reason_nouns):
            return True
    return False
