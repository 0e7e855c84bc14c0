"""The typed records that flow between stages.

Every stage takes and returns these small records (never nested dicts), so a
newcomer can read one file and know what each stage promises:

    ingest  -> Article | InputProblem
    nlp     -> spaCy Doc (sentences, entities, parse) for one Article
    actors  -> list[Actor], list[Mention]
    events  -> list[Event]          (each with its Evidence)
    store   <- ArticleAnalysis      (the whole result for one article)

Character offsets are always offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "country"]
Status = Literal["occurred", "planned", "negated", "hypothetical"]
DatePrecision = Literal["day", "month", "year"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES: tuple[str, ...] = ("occurred", "planned", "negated", "hypothetical")


@dataclass(frozen=True)
class Article:
    """One input document after ingest: its text and what is known of its origin."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO at its precision: 2019-04-16, 2019-04 or 2019
    # header | front-matter | html-meta | record | dateline | inferred (the text's latest
    # date) | occasion (a known occasion dated relative to the article) | unknown
    published_basis: str = "unknown"
    source_path: str = ""
    language: str = "en"
    minhash: tuple[int, ...] = ()  # MinHash signature, for near-duplicate linking


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be used, and why (one line for the user)."""

    path: str
    reason: str
    record: str | None = None  # line or record number inside the file, where it applies

    def __str__(self) -> str:
        where = f"{self.path}:{self.record}" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass
class Actor:
    """An actor as found in one article; ``id`` is stable across articles."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO 3166 alpha-3 of the state it belongs to
    sector: str | None = None  # GOV, MIL, REB, IGO, ... (CAMEO/PLOVER style)
    aliases: list[str] = field(default_factory=list)  # surface forms seen in the article
    roles: list[str] = field(default_factory=list)  # "spokesman of the LNA"
    in_dictionary: bool = False
    part_of: str | None = None  # id of the state it is an organ of (army, ministry, command)


@dataclass(frozen=True)
class Mention:
    """One span of article text tied to one actor."""

    doc_id: str
    start: int
    end: int
    text: str
    actor_id: str
    how: str  # dictionary | ner | surname | title | metonym | demonym | transliteration | acronym


@dataclass(frozen=True)
class Place:
    """A resolved place, with the precision the name supports."""

    name: str
    country: str | None = None  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    precision: str = "city"  # site | city | region | country
    geonameid: int | None = None


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text supports, and the words it came from."""

    value: str  # 2019-04-14, 2019-04 or 2019
    precision: DatePrecision
    text: str = ""
    start: int | None = None  # char offsets of the expression in the article, when known
    end: int | None = None


@dataclass(frozen=True)
class Evidence:
    """Where an event was read: the sentence and its offsets in the article."""

    doc_id: str
    sentence: str
    start: int
    end: int
    trigger: str = ""
    trigger_start: int | None = None


@dataclass
class Event:
    """One coded event (PLOVER type + mode, CAMEO root) from one sentence."""

    id: str
    doc_id: str
    type: str
    source: list[str]  # actor ids
    target: list[str]
    evidence: Evidence
    mode: str | None = None
    cameo: str | None = None  # CAMEO root code, "01".."20"
    mediator: list[str] = field(default_factory=list)
    status: Status = "occurred"
    reported_by: str | None = None  # actor id of who claims it
    date: DateValue | None = None
    location: Place | None = None
    confidence: float = 0.5


@dataclass
class ArticleAnalysis:
    """Everything the pipeline learned from one article; what the store receives."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
