"""Find the actors of one article and tie every mention to a stable actor id.

Order of work, and why:

1. Page furniture (photo/wire credits, boilerplate, author bios) is masked
   first, so its names never become actors.
2. Dictionary matching over token sequences, longest match first, by
   transliteration key (so "Ahmed Mesmari" finds person:ahmed-al-mismari);
   acronyms only case-sensitively ("US" is not "us"). Capitals/seats and
   demonyms are matched here too but only count when they *act* (see 5).
3. spaCy NER adds people and organisations not in the dictionary; titles,
   "the", possessives and @handles are cleaned off the names.
4. Within the article a surname links to the one full name it ends
   ("Conte" -> "Giuseppe Conte"), never when two people share it.
5. Countries, capitals and demonyms are actors only where the state acts:
   subject, object of a non-motion verb, possessor of a non-place noun,
   "appealed to Ankara"; "in Cairo", "visited Moscow", "Libya's airspace" are
   places (stateacts.py). A country that never acts is the theatre, not an actor.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.agents import AgentFinder, is_lowercase_doc, load_agents
from newsgraph.actors.dictionary import ActorDictionary, DictEntry, is_acronym
from newsgraph.actors.filters import NonActorFilter, bio_sentences, names_non_actor
from newsgraph.actors.guards import ARTICLE_TOKENS as _ARTICLE_TOKENS
from newsgraph.actors.guards import (
    case_form,
    implausible_match,
    is_dateline,
    portfolio_body,
    word_before_surname,
)
from newsgraph.actors.names import (
    ODD,
    POSSESSIVE_MARKS,
    WORD,
    fold,
    fold_class,
    is_given_name_of,
    is_partial_of,
    plain_words_key,
    same_name,
    slug,
    span_dead_end,
    translit_key,
    word_key,
)
from newsgraph.actors.references import ReferenceFinder, load_reference_cues
from newsgraph.actors.stateacts import OBJ_DEPS, StateActs
from newsgraph.nlp.places import Gazetteer, countries_named
from newsgraph.records import Actor, Article, Mention

_NER_LABELS = {"PERSON", "ORG"}
_HANDLE = re.compile(r"@([A-Za-z][A-Za-z0-9_]{2,})")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_BIO = re.compile(r"\b(is|was) (an?|the) ([\w-]+ ){0,5}?(?P<noun>[a-z]+)\b")


@dataclass
class _Cand:
    """One candidate mention before actors are built."""

    start: int  # char offsets into the text
    end: int
    surface: str
    how: str
    actor_id: str | None = None
    entry: DictEntry | None = None
    kind: str = "person"
    name: str = ""  # full name for NER candidates
    roles: list[str] = field(default_factory=list)
    title_surface: str = ""
    acts: bool = True
    place_like: bool = False  # a country name, capital or demonym: keep only if acting
    tok_start: int = 0
    tok_end: int = 0
    country: str | None = None  # for actors built without a dictionary entry (groups)
    sector: str | None = None


def _title_case_line(span: Span) -> bool:
    """Whether the span's line is a title-case headline: most of its words capitalised."""
    doc, lo = span.doc, span.start
    while lo > 0 and "\n" not in doc[lo - 1].whitespace_ and "\n" not in doc[lo - 1].text:
        lo -= 1
    hi = span.end
    while hi < len(doc) and "\n" not in doc[hi - 1].whitespace_ and "\n" not in doc[hi].text:
        hi += 1
    words = [t for t in doc[lo:hi] if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.9 * len(words)


class ActorResolver:
    """Resolve the actors of an article against an ``ActorDictionary``."""

    def __init__(self, dictionary: ActorDictionary, reference_files: Sequence[str | Path] = (),
                 agent_files: Sequence[str | Path] = (), gazetteer: Gazetteer | None = None) -> None:
        """``gazetteer`` tells place names from actor names (the shipped one, made on first
        need, when not given)."""
        self.dictionary = dictionary
        self._iso2 = {e.iso2: e.id for e in dictionary.entries if e.kind == "country" and e.iso2}
        self._refs = ReferenceFinder(dictionary, load_reference_cues(reference_files))
        self._agent_lex = load_agents(agent_files)
        self._agents = AgentFinder(self._agent_lex, self.dictionary)
        cues = dictionary.cues
        self._cues = cues
        self._title_words = {
            w.lower().rstrip(".") for t in cues.titles for w in re.split(r"[\s-]+", t)
        } - {"of", "the", "for", "and", "state", "foreign", "affairs", ""}
        self._titles_folded = {fold(t) for t in cues.titles}
        self._acts = StateActs(cues, self._title_words)
        self._outlets = {fold(o) for o in cues.sets.get("outlets", set())}
        self._not_actors = {fold(o) for o in cues.sets.get("not_actors", set())}
        self._max_words = min(dictionary.max_words, 10)
        self._outlet_res: list[tuple[str, re.Pattern[str]]] | None = None
        self._non_actor_words = cues.sets.get("non_actor_words", set())
        self._filter = NonActorFilter(
            cues, {p[0] for p in self._agent_lex.phrases if len(p) == 1}, self._title_words, gazetteer)
        # Spelling keys of every name's first word: in all-lowercase text every token
        # could start a name, so spans are only tried from tokens that can.
        self._first_keys: dict[str, int] = {}  # first-word key -> longest name in words
        self._name_keys: set[str] = set()  # spelling keys of every whole name
        for e in dictionary.entries:
            for n in [*e.names(), *e.metonyms, *e.demonyms, *([e.capital] if e.capital else [])]:
                words = fold(n).split()
                if words:
                    key = word_key(words[0])
                    self._first_keys[key] = max(self._first_keys.get(key, 0), len(words))
                    self._name_keys.add(translit_key(n).replace(" ", ""))
        self._key_prefixes = {k[:m] for k in self._name_keys for m in range(1, len(k) + 1)}

    # ------------------------------------------------------------------ public
    def resolve(self, doc: Doc, article: Article) -> tuple[list[Actor], list[Mention]]:
        """Actors of the article (first mention order) and their mentions."""
        text = article.text
        masked, authors = self._masked(doc, text)
        lowercase = is_lowercase_doc(doc)
        cands = self._dictionary_pass(doc, masked, lowercase)
        taken = {i for c in cands for i in range(c.tok_start, c.tok_end)}
        cands += self._handle_pass(doc, text, masked, taken)
        taken = {i for c in cands for i in range(c.tok_start, c.tok_end)}
        cands += self._ner_pass(doc, masked, taken, authors)
        cands = self._acronym_definitions(doc, cands, masked)
        cands = self._link_people(self._drop_non_actors(doc, cands))
        cands += self._refs.appositions.link(doc, cands, article.published)  # garbled names
        refs = [_Cand(start=r.start, end=r.end, surface=r.surface, how=r.how, actor_id=r.actor_id,
                      entry=r.entry, kind=r.kind, name=r.name, tok_start=r.tok_start,
                      tok_end=r.tok_end, country=r.country, sector=r.sector)
                for r in self._refs.find(doc, cands, masked, article)]
        spans = [(r.tok_start, r.tok_end) for r in refs if r.how != "title"]
        cands = [c for c in cands if not (c.place_like and any(
            a < c.tok_end and c.tok_start < b for a, b in spans))]  # "Sudanese" of "Sudanese rebels"
        told = [c for c in cands if not (c.place_like and is_dateline(doc, c.tok_start, c.tok_end))]
        main = self._main_country(told, countries_named(doc, self._filter.gazetteer.lookup,  # not
            lambda e: is_dateline(doc, e.start, e.end), below_country=True))  # "JAKARTA -"
        kept = self._keep_acting_states(told)
        main_acts = main is not None and any(c.actor_id == main.id for c in kept)
        refs += [_Cand(start=r.start, end=r.end, surface=r.surface, how=r.how, actor_id=r.actor_id,
                       entry=r.entry, kind=r.kind, name=r.name, tok_start=r.tok_start,
                       tok_end=r.tok_end, country=r.country, sector=r.sector, title_surface=r.alias)
                 for r in self._agents.find(doc, [*cands, *refs], masked, main, lowercase, main_acts)]
        return self._build(kept + refs, article)

    # ----------------------------------------------------------- furniture
    def _masked(self, doc: Doc, text: str) -> tuple[list[bool], list[str]]:
        """Token mask of credits, boilerplate and bios; and the authors' names."""
        cues = self._cues
        credit = [m for m in cues.sets.get("credit_markers", set())]
        boiler = cues.sets.get("boilerplate", set())
        bylines = cues.sets.get("byline_nouns", set())
        bad_ranges: list[tuple[int, int]] = []
        authors: list[str] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            s = line.strip().lstrip("-–—").strip()
            low = s.lower()
            words = len(s.split())
            is_credit = any(low.startswith(m) for m in credit if m != "by ") or (
                s.startswith("By ") and words <= 8
            )
            if s.startswith("By ") and words <= 8:
                authors.append(s[3:].split(",")[0].split(" and ")[0].strip())
            if is_credit or (words <= 25 and any(b in low for b in boiler)):
                bad_ranges.append((pos, pos + len(line)))
            pos += len(line)
        for sent in bio_sentences(doc, len(text) * 0.6):
            m = _BIO.search(sent.text)
            if not m or m.group("noun") not in bylines:
                continue
            persons = [e for e in sent.ents if e.label_ == "PERSON" and e.end_char - sent.start_char <= m.start()]
            if persons and sent.start_char >= len(text) * 0.6:
                authors.append(persons[0].text)
                bad_ranges.append((sent.start_char, sent.end_char))
        for outlet, pattern in self._outlet_patterns():
            # An outlet name is the story's channel: mask it wherever it stands.
            if outlet not in text:
                continue  # the pattern needs the name verbatim
            for m in pattern.finditer(text):
                bad_ranges.append((m.start(), m.end()))
        starts = [t.idx for t in doc]
        mask = [False] * len(starts)
        for a, b in bad_ranges:  # tokens starting inside a range
            for k in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
                mask[k] = True
        return mask, authors

    def _outlet_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        """Each outlet name with its compiled pattern (compiled once per resolver)."""
        if self._outlet_res is None:
            self._outlet_res = [
                (outlet, re.compile(rf"(?<![\w@]){re.escape(outlet)}(?!\w)"))
                for outlet in self._cues.raw.get("outlets", [])
            ]
        return self._outlet_res

    # ----------------------------------------------------------- dictionary
    def _startable(self, tok: Token, lowercase: bool = False) -> bool:
        c = tok.text[:1]
        if lowercase and c.isalpha() and not tok.is_punct:
            return True
        return (c.isupper() or c.isdigit() or tok.text in _ARTICLE_TOKENS) and not tok.is_space

    def _dictionary_pass(self, doc: Doc, masked: list[bool], lowercase: bool = False) -> list[_Cand]:
        # Token attributes are read once into lists: making spaCy Token and Span objects for
        # every (start, end) pair tried was most of the resolver's time.
        out: list[_Cand] = []
        n = len(doc)
        texts: list[str] = []
        idx: list[int] = []
        bad_end: list[bool] = []  # a span may not end on punctuation (but ")"), space, "'s"
        startable: list[bool] = []
        lowers: list[str] = []
        # running counts: does tokens[i:j] hold a newline / a masked token; in lowercase
        # text also (see names.fold_class): a token fold cannot take as plain / a word token /
        # a word glued to the next word
        nl_before = [0] * (n + 1)
        mask_before = [0] * (n + 1)
        odd_before = [0] * (n + 1)
        letter_before = [0] * (n + 1)
        glued_before = [0] * (n + 1)
        spaced: list[bool] = []
        kinds: list[int] = []
        glued_to_prev: list[bool] = []  # a word token right after a word token, no space
        for k, t in enumerate(doc):  # one pass: making Token objects is the cost here
            tt = t.text
            texts.append(tt)
            idx.append(t.idx)
            bad_end.append((t.is_punct and tt != ")") or t.is_space or tt in POSSESSIVE_MARKS)
            startable.append(self._startable(t, lowercase))
            nl_before[k + 1] = nl_before[k] + ("\n" in tt)
            mask_before[k + 1] = mask_before[k] + bool(masked[k])
            if lowercase:
                lowers.append(t.lower_)
                spaced.append(t.whitespace_ == " ")
                kind = fold_class(tt, texts[k - 1] if k else "", bool(k) and not spaced[k - 1])
                kinds.append(kind)
                odd_before[k + 1] = odd_before[k] + (kind == ODD)
                letter_before[k + 1] = letter_before[k] + (kind == WORD and not tt.isdigit())
                glued = k > 0 and kind == WORD and kinds[k - 1] == WORD and not spaced[k - 1]
                glued_to_prev.append(glued)
                glued_before[k + 1] = glued_before[k] + glued
        text = ""  # doc.text, built on first need (building it is not free)
        i = 0
        while i < n:
            longest = self._max_words
            if lowercase and lowers[i] not in _ARTICLE_TOKENS:
                # a name's words can span up to ~3 tokens each ("al-Sarraj")
                # (a plain word is its own fold)
                first = texts[i] if kinds[i] == WORD else (fold(texts[i]) or "-")
                words = self._first_keys.get(word_key(first), 0)
                longest = min(longest, 3 * words)
            if masked[i] or not longest or not startable[i]:
                i += 1
                continue
            found: _Cand | None = None
            top = min(n, i + longest)
            dead = span_dead_end(texts, kinds, glued_to_prev, i, top, self._key_prefixes) \
                if lowercase else top + 1
            for j in range(top, i, -1):
                if bad_end[j - 1]:
                    continue
                if nl_before[j] != nl_before[i] or mask_before[j] != mask_before[i]:
                    continue
                if lowercase:
                    if odd_before[j] == odd_before[i] and glued_before[j] == glued_before[i + 1]:
                        # words and separators only: the same test, on the words
                        if letter_before[j] != letter_before[i] and (j >= dead or plain_words_key(
                                [texts[k] for k in range(i, j) if kinds[k] == WORD]
                        ) not in self._name_keys):
                            continue
                    else:
                        text = text or doc.text
                        span_text = text[idx[i]:idx[j - 1] + len(texts[j - 1])]
                        if span_text.islower() and \
                                translit_key(span_text).replace(" ", "") not in self._name_keys:
                            continue  # no name is spelled like this: skip the full match
                found = self._match_span(doc[i:j], lowercase)
                if found:
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.tok_end
        return out

    def _match_span(self, span: Span, lowercase: bool = False) -> _Cand | None:
        d = self.dictionary
        surface = span.text
        first = span[0]
        if first.lower_ == "the" and len(span) == 1:
            return None
        start_tok = span.start + (1 if first.lower_ == "the" else 0)
        core = span.doc[start_tok:span.end]
        if not len(core):
            return None
        surface = core.text
        entry: DictEntry | None = None
        how = "dictionary"
        if lowercase and surface.islower():
            found = self._match_lower(core)
            if found is None:
                return None
            entry, how = found
            return self._cand(core, entry, how, how != "dictionary" or entry.kind == "country")
        if is_acronym(surface) or (len(core) == 1 and surface.isupper() and len(surface) <= 6):
            entry = d.acronym(surface) if is_acronym(surface) else None
            how = "acronym"
        elif surface[:1].isupper() or surface[:1].isdigit() or first.text in _ARTICLE_TOKENS:
            if not surface.islower():
                entry = d.lookup(surface)
                if entry is not None and not any(fold(n) == fold(surface) for n in entry.names()):
                    how = "transliteration"
        place_like = False
        if entry is not None and entry.kind == "country":
            place_like = True
        if entry is None and surface[:1].isupper():
            entry = d.metonym(surface)
            if entry is not None:
                how, place_like = "metonym", True
        if entry is None and len(core) <= 2 and surface[:1].isupper():
            entry = d.demonym(surface)
            if entry is not None:
                how, place_like = "demonym", True
        if entry is None and len(core) == 1 and surface[:1].isupper():
            entry, how = case_form(core, d), "transliteration"  # "Lavrova": Lavrov
        if entry is None or implausible_match(core, entry, how, d):
            return None  # "Radi" of "Bassam Radi", "Days" (Daesh), "Amman" (Oman): guards.py
        if entry.kind == "person" and how in ("dictionary", "transliteration") \
                and self._other_persons_name(core, entry):
            return None  # "Khalid Haftar", "Hafez al-Assad": another person sharing the surname
        return self._cand(core, entry, how, place_like)

    def _other_persons_name(self, core: Span, entry: DictEntry) -> bool:
        """Whether a one-word name of a person entry ends another person's full name.

        Different people who share a surname are never merged: a capitalised word right
        before the surname (past "al-", "bin") that is no title ("Marshal", "Secretary of
        State"), no given name of the entry (names.is_given_name_of), no known actor or
        nationality ("LNA", "Libyan", "Putin"), no date or place ("On Monday", "In
        Benghazi", NER) and no common word opening the sentence ("Yesterday") is a given
        name: "Khalid Haftar" is not Khalifa Haftar. NER and the name linking then make it
        its own person."""
        if len(fold(core.text).split()) > 3:
            return False  # a whole written-out name ("Abdel Fattah el-Sisi" in full)
        doc = core.doc
        k = word_before_surname(doc, core.start)
        if k < 0:
            return False
        p = doc[k]
        word = p.text
        if not word[:1].isupper() or not word[:1].isalpha() or p.is_stop:
            return False
        if len(fold(core.text).split()) > 1 and not (
                p.ent_type_ == "PERSON" and doc[core.start].ent_iob_ == "I"):
            return False  # a full name: only a longer name NER reads as one person refuses it
        if _title_case_line(core):
            return False  # "Libya Warlord Haftar Rejects Deal": capitals tell nothing here
        if self._is_title_word(word) or self._ends_title(doc, k):
            return False
        names = [n for n in entry.names() if not is_acronym(n)]
        run = [k]  # the capitalised words before the surname: "Khalifa Belqasim (Haftar)"
        while run[0] > 0 and len(run) < 4 and doc[run[0] - 1].text[:1].isupper() \
                and not doc[run[0] - 1].whitespace_.count("\n") \
                and not self._is_title_word(doc[run[0] - 1].text):
            run.insert(0, run[0] - 1)
        if any(is_given_name_of(doc[i].text, names) for i in run) or \
                is_given_name_of("".join(doc[i].text for i in run), names):
            return False
        d = self.dictionary
        known = d.lookup(word)  # as written: by key "Sami" would find Samoa
        if d.demonym(word) or d.metonym(word) or (
                known is not None and any(fold(n) == fold(word) for n in known.names())):
            return False  # "Libyan Haftar", "Putin Erdogan summit"
        if word.isupper() and len(word) > 1 and not core.text.isupper():
            return False  # an organisation's acronym: "LNA Haftar"
        name_tok = doc[core.end - 1]
        if p.ent_type_ not in ("", "PERSON") and not (
                name_tok.ent_iob_ == "I" and name_tok.ent_type_ == p.ent_type_):
            return False  # "On Monday Haftar", "In Benghazi Haftar"
        return not (p.is_sent_start and p.pos_ != "PROPN" and p.ent_type_ != "PERSON")

    def _ends_title(self, doc: Doc, k: int) -> bool:
        """Whether the words up to token ``k`` end a title ("Secretary of State")."""
        words: list[str] = []
        for i in range(k, max(-1, k - 5), -1):
            words.insert(0, doc[i].text)
            if fold(" ".join(words)) in self._titles_folded:
                return True
        return False

    def _cand(self, core: Span, entry: DictEntry, how: str, place_like: bool) -> _Cand | None:
        """The candidate for a dictionary match, with whether a place name acts."""
        d = self.dictionary
        surface = core.text
        if entry.kind == "organization" and entry.country and len(core) > 1:
            lead = d.demonym(core[0].text)
            last = core[-1]
            if lead is not None and lead.id == f"country:{entry.country}" and last.head.i >= core.end \
                    and self._cues.has("agent_nouns", last.head.lemma_):
                # "Turkish military leadership": the state's leadership, not the armed forces
                entry, how, place_like = lead, "demonym", True
        cand = _Cand(
            start=core.start_char, end=core.end_char, surface=surface, how=how,
            actor_id=entry.id, entry=entry, kind=entry.kind, name=entry.name,
            place_like=place_like, tok_start=core.start, tok_end=core.end,
        )
        if place_like:
            acts = self._acts
            cand.acts = acts.demonym_acts(core) if how == "demonym" else acts.state_acts(core)
        if entry.kind == "person":
            self._add_roles(cand, core)
        return cand

    def _match_lower(self, core: Span) -> tuple[DictEntry, str] | None:
        """A dictionary match in an all-lowercase text: multiword names, and single words
        that name a country, a capital or a nationality and are no ordinary word."""
        d = self.dictionary
        surface = core.text
        if "\n" in surface or not surface[:1].isalpha():
            return None
        if len(core) > 1:
            if all(t.is_stop or t.is_punct for t in core):
                return None
            entry = d.lookup(surface)
            if entry is not None and any(fold(n) == fold(surface) for n in entry.names()
                                         if not is_acronym(n)):
                return entry, "dictionary"
            entry = d.metonym(surface)
            return (entry, "metonym") if entry is not None else None
        tok = core[0]
        if tok.is_stop or len(surface) <= 3 or surface in self._agent_lex.ambiguous:
            return None
        entry = d.lookup(surface)
        if entry is not None and entry.kind == "country" and any(
                fold(n) == fold(surface) for n in entry.names() if not is_acronym(n)):
            return entry, "dictionary"
        entry = d.metonym(surface)
        if entry is not None:
            return entry, "metonym"
        entry = d.demonym(surface)
        return (entry, "demonym") if entry is not None else None

    def _main_country(self, cands: list[_Cand], towns: Counter[str]) -> DictEntry | None:
        """The state whose police or army an unqualified "police" or "army" is: the country
        named most often as a place, or whose towns are (where the story happens), else as
        place or actor, when one clearly leads."""
        for as_place in (True, False):
            counts = {self._iso2[k]: n for k, n in towns.items() if k in self._iso2}
            for c in cands:
                if c.entry is not None and c.entry.kind == "country" \
                        and (not as_place or c.place_like and not c.acts):
                    counts[c.entry.id] = counts.get(c.entry.id, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
                return self.dictionary.get(ranked[0][0])
        return None

    # -------------------------------------------------------------- handles
    def _handle_pass(self, doc: Doc, text: str, masked: list[bool], taken: set[int]) -> list[_Cand]:
        """Twitter handles: "@GhassanSalame" -> "Ghassan Salame" looked up like a name."""
        out: list[_Cand] = []
        for m in _HANDLE.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(masked[k] or k in taken for k in range(span.start, span.end)):
                continue
            name = " ".join(_CAMEL.split(m.group(1))).replace("_", " ")
            entry = self.dictionary.lookup(name) or self.dictionary.lookup(m.group(1))
            if entry is None:
                continue
            out.append(_Cand(
                start=m.start(), end=m.end(), surface=m.group(0), how="dictionary", actor_id=entry.id,
                entry=entry, kind=entry.kind, name=entry.name, tok_start=span.start, tok_end=span.end,
            ))
        return out

    # ------------------------------------------------------------------ NER
    def _ner_pass(self, doc: Doc, masked: list[bool], taken: set[int], authors: list[str]) -> list[_Cand]:
        out: list[_Cand] = []
        for ent in doc.ents:
            if ent.label_ not in _NER_LABELS and not (len(ent) == 1 and ent.label_ in {"GPE", "NORP"}):
                continue
            if any(k in taken or masked[k] for k in range(ent.start, ent.end)):
                continue
            core = self._clean(ent)
            if core is None:
                continue
            name = " ".join(_CAMEL.split(core.text.lstrip("@"))) if core.text.startswith("@") else core.text
            name = re.sub(r"\s+", " ", name).strip(" -,.;:")
            if not self._plausible(name):
                continue
            if any(same_name(name, a) or is_partial_of(name, a) for a in authors):
                continue
            kind = "person" if ent.label_ == "PERSON" else "organization"
            if ent.label_ != "PERSON" and len(core) > 1 and not self._org_is_actor(core, name):
                continue
            cand = _Cand(
                start=core.start_char, end=core.end_char, surface=core.text, how="ner", kind=kind,
                name=name, tok_start=core.start, tok_end=core.end,
                acts=ent.label_ in _NER_LABELS,
            )
            if kind == "person":
                self._add_roles(cand, core)
            out.append(cand)
        return out

    def _clean(self, ent: Span) -> Span | None:
        """Strip titles, "the", possessives and punctuation from an entity span."""
        s, e = ent.start, ent.end
        doc = ent.doc
        while s < e and (doc[s].lower_ == "the" or doc[s].is_punct
                         or doc[s].text.lower().rstrip(".") in self._title_words):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].text in POSSESSIVE_MARKS or doc[e - 1].is_space):
            e -= 1
        if s >= e:
            return None
        return doc[s:e]

    def _plausible(self, name: str) -> bool:
        """Reject junk names: lowercase words, digits, links, bare titles, known non-actors."""
        f = fold(name)
        if not f or len(f) < 2 or f.replace(" ", "").isdigit():
            return False
        if "twitter.com" in name or "http" in name or "www." in name:
            return False
        if name.islower() or not any(w[:1].isupper() for w in name.split()):
            return False
        if f in self._titles_folded or f in self._not_actors or f in self._outlets:
            return False
        if names_non_actor(name, self._non_actor_words, self._cues.sets.get("non_actor_heads")):
            return False
        return not all(w.lower().rstrip(".") in self._title_words for w in name.split())

    def _org_is_actor(self, core: Span, name: str) -> bool:
        """Outlets that only publish, and affiliations of quoted experts, are not actors."""
        low = name.lower()
        if any(w in low for w in self._cues.sets.get("affiliation_words", set())):
            return False
        root = core.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in ("for", "of") and self._is_title_word(head.head.text):
            return False  # a portfolio: "Deputy for Political Affairs"
        reporting = self._cues.has("reporting_verbs", head.lemma_)
        if root.dep_ in OBJ_DEPS and reporting and head.lemma_.lower() in {"tell", "quote", "cite"}:
            return False  # "told Mada Masr": the outlet is the channel, not an actor
        if root.dep_ == "nsubj" and reporting and head.lemma_.lower() not in {"say", "tell"}:
            return False  # "Reuters reported"
        return not (root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
                    or portfolio_body(core))  # "Russia's Foreign Ministry": Russia acts

    # ---------------------------------------------------------------- roles
    def _add_roles(self, cand: _Cand, core: Span) -> None:
        """Title phrase before the name and apposition after it, as roles."""
        doc = core.doc
        k = core.start - 1
        agents = self._cues.sets.get("agent_nouns", set())
        has_title = False
        while k >= 0 and core.start - k <= 7:
            t = doc[k]
            low = t.text.lower().rstrip(".")
            if low in self._title_words:
                has_title = True
            elif t.text == "-" or t.text[:1].isupper() or low in agents:
                pass
            else:
                break
            k -= 1
        if has_title and k + 1 < core.start:
            phrase = doc[k + 1:core.start].text.strip(" -,")
            words = phrase.split()
            while words and words[0][:1].isupper() and not self._is_title_word(words[0]) and \
                    self.dictionary.lookup(words[0]) is None and self.dictionary.demonym(words[0]) is None:
                words = words[1:]  # a leading sentence word or name is not part of the title
            phrase = " ".join(words)
            if phrase:
                cand.roles.append(phrase)
                cand.title_surface = f"{phrase} {core.text}"
        root = core.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= core.end:
                role = self._phrase(doc[child.left_edge.i:child.right_edge.i + 1])
                if role and len(role.split()) <= 14 and not any(c.isdigit() for c in role[:1]):
                    cand.roles.append(role)
        if root.dep_ == "appos" and root.head.i < core.start and root.head.pos_ == "NOUN":
            head = root.head
            role = self._phrase(doc[head.left_edge.i:core.start])
            if role and len(role.split()) <= 14:
                cand.roles.append(role)

    def _is_title_word(self, word: str) -> bool:
        return word.lower().rstrip(".") in self._title_words

    @staticmethod
    def _phrase(span: Span) -> str:
        text = span.text.strip(" ,;:-—–")
        if text.lower().startswith("the "):
            text = text[4:]
        return text

    # ------------------------------------------------------ acronym defs
    def _acronym_definitions(self, doc: Doc, cands: list[_Cand], masked: list[bool]) -> list[_Cand]:
        """"Joint Military Commission (HVAC)": the bracketed acronym names the same actor here.

        An acronym defined after a non-actor ("Libyan Political Agreement (LPA)")
        is not an actor either.
        """
        by_end = {c.tok_end: c for c in cands}
        defs: dict[str, _Cand | None] = {}
        for t in doc[:-2]:
            i = t.i
            if t.text != "(" or doc[i + 2].text != ")" or not is_acronym(doc[i + 1].text):
                continue
            abbr = doc[i + 1].text
            if self.dictionary.acronym(abbr) is not None:
                continue
            defs.setdefault(abbr, by_end.get(i))
        if not defs:
            return cands
        out: list[_Cand] = []
        covered = {k for c in cands for k in range(c.tok_start, c.tok_end)}
        for c in cands:
            if c.how == "ner" and c.surface in defs:
                long = defs[c.surface]
                if long is None:
                    continue
                c.how, c.kind, c.name, c.entry = "acronym", long.kind, long.name, long.entry
                c.actor_id = long.actor_id
            out.append(c)
        for t in doc:
            long = defs.get(t.text)
            if long is None or t.i in covered or masked[t.i]:
                continue
            out.append(_Cand(
                start=t.idx, end=t.idx + len(t.text), surface=t.text, how="acronym",
                actor_id=long.actor_id, entry=long.entry, kind=long.kind, name=long.name,
                tok_start=t.i, tok_end=t.i + 1, acts=long.acts, place_like=long.place_like,
            ))
        return out

    def _drop_non_actors(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """NER-only names that are places, codes or modifiers (filters.py); a word that ends
        a full personal name of the article stays (it is that person)."""
        full = [c.name for c in cands if c.kind == "person" and len(fold(c.name).split()) >= 2]
        judged = [c for c in cands if c.how == "ner" and c.entry is None
                  and not any(is_partial_of(c.name, f) for f in full)]
        drop = self._filter.non_actors([(doc[c.tok_start:c.tok_end], c.name, c.kind == "person",
                                         bool(c.roles)) for c in judged])
        gone = {id(c) for c, d in zip(judged, drop, strict=True) if d}
        return [c for c in cands if id(c) not in gone]

    # -------------------------------------------------------------- linking
    def _link_people(self, cands: list[_Cand]) -> list[_Cand]:
        """Give NER names ids: same full name -> one id; surnames -> their full name."""
        full: list[_Cand] = []  # candidates carrying a full personal name, in text order
        for c in cands:
            if c.kind == "person" and (c.entry is not None or len(fold(c.name).split()) >= 2):
                full.append(c)
        # NER full names: merge spellings within the article, then assign ids.
        groups: list[list[_Cand]] = []
        for c in full:
            if c.actor_id:
                continue
            for g in groups:
                if same_name(g[0].name, c.name):
                    g.append(c)
                    break
            else:
                groups.append([c])
        for g in groups:
            canon = max((x.name for x in g), key=lambda n: (len(n.split()), len(n)))
            for x in g:
                x.actor_id = f"person:{slug(canon)}"
                x.name = canon
        kept: list[_Cand] = []
        for c in cands:
            if c.actor_id:
                kept.append(c)
                continue
            words = fold(c.name).split()
            owners: dict[str, _Cand] = {}
            for f in full:
                names = [f.name, f.surface] + (f.entry.names() if f.entry else [])
                if any(is_partial_of(c.name, n) for n in names if n):
                    owners.setdefault(f.actor_id or "", f)
            owners.pop("", None)
            if len(owners) == 1:
                owner = next(iter(owners.values()))
                c.actor_id, c.kind, c.entry, c.how = owner.actor_id, "person", owner.entry, "surname"
                c.name = owner.name
                kept.append(c)
            elif len(owners) > 1:
                before = [f for f in full if f.actor_id in owners and f.start < c.start]
                if before:
                    owner = before[-1]
                    c.actor_id, c.kind, c.entry, c.how = owner.actor_id, "person", owner.entry, "surname"
                    c.name = owner.name
                    kept.append(c)
            elif c.acts and words:
                prefix = "person" if c.kind == "person" else "org"
                c.actor_id = f"{prefix}:{slug(c.name)}"
                kept.append(c)
        return kept

    # --------------------------------------------------------- state filter
    @staticmethod
    def _keep_acting_states(cands: list[_Cand]) -> list[_Cand]:
        """Drop place uses of states; drop states that never act.

        Also drop the article's theatre: the state named most often as a place,
        when its place uses outnumber its acting uses three to one ("Libya
        plunged into chaos" in an article about the war in Libya is the setting
        speaking, not the state acting).
        """
        acting_states = {c.actor_id for c in cands if c.place_like and c.acts}
        acts: dict[str, int] = {}
        places: dict[str, int] = {}
        for c in cands:
            if c.place_like and c.how != "demonym" and c.actor_id:
                bucket = acts if c.acts else places
                bucket[c.actor_id] = bucket.get(c.actor_id, 0) + 1
        if places:
            theatre = max(sorted(places), key=lambda k: places[k])
            # a capital acting is the government, never the setting ("Kinshasa cut ties")
            capital_acts = any(c.actor_id == theatre and c.acts and c.how == "metonym"
                               for c in cands)
            if places[theatre] >= 3 and places[theatre] >= 3 * acts.get(theatre, 0) \
                    and not capital_acts:
                acting_states.discard(theatre)
        out = []
        for c in cands:
            if not c.place_like:
                out.append(c)
            elif c.actor_id in acting_states and (c.acts or c.how not in ("metonym", "demonym")):
                out.append(c)
        return out

    # --------------------------------------------------------------- build
    def _build(self, cands: list[_Cand], article: Article) -> tuple[list[Actor], list[Mention]]:
        cands.sort(key=lambda c: (c.start, c.end))
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        for c in cands:
            if c.actor_id is None:
                continue
            actor = actors.get(c.actor_id)
            if actor is None:
                e = c.entry
                actor = Actor(
                    id=c.actor_id, name=e.name if e else c.name, kind=e.kind if e else c.kind,  # type: ignore[arg-type]
                    country=e.country if e else c.country, sector=e.sector if e else c.sector,
                    in_dictionary=e is not None, part_of=e.part_of if e else None,
                )
                actors[c.actor_id] = actor
            named = c.how not in ("agent", "title", "metonym") or not c.surface.islower() and (
                c.how != "agent" or " " in c.surface.strip())  # "Cabinet" names no one
            for form in (c.surface if named else "", c.title_surface):  # not "head", "head X"
                form = re.sub(r"^(the|The)\s+", "", form.strip())
                if form and form != actor.name and form not in actor.aliases \
                        and (form == c.surface or form[:1].isupper()):
                    actor.aliases.append(form)
            for role in c.roles:
                if role not in actor.roles:
                    actor.roles.append(role)
            mentions.append(Mention(
                doc_id=article.doc_id, start=c.start, end=c.end,
                text=article.text[c.start:c.end], actor_id=c.actor_id, how=c.how,
            ))
        return list(actors.values()), mentions

