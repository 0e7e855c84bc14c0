"""A name written with a post a dictionary person holds is that person, even when garbled.

Machine translation garbles names ("the Special Representative of the UN Secretary
General in Libya, Hasan Salam" for Ghassan Salamé), so the name matches no dictionary
entry and would become an actor of its own. The post written with it says who it is:

* the post is a title phrase of the reference cues (``actor_references.yaml``) read from
  a role the resolver attached to the name (a title before it, "Russian Foreign
  Minister X"; an apposition, "X, the spokesman of Y" / "the envoy of Y, X");
* a dictionary person *fits* when one of their roles held at the article's date
  (``role_held``) has a title of the same group, the same deputy-ness ("deputy
  head" is not "head"), and names every country or organisation the written post
  names (the person's own country counts: "Russian Foreign Minister" fits the
  foreign minister of a Russian entry);
* the written name is *close* to one of the person's multi-word names (or, when a
  single word is written, to any of their names' last words): the surnames are the same
  spelling (``same_word``) or reach ``SURNAME_MIN`` (rapidfuzz ratio of folded words),
  or ``SURNAME_NEAR`` with the whole names at ``SURNAME_NEAR_WHOLE``; when a given name
  is written, the whole names reach ``WHOLE_MIN`` and the given names (words before the
  surname, joined) are the same spelling or reach ``GIVEN_MIN`` (or the written one
  matches the known first given name: "Mohamed Siala" / "Mohamed Taher Siala"; or one
  is the other's initial);
* the name resolves to the person only when exactly one fitting person is close and
  no other fitting person has a close surname. A second holder of the post with an
  unlike name does not block (roles are dated by years, so an envoy and his successor
  both hold the post in the year of the hand-over). No post, no qualifier (country or
  organisation, unless the title may stand bare), a "former" post: no link.

Thresholds, chosen on pairs (folded rapidfuzz ratio). Must pass: salam/salame 91,
hasan/ghassan 83 (whole 88), lavrof/lavrov 83 (whole 92). Must fail: khalid/khalifa 77
(two of the Haftars), mohammed/ahmed 62, hassan/hussein 62, siala/salam 80 (whole
"mohamed siala"/"mohammed abdul salam" 73), "mohammed kani"/"mohammad ashraf ghani"
(whole 65). A surname alone never decides for a written full name: role, date and
given name must agree too.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from newsgraph.actors.dictionary import ActorDictionary, DictEntry, is_acronym
from newsgraph.actors.names import fold, role_held, same_word

if TYPE_CHECKING:  # references.py builds the linker: import only for the type
    from newsgraph.actors.references import ReferenceCues

SURNAME_MIN = 85.0  # surname ratio that passes on its own
SURNAME_NEAR = 80.0  # ... or with the whole name at SURNAME_NEAR_WHOLE ("Lavrof" 83)
SURNAME_NEAR_WHOLE = 85.0
GIVEN_MIN = 80.0  # given names (joined), or the written one against the first known one
WHOLE_MIN = 75.0  # whole folded names, when a given name is written
_CUT_WORDS = {"of", "to", "in", "for", "at", "with", "on"}
_WORDS = re.compile(r"[\w.’'-]+")
_NOUNS = ("NOUN", "PROPN")
_CACHE_MAX = 50_000  # role texts remembered per linker (a long ingest sees many)
_DETS = ("the", "a", "an")


class AppositionCand(Protocol):
    """What the linker reads and rewrites of the resolver's candidates."""

    actor_id: str | None
    entry: DictEntry | None
    kind: str
    name: str
    how: str
    roles: list[str]
    tok_start: int
    tok_end: int
    start: int
    end: int
    surface: str
    title_surface: str


C = TypeVar("C", bound=AppositionCand)


def name_close(written: str, known: str) -> bool:
    """Whether ``written`` may be a garbled spelling of the full name ``known`` (see module doc)."""
    w, k = fold(written).split(), fold(known).split()
    if not w or not k:
        return False
    whole = fuzz.ratio(" ".join(w), " ".join(k))
    last = fuzz.ratio(w[-1], k[-1])
    if not (same_word(w[-1], k[-1]) or last >= SURNAME_MIN
            or last >= SURNAME_NEAR and len(w) > 1 and whole >= SURNAME_NEAR_WHOLE):
        return False
    if len(w) == 1:
        return True  # a surname alone: role and date decide with it
    if len(k) == 1:
        return False  # a written given name cannot be checked against a bare surname
    gw, gk = "".join(w[:-1]), "".join(k[:-1])
    if len(gw) == 1 or len(gk) == 1:  # "S. Lavrov"
        return gw[0] == gk[0]
    return whole >= WHOLE_MIN and (_close(gw, gk, GIVEN_MIN) or _close(gw, k[0], GIVEN_MIN))


def _close(a: str, b: str, minimum: float) -> bool:
    return same_word(a, b) or fuzz.ratio(a, b) >= minimum


def _names(e: DictEntry) -> list[str]:
    """A person's names, plus each full name with a one-word alias as its surname
    ("Ahmed Mismari" + "Mesmari" -> "Ahmed Mesmari")."""
    names = [n for n in e.names() if not is_acronym(n)]
    fulls = [n.split() for n in names if len(n.split()) > 1]
    singles = [n for n in names if len(n.split()) == 1]
    return names + [" ".join([*f[:-1], s]) for f in fulls for s in singles]


def _surname_close(written: str, known: str) -> bool:
    w, k = fold(written).split(), fold(known).split()
    return bool(w and k) and _close(w[-1], k[-1], SURNAME_NEAR)


class AppositionLinker:
    """Turns NER-only people written with a dictionary person's post into that person."""

    def __init__(self, dictionary: ActorDictionary, cues: ReferenceCues) -> None:
        self.d = dictionary
        self.cues = cues
        self._phrases = sorted(cues.phrases, key=len, reverse=True)
        self._people = [e for e in dictionary.entries if e.kind == "person" and e.roles]
        self._scanned: dict[str, frozenset[str]] = {}  # role text -> ids it names
        self._titles: dict[str, tuple[str | None, bool, bool]] = {}  # role text -> _title

    def link(self, doc: Doc, cands: Sequence[C], published: str | None) -> list[C]:
        """Rewrite, in place, the candidates of NER-only people whose post and name single
        out one dictionary person. Returns new candidates for the posts written before such
        names ("the Special Representative ..., X"): the post stands for the person too, as
        the parser often hangs the name on a noun inside the post, not on the post."""
        year = _year(published)
        roles: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        posts: dict[int, list[tuple[Span, Span | None]]] = {}  # candidate -> posts around it
        known = {c.actor_id for c in cands if c.entry is not None}
        for c in cands:
            if c.kind != "person" or c.entry is not None or not c.actor_id or c.actor_id in known:
                continue
            posts[id(c)] = self._context_posts(doc, c.tok_start, c.tok_end)
            roles.setdefault(c.actor_id, []).extend(
                [*c.roles, *(_plain(sp.text) for sp, _ in posts[id(c)])])
            if len(c.name.split()) >= len(names.get(c.actor_id, "").split()):
                names[c.actor_id] = c.name
        found: dict[str, DictEntry] = {}
        for aid, rs in roles.items():
            e = self.match(names[aid], rs, year)
            if e is not None:
                found[aid] = e
        taken = {i for c in cands for i in range(c.tok_start, c.tok_end)}
        out: list[C] = []
        for c in cands:
            e = found.get(c.actor_id or "")
            if e is None:
                continue
            c.actor_id, c.entry, c.name = e.id, e, e.name
            c.how = "apposition" if c.how == "ner" else c.how
            for sp, head in posts.get(id(c), []):
                role = _plain(sp.text)
                if role not in c.roles:
                    c.roles.append(role)
                if head is not None and not any(i in taken for i in range(head.start, head.end)):
                    post = copy.copy(c)
                    post.start, post.end, post.surface = head.start_char, head.end_char, head.text
                    post.tok_start, post.tok_end, post.how = head.start, head.end, "title"
                    post.roles, post.title_surface = [], role
                    out.append(post)
                    taken |= set(range(head.start, head.end))
        return out

    def match(self, name: str, roles: Sequence[str], year: int | None) -> DictEntry | None:
        """The one dictionary person a name written with these roles is, else None."""
        fitting: dict[str, DictEntry] = {}
        for role in roles:
            post = self._post(role)
            if post is not None:
                fitting.update({e.id: e for e in self._people if self._fits(e, *post, year)})
        close = [e for e in fitting.values() if any(name_close(name, n) for n in _names(e))]
        if len(close) != 1:
            return None
        rivals = [e for e in fitting.values() if e.id != close[0].id
                  and any(_surname_close(name, n) for n in _names(e))]
        return None if rivals else close[0]

    def context_roles(self, doc: Doc, start: int, end: int) -> list[str]:
        """Posts set off by a comma right before or after the name at ``start:end``."""
        return [_plain(sp.text) for sp, _ in self._context_posts(doc, start, end)]

    def _context_posts(self, doc: Doc, start: int, end: int) -> list[tuple[Span, Span | None]]:
        """Posts set off by a comma right before or after the name at ``start:end``: "the
        envoy of the UN in Libya, X" and "X, the spokesman of Y"; with, for a post before
        the name, its head words ("envoy"). Read from the words and the phrase heads, as the
        parser often hangs such appositions on the nearest noun ("Libya") rather than on
        the post: of the noun phrases from the word before the comma up through "of/in/
        for/to" to their heads, the widest holding a post."""
        out: list[tuple[Span, Span | None]] = []
        if start >= 2 and doc[start - 1].text == "," and not _subject_after(doc, start, end):
            tok = doc[start - 2]
            chain = [tok]
            while True:
                if tok.dep_ == "compound" and tok.i < tok.head.i < start - 1:
                    tok = tok.head
                elif tok.dep_ == "pobj" and tok.head.lower_ in _CUT_WORDS \
                        and tok.head.head.i < tok.head.i and tok.head.head.pos_ in _NOUNS:
                    tok = tok.head.head
                else:
                    break
                chain.append(tok)
            for t in reversed(chain):
                sp = doc[t.left_edge.i:start - 1]
                if t.pos_ in _NOUNS and _short(sp) and self._post(_plain(sp.text)) is not None:
                    first = next((k.i for k in sp if k.lower_ not in _DETS), t.i)
                    out.append((sp, doc[first:t.i + 1]))
                    break
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _DETS:
            head = doc[end + 1].head
            if head.i > end + 1 and head.pos_ in _NOUNS and head.left_edge.i == end + 1:
                sp = doc[end + 1:head.right_edge.i + 1]
                if _short(sp):
                    out.append((sp, None))
        return out

    # ----------------------------------------------------------------- posts
    def _post(self, role: str) -> tuple[str, bool, frozenset[str]] | None:
        """(title, deputy, ids named) of a written role; None without a current title or
        without a qualifier (unless the title may stand bare)."""
        title, deputy, former = self._title(role)
        if title is None or former:
            return None
        ids = self._names_in(role)
        if not ids and title not in self.cues.bare:
            return None
        return title, deputy, ids

    def _title(self, role: str) -> tuple[str | None, bool, bool]:
        """The head title of a role: the last title phrase starting before the first
        preposition ("Special Representative of the UN Secretary General" -> special
        representative); whether a deputy word or a former word precedes it."""
        hit = self._titles.get(role)
        if hit is not None:
            return hit
        words = fold(role).split()
        cut = next((i for i, w in enumerate(words) if w in _CUT_WORDS and i > 0), len(words))
        best: tuple[int, int] | None = None  # (start, length)
        for p in self._phrases:
            pw = p.split()
            for s in range(0, min(cut, len(words) - len(pw) + 1)):
                if words[s:s + len(pw)] == pw and (best is None or s > best[0]
                                                   or s == best[0] and len(pw) > best[1]):
                    best = (s, len(pw))
        if best is None:
            out: tuple[str | None, bool, bool] = (None, False, False)
        else:
            before = words[:best[0]]
            out = (" ".join(words[best[0]:best[0] + best[1]]),
                   any(w in self.cues.deputy for w in before),
                   any(w in self.cues.former for w in before))
        if len(self._titles) > _CACHE_MAX:
            self._titles.clear()
        self._titles[role] = out
        return out

    def _fits(self, e: DictEntry, title: str, deputy: bool, ids: frozenset[str],
              year: int | None) -> bool:
        accepted = self.cues.accepted(title)
        for r in e.roles:
            if not role_held(r.role, year, r.since, r.until):
                continue
            t, dep, former = self._title(r.role)
            if t is None or former or dep != deputy or t not in accepted:
                continue
            own = self._names_in(r.role) | ({f"country:{e.country}"} if e.country else set())
            if ids <= own:
                return True
        return False

    def _names_in(self, text: str) -> frozenset[str]:
        """Countries and organisations a role names (demonyms, acronyms, names), longest first."""
        hit = self._scanned.get(text)
        if hit is not None:
            return hit
        words = _WORDS.findall(text)
        used = [False] * len(words)
        out: set[str] = set()
        for n in (4, 3, 2, 1):
            for i in range(len(words) - n + 1):
                if any(used[i:i + n]):
                    continue
                e = self._entry(" ".join(words[i:i + n]))
                if e is not None and e.kind in ("country", "organization"):
                    out.add(e.id)
                    used[i:i + n] = [True] * n
        if len(self._scanned) > _CACHE_MAX:
            self._scanned.clear()
        self._scanned[text] = frozenset(out)
        return self._scanned[text]

    def _entry(self, text: str) -> DictEntry | None:
        text = re.sub(r"(’s|'s)$", "", text.strip(" .-"))
        if not text[:1].isupper():
            return None
        if is_acronym(text):
            return self.d.acronym(text)
        return self.d.demonym(text) or self.d.lookup(text)


def _subject_after(doc: Doc, start: int, end: int) -> bool:
    """The name is the subject of a verb after it ("..., Salam said"): a new clause."""
    root = doc[start:end].root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.i >= end


def _short(span: Span) -> bool:
    return 0 < len(span) <= 14 and "\n" not in span.text


def _plain(text: str) -> str:
    text = text.strip(" ,;:-—–")
    return text[4:] if text.lower().startswith("the ") else text


def _year(published: str | None) -> int | None:
    m = re.match(r"(\d{4})", published or "")
    return int(m.group(1)) if m else None
