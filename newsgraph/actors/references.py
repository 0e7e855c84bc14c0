"""References that name an actor without its name: posts, group phrases, a leader's forces.

Event coding needs the actor behind

* a post: "the LNA chief", "the Russian president", "the UN envoy" -> the one
  person of the article whose roles (titles written before the name, appositions,
  dictionary roles held at the article's date) fit the post and its qualifier
  (country or organisation). Two or more fit, or none: no mention.
* a group phrase: "Sudanese rebels", "Kurdish fighters" -> an actor of its own
  (never the state); "Israeli troops" stays the state (the resolver's demonym rule).
* a leader's forces: "Haftar's forces", "forces loyal to X" -> the organisation
  X commands by a role held at the article's date; "loyal to X" falls back to X.
* a leader's government: "Sarraj's government", "the government of X", "the X
  administration" -> the governing organisation (sector GOV) or state X heads by a
  role held at the article's date; none known (or two): no reference, X stays X.

The word lists live in ``newsgraph/data/actor_references.yaml`` (users may add
files of the same shape).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Token

from newsgraph.actors.appositions import AppositionLinker
from newsgraph.actors.dictionary import ActorDictionary, DictEntry, is_acronym
from newsgraph.actors.names import POSSESSIVE_MARKS, fold, has_phrase, role_held, slug
from newsgraph.datafiles import data_path, load_data_file
from newsgraph.records import Article

_NAMED_DEPS = {"compound", "amod", "appos", "nmod", "npadvmod", "flat"}
_ROLE_CUT = re.compile(r"\s(?:to|in|for|at|with|on)\s", re.I)


class ReferenceCuesModel(BaseModel):
    """A reference-cue file (see the YAML shipped with newsgraph)."""

    model_config = ConfigDict(extra="forbid")
    provenance: str
    title_groups: list[list[str]] = Field(default_factory=list)
    bare_titles: list[str] = Field(default_factory=list)
    command_titles: list[str] = Field(default_factory=list)
    former_words: list[str] = Field(default_factory=list)
    force_nouns: list[str] = Field(default_factory=list)
    force_ties: list[str] = Field(default_factory=list)
    force_leading_verbs: list[str] = Field(default_factory=list)
    sister_force_nouns: list[str] = Field(default_factory=list)
    government_nouns: list[str] = Field(default_factory=list)
    government_titles: list[str] = Field(default_factory=list)
    deputy_words: list[str] = Field(default_factory=list)
    group_nouns: dict[str, str] = Field(default_factory=dict)
    group_qualifiers: list[str] = Field(default_factory=list)


@dataclass
class ReferenceCues:
    """Merged reference cues, folded for matching."""

    groups: list[set[str]] = field(default_factory=list)
    bare: set[str] = field(default_factory=set)
    command: set[str] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    forces: set[str] = field(default_factory=set)
    ties: set[str] = field(default_factory=set)
    leading: set[str] = field(default_factory=set)
    sisters: list[str] = field(default_factory=list)
    governments: set[str] = field(default_factory=set)
    gov_titles: set[str] = field(default_factory=set)
    deputy: set[str] = field(default_factory=set)
    group_nouns: dict[str, str] = field(default_factory=dict)
    qualifiers: set[str] = field(default_factory=set)

    @property
    def phrases(self) -> set[str]:
        return {p for g in self.groups for p in g}

    def accepted(self, title: str) -> set[str]:
        """Role phrases a reference by ``title`` accepts: its groups, or itself."""
        out = {p for g in self.groups if title in g for p in g}
        return out or {title}


def load_reference_cues(extra_files: Sequence[str | Path] = ()) -> ReferenceCues:
    """The shipped reference cues plus the user's files (DataFileError names a bad file)."""
    cues = ReferenceCues()
    for path in [data_path("actor_references.yaml"), *map(Path, extra_files)]:
        m = load_data_file(path, ReferenceCuesModel)
        cues.groups += [{fold(w) for w in g} for g in m.title_groups]
        cues.bare |= {fold(w) for w in m.bare_titles}
        cues.command |= {fold(w) for w in m.command_titles}
        cues.former |= {w.lower() for w in m.former_words}
        cues.forces |= {w.lower() for w in m.force_nouns}
        cues.ties |= {w.lower() for w in m.force_ties}
        cues.leading |= {w.lower() for w in m.force_leading_verbs}
        cues.sisters += [w.lower() for w in m.sister_force_nouns if w.lower() not in cues.sisters]
        cues.governments |= {w.lower() for w in m.government_nouns}
        cues.gov_titles |= {fold(w) for w in m.government_titles}
        cues.deputy |= {fold(w) for w in m.deputy_words}
        cues.group_nouns.update({k.lower(): v for k, v in m.group_nouns.items()})
        cues.qualifiers |= {fold(w) for w in m.group_qualifiers}
    return cues


class CandLike(Protocol):
    """What the finder reads of the resolver's candidates."""

    tok_start: int
    tok_end: int
    actor_id: str | None
    kind: str
    entry: DictEntry | None
    name: str
    roles: list[str]
    place_like: bool


@dataclass
class Reference:
    """One mention found by reference; the resolver turns it into a candidate."""

    start: int
    end: int
    surface: str
    how: str  # title | metonym | demonym
    actor_id: str
    kind: str
    name: str
    entry: DictEntry | None = None
    tok_start: int = 0
    tok_end: int = 0
    country: str | None = None
    sector: str | None = None
    alias: str = ""  # a lower-case description that names the actor ("eastern government")


@dataclass
class _Person:
    entry: DictEntry | None
    name: str
    roles: list[str] = field(default_factory=list)  # roles held at the article's date
    countries: set[str] = field(default_factory=set)


class ReferenceFinder:
    """Finds post references, group phrases and leaders' forces in one parsed article."""

    def __init__(self, dictionary: ActorDictionary, cues: ReferenceCues) -> None:
        self.d = dictionary
        self.cues = cues
        self._heads = {p.split()[-1] for p in cues.phrases}
        self.appositions = AppositionLinker(dictionary, cues)  # garbled names written with posts

    def find(self, doc: Doc, cands: Sequence[CandLike], masked: list[bool],
             article: Article) -> list[Reference]:
        """References of the article, none overlapping a named candidate."""
        year = _year(article.published)
        people = self._people(cands, year)
        person_toks = {i: c.actor_id for c in cands if c.kind == "person" and c.actor_id
                       for i in range(c.tok_start, c.tok_end)}
        taken = {i for c in cands if not c.place_like for i in range(c.tok_start, c.tok_end)}
        orgs = {i: c for c in cands if c.kind == "organization" and c.actor_id
                for i in range(c.tok_start, c.tok_end)}
        out: list[Reference] = []
        # each finder below returns None unless the token's lower form is one of its words
        words = (self._heads | self.cues.forces | self.cues.governments
                 | self.cues.group_nouns.keys())
        for i, low in enumerate([t.lower_ for t in doc]):
            if low not in words:
                continue
            t = doc[i]
            if masked[t.i] or t.i in taken or t.is_space:
                continue
            ref = (self._post(t, people, person_toks, orgs)
                   or self._forces(t, people, person_toks)
                   or self._government(t, people, person_toks)
                   or self._group(t, taken))
            if ref is not None:
                out.append(ref)
                taken |= set(range(ref.tok_start, ref.tok_end))
        return out

    # --------------------------------------------------------------- people
    def _people(self, cands: Sequence[CandLike], year: int | None) -> dict[str, _Person]:
        people: dict[str, _Person] = {}
        for c in cands:
            if c.kind != "person" or not c.actor_id:
                continue
            p = people.setdefault(c.actor_id, _Person(entry=c.entry, name=c.name))
            for role in c.roles:
                if not self._former(role) and role not in p.roles:
                    p.roles.append(role)
            if c.entry is not None and c.entry.country:
                p.countries.add(f"country:{c.entry.country}")
        for p in people.values():
            if p.entry is not None:
                for r in p.entry.roles:
                    if role_held(r.role, year, r.since, r.until) and not self._former(r.role):
                        p.roles.append(r.role)
            for role in p.roles:
                p.countries |= self._role_countries(role)
        return people

    def _former(self, role: str) -> bool:
        words = re.split(r"[\s]+", role.lower())
        return any(w in self.cues.former or w.startswith("ex-") for w in words)

    def _role_countries(self, role: str) -> set[str]:
        """States a role belongs to: qualifiers before "to/in/for" ("US Ambassador to Libya": US)."""
        head = _ROLE_CUT.split(f" {role} ", maxsplit=1)[0]
        words = re.findall(r"[\w.’'-]+", head)
        out: set[str] = set()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                e = self._country(" ".join(words[i:i + n]))
                if e is not None:
                    out.add(e.id)
        return out

    def _country(self, text: str) -> DictEntry | None:
        text = re.sub(r"(’s|'s)$", "", text.strip())
        if not text or not text[:1].isupper():
            return None
        e = self.d.demonym(text)
        if e is None:
            e = self.d.acronym(text) if is_acronym(text) else self.d.lookup(text)
        return e if e is not None and e.kind == "country" else None

    # ---------------------------------------------------------------- posts
    def _post(self, t: Token, people: dict[str, _Person], person_toks: dict[int, str | None],
              orgs: dict[int, CandLike]) -> Reference | None:
        """"the LNA chief" / "the Russian president" / "the head of the LNA" -> one person."""
        if t.lower_ not in self._heads or t.pos_ not in ("NOUN", "PROPN") or t.tag_ in ("NNS", "NNPS"):
            return None
        doc = t.doc
        phrases = self.cues.phrases
        start = t.i
        while start > 0 and doc[start - 1].lower_ != "the" and fold(doc[start - 1:t.i + 1].text) in phrases:
            start -= 1
        title = fold(doc[start:t.i + 1].text)
        if title not in phrases or self._named(t, start, person_toks):
            return None
        left = start
        while left > 0 and start - left < 4 and left - 1 not in person_toks and doc[left - 1].lower_ != "the" \
                and (doc[left - 1].text in POSSESSIVE_MARKS or doc[left - 1].text[:1].isupper()):
            left -= 1
        quals = doc[left:start]
        countries, org_names, ok = self._qualifiers(quals, orgs)
        if not ok:
            return None
        for ch in t.children:
            if ch.dep_ == "prep" and ch.lower_ == "of" and ch.i > t.i:
                objs = [o for o in ch.children if o.dep_ == "pobj"]
                if not objs:
                    return None
                c2, o2, ok2 = self._qualifiers(doc[objs[0].left_edge.i:objs[0].i + 1], orgs)
                if not ok2 or not (c2 or o2):
                    return None  # "chief of staff", "head of the committee"
                countries |= c2
                org_names += o2
        det = left > 0 and doc[left - 1].lower_ in ("the", "its", "their")
        if not (countries or org_names):
            if not (det and title in self.cues.bare):
                return None
        fits = [pid for pid, p in people.items() if self._fits(p, title, countries, org_names)]
        if len(fits) != 1:
            return None
        pid = fits[0]
        p = people[pid]
        span = doc[left:t.i + 1]
        return Reference(start=span.start_char, end=span.end_char, surface=span.text, how="title",
                         actor_id=pid, kind="person", name=p.name, entry=p.entry,
                         tok_start=span.start, tok_end=span.end)

    def _named(self, t: Token, start: int, person_toks: dict[int, str | None]) -> bool:
        """The post belongs to a name written with it ("President Sisi", "X, the LNA chief")."""
        doc = t.doc
        if t.dep_ in _NAMED_DEPS and t.head.i in person_toks:
            return True
        if any(k.i in person_toks for k in t.subtree):
            return True  # "the commander of the guard Ibrahim X", "Ambassador to Y, Richard Z"
        if start > 0 and t.doc[start - 1].lower_ in self.cues.former:
            return True  # "the former commander": a past holder, not who holds it now
        k = t.i + 1
        while k < len(doc) and k - t.i <= 4 and (doc[k].text in {",", "-"} or doc[k].text[:1].isupper()):
            if k in person_toks:
                return True
            k += 1
        return False

    def _qualifiers(self, quals, orgs: dict[int, CandLike]) -> tuple[set[str], list[str], bool]:
        """Countries and organisation names a qualifier span names; ok=False when unknown words."""
        toks = [q for q in quals if q.text not in POSSESSIVE_MARKS and q.lower_ not in ("the", "-")]
        countries: set[str] = set()
        names: list[str] = []
        if not toks:
            return countries, names, True
        text = quals.doc[toks[0].i:toks[-1].i + 1].text
        whole = self._entry(text)
        if whole is not None:
            return self._add(whole, countries, names)
        for q in toks:
            if q.i in orgs:
                c = orgs[q.i]
                names += c.entry.names() if c.entry else [c.name]
                continue
            e = self._entry(q.text)
            if e is None:
                return countries, names, False
            _, _, ok = self._add(e, countries, names)
            if not ok:
                return countries, names, False
        return countries, names, True

    def _entry(self, text: str) -> DictEntry | None:
        if not text[:1].isupper():
            return None
        return self.d.demonym(text) or (self.d.acronym(text) if is_acronym(text) else self.d.lookup(text))

    @staticmethod
    def _add(e: DictEntry, countries: set[str], names: list[str]) -> tuple[set[str], list[str], bool]:
        if e.kind == "country":
            countries.add(e.id)
        elif e.kind == "organization":
            names += e.names()
        else:
            return countries, names, False
        return countries, names, True

    def _fits(self, p: _Person, title: str, countries: set[str], org_names: list[str]) -> bool:
        accepted = self.cues.accepted(title)
        if countries and not (countries & p.countries):
            return False
        for role in p.roles:
            if not any(has_phrase(a, role) for a in accepted):
                continue
            if org_names and not any(has_phrase(n, role) for n in org_names if n):
                continue
            return True
        return False

    # --------------------------------------------------------------- forces
    def _forces(self, t: Token, people: dict[str, _Person],
                person_toks: dict[int, str | None]) -> Reference | None:
        """"Haftar's forces" -> the organisation he commands; "forces loyal to X" -> it, else X."""
        if t.lower_ not in self.cues.forces or t.pos_ not in ("NOUN", "PROPN"):
            return None
        owner: str | None = None
        loyal = False
        for ch in t.children:
            if ch.dep_ == "poss" and ch.i in person_toks:
                owner = person_toks[ch.i]
            elif ch.dep_ in ("amod", "acl") and ch.lower_ in self.cues.ties:
                # "forces loyal to X", "armed groups affiliated with X", "allied to X"
                for prep in ch.children:
                    objs = [o for o in prep.children if o.dep_ == "pobj" and o.i in person_toks]
                    if prep.lower_ in ("to", "with") and objs:
                        owner, loyal = person_toks[objs[0].i], True
            elif ch.dep_ == "acl" and ch.lemma_.lower() in self.cues.leading:
                # "the forces led by X", "paramilitaries commanded by X"
                for agent in (c for c in ch.children if c.dep_ == "agent"):
                    objs = [o for o in agent.children if o.dep_ == "pobj" and o.i in person_toks]
                    if objs:
                        owner = person_toks[objs[0].i]
        if owner is None or owner not in people:
            return None
        org = self._commanded(people[owner])
        if org is None and not loyal:
            return None
        base = dict(start=t.idx, end=t.idx + len(t.text), surface=t.text, how="metonym",
                    tok_start=t.i, tok_end=t.i + 1)
        if org is None:
            p = people[owner]
            return Reference(**base, actor_id=owner, kind="person", name=p.name, entry=p.entry)
        return Reference(**base, actor_id=org.id, kind=org.kind, name=org.name, entry=org)

    def _commanded(self, p: _Person) -> DictEntry | None:
        """The one dictionary organisation a person commands by a role held now."""
        found: dict[str, DictEntry] = {}
        for role in p.roles:
            low = fold(role)
            for cmd in self.cues.command:
                m = re.search(rf"(?:^| ){re.escape(cmd)} of (?P<org>.+)$", low)
                if m:
                    org = re.sub(r"\s*\(.*$", "", role.split(" of ", 1)[-1]) if " of " in role else ""
                    e = self.d.lookup(org.strip()) if org else None
                    if e is not None and e.kind == "organization":
                        found[e.id] = e
                before = re.match(rf"(?P<org>.+?) {re.escape(cmd)}(?: |$)", role, re.I)
                if before and before.group("org").split()[-1:] and fold(cmd) in low.split():
                    last = before.group("org").split()[-1]
                    e = self.d.acronym(last) if is_acronym(last) else None
                    if e is not None and e.kind == "organization":
                        found[e.id] = e
        return next(iter(found.values())) if len(found) == 1 else None

    # ----------------------------------------------------------- government
    def _government(self, t: Token, people: dict[str, _Person],
                    person_toks: dict[int, str | None]) -> Reference | None:
        """"Sarraj's government" / "the government of X" / "the X administration" -> the
        government X heads; without one known, None (the name stays the person)."""
        if t.lower_ not in self.cues.governments or t.pos_ not in ("NOUN", "PROPN"):
            return None
        owners: set[str | None] = set()
        for ch in t.children:
            if ch.dep_ in ("poss", "compound", "nmod") and ch.i < t.i and ch.i in person_toks:
                owners.add(person_toks[ch.i])
            elif ch.dep_ == "prep" and ch.lower_ == "of":
                owners |= {person_toks[o.i] for o in ch.children
                           if o.dep_ == "pobj" and o.i in person_toks}
            elif ch.dep_ == "amod" and ch.lower_ in ("led", "headed", "run"):
                owners |= {person_toks[k.i] for k in ch.subtree if k.i in person_toks}
        owners.discard(None)
        if len(owners) != 1:
            return None
        owner = next(iter(owners))
        if owner not in people:
            return None
        gov = self._governed(people[owner])
        if gov is None:
            return None
        return Reference(start=t.idx, end=t.idx + len(t.text), surface=t.text, how="metonym",
                         tok_start=t.i, tok_end=t.i + 1, actor_id=gov.id, kind=gov.kind,
                         name=gov.name, entry=gov)

    def _governed(self, p: _Person) -> DictEntry | None:
        """The one government a person heads now: a GOV organisation named after a government
        noun ("Government of National Accord") first, then any one GOV organisation, then the
        one state ("Prime Minister of Israel", "Syrian president", a bare "Prime Minister")."""
        orgs: dict[str, DictEntry] = {}
        states: dict[str, DictEntry] = {}
        for role in p.roles:
            plain = re.sub(r"\s*\(.*$", "", role).strip()
            for title in self.cues.gov_titles:
                m = re.search(rf"(?:^|(?P<pre>\S+) ){re.escape(title)}(?: of (?P<of>.+))?$",
                              plain, re.I)
                if m is None or fold(m.group("pre") or "") in self.cues.deputy:
                    continue
                head = plain[:m.end("pre")].strip() if m.group("pre") else ""
                if m.group("of"):
                    e = self.d.lookup(m.group("of"))
                elif head:
                    e = self._country(head)  # "Syrian president"
                elif p.entry is not None and p.entry.country:
                    e = self.d.get(f"country:{p.entry.country}")  # a bare "Prime Minister"
                else:
                    e = None
                if e is not None and e.kind == "organization" and e.sector == "GOV":
                    orgs[e.id] = e
                elif e is not None and e.kind == "country":
                    states[e.id] = e
        named = [e for e in orgs.values()
                 if any(w in self.cues.governments for w in fold(e.name).split())]
        for pool in (named, list(orgs.values()), list(states.values())):
            if pool:
                return pool[0] if len(pool) == 1 else None
        return None

    # --------------------------------------------------------------- groups
    def _group(self, t: Token, taken: set[int]) -> Reference | None:
        """"Sudanese rebels", "Kurdish fighters": a non-state group, never the state."""
        sector = self.cues.group_nouns.get(t.lower_)
        if sector is None or t.i == 0 or t.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        doc = t.doc
        for n in (3, 2, 1):
            s = t.i - n
            if s < 0 or any(k in taken for k in range(s, t.i)):
                continue
            qual = doc[s:t.i]
            if not qual.text[:1].isupper() or "\n" in qual.text or qual[0].is_sent_start and n > 1:
                continue
            country = self._country(qual.text)
            if country is None and not (n == 1 and fold(qual.text) in self.cues.qualifiers):
                continue
            plural = t.lower_ + "s"
            noun = plural if plural in self.cues.group_nouns else t.lower_
            name = f"{qual.text} {noun}"
            org = None if country is not None else self._group_org(qual.text, name)
            if org is not None:  # "Houthi fighters": the known movement, not a new group
                return Reference(start=qual.start_char, end=t.idx + len(t.text),
                                 surface=doc[s:t.i + 1].text, how="demonym", actor_id=org.id,
                                 kind=org.kind, name=org.name, entry=org, tok_start=s,
                                 tok_end=t.i + 1)
            return Reference(start=qual.start_char, end=t.idx + len(t.text), surface=doc[s:t.i + 1].text,
                             how="demonym", actor_id=f"org:{slug(name)}", kind="organization",
                             name=name, tok_start=s, tok_end=t.i + 1,
                             country=country.iso3_code if country else None,
                             sector=sector)
        return None


    def _group_org(self, qual: str, phrase: str) -> DictEntry | None:
        """The dictionary organisation a group qualifier names: the phrase itself ("Houthi
        rebels"), the qualifier's plural ("Houthi" -> "Houthis") or the qualifier with a
        sister group noun ("Tigrayan fighters" -> "Tigrayan forces"). A listed people's name
        must be written as the organisation's name: "Hutu" only spells like "Houthi"."""
        variants = [phrase, qual + "s", *(f"{qual} {n}" for n in self.cues.sisters)]
        for text in dict.fromkeys(variants):
            e = self.d.lookup(text)
            if e is not None and e.kind == "organization" and (
                    fold(qual) not in self.cues.qualifiers
                    or any(fold(text) == fold(n) for n in e.names())):
                return e
        return None


def _year(published: str | None) -> int | None:
    m = re.match(r"(\d{4})", published or "")
    return int(m.group(1)) if m else None
