"""Metadata of one document: header lines, front matter, title, language, publication date.

The publication date anchors every relative date later ("on Tuesday", "last
month"), so it is found with care and its basis is recorded: given in a header
or record, a dateline at the top of the text, or inferred from the latest full
date the text mentions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# Header keys (case-insensitive, spaces/dashes as underscores) and the field they fill.
KEY_ALIASES: dict[str, str] = {
    "url": "url", "link": "url", "uri": "url", "source_url": "url", "href": "url",
    "canonical_url": "url",
    "title": "title", "headline": "title", "heading": "title",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "sitename": "outlet", "site_name": "outlet", "newspaper": "outlet", "publication": "outlet",
    "source_name": "outlet", "domain": "outlet",
    "published": "published", "date": "published", "publish_date": "published",
    "pubdate": "published", "pub_date": "published", "published_at": "published",
    "publishedat": "published", "publication_date": "published", "date_published": "published",
    "datepublished": "published", "published_date": "published", "seendate": "published",
    "datetime": "published", "created_at": "published",
    "author": "author", "authors": "author", "byline": "author", "by": "author",
    "language": "language", "lang": "language",
    "id": "id", "doc_id": "id", "docid": "id", "article_id": "id", "_id": "id", "uuid": "id",
    "guid": "id",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_ \-]{0,30}?)\s*:\s*(.*?)\s*$")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.I)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(rf"\b{_YEAR}-(?P<m>0?[1-9]|1[0-2])-{_DAY}(?![\d])")),
    ("ymd", re.compile(rf"\b{_YEAR}[/.](?P<m>0?[1-9]|1[0-2])[/.]{_DAY}\b")),
    ("num", re.compile(rf"(?<![\d/.-])(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-]{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}{_ORD}(?:\s+of)?[\s-]+{_MON}[\s,-]+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY}{_ORD}(?:,\s*|\s+){_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
)
# "TRIPOLI, April 16 (Reuters) -": a place, then a day and month without year.
_PLACE_PREFIX = r"^[A-Z][\w .,'’-]{1,60}?,\s*"
_WIRE_AFTER = r"(?:\s*\([^)]{1,40}\))?\s*[-–—:]"  # "(Reuters) -" or just a dash
_DATELINE_NO_YEAR: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_PLACE_PREFIX}(?i:{_MON})\s+{_DAY}{_ORD}{_WIRE_AFTER}"),
    re.compile(rf"{_PLACE_PREFIX}{_DAY}{_ORD}\s+(?i:{_MON}){_WIRE_AFTER}"),
)
_DATELINE_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|date|on|at|this|story|is|was|from|by|am|pm|"
    r"gmt|utc|cet|cest|est|edt|local|time|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b|[\d:|/.,\-–—()+]",
    re.I,
)
_YEAR_ANYWHERE = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class FoundDate:
    """A date found in text or metadata, ISO at its precision."""

    value: str  # 2019-04-16, 2019-04 or 2019
    precision: str  # day | month | year
    start: int = 0
    end: int = 0

    def sort_key(self) -> tuple[int, int, int, int]:
        """Later dates sort higher; a day inside a month outranks the bare month."""
        parts = [int(p) for p in self.value.split("-")]
        parts += [0] * (3 - len(parts))
        return (parts[0], parts[1], parts[2], {"year": 0, "month": 1, "day": 2}[self.precision])


@dataclass
class Header:
    """Metadata read from the top of a text file, and where the body starts."""

    meta: dict[str, str] = field(default_factory=dict)
    body: str = ""
    kind: str | None = None  # "header" | "front-matter" | None


def canonical_key(key: str) -> str:
    """Normalise a field name: lowercase, spaces and dashes as underscores."""
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _scalar(value: Any) -> str | None:
    """A header/record value as one string (lists of strings joined), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, list):
        items = [str(v) for v in value if isinstance(v, str | int | float) and str(v).strip()]
        return ", ".join(items) or None
    if isinstance(value, dict):
        name = value.get("name") or value.get("title")  # e.g. NewsAPI {"source": {"name": ..}}
        return str(name).strip() or None if name else None
    text = str(value).strip()
    return text or None


def map_fields(raw: dict[str, Any]) -> dict[str, str]:
    """Map arbitrary metadata keys onto url/title/outlet/published/author/language/id."""
    out: dict[str, str] = {}
    # A key named exactly like its target ("id") wins over an alias ("article_id"),
    # whatever the order of keys in the record.
    items = sorted(raw.items(), key=lambda kv: KEY_ALIASES.get(canonical_key(str(kv[0])))
                   != canonical_key(str(kv[0])))
    for key, value in items:
        target = KEY_ALIASES.get(canonical_key(str(key)))
        text = _scalar(value)
        if not target or text is None:
            continue
        if target == "outlet" and _URLISH.match(text):
            out.setdefault("url", text)
            continue
        out.setdefault(target, text)
    return out


def parse_header(text: str, *, max_lines: int = 40) -> Header:
    """Split a leading ``key: value`` block or YAML front matter from the body.

    A header counts only when its first line is a known key (url, title,
    source, date, ...) and the block ends with a blank line, so an article
    that starts "Source: officials said" is not mistaken for metadata.
    """
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n"):
        found = _front_matter(stripped, max_lines * 5)
        if found is not None:
            return found
    lines = stripped.split("\n", max_lines + 1)
    first = _HEADER_LINE.match(lines[0][:500]) if lines else None
    if not first or canonical_key(first.group(1)) not in KEY_ALIASES:
        return Header(body=text)
    raw: dict[str, str] = {}
    for i, line in enumerate(lines[:max_lines]):
        if not line.strip():
            body = "\n".join(lines[i + 1 :]) if i + 1 < len(lines) else ""
            return Header(meta=map_fields(raw), body=body.lstrip("\n"), kind="header")
        match = _HEADER_LINE.match(line[:2000])
        if not match:
            return Header(body=text)
        raw.setdefault(match.group(1), match.group(2))
    return Header(body=text)


def _front_matter(text: str, max_lines: int) -> Header | None:
    """YAML between a first ``---`` line and the next ``---`` (or ``...``) line."""
    lines = text.split("\n", max_lines + 1)
    for i in range(1, min(len(lines), max_lines)):
        if lines[i].rstrip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :]) if i + 1 < len(lines) else ""
            try:
                data = yaml.safe_load(block)
            except Exception:  # noqa: BLE001 - any YAML failure means "no front matter"
                data = None
            if not isinstance(data, dict):
                data = {}
                for line in lines[1:i]:
                    match = _HEADER_LINE.match(line[:2000])
                    if match:
                        data.setdefault(match.group(1), match.group(2))
            if not data:
                return None
            return Header(meta=map_fields(data), body=body.lstrip("\n"), kind="front-matter")
    return None


def guess_title(body: str) -> str | None:
    """First line as title when short, without final period and followed by a blank line."""
    head = body.lstrip("\n")[:400]
    first, sep, rest = head.partition("\n")
    first = first.strip()
    if not sep or not first or len(first) >= 150 or first.endswith("."):
        return None
    if not rest.startswith("\n") and not rest.lstrip(" \t").startswith("\n"):
        return None
    if not re.search(r"[^\W\d_]{2,}", first):
        return None
    return first


def normalize_language(value: str | None) -> str | None:
    """ISO 639-1 code from "en", "eng", "English", "en-US"; None when unknown."""
    if not value:
        return None
    raw = value.strip()
    code = re.split(r"[-_]", raw, maxsplit=1)[0].lower()
    if len(code) == 2 and code.isalpha():
        return code
    try:
        import pycountry

        lang = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
        if lang is None:
            lang = pycountry.languages.get(name=raw.capitalize())
    except (KeyError, LookupError):
        lang = None
    alpha2 = getattr(lang, "alpha_2", None) if lang is not None else None
    return alpha2


def _valid(y: int, m: int, d: int | None, max_year: int) -> bool:
    """A real calendar date within the plausible range of news."""
    if not 1900 <= y <= max_year:
        return False
    try:
        dt.date(y, m, d or 1)
    except ValueError:
        return False
    return True


def _iso(y: int, m: int | None = None, d: int | None = None) -> FoundDate:
    if m is None:
        return FoundDate(f"{y:04d}", "year")
    if d is None:
        return FoundDate(f"{y:04d}-{m:02d}", "month")
    return FoundDate(f"{y:04d}-{m:02d}-{d:02d}", "day")


def find_dates(text: str, *, max_year: int | None = None) -> list[FoundDate]:
    """Every explicit day-month-year or month-year date in ``text``, in order of position.

    Numeric dates are read day-first (16/04/2019) unless only month-first is
    valid (04/16/2019). Overlapping matches keep the more precise one.
    """
    limit = max_year if max_year is not None else dt.date.today().year + 1
    found: list[FoundDate] = []
    taken = bytearray(len(text))  # 1 where an earlier (more precise) pattern matched
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if 1 in taken[start:end]:
                continue
            date = _from_match(kind, match, limit)
            if date is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(FoundDate(date.value, date.precision, start, end))
    return sorted(found, key=lambda f: f.start)


_YEARLESS = re.compile(
    r"\b(?:(?P<mon1>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2}) (?P<mon2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\b"
    r"(?!,? \d{4})", re.IGNORECASE)


def _yearless_after(text: str, full: list[FoundDate]) -> list[FoundDate]:
    """Days without a year ("on August 21") after a full date, in its year, when they fall
    after it (a day before it may belong to the next year: left out)."""
    out: list[FoundDate] = []
    for m in _YEARLESS.finditer(text):
        before = [f for f in full if f.end <= m.start()]
        if not before:
            continue
        ref = before[-1]
        mon = (m.group("mon1") or m.group("mon2")).lower()
        day = int(m.group("d1") or m.group("d2"))
        year = int(ref.value[:4])
        if mon not in MONTHS or not 1 <= day <= 31:
            continue
        try:
            value = dt.date(year, MONTHS[mon], day).isoformat()
        except ValueError:
            continue
        if value > ref.value:
            out.append(FoundDate(value, "day", m.start(), m.end()))
    return out


def _from_match(kind: str, match: re.Match[str], max_year: int) -> FoundDate | None:
    """Turn one regex match into a validated date."""
    groups = match.groupdict()
    y = int(groups["y"])
    if kind == "num":
        a, b = int(groups["a"]), int(groups["b"])
        d, m = (a, b) if b <= 12 else (b, a)  # day-first unless impossible
    elif kind == "my":
        m = MONTHS[groups["mon"].lower()]
        return _iso(y, m) if _valid(y, m, None, max_year) else None
    else:
        d = int(groups["d"])
        m = int(groups["m"]) if groups.get("m") else MONTHS[groups["mon"].lower()]
    return _iso(y, m, d) if _valid(y, m, d, max_year) else None


class DateReader:
    """Reads publication dates from metadata values and article text.

    Holds a lazily built dateparser instance (slow to create) for metadata
    values the regexes do not cover, e.g. "16 апреля 2019".
    """

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        self._parser: Any = None

    def parse_value(self, value: Any) -> FoundDate | None:
        """Normalise a metadata date (ISO, 16/04/2019, April 16, 2019, epoch) to ISO."""
        if isinstance(value, dt.datetime | dt.date):
            return _iso(value.year, value.month, value.day)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._epoch(float(value))
        text = str(value or "").strip()[:200]
        if not text:
            return None
        if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
            return self._epoch(float(text))
        max_year = self.today.year + 1
        if re.fullmatch(r"(?:19|20)\d{2}", text):
            return _iso(int(text))
        month = re.fullmatch(r"((?:19|20)\d{2})-(0?[1-9]|1[0-2])", text)
        if month:
            return _iso(int(month.group(1)), int(month.group(2)))
        found = find_dates(text, max_year=max_year)
        if found:
            return FoundDate(found[0].value, found[0].precision)
        return self._dateparser(text)

    def _epoch(self, seconds: float) -> FoundDate | None:
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
        return _iso(day.year, day.month, day.day) if 1970 < day.year <= self.today.year + 1 else None

    def _dateparser(self, text: str) -> FoundDate | None:
        """Fallback for dates in other languages and odd formats."""
        if not re.search(r"\d", text):
            return None
        try:
            if self._parser is None:
                from dateparser.date import DateDataParser

                self._parser = DateDataParser(
                    settings={
                        "DATE_ORDER": "DMY",
                        "PREFER_DAY_OF_MONTH": "first",
                        "REQUIRE_PARTS": ["year"],
                    }
                )
            data = self._parser.get_date_data(text)
        except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input
            return None
        when = getattr(data, "date_obj", None)
        if when is None or not 1900 <= when.year <= self.today.year + 1:
            return None
        period = getattr(data, "period", "day")
        if period == "year":
            return _iso(when.year)
        if period == "month":
            return _iso(when.year, when.month)
        return _iso(when.year, when.month, when.day)

    def dateline(self, text: str, *, lines: int = 5) -> FoundDate | None:
        """A publication date stated at the top of the article.

        First a short line that is only a date ("Tuesday 16/04/2019",
        "Published: April 16, 2019 10:00 GMT"); then a wire dateline
        ("TRIPOLI, April 16 (Reuters) -") with the year of the text's latest
        full date or, failing that, a year named in the top lines.
        """
        top = [line.strip()[:300] for line in text[:6000].split("\n") if line.strip()][:lines]
        max_year = self.today.year + 1
        for line in top:
            if len(line) > 100:
                continue
            dates = [d for d in find_dates(line, max_year=max_year) if d.precision != "year"]
            if not dates:
                continue
            residue = line[: dates[0].start] + line[dates[0].end :]
            if len(re.findall(r"[^\W\d_]{2,}", _DATELINE_FILLER.sub(" ", residue))) <= 3:
                return FoundDate(dates[0].value, dates[0].precision)
        for line in top:
            match = next((m for p in _DATELINE_NO_YEAR if (m := p.match(line))), None)
            if not match:
                continue
            mon, day = match.group("mon"), match.group("d")
            if not mon[0].isupper():
                continue
            year = self._year_near(top, text, max_year)
            m, d = MONTHS[mon.lower()], int(day)
            if year and _valid(year, m, d, max_year):
                return _iso(year, m, d)
        return None

    def _year_near(self, top: list[str], text: str, max_year: int) -> int | None:
        """Year for a dateline without one: the text's latest full date, else a top-line year."""
        latest = self.latest_in_text(text)
        if latest:
            return int(latest.value[:4])
        years = [
            int(m.group(0)) for line in top for m in _YEAR_ANYWHERE.finditer(line)
            if 1900 <= int(m.group(0)) <= max_year
        ]
        return max(years) if years else None

    def latest_in_text(self, text: str) -> FoundDate | None:
        """The latest explicit full date (day-month-year or month-year) not after today; a
        later day told without its year ("June 20, 2020 ... on August 21") counts in the
        year of the full date before it."""
        today = self.today.isoformat()
        full = find_dates(text, max_year=self.today.year)
        dates = [d for d in full + _yearless_after(text, full)
                 if d.precision != "year" and d.value <= today]
        if not dates:
            return None
        best = max(dates, key=FoundDate.sort_key)
        return FoundDate(best.value, best.precision)

    def publication_date(self, text: str) -> tuple[str | None, str]:
        """(ISO date or None, basis) from the text alone: dateline, else inferred."""
        found = self.dateline(text)
        if found:
            return found.value, "dateline"
        found = self.latest_in_text(text)
        if found:
            return found.value, "inferred"
        return None, "unknown"
