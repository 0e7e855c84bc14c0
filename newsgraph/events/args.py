"""Arguments of a trigger, read from the dependency parse and tied to actors.

Why a separate module: finding "who" and "to whom" is the same walk for verb
and noun triggers (subject, object, preposition, possessor, "between X and
Y"), and the same mapping from a token to the actor whose mention covers it
("Haftar's forces" -> Haftar, "officials from Egypt" -> Egypt).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.events.attachments import (
    brokered_act,
    left_partners,
    misparsed_root_subject,
    self_authored,
)
from newsgraph.events.holders import HOLDER_SLOTS, holder_countries, states_of
from newsgraph.events.patterns import Lexicon, shipped_lexicon
from newsgraph.nlp.syntax import clause_subjects, expand_conj, pobjs
from newsgraph.records import Actor, Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
LINK_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
SUBJ_DEPS = {"nsubj", "csubj"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Nouns that name the people taking part in a gathering told before: "the participants of the
# event agreed ...", "the conference attendees called for ..." (closed class of English nouns;
# they stand for the participants of the latest gathering, see ActorIndex.note_gathering).
GATHERING_REACH = 2500  # characters after a gathering within which its participants are named


@dataclass
class Found:
    """Actor ids found for one slot, and whether the parse link was direct."""

    actors: list[str]
    direct: bool = True
    tokens: tuple[int, ...] = ()


class ActorIndex:
    """Maps tokens of one Doc to actor ids through the mentions' character spans."""

    def __init__(self, doc: Doc, actors: list[Actor], mentions: list[Mention],
                 mediator_words: Iterable[str] = (), relation_nouns: Iterable[str] = (),
                 lexicon: Lexicon | None = None, reporting_verbs: Iterable[str] = (),
                 dictionary: Any = None) -> None:
        self.doc = doc
        self.dictionary = dictionary  # tells a country named only as a place (holders.py)
        self.reporting_verbs = frozenset(reporting_verbs)  # a misparsed speaker is no party
        self.use_lexicon(lexicon or shipped_lexicon())
        self._breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(doc.text)]
        self.relation_nouns = frozenset(relation_nouns)
        self.actors = {a.id: a for a in actors}
        self.token_actor: dict[int, str] = {}
        self.mediator_words = frozenset(mediator_words)
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.token_actor.setdefault(tok.i, m.actor_id)
        self._person_tokens = sorted(i for i, a in self.token_actor.items()
                                     if self.actors.get(a) and self.actors[a].kind == "person")
        self._gatherings: list[tuple[int, list[str]]] = []  # (char offset, participant ids)
        self._pairs: list[tuple[int, list[str]]] = []  # (char offset, the two parties)

    def pair_noun(self, tok: Token) -> bool:
        """"the two sides", "both parties": a noun that stands for the last pair told."""
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in self.pair_nouns and any(
            c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet", "amod"}
            for c in tok.children)

    def note_pair(self, offset: int, ids: list[str]) -> None:
        """Record the two parties of a two-sided act told at ``offset`` ("X met Y"), so that a
        later "the two sides" / "both parties" stands for them."""
        if len(ids) == 2 and ids[0] != ids[1] and not any(i.startswith("agent:") for i in ids):
            self._pairs.append((offset, list(ids)))

    def pair_before(self, tok: Token) -> list[str]:
        """The parties of the last two-sided act told shortly before ``tok``."""
        found = [ids for offset, ids in self._pairs if offset < tok.idx <= offset + PAIR_REACH]
        return list(found[-1]) if found else []

    def note_gathering(self, offset: int, ids: list[str]) -> None:
        """Record the participants of a conference/meeting told at ``offset``, so that a later
        "the participants" stands for them (the extractor reads sentences in text order)."""
        if len(ids) > 1:
            self._gatherings.append((offset, list(dict.fromkeys(ids))))

    def gathering_before(self, tok: Token) -> list[str]:
        """Participants of the latest gathering told before ``tok`` in a short stretch."""
        for offset, ids in reversed(self._gatherings):
            if offset < tok.idx:
                return list(ids) if tok.idx - offset <= GATHERING_REACH else []
        return []

    def same_block(self, a: Token, b: Token) -> bool:
        """Both tokens in one paragraph (no blank line between them)."""
        return bisect.bisect_right(self._breaks, a.idx) == bisect.bisect_right(self._breaks, b.idx)

    def use_lexicon(self, lexicon: Lexicon) -> None:
        """Word lists (pattern files' ``lexicon:``) that decide which modifiers stand for whom."""
        self.loyal_words = frozenset(lexicon.loyal_words)
        self.link_preps = frozenset(lexicon.link_preps)
        self.opposing_prefixes = frozenset(lexicon.opposing_prefixes)
        self.example_preps = frozenset(lexicon.example_preps)
        self.recipient_nouns = frozenset(lexicon.recipient_nouns)
        self.participant_nouns = frozenset(lexicon.participant_nouns)
        self.pair_nouns = frozenset(lexicon.pair_nouns)
        self.holder_nouns = frozenset(lexicon.holder_nouns)
        self.office_nouns = frozenset(lexicon.office_nouns)
        self.region_words = frozenset([*lexicon.region_nouns, *lexicon.region_adjectives])

    # ------------------------------------------------------------------ tokens
    def resolve_pronoun(self, tok: Token) -> str | None:
        """he/she/his -> the latest person mentioned before it in the same paragraph."""
        sent_obj = self._destination_traveller(tok)
        if sent_obj is not None:
            return sent_obj
        text = self.doc.text
        para_start = text.rfind("\n", 0, tok.idx) + 1
        # "X met Y and urged him to ...": an object pronoun is never its own clause's subject
        # (that would be "himself"), so it is the latest other person, not the subject
        own = {self.token_actor[s.i] for s in clause_subjects(tok, SUBJ_DEPS)
               if s.i in self.token_actor} if tok.dep_ in OBJECT_DEPS else set()
        best = best_subj = best_main = None
        for i in self._person_tokens:
            t = self.doc[i]
            if t.idx >= tok.idx:
                break
            if t.idx >= para_start and self.token_actor[i] not in own:
                best = self.token_actor[i]
                subj = next((a for a in [t, *t.ancestors][:3]
                             if a.dep_ in SUBJ_DEPS | {"nsubjpass"}), None)
                if subj is not None:
                    best_subj = best
                    # the subject of a main clause, not of a report inside it ("X said that
                    # Y had accepted. He called on Z": he is X)
                    verb = subj.head
                    while verb.dep_ == "conj" and verb.head.i != verb.i:
                        verb = verb.head
                    if verb.dep_ == "ROOT":
                        best_main = best
        if own:
            return best
        return best_main or best_subj or best

    def _destination_traveller(self, tok: Token) -> str | None:
        """"X sent his deputy, Y, to C, where he met Z": in a where-clause on the destination
        of a verb with a person object, he/she is that object (the one who went), not X."""
        if tok.dep_ not in SUBJ_DEPS or tok.head.dep_ != "relcl":
            return None
        clause = tok.head
        if not any(c.lower_ == "where" for c in clause.children):
            return None
        place = clause.head
        if place.dep_ != "pobj" or place.head.lower_ not in {"to", "into"}:
            return None
        verb = place.head.head
        for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"}):
            for cand in [obj, *[a for a in obj.children if a.dep_ == "appos"]]:
                aid = self.token_actor.get(cand.i)
                if aid and self.actors.get(aid) and self.actors[aid].kind == "person":
                    return aid
        return None

    def _reported_self(self, tok: Token) -> list[str]:
        """"Freedonia denied that it had armed ...": it/they = the speaker of the governing
        statement verb (the only place we resolve non-person pronouns: high precision)."""
        clause = tok.head
        while clause.dep_ in {"conj", "xcomp"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            return []
        speakers = [c for c in clause.head.children if c.dep_ in SUBJ_DEPS]
        if not speakers or speakers[0].pos_ == "PRON":
            return []
        return self.of_token(speakers[0], 1)

    def _previous_subject(self, tok: Token) -> list[str]:
        """it/they -> the nearest group or state that was a subject before it, in the same
        sentence or the one before ("The rebels said they will release ...", "X denied
        the report. It said ..."). Persons are he/she; objects are not followed."""
        sent = tok.sent
        first = sent.start
        if first > 0:
            first = self.doc[first - 1].sent.start
        for i in range(tok.i - 1, first - 1, -1):
            aid = self.token_actor.get(i)
            if aid is None or getattr(self.actors.get(aid), "kind", None) == "person":
                continue
            t = self.doc[i]
            if any(a.dep_ in SUBJ_DEPS | {"nsubjpass"} for a in [t, *t.ancestors][:3]):
                return [aid]
        return []

    def of_token(self, tok: Token, depth: int = 0) -> list[str]:
        """Actor ids a token stands for: its own mention, else its modifiers' mentions."""
        if tok.i in self.token_actor and not (self.token_actor[tok.i].startswith("agent:")
                                              and self.pair_noun(tok)):
            return [self.token_actor[tok.i], *self._states_after_of(tok)]
        if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
            who = self.resolve_pronoun(tok)
            return [who] if who else []
        if tok.lower_ in {"it", "they"} and tok.dep_ in SUBJ_DEPS | {"nsubjpass"}:
            return self._reported_self(tok) or self._previous_subject(tok)
        if depth > 2 or tok.pos_ in {"VERB", "AUX"}:
            return []
        if self.pair_noun(tok):
            # "the two sides agreed", "both parties to sign": the two of the last act between two
            pair = self.pair_before(tok)
            if pair or tok.i not in self.token_actor:
                return pair
            return [self.token_actor[tok.i]]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.participant_nouns:
            # "the participants (of the event)": those who took part in the gathering just told
            return self.gathering_before(tok)
        # the apposition may hang on the post's last noun ("envoy for Sudan, X")
        holders = [tok, *(o for p in tok.children if p.dep_ == "prep" for o in pobjs(p))]
        named = [self.token_actor[c.i] for h in holders for c in h.children
                 if c.dep_ == "appos" and c.i in self.token_actor
                 and getattr(self.actors.get(self.token_actor[c.i]), "kind", None) == "person"]
        if named and not self.is_relation(tok):
            # "the UN envoy for Sudan, Ramtane Lamamra": the person named, not the post's
            # organisation or portfolio
            return list(dict.fromkeys(named))
        if self.is_relation(tok):
            # "Y's ally X", "a backer of Y": the noun is X (its apposition), never Y; with a
            # possessor, a named modifier is the group they belong to ("its EU partners")
            named = [a for c in tok.children if c.dep_ == "appos"
                     for a in self.of_token(c, depth + 1)]
            if not named and any(c.dep_ == "poss" for c in tok.children):
                named = [a for c in tok.children if c.dep_ == "compound"
                         for a in self.of_token(c, depth + 1)]
            return list(dict.fromkeys(named))
        out: list[str] = []
        for child in tok.children:
            if _negated_modifier(child, self.opposing_prefixes):
                continue  # "anti-Haftar militias" are not Haftar
            if child.dep_ in LINK_DEPS and child.lemma_.lower() not in self.mediator_words:
                if child.dep_ == "amod" and child.lower_ in self.loyal_words:
                    for p in child.children:
                        if p.dep_ == "prep":
                            out += [a for o in p.children if o.dep_ == "pobj"
                                    for a in self.of_token(o, depth + 1)]
                    continue
                if child.dep_ == "amod" and child.pos_ == "VERB":
                    continue  # "Turkish-backed forces" are not Turkey
                out += self.of_token(child, depth + 1)
                # "American and British warplanes": the coordinated modifiers too
                if child.dep_ in {"amod", "compound"}:  # not poss: "[X and Y]'s meeting"
                    out += [a for c in expand_conj(child)[1:] if c.i in self.token_actor
                            for a in self.of_token(c, depth + 1)]
            elif child.dep_ == "prep" and child.lower_ in {"to", "for"} \
                    and tok.lemma_.lower() in self.recipient_nouns:
                # "a ban on arms exports to X", "lifted curbs on sales to X": the recipient
                out += [a for o in child.children if o.dep_ == "pobj"
                        for a in self.of_token(o, depth + 1)]
            elif child.dep_ == "acl" and child.lower_ in self.loyal_words:
                # "positions belonging to X", "militias affiliated with X": X
                out += [a for p in child.children if p.dep_ == "prep"
                        for o in pobjs(p) for a in self.of_token(o, depth + 1)]
            elif child.dep_ == "prep" and self._names_examples(child):
                # "groups such as X", "militias including X": the examples are the party
                out += [a for o in child.children if o.dep_ == "pobj"
                        for a in self.of_token(o, depth + 1)]
            elif child.dep_ == "prep" and child.lower_ in self.link_preps:
                holder = self._role_holder(tok, child)
                if holder:
                    return holder
                # "the leaders of A, B and C": every coordinated member stands for the noun
                out += [a for o in child.children if o.dep_ == "pobj"
                        for c in expand_conj(o) for a in self.of_token(c, depth + 1)]
            elif child.dep_ == "appos" and not self.is_relation(child) \
                    and not speaker_before(child, self.reporting_verbs):
                out += self.of_token(child, depth + 1)
        return list(dict.fromkeys(out))

    def _states_after_of(self, tok: Token) -> list[str]:
        """States coordinated inside an actor's "of" phrase: "the government of Sarraj and
        Ankara signed" is the government and Turkey (a state is never part of the phrase's
        person or group)."""
        out: list[str] = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in pobjs(c):
                    for conj in expand_conj(o)[1:]:
                        aid = self.token_actor.get(conj.i)
                        if aid is not None and aid != self.token_actor[tok.i] and getattr(
                                self.actors.get(aid), "kind", None) == "country":
                            out.append(aid)
        return out

    def _role_holder(self, noun: Token, prep: Token) -> list[str]:
        """"the (former) commander of the Guard, Ibrahim X": the parse hangs the name on the
        organisation, but a person in apposition after "<role noun> of <org>" is the holder of
        the role, and the role noun stands for that person, not for the organisation."""
        if prep.lower_ != "of" or noun.pos_ != "NOUN":
            return []
        for o in prep.children:
            if o.dep_ != "pobj" or o.i not in self.token_actor:
                continue
            org = self.actors.get(self.token_actor[o.i])
            if org is None or org.kind == "person":
                continue
            for ap in o.children:
                aid = self.token_actor.get(ap.i)
                if ap.dep_ == "appos" and aid and getattr(self.actors.get(aid), "kind", None) == "person":
                    return [aid]
        return []

    def _names_examples(self, prep: Token) -> bool:
        """"such as", "including", "like": a preposition that lists members of its noun."""
        if prep.lower_ == "as":
            return any(c.lower_ == "such" for c in prep.children) or (
                prep.i > 0 and self.doc[prep.i - 1].lower_ == "such")
        return prep.lower_ in self.example_preps

    def is_relation(self, tok: Token) -> bool:
        """A relation noun with no mention of its own ("ally", "the main backer")."""
        return (tok.i not in self.token_actor and tok.pos_ in {"NOUN", "PROPN"}
                and tok.lemma_.lower() in self.relation_nouns)

    def of_tokens(self, toks: Iterable[Token]) -> list[str]:
        out: list[str] = []
        for t in toks:
            for c in expand_conj(t):
                out += self.of_token(c)
                for ap in c.children:
                    if ap.dep_ == "appos" and not self.is_relation(ap):
                        out += self.of_token(ap)
        return list(dict.fromkeys(out))


TEMPORAL_PREPS = frozenset({"after", "following", "before", "since"})
# Prepositions that give a circumstance (reason, time) of a clause, not the act it carries.
CIRCUMSTANCE_PREPS = frozenset({"over", "after", "before", "following", "since", "during",
                                "amid", "despite", "because", "like", "unlike", "until"})
PAIR_REACH = 3000  # characters
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
COMPOUND_PREPS = frozenset({"out", "away", "back"})  # first words of "out of", "away from"


def _nominal_gerund(verb: Token) -> bool:
    """"over the killing of X": a gerund with a determiner or an "of" object names an act of
    its own, whose doer is not the governing clause's subject ("after meeting Y, X flew")."""
    return any(c.dep_ in {"det", "poss"} or c.dep_ == "prep" and c.lower_ == "of"
               for c in verb.children)


def _negated_modifier(tok: Token, prefixes: frozenset[str]) -> bool:
    doc = tok.doc
    first = tok.left_edge.i
    words = {doc[j].lower_ for j in range(max(first - 2, 0), tok.i)}
    return bool(words & prefixes) or tok.lower_.startswith("anti")




def relative_head(tok: Token) -> Token:
    """'which'/'who' in a relative clause stands for the noun the clause hangs on."""
    if tok.tag_ in RELATIVE_TAGS or tok.lower_ in {"which", "who", "that", "whom"}:
        verb = tok.head
        if tok.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head  # "the talks in which X took part"
        while verb.dep_ in {"xcomp", "conj", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in {"relcl", "acl"}:
            return verb.head
    return tok


def relative_antecedents(tok: Token) -> list[Token]:
    """Candidate nouns a relative pronoun stands for, nearest first. The parser often hangs
    "..., in which X took part" on the last noun or on the verb ("a conference was held in the
    capital, in which X took part"): the core nouns (subject, object) of the clause that
    governs the attachment point are candidates too; the caller keeps the one that fits."""
    head = relative_head(tok)
    if head.i == tok.i:
        return [tok]
    out = [head]
    t = head
    for _ in range(4):
        if t.pos_ in {"VERB", "AUX"}:
            out += [c for c in t.children if c.dep_ in {"nsubjpass", "nsubj", "dobj"}]
            break
        if t.dep_ not in {"pobj", "prep", "appos", "conj"} or t.head.i == t.i:
            break
        t = t.head
    return list(dict.fromkeys(out))


def misparsed_speaker(say: Token) -> list[Token]:
    """"..., injuring four people, the regional governor X said.": the parser hangs the
    speaker on the last noun before a subjectless reporting verb; that noun phrase (the top
    token ending right before the verb) is the speaker."""
    if say.i == 0 or any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in say.children):
        return []
    last = say.doc[say.i - 1]
    if last.pos_ not in {"PROPN", "NOUN"}:
        return []
    top = last
    while top.head.i != top.i and top.head.i < say.i and top.dep_ in {"appos", "compound",
                                                                       "flat"} \
            and top.head.right_edge.i == say.i - 1:
        top = top.head
    return [top, last] if top.i != last.i else [last]


def speaker_before(tok: Token, reporting_verbs: frozenset[str]) -> bool:
    """Whether ``tok``'s phrase is such a misparsed speaker (see misparsed_speaker)."""
    nxt = tok.right_edge.i + 1
    if nxt >= len(tok.doc):
        return False
    say = tok.doc[nxt]
    return say.lemma_.lower() in reporting_verbs and bool(misparsed_speaker(say))


def is_passive(verb: Token) -> bool:
    """A passive verb, reduced relatives included ("five peacekeepers killed when ...": the
    noun is the one killed, not the killer)."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBD"} and not any(
        c.dep_ in {"dobj", "nsubj", "aux", "agent"} for c in verb.children)





def speaker_conjunct(verb: Token, reporting_verbs: frozenset[str],
                     speech_acts: frozenset[str] = frozenset()) -> Token | None:
    """"X said the talks had failed and warned Y": the parser hangs "warned" on the reported
    clause, but a subjectless speech act coordinated there, in the reporting verb's own tense
    and without an auxiliary, is the speaker's own act; returns the reporting verb."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or head.head.i == head.i:
        return None
    say = head.head
    if say.lemma_.lower() not in reporting_verbs \
            or verb.lemma_.lower() not in reporting_verbs | speech_acts or verb.tag_ != say.tag_:
        return None
    if any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children):
        return None
    return say


class Args:
    """Slot reader for one sentence: subjects (with inheritance), objects, preps."""

    def __init__(self, index: ActorIndex, object_control: Iterable[str],
                 document_nouns: Iterable[str] = (), *, reciprocals: Iterable[str] = (),
                 reporting_verbs: Iterable[str] = (), victim_nouns: Iterable[str] = (),
                 speech_acts: Iterable[str] = ()) -> None:
        self.index = index
        self.object_control = frozenset(object_control)
        self.document_nouns = frozenset(document_nouns)
        self.reciprocals = frozenset(r.lower() for r in reciprocals)
        self.reporting_verbs = frozenset(reporting_verbs)
        self.speech_acts = frozenset(speech_acts)
        self.victim_nouns = frozenset(victim_nouns)

    def reciprocal(self, trigger: Token, slots: Iterable[str], nominal: bool) -> bool:
        """A slot holds "each other" / "one another": the coordinated subjects act on each
        other ("X and Y fought each other"), so they are the targets too."""
        for slot in slots:
            for t in self.slot(trigger, slot, nominal)[0]:
                if " ".join(w.lower_ for w in t.subtree) in self.reciprocals:
                    return True
        return False

    def victim_only(self, trigger: Token, target: list[str]) -> bool:
        """"the assassination of X", "X was arrested": a violent act told through its named
        victim stands with no perpetrator; only for victim nouns with a known actor in their
        "of" phrase and passive verbs without agent, so "the attack" alone stays out."""
        if not target:
            return False
        if trigger.pos_ == "VERB" and is_passive(trigger):
            if any(c.dep_ == "agent" for c in trigger.children):
                return False
            victims = set(target) & set(self.actors(self.slot(trigger, "dobj", False)[0]))
        elif trigger.lemma_.lower() in self.victim_nouns:
            victims = set(target) & set(self.actors(self.slot(trigger, "prep:of", True)[0]))
        else:
            return False
        # "the detention of two Ruritanians": people of a state, not the state as a victim
        return any(getattr(self.index.actors.get(v), "kind", None) != "country" for v in victims)

    # ---------------------------------------------------------------- subjects
    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject of a verb; inherited through xcomp/conj/advcl/relcl when absent, never
        across a blank line (a headline glued to the lead by the sentence splitter)."""
        toks, direct = self._subject_tokens(verb)
        kept = [t for t in toks if self.index.same_block(t, verb)]
        if toks and not kept:
            kept = self._orphan_subject(verb)
        return kept, direct and bool(kept)

    def _orphan_subject(self, verb: Token) -> list[Token]:
        """"Headline\n\nX, the head of Y, is preparing ...": the parser hung X on the
        headline; the first noun of the verb's paragraph whose head lies outside it is X."""
        for t in verb.sent:
            if t.i >= verb.i:
                break
            if t.pos_ in {"PROPN", "NOUN"} and self.index.same_block(t, verb) \
                    and not self.index.same_block(t.head, verb):
                return [t]
        return []

    def _subject_tokens(self, verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
        """Subject of a verb; inherited through xcomp/conj/advcl/relcl when absent."""
        if is_passive(verb):
            agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children
                      if o.dep_ == "pobj"]
            if agents:
                return agents, depth == 0
            if verb.dep_ in {"advcl", "pcomp", "ccomp"}:
                # "X will not talk until the blockade is lifted": whoever lifts it is unknown;
                # the subject of a governing clause is not the agent of a subordinate passive
                # (a coordinated one keeps it: "police raided the house and X was arrested")
                return [], False
        else:
            subs = [relative_head(c) for c in verb.children if c.dep_ in SUBJ_DEPS]
            if subs:
                return subs, depth == 0 and subs[0].tag_ not in RELATIVE_TAGS
        if depth > 4 or verb.head.i == verb.i:
            return [], False
        head, dep = verb.head, verb.dep_
        if dep in {"xcomp", "ccomp", "advcl", "pcomp"} and head.lemma_.lower() in self.object_control:
            objs = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
            if objs:
                return objs, False
        if dep == "pcomp" and head.dep_ == "prep" and not _nominal_gerund(verb):
            gov = head.head
            if gov.pos_ in {"VERB", "AUX"}:
                if gov.lemma_.lower() in self.object_control:
                    objs = [c for c in gov.children if c.dep_ == "dobj"]
                    if objs:
                        return objs, False
                return self._subject_tokens(gov, depth + 1)
            return [gov], False
        say = speaker_conjunct(verb, self.reporting_verbs, self.speech_acts)
        if say is not None:
            return self._subject_tokens(say, depth + 1)
        if dep in {"xcomp", "conj", "advcl"} and head.pos_ in {"VERB", "AUX", "ADJ"}:
            return self._subject_tokens(head, depth + 1)
        lost = misparsed_root_subject(verb)  # "X and Y, as guarantors, called ...": X and Y
        if lost is not None:
            return [lost], depth == 0
        if dep in {"acomp", "attr"} and verb.pos_ == "ADJ" and head.pos_ in {"VERB", "AUX"}:
            return self._subject_tokens(head, depth + 1)  # "X is ready to send": X
        if dep == "xcomp" and head.pos_ in {"NOUN", "PROPN"}:  # "the decision to attack"
            return self.noun_owner(head), False
        if dep in {"acl", "relcl"} and not is_passive(verb):
            if head.lemma_.lower() in self.document_nouns and not self.index.of_token(head):
                # "X issued a statement demanding ...": the statement speaks for its author
                owner = self.noun_owner(head)
                if owner:
                    return owner, False
            return [head], False
        return [], False

    def temporal_owner(self, noun: Token) -> list[str]:
        """The party an occasion noun leaves out when it dates a clause ("X's decision comes
        after a meeting with Y", "X flew home after talks with Y"): who acts in that clause,
        or whose act its subject is."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in TEMPORAL_PREPS:
            return []
        verb = noun.head.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return []
        subjects, _ = self.subject_tokens(verb)
        return self.actors(subjects) or self.actors(
            [p for s in subjects for p in s.children if p.dep_ == "poss"])

    def noun_owner(self, noun: Token) -> list[Token]:
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            return poss
        gov = light_governor(noun)
        return self.subject_tokens(gov)[0] if gov is not None else []

    # ------------------------------------------------------------------ slots
    def slot(self, trigger: Token, slot: str, nominal: bool) -> tuple[list[Token], bool]:
        """Tokens filling one argument slot of a trigger (before mapping to actors); an
        argument never lies across a blank line from its trigger (glued headline, caption)."""
        toks, direct = self._slot(trigger, slot, nominal)
        if slot in {"subj", "agent"} and not nominal and (brokered_act(trigger) or slot == "subj"
                                                          and self_authored(self.index, trigger, toks)):
            return [], False  # "a truce brokered by Z": Z mediates; see events/attachments.py
        if slot in HOLDER_SLOTS and toks:
            toks = [*toks, *holder_countries(self.index, toks,
                                             lambda: self._doer_states(trigger, nominal))]
        return [t for t in toks if self.index.same_block(t, trigger)], direct

    def _doer_states(self, trigger: Token, nominal: bool) -> set[str]:
        """Countries of the trigger's doer: subject of a verb; possessor, modifier or "by" of
        a noun, else the subject of its light verb ("Israel carried out strikes")."""
        if nominal:
            toks = [c for c in trigger.children if c.dep_ in {"poss", "compound", "amod"}]
            toks += [o for c in trigger.children if c.dep_ == "agent"
                     or (c.dep_ == "prep" and c.lower_ == "by") for o in pobjs(c)]
            gov = light_governor(trigger)
            if gov is not None:
                toks += self.subject_tokens(gov)[0]
        else:
            toks = self.subject_tokens(trigger)[0]
        return {cid for t in toks for c in expand_conj(t) for cid in states_of(self.index, c)}

    def _slot(self, trigger: Token, slot: str, nominal: bool) -> tuple[list[Token], bool]:
        kids = list(trigger.children)
        if slot == "subj":
            if nominal:
                return [], False
            return self.subject_tokens(trigger)
        if slot == "agent":
            toks = [o for c in kids if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                    for o in c.children if o.dep_ == "pobj"]
            return toks, True
        if slot == "dobj":
            if not nominal and is_passive(trigger):
                toks = [c for c in kids if c.dep_ == "nsubjpass"]
                if not toks and trigger.dep_ in {"acl", "relcl"}:
                    toks = [trigger.head]  # "the statement issued by X"
            else:
                toks = [c for c in kids if c.dep_ in {"dobj", "obj"}]
                if not toks and not nominal:
                    # "called / pushed for the resignation of X": the office or act wanted
                    toks = [o for c in kids if c.dep_ == "prep" and c.lower_ == "for"
                            for o in pobjs(c) if o.lemma_.lower() in self.index.office_nouns]
                if not toks and trigger.lemma_.lower() in self.object_control:
                    # "helped Y launch": spaCy makes Y the subject of the complement; not in a
                    # finite clause ("warned that Y would act": Y is no object of the warning)
                    toks = [s for c in kids if c.dep_ in {"ccomp", "xcomp"}
                            and not any(m.dep_ in {"mark", "aux"} and m.lower_ != "to"
                                        for m in c.children)
                            for s in c.children if s.dep_ == "nsubj"]
            return [relative_head(t) for t in toks], True
        if slot == "dative":
            return [c for c in kids if c.dep_ in {"dative", "iobj"}], True
        if slot.startswith("prep:"):
            word = slot[5:]
            holders = [trigger] + ([c for c in kids if c.dep_ == "dobj"] if not nominal else [])
            if not nominal and word in {"to", "from"}:
                # "appealed for support to X", "asked for help from X": X is addressed
                holders += [o for c in kids if c.dep_ == "prep" and c.lower_ == "for"
                            for o in c.children if o.dep_ == "pobj"]
            if not nominal and word == "with":
                # "met today in Rajma with X": the parser hangs "with X" on the place
                holders += [o for c in kids if c.dep_ == "prep" and c.lower_ in {"in", "at"}
                            for o in pobjs(c) if o.i not in self.index.token_actor]
            if not nominal:  # "pulled out of X", "moved away from X": the parse nests "of"
                holders += [c for c in kids if c.dep_ == "prep" and c.lower_ in COMPOUND_PREPS]
            toks = [o for h in holders for c in h.children
                    if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == word
                    for o in pobjs(c)]
            if word in {"from", "of"}:
                toks += left_partners(self.index, toks)  # "withdrew from talks with Y": Y
            return toks, True
        if slot == "between":
            preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == "between"]
            toks = [o for c in preps for o in pobjs(c)]
            if preps and len(self.index.of_tokens(toks)) < 2:
                toks += self._between_fallback(preps[0])
            return toks, True
        if slot == "poss":
            return [c for c in kids if c.dep_ == "poss"], True
        if slot == "compound":
            toks = [c for c in kids if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}
                    and c.lemma_.lower() not in self.index.mediator_words
                    and not _before_hyphen_of_mediator(c, self.index.mediator_words)]
            return toks, True
        if slot == "copula":
            if trigger.dep_ in {"attr", "acomp"} and trigger.head.lemma_ in {"be", "become", "remain"}:
                return [relative_head(c) for c in trigger.head.children
                        if c.dep_ in SUBJ_DEPS], True  # "X, which is Y's main backer"
            return [], False
        if slot == "appos_of":
            return ([trigger.head], True) if trigger.dep_ == "appos" else ([], False)
        if slot == "appos":  # "Y's backer X"
            return [c for c in kids if c.dep_ == "appos"], True
        if slot == "xcomp":
            return self._embedded_objects(trigger), False
        if slot == "purpose":  # "a campaign to enter X": on the noun or the verb's object
            nouns = [trigger] if nominal else [c for c in kids if c.dep_ in {"dobj", "nsubjpass"}]
            toks = [o for n in nouns for c in n.children
                    if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for o in c.children if o.dep_ == "dobj"]
            return toks, False
        if slot == "ccomp_subj":  # "demanded that X withdraw": X is the one addressed
            toks = [s for c in kids if c.dep_ == "ccomp"
                    for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]
            return [relative_head(t) for t in toks], True
        return [], False

    def _between_fallback(self, prep: Token) -> list[Token]:
        """"between X (a long aside—with dashes—) and Y": the parse often loses Y after an
        aside; take the first actor token after the "and" that closes the pair, skipping
        dashed or bracketed asides."""
        doc = prep.doc
        depth, dash = 0, False
        end = min(prep.sent.end, prep.i + 60)
        for i in range(prep.i + 1, end):
            t = doc[i]
            for ch in t.text:  # the tokenizer may glue "LNA)—the" into one token
                if ch in "([":
                    depth += 1
                elif ch in ")]":
                    depth = max(depth - 1, 0)
                elif ch in "—–":
                    dash = not dash
            if t.lower_ in {".", ";"}:
                return []
            if t.lower_ == "and" and depth == 0 and not dash:
                for j in range(i + 1, min(i + 8, end)):
                    if j in self.index.token_actor:
                        return [doc[j]]
                    if (doc[j].pos_ in {"VERB", "AUX"} and doc[j].dep_ not in {"amod", "compound"}) \
                            or doc[j].text in {",", ";"}:
                        return []
                return []
        return []

    def _embedded_objects(self, trigger: Token) -> list[Token]:
        """Objects inside the embedded clause: "refused to meet X", "threatened to attack X"."""
        out: list[Token] = []
        frontier = [c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}]
        for _ in range(3):
            nxt: list[Token] = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in {"dobj", "pobj", "dative"}:
                        out.append(c)
                        nxt.append(c)
                    elif c.dep_ in {"prep", "xcomp", "conj"}:
                        nxt.append(c)
            if any(self.index.of_token(t) for t in out):
                break
            frontier = nxt
        return out

    def actors(self, toks: list[Token]) -> list[str]:
        return self.index.of_tokens(toks)


def light_governor(noun: Token) -> Token | None:
    """The verb that carries a nominal trigger ("held talks", "took part in the talks")."""
    t = noun
    for _ in range(4):
        if t.dep_ in {"dobj", "nsubjpass", "attr", "obj", "oprd"}:
            return t.head
        if t.dep_ == "pobj" and t.head.dep_ in {"prep", "agent"} \
                and t.head.lower_ not in CIRCUMSTANCE_PREPS:  # "threatened X over the killing"
            h = t.head.head
            if h.pos_ in {"VERB", "AUX"}:
                return h
            if h.dep_ in {"dobj", "attr"} and h.head.pos_ in {"VERB", "AUX"}:
                return h.head  # "take part in the talks"
            return None
        if t.dep_ in {"conj", "appos"}:
            t = t.head
            continue
        return None
    return None


def _before_hyphen_of_mediator(tok: Token, mediator_words: frozenset[str]) -> bool:
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        return doc[tok.i + 2].lemma_.lower() in mediator_words
    return False
