"""Guards against dictionary matches that only look like names, and a few span tests.

The transliteration key is coarse on purpose (Haftar/Hifter), so it also joins words
that are no spelling of each other. General rules, each for a case QA found:

* a match never crosses a sentence boundary ("Dar es Salaam. A summit" is not Salamé);
* an ordinary word is no spelling of a name: a one-word transliteration match that is
  not a proper noun, or stands in a date ("Days later" is not Daesh);
* a capital or seat of another actor is no spelling of this one ("Amman" is not Oman);
* a span with punctuation ("Kenya, the") or one word NER calls a place or a people
  ("Sylvania") is no spelling of a person's name;
* a non-person name inside a longer PERSON entity is a given name ("Victoria Nuland"
  is not Victoria of the Seychelles, "Jordan Bardella" not Jordan);
* a dateline ("JAKARTA -") says where the reporter is, not where the story happens;
* "Russia's Foreign Ministry", "the Ministry of Defense": a ministry named only by its
  portfolio is its state's body, not an actor named "Foreign Ministry";
* Russian case and feminine endings ("Lavrova", "Lavrovu") of a known surname.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsgraph.actors.dictionary import ActorDictionary, DictEntry
from newsgraph.actors.filters import inside_person
from newsgraph.actors.names import fold

ARTICLE_TOKENS = {"al", "el", "Al", "El"}
PATRONYMIC = {"bin", "ibn", "bint", "ben", "ould"}  # "Khalid bin Salman": a name goes on before
_DATE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"}
_PLACE_ENTS = {"GPE", "LOC", "NORP", "FAC"}
# "JAKARTA -", "TRIPOLI, Libya (Reuters) -", "Cairo —": a place, an optional country and
# agency, then a dash, at the start of a line.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][\w.'’ -]{1,40}?)(?:, [A-Z][\w ]{1,30})?[ \t]*(?:\([^)\n]{1,40}\))?"
    r"[ \t]*(?:-|–|—|--)[ \t]")
# Words of a body named only by its portfolio ("Foreign Ministry", "Defence Ministry").
_BODY_HEADS = {"ministry", "ministries", "department", "office", "directorate"}
_PORTFOLIO = {"foreign", "defence", "defense", "interior", "justice", "finance", "health",
              "information", "affairs", "of", "the", "and", "home", "economy", "trade",
              "energy", "oil", "education", "state", "security", "emergency", "emergencies",
              "ministry", "ministries", "department", "office", "directorate", "public"}
# Case and feminine endings Russian adds to a surname (genitive, dative, instrumental...).
_CASE_ENDINGS = ("om", "ym", "oy", "a", "u", "e", "y")
_VOWELS = set("aeiouy")


def implausible_match(core: Span, entry: DictEntry, how: str, d: ActorDictionary) -> bool:
    """Whether a dictionary match of ``core`` to ``entry`` (found ``how``) is a false one
    (see the module docstring)."""
    if any(t.is_sent_start for t in core[1:]):
        return True  # across a sentence boundary
    if entry.kind != "person" and how in ("dictionary", "transliteration", "metonym") \
            and inside_person(core):
        return True  # "Radi" of "Bassam Radi", "Victoria" of "Victoria Nuland"
    if how != "transliteration":
        return False
    tok = core[0]
    nxt = core.doc[core.end] if core.end < len(core.doc) else None
    if entry.kind == "person" and len(core) == 1 and nxt is not None \
            and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I" and tok.ent_type_ == "PERSON":
        return True  # "Hani Raslan": a spelling of a surname as the given name of another
    if len(core) == 1 and (tok.ent_type_ in _DATE_ENTS or tok.pos_ != "PROPN"
                           and tok.vocab[tok.lower_].has_vector):
        return True  # "Days later": a common word the model knows, not a name
    if any(t.is_punct for t in core):
        return True  # "In Kenya, the deployment" is no spelling of Kenyatta
    if entry.kind == "person" and len(core) == 1 and tok.ent_type_ in _PLACE_ENTS:
        return True  # "Sylvania sent envoys": a place NER knows, not a spelling of Salvini
    seats = d.seated_at(core.text)
    other = d.metonym(core.text)
    return bool(seats and entry not in seats) or (other is not None and other.id != entry.id)


def case_form(core: Span, d: ActorDictionary) -> DictEntry | None:
    """The person whose known surname ``core`` is with a Russian case or feminine ending
    ("Lavrova" -> Sergey Lavrov); the surname must end in a consonant and the stem match a
    surname exactly."""
    if len(core) != 1 or core[0].pos_ != "PROPN" or not core.text[:1].isupper():
        return None
    word = fold(core.text)
    for end in _CASE_ENDINGS:
        stem = word[: -len(end)]
        if not word.endswith(end) or len(stem) < 4 or stem[-1] in _VOWELS:
            continue
        entry = d.lookup(stem)
        if entry is not None and entry.kind == "person" and any(
                fold(n).split()[-1:] == [stem] for n in entry.names()):
            return entry
    return None


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are the place of a dateline at the start of a line."""
    text = doc.text
    begin = doc[start].idx
    line = text.rfind("\n", 0, begin) + 1
    if text[line:begin].strip():
        return False
    m = _DATELINE.match(text, line)
    return m is not None and m.start("place") <= begin and doc[end - 1].idx < m.end("place") + 1


def portfolio_body(core: Span) -> bool:
    """"the Ministry of Defense", "Russia's Foreign Ministry": a body named only by its
    portfolio is no actor of its own: its owner acts (the possessor, else the state the
    story is about, as the agents pass reads "the ministry")."""
    words = [w for w in fold(core.text).split()]
    return bool(words) and set(words) <= _PORTFOLIO and bool(set(words) & _BODY_HEADS)


def word_before_surname(doc: Doc, start: int) -> int:
    """Index of the word before a surname, past an Arabic article ("Hafez al-Assad",
    "Hafez al Assad") or a patronymic particle ("Khalid bin Salman"); -1 if none."""
    k = start - 1
    if k >= 1 and doc[k].text == "-" and not doc[k - 1].whitespace_ \
            and doc[k - 1].text in ARTICLE_TOKENS:
        k -= 2
    elif k >= 0 and doc[k].text in ARTICLE_TOKENS:
        k -= 1
    if k >= 0 and doc[k].lower_ in PATRONYMIC:
        k -= 1
    return k
