"""Which party a phrase around an argument noun names, when the parse alone misleads.

Why a separate module: these are small judgements on one noun phrase that the slot reader
(args.py) and the state/mediator readers share, and args.py is kept short:

* "X and Y, as guarantor countries, called for ...": the parser makes the subject noun the
  root and hangs the verb on it as a clause; the noun is the verb's subject.
* "a ceasefire brokered by Z", "talks mediated by Z": a participle of a mediating verb on an
  agreement or talks noun names the mediator, never a party of the act.
* "rejected a proposal by Z": a "by" phrase on the object noun of a judging verb names the
  author of what is judged (the target), never the doer.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from spacy.tokens import Token

from newsgraph.nlp.syntax import pobjs

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_HEAD_POS = frozenset({"PROPN", "NOUN"})
# Participles that make their "by" phrase the go-between of an agreement or talks (closed
# class of English verbs; their nouns are in the status lexicon's mediator words).
MEDIATING_PARTICIPLES = frozenset({"broker", "mediate", "sponsor", "facilitate", "host",
                                   "arrange", "negotiate", "guarantee", "oversee"})


def misparsed_root_subject(verb: Token) -> Token | None:
    """The subject noun of a finite verb without a subject hung as a clause on a sentence-root
    noun (or on its apposition) before it: "Norway and Cuba, as guarantor countries, called
    for restraint", "X, the main guarantor, called ...": the parser lost the subject link."""
    head = verb.head
    if verb.dep_ not in {"advcl", "acl", "relcl", "ccomp"} or head.i >= verb.i:
        return None
    if head.dep_ == "appos" and head.pos_ == "NOUN":
        head = head.head  # "X, the main guarantor, called": X
    if head.dep_ != "ROOT" or head.pos_ not in SUBJECT_HEAD_POS:
        return None
    if verb.tag_ not in FINITE_TAGS and not any(
            c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in verb.children):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "mark"} for c in verb.children):
        return None
    # a relative or clause word between the noun and the verb makes it a real clause
    if any(t.tag_ in {"WDT", "WP", "WP$", "WRB"} or t.lower_ == "that"
           for t in verb.doc[head.i + 1:verb.i]):
        return None
    return head


def object_authors(noun: Token, judged_nouns: Collection[str] = ()) -> list[Token]:
    """"rejected a proposal by Z", "backed a plan by Z": the "by" object on the object
    noun names the author of what is judged. ``judged_nouns``: when given, only these
    head nouns count (documents, proposals ...); otherwise any noun that is no agent."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    if judged_nouns and noun.lemma_.lower() not in judged_nouns:
        return []
    return [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for o in pobjs(c)]


def brokered_act(verb: Token) -> bool:
    """"agreed to a ceasefire brokered by Z", "signed a deal sponsored by Z": a mediating
    participle on a noun that is itself an argument of another clause tells who mediated
    that act, not a second act of Z's (a stand-alone "a truce brokered by Z took effect"
    keeps Z as the one who brokered it)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" \
            or verb.lemma_.lower() not in MEDIATING_PARTICIPLES:
        return False
    return verb.head.dep_ in {"dobj", "pobj", "conj", "appos", "attr"}


def self_authored(index: Any, verb: Token, subjects: list[Token]) -> bool:
    """"The eastern government rejected a proposal by the GNU", with "the eastern government"
    resolved to the GNU by a descriptor or pronoun: nobody judges their own proposal, so the
    resolved subject is wrong and the author stays the target only."""
    if not subjects or any(s.pos_ not in {"NOUN", "PRON"} for s in subjects):
        return False
    authors = {a for o in verb.children if o.dep_ in {"dobj", "obj"}
               for a in index.of_tokens(object_authors(o))}
    doers = set(index.of_tokens(subjects))
    return bool(authors) and bool(doers) and doers <= authors


def left_partners(index: Any, toks: list[Token]) -> list[Token]:
    """"withdrew from the talks with Y", "pulled out of the deal with Y": the partner of the
    talks or deal left (a noun that names no actor itself) is the party turned away from."""
    return [o for t in toks if t.pos_ == "NOUN" and not index.of_token(t)
            for p in t.children if p.dep_ == "prep" and p.lower_ in {"with", "between"}
            for o in pobjs(p)]
