"""Event extraction: trigger patterns matched on the dependency parse.

Why this design: event-coding peers either code every verb between two names
(low precision) or need GPUs. Here an event needs a trigger from the pattern
files AND an actor attached to it by the parse; status, attribution, date and
place are read from the trigger's own clause first, then its sentence.

Confidence (documented score, 0..1): 0.85 when the source and target fill
direct slots of the trigger (subject/object/preposition/possessor); minus 0.15
when the source is inherited (xcomp/conj/relative clause/light verb/pronoun),
minus 0.1 for a missing target, minus 0.05 for a nominal trigger.
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from newsgraph.events.args import (
    ActorIndex,
    Args,
    expand_conj,
    light_governor,
    relative_antecedents,
)
from newsgraph.events.clauses import (
    DEADLINE_BEFORE,
    conditional_threat,
    frames_sentence,
    headline_ranges,
    in_other_noun_clause,
    in_side_clause,
    participle_clause,
    point_in_time,
    through_verb,
)
from newsgraph.events.context import (
    DESCRIBED,
    Context,
    clause_span,
)
from newsgraph.events.dating import (
    DATE_RULES,
    GrammarDating,
    OccasionIndex,
    Pending,
    continues_story,
    infer_publication,
    judged_act,
    settle_dates,
)
from newsgraph.events.merge import merge_repeats
from newsgraph.events.occasions import KnownOccasions
from newsgraph.events.pairs import HOSTILE_PAIR_TYPES, hostile_pair
from newsgraph.events.patterns import PatternSet, Trigger
from newsgraph.events.relatives import (
    announced_act,
    avoided_act,
    document_author,
    outside_relative,
)
from newsgraph.events.retold import (
    RETOLD_VENUE_TYPES,
    anaphoric_act,
    is_demonstrative,
    judged_act_author,
    retold_venue,
)
from newsgraph.events.seats import SEAT_PENALTY, capital_place, seat_target, visited_capital
from newsgraph.events.states import LOCATIVE_SLOTS, state_of
from newsgraph.nlp.places import countries_named
from newsgraph.records import Actor, Article, DateValue, Event, Evidence, Mention, Place

SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
VICTIM_TYPES = {"ASSAULT", "COERCE"}  # "the killing of X": may stand with no named perpetrator
# CAMEO codes an announced cooperative act as "express intent to cooperate" (root 03: intent
# to meet, aid, yield, cooperate); the PLOVER type stays, only the CAMEO root changes.
INTENT_TYPES = {"CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "SUPPORT"}
# "X will withdraw/attack/impose ... unless Y": a conditional harm is a threat (CAMEO 13).
THREAT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "RETREAT", "REJECT", "MOBILIZE", "PROTEST"}
VISIT_MODES = {"visit", "host", "invitation"}
# Consultations among several parties whose "participants" a later sentence names.
GATHERING_MODES = {"participation", "conference", "talks"}
OBJECT_PLACE_TYPES = {"ASSAULT", "COERCE"}
# Acts that happen where their target sits ("the assault on C" is fought at C); a transfer,
# sanction or threat aimed at C's authority happens elsewhere ("sent arms to C").
SEAT_LOCATED = {"ASSAULT", "COERCE", "MOBILIZE"}  # "shelled Juba", "occupied the city of X"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Publication dates guessed from the text (its latest date) are no "now".
UNSURE_PUBLISHED = {"inferred"}
FUTURE_DATE = re.compile(r"\b(?:next|coming|upcoming|tomorrow|later this)\b", re.IGNORECASE)
# Acts between two sides that "the two sides" may refer back to (fights: pairs.py).
PAIR_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
JUDGING_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # may judge an act just told
MATCH_DEPS = {"prt", "prep", "dobj", "advmod", "acomp", "compound:prt", "dative", "attr", "agent"}


class GazetteerLike(Protocol):
    def lookup(self, name: str, prefer_country: str | None = None) -> Place | None: ...


class DatesLike(Protocol):
    def in_span(self, span: Span, anchor: DateValue | None,
                previous: DateValue | None = None) -> list[DateValue]: ...


@dataclass
class _Hit:
    trigger: Token
    rule: Trigger
    used: tuple[int, ...]  # token indexes consumed (trigger + required words)
    absorbed: Token | None = None  # a noun of the same type it governs ("agreed to a truce")


@dataclass
class _Frame:
    """What dates one sentence's events: its own dates, the publication date, and the date
    its paragraph set before it (None when the sentence has dates of its own)."""

    dates: list[DateValue]
    anchor: DateValue | None  # only a publication date that was given, not guessed
    carried: DateValue | None
    implicit: dict[str, Pending]  # filled with grammar dates, applied after merging
    occasions: OccasionIndex | None = None  # named occasions the article dated (dating.py)
    earlier: list[Event] = field(default_factory=list)  # the article's events so far

    def note(self, event_id: str, tok: Token, guess: DateValue | None) -> None:
        """Keep what may date an undated event once the article has been read."""
        refs = self.occasions.refs(tok) if self.occasions is not None else None
        if guess is not None or refs is not None and refs.keys:
            self.implicit[event_id] = Pending(guess, refs.keys, refs.direct, refs.present) \
                if refs is not None else Pending(guess)


def _inside(idx: int | None, ranges: list[tuple[int, int]]) -> bool:
    return idx is not None and any(lo <= idx < hi for lo, hi in ranges)


class EventExtractor:
    """Finds PLOVER events in one parsed article."""

    def __init__(self, patterns: PatternSet, gazetteer: Any, dates: Any,
                 dictionary: Any = None, date_rules: frozenset[str] = DATE_RULES,
                 known_occasions: KnownOccasions | None = None) -> None:
        self.patterns = patterns
        self.known_occasions = known_occasions  # dated occasions everyone knows (optional)
        self.gazetteer = gazetteer
        self.dates = dates
        self.dictionary = dictionary  # ActorDictionary: seats and capitals (optional)
        cues = getattr(dates, "cues", None)
        self.grammar = GrammarDating(date_rules, frozenset(getattr(cues, "stative_verbs", ())),
                                     frozenset(getattr(cues, "current_adverbs", ())),
                                     frozenset(getattr(cues, "judgement_verbs", ())))
        self.occasion_nouns = frozenset(getattr(cues, "occasion_nouns", ()))
        self.occasion_relations = frozenset(getattr(cues, "occasion_relations", ()))
        self.judgement_verbs = frozenset(getattr(cues, "judgement_verbs", ()))

    # ------------------------------------------------------------------ public
    def extract(self, doc: Doc, article: Article, actors: list[Actor],
                mentions: list[Mention]) -> list[Event]:
        """All events of one article, in text order, deduplicated."""
        return self.extract_with_actors(doc, article, actors, mentions)[0]

    def infer_published(self, doc: Doc, article: Article,
                        actors: list[Actor]) -> DateValue | None:
        """A publication month (or year) implied by known occasions the article dates
        relative to itself; None when the article has a date or nothing implies one."""
        if article.published or self.known_occasions is None or self.dates is None:
            return None
        index = self._occasion_index(actors, None)
        return infer_publication(doc, index, self.dates.resolve)

    def _occasion_index(self, actors: list[Actor], anchor: DateValue | None) -> OccasionIndex:
        countries = frozenset(a.country for a in actors if a.country)
        published = None
        if anchor is not None:
            parts = [int(p) for p in anchor.value.split("-")]
            y, m = parts[0], parts[1] if len(parts) > 1 else 12
            published = date(y, m, parts[2] if len(parts) > 2 else calendar.monthrange(y, m)[1])
        cues = getattr(self.dates, "cues", None)
        return OccasionIndex(self.occasion_nouns, self.occasion_relations,
                             self.known_occasions, countries, published, self._capital_of,
                             getattr(cues, "occasion_venue_verbs", ()),
                             getattr(cues, "occasion_anaphors", ()),
                             self.patterns.lexicon.capital_nouns)

    def _capital_of(self, country: str) -> str | None:
        entry = self.dictionary.lookup(country) if self.dictionary is not None else None
        return entry.capital if entry is not None and entry.kind == "country" else None

    def extract_with_actors(self, doc: Doc, article: Article, actors: list[Actor],
                            mentions: list[Mention]) -> tuple[list[Event], list[Actor]]:
        """Events, plus dictionary actors they name that the article's list lacks (a
        country whose capital was visited): every id an event references is then known."""
        added: dict[str, str] = {}  # actor id -> surface form that stood for it
        index = ActorIndex(doc, actors, mentions, self.patterns.status.mediator_words,
                           self.patterns.relation_nouns,
                           reporting_verbs=self.patterns.reporting.verbs,
                           dictionary=self.dictionary)
        lex = self.patterns.lexicon
        args = Args(index, self.patterns.status.object_control, self.patterns.reporting.nouns,
                    reciprocals=lex.reciprocals, reporting_verbs=self.patterns.reporting.verbs,
                    victim_nouns=lex.victim_nouns, speech_acts=lex.speech_acts)
        ctx = Context(doc, self.patterns, index, self.dictionary, added, self.judgement_verbs)
        anchor = self._anchor(article)
        country = self._main_country(doc)
        events: list[Event] = []
        told: list[Event] = []  # every event told so far, repeats included
        seen: set[tuple] = set()
        previous: DateValue | None = None
        text = doc.text  # spaCy joins the tokens anew on each doc.text: read it once
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
        para, carried = -1, None  # the paragraph's last explicit date, for later sentences
        framing: tuple[int, Span] | None = None  # paragraph and sentence that set `carried`
        occasions = self._occasion_index(actors, anchor)
        occasions.index_mentions(doc)
        sure_anchor = None if article.published_basis in UNSURE_PUBLISHED else anchor
        # a publication date guessed from the text's latest date is only a lower bound: read
        # "June 27" in its year rather than roll it back before it
        reading = anchor if sure_anchor is not None or anchor is None \
            else DateValue(anchor.value[:4], "year")
        implicit: dict[str, Pending] = {}  # event id -> what may date it, settled last
        texts: set[str] = set()
        for sent in doc.sents:
            here = bisect.bisect_right(breaks, sent.start_char)
            if here != para:  # a new paragraph: the date goes on only with the same story
                keep = continues_story(framing, here, sent, index.token_actor)
                para, carried = here, carried if keep else None
            norm = " ".join(sent.text.split())
            if norm in texts:
                continue  # a repeated photo caption or pull quote: its events are already in
            texts.add(norm)
            skip = headline_ranges(sent)
            sent_dates = [d for d in self._sentence_dates(sent, reading, previous)
                          if not _inside(d.start, skip)]
            frame = _Frame(sent_dates, None if article.published_basis in UNSURE_PUBLISHED
                           else anchor, None if sent_dates else carried, implicit, occasions,
                           told)
            for hits in self._hits(sent):
                if _inside(hits[0].trigger.idx, skip):
                    continue
                base = None
                for hit in hits:  # first rule that yields an event wins
                    base = self._event(hit, doc, article, sent, args, ctx, frame, country,
                                       added)
                    if base is not None:
                        break
                for ev in self._split(base, args):
                    if base is not None and base[0].id in implicit:
                        implicit[ev.id] = implicit[base[0].id]
                    key = (ev.type, tuple(sorted(ev.source)), tuple(sorted(ev.target)),
                           ev.date.value if ev.date else None, ev.status)
                    told.append(ev)  # a repeat is still told: "the strikes" may refer to it
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(ev)
                    if ev.type == "CONSULT" and ev.mode in GATHERING_MODES:
                        index.note_gathering(ev.evidence.trigger_start or ev.evidence.start,
                                             [*ev.source, *ev.target])
                    if len(ev.source) == 1 and len(ev.target) == 1 \
                            and ev.type in PAIR_TYPES and ev.status != "hypothetical":
                        index.note_pair(ev.evidence.trigger_start or ev.evidence.start,
                                        [ev.source[0], ev.target[0]])
            if sent_dates:
                # "that month" refers to the last date told as a time, not to a deadline
                # ("would leave by September 11") or a period's bound
                points = [d for d in sent_dates if point_in_time(d, text)
                          and not DEADLINE_BEFORE.search(text[max(0, (d.start or 0) - 12):
                                                              d.start or 0])]
                previous = points[-1] if points else sent_dates[-1]
                frames = [d for d in sent_dates if point_in_time(d, text)
                          and frames_sentence(d, doc)]
                carried = frames[-1] if frames else None
                framing = (here, sent) if frames else None
                occasions.learn(sent, [d for d in sent_dates if point_in_time(d, text)])
        events = merge_repeats(events, frozenset(SYMMETRIC))
        # grammar dates only after merging: a retelling takes its event's explicit date first
        events = settle_dates(events, implicit, occasions, sure_anchor, self._venue)
        return events, self._new_actors(events, actors, added)

    def _new_actors(self, events: list[Event], actors: list[Actor],
                    added: dict[str, str]) -> list[Actor]:
        known = {a.id for a in actors}
        used = {i for e in events for i in [*e.source, *e.target, *e.mediator, e.reported_by]}
        out = []
        for aid, surface in added.items():
            entry = self.dictionary.get(aid) if self.dictionary is not None else None
            if aid in known or aid not in used or entry is None:
                continue
            out.append(Actor(id=aid, name=entry.name, kind=entry.kind, country=entry.country,
                             sector=entry.sector, aliases=[surface], in_dictionary=True,
                             part_of=entry.part_of))
        return out

    # ---------------------------------------------------------------- triggers
    def _hits(self, sent: Span) -> list[list[_Hit]]:
        """Candidate rules per trigger token; verbs first (they consume their object nouns)."""
        found: list[list[_Hit]] = []
        used: set[int] = set()
        for tok in sent:
            if (tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "amod") \
                    and participle_clause(tok) is None:  # ", shelling positions of X"
                continue
            hits = self._match(tok, self.patterns.verb_rules(tok.lemma_), nominal=False)
            if hits:
                noun = self._same_type_object(tok, {h.rule.type for h in hits})
                if noun is not None:  # one act: the verb's event, with the noun's parties
                    used.add(noun.i)
                    hits = [replace(h, absorbed=noun) for h in hits]
                found.append(hits)
                used.update(i for h in hits if h.rule.required
                            for i in (h.used[:-1] if h.rule.keep_required else h.used))
        for tok in sent:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in used or tok.dep_ == "compound":
                continue
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in used:
                continue  # the content of a coded object: "signed a memorandum of cooperation"
            hits = self._match(tok, self.patterns.noun_rules(tok.lemma_), nominal=True)
            if hits:
                found.append(hits)
        found.sort(key=lambda hs: hs[0].trigger.i)
        return found

    def _act_subject(self, verb: Token, rule: Trigger, args: Args) -> bool:
        """"An air strike killed 33 soldiers", "a drone attack targeted X's residence": the
        act itself is the subject, its doer unnamed; the victim still makes an event."""
        if rule.nominal or verb.pos_ not in {"VERB", "AUX"}:
            return False
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # its own, not inherited
        return bool(subjects) and all(
            t.i not in args.index.token_actor
            and any(r.type == rule.type for r in self.patterns.noun_rules(t.lemma_))
            # "attacks by Libyan groups": a doer named, though unknown, is no unnamed doer
            and not any(c.dep_ in {"poss", "agent"} or c.dep_ == "prep" and c.lower_ == "by"
                        for c in t.children)
            for t in subjects)

    def _same_type_object(self, verb: Token, types: set[str]) -> Token | None:
        """The object noun that names the verb's own act ("agreed to a truce", "signed a
        ceasefire agreement", "held talks"): coded once, on the verb."""
        for c in verb.children:
            nouns = [c] if c.dep_ == "dobj" else [o for o in c.children if o.dep_ == "pobj"] \
                if c.dep_ == "prep" and c.lower_ in {"to", "on"} else []
            for n in nouns:
                if any(p.dep_ == "prep" and p.lower_ == "between" for p in n.children):
                    continue  # "brokered a truce between Y and Z": the parties are the noun's
                if n.pos_ in {"NOUN", "PROPN"} and any(
                        r.type in types for r in self.patterns.noun_rules(n.lemma_)):
                    return n
        return None

    def _match(self, tok: Token, rules: list[Trigger], nominal: bool) -> list[_Hit]:
        """Every rule whose words and requirements fit, most specific first."""
        ordered = sorted(rules, key=lambda r: (-len(r.words), not r.required))
        hits = []
        for rule in ordered:
            extra = self._extra_words(tok, rule.words[1:], nominal)
            if extra is None:
                continue
            used = (tok.i, *extra)
            if rule.required:
                req = self._required(tok, rule)
                if req is None:
                    continue
                used = (*used, req)
            if self._blocked(tok, rule, used[1:]):
                continue
            hits.append(_Hit(tok, rule, used))
        return hits

    @staticmethod
    def _blocked(tok: Token, rule: Trigger, words: tuple[int, ...] = ()) -> bool:
        """A rule's veto words: "press conference" is no meeting, "hopes to demonstrate";
        "<prep> <lemma>" vetoes a prepositional modifier ("ally of the past"). Modifiers of the
        rule's other words veto too ("fired teargas shells", "suspended the air strikes"), where
        "<prep> *" vetoes any such modifier ("strikes on X"; on the trigger it would catch "on
        Monday"); "dep:<dep>" only looks at the trigger's own children."""
        vetoes = rule.blocked_by
        if not vetoes:
            return False
        doc = tok.doc
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in vetoes:
            return True  # "ex-ally", parsed as separate appositions

        def vetoed(c: Token, own_child: bool) -> bool:
            if c.lemma_.lower() in vetoes or c.lower_ in vetoes:
                return True
            if own_child and f"dep:{c.dep_}" in vetoes:
                return True
            return c.dep_ == "prep" and ((not own_child and f"{c.lower_} *" in vetoes) or any(
                f"{c.lower_} {o.lemma_.lower()}" in vetoes for o in c.children if o.dep_ == "pobj"))

        own = set(words)
        return (any(vetoed(c, True) for c in tok.children)
                or any(vetoed(c, False) for i in own for c in doc[i].children if c.i not in own))

    def _extra_words(self, tok: Token, words: tuple[str, ...], nominal: bool) -> tuple[int, ...] | None:
        """Token ids of a multi-word trigger's other words (particles, objects, pobj of a prep)."""
        found: list[int] = []
        for w in words:
            cands = [c for c in tok.children
                     if (c.dep_ in MATCH_DEPS or (nominal and c.dep_ in {"compound", "amod"}))
                     and w in (c.lemma_.lower(), c.lower_)]
            if not cands:
                # two levels down: "took X into custody", "went on strike" (pobj of a prep)
                cands = [g for c in tok.children if c.dep_ in {"dobj", "prep"}
                         for g in c.children if w in (g.lemma_.lower(), g.lower_)
                         and (g.dep_ in MATCH_DEPS or (c.dep_ == "prep" and g.dep_ == "pobj"))]
            if not cands and nominal and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() == w:
                cands = [tok.doc[tok.i - 1]]
            if not cands:
                return None
            found.append(cands[0].i)
        return tuple(found)

    def _required(self, tok: Token, rule: Trigger) -> int | None:
        for slot in rule.required_slots:
            toks: list[Token] = []
            if slot == "dobj":
                toks = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
                if not toks and tok.dep_ in {"acl", "relcl"}:
                    toks = [tok.head]
            elif slot == "subj":
                toks = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            elif slot.startswith("prep:"):
                toks = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == slot[5:]
                        for o in c.children if o.dep_ == "pobj"]
            quantities = self.patterns.lexicon.quantity_nouns
            toks += [o for x in toks if x.lemma_.lower() in quantities or x.lower_ in quantities
                     for p in x.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]  # "dozens of rockets"
            for t in (a for x in toks for a in relative_antecedents(x)):
                # "the talks in which X took part"
                for c in [t, *[x for x in t.children if x.dep_ == "conj"]]:
                    if c.lemma_.lower() in rule.required or c.lower_ in rule.required:
                        return c.i
        return None

    # ------------------------------------------------------------------ events
    def _event(self, hit: _Hit, doc: Doc, article: Article, sent: Span, args: Args,
               ctx: Context, frame: _Frame, country: str | None,
               added: dict[str, str]) -> tuple[Event, list[Token]] | None:
        tok, rule = hit.trigger, hit.rule
        if ctx.embedded_request(tok) \
                or avoided_act(tok, ctx.cues.negating_verbs, ctx.embedded_request):
            return None  # "urged X to withdraw / to avoid striking Y": only asked for
        direct = True
        gov = light_governor(tok) if rule.nominal else None
        is_light = gov is not None and self._is_light(gov)
        if rule.nominal and rule.light_only and not is_light \
                and not (is_demonstrative(tok) and anaphoric_act(tok, rule.type, frame.earlier,
                                                                 [])[0]):
            return None  # "such operations could recur" retells a coded act: no ambiguity
        source: list[str] = []
        src_tokens: list[Token] = []
        clause = None if rule.nominal else participle_clause(tok)
        if clause is not None:  # ", shelling positions of X": the main clause's subject acts
            src_tokens = args.subject_tokens(clause[0])[0]
            source, direct = args.actors(src_tokens), False
        for slot in rule.source if clause is None else ():
            toks, d = args.slot(tok, slot, rule.nominal)
            ids = args.actors(toks)
            if ids:
                source, direct, src_tokens = ids, d, toks
                break
        if rule.type in HOSTILE_PAIR_TYPES:  # "X attacked Y ... the two sides clashed"
            sides = [t for sl in rule.source for t in args.slot(tok, sl, rule.nominal)[0]
                     if args.index.pair_noun(t)]
            pair = hostile_pair(tok, frame.earlier) if sides else []
            source, src_tokens = (pair, sides[:1]) if pair else (source, src_tokens)
        target: list[str] = [] if clause is None else [
            a for a in args.actors([clause[1]]) if a not in source]
        for slot in rule.target if not target else ():
            toks, _ = args.slot(tok, slot, rule.nominal)
            if slot == "between" and source and set(args.actors(toks)) == set(source):
                continue
            if slot == "between" and not source:
                ids = args.actors(toks)
                if ids:
                    source, target = ids[:1], ids[1:]
                    break
            ids = [a for a in args.actors(toks) if a not in source]
            if slot == "between" and toks:
                ids = [a for a in args.actors(toks) if a not in source]
            if ids:
                target = ids
                break
        if not target and hit.absorbed is not None:  # "agreed to a truce with Y"
            noun = hit.absorbed
            slots = [sl for r in self.patterns.noun_rules(noun.lemma_) if r.type == rule.type
                     for sl in r.target]
            for slot in slots:
                ids = [a for a in args.actors(args.slot(noun, slot, True)[0]) if a not in source]
                if ids:
                    target = ids
                    break
        if rule.nominal and is_light and gov is not None:
            if not source:
                toks, _ = args.subject_tokens(gov)
                source, src_tokens = args.actors(toks), toks  # _split divides "X and Y"
                direct = False
            if not target:
                for slot in rule.target:
                    if slot.startswith("prep:"):
                        toks, _ = args.slot(gov, slot, False)
                        target = [a for a in args.actors(toks) if a not in source]
                        if target:
                            break
        author = document_author(tok, args, self.patterns) \
            if not source and not rule.nominal and "subj" in rule.source else []
        if author:  # "X adopted a resolution that demands Y stop ...": the author acts
            source, src_tokens, direct = args.actors(author), author, False
        authored = bool(author)  # the document acts when adopted: the adoption's date holds
        if not source and rule.nominal and target and rule.type in SYMMETRIC:
            # "X's decision came after a meeting with Y": X, who acts in the dated clause
            source = [a for a in args.temporal_owner(tok) if a not in target]
            direct = False
        if not source:
            source, direct = self._state_slot(tok, rule, rule.source, args, [], added), False
        retold = False
        if not source and rule.nominal:
            source, target = anaphoric_act(tok, rule.type, frame.earlier, target)
            direct, retold = False, bool(source)
        named_victim = any(not t.startswith("agent:") for t in target)
        if not source and not (rule.type in VICTIM_TYPES and (
                args.victim_only(tok, target) or named_victim
                and self._act_subject(tok, rule, args))):
            return None
        if rule.person_source and not any(
                getattr(args.index.actors.get(s), "kind", None) == "person" for s in source):
            return None  # "troops arrived in X" is no visit
        seat: str | None = None
        visit = None
        if not target:
            target, seat = seat_target(tok, rule, args, self.dictionary, ctx.names_under,
                                       source)
            if not target:
                visit = visited_capital(tok, rule, args, self.dictionary, ctx.names_under,
                                        source, self.gazetteer)
                if visit is not None:
                    target = [visit[0]]
                    added.setdefault(visit[0], visit[1])
            if not target:
                target = self._state_slot(tok, rule, rule.target, args, source, added)
        if not target and rule.type in JUDGING_TYPES and not rule.nominal:
            target = judged_act_author(tok, frame.earlier, self.patterns.noun_rules, source)
        if not rule.nominal and src_tokens and all(
                t.i not in args.index.token_actor
                and any(r.type == rule.type for r in self.patterns.noun_rules(t.lemma_))
                for t in src_tokens):
            return None  # "Ruritanian strikes killed ...": the noun is the event, coded there
        mediators = [m for m in ctx.mediators(tok) if m not in source]
        target = [t for t in target if t not in source and t not in mediators]
        if not target and len(source) > 1 and (
                rule.mutual or args.reciprocal(tok, rule.target, rule.nominal)):
            target = [] if rule.type in SYMMETRIC else list(source)  # _split: each vs the other
        hosted = rule.nominal and is_light and gov is not None \
            and gov.lemma_.lower() in self.patterns.lexicon.hosting_verbs  # the hosts
        if not target and rule.type in SYMMETRIC and len(source) > 1 and not rule.participants \
                and (rule.mode or "") not in VISIT_MODES and not hosted:
            # "X and Y met": one side each; "X and Y visited C / hosted talks": one side
            source, target = source[:1], source[1:]
        if not target and not rule.target_optional and not self._unnamed_party(tok, rule, args):
            return None
        forced = rule.status
        if forced == "planned" and rule.nominal and tok.dep_ == "pobj" \
                and tok.head.lower_ == "of" \
                and tok.head.head.lemma_.lower() in self.patterns.lexicon.start_nouns:
            forced = None  # "announced the start of an operation": begun, not planned
        status = ctx.status(tok, forced)
        if retold and status == "hypothetical" and not is_demonstrative(tok):
            return None  # "the collapse of the talks may have prompted ...": nothing new told
        if retold and status == "negated":
            # "none of the initiatives has stopped the fighting", "troops were not mentioned in
            # the agreement": the act told before is not undone by a remark about it
            return None
        etype, mode, cameo = rule.type, rule.mode, rule.cameo
        if etype in THREAT_TYPES and status in {"planned", "hypothetical"} \
                and conditional_threat((light_governor(tok) or tok)
                                   if tok.pos_ in {"NOUN", "PROPN"} else tok):
            etype, mode, cameo = "THREATEN", "conditional threat", "13"
        elif etype in INTENT_TYPES and status == "planned":
            cameo = "03"
        attr = ctx.attribution(tok)
        if attr.denied and status == "occurred":
            status = "negated"
        reported_by = attr.speaker if attr.found else None
        if reported_by in source and (etype in {"ACCUSE", "THREATEN", "REQUEST"}
                                      or announced_act(tok, ctx.reporting)):
            reported_by = None  # "X announced its withdrawal": X does it, reports nothing
        date = self._pick_date(tok, frame.dates, own_relative=not authored)
        if status == "occurred" and date is not None and FUTURE_DATE.search(date.text or ""):
            status = "planned"  # "would return to Beirut next week to meet X": still to come
        guess = None if date is not None else self.grammar.date(
            tok, status, frame.anchor, frame.carried, reported=attr.found)
        location = self._location(ctx, tok, rule, country)
        if location is None and etype in RETOLD_VENUE_TYPES and rule.nominal:
            location = retold_venue(tok, etype, [*source, *target], frame.earlier)
        if visit is not None and (location is None or location.precision == "country"):
            location = visit[2]
        if seat and location is None and self.gazetteer is not None \
                and etype in SEAT_LOCATED:
            location = self.gazetteer.lookup(seat, prefer_country=country)  # "attack on C"
        conf = 0.85 - (0 if direct else 0.15) - (0 if target else 0.1) - (
            0.05 if rule.nominal else 0) - (SEAT_PENALTY if seat or visit else 0)
        s_start = sent.start_char
        eid = hashlib.sha1(f"{article.doc_id}|{s_start}|{tok.idx}|{etype}".encode())
        if date is None:
            frame.note(eid.hexdigest()[:16], tok, guess)
        return Event(
            id=eid.hexdigest()[:16], doc_id=article.doc_id, type=etype,
            source=source, target=target,
            evidence=Evidence(doc_id=article.doc_id, sentence=sent.text, start=s_start,
                              end=sent.end_char, trigger=tok.text, trigger_start=tok.idx),
            mode=mode, cameo=cameo, mediator=mediators, status=status,
            reported_by=reported_by, date=date, location=location, confidence=round(conf, 2),
        ), src_tokens

    @staticmethod
    def _unnamed_party(tok: Token, rule: Trigger, args: Args) -> bool:
        """The target slot holds a party by relation only ("worked with Haftar's rivals"): the
        act happened with someone, so it stands with an empty target rather than vanish."""
        if rule.nominal:
            return False
        return any(args.index.is_relation(c) for slot in rule.target
                   for t in args.slot(tok, slot, False)[0] for c in expand_conj(t))

    def _state_slot(self, tok: Token, rule: Trigger, slots: tuple[str, ...], args: Args,
                    exclude: list[str], added: dict[str, str]) -> list[str]:
        """A country the actor stage left as a place but the slot makes a party ("visited
        <country>", "a <demonym> request"); see events/states.py."""
        if self.dictionary is None:
            return []
        for slot in slots:
            if slot in LOCATIVE_SLOTS:
                continue
            toks, _ = args.slot(tok, slot, rule.nominal)
            for t in (c for x in toks for c in expand_conj(x)):
                found = state_of(t, self.dictionary, args.index.token_actor,
                                 heads=self.patterns.lexicon.state_heads)
                if found is not None and found[0] not in exclude:
                    added.setdefault(found[0], found[1])
                    return [found[0]]
        return []

    def _split(self, found: tuple[Event, list[Token]] | None, args: Args) -> list[Event]:
        """Coordinated sources of a one-sided event are separate events ("Turkey and Qatar
        supplied ..." -> two AID events); the first keeps the plain id, the others hash their
        source id in too."""
        if found is None:
            return []
        ev, src_tokens = found
        if ev.type in SYMMETRIC or len(ev.source) < 2 or len(src_tokens) != 1:
            return [replace(ev, target=[t for t in ev.target if t not in ev.source])]
        groups = [args.index.of_token(t) for t in expand_conj(src_tokens[0])]
        groups = [g for g in groups if g]
        if len(groups) < 2 and set(ev.target) == set(ev.source):
            groups = [[a] for a in ev.source]  # "the two sides clashed": each vs the other
        if len(groups) < 2:
            return [ev]
        out = []
        for n, group in enumerate(groups):
            eid = ev.id if n == 0 else hashlib.sha1(f"{ev.id}|{group[0]}".encode()).hexdigest()[:16]
            out.append(replace(ev, id=eid, source=list(group),
                               target=[t for t in ev.target if t not in group]))
        return out

    def _is_light(self, verb: Token) -> bool:
        return verb.lemma_.lower() in self.patterns.light_verbs

    # ------------------------------------------------------------- date/place
    def _anchor(self, article: Article) -> DateValue | None:
        if not article.published:
            return None
        try:
            from newsgraph.nlp.dates import parse_published
        except ImportError:  # the dates module is optional for this stage
            return None
        return parse_published(article.published)

    def _sentence_dates(self, sent: Span, anchor: DateValue | None,
                        previous: DateValue | None) -> list[DateValue]:
        if self.dates is None:
            return []
        try:
            return list(self.dates.in_span(sent, anchor, previous))
        except Exception:  # noqa: BLE001 - a bad date never loses the event
            return []

    def _pick_date(self, tok: Token, dates: list[DateValue],
                   own_relative: bool = True) -> DateValue | None:
        """A date inside the trigger's clause first, else the nearest in the sentence; none
        for the act a judgement is about ("accused X of supplying arms"); with
        ``own_relative`` none from outside the relative clause the trigger stands in."""
        if not dates or judged_act(tok, self.judgement_verbs):
            return None
        clause = clause_span(tok)
        lo, hi = clause.start_char, clause.end_char
        # a date in a clause nested in the trigger's own dates another act, even as fallback;
        # so does one in a clause on another noun ("X, who mediated a deal in October 2022,
        # proposed a plan under which Y would pull back")
        placed = [d for d in dates if d.start is not None
                  and not (lo <= d.start < hi  # type: ignore[operator]
                           and in_side_clause(tok.doc, d.start, clause, tok))  # type: ignore[arg-type]
                  and not in_other_noun_clause(tok.doc, d.start, tok)  # type: ignore[arg-type]
                  and not (own_relative and outside_relative(d.start, tok))]  # type: ignore[arg-type]
        inside = [d for d in placed if lo <= d.start < hi]  # type: ignore[operator]
        sub_lo, sub_hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        own = [d for d in inside if sub_lo <= d.start < sub_hi  # type: ignore[operator]
               and not through_verb(tok.doc, d.start, tok)]  # type: ignore[arg-type]
        if own and tok.pos_ in {"NOUN", "PROPN"}:
            inside = own  # "threatened X on Sunday over the killing of Y on July 31"
        pool = inside or placed
        if pool:
            return min(pool, key=lambda d: abs((d.start or 0) - tok.idx))
        return next((d for d in dates if d.start is None), None)

    def _venue(self, name: str, country: str | None) -> Place | None:
        """A known occasion's venue (``country``: ISO alpha-3) as a place."""
        return self.gazetteer.lookup(name, prefer_country=country) if self.gazetteer else None

    def _main_country(self, doc: Doc) -> str | None:
        """The most frequent country among resolved places of the article (for Tripoli)."""
        if self.gazetteer is None:
            return None
        counts = countries_named(doc, self.gazetteer.lookup)
        return counts.most_common(1)[0][0] if counts else None

    def _location(self, ctx: Context, tok: Token, rule: Trigger,
                  country: str | None) -> Place | None:
        if self.gazetteer is None:
            return None
        visit = rule.type == "CONSULT" and (rule.mode or "") in VISIT_MODES
        obj_place = rule.type in OBJECT_PLACE_TYPES and not rule.nominal
        for name in ctx.place_names(tok, visit, obj_place):
            place = self._place(name, country, ctx)
            if place is not None:
                return place
        for name in ctx.clause_places(tok, visit, rule.type):  # looser: below country level
            place = self._place(name, country, ctx)
            if place is not None and place.precision != "country":
                return place
        return None

    def _place(self, name: str, country: str | None, ctx: Context) -> Place | None:
        if not name.startswith(DESCRIBED):
            if self.dictionary is not None and self.dictionary.demonym(name) is not None:
                return None  # "an Angolan mediation": a people's name, not a Burmese village
            return self.gazetteer.lookup(name, prefer_country=country)
        kind, _, named = name[len(DESCRIBED):].partition(":")
        entry = self._country_entry(named if kind == "capital" else "", country, ctx)
        if entry is None:
            return None
        if kind == "capital" and entry.capital:
            return capital_place(entry, self.gazetteer)
        if kind == "region" and entry.iso2:
            place = self.gazetteer.lookup(f"{named} {entry.name}", prefer_country=entry.iso2)
            if place is not None and place.precision == "region" \
                    and place.country == entry.iso2:
                return place
        return None

    def _country_entry(self, named: str, country: str | None, ctx: Context) -> Any:
        """The dictionary country a described place belongs to: the one the phrase names,
        else the article's main country (its places' country, else its most named state)."""
        if self.dictionary is None:
            return None
        if named.startswith("country:") or self.dictionary.get(named) is not None:
            return self.dictionary.get(named)
        if country is not None:
            for e in self.dictionary.entries:
                if e.kind == "country" and e.iso2 == country:
                    return e
            return None
        counts = Counter(a for a in ctx.index.token_actor.values()
                         if getattr(ctx.index.actors.get(a), "kind", None) == "country")
        return self.dictionary.get(counts.most_common(1)[0][0]) if counts else None
