"""Names spaCy tags as people or organisations that are not actors: places, designations.

NER often tags towns as PERSON or ORG ("Goma", "Khan Younis", "El Fasher"), weapon
systems as ORG ("HIMARS", "F-16") and months as names. Only candidates found by NER
alone (not in the actor dictionary, not linked to a full name) are judged here, by
general rules:

* a *designation* (a word mixing letters and digits: "F-16", "Su-25", "TB2") that the
  dictionary does not know is a product or unit code, not an actor (dictionary
  codes such as "M23" or "G7" are matched before NER and never reach this rule);
* a calendar month ("March") is a date;
* a *place*: a name the gazetteer knows exactly (no fuzzy or skeleton match) that stands
  in a locative role -- object of a locative preposition ("in Goma", "towards Sake"),
  object of a motion verb ("entered Goma"), "the city of X", or a compound or
  apposition of a settlement noun ("Zamzam camp", "Goma, the provincial capital") -- or
  whose main gazetteer name is a city of at least ``PLACE_POPULATION`` inhabitants
  (``PERSON_PLACE_POPULATION`` when NER says person; never after a title or before an
  agent noun). Small towns named like people ("Ali", "Sake") are dropped only in a
  locative role; capitals acting as states ("Cairo has supplied") are dictionary
  metonyms and never reach here.

Also here, for the resolver's furniture and dictionary passes: the sentences that may
hold an author bio, and whether a span lies inside a longer PERSON entity.
"""

from __future__ import annotations

import bisect
import calendar
import re

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.dictionary import Cues
from newsgraph.nlp.places import SETTLEMENT_NOUNS, Gazetteer

# A city's main name is a place wherever it stands when the city is this large; for a
# name NER calls a person the bar is higher, as single surnames often equal towns
# ("Bush", "Berri", "Hassan": 130-160k). Measured on the seed and PLOVER-GSR sets.
PLACE_POPULATION = 100_000
PERSON_PLACE_POPULATION = 1_000_000
_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)
_DESIGNATION = re.compile(r"(?=[^\s]*[A-Za-z])(?=[^\s]*\d)[^\s]+")
_OBJ = {"dobj", "dative", "oprd"}
# What every author-bio sentence ("X is a fellow at ...") contains.
_BIO_HINT = re.compile(r"(?:is|was) (?:an?|the) ")


def is_designation(name: str) -> bool:
    """A word mixing letters and digits ("F-16", "Su-25", "Bayraktar TB2", "S-400")."""
    return any(_DESIGNATION.fullmatch(w) for w in name.split())


def is_month(name: str) -> bool:
    """A calendar month name alone ("March")."""
    return name.strip().lower() in _MONTHS


class NonActorFilter:
    """Tells NER-only names that are places or designations (see the module docstring).

    The gazetteer is made on first need when none is given (one load per resolver)."""

    def __init__(self, cues: Cues, agent_words: set[str], title_words: set[str],
                 gazetteer: Gazetteer | None = None) -> None:
        self._cues = cues
        self._agent_words = agent_words | {w.lower() for w in cues.sets.get("agent_nouns", set())}
        self._title_words = title_words
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        return self._gazetteer

    def not_actor(self, core: Span, name: str, person: bool = False, titled: bool = False) -> bool:
        """Whether the NER-only name ``name`` (its tokens ``core``) is no actor; ``person``:
        NER called it a person; ``titled``: a title stands before it ("King Hassan")."""
        if is_designation(name) or is_month(name):
            return True
        return self.is_place(core, name, person, titled)

    # ------------------------------------------------------------------ places
    def is_place(self, core: Span, name: str, person: bool = False, titled: bool = False) -> bool:
        """A gazetteer name in a locative role, or the name of a large city standing
        neither after a title nor before an agent noun ("the Bush administration")."""
        hit = self.gazetteer.exact_population(name)
        if hit is None:
            return self._settlement_compound(core)
        population, main = hit
        floor = PERSON_PLACE_POPULATION if person else PLACE_POPULATION
        if main and population >= floor and not titled and not self._agent_compound(core):
            return True
        return self.locative(core)

    def locative(self, core: Span) -> bool:
        """The span stands where a place stands: "in X", "entered X", "the town of X",
        "X camp", "X, the provincial capital"."""
        cues = self._cues
        root = core.root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            if root.dep_ == "appos" and _settlement(root.head):
                return True
            root = root.head
        if self._settlement_compound(core) or any(
                ch.dep_ == "appos" and _settlement(ch) for ch in root.children):
            return True
        dep, head = root.dep_, root.head
        if dep == "pobj":
            p, gov = head.lower_, head.head
            if p == "of":
                return _settlement(gov) or cues.has("place_nouns", gov.lemma_)
            if p == "to" and (cues.has("address_verbs", gov.lemma_)
                              or cues.has("address_nouns", gov.lemma_)):
                return False  # "appealed to X"
            if p == "from" and (cues.has("agent_nouns", gov.lemma_) or gov.lemma_.lower()
                                in self._agent_words):
                return False  # "an envoy from X"
            # "strikes on X": for a name the gazetteer knows, "on" points at the place
            return cues.has("locative_preps", p) or p == "on"
        if dep in _OBJ:
            return cues.has("locative_verbs", head.lemma_)
        return False

    def _agent_compound(self, core: Span) -> bool:
        """"Bush administration", "Karen guerrillas": the name qualifies an agent noun."""
        last = core[-1]
        head = last.head
        return last.dep_ in ("compound", "nmod", "amod") and head.i >= core.end and (
            head.lemma_.lower() in self._agent_words or head.lower_ in self._agent_words)

    @staticmethod
    def _settlement_compound(core: Span) -> bool:
        """"Zamzam camp", "Tawila town": the name modifies a settlement noun."""
        last = core[-1]
        return last.dep_ in ("compound", "nmod") and last.head.i >= core.end \
            and last.head.pos_ == "NOUN" and _settlement(last.head)


def _settlement(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (
        tok.lemma_.lower() in SETTLEMENT_NOUNS or tok.lower_ in SETTLEMENT_NOUNS)


def bio_sentences(doc: Doc, from_char: float) -> list[Span]:
    """Sentences that may hold an author bio: those starting at or after ``from_char``
    whose text has "is/was a/an/the " (which the resolver's bio pattern needs), in text order."""
    text = doc.text
    hits = [m.start() for m in _BIO_HINT.finditer(text, int(from_char))]
    if not hits:
        return []
    starts = [t.idx for t in doc]
    out: dict[int, Span] = {}
    for pos in hits:
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0:
            continue
        sent = doc[k].sent
        if sent.start_char >= from_char:
            out.setdefault(sent.start, sent)
    return [out[k] for k in sorted(out)]


def inside_person(core: Span) -> bool:
    """The span lies inside a longer PERSON entity."""
    doc = core.doc
    if any(t.ent_type_ != "PERSON" for t in core):
        return False
    before = core[0].ent_iob_ == "I"
    after = core.end < len(doc) and doc[core.end].ent_iob_ == "I"
    return before or after
