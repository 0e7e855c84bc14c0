"""Places that stand for actors: seats of authorities and capitals visited.

Why: news names the place where an authority sits instead of the authority
("the offensive on <seat of a government>", "sent weapons to <a rebel
stronghold>"), and a visit to a capital is a consultation with that
government ("X flew to <capital> to discuss ..."). Both only fill an empty
target, never replace one the parse found, and both use the actor dictionary
(``seats:`` lists and countries' ``capital``), so the knowledge stays data.

- Seats: only for harmful or material acts aimed at a place (ASSAULT, COERCE,
  AID, MOBILIZE toward, SANCTION, THREATEN), and only when an actor seated there
  is already among the article's actors: a place where talks happen is a venue,
  not a party.
- Capitals: only for visits made by a person (troops arriving are no visit) and
  only when no purpose clause names whom they met ("flew to C to meet Y" is
  coded on "meet"). The country may be new to the article: it is returned so
  the caller adds it to the actor list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from newsgraph.events.args import Args, expand_conj, light_governor
from newsgraph.events.patterns import Trigger
from newsgraph.records import Place

# Target slots where a place stands for the authority seated there, per event type.
SEAT_SLOTS: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"dobj", "prep:on", "prep:against", "prep:into", "prep:of",
                          "prep:targeting", "purpose"}),
    "COERCE": frozenset({"dobj", "prep:of", "prep:on"}),
    "AID": frozenset({"prep:to", "dative"}),
    "MOBILIZE": frozenset({"prep:against", "prep:toward", "prep:towards", "prep:on", "purpose"}),
    "SANCTION": frozenset({"dobj", "prep:on", "prep:against"}),
    "THREATEN": frozenset({"dobj", "xcomp", "prep:against"}),
}
VISIT_SLOTS = frozenset({"dobj", "prep:to", "prep:in", "prep:at"})
SEAT_PENALTY = 0.1  # confidence lost when a place stands for the target


def _place_tokens(tok: Token, rule: Trigger, args: Args, slots: frozenset[str]) -> list[Token]:
    """Tokens in the allowed target slots that are no actor mention, in slot order."""
    holders: list[tuple[Token, bool]] = [(tok, rule.nominal)]
    gov = light_governor(tok) if rule.nominal else None
    if gov is not None:
        holders.append((gov, False))
    out: list[Token] = []
    for slot in rule.target:
        if slot not in slots:
            continue
        for holder, nominal in holders:
            if gov is not None and holder.i == gov.i and not slot.startswith("prep:"):
                continue
            toks, _ = args.slot(holder, slot, nominal)
            for t in toks:
                out += [c for c in expand_conj(t) if c.i not in args.index.token_actor]
    return list(dict.fromkeys(out))


def seat_target(tok: Token, rule: Trigger, args: Args, dictionary: Any,
                names_of: Callable[[Token], list[str]],
                exclude: list[str]) -> tuple[list[str], str | None]:
    """The article actor seated at the place the act is aimed at and the place name, or
    ([], None)."""
    slots = SEAT_SLOTS.get(rule.type)
    if dictionary is None or not slots:
        return [], None
    present = args.index.actors
    for t in _place_tokens(tok, rule, args, slots):
        for name in names_of(t):
            for entry in dictionary.seated_at(name):
                if entry.id in present and entry.id not in exclude:
                    return [entry.id], name
    return [], None


def _purpose_names_actor(tok: Token, args: Args) -> bool:
    """"flew to C to meet Y": a purpose clause with an actor codes the meeting itself."""
    verb = light_governor(tok) if tok.pos_ in {"NOUN", "PROPN"} else tok
    verb = verb or tok
    for c in verb.children:
        if c.dep_ in {"advcl", "xcomp", "relcl"}:
            if any(t.i in args.index.token_actor for t in c.subtree):
                return True
    return False


def visited_capital(tok: Token, rule: Trigger, args: Args, dictionary: Any,
                    names_of: Callable[[Token], list[str]], source: list[str],
                    gazetteer: Any) -> tuple[str, str, Place] | None:
    """(country id, surface form, place) when a person's visit goes to a capital."""
    if dictionary is None or rule.type != "CONSULT" or rule.mode != "visit":
        return None
    kinds = {args.index.actors[s].kind for s in source if s in args.index.actors}
    if "person" not in kinds or _purpose_names_actor(tok, args):
        return None
    for t in _place_tokens(tok, rule, args, VISIT_SLOTS):
        if any(c.dep_ == "relcl" and any(d.i in args.index.token_actor for d in c.subtree)
               for c in t.children):
            continue  # "flew to C, where he met Y": the meeting is coded on "met"
        for name in names_of(t):
            for entry in dictionary.seated_at(name):
                if entry.kind != "country" or entry.id in source or not entry.capital:
                    continue
                return entry.id, name, capital_place(entry, gazetteer)
    return None


def capital_place(entry: Any, gazetteer: Any) -> Place:
    """A dictionary country's capital as a place: the gazetteer's city, else the capital's
    name as a city without coordinates (never the country's own point)."""
    place = (gazetteer.lookup(entry.capital, prefer_country=entry.iso2)
             if gazetteer is not None else None)
    if place is None or place.precision == "country":
        place = Place(name=entry.capital, country=entry.iso2, precision="city")
    return place
