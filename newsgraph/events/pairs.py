"""Which two sides "the two sides" stands for when they fight.

Why apart from the actor index: the index keeps the last cooperative pair (talks, deals)
for "the two sides agreed"; a fight told later ("the two sides clashed") refers back to the
last fight between two parties instead, which a cooperative act must not pick up ("attacked
Y ... a deal for both sides to sign" is still the deal's parties).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.args import PAIR_REACH
from newsgraph.records import Event

HOSTILE_PAIR_TYPES = frozenset({"ASSAULT"})


def hostile_pair(tok: Token, earlier: list[Event]) -> list[str]:
    """The attacker and the attacked of the last fight between two told shortly before
    ``tok`` (not a hypothetical one), or [] when there is none."""
    for ev in reversed(earlier):
        at = ev.evidence.trigger_start if ev.evidence.trigger_start is not None \
            else ev.evidence.start
        if ev.type not in HOSTILE_PAIR_TYPES or ev.status == "hypothetical" \
                or not at < tok.idx <= at + PAIR_REACH:
            continue
        ids = [*ev.source, *ev.target]
        if len(ev.source) == len(ev.target) == 1 and ids[0] != ids[1] \
                and not any(i.startswith("agent:") for i in ids):
            return ids
    return []
