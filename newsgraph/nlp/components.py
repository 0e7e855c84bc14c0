"""newsgraph's stages as spaCy components, registered by name.

    nlp = load_nlp()
    nlp.add_pipe("newsgraph_actors", config={"actor_files": ["my_actors.yaml"]})
    nlp.add_pipe("newsgraph_events")
    doc = nlp(text)            # doc._.ng_actors, doc._.ng_mentions, doc._.ng_events

The article a Doc comes from (for its publication date and doc_id) travels in
``doc.user_data["newsgraph_article"]``; without one, a bare Article is made.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Article

ARTICLE_KEY = "newsgraph_article"

for _name in ("ng_actors", "ng_mentions", "ng_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def article_of(doc: Doc) -> Article:
    """The Article attached to ``doc``, or a minimal one made from its text."""
    art = doc.user_data.get(ARTICLE_KEY)
    if isinstance(art, Article):
        return art
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return Article(doc_id=digest[:16], text=doc.text, content_hash=digest)


class ActorsComponent:
    """Finds actors and their mentions (dictionary + NER + name rules)."""

    def __init__(self, actor_files: list[str], place_files: list[str] | None = None):
        from newsgraph.actors.dictionary import load_dictionary
        from newsgraph.actors.resolver import ActorResolver
        from newsgraph.nlp.places import Gazetteer

        # the gazetteer tells towns NER took for people ("Goma") from actors; the user's
        # place files count here as in the events stage, which shares this copy
        self.place_files = list(place_files or [])
        self.gazetteer = Gazetteer(self.place_files)
        self.resolver = ActorResolver(load_dictionary(actor_files), gazetteer=self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        actors, mentions = self.resolver.resolve(doc, article_of(doc))
        doc._.ng_actors = actors
        doc._.ng_mentions = mentions
        return doc


class EventsComponent:
    """Codes PLOVER events from the parse, given the actors already found.

    The actor dictionary (same files as the actors component) tells which places are
    seats of authorities and capitals; a dictionary actor an event names that the actors
    stage did not list (a capital visited, used as a place there) is appended to
    ``doc._.ng_actors`` so every id an event references is in the article's actors."""

    def __init__(self, pattern_files: list[str], place_files: list[str],
                 actor_files: list[str] | None = None, dictionary=None, gazetteer=None,
                 occasion_files: list[str] | None = None):
        from newsgraph.actors.dictionary import load_dictionary
        from newsgraph.events.extractor import EventExtractor
        from newsgraph.events.patterns import load_patterns
        from newsgraph.nlp.dates import DateResolver
        from newsgraph.nlp.places import Gazetteer

        if dictionary is None:
            dictionary = load_dictionary(actor_files or [])
        if gazetteer is None:
            gazetteer = Gazetteer(place_files)
        from newsgraph.events.occasions import KnownOccasions

        self.extractor = EventExtractor(
            load_patterns(pattern_files), gazetteer, DateResolver(), dictionary,
            known_occasions=KnownOccasions.load(occasion_files or []),
        )

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc._.ng_actors or [])
        article = article_of(doc)
        published = self.extractor.infer_published(doc, article, actors)
        if published is not None:  # the stored article says so, with its basis
            article = replace(article, published=published.value, published_basis="occasion")
            doc.user_data[ARTICLE_KEY] = article
        events, added = self.extractor.extract_with_actors(
            doc, article, actors, doc._.ng_mentions or []
        )
        doc._.ng_events = events
        doc._.ng_actors = actors + added
        return doc


@Language.factory("newsgraph_actors", default_config={"actor_files": [], "place_files": []})
def make_actors(nlp: Language, name: str, actor_files: list[str],
                place_files: list[str]) -> ActorsComponent:
    return ActorsComponent(actor_files, place_files)


@Language.factory(
    "newsgraph_events",
    default_config={"pattern_files": [], "place_files": [], "actor_files": [],
                    "occasion_files": []},
)
def make_events(
    nlp: Language, name: str, pattern_files: list[str], place_files: list[str],
    actor_files: list[str], occasion_files: list[str],
) -> EventsComponent:
    # Share the actors component's dictionary when it runs in the same pipeline with
    # the same files, instead of loading (and holding) a second copy.
    shared, places = None, None
    if "newsgraph_actors" in nlp.pipe_names:
        actors = nlp.get_pipe("newsgraph_actors")
        if list(nlp.get_pipe_config("newsgraph_actors").get("actor_files", [])) == list(actor_files):
            shared = actors.resolver.dictionary
        if actors.place_files == list(place_files):
            places = actors.gazetteer
    return EventsComponent(pattern_files, place_files, actor_files, dictionary=shared,
                           gazetteer=places, occasion_files=occasion_files)
