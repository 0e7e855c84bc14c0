"""Acts told again: "such operations", "the strikes", "condemned the attack".

Why apart from the extractor: an event noun with a definite or demonstrative determiner and
no party of its own retells an act told shortly before, and a judgement of such a noun aims
at that act's author; both look back over the events already coded in the article.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from newsgraph.events.clauses import token_at
from newsgraph.records import Event, Place

ANAPHOR_DETS = {"such", "these", "those", "this", "that", "the"}
ANAPHOR_REACH = 1500  # characters back within which "such operations" names an act told before
ACT_FAMILY = {"MOBILIZE": "OFFENSIVE", "ASSAULT": "OFFENSIVE"}


def is_demonstrative(tok: Token) -> bool:
    """"such/these/those operations": a determiner that points back to something told."""
    return any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in ANAPHOR_DETS - {"the"}
               for c in tok.children)


def anaphoric_act(tok: Token, etype: str, earlier: list[Event],
                   target: list[str]) -> tuple[list[str], list[str]]:
    """"The Ruritanian army carried out raids. Such operations could recur": an event noun with
    a demonstrative or definite determiner and no actor of its own retells the latest act of
    the same kind told just before; it takes that act's parties (its own target wins)."""
    kids = [c for c in tok.children if c.dep_ != "punct"]
    dets = {c.lower_ for c in kids if c.dep_ in {"det", "amod", "predet"}}
    demonstrative = is_demonstrative(tok)
    if not dets & ANAPHOR_DETS or any(c.dep_ in {"poss", "nummod"} for c in kids):
        return [], target
    if any(c.dep_ == "prep" and c.lower_ in {"between", "with", "by", "of", "against", "on"}
           for c in kids):
        return [], target  # "the negotiations between the officers": its own parties, unnamed
    if not demonstrative and any(c.dep_ not in {"det"} for c in kids):
        return [], target  # "the first talks", "the planned assault": "the" alone retells
    family = ACT_FAMILY.get(etype, etype)
    fits = []
    for ev in reversed(earlier):
        if ev.evidence.start >= tok.sent.start_char:
            continue  # an act of the same sentence is a different one ("X raided Y; the raid")
        if tok.idx - ev.evidence.end > ANAPHOR_REACH:
            break
        if ACT_FAMILY.get(ev.type, ev.type) == family and ev.status != "hypothetical":
            fits.append(ev)
    # the act told with the same word first ("warplanes struck ... the strikes hit"), else
    # the latest of its kind
    same = [e for e in fits if told_with(e, tok)]
    for ev in (same or fits)[:1]:
        return list(ev.source), target or [t for t in ev.target if t not in ev.source]
    return [], target


def judged_act_author(tok: Token, earlier: list[Event], noun_types: Any,
                       source: list[str]) -> list[str]:
    """"Iran condemned the strikes": a judgement whose object is a definite event noun with no
    party of its own is aimed at whoever did the act just told (its source)."""
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        types = {r.type for r in noun_types(obj.lemma_)}
        if not types:
            continue
        # an act told with the same word ("struck" ... "the strikes"), or one of its paragraph:
        # "welcomed the agreement" is no verdict on whatever was last agreed pages before
        para = tok.doc.text.rfind("\n\n", 0, tok.idx)
        told = [e for e in earlier if e.evidence.start > para or told_with(e, obj)]
        found, _ = anaphoric_act(obj, next(iter(sorted(types))), told, [])
        return [a for a in found if a not in source]
    return []


def told_with(ev: Event, word: Token) -> bool:
    """Whether ``ev`` was told with the same word as ``word`` ("struck" / "the strikes",
    "attacked" / "the attack": the lemmas' first four letters)."""
    if ev.evidence.trigger_start is None:
        return False
    trig = token_at(word.doc, ev.evidence.trigger_start)
    return trig is not None and trig.lemma_.lower()[:4] == word.lemma_.lower()[:4]


RETOLD_VENUE_TYPES = {"CONSULT", "AGREE"}
RETOLD_MARKS = {"latest", "last", "current", "ongoing", "recent", "previous"}


def retold_venue(tok: Token, etype: str, parties: list[str],
                  earlier: list[Event]) -> Place | None:
    """"Talks between X and Y opened in C. The talks resumed": a definite gathering noun with
    no place of its own ("the talks", "the latest round of talks") retells the latest earlier
    gathering of the same kind between overlapping parties, and took place where it did."""
    head = tok
    if tok.head.lower_ == "of" and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
        head = tok.head.head  # "the latest round of talks"
    kids = list(head.children)
    if not any(c.dep_ in {"det", "amod"} and c.lower_ in ANAPHOR_DETS | RETOLD_MARKS
               for c in kids) or any(c.dep_ in {"poss", "nummod"} for c in kids):
        return None
    if any(c.lower_ in {"first", "new", "next", "another"} for c in kids):
        return None  # "the first talks", "a new round": another gathering
    for ev in reversed(earlier):
        if ev.evidence.start >= tok.sent.start_char or ev.type != etype:
            continue
        if ev.status == "hypothetical" or not set(parties) & {*ev.source, *ev.target}:
            continue
        if ev.location is not None:
            return ev.location
    return None
