"""Small dependency-parse helpers shared by the actor and event stages."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token


def clause_subjects(tok: Token, deps: Iterable[str]) -> list[Token]:
    """Subjects (of the dependency labels ``deps``) of the verb ``tok`` hangs on, through a
    coordinated verb ("X met Y and urged him": X for "him")."""
    wanted = frozenset(deps)
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(3):
        subs = [c for c in verb.children if c.dep_ in wanted]
        if subs:
            return subs
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def expand_conj(tok: Token) -> list[Token]:
    """A token and its coordinated siblings ("Turkey and Qatar")."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c not in out:
                out.append(c)
                stack.append(c)
    return out


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, with "between X and Y" parsed as a conj under the prep."""
    out = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    out += [c for c in prep.children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}]
    return out
