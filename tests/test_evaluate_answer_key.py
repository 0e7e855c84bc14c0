"""ArticleAnalysis -> answer-key JSON: shape, names, determinism, and scoring round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate import score_dirs, to_answer_key, write_answer_keys
from newsgraph.records import (
    Actor,
    Article,
    ArticleAnalysis,
    DateValue,
    Event,
    Evidence,
    Place,
)

TEXT = (
    "General Zög met Graustark's envoy in Strelsau on Monday. "
    "The Ruritanian Army shelled Edelweiss, Zog said."
)


def analysis(doc_id: str = "ruri/001", reverse: bool = False) -> ArticleAnalysis:
    article = Article(
        doc_id=doc_id, text=TEXT, content_hash="h", published="2021-06-09", published_basis="header"
    )
    actors = [
        Actor(
            id="person:zog",
            name="General Zög",
            kind="person",
            aliases=["Zog", "General Zög", "Zog"],
            roles=["ruler of Ruritania"],
        ),
        Actor(id="country:GRS", name="Graustark", kind="country", aliases=["Edelweiss"]),
        Actor(id="org:ruritanian-army", name="Ruritanian Army", kind="organization"),
    ]
    first = TEXT.index("The Ruritanian")
    events = [
        Event(
            id="e2",
            doc_id=doc_id,
            type="ASSAULT",
            source=["org:ruritanian-army"],
            target=["country:GRS"],
            cameo="19",
            reported_by="person:zog",
            evidence=Evidence(doc_id, TEXT[first:], first, len(TEXT), trigger="shelled"),
            confidence=0.7,
        ),
        Event(
            id="e1",
            doc_id=doc_id,
            type="CONSULT",
            mode="meeting",
            source=["person:zog"],
            target=["country:GRS", "org:unknown"],
            cameo="04",
            evidence=Evidence(doc_id, TEXT[: first - 1], 0, first - 1, trigger="met"),
            date=DateValue("2021-06-07", "day", text="on Monday"),
            location=Place("Strelsau", country="RU", lat=50.1, lon=14.4),
        ),
    ]
    if reverse:
        actors.reverse()
        events.reverse()
    return ArticleAnalysis(article=article, actors=actors, events=events)


def test_shape_and_names() -> None:
    k = to_answer_key(analysis())
    assert (k["doc_id"], k["published"], k["published_basis"]) == (
        "ruri/001",
        "2021-06-09",
        "header",
    )
    zog = next(a for a in k["actors"] if a["id"] == "person:zog")
    assert zog["aliases"] == ["Zog"]  # deduplicated, canonical name left out
    assert zog["kind"] == "person" and zog["roles"] == ["ruler of Ruritania"]
    consult, assault = k["events"]  # ordered by position in the text
    assert consult["type"] == "CONSULT" and consult["source"] == ["General Zög"]
    assert consult["target"] == ["Graustark", "org:unknown"]  # unknown id kept visible
    assert (consult["date"], consult["date_precision"]) == ("2021-06-07", "day")
    assert (consult["location"], consult["lat"], consult["lon"]) == ("Strelsau", 50.1, 14.4)
    assert consult["start"] == 0 and consult["evidence"].startswith("General Zög met")
    assert assault["reported_by"] == "General Zög"
    assert assault["date"] is None and assault["location"] is None
    assert assault["cameo"] == "19" and assault["confidence"] == 0.7
    assert TEXT[assault["start"] : assault["end"]] == assault["evidence"]


def test_output_does_not_depend_on_record_order() -> None:
    assert to_answer_key(analysis()) == to_answer_key(analysis(reverse=True))


@pytest.mark.parametrize("doc_id", ["plain", "ruri/001", "a:b*c"])
def test_written_files_are_utf8_and_round_trip(tmp_path: Path, doc_id: str) -> None:
    paths = write_answer_keys([analysis(doc_id)], tmp_path / "pred")
    assert len(paths) == 1 and paths[0].parent == tmp_path / "pred"
    assert "/" not in paths[0].name and "*" not in paths[0].name
    raw = paths[0].read_text(encoding="utf-8")
    assert "General Zög" in raw  # ensure_ascii=False
    assert json.loads(raw) == to_answer_key(analysis(doc_id))


def test_prediction_scored_against_itself_is_perfect(tmp_path: Path) -> None:
    write_answer_keys([analysis("one"), analysis("two")], tmp_path / "pred")
    scores = score_dirs(tmp_path / "pred", tmp_path / "pred")
    assert scores.events_micro.f1 == 1.0
    assert scores.actors_micro.f1 == 1.0
    assert scores.identity.multi_article_share == 1.0


@pytest.mark.parametrize(("agent", "in_event", "listed"), [
    (Actor(id="agent:GRS-COP", name="Graustarkian police", kind="organization", country="GRS"),
     True, True),
    (Actor(id="agent:GRS-COP", name="Graustarkian police", kind="organization", country="GRS"),
     False, False),
    (Actor(id="agent:gunmen", name="gunmen", kind="organization", sector="UAF"), True, False),
    (Actor(id="agent:COP", name="police", kind="organization", sector="COP"), True, False),
])
def test_unnamed_agents_listed_only_when_a_states_and_in_an_event(
        agent: Actor, in_event: bool, listed: bool) -> None:
    a = analysis()
    a.actors.append(agent)
    if in_event:
        a.events[0].target.append(agent.id)
    k = to_answer_key(a)
    assert (agent.id in {x["id"] for x in k["actors"]}) is listed
    if in_event:  # the event keeps the agent's name either way
        assert agent.name in [n for e in k["events"] for n in e["target"]]
    assert {"person:zog", "country:GRS", "org:ruritanian-army"} <= {x["id"] for x in k["actors"]}


def _organ_analysis(with_state: bool) -> ArticleAnalysis:
    text = "The Ruritanian Army shelled Graustark. Ruritania denied it."
    art = Article(doc_id="organ", text=text, content_hash="o", published="2021-06-09")
    actors = [
        Actor(id="org:ruritanian-army", name="Ruritanian Army", kind="organization",
              country="RUR", sector="MIL", aliases=["Ruritanian army"], part_of="country:RUR"),
        Actor(id="country:GRS", name="Graustark", kind="country"),
    ]
    if with_state:
        actors.append(Actor(id="country:RUR", name="Ruritania", kind="country",
                            aliases=["Ruritanian"]))
    event = Event(id="e", doc_id="organ", type="ASSAULT", cameo="19",
                  source=["org:ruritanian-army", *(["country:RUR"] if with_state else [])],
                  target=["country:GRS"],
                  evidence=Evidence("organ", text[:38], 0, 38, trigger="shelled"))
    return ArticleAnalysis(article=art, actors=actors, events=[event])


@pytest.mark.parametrize("with_state", [True, False])
def test_answer_key_folds_state_organs_into_their_state(with_state: bool) -> None:
    """A state's army is the state in keys (CAMEO's RURMIL), under one id in every article,
    its names kept as aliases, whether or not the article names the state itself."""
    key = to_answer_key(_organ_analysis(with_state))
    (state,) = [a for a in key["actors"] if a["id"] == "country:RUR"]
    assert state["organs"] == ["org:ruritanian-army"]
    assert {"Ruritanian Army", "Ruritanian army"} <= {state["name"], *state["aliases"]}
    assert not [a for a in key["actors"] if a["id"] == "org:ruritanian-army"]
    (event,) = key["events"]
    assert event["source"] == [state["name"]]  # one name, not the army and the state twice
