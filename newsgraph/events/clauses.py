"""Where a sentence's dates and lines belong: which date phrase dates which act.

Why apart from the extractor: these are questions about one sentence's parse and text (is
a line a glued headline, is a date a point in time or a period, does a date sit in a clause
that tells another act), answered the same way for every trigger.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsgraph.records import DateValue

# A period, not a point in time: "since 2014", "during 2014-2015" do not date what follows.
PERIOD_BEFORE = re.compile(r"\b(?:since|during|throughout|until|till|from|between|over|for)\s+$",
                           re.IGNORECASE)
DEADLINE_BEFORE = re.compile(r"\b(?:by|before|no later than)\s+$", re.IGNORECASE)
PERIOD_INSIDE = re.compile(r"\d\s*(?:-|–|—|to|and|until|through)\s*\d|\b(?:to|and|until|through)\s+\w",
                           re.IGNORECASE)
SIDE_CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "conj", "parataxis"})
NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl"})


TERMINAL = tuple(".!?:;\"”’)»")


def headline_ranges(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of title, dateline and credit lines the sentence splitter glued to a
    sentence: a line with no final punctuation that ends before a blank line, or that has no
    verb at all ("Tuesday 16/04/2019", "• AFP"). Hard-wrapped prose lines keep their verbs."""
    text, base = sent.text, sent.start_char
    whole = sent.doc.text
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return out
        line = text[pos:nl].strip()
        # (a blank line now always ends a sentence: look past the sentence for it)
        if line and not line.endswith(TERMINAL) and whole[base + nl:].strip():
            blank = whole[base + nl + 1:].lstrip(" \t").startswith("\n")
            span = sent.doc.char_span(base + pos, base + nl, alignment_mode="expand")
            verbless = span is not None and not any(t.pos_ in {"VERB", "AUX"} for t in span)
            if blank or verbless:
                out.append((base + pos, base + nl))
        pos = nl + 1


def point_in_time(value: DateValue, text: str) -> bool:
    """A date that can frame later sentences: no range, no "since/during" period."""
    if value.start is None:
        return True
    expr = text[value.start:value.end] if value.end is not None else value.text
    return not (PERIOD_BEFORE.search(text[max(0, value.start - 20):value.start])
                or PERIOD_INSIDE.search(expr))


SUBORDINATE_DEPS = {"relcl", "acl", "advcl", "pcomp", "appos", "csubj", "parataxis"}


def frames_sentence(value: DateValue, doc: Doc) -> bool:
    """A date of the sentence's main clause ("On Sunday, X flew to Y"), not of a side remark
    ("..., his first visit since taking office in June"): only such a date frames what
    follows."""
    if value.start is None:
        return False
    span = doc.char_span(value.start, value.end or value.start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span.root
    for _ in range(40):
        if t.head.i == t.i:
            return True
        if t.dep_ in SUBORDINATE_DEPS:
            return False
        t = t.head
    return False


def token_at(doc: Doc, char: int) -> Token | None:
    """The token holding character ``char`` (a date's or a trigger's start)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None else None


def in_side_clause(doc: Doc, char: int, clause: Span, trigger: Token) -> bool:
    """Whether the date at ``char`` sits in a clause nested in ``clause`` that tells another
    act: after the trigger any nested clause ("fought battles, ending with a truce in
    September"), before it only a clause on a noun ("Oman, which has mediated since 2022,
    urged"); other clauses before it are left alone, as a fronted date is often parsed into
    them ("... town\n\nOn Monday, X met Y")."""
    t = token_at(doc, char)
    if t is None:
        return False
    top = clause.root.i
    own = {trigger.i, *(a.i for a in trigger.ancestors)}
    while t.i != top and t.head.i != t.i:
        # after the trigger any nested clause; before it only a clause on a noun ("Oman,
        # which has mediated since 2022, urged ..."), a fronted date may hang on anything
        nested = SIDE_CLAUSE_DEPS if t.i > trigger.i else NOUN_CLAUSE_DEPS
        if t.dep_ in nested and (t.dep_ != "conj" or t.pos_ in {"VERB", "AUX"}):
            # a clause on the noun phrase of a nominal trigger tells of it ("the round of
            # talks, stalled on Wednesday"); any other nested clause tells another act
            if not (t.dep_ in NOUN_CLAUSE_DEPS and t.head.i in own and trigger.pos_ != "VERB"):
                return True
        t = t.head
    return False


def in_other_noun_clause(doc: Doc, char: int, trigger: Token) -> bool:
    """Whether the date at ``char`` sits in a relative or noun clause the trigger is not in."""
    tok = token_at(doc, char)
    if tok is None:
        return False
    mine = {trigger.i, *(a.i for a in trigger.ancestors)}
    return any(a.dep_ in NOUN_CLAUSE_DEPS and a.i not in mine and a.head.i not in mine
               for a in [tok, *tok.ancestors])


def through_verb(doc: Doc, char: int, noun: Token) -> bool:
    """Whether the date at ``char`` reaches ``noun`` through a verb ("his first visit since
    taking office in June": June dates the taking of office, not the visit)."""
    tok = token_at(doc, char)
    if tok is None:
        return True
    t = tok.head
    while t.i != noun.i and t.head.i != t.i:
        if t.pos_ in {"VERB", "AUX"}:
            return True
        t = t.head
    return False


# "will withdraw unless Y agrees": a future act with a condition of its own is a threat
CONDITION_MARKS = frozenset({"unless", "if"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})


def conditional_threat(verb: Token) -> bool:
    """A future act with its own "unless/if" clause: "will withdraw unless Y agrees"; ``verb``
    is the trigger's verb (a noun's light verb), climbed through "threatened to" / "said it
    would"."""
    for _ in range(3):
        future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
        cond = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                             for m in c.children) for c in verb.children)
        if future and cond:
            return True
        if verb.dep_ not in {"xcomp", "conj"} or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def participle_clause(tok: Token) -> tuple[Token, Token] | None:
    """", shelling positions of X": the parser reads a comma-led -ing verb before its object as
    a modifier of that noun; it is a participle clause of the main verb, whose subject does
    it. Returns (main verb, object noun), or None when ``tok`` is no such verb."""
    if tok.tag_ != "VBG" or tok.dep_ not in {"amod", "compound"} or tok.i == 0:
        return None
    noun = tok.head
    if noun.i <= tok.i or noun.pos_ not in {"NOUN", "PROPN"} \
            or tok.doc[tok.i - 1].text != ",":
        return None
    if any(t.dep_ not in {"amod", "compound"} for t in tok.doc[tok.i + 1:noun.i]):
        return None  # only the verb and other modifiers stand between comma and noun
    head = noun
    for _ in range(6):  # up from the object to the verb the clause hangs on
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"} and head.i < tok.i:
            return head, noun
    return None
