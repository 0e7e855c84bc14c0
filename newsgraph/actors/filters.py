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


def names_non_actor(name: str, tail_words: set[str], head_words: set[str] | None = None) -> bool:
    """Whether a name's words make it a document, event, building or operation, not an actor.

    A word of ``tail_words`` counts after the first word ("Berlin Conference", "Saydnaya
    Prison"); a word of ``head_words`` counts as the first word of a longer name
    ("Operation Sindoor", "Storm Daniel"): military operations and named storms are what
    actors launch or suffer, never who acts."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if any(w.lower() in tail_words for w in words[1:]):
        return True
    return bool(head_words) and len(words) > 1 and words[0].lower() in head_words


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
        if is_designation(name) or is_month(name) or self._weapon_compound(core):
            return True
        return self.is_place(core, name, person, titled)

    def _weapon_compound(self, core: Span) -> bool:
        """"Patriot air defence systems", "Storm Shadow missiles": a name modifying a
        weapon noun (``weapon_nouns``) names a weapon system, not who wields it."""
        root = core.root
        return root.dep_ in ("compound", "nmod") and root.head.i > root.i \
            and self._cues.has("weapon_nouns", root.head.lower_)

    # ------------------------------------------------------------------ places
    def is_place(self, core: Span, name: str, person: bool = False, titled: bool = False) -> bool:
        """A gazetteer name in a locative role, or the name of a large city standing
        neither after a title nor before an agent noun ("the Bush administration"); a name
        the gazetteer lacks only as "the village of X" or "X palace"."""
        hit = self.gazetteer.exact_population(name)
        if hit is None:
            return self._settlement_compound(core) or self._settlement_of(core)
        population, main = hit
        floor = PERSON_PLACE_POPULATION if person else PLACE_POPULATION
        if main and population >= floor and not titled and not self._agent_compound(core):
            return True
        return self.locative(core)

    def non_actors(self, items: list[tuple[Span, str, bool, bool]]) -> list[bool]:
        """``not_actor`` for every NER-only candidate of an article (tokens, name, NER
        person, titled), with one article-wide rule for names NER calls people: a name with
        no person cue at any mention (a title, "X said": ``person_verbs``, an apposition)
        is a place at all its mentions when one mention stands as a place ("recaptured
        Mekelle" ... "Mekelle fell") or it is a city of at least ``PLACE_POPULATION``."""
        out = [self.not_actor(core, name, person, titled) for core, name, person, titled in items]
        groups: dict[str, list[int]] = {}
        for k, (_core, name, person, _titled) in enumerate(items):
            if person and not is_designation(name):
                groups.setdefault(name.lower(), []).append(k)
        for ks in groups.values():
            if all(out[k] for k in ks) or any(
                    items[k][3] or self._person_cue(items[k][0]) for k in ks):
                continue
            hit = self.gazetteer.exact_population(items[ks[0]][1])
            city = hit is not None and hit[1] and hit[0] >= PLACE_POPULATION
            if any(out[k] for k in ks) or (city and not any(
                    self._agent_compound(items[k][0]) for k in ks)):
                for k in ks:
                    out[k] = True
        return out

    def _person_cue(self, core: Span) -> bool:
        """The name does what only people do: subject of "said", or has an apposition."""
        root = core.root
        if any(ch.dep_ == "appos" for ch in root.children):
            return True
        head = root.head
        while root.dep_ == "conj" and head.i != root.i:
            root, head = head, head.head
        return root.dep_ == "nsubj" and self._cues.has("person_verbs", head.lemma_)

    def _settlement_of(self, core: Span) -> bool:
        """"the village of X", "the areas of X and Y": X after a settlement noun and "of"."""
        root = core.root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            root = root.head
        head = root.head
        return root.dep_ == "pobj" and head.lower_ == "of" and self._settlement(head.head)

    def locative(self, core: Span) -> bool:
        """The span stands where a place stands: "in X", "entered X", "the town of X",
        "X camp", "X, the provincial capital"."""
        cues = self._cues
        root = core.root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            if root.dep_ == "appos" and self._settlement(root.head):
                return True
            root = root.head
        if self._settlement_compound(core) or any(
                ch.dep_ == "appos" and self._settlement(ch) for ch in root.children):
            return True
        dep, head = root.dep_, root.head
        if dep == "pobj":
            p, gov = head.lower_, head.head
            if p == "of":
                return self._settlement(gov) or cues.has("place_nouns", gov.lemma_) \
                    or cues.has("place_of_nouns", gov.lemma_)
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

    def _settlement_compound(self, core: Span) -> bool:
        """"Zamzam camp", "Tawila town", "Dolmabahce palace": the name modifies a
        settlement noun."""
        last = core[-1]
        return last.dep_ in ("compound", "nmod") and last.head.i >= core.end \
            and last.head.pos_ == "NOUN" and self._settlement(last.head)

    def _settlement(self, tok: Token) -> bool:
        """A settlement noun: the gazetteer's, or the cues' ``settlement_nouns``."""
        words = {tok.lemma_.lower(), tok.lower_}
        return tok.pos_ in ("NOUN", "PROPN") and (
            bool(words & SETTLEMENT_NOUNS) or any(self._cues.has("settlement_nouns", w)
                                                  for w in words))


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
