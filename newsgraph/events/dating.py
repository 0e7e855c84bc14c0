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
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.events.context import clause_span, clause_verb, has_current_adverb, tense
from newsgraph.events.occasions import KnownOccasions, OccasionEntry
from newsgraph.records import DateValue, Event, Place

OccasionKey = tuple[str, frozenset[str]]
NAME_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
NAME_PREPS = {"in", "at", "of", "to"}
NAME_ENTS = {"GPE", "LOC", "NORP", "ORG", "FAC", "EVENT", "PERSON"}
# Arguments through which an occasion noun dates its governing event.
ARG_DEPS = {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "xcomp", "attr", "dative", "agent",
            "oprd"}
DIRECT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "agent"}
CLAUSAL_ARGS = {"xcomp"}  # "convinced Y to attend the summit": not at the summit
QUOTES = ("\"", "“", "'", "‘", "«")
PAST_STATUS = {"occurred", "negated"}
MONTH_SHARE = 0.9
# Determiners of a definite reference back to the last named occasion ("the summit").
DEFINITE = frozenset({"the", "this", "that"})
ANAPHORA_REACH = 1500  # characters


@dataclass
class Pending:
    """What may date an event its sentence left undated, settled after merging."""

    guess: DateValue | None  # from grammar: present tense, paragraph carry
    occasions: tuple[OccasionKey, ...] = ()
    full: bool = False  # the occasion is the trigger or its direct argument: keep its day
    present: tuple[OccasionKey, ...] = ()  # occasions the event took place at: their venue


def _proper(t: Token) -> bool:
    return t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS and t.pos_ != "NUM"


def _name_words(t: Token) -> list[str]:
    """A proper name's words: itself and its own compound parts ("Abu" of "Abu Dhabi")."""
    return [t.lemma_.lower(), *(c.lemma_.lower() for c in t.children
                                if c.dep_ == "compound" and _proper(c))]


def occasion_names(noun: Token) -> frozenset[str]:
    """Proper names that modify an occasion noun: "Palermo conference", "summit in Sochi"."""
    out: set[str] = set()
    for c in noun.children:
        if c.dep_ in NAME_DEPS and _proper(c):
            out.update(_name_words(c))
        elif c.dep_ == "prep" and c.lower_ in NAME_PREPS:
            for o in c.children:
                if o.dep_ == "pobj" and _proper(o):
                    out.update(_name_words(o))
    return frozenset(out)




@dataclass(frozen=True)
class OccasionRefs:
    """Occasions an event names (see OccasionIndex.refs)."""

    keys: tuple[OccasionKey, ...] = ()
    direct: bool = False  # the occasion is the trigger or its direct argument
    present: tuple[OccasionKey, ...] = ()  # occasions the event took place at


def _shared_subjects(tok: Token) -> list[Token]:
    """Subjects a trigger shares with the verb it hangs from ("X emphasized A and called
    for B": X for "called"; "X voiced its commitment": X for "commitment")."""
    t = tok
    for _ in range(3):
        if t.dep_ not in {"conj", "dobj", "xcomp", "attr"} or t.head.i == t.i:
            return []
        t = t.head
        subjects = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects
    return []


class OccasionIndex:
    """Named occasions of one article and the date the article gave each."""

    def __init__(self, nouns: Iterable[str], relations: Iterable[str],
                 known: KnownOccasions | None = None, countries: frozenset[str] = frozenset(),
                 published: date | None = None,
                 capital_of: Callable[[str], str | None] | None = None,
                 venue_verbs: Iterable[str] = (), anaphors: Iterable[str] = (),
                 capital_nouns: Iterable[str] = ()) -> None:
        self.venue_verbs = frozenset(venue_verbs)  # "a conference was held in X" (dates.yaml)
        self.anaphors = frozenset(anaphors)  # "the event" (dates.yaml)
        self.capital_nouns = frozenset(capital_nouns)  # "in the capital of X" (lexicon)
        self.known = known
        self.capital_of = capital_of  # a country's name -> its capital (the actor dictionary)
        self.nouns = frozenset(nouns) | (known.nouns if known is not None else frozenset())
        self.relations = frozenset(relations)
        self.countries = countries  # ISO alpha-3 codes the article names: known occasions
        self.published = published
        self._dates: dict[OccasionKey, DateValue | None] = {}
        # occasion nouns in text order: (char offset, key or None when it has no name)
        self._named: list[tuple[int, OccasionKey | None]] = []

    def index_mentions(self, doc: Doc) -> None:
        """Note where the article names occasions, for later definite references to them
        ("the Berlin conference" ... "the participants of the event")."""
        self._named = []
        for t in doc:
            if t.lemma_.lower() in self.nouns and t.pos_ in {"NOUN", "PROPN"}:
                # a definite generic one refers back in turn: it stands for its antecedent
                self._named.append((t.idx, self.key(t) or self.antecedent(t)))

    def antecedent(self, noun: Token) -> OccasionKey | None:
        """The named occasion a definite generic occasion noun refers back to: the last one
        named shortly before it ("the summit", "the event"); None when there is none or an
        occasion without a name came in between (it may be the one meant)."""
        lemma = noun.lemma_.lower()
        if lemma not in self.nouns and lemma not in self.anaphors or noun.pos_ != "NOUN" \
                or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
            return None
        earlier = [k for idx, k in self._named if idx < noun.idx <= idx + ANAPHORA_REACH]
        return earlier[-1] if earlier else None  # None too when the last one had no name

    def key(self, noun: Token) -> OccasionKey | None:
        """(noun lemma, its proper names), or None for a generic noun ("the conference")."""
        lemma = noun.lemma_.lower()
        if lemma not in self.nouns or noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        names = occasion_names(noun) or self._venue(noun)
        return (lemma, names) if names else None

    def _held_occasion(self, antecedent: Token) -> Token:
        """The occasion a relative clause is about: its antecedent, or, when the parser hung
        it on the place ("a conference was held in Berlin, in which Y took part"), the
        occasion held there."""
        if antecedent.dep_ == "pobj" and antecedent.head.dep_ == "prep":
            verb = antecedent.head.head
            if verb.lemma_.lower() in self.venue_verbs:
                for c in verb.children:
                    if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in self.nouns:
                        return c
        return antecedent

    def _venue(self, noun: Token) -> frozenset[str]:
        """The place an unnamed occasion was held in, as its names: "a conference was held
        in Berlin" is the Berlin conference ("in the capital of X": X's capital)."""
        verb = noun.head
        if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in self.venue_verbs:
            return frozenset()
        out: set[str] = set()
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"}:
                continue
            for o in prep.children:
                if o.dep_ != "pobj":
                    continue
                if _proper(o):
                    out.update(_name_words(o))
                elif self.capital_of is not None and o.lemma_.lower() in self.capital_nouns:
                    for of in (c for c in o.children if c.dep_ == "prep" and c.lower_ == "of"):
                        for country in (c for c in of.children if c.dep_ == "pobj"):
                            capital = self.capital_of(country.text)
                            if capital:
                                out.update(capital.lower().replace("-", " ").split())
        return frozenset(out)

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
            clause = clause_span(tok)
            lo, hi = clause.start_char, clause[-1].idx + 1
            inside = [d for d in placed if lo <= d.start < hi]  # type: ignore[operator]
            if not inside:
                continue
            best = min(inside, key=lambda d: abs((d.start or 0) - tok.idx))
            value = DateValue(best.value, best.precision)
            known = self._dates.get(key, value) if key in self._dates else value
            self._dates[key] = value if known == value else None  # two dates: ambiguous

    def refs(self, tok: Token) -> OccasionRefs:
        """Occasion keys an event trigger names: itself, or its arguments down to the nouns
        (not through relation words or side clauses), its shared subject included ("the
        participants of the summit agreed ... and called for"); whether one is direct; and
        those it took part in (not reached through an infinitive: "convinced Y to attend")."""
        own = self.key(tok) or self.antecedent(tok)
        if own is not None:
            return OccasionRefs((own,), True, (own,))
        found: list[OccasionKey] = []
        present: list[OccasionKey] = []
        direct = False
        stack = [(c, 1, True) for c in tok.children]
        stack += [(c, 2, True) for c in _shared_subjects(tok)]
        while stack:
            t, depth, here = stack.pop()
            if depth > 4 or t.dep_ not in ARG_DEPS | {"compound", "poss"}:
                continue
            if t.lower_ in self.relations or (t.dep_ == "prep" and any(
                    c.lower_ in self.relations for c in t.children if c.dep_ == "pobj")):
                continue  # "after the summit", "in the wake of the conference"
            here = here and t.dep_ not in CLAUSAL_ARGS
            if t.lower_ in {"which", "whom"} and t.dep_ == "pobj" \
                    and t.head.head.dep_ == "relcl":
                t = self._held_occasion(t.head.head.head)  # "..., in which Y took part"
            key = self.key(t) or self.antecedent(t)
            if key is not None and t.dep_ in ARG_DEPS:
                found.append(key)
                if here:
                    present.append(key)
                direct = direct or t.dep_ in DIRECT_DEPS and t.head.i == tok.i \
                    or t.dep_ == "pobj" and t.head.head.i == tok.i
            stack.extend((c, depth + 1, here) for c in t.children)
        return OccasionRefs(tuple(found), direct, tuple(present))

    def date_of(self, keys: Iterable[OccasionKey]) -> DateValue | None:
        """The one date the article gave these occasions (a referring key matches a learned
        one when either's names include the other's), else the one date the world knows
        for them (occasions.yaml); None when none or several."""
        keys = list(keys)
        values: set[tuple[str, str]] = set()
        for lemma, names in keys:
            for (l2, n2), value in self._dates.items():
                if l2 != lemma or not (names <= n2 or n2 <= names):
                    continue
                if value is None:
                    return None
                values.add((value.value, value.precision))
        if not values:
            known = {e.name: e for e in self.known_of(keys)}
            return next(iter(known.values())).date_value() if len(known) == 1 else None
        if len(values) != 1:
            return None
        v, p = values.pop()
        return DateValue(v, p)

    def known_of(self, keys: Iterable[OccasionKey]) -> list[OccasionEntry]:
        """The known occasions these keys name, in the article's countries and time."""
        if self.known is None:
            return []
        found = (self.known.match(lemma, names, self.countries, self.published)
                 for lemma, names in keys)
        return [e for e in found if e is not None]


def judged_act(tok: Token, verbs: frozenset[str]) -> bool:
    """Whether the trigger is the act a judgement is about ("accused X of supplying arms",
    "blamed Y for shelling"): the judgement's date is not the act's."""
    t = tok
    for _ in range(6):
        if t.dep_ not in {"pcomp", "pobj", "prep", "xcomp", "conj", "advcl"} or t.head.i == t.i:
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
                 occasions: OccasionIndex, anchor: DateValue | None,
                 locate: Callable[[str, str | None], Place | None] | None = None) -> list[Event]:
    """Final dates after merging: an explicit date first, then the date of an occasion the
    event names, then the grammar's guess; past events bounded by the publication date.
    An event without a place that names a known occasion takes the occasion's venue."""
    out: list[Event] = []
    for ev in events:
        value = ev.date
        wait = pending.get(ev.id)
        if ev.location is None and wait is not None and wait.present and locate is not None:
            venues = {(e.place, e.country) for e in occasions.known_of(wait.present) if e.place}
            place = locate(*venues.pop()) if len(venues) == 1 else None
            if place is not None:
                ev = replace(ev, location=place)
        if value is None and wait is not None:
            found = occasions.date_of(wait.occasions) if wait.occasions else None
            if found is not None and not wait.full:
                found = _cut_to_month(found)
            value = found or wait.guess
        if value is not None and ev.status in PAST_STATUS:
            value = bound_by_publication(value, anchor)
        out.append(ev if value is ev.date else replace(ev, date=value))
    return out



# "last month", "this year", "the past week": read against a publication date, they tell it
# when the occasion they date is known.
RELATIVE_PERIOD = re.compile(
    r"\b(?:last|this|past|previous|next|coming)\s+(?:week|month|year|spring|summer|autumn|"
    r"fall|winter)\b", re.IGNORECASE)
SEARCH_MONTHS = (-12, 37)  # publication months tried around a known occasion


def infer_publication(doc: Doc, index: OccasionIndex,
                      resolve: Callable[[str, DateValue], DateValue | None]
                      ) -> DateValue | None:
    """The publication month (or year) that the article's relative dates of known occasions
    imply ("a conference in Palermo last month" + Palermo on 2018-11-12 -> 2018-12); None
    when no occasion is dated that way or the occasions disagree.

    Why: many articles reach an analyst without a publication date; coders recover it the
    same way, from occasions everyone can date."""
    fits: set[tuple[int, int]] | None = None
    dates = [e for e in doc.ents if e.label_ == "DATE" and RELATIVE_PERIOD.search(e.text)]
    if not dates or index.known is None:
        return None
    for tok in doc:
        key = index.key(tok)
        if key is None:
            continue
        known = index.known_of([key])
        if len(known) != 1:
            continue
        entry = known[0]
        clause = clause_span(tok)
        lo, hi = clause.start, clause.end - 1
        inside = [e for e in dates if lo <= e.start and e.end - 1 <= hi]
        if not inside:
            continue
        expr = min(inside, key=lambda e: min(abs(e.start - tok.i), abs(e.end - 1 - tok.i)))
        start = entry.start.isoformat()
        here = set()
        for step in range(*SEARCH_MONTHS):
            total = entry.start.year * 12 + entry.start.month - 1 + step
            month = (total // 12, total % 12 + 1)
            value = resolve(expr.text, DateValue(f"{month[0]:04d}-{month[1]:02d}", "month"))
            if value is not None and start.startswith(value.value):
                here.add(month)
        fits = here if fits is None else fits & here
    if not fits:
        return None
    years = {y for y, _ in fits}
    if len(fits) == 1:
        y, m = next(iter(fits))
        value = DateValue(f"{y:04d}-{m:02d}", "month")
    elif len(years) == 1:
        value = DateValue(f"{years.pop():04d}", "year")
    else:
        return None
    return value


# ------------------------------------------------------------ grammar dates

# Dating an event whose sentence has no date expression (GrammarDating.rules):
# "present": a present simple/progressive act in a dated report -> the publication month;
# "carry": a past-tense act -> the last date its paragraph gave, at month/year precision;
# "reported": an undated past or perfect act a source tells of ("an official told X that
# Haftar has refused to meet ...") -> the publication month: an attributed claim is news.
DATE_RULES = frozenset({"present", "carry", "reported"})
# A present tense after these marks refers to the future: "until the blockade is lifted".
FUTURE_MARKS = {"until", "till", "before", "after", "once", "when", "whenever", "if", "unless",
                "as", "whether", "lest"}


@dataclass(frozen=True)
class GrammarDating:
    """Dates from the grammar of a sentence without date expression (DATE_RULES), with the
    word lists of data/dates.yaml they read."""

    rules: frozenset[str]
    stative: frozenset[str] = frozenset()  # "supports", "is an ally of": standing relations
    current_adverbs: frozenset[str] = frozenset()  # "currently", "now"
    judgement_verbs: frozenset[str] = frozenset()

    def date(self, tok: Token, status: str, anchor: DateValue | None,
             carried: DateValue | None, reported: bool = False) -> DateValue | None:
        """Present simple/progressive acts ("sends arms", "is massing troops") and clauses
        with "currently"/"now" happen at publication time (``anchor``): its month. Standing
        relations and the present perfect ("has carried out") stay undated. A past-tense act
        continues its paragraph's last explicit date (``carried``), cut to month precision (a
        day is only kept by "the same day", which the resolver reads). An undated past or
        perfect act a source tells of is news: the publication month (the narrator's own
        "Cairo has supplied Haftar" is background and stays undated)."""
        if status not in {"occurred", "negated"} or judged_act(tok, self.judgement_verbs):
            return None
        when = tense(tok)
        verb = clause_verb(tok)
        if "present" in self.rules and anchor is not None and anchor.precision != "year":
            lemma = verb.lemma_.lower() if verb is not None else ""
            if verb is not None and any(c.dep_ == "mark" and c.lower_ in FUTURE_MARKS
                                        for c in verb.children):
                return None
            now = when == "progressive" or (when == "present" and lemma not in self.stative) \
                or (when in {"present", "perfect"}
                    and has_current_adverb(tok, self.current_adverbs))
            if now:
                return DateValue(anchor.value[:7], "month")
        if "carry" in self.rules and carried is not None and when == "past":
            if carried.precision == "day":
                return DateValue(carried.value[:7], "month")
            return DateValue(carried.value, carried.precision)
        if "reported" in self.rules and reported and anchor is not None \
                and anchor.precision != "year" and when in {"past", "perfect", "pluperfect"} \
                and verb is not None and verb.i == tok.i:  # a noun's time is not its verb's
            return DateValue(anchor.value[:7], "month")
        return None
