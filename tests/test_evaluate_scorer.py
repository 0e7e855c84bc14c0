"""Scorer rules of FORMAT.md on tiny hand-made keys about fictional actors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.evaluate import EvaluationError, fold_name, score_dirs, score_pairs
from newsgraph.evaluate.scorer import date_agrees

ZOG = {"name": "General Zog", "kind": "person", "aliases": ["Zog"]}
ARMY = {"name": "Ruritanian Army", "kind": "organization", "aliases": ["RA"]}
RURITANIA = {"name": "Ruritania", "kind": "country", "aliases": ["Strelsau"]}
GRAUSTARK = {"name": "Graustark", "kind": "country", "aliases": ["Edelweiss"]}
GOLD_ACTORS = [ZOG, ARMY, RURITANIA, GRAUSTARK]


def event(kind: Any, source: list[str], target: list[str], **extra: Any) -> dict[str, Any]:
    base = {
        "type": kind,
        "source": source,
        "target": target,
        "status": "occurred",
        "reported_by": None,
        "date": None,
        "location": None,
        "evidence": f"{source} {kind} {target}.",
    }
    return base | extra


def key(doc_id: str, events: list[dict], actors: list[dict] | None = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "actors": GOLD_ACTORS if actors is None else actors, "events": events}


def pred_actors(*actors: dict[str, Any]) -> list[dict[str, Any]]:
    """Predicted actors carry an id derived from the name, like the tool's output."""
    return [a | {"id": a.get("id", "x:" + a["name"].lower())} for a in actors]


def one(gold_events: list[dict], pred_events: list[dict], pred_acts: list[dict] | None = None):
    gold = key("d1", gold_events)
    pred = key("d1", pred_events, pred_actors(*GOLD_ACTORS) if pred_acts is None else pred_acts)
    return score_pairs([(gold, pred)])


def write(folder: Path, keys: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in keys:
        (folder / f"{k['doc_id']}.json").write_text(json.dumps(k), encoding="utf-8")
    return folder


def test_perfect_prediction_scores_one(tmp_path: Path) -> None:
    events = [
        event("CONSULT", ["General Zog"], ["Graustark"], date="2020-03-01", location="Strelsau"),
        event(
            "ASSAULT", ["Ruritanian Army"], ["Graustark"], status="planned", reported_by="Ruritania"
        ),
    ]
    gold = write(tmp_path / "gold", [key("a", events), key("b", events[:1])])
    pred = write(
        tmp_path / "pred",
        [
            key("a", events, pred_actors(*GOLD_ACTORS)),
            key("b", events[:1], pred_actors(*GOLD_ACTORS)),
        ],
    )
    scores = score_dirs(gold, pred)
    d = scores.to_dict()
    assert d["headline"]["value"] == 1.0
    for part in ("actors", "events"):
        for avg in ("micro", "macro"):
            assert d[part][avg]["precision"] == d[part][avg]["recall"] == d[part][avg]["f1"] == 1.0
    assert all(v == 1.0 for k, v in d["attributes"].items() if k != "matched_events")
    assert d["attributes"]["matched_events"] == 3
    json.dumps(d)  # serialisable for --json


@pytest.mark.parametrize(
    ("kind", "matched"),
    [("CONSULT", 1), ("AGREE", 1), ("COOPERATE", 1), ("ASSAULT", 0), ("ACCUSE", 0)],
)
def test_swapped_dyad_counts_only_for_symmetric_types(kind: str, matched: int) -> None:
    scores = one(
        [event(kind, ["General Zog"], ["Graustark"])], [event(kind, ["Graustark"], ["General Zog"])]
    )
    assert scores.events_micro.pred_hits == matched


@pytest.mark.parametrize(
    ("pred_type", "matched"),
    [("MOBILIZE", 1), ("ASSAULT", 1), ("THREATEN", 0), (["THREATEN", "ASSAULT"], 1)],
)
def test_gold_type_list_accepts_any_listed_type(pred_type: Any, matched: int) -> None:
    scores = one(
        [event(["MOBILIZE", "ASSAULT"], ["Ruritanian Army"], ["Graustark"])],
        [event(pred_type, ["Ruritanian Army"], ["Graustark"])],
    )
    assert scores.matched == matched


@pytest.mark.parametrize("pred_target", [[], ["Graustark"], ["General Zog"]])
def test_empty_gold_target_matches_any_target(pred_target: list[str]) -> None:
    scores = one(
        [event("MOBILIZE", ["Ruritanian Army"], [])],
        [event("MOBILIZE", ["Ruritanian Army"], pred_target)],
    )
    assert scores.matched == 1


def test_wrong_source_does_not_match_even_with_empty_target() -> None:
    scores = one(
        [event("MOBILIZE", ["Ruritanian Army"], [])], [event("MOBILIZE", ["Graustark"], [])]
    )
    assert scores.matched == 0


def test_person_and_organisation_they_lead_are_not_interchangeable() -> None:
    scores = one(
        [event("ASSAULT", ["Ruritanian Army"], ["Graustark"])],
        [event("ASSAULT", ["General Zog"], ["Graustark"])],
    )
    assert scores.matched == 0


def test_one_gold_actor_shared_is_enough() -> None:
    scores = one(
        [event("ASSAULT", ["Ruritanian Army", "General Zog"], ["Graustark"])],
        [event("ASSAULT", ["General Zog"], ["Graustark", "Ruritania"])],
    )
    assert scores.matched == 1


def test_matching_is_one_to_one() -> None:
    gold = [event("ASSAULT", ["Ruritanian Army"], ["Graustark"])]
    scores = one(gold, gold + gold)
    ev = scores.events_micro
    assert (ev.precision, ev.recall) == (0.5, 1.0)
    assert len(scores.articles[0].unmatched_pred) == 1


def test_ties_go_to_the_pairing_with_most_agreeing_attributes() -> None:
    gold = [
        event("ASSAULT", ["Ruritanian Army"], ["Graustark"], date="2020-01-01"),
        event("ASSAULT", ["Ruritanian Army"], [], date="2020-02-02"),
    ]
    pred = [
        event("ASSAULT", ["Ruritanian Army"], ["Graustark"], date="2020-02-02"),
        event("ASSAULT", ["Ruritanian Army"], ["Graustark"], date="2020-01-01"),
    ]
    scores = one(gold, pred)
    assert scores.matched == 2
    assert scores.attribute_accuracy["date"] == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "right"),
    [
        ("2019-04", "2019-04-14", True),
        ("2019-04-14", "2019-04", False),
        ("2019", "2019-11-02", True),
        ("2019-04-14", "2019-04-14", True),
        ("2019-04-14", "2019-04-15", False),
        ("2019-1", "2019-11", False),
        (None, None, True),
        (None, "2019-04", False),
        ("2019-04", None, False),
    ],
)
def test_date_is_compared_at_gold_precision(
    gold: str | None, pred: str | None, right: bool
) -> None:
    assert date_agrees(gold, pred) is right
    scores = one(
        [event("AID", ["Ruritania"], ["Graustark"], date=gold)],
        [event("AID", ["Ruritania"], ["Graustark"], date=pred)],
    )
    assert scores.attribute_accuracy["date"] == (1.0 if right else 0.0)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("Ahmed al-Mismari", "Ahmed Mismari", True),
        ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi", True),
        ("Al-Qaeda", "Qaeda", True),
        ("Al Qaeda", "al-Qaeda", True),
        ("The Ruritanian Army", "ruritanian army", True),
        ("General Zög", "General Zog", True),
        ("Zog’s guards", "Zog's Guards", True),
        ("U.N.", "UN", False),
        ("Ruritania", "Graustark", False),
        ("Alexander", "Exander", False),
    ],
)
def test_name_folding(a: str, b: str, equal: bool) -> None:
    assert (fold_name(a) == fold_name(b)) is equal


@pytest.mark.parametrize(
    ("pred_actor", "stands"),
    [
        ({"name": "Zög"}, True),  # diacritics vs gold alias "Zog"
        ({"name": "general zog"}, True),
        ({"name": "Marshal Zog", "aliases": ["Zog"]}, True),  # via predicted alias
        ({"name": "The RA"}, True),  # leading "the"
        ({"name": "Zogist Guard"}, False),
    ],
)
def test_alias_based_actor_matching(pred_actor: dict[str, Any], stands: bool) -> None:
    gold = key("d1", [], actors=[ZOG, ARMY])
    pred = key("d1", [], actors=pred_actors(pred_actor))
    actors = score_pairs([(gold, pred)]).actors_micro
    assert actors.pred_hits == int(stands)
    assert actors.recall == (0.5 if stands else 0.0)


def test_arabic_article_folding_in_gold_aliases() -> None:
    mismari = {"name": "Ahmed al-Mismari", "kind": "person", "aliases": ["al-Mismari"]}
    gold = key(
        "d1", [event("ACCUSE", ["Ahmed al-Mismari"], ["Graustark"])], actors=[mismari, GRAUSTARK]
    )
    pred = key(
        "d1",
        [event("ACCUSE", ["Ahmed Mesmari"], ["Graustark"])],
        actors=pred_actors({"name": "Ahmed Mesmari", "aliases": ["Mismari"]}, GRAUSTARK),
    )
    scores = score_pairs([(gold, pred)])
    assert scores.actors_micro.f1 == 1.0
    assert scores.matched == 1


def test_event_actor_resolves_through_predicted_aliases() -> None:
    acts = pred_actors({"name": "Zogist Forces", "aliases": ["Ruritanian army"]}, GRAUSTARK)
    scores = one(
        [event("ASSAULT", ["Ruritanian Army"], ["Graustark"])],
        [event("ASSAULT", ["Zogist Forces"], ["Graustark"])],
        acts,
    )
    assert scores.matched == 1


@pytest.mark.parametrize(
    ("gold_rb", "pred_rb", "right"),
    [
        (None, None, True),
        ("General Zog", "Zog", True),
        ("General Zog", None, False),
        (None, "Ruritania", False),
        ("General Zog", "Ruritania", False),
    ],
)
def test_reported_by_uses_actor_matching(
    gold_rb: str | None, pred_rb: str | None, right: bool
) -> None:
    acts = pred_actors({"name": "Zog"}, ARMY, RURITANIA, GRAUSTARK)
    scores = one(
        [event("THREATEN", ["Ruritania"], ["Graustark"], reported_by=gold_rb)],
        [event("THREATEN", ["Ruritania"], ["Graustark"], reported_by=pred_rb)],
        acts,
    )
    assert scores.attribute_accuracy["reported_by"] == (1.0 if right else 0.0)


@pytest.mark.parametrize(
    ("gold_loc", "pred_loc", "right"),
    [
        ("Strelsau", "strelsau", True),
        ({"name": "Al-Zenda"}, "Zenda", True),
        ("Zenda", "Zenda Castle", False),
        (None, None, True),
        ("Zenda", None, False),
    ],
)
def test_location_and_status(gold_loc: Any, pred_loc: Any, right: bool) -> None:
    scores = one(
        [event("SANCTION", ["Ruritania"], ["Graustark"], location=gold_loc)],
        [event("SANCTION", ["Ruritania"], ["Graustark"], location=pred_loc, status="planned")],
    )
    acc = scores.attribute_accuracy
    assert acc["location"] == (1.0 if right else 0.0)
    assert acc["status"] == 0.0


ZOG_A = {"name": "General Zog", "kind": "person", "aliases": ["Zog"]}
ZOG_B = {"name": "General Zog", "kind": "person", "aliases": ["Marshal Zog", "Zogu"]}


@pytest.mark.parametrize(
    ("ids", "kept"),
    [
        (["person:zog", "person:zog", "person:zog"], 1),
        (["person:zog", "person:zogu", "person:zog"], 0),
        (["person:zog", None, None], 0),  # predicted in one article only
        (["person:zog", "person:zog", None], 1),
    ],
)
def test_identity_share(ids: list[str | None], kept: int) -> None:
    gold_keys = [key(f"d{i}", [], actors=[ZOG_A if i % 2 else ZOG_B, GRAUSTARK]) for i in range(3)]
    pairs = []
    for gold, actor_id in zip(gold_keys, ids, strict=True):
        acts = [{"id": "country:grs", "name": "Graustark"}]
        if actor_id:
            acts.append({"id": actor_id, "name": "General Zog"})
        pairs.append((gold, key(gold["doc_id"], [], actors=acts)))
    ident = score_pairs(pairs).identity
    assert ident.eligible == 1  # Graustark is spelled the same everywhere
    assert ident.kept == kept
    assert ident.multi_article == 2
    assert ident.multi_article_kept == kept + 1
    assert bool(ident.split) is (kept == 0)


def test_identity_falls_back_to_folded_name_without_id() -> None:
    pairs = [
        (key("d1", [], actors=[ZOG_A]), key("d1", [], actors=[{"name": "General Zog"}])),
        (key("d2", [], actors=[ZOG_B]), key("d2", [], actors=[{"name": "general ZOG"}])),
    ]
    assert score_pairs(pairs).identity.share == 1.0


def test_details_list_unmatched_events() -> None:
    gold = [
        event("ASSAULT", ["Ruritanian Army"], ["Graustark"]),
        event("PROTEST", ["Ruritania"], [], evidence="Crowds marched in Strelsau."),
    ]
    pred = [
        event("ASSAULT", ["Ruritanian Army"], ["Graustark"], date="2020-05"),
        event("AID", ["Graustark"], ["Ruritania"], evidence="Edelweiss sent grain."),
    ]
    d = one(gold, pred).to_dict()["details"]["d1"]
    assert d["unmatched_gold"] == [
        {
            "type": "PROTEST",
            "dyad": "Ruritania -> -",
            "status": "occurred",
            "date": None,
            "evidence": "Crowds marched in Strelsau.",
        }
    ]
    assert [(e["type"], e["dyad"]) for e in d["unmatched_pred"]] == [
        ("AID", "Graustark -> Ruritania")
    ]
    assert d["attribute_misses"][0]["wrong"] == {"date": {"gold": None, "pred": "2020-05"}}


def test_missing_and_extra_prediction_files(tmp_path: Path) -> None:
    events = [event("ASSAULT", ["Ruritanian Army"], ["Graustark"])]
    gold = write(tmp_path / "gold", [key("a", events), key("b", events)])
    pred = write(
        tmp_path / "pred",
        [key("a", events, pred_actors(*GOLD_ACTORS)), key("zz", events, pred_actors(*GOLD_ACTORS))],
    )
    scores = score_dirs(gold, pred)
    assert [a.has_prediction for a in scores.articles] == [True, False]
    assert scores.events_micro.recall == 0.5
    assert scores.events_micro.precision == 1.0
    assert scores.unscored_predictions == ["zz"]
    table = scores.format_table()
    assert "b (no prediction)" in table and "micro (headline)" in table
    assert "0.67" in table  # micro event F1


def test_macro_differs_from_micro() -> None:
    ev = event("ASSAULT", ["Ruritanian Army"], ["Graustark"])
    small = (key("s", [ev]), key("s", [ev], pred_actors(*GOLD_ACTORS)))
    big = (key("b", [ev] * 3), key("b", [], pred_actors(*GOLD_ACTORS)))
    d = score_pairs([small, big]).to_dict()["events"]
    assert d["micro"]["recall"] == 0.25
    assert d["macro"]["recall"] == 0.5


@pytest.mark.parametrize("problem", ["missing", "bad_json", "not_object", "empty"])
def test_unreadable_keys_raise_domain_error(tmp_path: Path, problem: str) -> None:
    gold = tmp_path / "gold"
    if problem != "missing":
        gold.mkdir()
    if problem == "bad_json":
        (gold / "a.json").write_text("{oops", encoding="utf-8")
    if problem == "not_object":
        (gold / "a.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "pred").mkdir()
    with pytest.raises(EvaluationError) as info:
        score_dirs(gold, tmp_path / "pred")
    assert isinstance(info.value, NewsgraphError)
    assert str(gold) in str(info.value)
