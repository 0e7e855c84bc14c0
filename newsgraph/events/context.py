"""Clause context of a trigger: status, attribution, mediators and place.

Why: the same trigger means different facts depending on its clause -- "will
not support" is negated, "could attack" hypothetical, "X said Y attacked" is
X's claim. All cue words come from the pattern files (status.yaml,
reporting.yaml); this module only walks the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.events.aims import aim_objects, under_reason
from newsgraph.events.args import (
    ActorIndex,
    expand_conj,
    is_passive,
    light_governor,
    misparsed_speaker,
    pobjs,
    relative_head,
    speaker_conjunct,
)
from newsgraph.events.patterns import PatternSet
from newsgraph.events.states import state_of

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj", "acl"}
AIMED = frozenset({"ASSAULT", "COERCE"})  # noun triggers that happen where they aim
MEDIATED_PREPS = frozenset({"in", "after", "during", "through", "following"})
TIME_PREPS = frozenset({"after", "before", "following", "since", "during", "amid", "over",
                        "despite", "because"})
UP_VERB = {"xcomp", "conj", "pcomp", "prep", "acl", "dobj", "pobj", "nsubjpass", "nsubj",
           "attr", "appos", "compound", "oprd", "acomp"}  # acomp: "is not able to abandon"
SPEAKER_REACH = 3000  # characters within which "the source" names the source told before
ANAPHOR_DETS = {"the", "this", "that", "these", "those"}
# Places told by description, not by name ("the Ruritanian capital", "the south of the
# country"): _names_in yields them as DESCRIBED-prefixed keys the extractor resolves with the
# article's country (EventExtractor._described).
DESCRIBED = "@"
QUOTE_RE = re.compile(r"“[^”]{3,}?”|\"[^\"\n]{3,}?\"")


@dataclass
class Attribution:
    """Who a claim is attributed to, and whether the attribution denies it."""

    found: bool = False
    speaker: str | None = None
    denied: bool = False


class Context:
    """Reads status, attribution, place and mediator cues for triggers in one Doc."""

    def __init__(self, doc: Doc, patterns: PatternSet, index: ActorIndex,
                 dictionary: Any = None, added: dict[str, str] | None = None,
                 judgement_verbs: Iterable[str] = ()) -> None:
        self.doc = doc
        self.dictionary = dictionary  # demonym speakers ("an Egyptian official") -> the state
        self.added = added if added is not None else {}  # states named only by a speaker
        self.judgement_verbs = frozenset(judgement_verbs)
        self.cues = patterns.status
        self.rep = patterns.reporting
        self.reporting = frozenset(patterns.reporting.verbs)
        self.speech_acts = frozenset(patterns.lexicon.speech_acts)
        self.denial = frozenset(patterns.reporting.denial_verbs)
        self.index = index
        self.lexicon = patterns.lexicon
        index.use_lexicon(patterns.lexicon)  # the user's pattern files reach the index too
        self.subject_cues = frozenset(patterns.lexicon.subject_cues)
        self.motion_verbs = frozenset(patterns.lexicon.motion_verbs)
        self.auspices = frozenset(patterns.lexicon.auspices_nouns)
        self.venue_nouns = frozenset(patterns.lexicon.venue_nouns)
        self.entry_verbs = frozenset(patterns.lexicon.entry_verbs)
        self.capitals = frozenset(patterns.lexicon.capital_nouns)
        self.countries = frozenset(patterns.lexicon.country_nouns)
        self.region_nouns = frozenset(patterns.lexicon.region_nouns)
        self.regions = dict(patterns.lexicon.region_adjectives)
        self.volition = frozenset(patterns.lexicon.volition_verbs)
        self.start_nouns = frozenset(patterns.lexicon.start_nouns)
        self.request_nouns = frozenset(  # "an appeal to X to lay down arms"
            lemma for lemma, rules in patterns.nouns.items()
            if any(r.type in {"REQUEST", "THREATEN"} for r in rules))
        # verbs coded as REJECT: "refused to meet X" is the refusal only (coders' convention)
        self.refusal_verbs = frozenset(
            lemma for lemma, rules in patterns.verbs.items()
            if any(r.type == "REJECT" and len(r.words) == 1 and not r.required for r in rules))
        self.event_nouns = frozenset(patterns.nouns)
        self.reason_nouns = frozenset(patterns.lexicon.reason_nouns)
        self.noun_types = {lemma: {r.type for r in rules} for lemma, rules in patterns.nouns.items()}
        self.quotes = [(m.start(), m.end()) for m in QUOTE_RE.finditer(doc.text)]

    # ----------------------------------------------------------------- status
    def chain(self, trigger: Token) -> list[Token]:
        """Trigger and the governors that share its clause (stops at a reporting verb)."""
        out = [trigger]
        t = trigger
        for _ in range(8):
            if t.head.i == t.i:
                break
            dep, head = t.dep_, t.head
            if dep in {"ccomp", "parataxis"} and head.lemma_.lower() in self.reporting:
                break
            if dep == "conj" and (any(c.dep_ in {"nsubj", "nsubjpass"} or c.dep_ == "aux"
                                      and c.lower_ != "to" for c in t.children)
                                  or speaker_conjunct(t, self.reporting, self.speech_acts)
                                  is not None):
                break  # "would not remain silent and would provide": own clause ("pledged to
                # cut ties and to enter talks": one infinitive after the other, one clause)
            if dep == "advcl" and any(c.dep_ == "mark" for c in t.children):
                break  # "even if X had been able to ...": a subordinate clause of its own
            if dep in UP_VERB or (dep == "advcl" and t.pos_ != "VERB") or (
                    dep == "ccomp" and head.lemma_.lower() in self.cues.negating_verbs):
                out.append(head)
                t = head
                continue
            break
        return out

    def _reported_future(self, verb: Token) -> bool:
        """"X announced that it would step down": a "would" clause reported by a verb of
        saying, with no condition, is the future seen from then (planned), not a guess."""
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.reporting \
            and not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in
                                                  self.cues.hypothetical_marks
                                                  for m in c.children) for c in verb.children)

    def _unfulfilled(self, verb: Token) -> bool:
        """Whether a clause is negated or still to come ("will not return", "refuses to")."""
        cues = self.cues
        for c in verb.children:
            if c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in {"never", "not"}:
                return True
            if c.dep_ in {"aux", "auxpass"} and (c.lower_ in cues.planned_aux
                                                or c.lower_ in cues.hypothetical_aux):
                return True
        return verb.lemma_.lower() in cues.negating_verbs

    def status(self, trigger: Token, forced: str | None = None) -> str:
        """negated > hypothetical > planned > occurred, read along the clause chain."""
        negated = planned = hypo = False
        cues = self.cues
        chain_list = self.chain(trigger)
        for pos, t in enumerate(chain_list):
            lem = t.lemma_.lower()
            for c in t.children:
                cl, cd = c.lower_, c.dep_
                if cd == "neg" or (cd == "advmod" and cl in {"never", "not"}):
                    if pos > 0 and lem in cues.reluctance_verbs:
                        planned = True  # "would not hesitate to support": a promise
                    else:
                        negated = True
                elif cd in {"aux", "auxpass"}:
                    if cl in cues.planned_aux or c.lemma_.lower() in cues.planned_aux:
                        planned = True
                    elif cl == "would" and self._reported_future(t):
                        planned = True  # "announced that it would step down": the future
                    elif cl in cues.hypothetical_aux:
                        hypo = True
                elif cd == "mark" and cl in cues.hypothetical_marks:
                    hypo = True
                elif cd in {"amod", "compound", "acl"} and t.pos_ in {"NOUN", "PROPN"} \
                        and not (cd == "acl" and any(True for _ in c.children)):
                    # "the aborted deal" is no deal; "talks, stalled for months, resumed" are
                    if cl in cues.negating_amods:
                        negated = True
                    elif cl in cues.planned_amods and cl not in {"new", "next"}:
                        planned = True
                    elif cl in cues.hypothetical_amods:
                        hypo = True
                elif cd == "det" and cl in {"no"}:
                    negated = True
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in cues.hypothetical_marks
                                         for c in t.children):
                hypo = True
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in cues.condition_marks
                                         for c in t.children) and self._unfulfilled(t.head):
                hypo = True
            if pos == 0:
                continue
            came = chain_list[pos - 1].dep_
            if came in {"nsubj", "nsubjpass"} and lem not in self.subject_cues:
                continue  # "the support is aimed at": the noun is not the planned thing
            if came == "conj":
                continue  # "denied X and accused Y": a verb's meaning bears on its complement
            if any(x.pos_ == "ADP" and x.lower_ in TIME_PREPS for x in chain_list[1:pos]):
                continue  # "agreed on a truce after talks that lasted hours": the talks were
            if any(x.lemma_.lower() in self.start_nouns for x in chain_list[1:pos]) \
                    and lem in self.reporting:
                continue  # "announced the start of an operation": it has started
            if lem in cues.negating_verbs:
                negated = True
            elif (lem in cues.planned_verbs or lem in cues.planned_adjs) and t.pos_ != "NOUN":
                planned = True  # not the noun: "the start of an operation" has begun
            elif t.pos_ == "NOUN" and lem in cues.planned_nouns \
                    and chain_list[pos - 1].dep_ in {"acl", "xcomp"}:
                planned = True  # "X's decision to launch an assault": announced, not done
            elif lem == "go" and t.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in t.children):
                planned = True
            if t.pos_ == "ADP" and t.lower_ in cues.negating_preps:
                negated = True
        if negated:
            return "negated"
        if hypo:
            return "hypothetical"
        if planned or forced == "planned":
            return "planned"
        return forced or "occurred"

    def embedded_request(self, trigger: Token) -> bool:
        """True for the asked-for act in "X urged Y to withdraw" (only the REQUEST is coded)
        and for the refused act in "X refused to meet Y" (only the REJECT is coded, as event
        coders do; a named occasion stays: "refused to attend the meeting with Y")."""
        t = trigger
        if trigger.pos_ in {"VERB", "AUX"} and trigger.dep_ == "xcomp" \
                and trigger.head.lemma_.lower() in self.refusal_verbs \
                and not self._names_occasion(trigger):
            return True
        if trigger.pos_ in {"NOUN", "PROPN"}:
            if self._asked_for(trigger):
                return True  # "called for a ceasefire and the withdrawal of X": only the call
            if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in self.volition:
                return True  # "does not want a war": no war told
            if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in self.refusal_verbs \
                    and trigger.head.lemma_.lower() not in self.denial \
                    and light_governor(trigger) is None:
                return True  # "the RSF rejected the sanctions": only the REJECT is coded
            gov = light_governor(trigger)
            if gov is None:
                # "demanded talks with Y": only the demand is coded
                head = trigger.head
                if trigger.dep_ == "pobj" and head.lower_ == "for":
                    head = head.head
                elif trigger.dep_ != "dobj":
                    return False
                if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in \
                        self.cues.negating_verbs and head.i != trigger.i \
                        and self.embedded_request(head):
                    return True  # "pressure on X to stop the fighting": asked, not told
                return head.pos_ in {"VERB", "AUX"} \
                    and head.lemma_.lower() in self.cues.request_verbs
            t = gov
        head = t.head
        if t.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "for" \
                and head.head.lemma_.lower() in self.cues.request_verbs:
            return True  # "called for maintaining the embargo": only the call is coded
        if t.dep_ in {"xcomp", "acl"} and head.pos_ == "NOUN" \
                and head.lemma_.lower() in self.request_nouns:
            return True  # "rejected an appeal from X to lay down arms": only asked for
        if t.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                for c in t.children) \
                and any(c.dep_ == "dobj" and c.lemma_.lower() in self.request_nouns
                        for c in head.children):
            return True  # "issued an ultimatum to Y to halt attacks": only demanded
        if t.dep_ not in {"xcomp", "ccomp"} or head.i == trigger.i \
                or head.lemma_.lower() not in self.cues.request_verbs:
            return False
        if t.dep_ == "ccomp":
            # "told Y that X has refused": a report; "demanded that X withdraw" only asks
            return not _finite_clause(t, head.lemma_.lower() in self.reporting)
        return any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ in {"on", "upon"})
                   for c in head.children)

    def _asked_for(self, noun: Token) -> bool:
        """Whether an event noun (or the first of its conjuncts) is what a request verb asks
        for: "called for a ceasefire", "urged a truce and the withdrawal of troops"."""
        base = noun
        while base.dep_ == "conj" and base.head.i != base.i and base.head.pos_ in {"NOUN",
                                                                                 "PROPN"}:
            base = base.head
        head = base.head
        if base.dep_ == "pobj" and head.lower_ == "for":
            head = head.head
        elif base.dep_ != "dobj":
            return False
        return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in self.cues.request_verbs

    def _names_occasion(self, verb: Token) -> bool:
        """The verb's object is an event noun ("attend the meeting", "sign the agreement"):
        the occasion exists apart from the refusal, so its negation is coded too."""
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        objs += [o for c in verb.children if c.dep_ == "prep" for o in c.children
                 if o.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.event_nouns for o in objs)

    # ------------------------------------------------------------ attribution
    def attribution(self, trigger: Token) -> Attribution:
        """X said (that) ..., ..., X said; according to X; quotes paired with a speaker."""
        sent = trigger.sent
        prev = trigger
        for anc in trigger.ancestors:
            lem = anc.lemma_.lower()
            if (lem in self.reporting or lem in self.denial) and anc.pos_ in {"VERB", "AUX"} \
                    and prev.dep_ in {"ccomp", "parataxis", "xcomp", "advcl", "dobj"} \
                    and not self._answers_act(anc) and not _time_clause(prev):
                if not (prev.dep_ == "xcomp" and lem not in {"report", "say", "claim"}):
                    return Attribution(True, self.speaker(anc), lem in self.denial)
            if lem in self.judgement_verbs and anc.pos_ == "VERB" and prev.dep_ == "prep" \
                    and prev.lower_ in {"of", "for"} and trigger.pos_ in {"VERB", "NOUN"}:
                # "X accused Y of sending arms": the sending is X's claim, not the article's
                return Attribution(True, self.speaker(anc))
            for c in anc.children:
                if c.i != prev.i and c.dep_ in {"parataxis", "advcl"} and not _time_clause(c) \
                        and c.lemma_.lower() in self.reporting and c.i > trigger.i - 60:
                    if not any(d.dep_ == "ccomp" for d in c.children) \
                            and not self._answers_act(c):
                        return Attribution(True, self.speaker(c))
            prev = anc
        for c in trigger.children:
            if c.dep_ in {"parataxis", "advcl"} and c.lemma_.lower() in self.reporting \
                    and not _time_clause(c):
                return Attribution(True, self.speaker(c))
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and \
                    self.doc[t.i + 1].lower_ == "to":
                objs = [o for o in self.doc[t.i + 1].children if o.dep_ == "pobj"]
                if not objs and t.i + 2 < len(self.doc):
                    objs = [self.doc[t.i + 2].head] if self.doc[t.i + 2].head.i > t.i else []
                who = self._who(objs)
                return Attribution(True, who)
        quote = self._quote_of(trigger.idx)
        if quote:
            return self._quote_speaker(trigger, quote)
        return Attribution()

    def speaker(self, verb: Token) -> str | None:
        if is_passive(verb):
            toks = [o for c in verb.children if c.dep_ == "agent" for o in c.children
                    if o.dep_ == "pobj"]
        else:
            toks = [relative_head(c) for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        if not toks:
            toks = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"]
        if not toks and verb.dep_ in {"xcomp", "conj"}:
            return self.speaker(verb.head)
        if not toks:
            toks = misparsed_speaker(verb)
        return self._who(toks)

    def _answers_act(self, verb: Token) -> bool:
        """"..., Y responded to this call": a reply to an act named by an event noun is an act
        of its own, not a parenthetical "Y said"."""
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(
            o.dep_ == "pobj" and o.lemma_.lower() in self.event_nouns for o in c.children)
            for c in verb.children)

    def _who(self, toks: list[Token]) -> str | None:
        """The actor a speaker phrase stands for: a mention; else a demonym of a state organ
        ("an Egyptian diplomatic official" -> Egypt); else, for a definite anonymous speaker
        ("the source adds", "the official said"), the one the same noun named just before."""
        ids = self.index.of_tokens(toks)
        if ids:  # "the head of the Ukrainian delegation X told": X, not Ukraine
            people = [i for i in ids
                      if getattr(self.index.actors.get(i), "kind", None) == "person"]
            return (people or ids)[0]
        for t in toks:
            if self.dictionary is not None:
                found = state_of(t, self.dictionary, self.index.token_actor,
                                 heads=self.lexicon.state_heads)
                if found is not None and t.lemma_.lower() in self.rep.anonymous_speakers:
                    self.added.setdefault(found[0], found[1])
                    return found[0]
            lemma = t.lemma_.lower()
            if lemma in self.rep.anonymous_speakers and any(
                    c.dep_ == "det" and c.lower_ in ANAPHOR_DETS for c in t.children):
                return self._earlier_speaker(t)
        return None

    def _earlier_speaker(self, tok: Token) -> str | None:
        """"the source adds": the actor of the last "<modifier> source" told before it."""
        lemma = tok.lemma_.lower()
        for i in range(tok.i - 1, -1, -1):
            t = self.doc[i]
            if tok.idx - t.idx > SPEAKER_REACH:
                return None
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" \
                    or all(c.dep_ in {"det", "punct"} for c in t.children):
                continue  # another bare "the source" points further back
            ids = self.index.of_tokens([t])
            if ids:
                return ids[0]
            found = state_of(t, self.dictionary, self.index.token_actor,
                             heads=self.lexicon.state_heads) if self.dictionary else None
            if found is not None:
                self.added.setdefault(found[0], found[1])
                return found[0]
            return None  # the nearest such speaker is unnamed: so is this one
        return None

    def _quote_of(self, idx: int) -> tuple[int, int] | None:
        for s, e in self.quotes:
            if s <= idx < e:
                return (s, e)
        return None

    def _quote_speaker(self, trigger: Token, quote: tuple[int, int]) -> Attribution:
        sents = list(self.doc.sents)
        here = next(i for i, s in enumerate(sents) if s.start <= trigger.i < s.end)
        for j in (here, here + 1, here - 1):
            if not 0 <= j < len(sents):
                continue
            for t in sents[j]:
                if t.lemma_.lower() in self.reporting and t.pos_ == "VERB" \
                        and self._quote_of(t.idx) is None:
                    return Attribution(True, self.speaker(t))
        return Attribution(True, None)

    # --------------------------------------------------------------- mediator
    def mediators(self, trigger: Token) -> list[str]:
        """"X-mediated talks", "brokered by X", "under the auspices of X"."""
        words = self.cues.mediator_words
        out: list[str] = []
        holders = [trigger]
        gov = light_governor(trigger) if trigger.pos_ in {"NOUN", "PROPN"} else None
        if gov is not None:
            holders.append(gov)
        # "resumed negotiations, in talks brokered by X", "signed after talks mediated by X"
        holders += [o for h in list(holders) for p in h.children
                    if p.dep_ == "prep" and p.lower_ in MEDIATED_PREPS for o in pobjs(p)
                    if "CONSULT" in self.noun_types.get(o.lemma_.lower(), ())]
        if trigger.pos_ in {"VERB", "AUX"}:  # "agreed to a ceasefire brokered by X"
            holders += [o for c in trigger.children
                        for o in ([c] if c.dep_ == "dobj" else pobjs(c) if c.dep_ == "prep"
                                  else [])
                        if {"AGREE", "CONSULT"} & self.noun_types.get(o.lemma_.lower(), set())]
        for h in holders:
            for c in h.children:
                lem = c.lemma_.lower()
                if lem in words and c.dep_ in {"amod", "acl", "compound", "advcl"}:
                    for d in c.children:
                        if d.dep_ in {"npadvmod", "compound", "amod", "nsubj", "advmod"}:
                            out += self.index.of_token(d)
                        if d.dep_ == "agent":
                            out += self.index.of_tokens([c2 for o in d.children
                                                         if o.dep_ == "pobj"
                                                         for c2 in expand_conj(o)])
                    if c.i >= 2 and self.doc[c.i - 1].text == "-":
                        out += self.index.of_token(self.doc[c.i - 2])
                if c.dep_ == "prep" and c.lower_ in {"under", "with", "through"}:
                    for o in c.children:
                        if o.dep_ == "pobj" and o.lemma_.lower() in self.auspices:
                            out += self.index.of_tokens([p2 for p in o.children
                                                         if p.dep_ == "prep"
                                                         for p2 in p.children
                                                         if p2.dep_ == "pobj"])
                            out += self.index.of_tokens([p for p in o.children
                                                         if p.dep_ in {"poss", "compound",
                                                                       "amod"}])
        return list(dict.fromkeys(out))

    # ------------------------------------------------------------------ place
    def place_names(self, trigger: Token, visit: bool, object_place: bool = False) -> list[str]:
        """Place names in locative phrases of the trigger's clause, nearest first; with
        ``object_place`` a direct object that is no actor is a venue ("shelled the town of X")."""
        preps = set(self.cues.locative_preps)
        if visit:
            preps = set(self.cues.destination_preps) | preps
        holders = self.chain(trigger)[:3]
        gov = light_governor(trigger) if trigger.pos_ in {"NOUN", "PROPN"} else None
        if gov is not None and gov not in holders:
            holders.append(gov)
        names: list[str] = []
        for h in holders:  # "Tripoli, where he met X": the noun the where-clause hangs on
            if h.dep_ == "relcl" and any(c.lower_ == "where" for c in h.children):
                names += self._names_in(h.head, shallow=True)
        for h in holders:
            # "went to Ankara to meet X": the destination of the motion verb
            if h.dep_ in {"advcl", "xcomp"} and h.head.lemma_.lower() in self.motion_verbs:
                for c in h.head.children:
                    if c.dep_ == "prep" and c.lower_ in preps | set(self.cues.destination_preps):
                        names += [n for o in c.children if o.dep_ == "pobj"
                                  for n in self._names_in(o)]
        for h in holders:
            kids = list(h.children)
            if visit and h.pos_ == "VERB":
                kids += [c for c in h.children if c.dep_ == "dobj"]
            for c in kids:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            names += self._names_in(o)
                elif c.dep_ == "dobj" and (visit or (
                        h.i != trigger.i and h.lemma_.lower() in self.entry_verbs)):
                    names += self._names_in(c)
                elif c.dep_ == "dobj" and object_place and h.i == trigger.i \
                        and c.i not in self.index.token_actor:
                    # "shelled the town of X"; "attacked the embassy of Y" is no place Y
                    names += self._names_in(c, skip_actors=True)
                elif c.dep_ in {"compound", "nmod"} and h.pos_ in {"NOUN", "PROPN"}:
                    names += self._names_in(c, shallow=True)
                elif c.dep_ == "advmod" and c.lower_ in {"where", "there"}:
                    continue
        names += self._target_place_names(holders, preps)
        names += self._aim_place_names(trigger, object_place)
        names += self._venue_names(trigger)
        names += self._talks_place_names(holders, preps)
        return list(dict.fromkeys(names))

    def _aim_place_names(self, trigger: Token, object_place: bool) -> list[str]:
        """"(carried out) air strikes on military sites in Iran", "launched attacks against
        dozens of targets in C": a strike happens where its aim lies (the aim's noun phrase,
        read as the verb form's object is: "struck targets in C")."""
        aimed = [t for t in [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
                 if AIMED & self.noun_types.get(t.lemma_.lower(), set())
                 or (t.i == trigger.i and object_place)]
        objs = [o for t in aimed for o in aim_objects(t, self.index.token_actor)]
        # the phrase's locative "in C" first, even when C is also a party ("sites in Iran")
        return [n for o in objs for t in self._place_phrase(o) for c in t.children
                if c.dep_ == "prep" and c.lower_ in self.cues.locative_preps
                for p in pobjs(c) for n in self._names_in(p)] + [
                    n for o in objs for n in self._names_in(o, skip_actors=True)]

    def _talks_place_names(self, holders: list[Token], preps: set[str]) -> list[str]:
        """Where the talks an act followed were held ("signed a deal after ten days of
        negotiations in Pretoria"): the last resort for an act the clause does not place."""
        names: list[str] = []
        for h in holders:
            for p in h.children:
                if p.dep_ != "prep" or p.lower_ not in {"after", "following", "during"}:
                    continue
                for t in p.subtree:
                    if "CONSULT" in self.noun_types.get(t.lemma_.lower(), ()):
                        names += [n for c in t.children if c.dep_ == "prep"
                                  and c.lower_ in preps for o in pobjs(c)
                                  for n in self._names_in(o)]
        return names

    def _target_place_names(self, holders: list[Token], preps: set[str]) -> list[str]:
        """Where the act's aim lies: "carried out operations targeting militia centres in
        X", "strikes aimed at positions near X" (a verb on the act's noun, its object's
        locative phrase)."""
        names: list[str] = []
        for h in holders:
            nouns = [h] if h.pos_ in {"NOUN", "PROPN"} else [
                c for c in h.children if c.dep_ in {"dobj", "nsubjpass"}]
            for a in (a for n in nouns for a in n.children if a.dep_ == "acl"
                      and a.pos_ == "VERB"):
                objs = [o for o in a.children if o.dep_ == "dobj"] + [
                    o for c in a.children if c.dep_ == "prep" for o in pobjs(c)]
                names += [n for o in [a, *objs] for c in o.children
                          if c.dep_ == "prep" and c.lower_ in preps
                          for p in pobjs(c) for n in self._names_in(p)]
        return names

    def _venue_names(self, trigger: Token) -> list[str]:
        """"(a meeting between X and Y) on the sidelines of a summit in C": the gathering's
        place, wherever the parser hung "on" inside the trigger's own clause."""
        names: list[str] = []
        for t in trigger.subtree:
            if t.dep_ != "pobj" or t.lemma_.lower() not in self.venue_nouns \
                    or t.head.lower_ != "on":
                continue
            path = [a for a in t.ancestors if a.i != trigger.i and trigger.is_ancestor(a)]
            if any(a.dep_ in {"relcl", "ccomp", "advcl", "acl", "xcomp"} for a in path):
                continue
            names += self._names_in(t)
        return names

    def clause_places(self, trigger: Token, visit: bool, etype: str | None = None) -> list[str]:
        """Fallback: a locative phrase anywhere in the trigger's own clause ("met X in Vienna"
        parsed with "in Vienna" under X), not inside another clause, nearest first."""
        preps = set(self.cues.locative_preps) | (set(self.cues.destination_preps) if visit else set())
        clause = clause_span(trigger)
        root = clause.root
        own = {a.i for a in trigger.ancestors} | {trigger.i}
        found: list[tuple[int, str]] = []
        for t in clause:
            if t.dep_ != "prep" or t.lower_ not in preps:
                continue
            path = [a for a in t.ancestors if a.i not in own and root.i != a.i
                    and a.dep_ in {"relcl", "acl", "ccomp", "advcl", "xcomp", "conj"}]
            if path or under_reason(t, own, self.event_nouns, self.reason_nouns):
                continue  # "fired at X in response to the killing of Y in C": not in C
            if t.head.i != trigger.i and t.head.pos_ in {"NOUN", "PROPN"} \
                    and etype not in self.noun_types.get(t.head.lemma_.lower(), {etype}):
                continue  # "will not support a campaign in C": C is where the campaign goes on
            for o in t.children:
                if o.dep_ == "pobj" and o.i not in self.index.token_actor:
                    found += [(abs(t.i - trigger.i), n) for n in self._names_in(o)
                              if not self._seat_of_holder(t.head, n)]
        return [n for _, n in sorted(found)]

    def _seat_of_holder(self, holder: Token, name: str) -> bool:
        """"the government (based) in C": a place that is the seat of the actor its phrase
        hangs on describes that actor, not where the act happened."""
        aid = self.index.token_actor.get(holder.i)
        if aid is None and holder.dep_ == "acl":  # "the GNA based in C"
            aid = self.index.token_actor.get(holder.head.i)
        if aid is None or self.dictionary is None:
            return False
        return any(e.id == aid for e in self.dictionary.seated_at(name))

    def names_under(self, tok: Token) -> list[str]:
        """Place names a non-actor argument token carries ("the city of X" -> X)."""
        return self._names_in(tok)

    def _names_in(self, tok: Token, shallow: bool = False, skip_actors: bool = False) -> list[str]:
        """Candidate place names under a token: GPE/LOC/FAC entities, else proper nouns that
        are no actor mention (NER often glues "Freedonia in Geneva"; the gazetteer decides);
        with ``skip_actors`` entities that are actor mentions are left out."""
        # an unlisted place NER took for an organisation or person ("In El Fasher, ...") is a
        # candidate too when no actor claims it: the gazetteer decides
        ents = [e for e in self.doc.ents if (e.label_ in {"GPE", "LOC", "FAC"} or (
                    e.label_ in {"ORG", "PERSON"} and e.root.pos_ == "PROPN"
                    and e.root.i not in self.index.token_actor))
                and not (skip_actors and e.root.i in self.index.token_actor)]
        sub = [tok] if shallow else self._place_phrase(tok)
        idx = {t.i for t in sub}
        names = [e.text for e in ents
                 if e.root.i in idx or (shallow and tok.i in range(e.start, e.end))]
        if names:
            return names
        described = self._described(tok)
        if described:
            return [described]
        if tok.pos_ == "PROPN" and tok.i not in self.index.token_actor \
                and tok.ent_type_ in {"", "ORG", "GPE", "LOC", "FAC"}:
            parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            return [" ".join(t.text for t in sorted([*parts, tok], key=lambda t: t.i))]
        return []


    def _described(self, tok: Token) -> str | None:
        """A place told by description: "@capital:<country id>" ("the Ruritanian capital",
        "the capital of Ruritania"), "@capital:" ("the capital", "the country's capital":
        the article's country), "@region:<adjective>" ("the south of the country")."""
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in self.index.token_actor:
            return None
        capitals, countries, regions = self.capitals, self.countries, self.regions
        word = tok.lower_
        kids = list(tok.children)
        of_objs = [o for c in kids if c.dep_ == "prep" and c.lower_ == "of"
                   for o in c.children if o.dep_ == "pobj"]
        if tok.lemma_.lower() in capitals and any(c.dep_ == "det" for c in kids) \
                or tok.lemma_.lower() in capitals and any(
                    c.dep_ == "poss" and c.lemma_.lower() in countries for c in kids):
            if any(c.dep_ == "poss" and c.lemma_.lower() not in countries for c in kids):
                return None  # "the rebels' capital": a seat, not the country's capital
            for t in [*[c for c in kids if c.dep_ in {"amod", "compound"}], *of_objs]:
                country = self._country_of(t)
                if country:
                    return f"{DESCRIBED}capital:{country}"
                if t in of_objs and t.lemma_.lower() not in countries:
                    return None  # "the capital of the province"
            return f"{DESCRIBED}capital:"
        if word in regions and any(o.lemma_.lower() in countries
                                        and any(d.lower_ == "the" for d in o.children)
                                        for o in of_objs):
            return f"{DESCRIBED}region:{regions[word]}"
        adjs = [c.lower_ for c in kids if c.dep_ == "amod"]
        if tok.lemma_.lower() in self.region_nouns and len(adjs) == 1 \
                and adjs[0] in regions.values() and not of_objs \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
            return f"{DESCRIBED}region:{adjs[0]}"  # "the western region"
        return None

    def _country_of(self, tok: Token) -> str | None:
        """The country a demonym or country mention names ("Ruritanian" -> its id)."""
        if self.dictionary is None:
            return None
        aid = self.index.token_actor.get(tok.i)
        entry = self.dictionary.get(aid) if aid else None
        if entry is None:
            entry = self.dictionary.demonym(tok.text)
        return entry.id if entry is not None and entry.kind == "country" else None

    def _place_phrase(self, tok: Token) -> list[Token]:
        """The noun phrase under a token minus non-locative attachments: "the city of X in Y"
        keeps X and Y, "the embargo on X" or "a deal with X" drops X (X is no venue)."""
        keep = set(self.cues.locative_preps) | {"of"}
        out: list[Token] = []
        stack = [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ not in keep:
                    continue
                if c.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
                    continue
                stack.append(c)
        return out


def _finite_clause(verb: Token, reporting: bool = False) -> bool:
    """A clause with its own tense ("X has refused", "X attacked"): reported, not asked for;
    a demand's that-clause is subjunctive ("that X withdraw", "that Y be released"), so a bare
    plural present (VBP, same form) counts only under a reporting verb ("told Y that they
    support X")."""
    if verb.tag_ in ({"VBD", "VBZ", "VBP"} if reporting else {"VBD", "VBZ"}):
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"}
               for c in verb.children)


TIME_MARKS = frozenset({"while", "after", "when", "as", "before", "since", "because",
                        "although", "though", "once", "until", "whereas"})


def _time_clause(verb: Token) -> bool:
    """An adverbial clause of time, cause or contrast ("..., while X pledged to", "after X
    met Y"): what it tells is no content of a report, and its verb reports nothing."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS
                                        for c in verb.children)


def clause_span(trigger: Token) -> Span:
    """The clause of a trigger: the subtree of its nearest clause-level verb."""
    t = trigger
    while t.dep_ not in CLAUSE_DEPS and t.head.i != t.i:
        t = t.head
    toks = list(t.subtree)
    return trigger.doc[toks[0].i: toks[-1].i + 1]


# ------------------------------------------------------------------- tense
# Why: an event sentence without a date expression is still dated by its grammar. A present
# progressive or present simple ("X is massing troops", "Y sends weapons") in a dated news
# report describes what goes on at publication time; a past simple clause continues the time
# frame its paragraph set ("In 2015 ... The congress joined ..."); a present perfect ("has
# carried out raids") or a bare infinitive names no time at all.
CLIMB_DEPS = {"xcomp", "advcl", "pcomp", "prep", "conj", "acl"}
PRESENT_TAGS = {"VBZ", "VBP"}


def clause_verb(trigger: Token) -> Token | None:
    """The finite verb whose tense dates the trigger: the trigger itself, the verb carrying a
    nominal trigger, or the finite governor of an infinitive/gerund ("are working to support",
    "left without signing")."""
    v: Token | None = trigger
    if trigger.pos_ not in {"VERB", "AUX"}:
        v = light_governor(trigger)
        if v is None:
            v = next((a for a in list(trigger.ancestors)[:4] if a.pos_ in {"VERB", "AUX"}), None)
    for _ in range(6):
        if v is None or _finite(v) or v.head.i == v.i:
            return v
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in v.children)
        if v.dep_ not in CLIMB_DEPS or own_subject:
            return v
        if v.dep_ == "acl" and v.tag_ in {"VBN", "VBG"}:
            return v  # "forces stationed in X": a reduced relative names no time
        v = v.head
    return v


def _finite(v: Token) -> bool:
    return v.tag_ in PRESENT_TAGS | {"VBD", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in PRESENT_TAGS | {"VBD", "MD"}
        for c in v.children)


def tense(trigger: Token) -> str:
    """Tense of the trigger's clause: "present", "progressive", "perfect", "pluperfect",
    "past", "modal" or "none" (infinitive, participle, verbless)."""
    v = clause_verb(trigger)
    if v is None:
        return "none"
    auxes = [c for c in v.children if c.dep_ in {"aux", "auxpass"} and c.lower_ != "to"]
    if any(c.tag_ == "MD" for c in auxes):
        return "modal"
    have = [c for c in auxes if c.lemma_.lower() == "have"]
    if have:  # "had met": before the time the text speaks of, not at it
        return "perfect" if have[0].tag_ in PRESENT_TAGS else "pluperfect"
    if auxes:
        tag = auxes[0].tag_
        if tag in PRESENT_TAGS:
            return "progressive" if v.tag_ == "VBG" else "present"
        return "past" if tag == "VBD" else "none"
    if v.tag_ in PRESENT_TAGS:
        return "present"
    return "past" if v.tag_ == "VBD" else "none"


def has_current_adverb(trigger: Token, adverbs: frozenset[str]) -> bool:
    """"currently", "now", "at present" modifying the trigger's clause verb."""
    v = clause_verb(trigger) or trigger
    for c in v.children:
        if c.dep_ in {"advmod", "npadvmod", "prep"}:
            phrase = " ".join(t.lower_ for t in c.subtree)
            if phrase in adverbs:
                return True
    return False
