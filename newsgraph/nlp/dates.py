"""Date resolution: a date expression (a spaCy DATE entity) -> DateValue at honest precision.

Why our own rules before dateparser: news dates are mostly relative ("on Thursday",
"last month") and imprecise ("early 2019", "the spring"), and a month must stay a month,
never a made-up day. dateparser is slow and eager (it turns "six months" into a day), so it
is only the fallback for odd spellings that contain a month or weekday name.

Rules (``anchor`` is the publication date, at day, month or year precision; ``previous``
the date mentioned just before, for "that day" and the like):

- Absolute: "April 14, 2019", "14 April 2019", "16/04/2019" (day first unless the second
  number exceeds 12), "2019-04-16" -> day; "March 2018", "2019-04" -> month; "2015" -> year.
- Month/day without a year takes the anchor's year, or the year before when that would put
  it more than ~1 month after the anchor ("October 23" read in January -> last October).
  A month alone ("in May") likewise, at month precision. Without an anchor -> None.
- Weekdays: "Thursday" / "on Thursday" / "last Thursday" -> the most recent such day on or
  before the anchor day ("last X" on an X means a week before); "next X" -> the next one.
  With a month-precision anchor -> the anchor's month (a year anchor -> its year).
- "today", "tonight", "this morning" -> the anchor; "yesterday", "last night" -> one day
  before; "tomorrow" -> one day after (all degrade to the anchor's precision).
- Weekends -> the month of their Saturday: "over the weekend", "last weekend" -> the most
  recent one by the anchor day; "next weekend" -> the next one ("this weekend" stays None:
  it may be the coming one).
- Weeks are reported as months: "last week" -> the month holding most of last week's days
  (the month of its Thursday, as ISO weeks do); "this week" -> the anchor's month;
  "next week" -> the month of next week's Thursday.
- "this/last/next month" -> month; "this/last/next year" -> year; narrowing cues keep the
  precision of what they narrow: "early 2019", "the end of 2019" -> 2019; "earlier this
  month", "at the end of last month", "mid-April" -> month; "the beginning of the year"
  -> this year.
- Seasons -> year: "the spring of 2019" -> 2019; "summer", "over the summer" -> the year of
  the latest such season begun by the anchor; "last summer"/"next summer" likewise.
- "N days/weeks/months/years ago" -> day (days) / month (weeks, months) / year (years).
- References to ``previous``: "the same day", "that day" -> previous; "the next day" ->
  previous + 1 day; "the day before" -> - 1 day; "that month" -> previous's month; "that
  year" -> its year; "that May" -> May of previous's year; "N days later" -> previous + N
  days; "N weeks earlier/later/before/after" -> previous +/- 7N days at day precision from a
  day (from a month or year: that period, its month at most); "a month after" -> the month;
  "the following/previous month" ("the month before") -> the neighbouring month;
  "the next/previous year" -> the neighbouring year; "the following week"/"the week
  before" -> the month of that week's Thursday (a month or year previous: itself).
  "a few days later", "weeks later", "shortly afterwards" (a short unknown delay, perhaps
  the same day) -> previous's month, or its year. "months later", "years later" -> None.
  "two days before the vote" (before/after with an object) is not an offset from previous.
  Reference adverbs NER does not tag ("shortly afterwards") are read from the text.
  No previous -> None: these never fall back to the publication date.
- Ranges "2014-2015", "During 2014-2015", "between April 4 and 6, 2019", "4-6 April 2019"
  -> their start at the start's precision; "since January 2014" -> 2014-01.
- Not dates -> None: durations ("six months", "for years"), counts ("34 out of 200"),
  spans ("in the past week", "the last few days"), vague times ("recently", "at night").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Span

from newsgraph.datafiles import data_path, load_data_file
from newsgraph.records import DateValue


class DateCues(BaseModel):
    """Shape of ``newsgraph/data/dates.yaml``: the cue words the rules use."""

    model_config = ConfigDict(extra="forbid")

    provenance: str
    vague: list[str] = Field(default_factory=list)
    narrowing: list[str] = Field(default_factory=list)
    seasons: dict[str, int] = Field(default_factory=dict)
    same_day: list[str] = Field(default_factory=list)
    next_day: list[str] = Field(default_factory=list)
    previous_day: list[str] = Field(default_factory=list)
    same_month: list[str] = Field(default_factory=list)
    same_year: list[str] = Field(default_factory=list)
    after_previous: list[str] = Field(default_factory=list)
    next_week: list[str] = Field(default_factory=list)
    previous_week: list[str] = Field(default_factory=list)
    next_month: list[str] = Field(default_factory=list)
    previous_month: list[str] = Field(default_factory=list)
    next_year: list[str] = Field(default_factory=list)
    previous_year: list[str] = Field(default_factory=list)
    # Reference adverbs NER does not tag ("shortly afterwards"): found in the raw text.
    adverbial_refs: list[str] = Field(default_factory=list)
    numbers: dict[str, int] = Field(default_factory=dict)
    # Dating events from grammar when their sentence has no date (events/extractor.py):
    # present-tense verbs that state a standing relation, not a current act ("X supports Y").
    stative_verbs: list[str] = Field(default_factory=list)
    # Adverbs that put a clause at publication time ("currently", "now").
    current_adverbs: list[str] = Field(default_factory=list)
    # Nouns naming an occasion an article may date once and mention again (events/dating.py).
    occasion_nouns: list[str] = Field(default_factory=list)
    # Words that relate an event to an occasion rather than put it there ("after the summit").
    occasion_relations: list[str] = Field(default_factory=list)
    occasion_venue_verbs: list[str] = Field(default_factory=list)  # "held in Berlin"
    occasion_anaphors: list[str] = Field(default_factory=list)  # "the event"
    # Verbs that judge an act ("accused X of Y-ing"): the act does not take their date.
    judgement_verbs: list[str] = Field(default_factory=list)


MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {calendar.day_name[i].lower(): i for i in range(7)}
WEEKDAYS.update({calendar.day_abbr[i].lower(): i for i in range(7)})
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_YEAR = r"(1[6-9]\d\d|20\d\d|21\d\d)"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night|midday|noon))?"
_UNITS = r"(days?|weeks?|months?|years?|decades?|hours?|minutes?|seconds?|nights?|centur(?:y|ies))"

_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+(?:z|[+-][\d:]+)?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_YEAR = re.compile(rf"^{_YEAR}$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
_MD = re.compile(rf"^({_MONTH_RE})\.? {_ORD}(?: {_YEAR})?{_PART_OF_DAY}$")
_DM = re.compile(rf"^{_ORD} (?:of )?({_MONTH_RE})\.?(?: {_YEAR})?{_PART_OF_DAY}$")
_MY = re.compile(rf"^({_MONTH_RE})\.?(?: of)?(?: {_YEAR})?$")
_DEICTIC_DETS = {"that", "this", "last", "next"}  # "That May": the month of the story
_THAT_MONTH = re.compile(rf"^(?:that|the same) ({_MONTH_RE})$")
_MONTH_OF_YEAR = re.compile(rf"^({_MONTH_RE})\.? of (last|previous|past|this|next) year$")
_WEEKDAY = re.compile(rf"^(?:(last|this|next|past|coming|previous) )?({_WD_RE})\.?{_PART_OF_DAY}$")
_WD_PREFIX = re.compile(rf"^({_WD_RE})\.? (?=.*(?:\d|{_MONTH_RE}))")
_WEEKEND = re.compile(r"^(?:over|during|at|on|in)? ?(?:the |this )?(last|past|previous|next|coming)?"
                      r" ?weekend$")
_REL_PERIOD = re.compile(r"^(this|last|next|past|previous|coming|current) (week|month|year)$")
_SEASON = re.compile(r"^(?:(this|last|next|the|that) )?(\w+?)(?: of)?(?: {_YEAR})?$".replace(
    "{_YEAR}", _YEAR))
_AGO = re.compile(rf"^(\w+(?: of)?|\d+|a few|a couple of) {_UNITS} (ago|earlier|before|later|after)$")
_DURATION = re.compile(
    r"^(?:(?:for|about|nearly|almost|more than|less than|over|some|around|at least|up to|only|"
    r"just|another|the|the first|the last|the past|the next|the previous|the coming|"
    r"past|last|next|previous|coming|recent|the recent|these|those) )*"
    r"(?:(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundred|a few|few|several|many|a couple of|"
    r"couple of|some|hundreds of|thousands of|dozens of|a number of|numerous)[ -])?"
    rf"(?:(?:more|full|long|straight|consecutive|whole|half) )?{_UNITS}"
    r"(?: (?:long|old|in a row|running|straight|now|so far|of \w+))?$"
)
_SPAN = re.compile(r"^(?:the )?(?:past|recent|coming|previous) \w+$")
_RANGE = re.compile(
    r"^(?:between |from )?(.+?)(?:\s*-\s*|\s+(?:to|until|till|through|and)\s+)(.+)$"
)
_DECADE = re.compile(r"^(?:the )?(?:\d{4}|\d0)'?s$")
_ANY_YEAR = re.compile(rf"\b{_YEAR}\b")
_HAS_WORD = re.compile(rf"\b(?:{_MONTH_RE}|{_WD_RE})\b")
_TRAILING_JUNK = re.compile(r"(?:'s|’s|[,.;:!?)\]\"'’]+)$")
_OUT_OF = re.compile(r"\d+ (?:out of|of|in) \d+")
_REF_KINDS = ("same_day", "next_day", "previous_day", "same_month", "same_year",
              "after_previous", "next_week", "previous_week", "next_month", "previous_month",
              "next_year", "previous_year")
_PERIOD_STEP = {"next_week": ("week", 1), "previous_week": ("week", -1),
                "next_month": ("month", 1), "previous_month": ("month", -1),
                "next_year": ("year", 1), "previous_year": ("year", -1)}
_OFFSET_WORDS = frozenset({"earlier", "later"})  # "two days" + "later" NER left outside
_RELATIONS = frozenset({"before", "after"})  # "two days before the vote": not the previous


class _Anchor:
    """An anchor or previous date as a calendar date plus its precision."""

    __slots__ = ("day", "precision")

    def __init__(self, value: DateValue) -> None:
        parsed = parse_published(value.value)
        if parsed is None:
            raise ValueError(value.value)
        parts = [int(p) for p in parsed.value.split("-")]
        self.precision = parsed.precision
        if self.precision == "day":
            self.day = date(parts[0], parts[1], parts[2])
        elif self.precision == "month":  # the end of the month: latest day it may mean
            self.day = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        else:
            self.day = date(parts[0], 12, 31)


def _dv(d: date, precision: str) -> DateValue:
    """A DateValue for ``d`` cut to ``precision``."""
    if precision == "day":
        return DateValue(d.isoformat(), "day")
    if precision == "month":
        return DateValue(f"{d.year:04d}-{d.month:02d}", "month")
    return DateValue(f"{d.year:04d}", "year")


def _coarser(a: str, b: str) -> str:
    order = ("day", "month", "year")
    return order[max(order.index(a), order.index(b))]


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def parse_published(s: str | None) -> DateValue | None:
    """An ISO publication date at its precision ("2019-04-16", "2019-04", "2019").

    ISO timestamps ("2019-04-16T10:00:00Z") give the day. Anything else -> None.
    """
    if not s:
        return None
    text = s.strip().lower()
    try:
        m = _ISO_DAY.match(text)
        if m:
            return DateValue(date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day")
        m = _ISO_MONTH.match(text)
        if m and 1 <= int(m[2]) <= 12 and int(m[1]) >= 1:
            return DateValue(f"{int(m[1]):04d}-{int(m[2]):02d}", "month")
        m = _ISO_YEAR.match(text)
        if m:
            return DateValue(m[1], "year")
    except ValueError:
        return None
    return None


class DateResolver:
    """Resolves date expressions against a publication date; caches per expression."""

    def __init__(self, cue_file: str | Path | None = None, cache_size: int = 20_000) -> None:
        cues = load_data_file(cue_file or data_path("dates.yaml"), DateCues)
        self.cues = cues  # read-only: the events stage reads its grammar-dating cues here
        self._vague = frozenset(cues.vague)
        self._narrowing = re.compile(
            r"^(?:" + "|".join(re.escape(c) for c in sorted(cues.narrowing, key=len, reverse=True))
            + r")(?:\s+|-)(?=\S)"
        )
        self._seasons = dict(cues.seasons)
        self._refs: dict[str, str] = {}
        for kind in _REF_KINDS:
            for phrase in getattr(cues, kind):
                self._refs[phrase] = kind
        adverbs = [a for a in cues.adverbial_refs if a in self._refs]
        self._adverbial = re.compile(
            r"\b(?:" + "|".join(re.escape(a) for a in sorted(adverbs, key=len, reverse=True))
            + r")\b", re.IGNORECASE) if adverbs else None
        self._numbers = dict(cues.numbers)
        self._cache: dict[tuple[str, Any, Any], DateValue | None] = {}
        self._cache_size = cache_size
        self._parsers: dict[date, Any] = {}

    # -- public ----------------------------------------------------------------------------

    def resolve(
        self, expr: str, anchor: DateValue | None, previous: DateValue | None = None
    ) -> DateValue | None:
        """Resolve one date expression; None when it names no date (see module rules)."""
        if not expr or len(expr) > 120:
            return None
        key = (expr, anchor and anchor.value, previous and previous.value)
        if key in self._cache:
            return self._cache[key]
        try:
            anc = _Anchor(anchor) if anchor else None
        except ValueError:
            anc = None
        try:
            prev = _Anchor(previous) if previous else None
        except ValueError:
            prev = None
        try:
            found = self._resolve(_clean(expr), anc, prev, depth=0)
        except (ValueError, OverflowError):
            found = None
        result = replace(found, text=expr) if found else None
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[key] = result
        return result

    def in_span(
        self, span: Span, anchor: DateValue | None, previous: DateValue | None = None
    ) -> list[DateValue]:
        """All dates of a sentence/clause from its DATE (and TIME) entities, in text order.

        Each resolved date becomes ``previous`` for the next one; offsets are the entity's
        character offsets in the Doc (the article text). Reference adverbs NER leaves untagged
        ("shortly afterwards": cues ``adverbial_refs``) count as date expressions too; an
        offset whose "before"/"after" takes an object ("two days before the vote") is
        relative to that object, not to ``previous``, and is left out.
        """
        found: list[DateValue] = []
        for ent in self._date_spans(span):
            text, start = ent.text, ent.start_char
            last = ent[-1]
            if last.lower_ in _RELATIONS and any(c.dep_ == "pobj" for c in last.children):
                continue
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.lower_ in _DEICTIC_DETS \
                    and ent[0].lower_ not in _DEICTIC_DETS:
                text, start = f"{before.text} {text}", before.idx  # NER leaves "That" out
            value = self.resolve(text, anchor, previous)
            if value is None and start != ent.start_char:  # a prefix the rules do not know
                text, start = ent.text, ent.start_char
                value = self.resolve(text, anchor, previous)
            after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
            if value is None and after is not None and after.lower_ in _OFFSET_WORDS:
                value = self.resolve(f"{text} {after.text}", anchor, previous)
            if value is None:
                continue
            value = replace(value, start=start, end=ent.end_char)
            found.append(value)
            previous = value
        return found

    def _date_spans(self, span: Span) -> list[Span]:
        """DATE/TIME entities plus untagged reference adverbs, in text order."""
        spans = [_trim_count(e) for e in span.ents if e.label_ in ("DATE", "TIME")]
        if self._adverbial is None:
            return spans
        base = span.start_char
        for m in self._adverbial.finditer(span.text):
            cut = span.doc.char_span(base + m.start(), base + m.end())
            if cut is not None and not any(e.start < cut.end and cut.start < e.end
                                           for e in span.ents):
                spans.append(cut)
        return sorted(spans, key=lambda s: s.start)

    # -- rules -----------------------------------------------------------------------------

    def _resolve(
        self, s: str, anc: _Anchor | None, prev: _Anchor | None, depth: int
    ) -> DateValue | None:
        if not s or depth > 6 or s in self._vague:
            return None
        if s in self._refs:
            return self._from_previous(self._refs[s], prev)
        if _SPAN.match(s) or _DECADE.match(s) or _OUT_OF.search(s):
            return None
        m = _AGO.match(s)
        if m:
            return self._ago(m[1], m[2], m[3], anc, prev)
        found = self._absolute(s, anc, prev) or self._relative(s, anc)
        if found is not None:
            return found
        m = self._narrowing.match(s)
        if m:  # before durations: "the first week of January" narrows January
            rest = s[m.end():]
            if rest in ("the year", "year", "the month", "month", "the week", "week"):
                rest = "this " + rest.removeprefix("the ")
            return self._resolve(rest, anc, prev, depth + 1)
        if _DURATION.match(s):
            return None
        if s.startswith("the "):
            return self._resolve(s[4:], anc, prev, depth + 1)
        m = _RANGE.match(s)
        if m and depth < 3:
            return self._range(m[1], m[2], anc, prev, depth)
        return self._fallback(s, anc)

    def _absolute(self, s: str, anc: _Anchor | None, prev: _Anchor | None) -> DateValue | None:
        m = _ISO_DAY.match(s) or _ISO_MONTH.match(s) or _ISO_YEAR.match(s)
        if m:
            return parse_published(s)
        m = _NUMERIC.match(s)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            y = y + 2000 if y < 100 else y
            day, month = (b, a) if b > 12 else (a, b)  # day first unless impossible
            return _dv(date(y, month, day), "day")
        m = _MD.match(s)
        if m:
            return self._month_day(MONTHS[m[1]], int(m[2]), m[3], anc)
        m = _DM.match(s)
        if m:
            return self._month_day(MONTHS[m[2]], int(m[1]), m[3], anc)
        m = _MY.match(s)
        if m:
            month = MONTHS[m[1]]
            if m[2]:
                return _dv(date(int(m[2]), month, 1), "month")
            if anc is None:
                return None
            year = anc.day.year
            if anc.precision != "year" and month > anc.day.month + 1:
                year -= 1  # "in October" read in April: last October
            return _dv(date(year, month, 1), "month")
        m = _MONTH_OF_YEAR.match(s)
        if m:  # "November of last year": a month of a year told relative to the anchor
            if anc is None:
                return None
            step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[m[2]]
            return _dv(date(anc.day.year + step, MONTHS[m[1]], 1), "month")
        m = _THAT_MONTH.match(s)
        if m:
            base = prev or anc
            return _dv(date(base.day.year, MONTHS[m[1]], 1), "month") if base else None
        m = _WD_PREFIX.match(s)
        if m:  # "Thursday, April 11": the date itself says more than the weekday
            return self._absolute(s[m.end():], anc, prev)
        return None

    def _month_day(self, month: int, day: int, year: str | None, anc: _Anchor | None
                   ) -> DateValue | None:
        if year:
            return _dv(date(int(year), month, day), "day")
        if anc is None:
            return None
        d = date(anc.day.year, month, day) if not (month == 2 and day == 29) else None
        if d is None:  # Feb 29: the latest leap year not after the anchor's
            y = anc.day.year
            while not calendar.isleap(y):
                y -= 1
            return _dv(date(y, 2, 29), "day")
        if anc.precision != "year" and d > anc.day + timedelta(days=31):
            d = date(anc.day.year - 1, month, day)
        return _dv(d, "day")

    def _relative(self, s: str, anc: _Anchor | None) -> DateValue | None:
        if anc is None:
            return None
        a, p = anc.day, anc.precision
        if s in ("today", "tonight", "this morning", "this afternoon", "this evening",
                 "today's", "earlier today", "later today"):
            return _dv(a, p)
        if s in ("yesterday", "last night", "yesterday morning", "yesterday afternoon",
                 "yesterday evening", "late yesterday", "early yesterday"):
            return _dv(a - timedelta(days=1), p) if p == "day" else _dv(a, p)
        if s in ("the day before yesterday",):
            return _dv(a - timedelta(days=2), p) if p == "day" else _dv(a, p)
        if s in ("tomorrow", "tomorrow morning", "tomorrow night", "tomorrow evening"):
            return _dv(a + timedelta(days=1), p) if p == "day" else _dv(a, p)
        m = _WEEKDAY.match(s)
        if m:
            if p != "day":
                return _dv(a, p)
            wd = WEEKDAYS[m[2]]
            if m[1] in ("next", "coming"):
                delta = (wd - a.weekday()) % 7 or 7
                return _dv(a + timedelta(days=delta), "day")
            back = (a.weekday() - wd) % 7
            if back == 0 and m[1] in ("last", "past", "previous"):
                back = 7
            return _dv(a - timedelta(days=back), "day")
        m = _WEEKEND.match(s)
        if m and s not in ("weekend", "the weekend", "this weekend"):  # those may be ahead
            if p != "day":
                return _dv(a, p)
            saturday = a - timedelta(days=(a.weekday() - 5) % 7)
            if m[1] in ("next", "coming"):
                saturday += timedelta(days=7)
            elif m[1] and a.weekday() >= 5:  # "last weekend" said on a weekend
                saturday -= timedelta(days=7)
            return _dv(saturday, "month")
        m = _REL_PERIOD.match(s)
        if m:
            step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m[1], 0)
            unit = m[2]
            if unit == "year":
                return _dv(date(a.year + step, 1, 1), "year")
            if p == "year":
                return _dv(a, "year") if step == 0 else None
            if unit == "month":
                return _dv(_add_months(a, step), "month")
            if p != "day" or step == 0:
                return _dv(a, "month")
            thursday = a - timedelta(days=a.weekday()) + timedelta(days=3 + 7 * step)
            return _dv(thursday, "month")
        m = _SEASON.match(s)
        if m and m[2] in self._seasons:
            if m[3]:
                return DateValue(m[3], "year")
            start = self._seasons[m[2]]
            year = a.year
            if m[1] == "last":
                year = a.year if a.month > start + 2 else a.year - 1
            elif m[1] == "next":
                year = a.year if a.month < start else a.year + 1
            elif m[1] != "this" and a.month < start and p != "year":
                year = a.year - 1
            return DateValue(f"{year:04d}", "year")
        return None

    def _from_previous(self, kind: str, prev: _Anchor | None) -> DateValue | None:
        if prev is None:
            return None
        d, p = prev.day, prev.precision
        if kind == "same_day":
            return _dv(d, p)
        if kind in ("next_day", "previous_day"):
            step = 1 if kind == "next_day" else -1
            return _dv(d + timedelta(days=step), "day") if p == "day" else _dv(d, p)
        if kind == "same_month" or kind == "after_previous":
            return _dv(d, _coarser(p, "month"))
        if kind in _PERIOD_STEP:
            unit, step = _PERIOD_STEP[kind]
            if unit == "year":
                return _dv(date(d.year + step, 1, 1), "year")
            if p == "year":  # "the next month" after "2018": only the year is known
                return _dv(d, "year")
            if unit == "month":
                return _dv(_add_months(d, step), "month")
            if p != "day":  # the week after a month: that month at most
                return _dv(d, p)
            thursday = d - timedelta(days=d.weekday()) + timedelta(days=3 + 7 * step)
            return _dv(thursday, "month")  # weeks are reported as months (ISO Thursday)
        return _dv(d, "year")

    def _ago(self, amount: str, unit: str, direction: str, anc: _Anchor | None,
             prev: _Anchor | None) -> DateValue | None:
        n = int(amount) if amount.isdigit() else self._numbers.get(amount.removesuffix(" of"))
        if n is None or n > 500:
            return None
        unit = unit.rstrip("s")
        if direction in ("later", "after", "earlier", "before"):
            base = prev
            sign = 1 if direction in ("later", "after") else -1
        else:
            base = anc
            sign = -1
        if base is None or unit not in ("day", "night", "week", "month", "year"):
            return None
        vague = amount in ("few", "a few", "several")
        a, p = base.day, base.precision
        if sign > 0 and p != "day":  # "3 days later" than "2020": from the period's start
            a = date(a.year, a.month if p == "month" else 1, 1)
        if unit in ("day", "night"):
            precision = p if not vague else _coarser(p, "month")
            return _dv(a + timedelta(days=sign * n), precision)
        if unit == "week":  # counted weeks from a told day are exact: "a week earlier"
            exact = base is prev and p == "day" and not vague
            return _dv(a + timedelta(days=sign * 7 * n), "day" if exact else _coarser(p, "month"))
        if unit == "month":
            return _dv(_add_months(a, sign * n), _coarser(p, "month")) if not vague else None
        return _dv(date(a.year + sign * n, 1, 1), "year") if not vague else None

    def _range(self, left: str, right: str, anc: _Anchor | None, prev: _Anchor | None,
               depth: int) -> DateValue | None:
        if not re.search(rf"\d|\b(?:{_MONTH_RE})\b", right):
            return None
        if re.fullmatch(_ORD, left):  # "4-6 April 2019": the day shares the month
            left = left + " " + re.sub(rf"^{_ORD}\s*", "", right)
        else:
            year = _ANY_YEAR.search(right)
            if year and not _ANY_YEAR.search(left):
                left = f"{left} {year[1]}"
        return self._resolve(left.strip(), anc, prev, depth + 1)

    def _fallback(self, s: str, anc: _Anchor | None) -> DateValue | None:
        """dateparser, only for strings naming a month or weekday (it is slow and eager)."""
        if len(s) > 40 or not _HAS_WORD.search(s):
            return None
        base = anc.day if anc else date.today()
        parser = self._parsers.get(base)
        if parser is None:
            from dateparser.date import DateDataParser

            if len(self._parsers) > 256:
                self._parsers.clear()
            parser = DateDataParser(languages=["en"], settings={
                "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            })
            self._parsers[base] = parser
        try:
            data = parser.get_date_data(s)
        except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
            return None
        if data is None or data.date_obj is None:
            return None
        has_year = _ANY_YEAR.search(s) is not None
        if anc is None and not has_year:
            return None
        period = data.period or "day"
        precision = {"day": "day", "time": "day", "week": "month", "month": "month"}.get(
            period, "year")
        if anc is not None and anc.precision != "day" and not has_year and precision == "day":
            precision = _coarser(precision, anc.precision)
        return _dv(data.date_obj.date(), precision)


def _trim_count(ent: Span) -> Span:
    """"arrested on Sunday three persons": NER folds the count into the weekday's DATE
    entity; a weekday followed only by number words is the weekday."""
    if len(ent) > 1 and ent[0].lower_.rstrip(".") in WEEKDAYS \
            and all(t.like_num or t.pos_ == "NUM" for t in ent[1:]):
        return ent[:1]
    return ent


def _clean(expr: str) -> str:
    """Lower-case, one space, no trailing punctuation/possessive, no commas, "mid-" -> "mid"."""
    s = expr.strip().lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    s = re.sub(r"\s*-\s*", "-", s)
    s = s.replace(",", " ")
    s = re.sub(r"\s+", " ", s).strip()
    previous = None
    while s != previous:
        previous = s
        s = _TRAILING_JUNK.sub("", s).strip()
    s = re.sub(r"^(mid|early|late)-", r"\1 ", s)
    # "2014-15" is a range of years; "2014-05" stays an ISO month
    return re.sub(r"^(\d{4})-(\d{2})$",
                  lambda m: m[0] if int(m[2]) <= 12 else f"{m[1]} to {m[2]}", s)
