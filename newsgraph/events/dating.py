"""Dating events that their own sentence leaves undated, by article-level rules.

Why: news stories date an occasion once and then refer back to it ("a conference in
Palermo last month" ... "convinced him to attend the Palermo conference"), open a story
with a framing date and continue it in the next paragraph ("In early 2020, Russia made
efforts ...\\n\\nThe Russian leadership invited ..."), and report past acts of the current
year against a publication date that bounds them. Each rule here only narrows what the text
itself supports; none invents a date from a period ("since 2014") or from a side remark.

Rules:
- Occasions: a noun naming an occasion (cues ``occasion_nouns``: conference, summit,
  visit ...) with a proper-name modifier ("the Palermo conference", "a summit in Sochi",
  "Haftar's Cairo visit") and a point-in-time date in its own clause is indexed under
  (noun, names). An undated event whose trigger is such a noun, or takes it as an argument
  ("attended the Palermo conference"), gets its date; a noun reached through a relation
  word ("after", "in the wake of": cues ``occasion_relations``) or a side clause does not
  date the event. A key dated twice with different dates dates nothing.
- Story continuity: the framing date of a paragraph carries into the next paragraph only
  when that paragraph's first sentence names an actor of the sentence that gave the date
  (and is not a quotation); it never goes further than one paragraph.
- Judged acts: an act that a judgement is about ("accused X of supplying arms", "blamed Y
  for the shelling": cues ``judgement_verbs``) takes neither the judgement's date nor its
  paragraph's; the text does not say when it happened.
- Publication bound: an occurred (or negated) event dated only to the publication year is
  narrowed to a month when at least 90% of the days from the start of that year up to the
  publication date fall in that month ("early 2020" in a report of 1 February 2020 is
  January 2020).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from newsgraph.records import DateValue, Event

OccasionKey = tuple[str, frozenset[str]]
NAME_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
NAME_PREPS = {"in", "at", "of", "to"}
NAME_ENTS = {"GPE", "LOC", "NORP", "ORG", "FAC", "EVENT", "PERSON"}
# Arguments through which an occasion noun dates its governing event.
ARG_DEPS = {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "xcomp", "attr", "dative", "agent",
            "oprd"}
DIRECT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "agent"}
QUOTES = ("\"", "“", "'", "‘", "«")
PAST_STATUS = {"occurred", "negated"}
MONTH_SHARE = 0.9


@dataclass
class Pending:
    """What may date an event its sentence left undated, settled after merging."""

    guess: DateValue | None  # from grammar: present tense, paragraph carry
    occasions: tuple[OccasionKey, ...] = ()
    full: bool = False  # the occasion is the trigger or its direct argument: keep its day


def _names(noun: Token) -> frozenset[str]:
    """Proper names that modify an occasion noun: "Palermo conference", "summit in Sochi"."""
    out: set[str] = set()

    def proper(t: Token) -> bool:
        return t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS and t.pos_ != "NUM"

    for c in noun.children:
        if c.dep_ in NAME_DEPS and proper(c):
            out.add(c.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ in NAME_PREPS:
            out.update(o.lemma_.lower() for o in c.children if o.dep_ == "pobj" and proper(o))
    return frozenset(out)


def _clause_root(tok: Token, clause_deps: frozenset[str]) -> Token:
    t = tok
    while t.dep_ not in clause_deps and t.head is not t:
        t = t.head
    return t


CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj", "acl"})


class OccasionIndex:
    """Named occasions of one article and the date the article gave each."""

    def __init__(self, nouns: Iterable[str], relations: Iterable[str]) -> None:
        self.nouns = frozenset(nouns)
        self.relations = frozenset(relations)
        self._dates: dict[OccasionKey, DateValue | None] = {}

    def key(self, noun: Token) -> OccasionKey | None:
        """(noun lemma, its proper names), or None for a generic noun ("the conference")."""
        lemma = noun.lemma_.lower()
        if lemma not in self.nouns or noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        names = _names(noun)
        return (lemma, names) if names else None

    def learn(self, sent: Span, dates: list[DateValue]) -> None:
        """Index the occasions of a sentence with the point-in-time date in each one's clause
        (``dates``: the sentence's dates that name no period), nearest first."""
        placed = [d for d in dates if d.start is not None]
        if not placed:
            return
        for tok in sent:
            key = self.key(tok)
            if key is None:
                continue
            root = _clause_root(tok, CLAUSE_DEPS)
            lo, hi = min(t.idx for t in root.subtree), max(t.idx for t in root.subtree) + 1
            inside = [d for d in placed if lo <= d.start < hi]  # type: ignore[operator]
            if not inside:
                continue
            best = min(inside, key=lambda d: abs((d.start or 0) - tok.idx))
            value = DateValue(best.value, best.precision)
            known = self._dates.get(key, value) if key in self._dates else value
            self._dates[key] = value if known == value else None  # two dates: ambiguous

    def refs(self, tok: Token) -> tuple[tuple[OccasionKey, ...], bool]:
        """Occasion keys an event trigger names: itself, or its arguments down to the nouns
        (not through relation words or side clauses); and whether one is direct."""
        found: list[OccasionKey] = []
        direct = False
        own = self.key(tok)
        if own is not None:
            return (own,), True
        stack = [(c, 1) for c in tok.children]
        while stack:
            t, depth = stack.pop()
            if depth > 4 or t.dep_ not in ARG_DEPS | {"compound", "poss"}:
                continue
            if t.lower_ in self.relations or (t.dep_ == "prep" and any(
                    c.lower_ in self.relations for c in t.children if c.dep_ == "pobj")):
                continue  # "after the summit", "in the wake of the conference"
            key = self.key(t)
            if key is not None and t.dep_ in ARG_DEPS:
                found.append(key)
                direct = direct or t.dep_ in DIRECT_DEPS and t.head is tok \
                    or t.dep_ == "pobj" and t.head.head is tok
            stack.extend((c, depth + 1) for c in t.children)
        return tuple(found), direct

    def date_of(self, keys: Iterable[OccasionKey]) -> DateValue | None:
        """The one date the article gave these occasions (a referring key matches a learned
        one when either's names include the other's); None when none or several."""
        values: set[tuple[str, str]] = set()
        for lemma, names in keys:
            for (l2, n2), value in self._dates.items():
                if l2 != lemma or not (names <= n2 or n2 <= names):
                    continue
                if value is None:
                    return None
                values.add((value.value, value.precision))
        if len(values) != 1:
            return None
        v, p = values.pop()
        return DateValue(v, p)


def judged_act(tok: Token, verbs: frozenset[str]) -> bool:
    """Whether the trigger is the act a judgement is about ("accused X of supplying arms",
    "blamed Y for shelling"): the judgement's date is not the act's."""
    t = tok
    for _ in range(6):
        if t.dep_ not in {"pcomp", "pobj", "prep", "xcomp", "conj", "advcl"} or t.head is t:
            return False
        head = t.head
        if t.dep_ in {"pcomp", "pobj"} and head.dep_ == "prep" and head.lower_ in {"of", "for"} \
                and head.head.lemma_.lower() in verbs:
            return True
        t = head
    return False


def continues_story(framing: tuple[int, Span] | None, here: int, sent: Span,
                    token_actor: Mapping[int, str]) -> bool:
    """Whether ``sent``, the first sentence of paragraph ``here``, goes on with the story of
    the sentence that gave the last framing date (``framing``: its paragraph and span)."""
    if framing is None or framing[0] != here - 1:
        return False
    if sent.text.lstrip().startswith(QUOTES):
        return False
    dated = {token_actor[t.i] for t in framing[1] if t.i in token_actor}
    return any(token_actor.get(t.i) in dated for t in sent)


def bound_by_publication(value: DateValue, anchor: DateValue | None) -> DateValue:
    """A past date of the publication year narrowed to the month that holds >= 90% of the
    days from the year's start to the publication date; otherwise unchanged."""
    if anchor is None or value.precision != "year" or anchor.precision == "year" \
            or not anchor.value.startswith(value.value):
        return value
    parts = [int(p) for p in anchor.value.split("-")]
    if anchor.precision == "day":
        end = date(parts[0], parts[1], parts[2])
    else:
        end = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    start = date(end.year, 1, 1)
    total = (end - start).days + 1
    in_first = min(total, calendar.monthrange(end.year, 1)[1])
    last_month = end.day if end.month > 1 else 0
    month, days = (1, in_first) if in_first >= last_month else (end.month, last_month)
    if days / total < MONTH_SHARE:
        return value
    return replace(value, value=f"{end.year:04d}-{month:02d}", precision="month")


def _cut_to_month(value: DateValue) -> DateValue:
    if value.precision == "day":
        return DateValue(value.value[:7], "month")
    return value


def settle_dates(events: list[Event], pending: Mapping[str, Pending],
                 occasions: OccasionIndex, anchor: DateValue | None) -> list[Event]:
    """Final dates after merging: an explicit date first, then the date of an occasion the
    event names, then the grammar's guess; past events bounded by the publication date."""
    out: list[Event] = []
    for ev in events:
        value = ev.date
        wait = pending.get(ev.id)
        if value is None and wait is not None:
            found = occasions.date_of(wait.occasions) if wait.occasions else None
            if found is not None and not wait.full:
                found = _cut_to_month(found)
            value = found or wait.guess
        if value is not None and ev.status in PAST_STATUS:
            value = bound_by_publication(value, anchor)
        out.append(ev if value is ev.date else replace(ev, date=value))
    return out

