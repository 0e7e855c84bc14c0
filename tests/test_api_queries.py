"""Query API over a real temporary database built from hand-made fictional analyses."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_writes import ATTACK, MEETING, MEETING_REVERSED, analysis

import newsgraph
from newsgraph.api import KnowledgeBase
from newsgraph.errors import QueryError, StoreError
from newsgraph.store import SQLiteStore

THREAT = ("Mansur threatened Orland with war.", "THREATEN", ["person:tarek-mansur"],
          ["country:ORL"], {"date": "2019-05-02", "reported_by": "country:ORL"})
DENIAL = ("Mansur denied any talks with Veloria.", "CONSULT", ["person:tarek-mansur"],
          ["country:VLR"], {"status": "negated", "date": "2019-06"})
AID = ("Orland sent weapons to the Guard.", "AID", ["country:ORL"], ["org:northern-guard"],
       {"date": "2019-05-20", "reported_by": "country:VLR"})


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    db = tmp_path_factory.mktemp("api") / "kb.db"
    with SQLiteStore(db) as store:
        store.add(analysis("a", [MEETING, ATTACK]))
        store.add(analysis("b", [MEETING_REVERSED, THREAT]))
        store.add(analysis("c", [DENIAL, AID], published="2019-06-30"))
    base = newsgraph.open(str(db))
    yield base
    base.close()


@pytest.mark.parametrize("name", [
    "person:tarek-mansur", "Tarek al-Mansur", "tarek el-mansur", "Mansūr", "MANSUR",
    "Tarek Mansour", "Mansoor",
])
def test_events_by_actor_any_spelling(kb: KnowledgeBase, name: str) -> None:
    df = kb.events(actor=name)
    assert sorted(df["type"]) == ["CONSULT", "THREATEN"]


@pytest.mark.parametrize("kwargs, types", [
    ({"type": "consult"}, ["CONSULT", "CONSULT"]),
    ({"type": ["ASSAULT", "AID"]}, ["AID", "ASSAULT"]),
    ({"status": "negated"}, ["CONSULT"]),
    ({"since": "2019-04-20", "until": "2019-04-30"}, ["ASSAULT"]),  # month-dated overlaps
    ({"since": "2019-05"}, ["AID", "CONSULT", "THREATEN"]),
    ({"until": "2019-04"}, ["ASSAULT", "CONSULT"]),
    ({"reported_by": "Velora"}, ["AID"]),
    ({"actor": "NG", "type": "AID"}, ["AID"]),
])
def test_event_filters(kb: KnowledgeBase, kwargs: dict, types: list[str]) -> None:
    assert sorted(kb.events(**kwargs)["type"]) == types


def test_merged_event_row(kb: KnowledgeBase) -> None:
    df = kb.events(type="CONSULT", since="2019-04-14", until="2019-04-14")
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["mention_count"], row["source_count"]) == (2, 2)
    assert {row["source"], row["target"]} == {"Veloria", "Orland"}
    assert row["date"] == "2019-04-14" and row["location"] == "Port Alba"
    assert row["urls"].count("https://") == 2
    ev = kb.evidence(row["id"])
    assert len(ev) == 2 and set(ev["title"]) == {"Story a", "Story b"}
    assert list(kb.evidence(row["id"])["sentence"]) == list(ev["sentence"])


def test_claims_carry_the_claimant_name(kb: KnowledgeBase) -> None:
    row = kb.events(type="THREATEN").iloc[0]
    assert row["reported_by"] == "Orland"


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "April 2019"}, "not a date"),
    ({"until": "2019-13"}, "not a valid date"),
    ({"type": "ATTACK"}, "unknown event type"),
    ({"status": "happened"}, "unknown status"),
    ({"actor": "Nobody Atall"}, "no actor matches"),
    ({"limit": -1}, "limit"),
    ({"since": "2020", "until": "2019"}, "after"),
])
def test_bad_input_raises_query_error(kb: KnowledgeBase, kwargs: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        kb.events(**kwargs)


def test_actors_and_profile(kb: KnowledgeBase) -> None:
    df = kb.actors(kind="country")
    assert set(df["name"]) == {"Veloria", "Orland"}
    assert list(kb.actors(limit=2)["id"]).__len__() == 2
    p = kb.actor("Mansour")
    assert p.id == "person:tarek-mansur" and p.kind == "person"
    assert "commander of the Northern Guard" in set(p.roles["role"])
    assert len(p.timeline) == 2
    counter = p.counterparts.set_index("counterpart_id")
    assert counter.loc["country:ORL", "conflictual"] == 1
    assert counter.loc["country:VLR", "cooperative"] == 1
    with pytest.raises(QueryError, match="no actor matches 'Zed'"):
        kb.actor("Zed")


def test_relations_per_month(kb: KnowledgeBase) -> None:
    rel = kb.relations("Orland", freq="M").set_index(["counterpart_id", "period"])
    assert rel.loc[("country:VLR", "2019-04"), "verbal_cooperation"] == 1
    assert rel.loc[("country:VLR", "2019-04"), "facts"] == 1
    assert rel.loc[("person:tarek-mansur", "2019-05"), "verbal_conflict"] == 1
    assert rel.loc[("person:tarek-mansur", "2019-05"), "claims"] == 1
    assert rel.loc[("org:northern-guard", "2019-05"), "material_cooperation"] == 1
    yearly = kb.relations("Orland", freq="Y")
    assert set(yearly["period"]) == {"2019"}
    with pytest.raises(QueryError, match="freq"):
        kb.relations("Orland", freq="W")


def test_summary_articles_problems_search(kb: KnowledgeBase) -> None:
    s = kb.summary()
    assert s["articles"] == 3 and s["events"] == 5
    assert s["events_by_status"] == {"negated": 1, "occurred": 4}
    assert s["date_range"] == ("2019-04-01", "2019-06-30")
    assert len(kb.articles()) == 3 and kb.problems().empty
    hits = kb.search("weapons")
    assert list(hits["kind"]) == ["evidence"]
    assert kb.search("Velorian")["id"].tolist()[0] in {"country:VLR"} | set(kb.events()["id"])
    with pytest.raises(QueryError):
        kb.search("  ")
    with pytest.raises(QueryError, match="no event"):
        kb.evidence("ev-missing")


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        KnowledgeBase(tmp_path / "nope.db")
