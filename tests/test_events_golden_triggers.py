"""Golden records for the trigger vocabulary (tests/golden/events/triggers.yaml).

Same shape and same matching as tests/test_events_golden.py (which reads only
records.yaml): one sentence about fictional actors and the exact events it must
yield, so every trigger added to data/patterns has a positive record and every
ambiguous one a negative record (an empty or different event list).
"""

from __future__ import annotations

import hashlib
import pathlib
from typing import Any

import pytest
import yaml
from test_events_golden import _agrees, _names, dictionary_actors

from newsgraph.events.extractor import EventExtractor
from newsgraph.events.patterns import load_patterns
from newsgraph.records import Article

GOLDEN = pathlib.Path(__file__).parent / "golden" / "events"
DATA = yaml.safe_load((GOLDEN / "triggers.yaml").read_text(encoding="utf-8"))
RECORDS: list[dict[str, Any]] = DATA["records"]


@pytest.fixture(scope="module")
def system(nlp):
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.nlp.dates import DateResolver
    from newsgraph.nlp.places import Gazetteer

    extractor = EventExtractor(load_patterns(), Gazetteer(), DateResolver(),
                               load_dictionary([GOLDEN / "fictional_actors.yaml"]))
    return nlp, extractor


def test_records_have_unique_ids() -> None:
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_trigger_record(system, record: dict[str, Any]) -> None:
    nlp, extractor = system
    text = record["text"]
    article = Article(doc_id=record["id"], text=text,
                      content_hash=hashlib.sha1(text.encode()).hexdigest(),
                      published=record.get("published", DATA["published"]),
                      published_basis=record.get("published_basis", "record"))
    doc = nlp(text)
    actors, mentions = dictionary_actors(text, article.doc_id)
    names = {a.id: a.name for a in actors}
    events = extractor.extract(doc, article, actors, mentions)
    shown = [(e.type, e.mode, sorted(_names(e.source, names)), sorted(_names(e.target, names)),
              e.status, e.date and e.date.value, e.location and e.location.name)
             for e in events]
    unmatched = list(events)
    for exp in record["events"]:
        exact = [ev for ev in unmatched if not _agrees(ev, exp, names)]
        if not exact:
            pytest.fail(f"missing {exp}; got {shown}")
        unmatched.remove(exact[0])
    if "mode" in record:
        assert any(e.mode == record["mode"] for e in events), f"no mode {record['mode']}: {shown}"
    if "absent_types" in record:
        assert not {e.type for e in events} & set(record["absent_types"]), shown
    if not record.get("skip_extra"):
        assert not unmatched, f"unexpected events: {shown}"
