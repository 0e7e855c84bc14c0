"""Trigger patterns as data: verb and noun triggers, status cues, reporting verbs.

Why data and not code: analysts must be able to read and extend what counts as
an event ("supply X with arms" -> AID) without touching the extractor. Every
file under ``newsgraph/data/patterns/`` is validated on load; users pass their
own files of the same shapes (a file may hold any of the sections below and
is merged into the shipped ones, user entries first so they win).

Argument slots (where the parse puts an argument of a trigger):
``subj`` (nsubj, or the "by X" agent of a passive), ``dobj`` (direct object,
or the passive subject), ``dative`` (indirect object), ``prep:<word>``
(object of that preposition on the trigger), ``between`` (first and further
objects of "between X and Y"), ``poss`` (possessor "X's visit"), ``compound``
(modifiers "Egyptian-mediated talks", "the UN embargo", "Russian strikes"),
``xcomp`` (objects of the embedded verb: "refused to meet X"), ``ccomp_subj`` (subject of
a that-clause: "demanded that X withdraw"), ``copula`` (subject of "X is/remains <noun>"),
``appos_of`` (the name a noun is in apposition to: "X, the main backer of Y") and
``appos`` (the name in apposition to the noun: "Y's backer X") and ``purpose`` (the object of
the infinitive that says what an operation is for: "a campaign to enter X", "launched an
offensive to capture X").

``relation_nouns`` name a standing relation to another actor ("ally", "backer", "rival"):
such a noun stands for the name in apposition to it, never for its possessor or its
"of" object ("Y's rival X attacked": X attacked, not Y).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsgraph.datafiles import data_path, load_data_file
from newsgraph.errors import DataFileError
from newsgraph.records import PLOVER_TYPES

_SLOT_NAMES = {
    "subj", "dobj", "dative", "between", "poss", "compound", "xcomp", "agent", "copula", "appos_of",
    "appos", "ccomp_subj", "purpose",
}


def _check_slot(slot: str) -> str:
    if slot in _SLOT_NAMES or (slot.startswith("prep:") and len(slot) > 5):
        return slot
    raise ValueError(f"unknown argument slot {slot!r} (use {sorted(_SLOT_NAMES)} or prep:<word>)")


class Requirement(BaseModel):
    """A word the trigger needs nearby, for light verbs ("impose" + sanctions)."""

    model_config = ConfigDict(extra="forbid")
    slots: list[str] = Field(default_factory=lambda: ["dobj"])
    words: list[str]  # lemmas, or "$name" to use a word set

    @field_validator("slots")
    @classmethod
    def _slots(cls, v: list[str]) -> list[str]:
        return [_check_slot(s) for s in v]


class TriggerEntry(BaseModel):
    """One trigger rule; ``lemmas`` share type, mode, CAMEO root and argument slots."""

    model_config = ConfigDict(extra="forbid")
    lemmas: list[str] = Field(min_length=1)
    type: str
    mode: str | None = None
    cameo: str | None = None
    source: list[str] | None = None
    target: list[str] | None = None
    requires: Requirement | None = None
    target_optional: bool | None = None
    status: str | None = None  # force a status ("deny" style entries)
    light_only: bool = False  # nominal fires only as object of a light verb ("hold talks")
    blocked_by: list[str] = Field(default_factory=list)  # child lemma or "dep:<dep>" that vetoes
    person_source: bool = False  # fires only with a person as source (a visit, not troops)
    participants: bool = False  # all sources are participants ("X, Y and Z attended ...")
    # a two-sided act: "X and Y clashed", "the two sides exchanged fire" is each against the
    # other, as with "each other"
    mutual: bool = False
    # the required word stays free for its own rule: "condemned X's attack" keeps the attack
    keep_required: bool = False

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v

    @field_validator("cameo")
    @classmethod
    def _cameo(cls, v: str | None) -> str | None:
        if v is not None and not (len(v) == 2 and v.isdigit() and 1 <= int(v) <= 20):
            raise ValueError(f"CAMEO root must be '01'..'20', got {v!r}")
        return v

    @field_validator("source", "target")
    @classmethod
    def _slots(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else [_check_slot(s) for s in v]


class StatusCues(BaseModel):
    """Words that make a clause negated, planned or hypothetical."""

    model_config = ConfigDict(extra="forbid")
    negating_verbs: list[str] = Field(default_factory=list)  # refuse/fail to X -> X negated
    negating_preps: list[str] = Field(default_factory=list)  # without X-ing
    negating_amods: list[str] = Field(default_factory=list)  # "aborted", "failed" deals
    planned_aux: list[str] = Field(default_factory=list)
    planned_verbs: list[str] = Field(default_factory=list)  # plan/prepare/intend to X
    planned_adjs: list[str] = Field(default_factory=list)  # ready/expected/scheduled to X
    planned_amods: list[str] = Field(default_factory=list)  # "the planned assault"
    planned_nouns: list[str] = Field(default_factory=list)  # "the decision/readiness to send"
    hypothetical_aux: list[str] = Field(default_factory=list)
    # "will not return before X withdraws": under a negated or future main clause, these
    # marks make X's act a condition, not a fact
    condition_marks: list[str] = Field(default_factory=list)
    # verbs whose negation affirms their complement: "will not hesitate to strike"
    reluctance_verbs: list[str] = Field(default_factory=list)
    hypothetical_marks: list[str] = Field(default_factory=list)  # if/unless
    hypothetical_amods: list[str] = Field(default_factory=list)  # "possible strikes"
    object_control: list[str] = Field(default_factory=list)  # help/urge Y to X: Y does X
    request_verbs: list[str] = Field(default_factory=list)  # urge Y to X: X is not coded
    mediator_words: list[str] = Field(default_factory=list)  # mediate, broker, sponsor
    locative_preps: list[str] = Field(default_factory=list)
    destination_preps: list[str] = Field(default_factory=list)


class Reporting(BaseModel):
    """Verbs that introduce a claim (X said that ...), and speaker words with no actor."""

    model_config = ConfigDict(extra="forbid")
    verbs: list[str] = Field(default_factory=list)
    denial_verbs: list[str] = Field(default_factory=list)  # the claim is negated
    nouns: list[str] = Field(default_factory=list)  # "in a statement", "the report"
    anonymous_speakers: list[str] = Field(default_factory=list)  # source(s), officials


class Lexicon(BaseModel):
    """Word lists the argument and context walks consult (no trigger of their own)."""

    model_config = ConfigDict(extra="forbid")
    motion_verbs: list[str] = Field(default_factory=list)  # "went to C to meet X": C is the venue
    subject_cues: list[str] = Field(default_factory=list)  # "the talks were postponed": status
    state_heads: list[str] = Field(default_factory=list)  # "Israeli troops" stand for the state
    loyal_words: list[str] = Field(default_factory=list)  # "forces loyal to X" stand for X
    link_preps: list[str] = Field(default_factory=list)  # "officials from X" stand for X
    auspices_nouns: list[str] = Field(default_factory=list)  # "under the auspices of X"
    opposing_prefixes: list[str] = Field(default_factory=list)  # "anti-X militias" are not X
    example_preps: list[str] = Field(default_factory=list)  # "groups including X" stand for X
    recipient_nouns: list[str] = Field(default_factory=list)  # "exports to X" stand for X
    participant_nouns: list[str] = Field(default_factory=list)  # "the participants": who took part
    venue_nouns: list[str] = Field(default_factory=list)  # "on the sidelines of a summit in C"
    entry_verbs: list[str] = Field(default_factory=list)  # "entered C and fought": C is the venue
    speech_acts: list[str] = Field(default_factory=list)  # "X said ... and urged Y": X's own act
    capital_nouns: list[str] = Field(default_factory=list)  # "the (Ruritanian) capital" as a place
    country_nouns: list[str] = Field(default_factory=list)  # "the country's capital"
    region_nouns: list[str] = Field(default_factory=list)  # "the western region" of the country
    # "the south of the country" -> the gazetteer's "southern <Country>"
    region_adjectives: dict[str, str] = Field(default_factory=dict)
    reciprocals: list[str] = Field(default_factory=list)  # "X and Y fought each other"
    victim_nouns: list[str] = Field(default_factory=list)  # "the killing of X": agent unknown
    # "launched dozens of rockets": the quantity stands before the word a trigger requires
    quantity_nouns: list[str] = Field(default_factory=list)
    # "does not want a war", "fears an escalation": a wanted or feared act is no act
    volition_verbs: list[str] = Field(default_factory=list)
    pair_nouns: list[str] = Field(default_factory=list)  # "the two sides"
    start_nouns: list[str] = Field(default_factory=list)  # "the start of an operation"
    hosting_verbs: list[str] = Field(default_factory=list)  # "X and Y hosted talks"
    # "struck targets in C", "sites in Iran": a place noun whose country is the party hit
    holder_nouns: list[str] = Field(default_factory=list)
    # "called for the resignation of X": an office or act of X's stands for X
    office_nouns: list[str] = Field(default_factory=list)
    # "a resolution that demands X stop ...": a text that speaks for whoever adopted it
    document_nouns: list[str] = Field(default_factory=list)
    # "in response to / in retaliation for the killing of X in C": the reason, not the place
    reason_nouns: list[str] = Field(default_factory=list)


class PatternFile(BaseModel):
    """One YAML file of patterns; every section is optional."""

    model_config = ConfigDict(extra="forbid")
    provenance: str
    wordsets: dict[str, list[str]] = Field(default_factory=dict)
    defaults: dict[str, dict[str, list[str]]] = Field(default_factory=dict)  # type -> slots
    target_optional_types: list[str] = Field(default_factory=list)
    verbs: list[TriggerEntry] = Field(default_factory=list)
    nouns: list[TriggerEntry] = Field(default_factory=list)
    light_verbs: list[str] = Field(default_factory=list)
    relation_nouns: list[str] = Field(default_factory=list)  # ally, backer, rival (lemmas)
    status: StatusCues | None = None
    reporting: Reporting | None = None
    lexicon: Lexicon | None = None

    @model_validator(mode="after")
    def _types(self) -> PatternFile:
        for t in list(self.defaults) + self.target_optional_types:
            if t not in PLOVER_TYPES and t != "*":
                raise ValueError(f"unknown PLOVER type {t!r}")
        return self


@dataclass(frozen=True)
class Trigger:
    """A resolved trigger rule: one lemma sequence with everything the extractor needs."""

    words: tuple[str, ...]  # head lemma first, then particles/objects that must be present
    type: str
    mode: str | None
    cameo: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    required: frozenset[str]
    required_slots: tuple[str, ...]
    target_optional: bool
    status: str | None
    nominal: bool
    light_only: bool = False
    blocked_by: frozenset[str] = frozenset()
    person_source: bool = False
    participants: bool = False
    mutual: bool = False  # with coordinated subjects and no target: each against the other
    keep_required: bool = False  # the required word may trigger its own rule too


DEFAULT_CAMEO = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06",
    "AID": "07", "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17",
    "ASSAULT": "19",
}


@dataclass
class PatternSet:
    """All loaded patterns, indexed by head lemma."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    relation_nouns: frozenset[str] = frozenset()
    status: StatusCues = field(default_factory=StatusCues)
    reporting: Reporting = field(default_factory=Reporting)
    lexicon: Lexicon = field(default_factory=Lexicon)
    files: tuple[str, ...] = ()

    def verb_rules(self, lemma: str) -> list[Trigger]:
        return self.verbs.get(lemma.lower(), [])

    def noun_rules(self, lemma: str) -> list[Trigger]:
        return self.nouns.get(lemma.lower(), [])

    @property
    def reporting_verbs(self) -> frozenset[str]:
        return frozenset(self.reporting.verbs) | frozenset(self.reporting.denial_verbs)


def shipped_pattern_files() -> list[Path]:
    """The pattern files that ship with newsgraph, in a stable order."""
    return sorted(data_path("patterns").glob("*.yaml"))


@cache
def shipped_lexicon() -> Lexicon:
    """The shipped word lists alone, for callers not handed a PatternSet (read once; callers
    must not mutate it)."""
    lex = Lexicon()
    for path in shipped_pattern_files():
        f = load_data_file(path, PatternFile)
        if f.lexicon:
            _merge_cues(lex, f.lexicon)
    return lex


def _merge_cues(into: BaseModel, new: BaseModel) -> None:
    """Union of word lists; for word maps the entry read first (the user's) wins."""
    for name in type(new).model_fields:
        old, add = getattr(into, name), getattr(new, name)
        if isinstance(add, dict):
            setattr(into, name, {**add, **old})
        else:
            setattr(into, name, list(dict.fromkeys([*add, *old])))


def load_patterns(extra_files: Sequence[str | Path] = ()) -> PatternSet:
    """Load shipped pattern files plus the user's; raise DataFileError naming a bad file."""
    paths = [Path(p) for p in extra_files] + shipped_pattern_files()
    files = [(p, load_data_file(p, PatternFile)) for p in paths]
    wordsets: dict[str, list[str]] = {}
    defaults: dict[str, dict[str, list[str]]] = {}
    optional: set[str] = set()
    for _, f in files:
        for k, v in f.wordsets.items():
            wordsets.setdefault(k, [w.lower() for w in v])
        for t, slots in f.defaults.items():
            defaults.setdefault(t, {}).update({k: v for k, v in slots.items()
                                                 if k not in defaults.get(t, {})})
        optional.update(f.target_optional_types)
    ps = PatternSet(files=tuple(str(p) for p in paths))
    light: list[str] = []
    relation: list[str] = []
    for path, f in files:
        for section, nominal in (("verbs", False), ("nouns", True)):
            for entry in getattr(f, section):
                for trig in _expand(entry, nominal, wordsets, defaults, optional, path):
                    index = ps.nouns if nominal else ps.verbs
                    index.setdefault(trig.words[0], []).append(trig)
        light.extend(w.lower() for w in f.light_verbs)
        relation.extend(w.lower() for w in f.relation_nouns)
        if f.status:
            _merge_cues(ps.status, f.status)
        if f.reporting:
            _merge_cues(ps.reporting, f.reporting)
        if f.lexicon:
            _merge_cues(ps.lexicon, f.lexicon)
    ps.light_verbs = frozenset(light)
    ps.relation_nouns = frozenset(relation)
    return ps


_PREPS = {"for", "on", "upon", "of", "to", "with", "against", "in", "out", "up", "down", "back"}


def _head_first(lemma: str, nominal: bool) -> tuple[str, ...]:
    """Put the syntactic head first: verbs lead ("pull out"), noun compounds end ("air strike")."""
    words = lemma.lower().split()
    if nominal and len(words) > 1 and words[-1] not in _PREPS:
        return (words[-1], *words[:-1])
    return tuple(words)


def _expand(entry: TriggerEntry, nominal: bool, wordsets: dict[str, list[str]],
            defaults: dict[str, dict[str, list[str]]], optional: set[str],
            path: Path) -> list[Trigger]:
    dflt = {**defaults.get("*", {}), **defaults.get(entry.type, {})}
    source = entry.source or dflt.get("noun_source" if nominal else "source") or ["subj"]
    target = entry.target or dflt.get("noun_target" if nominal else "target") or ["dobj"]
    required: set[str] = set()
    req_slots: tuple[str, ...] = ()
    if entry.requires:
        req_slots = tuple(entry.requires.slots)
        for w in entry.requires.words:
            if w.startswith("$"):
                if w[1:] not in wordsets:
                    raise DataFileError(f"{path}: unknown word set {w!r}")
                required.update(wordsets[w[1:]])
            else:
                required.add(w.lower())
    t_opt = entry.target_optional
    if t_opt is None:
        t_opt = entry.type in optional
    return [
        Trigger(
            words=_head_first(lemma, nominal), type=entry.type, mode=entry.mode,
            cameo=entry.cameo or DEFAULT_CAMEO[entry.type], source=tuple(source),
            target=tuple(target), required=frozenset(required), required_slots=req_slots,
            target_optional=t_opt, status=entry.status, nominal=nominal,
            light_only=entry.light_only, blocked_by=frozenset(b.lower() for b in entry.blocked_by),
            person_source=entry.person_source, participants=entry.participants,
            mutual=entry.mutual, keep_required=entry.keep_required,
        )
        for lemma in entry.lemmas
    ]
