"""Whether a country, capital or demonym mention is the state acting or only a place.

Kept apart from the resolver because it is one self-contained judgement made
from the dependency parse and the cue word lists alone ("Ankara appealed",
"appealed to Ankara", "Egyptian officials" act; "in Cairo", "visited Moscow",
"Libya's airspace" are places): it needs no dictionary, candidates or article
state, and is tested on its own sentences.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.actors.dictionary import Cues
from newsgraph.actors.names import POSSESSIVE_MARKS

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj", "csubjpass", "expl"})
OBJ_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})


class StateActs:
    """Judges whether a place-like dictionary match acts (see the module docstring)."""

    def __init__(self, cues: Cues, title_words: set[str]) -> None:
        """``title_words``: lower-cased single title words ("president", "gen")."""
        self._cues = cues
        self._title_words = title_words

    def state_acts(self, core: Span) -> bool:
        """Whether a country name or capital denotes the state acting, not a place."""
        cues = self._cues
        root = core.root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            root = root.head
        if self._agentive_apposition(core, root):
            return True
        dep = root.dep_
        nxt = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
        if any(ch.dep_ in ("amod", "compound") and cues.has("place_nouns", ch.lower_)
               and not _same_entity(ch, root) for ch in root.children):
            return False  # "western Libya" (not "South Africa", "South Sudan": one name)
        if dep == "poss" or (nxt is not None and nxt.text in POSSESSIVE_MARKS):
            return not cues.has("place_nouns", root.head.lemma_) and not cues.has("place_nouns", root.head.text)
        if dep in SUBJ_DEPS:
            return True
        if dep == "pobj":
            prep = root.head
            p = prep.lower_
            gov = prep.head
            if p == "to":
                return self._addressed(gov)
            if p == "from":
                return cues.has("agent_nouns", gov.lemma_)
            if p == "of":
                return cues.has("agent_nouns", gov.lemma_) or cues.has("agent_nouns", gov.text)
            if p == "between":
                return gov.pos_ == "NOUN" and not cues.has("place_nouns", gov.lemma_)
            if cues.has("locative_preps", p):
                return False
            return cues.has("actor_preps", p)
        if dep in OBJ_DEPS:
            return not cues.has("locative_verbs", root.head.lemma_)
        if dep in ("compound", "amod", "nmod", "npadvmod"):
            return cues.has("agent_nouns", root.head.lemma_) or cues.has("agent_nouns", root.head.text)
        return dep == "ROOT"

    def _addressed(self, gov: Token) -> bool:
        """Whether "to X" under ``gov`` names an addressee: an address verb or noun governs it,
        directly or through the thing asked or sent ("appealed for support to Ankara", "a
        request for help to Moscow", "made a plea to X"); a trip ("flew to Ankara", "talks in X to Y") does not."""
        cues = self._cues
        for _ in range(4):
            lemma = gov.lemma_.lower()
            prt = [c.lower_ for c in gov.children if c.dep_ == "prt"]
            if cues.has("address_verbs", lemma) or cues.has("address_nouns", lemma) \
                    or any(cues.has("address_verbs", f"{lemma} {w}") for w in prt):
                return True
            if gov.pos_ in ("VERB", "AUX") and any(  # "made a plea to X", "extended aid to X"
                    c.dep_ == "dobj" and cues.has("address_nouns", c.lemma_) for c in gov.children):
                return True
            if gov.pos_ not in ("NOUN", "PROPN") or gov.dep_ not in ("pobj", "dobj", "attr"):
                return False
            gov = gov.head.head if gov.dep_ == "pobj" else gov.head
        return False

    def _agentive_apposition(self, core: Span, root: Token) -> bool:
        """"the Emirates (region), the main backer of X" / ", X's main ally": an apposition
        naming an agent role toward someone makes the state act. Read from the words, as the
        parser often hangs such appositions on the verb; "In Libya, the government said" is
        no apposition (the noun is a subject and has no "of"/possessive complement)."""
        doc = core.doc
        j = max(core.end - 1, root.head.i if root.dep_ == "compound" else root.i) + 1
        if j >= len(doc) or doc[j].text != ",":
            return False
        k, owner = j + 1, False
        while k < len(doc) and k - j <= 5 and (
                doc[k].pos_ in ("DET", "ADJ", "ADV") or doc[k].dep_ in ("poss", "case")
                or doc[k].ent_type_):
            owner = owner or doc[k].dep_ == "case"
            k += 1
        if k >= len(doc) or doc[k].pos_ != "NOUN" or doc[k].dep_ in SUBJ_DEPS:
            return False
        noun = doc[k]
        if not (self._cues.has("agent_nouns", noun.lemma_) or self._cues.has("agent_nouns", noun.text)):
            return False
        return owner or (k + 1 < len(doc) and doc[k + 1].lower_ in ("of", "to"))

    def demonym_acts(self, core: Span) -> bool:
        """A demonym stands for its state when it heads or modifies an agent noun phrase."""
        cues = self._cues
        root = core.root
        while root.dep_ == "conj" and root.head.i != root.i \
                and root.head.dep_ in ("amod", "compound", "nmod"):
            root = root.head  # "American and British warplanes": British shares the noun
        doc = core.doc
        if core.start > 0 and doc[core.start - 1].lower_ == "ethnic" or any(
                ch.dep_ == "compound" and ch.pos_ == "PROPN" and ch.i < core.start
                for ch in core.root.children):
            return False  # "ethnic Armenian authorities", "Karabakh Armenians": a people
        nxt = doc[core.end] if core.end < len(doc) else None
        if nxt is not None and nxt.text == "-" and core.end + 1 < len(doc):
            after = doc[core.end + 1]
            return after.text.endswith("ed") or after.lemma_.lower() in {"led", "backed", "brokered"}
        if root.dep_ in ("amod", "compound", "nmod"):
            head = root.head
            if head.ent_type_ == "PERSON" or head.text.lower().rstrip(".") in self._title_words:
                return False  # "Egyptian President Sisi": a role of the person
            return cues.has("agent_nouns", head.lemma_) or cues.has("agent_nouns", head.text)
        plural = root.text.endswith("s") or root.tag_ in ("NNS", "NNPS")
        return plural and root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("amod", "compound")


def _same_entity(a: Token, b: Token) -> bool:
    """Whether two tokens lie in one named entity ("South" and "Africa")."""
    return any(e.start <= a.i < e.end and e.start <= b.i < e.end for e in a.doc.ents)
