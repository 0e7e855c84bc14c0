"""A small fictional database for tests, screenshots and demos of the explorer.

Written as hand-made ``ArticleAnalysis`` records (no NLP), so the web, export
and briefing code can be exercised without a model. All actors, outlets and
places are invented; they only mimic the shapes real data takes: spelling
drift (Volan/Valan), day/month/year dates, claims, denials (a disputed event),
planned events, a mediator, and one article carrying HTML/script markup that
every view must render inert.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.records import (
    Actor,
    Article,
    ArticleAnalysis,
    DateValue,
    Event,
    Evidence,
    Mention,
    Place,
)

ACTORS: dict[str, Actor] = {
    a.id: a
    for a in [
        Actor("org:northern-army", "Northern Army", "organization", "XNL", "MIL",
              ["Northern Army", "Northern Forces"], ["armed force of the north"], True),
        Actor("org:unity-council", "Unity Council", "organization", "XNL", "GOV",
              ["Unity Council", "the Council"], ["governing council"], True),
        Actor("person:marek-volan", "Marek Volan", "person", "XNL", "MIL",
              ["Marek Volan", "Volan", "Valan"], ["commander of the Northern Army"], True),
        Actor("person:ilse-brandt", "Ilse Brandt", "person", "XNL", "GOV",
              ["Ilse Brandt", "Brandt"], ["head of the Unity Council"], True),
        Actor("country:XOS", "Ostria", "country", "XOS", "GOV", ["Ostria", "Ostrian"], [], True),
        Actor("org:coastal-league", "Coastal League", "organization", None, "IGO",
              ["Coastal League"], [], True),
    ]
}

PLACES = {
    "Port Selva": Place("Port Selva", "XN", 32.9, 13.2, "city"),
    "Karst": Place("Karst", "XN", 32.1, 20.1, "city"),
    "Mira Oasis": Place("Mira Oasis", "XN", 32.7, 13.5, "site"),  # beside Port Selva: labels must not collide
}


@dataclass
class _Ev:
    """One event as the sample describes it: sentence index plus attributes."""

    sent: int
    type: str
    source: list[str]
    target: list[str]
    trigger: str
    date: tuple[str, str] | None = None  # (value, precision)
    status: str = "occurred"
    reported_by: str | None = None
    place: str | None = None
    mediator: list[str] = field(default_factory=list)
    cameo: str | None = None


@dataclass
class _Art:
    title: str
    outlet: str
    published: str
    sentences: list[str]
    events: list[_Ev]


NA, UC, MV, IB, OS, CL = ("org:northern-army", "org:unity-council", "person:marek-volan",
                          "person:ilse-brandt", "country:XOS", "org:coastal-league")

ARTICLES: list[_Art] = [
    _Art("Shelling reported in Port Selva", "Daily Meridian", "2021-03-02", [
        "Northern Army forces shelled Port Selva on 1 March 2021, the Unity Council said.",
        "Marek Volan, commander of the Northern Army, met Ilse Brandt in Karst on 2 March 2021.",
        "Volan plans to visit Ostria in April 2021.",
    ], [
        _Ev(0, "ASSAULT", [NA], [UC], "shelled", ("2021-03-01", "day"), reported_by=UC,
            place="Port Selva", cameo="19"),
        _Ev(1, "CONSULT", [MV], [IB], "met", ("2021-03-02", "day"), place="Karst", cameo="04"),
        _Ev(2, "CONSULT", [MV], [OS], "visit", ("2021-04", "month"), status="planned",
            cameo="04"),
    ]),
    _Art("Army <b>denies</b> shelling <script>alert('title')</script>", "Coastal Wire",
         "2021-03-05", [
             "The Northern Army denied that it shelled Port Selva on 1 March 2021.",
             "The Unity Council accused Valan of attacks on civilians "
             "<script>alert('xss')</script> in Port Selva.",
         ], [
             _Ev(0, "ASSAULT", [NA], [UC], "shelled", ("2021-03-01", "day"), status="negated",
                 place="Port Selva", cameo="19"),
             _Ev(1, "ACCUSE", [UC], [MV], "accused", ("2021-03", "month"), cameo="11"),
         ]),
    _Art("Ceasefire signed in Karst", "Daily Meridian", "2021-04-21", [
        "In April 2021 Ostria sent weapons to the Northern Army.",
        "Ostria and the Unity Council signed a ceasefire in Karst on 20 April 2021, "
        "mediated by the Coastal League.",
        "In 2020 Ostria threatened sanctions against the Northern Forces.",
    ], [
        _Ev(0, "AID", [OS], [NA], "sent", ("2021-04", "month"), cameo="07"),
        _Ev(1, "AGREE", [OS], [UC], "signed", ("2021-04-20", "day"), place="Karst",
            mediator=[CL], cameo="03"),
        _Ev(2, "THREATEN", [OS], [NA], "threatened", ("2020", "year"), cameo="13"),
    ]),
    _Art("Talks in Karst as army pulls back", "Coastal Wire", "2021-05-13", [
        "The Northern Army withdrew from Mira Oasis on 8 May 2021.",
        "The Northern Army and the Unity Council held talks in Karst on 12 May 2021.",
        "Ilse Brandt asked the Coastal League for humanitarian aid.",
    ], [
        _Ev(0, "RETREAT", [NA], [UC], "withdrew", ("2021-05-08", "day"), place="Mira Oasis",
            cameo="08"),
        _Ev(1, "CONSULT", [NA], [UC], "talks", ("2021-05-12", "day"), place="Karst",
            cameo="04"),
        _Ev(2, "REQUEST", [IB], [CL], "asked", ("2021-05", "month"), cameo="10"),
    ]),
    _Art("Fighting near Karst", "Frontline Post", "2021-05-14", [
        "Northern Army fighters attacked Unity Council positions near Karst on 12 May 2021, "
        "Ilse Brandt said.",
    ], [
        _Ev(0, "ASSAULT", [NA], [UC], "attacked", ("2021-05-12", "day"), reported_by=IB,
            place="Karst", cameo="19"),
    ]),
]


def _analysis(i: int, art: _Art) -> ArticleAnalysis:
    text = " ".join(art.sentences)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = f"sample-{i + 1}"
    article = Article(doc_id=doc_id, text=text, content_hash=content_hash, title=art.title,
                      url=f"https://news.example/{art.outlet.lower().replace(' ', '-')}/{i + 1}",
                      outlet=art.outlet, published=art.published, published_basis="record",
                      source_path=f"sample/{doc_id}.txt")
    starts, pos = [], 0
    for s in art.sentences:
        starts.append(pos)
        pos += len(s) + 1
    mentions: list[Mention] = []
    used: set[str] = set()
    for actor in ACTORS.values():
        for alias in sorted(actor.aliases, key=len, reverse=True):
            at = text.find(alias)
            while at >= 0:
                taken = any(m.start <= at < m.end for m in mentions)
                if not taken:
                    mentions.append(Mention(doc_id, at, at + len(alias), alias, actor.id,
                                            "dictionary"))
                    used.add(actor.id)
                at = text.find(alias, at + 1)
    events: list[Event] = []
    for k, e in enumerate(art.events):
        sent = art.sentences[e.sent]
        s0 = starts[e.sent]
        tpos = sent.find(e.trigger)
        date = DateValue(e.date[0], e.date[1], e.date[0]) if e.date else None  # type: ignore[arg-type]
        events.append(Event(
            id=f"{doc_id}-e{k}", doc_id=doc_id, type=e.type, source=e.source, target=e.target,
            evidence=Evidence(doc_id, sent, s0, s0 + len(sent), e.trigger,
                              s0 + tpos if tpos >= 0 else None),
            cameo=e.cameo, mediator=e.mediator, status=e.status,  # type: ignore[arg-type]
            reported_by=e.reported_by, date=date,
            location=PLACES.get(e.place) if e.place else None, confidence=0.7,
        ))
        used |= {*e.source, *e.target, *e.mediator}
    actors = [ACTORS[a] for a in sorted(used)]
    return ArticleAnalysis(article=article, actors=actors, mentions=mentions, events=events)


def sample_analyses() -> list[ArticleAnalysis]:
    """The fictional articles as the pipeline would hand them to the store."""
    return [_analysis(i, a) for i, a in enumerate(ARTICLES)]


def build_sample_db(path: str | Path) -> Path:
    """Write the fictional sample into a new SQLite database at ``path``."""
    from newsgraph.store.sqlite import SQLiteStore

    path = Path(path)
    store = SQLiteStore(path)
    try:
        for analysis in sample_analyses():
            store.add(analysis)
    finally:
        store.close()
    return path
