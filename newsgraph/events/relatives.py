"""Acts told inside a relative clause or a document, and acts an announcement performs.

Why apart: "X, which is backed by Y, seized Z" tells a standing relation beside the main act;
"a resolution that demands X stop" is a demand by whoever adopted the resolution; "X announced
its withdrawal" performs the withdrawal rather than reporting it. These are questions about
the parse around one trigger, answered the same way for every event type.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Token

from newsgraph.events.args import Args, relative_head
from newsgraph.events.patterns import PatternSet

NOUN_POS = frozenset({"NOUN", "PROPN"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def relative_clause(trigger: Token) -> Token | None:
    """The verb of the relative clause a verb trigger stands in ("Y, which is backed by X" ->
    backed), or None: a relative clause tells its own act, not the main clause's."""
    t = trigger
    if t.pos_ not in {"VERB", "AUX"}:
        return None
    for _ in range(4):
        if t.dep_ == "relcl":
            return t
        if t.dep_ not in {"xcomp", "conj"} or t.head.i == t.i or t.head.pos_ not in {"VERB", "AUX"}:
            return None
        t = t.head
    return None


def outside_relative(char: int, trigger: Token) -> bool:
    """Whether the text at ``char`` lies outside the present-tense relative clause the
    trigger stands in ("X, which is backed by Y, seized Z on Monday": Monday dates the
    seizure, not the standing backing). A past relative clause ("Assad, who fled the country")
    still takes the main clause's date, and so does a clause on the date itself ("in January
    2014, when he rejected ...")."""
    verb = relative_clause(trigger)
    if verb is None or not any(t.tag_ in PRESENT_TAGS for t in [verb, *verb.children]
                               if t.i == verb.i or t.dep_ in {"aux", "auxpass"}):
        return False
    toks = list(verb.subtree)
    return not toks[0].idx <= char < toks[-1].idx + len(toks[-1])


def document_author(verb: Token, args: Args, patterns: PatternSet) -> list[Token]:
    """"X adopted a resolution that demands Y stop ...": the act's subject is a document noun
    (lexicon ``document_nouns``: resolution, statement, decision ...) with no actor of its own,
    so the one who issued it acts -- the subject of the nearest governing verb that issues
    documents (a light or agreeing verb: "issued", "adopted"; not "criticised the government
    that ...").
    The parser often hangs the document on a later verb ("a resolution ... stop the siege",
    conj of "adopted"): the climb goes on through such verbs."""
    documents = patterns.lexicon.document_nouns
    nouns = [relative_head(t) for t in args.subject_tokens(verb)[0]]

    def is_actor(t: Token) -> bool:
        return t.i in args.index.token_actor

    if not nouns or not all(n.pos_ in NOUN_POS and not is_actor(n)
                            and n.lemma_.lower() in documents for n in nouns):
        return []
    doc_noun = nouns[0]
    for anc in doc_noun.ancestors:
        if anc.pos_ not in {"VERB", "AUX"} or anc.i == verb.i:
            continue
        subs = [c for c in anc.children if c.dep_ in SUBJECT_DEPS and c.i != doc_noun.i
                and c.i < doc_noun.i]
        if subs:
            issues = anc.lemma_.lower() in patterns.light_verbs or any(
                r.type == "AGREE" for r in patterns.verb_rules(anc.lemma_))
            return subs if issues and all(is_actor(s) for s in subs) else []
    return []


def announced_act(trigger: Token, speech_verbs: Collection[str]) -> bool:
    """"X announced its withdrawal / declared its support": the event noun is the object of
    the saying verb itself, so the saying performs the act; its speaker is its doer, no
    reporter ("said it had struck Y" still is X's report; so is "announced the start of")."""
    return trigger.pos_ in NOUN_POS and trigger.dep_ == "dobj" \
        and trigger.head.lemma_.lower() in speech_verbs


def avoided_act(trigger: Token, negating: Collection[str],
                asked: Callable[[Token], bool]) -> bool:
    """"urged Y to avoid striking Z", "called on X to refrain from attacks": the act under
    "avoid/refrain from/stop" inside a request is not told at all (not even negated)."""
    t = trigger
    if t.pos_ in NOUN_POS and t.dep_ == "dobj":
        t = t.head
    elif t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in {"VERB", "AUX"}:
        t = t.head.head  # "refrain from attacks"
    elif t.dep_ == "pcomp" and t.head.dep_ == "prep":
        t = t.head.head  # "refrain from attacking"
    elif t.dep_ == "xcomp" and t.i != t.head.i:
        t = t.head  # "avoid striking"
    else:
        return False
    if t.i == trigger.i or t.lemma_.lower() not in negating:
        return False
    return asked(t)

