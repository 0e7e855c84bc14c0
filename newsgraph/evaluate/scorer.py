"""Score predicted answer keys against gold ones, by the rules of FORMAT.md.

Reading of the rules where FORMAT.md leaves room (kept here so a score can be
explained):

- Actor identity is strict: a predicted actor stands for a gold actor when one
  of its folded names (canonical or alias) equals one of the gold actor's.
  Event actors are resolved through the same rule, so a prediction naming
  "Haftar" counts for gold "Khalifa Haftar" but not for "Libyan National Army".
- A gold event whose actor name is missing from the key's actor list still
  matches a predicted actor with that exact (folded) name.
- Event matching is a maximum-weight bipartite matching: each match weighs
  more than all attribute agreements together, so the number of matches is
  maximised first and agreeing attributes (date, location, status,
  reported_by) break ties.
- Dates agree when the predicted date starts with the gold date, at least as
  precise ("2019-04" accepts "2019-04-14", not the reverse); null only agrees
  with null. Locations agree on folded name equality (strict: "Al-Jufra base"
  is not "Al-Jufra"); null only with null. A missing status means "occurred".
- Cross-article identity: gold actors are the same across keys when their
  folded canonical names are equal. An actor counts when it appears in two or
  more keys and its set of spellings (canonical name + aliases) differs between
  them; it is kept whole when the prediction names it in at least two of those
  articles and always under one id (the canonical name when an id is missing).
  The share over *every* actor found in two or more keys is reported as well.
- Per-article precision is 1.0 when nothing is predicted, recall 1.0 when the
  key has nothing to find; F1 follows. Micro figures sum counts over articles,
  macro figures average the per-article figures. The headline is micro F1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from newsgraph.errors import NewsgraphError
from newsgraph.evaluate.names import fold_all, fold_name
from newsgraph.evaluate.report import format_scores_table

SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
ATTRIBUTES: tuple[str, ...] = ("date", "location", "status", "reported_by")
EVIDENCE_HEAD = 120

Key = Mapping[str, Any]


class EvaluationError(NewsgraphError):
    """An answer-key folder or file cannot be read."""


# --------------------------------------------------------------------------- counts


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PRF:
    """Hits on both sides: predictions that are right, gold items that are found."""

    pred_hits: int = 0
    n_pred: int = 0
    gold_hits: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.pred_hits, self.n_pred)

    @property
    def recall(self) -> float:
        return _ratio(self.gold_hits, self.n_gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.pred_hits + other.pred_hits,
            self.n_pred + other.n_pred,
            self.gold_hits + other.gold_hits,
            self.n_gold + other.n_gold,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pred_hits": self.pred_hits,
            "n_pred": self.n_pred,
            "gold_hits": self.gold_hits,
            "n_gold": self.n_gold,
        }


def _macro(items: list[PRF]) -> dict[str, float]:
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    n = len(items)
    return {
        "precision": round(sum(i.precision for i in items) / n, 4),
        "recall": round(sum(i.recall for i in items) / n, 4),
        "f1": round(sum(i.f1 for i in items) / n, 4),
    }


@dataclass
class ArticleScore:
    """Everything scored for one article, with the misses developers look at."""

    doc_id: str
    actors: PRF
    events: PRF
    attributes_right: dict[str, int]
    matched: int
    has_prediction: bool = True
    unmatched_gold: list[dict[str, Any]] = field(default_factory=list)
    unmatched_pred: list[dict[str, Any]] = field(default_factory=list)
    attribute_misses: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class IdentityScore:
    """Cross-article identity: actors spelled differently across keys kept whole."""

    eligible: int = 0
    kept: int = 0
    multi_article: int = 0
    multi_article_kept: int = 0
    split: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.kept / self.eligible if self.eligible else None

    @property
    def multi_article_share(self) -> float | None:
        return self.multi_article_kept / self.multi_article if self.multi_article else None


@dataclass
class Scores:
    """Per-article and total scores of one prediction set against its answer keys."""

    articles: list[ArticleScore]
    identity: IdentityScore
    unscored_predictions: list[str] = field(default_factory=list)

    @property
    def actors_micro(self) -> PRF:
        return sum((a.actors for a in self.articles), PRF())

    @property
    def events_micro(self) -> PRF:
        return sum((a.events for a in self.articles), PRF())

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.articles)

    @property
    def attribute_accuracy(self) -> dict[str, float | None]:
        """Share of matched events with each attribute right (None when nothing matched)."""
        total = self.matched
        return {
            name: (sum(a.attributes_right[name] for a in self.articles) / total if total else None)
            for name in ATTRIBUTES
        }

    @property
    def headline(self) -> float:
        """Event micro F1: the one number to watch."""
        return self.events_micro.f1

    def to_dict(self) -> dict[str, Any]:
        acc = self.attribute_accuracy
        ident = self.identity
        return {
            "headline": {"metric": "events micro F1", "value": round(self.headline, 4)},
            "articles": len(self.articles),
            "actors": {
                "micro": self.actors_micro.to_dict(),
                "macro": _macro([a.actors for a in self.articles]),
            },
            "events": {
                "micro": self.events_micro.to_dict(),
                "macro": _macro([a.events for a in self.articles]),
            },
            "attributes": {
                "matched_events": self.matched,
                **{k: (round(v, 4) if v is not None else None) for k, v in acc.items()},
            },
            "identity": {
                "share_kept_whole": round(ident.share, 4) if ident.share is not None else None,
                "kept": ident.kept,
                "eligible": ident.eligible,
                "multi_article_share": (
                    round(ident.multi_article_share, 4)
                    if ident.multi_article_share is not None
                    else None
                ),
                "multi_article_kept": ident.multi_article_kept,
                "multi_article": ident.multi_article,
                "split": ident.split,
            },
            "per_article": [
                {
                    "doc_id": a.doc_id,
                    "has_prediction": a.has_prediction,
                    "actors": a.actors.to_dict(),
                    "events": a.events.to_dict(),
                    "attributes_right": dict(a.attributes_right),
                    "matched": a.matched,
                }
                for a in self.articles
            ],
            "details": {
                a.doc_id: {
                    "unmatched_gold": a.unmatched_gold,
                    "unmatched_pred": a.unmatched_pred,
                    "attribute_misses": a.attribute_misses,
                }
                for a in self.articles
            },
            "unscored_predictions": list(self.unscored_predictions),
        }

    def format_table(self) -> str:
        """A plain-text table for the terminal (per article, then totals)."""
        return format_scores_table(self)


# --------------------------------------------------------------------------- actors


def _actor_names(actor: Key) -> frozenset[str]:
    return fold_all([actor.get("name"), *(actor.get("aliases") or [])])


def _actor_id(actor: Key) -> str:
    """The prediction's id; without one, the folded canonical name (names compare folded)."""
    if actor.get("id"):
        return str(actor["id"])
    return f"name:{fold_name(actor.get('name'))}"


@dataclass
class _GoldActors:
    """The gold actors of one key and how names resolve to them."""

    names: list[frozenset[str]]  # folded names of actor i
    canonical: dict[str, int]  # folded canonical name -> actor index
    by_name: dict[str, set[int]]  # folded canonical or alias -> actor indices

    @classmethod
    def of(cls, key: Key) -> _GoldActors:
        names: list[frozenset[str]] = []
        canonical: dict[str, int] = {}
        by_name: dict[str, set[int]] = {}
        for i, actor in enumerate(key.get("actors") or []):
            folded = _actor_names(actor)
            names.append(folded)
            canonical.setdefault(fold_name(actor.get("name")), i)
            for name in folded:
                by_name.setdefault(name, set()).add(i)
        return cls(names, canonical, by_name)

    def tokens(self, name: str | None) -> frozenset[str]:
        """Identity tokens of a name used in a gold event."""
        folded = fold_name(name)
        if not folded:
            return frozenset()
        if folded in self.canonical:
            return frozenset({f"g{self.canonical[folded]}"})
        if folded in self.by_name:
            return frozenset(f"g{i}" for i in self.by_name[folded])
        return frozenset({f"n:{folded}"})

    def stood_for(self, names: frozenset[str]) -> set[int]:
        """Indices of the gold actors a predicted actor with these names stands for."""
        out: set[int] = set()
        for name in names:
            out |= self.by_name.get(name, set())
        return out


@dataclass
class _PredActors:
    """The predicted actors of one key, looked up by the names events use."""

    actors: list[Key]
    by_canonical: dict[str, list[int]]
    by_alias: dict[str, list[int]]

    @classmethod
    def of(cls, key: Key) -> _PredActors:
        actors = list(key.get("actors") or [])
        by_canonical: dict[str, list[int]] = {}
        by_alias: dict[str, list[int]] = {}
        for i, actor in enumerate(actors):
            by_canonical.setdefault(fold_name(actor.get("name")), []).append(i)
            for alias in _actor_names(actor):
                by_alias.setdefault(alias, []).append(i)
        return cls(actors, by_canonical, by_alias)

    def names_of(self, name: str | None) -> frozenset[str]:
        """All folded names of the predicted actor an event refers to by this name."""
        folded = fold_name(name)
        if not folded:
            return frozenset()
        hits = self.by_canonical.get(folded) or self.by_alias.get(folded) or []
        names = {folded}
        for i in hits:
            names |= _actor_names(self.actors[i])
        return frozenset(names)


def _pred_tokens(name: str | None, gold: _GoldActors, pred: _PredActors) -> frozenset[str]:
    names = pred.names_of(name)
    tokens = {f"g{i}" for i in gold.stood_for(names)}
    tokens |= {f"n:{n}" for n in names}
    return frozenset(tokens)


def _score_actors(gold: _GoldActors, pred: _PredActors) -> PRF:
    found: set[int] = set()
    pred_hits = 0
    for actor in pred.actors:
        stands = gold.stood_for(_actor_names(actor))
        if stands:
            pred_hits += 1
            found |= stands
    return PRF(pred_hits, len(pred.actors), len(found), len(gold.names))


# --------------------------------------------------------------------------- events


def _types(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value.strip().upper()})
    if isinstance(value, (list, tuple)):
        return frozenset(str(v).strip().upper() for v in value)
    return frozenset()


@dataclass
class _Ev:
    """One event with its actors resolved to identity tokens."""

    raw: Key
    types: frozenset[str]
    source: list[frozenset[str]]
    target: list[frozenset[str]]
    reported_by: frozenset[str]


def _gold_event(event: Key, gold: _GoldActors) -> _Ev:
    return _Ev(
        event,
        _types(event.get("type")),
        [gold.tokens(n) for n in event.get("source") or []],
        [gold.tokens(n) for n in event.get("target") or []],
        gold.tokens(event.get("reported_by")),
    )


def _pred_event(event: Key, gold: _GoldActors, pred: _PredActors) -> _Ev:
    return _Ev(
        event,
        _types(event.get("type")),
        [_pred_tokens(n, gold, pred) for n in event.get("source") or []],
        [_pred_tokens(n, gold, pred) for n in event.get("target") or []],
        _pred_tokens(event.get("reported_by"), gold, pred),
    )


def _shares(gold_side: list[frozenset[str]], pred_side: list[frozenset[str]]) -> bool:
    """An empty gold side matches anything; otherwise one actor must be shared."""
    if not gold_side:
        return True
    return any(g & p for g in gold_side for p in pred_side)


def _dyad_matches(g: _Ev, p: _Ev) -> bool:
    if not (g.types & p.types):
        return False
    if _shares(g.source, p.source) and _shares(g.target, p.target):
        return True
    if p.types & g.types & SYMMETRIC_TYPES:
        return _shares(g.source, p.target) and _shares(g.target, p.source)
    return False


def date_agrees(gold: str | None, pred: str | None) -> bool:
    """Equal at the gold precision: gold "2019-04" accepts "2019-04-14", not the reverse."""
    gold = (gold or "").strip() or None
    pred = (pred or "").strip() or None
    if gold is None or pred is None:
        return gold is None and pred is None
    if len(pred) < len(gold):
        return False
    return pred[: len(gold)] == gold and (len(pred) == len(gold) or pred[len(gold)] == "-")


def place_name(value: Any) -> str | None:
    """A location given as a name or as an object with a "name" (peer keys use both)."""
    if isinstance(value, Mapping):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _attributes(g: _Ev, p: _Ev) -> dict[str, bool]:
    gold, pred = g.raw, p.raw
    if g.reported_by or p.reported_by:
        reported = bool(g.reported_by & p.reported_by)
    else:
        reported = True
    return {
        "date": date_agrees(gold.get("date"), pred.get("date")),
        "location": fold_name(place_name(gold.get("location")))
        == fold_name(place_name(pred.get("location"))),
        "status": (gold.get("status") or "occurred") == (pred.get("status") or "occurred"),
        "reported_by": reported,
    }


def _summary(event: Key) -> dict[str, Any]:
    kind = event.get("type")
    kind = "|".join(kind) if isinstance(kind, (list, tuple)) else str(kind)
    source = ", ".join(event.get("source") or []) or "-"
    target = ", ".join(event.get("target") or []) or "-"
    evidence = str(event.get("evidence") or "")
    if len(evidence) > EVIDENCE_HEAD:
        evidence = evidence[: EVIDENCE_HEAD - 3] + "..."
    return {
        "type": kind,
        "dyad": f"{source} -> {target}",
        "status": event.get("status"),
        "date": event.get("date"),
        "evidence": evidence,
    }


def _match_events(golds: list[_Ev], preds: list[_Ev]) -> list[tuple[int, int, dict[str, bool]]]:
    """One-to-one matching: most matches first, then most agreeing attributes."""
    if not golds or not preds:
        return []
    unit = len(ATTRIBUTES) * min(len(golds), len(preds)) + 1
    weights = np.zeros((len(golds), len(preds)))
    agreements: dict[tuple[int, int], dict[str, bool]] = {}
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if _dyad_matches(g, p):
                agree = _attributes(g, p)
                agreements[(i, j)] = agree
                weights[i, j] = unit + sum(agree.values())
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [
        (int(i), int(j), agreements[(int(i), int(j))])
        for i, j in zip(rows, cols, strict=True)
        if weights[i, j] > 0
    ]


def _score_article(doc_id: str, gold_key: Key, pred_key: Key | None) -> ArticleScore:
    gold = _GoldActors.of(gold_key)
    pred = _PredActors.of(pred_key or {})
    golds = [_gold_event(e, gold) for e in gold_key.get("events") or []]
    preds = [_pred_event(e, gold, pred) for e in (pred_key or {}).get("events") or []]
    matches = _match_events(golds, preds)
    right = dict.fromkeys(ATTRIBUTES, 0)
    misses: list[dict[str, Any]] = []
    for i, j, agree in matches:
        for name, ok in agree.items():
            right[name] += ok
        wrong = {
            name: {"gold": golds[i].raw.get(name), "pred": preds[j].raw.get(name)}
            for name, ok in agree.items()
            if not ok
        }
        if wrong:
            misses.append({**_summary(golds[i].raw), "wrong": wrong})
    matched_gold = {i for i, _, _ in matches}
    matched_pred = {j for _, j, _ in matches}
    return ArticleScore(
        doc_id=doc_id,
        actors=_score_actors(gold, pred),
        events=PRF(len(matches), len(preds), len(matches), len(golds)),
        attributes_right=right,
        matched=len(matches),
        has_prediction=pred_key is not None,
        unmatched_gold=[_summary(g.raw) for i, g in enumerate(golds) if i not in matched_gold],
        unmatched_pred=[_summary(p.raw) for j, p in enumerate(preds) if j not in matched_pred],
        attribute_misses=misses,
    )


# --------------------------------------------------------------------------- identity


def _score_identity(pairs: list[tuple[Key, Key | None]]) -> IdentityScore:
    """Gold actors met in several keys: does the prediction give them one id?"""
    spellings: dict[str, list[frozenset[str]]] = {}
    ids: dict[str, list[set[str]]] = {}
    shown: dict[str, str] = {}
    for gold_key, pred_key in pairs:
        pred_actors = list((pred_key or {}).get("actors") or [])
        pred_names = [_actor_names(a) for a in pred_actors]
        for actor in gold_key.get("actors") or []:
            canon = fold_name(actor.get("name"))
            if not canon:
                continue
            shown.setdefault(canon, str(actor.get("name")))
            raw = frozenset(
                n.strip() for n in [actor.get("name"), *(actor.get("aliases") or [])] if n
            )
            spellings.setdefault(canon, []).append(raw)
            names = _actor_names(actor)
            ids.setdefault(canon, []).append(
                {_actor_id(a) for a, pn in zip(pred_actors, pred_names, strict=True) if pn & names}
            )
    score = IdentityScore()
    for canon in sorted(spellings):
        if len(spellings[canon]) < 2:
            continue
        per_article = ids[canon]
        predicted_in = sum(1 for s in per_article if s)
        all_ids = set().union(*per_article)
        kept = predicted_in >= 2 and len(all_ids) == 1
        eligible = len(set(spellings[canon])) > 1
        score.multi_article += 1
        score.multi_article_kept += kept
        if eligible:
            score.eligible += 1
            score.kept += kept
        if not kept:
            score.split.append(
                {
                    "actor": shown[canon],
                    "different_spellings": eligible,
                    "articles": len(per_article),
                    "predicted_in": predicted_in,
                    "ids": sorted(all_ids),
                }
            )
    return score


# --------------------------------------------------------------------------- entry points


def score_pairs(pairs: Iterable[tuple[Key, Key | None]]) -> Scores:
    """Score (gold key, predicted key) pairs; a None prediction means nothing was predicted."""
    items = list(pairs)
    articles = [
        _score_article(str(gold.get("doc_id") or f"#{n}"), gold, pred)
        for n, (gold, pred) in enumerate(items)
    ]
    return Scores(articles=articles, identity=_score_identity(items))


def load_key_dir(path: str | Path) -> dict[str, dict[str, Any]]:
    """Every ``*.json`` key of a folder, by file stem (the doc_id)."""
    folder = Path(path)
    if not folder.is_dir():
        raise EvaluationError(f"{folder}: not a folder of answer keys")
    keys: dict[str, dict[str, Any]] = {}
    for file in sorted(folder.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"{file}: unreadable answer key ({exc})") from exc
        if not isinstance(data, dict):
            raise EvaluationError(f"{file}: an answer key must be a JSON object")
        data.setdefault("doc_id", file.stem)
        keys[file.stem] = data
    return keys


def score_dirs(gold_dir: str | Path, pred_dir: str | Path) -> Scores:
    """Score the prediction folder against the gold folder, matching files by name."""
    gold = load_key_dir(gold_dir)
    if not gold:
        raise EvaluationError(f"{gold_dir}: no answer keys (*.json) found")
    pred = load_key_dir(pred_dir)
    scores = score_pairs([(gold[stem], pred.get(stem)) for stem in sorted(gold)])
    scores.unscored_predictions = sorted(set(pred) - set(gold))
    return scores


score = score_dirs
