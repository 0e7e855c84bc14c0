"""Unnamed agents as actors: "police arrested 50", "gunmen attacked a convoy".

Most conflict reporting names its actors only by a common noun. Event coding
needs an actor for these, or the event is lost (PETRARCH's agents dictionary
solves the same problem). Rules, and why:

* An agent noun phrase ("police", "riot police", "security forces") counts only
  where it plays a part in its clause: subject, object, "by"-agent, object of an
  adversative or comitative preposition ("clashed with police"), or the group
  behind a number ("hundreds of protesters"). People nouns (students, residents,
  doctors) count only as subject/object/agent. As a modifier ("police station",
  "army chief") or inside a capitalised name ("Police Academy") it is no actor.
* A phrase already qualified by a known actor ("Egyptian police", "LNA troops",
  "Haftar's soldiers") is left to the dictionary and reference rules.
* Ids are stable: a state agent takes the article's main country
  (``agent:EGY-COP``, "Egyptian police"); without one it is ``agent:COP``
  ("police"); a non-state agent is ``agent:<label>`` ("agent:protesters").

The word lists live in ``newsgraph/data/agents.yaml`` (users may add files).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Span, Token

from newsgraph.actors.dictionary import DictEntry
from newsgraph.actors.guards import portfolio_body
from newsgraph.actors.names import POSSESSIVE_MARKS, fold, slug
from newsgraph.actors.references import CandLike, Reference
from newsgraph.datafiles import data_path, load_data_file
from newsgraph.nlp.syntax import clause_subjects

_SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_OBJ = {"dobj", "dative", "oprd"}
_MODIFIER = {"compound", "amod", "nmod", "poss", "npadvmod"}
_QUALIFIER = {"compound", "amod", "nmod", "poss"}
_STRICT_PREPS = {"by", "against", "on", "at", "with", "between"}
# A state's regular army by its name's head: "Sudanese Armed Forces", "Libyan National Army",
# "Armed Forces of Ukraine"; not "Joint Military Commission", "private military company".
_ARMY_NAME = re.compile(r"(?:\b(?:army|military|armed forces|defen[cs]e forces?)$|^armed forces of )")
_NOT_ARMY = re.compile(r"\b(?:private|paramilitar\w*|militias?|mercenar\w*)\b")
# Sectors of non-state groups "the group" / "the movement" may refer back to.
_GROUP_SECTORS = {"REB", "PTY", "OPP", "UAF", "NGO"}
_STATE_WORDS = {"government", "regime", "state"}  # "regime forces": the theatre's own army


def is_state_army(entry: DictEntry) -> bool:
    """A state's regular armed forces: a MIL organisation one of whose names has an army
    head ("Sudanese army", "Israel Defense Forces"), no paramilitary or private force."""
    if entry.kind != "organization" or entry.sector != "MIL":
        return False
    names = [n.lower() for n in [entry.name, *entry.aliases]]
    return any(_ARMY_NAME.search(n) for n in names) and not any(_NOT_ARMY.search(n) for n in names)


class AgentGroupModel(BaseModel):
    """One group of agent nouns that name the same kind of actor."""

    model_config = ConfigDict(extra="forbid")
    label: str
    sector: str
    state: bool = False
    strict: bool = False
    anaphoric: bool = False  # only refers back to a named group ("the group", "the movement")
    # with anaphoric: only to an organisation with the noun in its name ("the council")
    name_head: bool = False
    nouns: list[str]


class AgentFileModel(BaseModel):
    """An agents file (see ``newsgraph/data/agents.yaml``)."""

    model_config = ConfigDict(extra="forbid")
    provenance: str
    agents: list[AgentGroupModel] = Field(default_factory=list)
    quantity_nouns: list[str] = Field(default_factory=list)
    actor_preps: list[str] = Field(default_factory=list)
    lowercase_ambiguous: list[str] = Field(default_factory=list)
    own_force_verbs: list[str] = Field(default_factory=list)
    with_force_verbs: list[str] = Field(default_factory=list)
    rival_qualifiers: list[str] = Field(default_factory=list)
    generic_rival_qualifiers: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class AgentGroup:
    """A merged agent group: what its actor is called and which sector it is."""

    label: str
    sector: str
    state: bool
    strict: bool
    anaphoric: bool = False
    name_head: bool = False


@dataclass
class AgentLexicon:
    """Agent phrases (lower-cased word tuples) and the helper word lists."""

    phrases: dict[tuple[str, ...], AgentGroup] = field(default_factory=dict)
    quantity: set[str] = field(default_factory=set)
    preps: set[str] = field(default_factory=set)
    ambiguous: set[str] = field(default_factory=set)
    own_force_verbs: set[str] = field(default_factory=set)
    with_force_verbs: set[str] = field(default_factory=set)
    rival_qualifiers: set[str] = field(default_factory=set)
    generic_rival_qualifiers: set[str] = field(default_factory=set)

    @property
    def max_words(self) -> int:
        return max((len(p) for p in self.phrases), default=1)


def load_agents(extra_files: Sequence[str | Path] = ()) -> AgentLexicon:
    """The shipped agents file plus the user's (DataFileError names a bad file).

    A later file's group with a known label adds nouns to it; a noun listed again
    moves to the later group (so users can reassign "fighters")."""
    lex = AgentLexicon()
    groups: dict[str, AgentGroup] = {}
    for path in [data_path("agents.yaml"), *map(Path, extra_files)]:
        m = load_data_file(path, AgentFileModel)
        for g in m.agents:
            group = groups.setdefault(g.label.lower(), AgentGroup(
                label=g.label, sector=g.sector, state=g.state, strict=g.strict,
                anaphoric=g.anaphoric, name_head=g.name_head))
            for noun in g.nouns:
                words = tuple(noun.lower().split())
                if words:
                    lex.phrases[words] = group
        lex.quantity |= {w.lower() for w in m.quantity_nouns}
        lex.preps |= {w.lower() for w in m.actor_preps}
        lex.ambiguous |= {w.lower() for w in m.lowercase_ambiguous}
        lex.own_force_verbs |= {w.lower() for w in m.own_force_verbs}
        lex.with_force_verbs |= {w.lower() for w in m.with_force_verbs}
        lex.rival_qualifiers |= {w.lower() for w in m.rival_qualifiers}
        lex.generic_rival_qualifiers |= {w.lower() for w in m.generic_rival_qualifiers}
    return lex


def is_lowercase_doc(doc: Doc, ratio: float = 0.02) -> bool:
    """Whether the text is (nearly) all lower case, like some archives and transcripts.

    Then capitalisation says nothing about names, and the resolver matches
    dictionary names case-insensitively (see ActorResolver)."""
    words = [t.text for t in doc if t.is_alpha and len(t.text) > 1]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps <= ratio * len(words)


def agent_actor(group: AgentGroup, country: DictEntry | None) -> tuple[str, str, str | None]:
    """Stable (id, name, country iso3) of an agent, qualified by a country for state agents."""
    if group.state and country is not None:
        iso3 = country.iso3_code
        demonym = country.demonyms[0] if country.demonyms else country.name
        return f"agent:{iso3}-{group.sector}", f"{demonym} {group.label}", iso3
    if group.state:
        return f"agent:{group.sector}", group.label, None
    return f"agent:{_slug(group.label)}", group.label, None


def _entry_ref(base: dict[str, Any], entry: DictEntry) -> Reference:
    """A reference (span fields ``base``) to a dictionary actor."""
    return Reference(**base, actor_id=entry.id, kind=entry.kind, name=entry.name, entry=entry)


def _slug(label: str) -> str:
    """Readable id part of a label: "armed men" -> "armed-men" (labels are plain English)."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


class AgentFinder:
    """Finds unnamed agents acting in one parsed article."""

    def __init__(self, lexicon: AgentLexicon, countries: Any = None) -> None:
        self.lex = lexicon
        self.countries = countries  # ActorDictionary: a qualifier's country entry (optional)

    def find(self, doc: Doc, cands: Sequence[CandLike], masked: list[bool],
             country: DictEntry | None, lowercase: bool = False,
             country_acts: bool = False) -> list[Reference]:
        """Agent mentions of the article, none overlapping a candidate already found.

        ``country`` is the article's main country; when it acts in the article
        (``country_acts``) "the government" is that state itself, otherwise (a theatre
        of war with rival governments) an agent of its own."""
        taken = {i for c in cands for i in range(c.tok_start, c.tok_end)}
        named = sorted(((c.tok_start, c.entry) for c in cands if c.entry is not None
                        and c.entry.kind == "organization" and c.entry.sector),
                       key=lambda x: x[0])
        by_tok = {i: c for c in cands if c.actor_id for i in range(c.tok_start, c.tok_end)}
        out: list[Reference] = []
        told: dict[str, DictEntry] = {}  # sector -> the state an earlier agent was qualified by
        i, n = 0, len(doc)
        width = self.lex.max_words
        lowers = [t.lower_ for t in doc]
        first_words = {p[0] for p in self.lex.phrases if p}
        while i < n:
            hit = None
            if lowers[i] in first_words:  # every phrase starts with one of these
                for j in range(min(n, i + width), i, -1):
                    group = self.lex.phrases.get(tuple(lowers[i:j]))
                    if group is not None:
                        hit = (doc[i:j], group)
                        break
            if hit is None:
                i += 1
                continue
            span, group = hit
            i = span.end
            if any(masked[k] or k in taken for k in range(span.start, span.end)):
                continue
            base = dict(start=span.start_char, end=span.end_char, surface=span.text, how="agent",
                        tok_start=span.start, tok_end=span.end)
            state = self._state_owner(span, by_tok) if group.state and group.sector == "MIL" \
                else None
            if state is not None and span[-1].dep_ not in _MODIFIER and self._role(span[-1], False):
                # "Niger's military junta", "Azerbaijan's ministry said its troops": the
                # possessor state's own armed forces
                army = self._state_military(state, span)
                if army is not None:
                    out.append(_entry_ref(base, army))
                else:
                    actor_id, name, iso3 = agent_actor(group, state)
                    out.append(Reference(**base, actor_id=actor_id, kind="organization",
                                         name=name, country=iso3, sector=group.sector))
                continue
            if not self._acts(span, group, taken, lowercase):
                continue
            rival = self._rival(span, group, country)
            if rival is not None:  # "the eastern government": neither the state nor its rival
                out.append(rival)
                continue
            if group.anaphoric:  # "the group", "the movement": only a named group before it
                entry = self._antecedent(span, group, named, country)
                if entry is not None:
                    out.append(_entry_ref(base, entry))
                continue
            owner = self._owner(span, group, by_tok)
            if owner is not None:
                if owner.kind != "person":  # a person's troops: the person is the actor already
                    out.append(Reference(**base, actor_id=owner.actor_id or "", kind=owner.kind,
                                         name=owner.name, entry=owner.entry))
                continue
            owner_tok = self._unknown_owner(span, taken) if group.state else None
            if owner_tok is not None and portfolio_body(span.doc[owner_tok.left_edge.i:span.end]):
                owner_tok = None  # "the defence ministry": a portfolio, not a place owning it
            if owner_tok is not None:
                # "Gaza's health ministry": the ministry of a place that is no known actor,
                # not of the article's main country
                first = owner_tok.left_edge.i
                name = " ".join(t.text for t in span.doc[first:span.end] if t.text not in POSSESSIVE_MARKS)
                out.append(Reference(
                    start=span.doc[first].idx, end=span.end_char,
                    surface=span.doc[first:span.end].text, how="agent", tok_start=first,
                    tok_end=span.end, actor_id=f"org:{slug(name)}", kind="organization",
                    name=name, sector=group.sector))
                continue
            entry = self._antecedent(span, group, named, self._regime_state(span, by_tok)
                                     or country)
            if entry is None and group.state and group.sector == "GOV" and any(
                    ch.dep_ == "det" and ch.lower_ in ("a", "an") for ch in span[-1].children):
                continue  # "a provisional government": not the state's own
            if entry is None and group.state and group.sector == "GOV" and country_acts \
                    and country is not None:
                entry = country  # "the government" of the article's state is the state
            if entry is not None:
                out.append(_entry_ref(base, entry))
                continue
            # "the Egyptian army and police ... killed 50 police officers": a state agent
            # keeps the state an earlier mention of its sector was qualified by
            qualified = self._conjunct_country(span, by_tok)
            if qualified is not None and group.state:
                told[group.sector] = qualified
            state = qualified or told.get(group.sector) or country
            army = self._state_military(state, span) \
                if state is not None and group.state and group.sector == "MIL" else None
            if army is not None:  # "soldiers" of a state whose one regular army is known
                out.append(_entry_ref(base, army))
                continue
            actor_id, name, iso3 = agent_actor(group, state)
            out.append(Reference(**base, actor_id=actor_id, kind="organization", name=name,
                                 country=iso3, sector=group.sector))
        return self._merge_rivals(out)

    def _merge_rivals(self, refs: list[Reference]) -> list[Reference]:
        """"the eastern government" ... "the rival administration": a government set apart
        only by a generic qualifier (agents file ``generic_rival_qualifiers``) is the one
        rival government the article sets apart by a specific one, when there is one."""
        generic = self.lex.generic_rival_qualifiers
        specific = {r.actor_id: r for r in refs if r.alias and r.name.split()[0] not in generic}
        if len(specific) != 1:
            return refs
        lead = next(iter(specific.values()))
        return [replace(r, actor_id=lead.actor_id, name=lead.name)
                if r.alias and r.name.split()[0] in generic else r for r in refs]

    def _rival(self, span: Span, group: AgentGroup, country: DictEntry | None) -> Reference | None:
        """"the eastern(-based) government", "the rival authorities", "a parallel
        government": a government a qualifier (agents file ``rival_qualifiers``) sets apart
        is an actor of its own, named by its words and the main country ("eastern government
        (Libya)"), never the state nor the government named before it."""
        if not (group.state and group.sector == "GOV") or country is None:
            return None
        head = span[-1]
        quals = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < span.start
                 and (c.lower_ in self.lex.rival_qualifiers
                      or "".join(t.lower_ for t in c.subtree) in self.lex.rival_qualifiers)]
        if not quals:
            return None
        first = min(t.i for q in quals for t in q.subtree)
        words = span.doc[first:span.end]
        # one actor whatever the wording: "eastern-based authorities" = "eastern government"
        qual = " ".join(t.lower_ for t in span.doc[first:span.start]
                        if t.lower_ not in ("-", "based"))
        name = f"{qual} {group.label} ({country.name})"
        return Reference(start=words.start_char, end=words.end_char, surface=words.text,
                         how="agent", alias=words.text, tok_start=first, tok_end=span.end,
                         actor_id=f"org:{slug(name)}", kind="organization", name=name,
                         country=country.iso3_code, sector="GOV")

    def _conjunct_country(self, span: Span, by_tok: dict[int, CandLike]) -> DictEntry | None:
        """"the Egyptian army and police": a state qualifier of the first conjunct qualifies
        the agent coordinated with it (Egypt's police, not the article's main country's)."""
        tok = span[-1]
        if tok.dep_ != "conj" or self.countries is None:
            return None
        head = tok.head
        for t in [head, *head.children]:
            cand = by_tok.get(t.i)
            entry = cand.entry if cand is not None else None
            if entry is None or t.i > head.i:
                continue
            if entry.kind == "country":
                return entry
            if entry.country:
                found = self.countries.get(f"country:{entry.country}")
                if found is not None:
                    return found
        return None

    def _owner(self, span: Span, group: AgentGroup, by_tok: dict[int, CandLike]) -> CandLike | None:
        """"Russia deployed troops", "X moved to amass troops": forces that an actor sends,
        amasses or supplies are that actor's own, not a new party."""
        if group.sector not in ("MIL", "REB", "UAF", "COP"):
            return None
        tok = span[-1]
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "with":
            tok = tok.head  # "supplied Haftar with soldiers"
            verbs = self.lex.with_force_verbs
        elif tok.dep_ == "dobj":
            verbs = self.lex.own_force_verbs  # "deployed troops"
        else:
            return None
        verb = tok.head
        if verb.lemma_.lower() not in verbs:
            return None
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                head = subj[0]
                if head.i in by_tok:
                    return by_tok[head.i]
                mods = [c for c in head.children if c.i in by_tok and c.dep_ in _QUALIFIER]
                return by_tok[mods[0].i] if mods else None
            if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.dep_ == "prep":
                verb = verb.head.head.head  # "in order to amass troops"
                continue
            if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    @staticmethod
    def _unknown_owner(span: Span, taken: set[int]) -> Token | None:
        """A place-like proper noun owning the agent that no candidate covers ("Gaza's
        health ministry", "Darfur authorities")."""
        for ch in span[-1].children:
            if ch.dep_ in ("poss", "compound") and ch.i < span.start and ch.pos_ == "PROPN" \
                    and ch.ent_type_ in ("GPE", "LOC", "ORG") and ch.i not in taken \
                    and not any(k in taken for k in range(ch.left_edge.i, ch.i)):
                return ch
        return None

    def _antecedent(self, span: Span, group: AgentGroup, named: list[tuple[int, DictEntry]],
                    country: DictEntry | None = None) -> DictEntry | None:
        """"the army" after "the Libyan National Army": the latest organisation of the same
        kind named before it (a definite noun refers back; a bare "troops" does not).

        "the army"/"the military" refers back only to a state's regular army (never the
        paramilitary RSF), else it is the main country's army; "the paramilitaries" only to
        another armed force; "regime/government forces" only to the main country's army
        (the state the fighting is in, not a foreign army named before); "the group"/"the
        movement" only to a non-state group; "the council"/"the mission" only to an
        organisation with that word in its name; "the bloc" only to an international body."""
        head = span[-1]
        definite = (span[0].i > 0 and span.doc[span[0].i - 1].lower_ == "the") or any(
            ch.dep_ == "det" and ch.lower_ == "the" for ch in head.children)
        if not definite:
            return None
        # "the RSF accused the army": an object never refers back to its own clause's subject
        own = {t.i for s in clause_subjects(head, _SUBJ) for t in s.subtree} \
            if head.dep_ in ("dobj", "pobj", "dative") else set()
        words = {t.lower_ for t in span}
        army = group.state and group.sector == "MIL"
        iso3 = country.iso3_code if country is not None else None

        def fits(e: DictEntry) -> bool:
            if group.anaphoric and group.name_head:  # "the council": the UN Security Council
                return bool(words & {w for n in e.names() for w in fold(n).split()})
            if group.anaphoric and group.sector == "IGO":  # "the bloc": ECOWAS
                return e.sector == "IGO"
            if group.anaphoric:
                return e.sector in _GROUP_SECTORS or (e.sector == "MIL" and not is_state_army(e))
            if not army:
                return e.sector == group.sector
            if any(w.startswith("paramilitar") for w in words):
                return e.sector == "MIL" and not is_state_army(e)
            if words & _STATE_WORDS:
                return is_state_army(e) and e.country == iso3
            return is_state_army(e)

        before = [e for start, e in named if start < span.start and start not in own and fits(e)]
        if before:
            return before[-1]
        if not army or any(w.startswith("paramilitar") for w in words):
            return None
        if country is None and self.countries is not None:  # no main country: the state of
            home = [e.country for start, e in named if start < span.start  # the armed force
                    and e.sector == "MIL" and e.country]           # named last ("the RSF")
            country = self.countries.get(f"country:{home[-1]}") if home else None
        return self._state_military(country, span) if country is not None else None

    def _regime_state(self, span: Span, by_tok: dict[int, CandLike]) -> DictEntry | None:
        """For "regime/government forces": the state of the last "Syrian regime" /
        "Damascus government" written before (the theatre's own, whatever the main country)."""
        if not {t.lower_ for t in span} & _STATE_WORDS or self.countries is None:
            return None
        found: DictEntry | None = None
        for t in span.doc[:span.start]:
            if t.lower_ not in _STATE_WORDS:
                continue
            for ch in t.children:
                c = by_tok.get(ch.i)
                e = c.entry if c is not None else None
                if e is not None and ch.dep_ in _QUALIFIER and e.country:
                    found = e if e.kind == "country" else self.countries.get(f"country:{e.country}")
        return found

    def _state_owner(self, span: Span, by_tok: dict[int, CandLike]) -> DictEntry | None:
        """The state owning an armed-forces phrase: a possessor country ("Niger's junta"), or
        "its"/"their" when the governing clause's subject is a state or a state's body
        ("Azerbaijan's Defence Ministry said that its troops attacked")."""
        head = span[-1]
        for ch in head.children:
            if ch.dep_ != "poss":
                continue
            cand = by_tok.get(ch.i)
            if cand is not None:
                return cand.entry if cand.entry is not None and cand.entry.kind == "country" \
                    else None
            if ch.lower_ not in ("its", "their"):
                return None
            verb = head.head
            for _ in range(4):
                for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                    if subj.i == head.i:
                        continue
                    for t in (subj, *subj.children):
                        c = by_tok.get(t.i)
                        if c is not None and c.entry is not None and c.entry.kind == "country" \
                                and (t.i == subj.i or t.dep_ in _QUALIFIER):
                            return c.entry
                    return None
                if verb.head.i == verb.i:
                    break
                verb = verb.head
        return None

    def _state_military(self, country: DictEntry, span: Span) -> DictEntry | None:
        """The dictionary's force for "<country's> <phrase>": the phrase under the state's
        demonym or name ("Nigerien junta" -> the CNSP), else its one regular army."""
        d = self.countries
        if d is None:
            return None
        iso3 = country.iso3_code
        for phrase in dict.fromkeys([span.text, span[-1].text]):  # "military junta", "junta"
            for owner in [*country.demonyms, f"{country.name}'s"]:
                e = d.lookup(f"{owner} {phrase}")
                if e is not None and e.kind == "organization" and e.country == iso3:
                    return e
        armies = [e for e in d.entries if e.country == iso3 and is_state_army(e)]
        return armies[0] if len(armies) == 1 else None

    # ------------------------------------------------------------------ rules
    def _acts(self, span: Span, group: AgentGroup, taken: set[int], lowercase: bool) -> bool:
        head = span[-1]
        if head.pos_ not in ("NOUN", "PROPN", "ADJ") or head.dep_ in _MODIFIER:
            return False
        if not lowercase and self._in_name(span):
            return False
        for ch in head.children:
            if ch.i in taken and (ch.dep_ in _QUALIFIER or ch.i < span.start):
                return False  # "LNA troops", "Haftar's soldiers": the named actor's own
            if ch.dep_ == "det" and ch.lower_ == "no" or ch.lower_ == "prime" and ch.i < head.i:
                return False  # "no troops", "the two prime ministers" (a post, not an agent)
            if ch.dep_ == "prep" and ch.lower_ == "of" and any(
                    o.i in taken for o in ch.children if o.dep_ == "pobj"):
                return False  # "soldiers of the LNA"
        return self._role(head, group.strict)

    @staticmethod
    def _in_name(span: Span) -> bool:
        """A capitalised agent word next to other capitalised words: part of a name."""
        doc = span.doc
        if not any(t.text[:1].isupper() and not t.is_sent_start for t in span):
            return False
        for k in (span.start - 1, span.end):
            if 0 <= k < len(doc):
                t = doc[k]
                if t.text[:1].isupper() and t.is_alpha and not t.is_sent_start and t.lower_ != "the":
                    return True
        return False

    def _role(self, tok: Token, strict: bool, depth: int = 0) -> bool:
        """Subject, object or agent of a verb; for non-strict groups also a prepositional
        party ("clashed with police") or a headline subject."""
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        dep = tok.dep_
        if dep in _SUBJ or dep in _OBJ:
            return True
        if dep == "pobj":
            prep = tok.head
            p = prep.lower_
            gov = prep.head
            if p == "of":
                quantity = gov.pos_ == "NUM" or gov.lower_ in self.lex.quantity
                return quantity and depth < 2 and gov.i != prep.i and self._role(gov, strict, depth + 1)
            if p == "by":
                return True
            allowed = _STRICT_PREPS if strict else self.lex.preps
            return p in allowed and prep.dep_ in ("prep", "agent")
        return dep == "ROOT" and not strict and tok.pos_ in ("NOUN", "PROPN")
