"""Publication dates, headers, titles and languages (newsgraph.ingest.metadata)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.ingest.metadata import (
    DateReader,
    find_dates,
    guess_title,
    normalize_language,
    parse_header,
)
from newsgraph.records import Article

TODAY = dt.date(2024, 6, 1)
FILLER = "Officials in the capital said the talks would continue next week despite the clashes."


@pytest.fixture(scope="module")
def reader() -> DateReader:
    return DateReader(today=TODAY)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2019-04-16", "2019-04-16"),
        ("2019-04-16T10:00:00Z", "2019-04-16"),
        ("2019-04", "2019-04"),
        ("2019", "2019"),
        ("16/04/2019", "2019-04-16"),
        ("04/16/2019", "2019-04-16"),  # only month-first is valid
        ("05/04/2019", "2019-04-05"),  # ambiguous: day-first
        ("16.04.2019", "2019-04-16"),
        ("April 16, 2019", "2019-04-16"),
        ("16 April 2019", "2019-04-16"),
        ("Tue, 16 Apr 2019 10:00:00 +0000", "2019-04-16"),
        ("April 2019", "2019-04"),
        ("16 апреля 2019", "2019-04-16"),
        (1555400000, "2019-04-16"),
        ("not a date", None),
        ("31/02/2019", None),
        ("", None),
    ],
)
def test_parse_value(reader: DateReader, value: object, iso: str | None) -> None:
    found = reader.parse_value(value)
    assert (found.value if found else None) == iso


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here\n\nTuesday 16/04/2019\n" + FILLER, ("2019-04-16", "dateline")),
        ("This story is from March 10, 2002\n\n" + FILLER, ("2002-03-10", "dateline")),
        ("Published: 16 April 2019 | 10:00 GMT\n" + FILLER, ("2019-04-16", "dateline")),
        ("TRIPOLI, April 16 (Reuters) - " + FILLER + " Fighting began on April 4, 2019.",
         ("2019-04-16", "dateline")),
        ("BENGHAZI, Libya, 3 May (AFP) — " + FILLER + " It has raged since 2014.\nIn 2019 x.",
         ("2019-05-03", "dateline")),
        # the latest explicit date wins; "October 24" without year does not count
        ("On October 24, talks failed. " + FILLER + " The raid in October 2018 and the "
         "meeting of 17 December 2017 were earlier.", ("2018-10", "inferred")),
        (FILLER + " The accord signed on 17 December 2015 and a vote on 3 March 2016.",
         ("2016-03-03", "inferred")),
        (FILLER + " Elections are planned for December 2031.", (None, "unknown")),  # future
        (FILLER, (None, "unknown")),
        # a long line is not a dateline; a caption date is found only as inferred
        (FILLER * 3 + " on April 14, 2019.\n" + FILLER, ("2019-04-14", "inferred")),
        ("On October 23, talks failed in Cairo.\n" + FILLER, (None, "unknown")),
        # a later day told without its year counts in the year of the full date before it
        (FILLER + " On June 20, 2020 the army advanced; on July 13 talks resumed and on "
         "August 21 a truce was signed.", ("2020-08-21", "inferred")),
        # ... but not one that falls before it (it may be of the next year)
        (FILLER + " On June 20, 2020 the army advanced; on January 5 talks resumed.",
         ("2020-06-20", "inferred")),
    ],
)
def test_publication_date(reader: DateReader, text: str, expected: tuple) -> None:
    assert reader.publication_date(text) == expected


def test_find_dates_positions_and_precision() -> None:
    text = "Between 4 April 2019 and June 2019, and on 2019-06-30."
    found = find_dates(text, max_year=2030)
    assert [(d.value, d.precision) for d in found] == [
        ("2019-04-04", "day"), ("2019-06", "month"), ("2019-06-30", "day")]
    assert text[found[0].start : found[0].end] == "4 April 2019"


@pytest.mark.parametrize(
    ("text", "meta", "kind", "body_start"),
    [
        ("Title: T\nDATE: 2019-04-16\nAuthor: A B\n\nBody.", {"title": "T",
         "published": "2019-04-16", "author": "A B"}, "header", "Body."),
        ("url: https://a.b/c\nlanguage: ar\n\nBody.", {"url": "https://a.b/c",
         "language": "ar"}, "header", "Body."),
        ("source: https://a.b/c\n\nBody.", {"url": "https://a.b/c"}, "header", "Body."),
        ("Random: value\n\nBody.", {}, None, "Random"),  # first key unknown
        ("Title: T\nno colon line\n\nBody.", {}, None, "Title"),  # not a clean block
        ("Title: T\nBody without blank line", {}, None, "Title"),
        ("---\ntitle: T\ndate: 2019-04-16\ntags: [a, b]\n---\nBody.",
         {"title": "T", "published": "2019-04-16"}, "front-matter", "Body."),
        ("---\ntitle: [unclosed\n---\nBody.", {"title": "[unclosed"}, "front-matter", "Body."),
        ("---\nnot yaml front matter at all", {}, None, "---"),
    ],
)
def test_parse_header(text: str, meta: dict, kind: str | None, body_start: str) -> None:
    header = parse_header(text)
    assert header.meta == meta
    assert header.kind == kind
    assert header.body.startswith(body_start)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Haftar seeks to counter foreign involvement\n\nBody text.", "Haftar seeks to "
         "counter foreign involvement"),
        ("A sentence that ends with a period.\n\nBody.", None),
        ("No blank line after\nBody.", None),
        ("x" * 160 + "\n\nBody.", None),
        ("2019 - 04\n\nBody.", None),
        ("Only one line", None),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


@pytest.mark.parametrize(
    ("value", "code"),
    [("en", "en"), ("EN-us", "en"), ("ara", "ar"), ("Arabic", "ar"), ("rus", "ru"),
     ("", None), ("klingonese", None)],
)
def test_normalize_language(value: str, code: str | None) -> None:
    assert normalize_language(value) == code


def test_header_language_and_date_reach_article(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Language: Arabic\nPublished: 2019-04-16T10:00:00Z\n\n" + FILLER)
    (art,) = [a for a in read_inputs([str(f)]) if isinstance(a, Article)]
    assert (art.language, art.published, art.published_basis) == ("ar", "2019-04-16", "header")


def test_unparseable_header_date_falls_back_to_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Date: sometime soon\n\nCAIRO, May 3 (AP) - " + FILLER + " On 1 May 2019 x.")
    (art,) = [a for a in read_inputs([str(f)]) if isinstance(a, Article)]
    assert (art.published, art.published_basis) == ("2019-05-03", "dateline")
