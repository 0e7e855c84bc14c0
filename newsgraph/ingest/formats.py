"""Readers for each input format, producing raw documents (text + metadata) or problems.

Whole-document formats (.txt, .md, .html, .json) are read into memory under
the size limit; line-oriented ones (.jsonl, .csv, .tsv) are streamed record by
record so a large export never has to fit in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from newsgraph.ingest.decode import normalize_text
from newsgraph.ingest.metadata import canonical_key, map_fields
from newsgraph.records import InputProblem

# Field names that hold the article text, best first (canonical form: lowercase, underscores).
TEXT_KEYS: tuple[str, ...] = (
    "text", "body", "content", "full_text", "fulltext", "article", "article_text",
    "article_body", "articlebody", "doc_text", "maintext", "main_text", "story", "story_text",
    "body_text", "text_content", "plain_text", "raw_text", "document",
)
_TEXT_SUFFIXES = ("text", "body", "content")
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|"
    r"div|p|article|section|main|h1)\b",
    re.I | re.S,
)
_LIST_KEYS = ("articles", "records", "items", "data", "documents", "docs", "results", "entries")


@dataclass
class RawDoc:
    """One document before validation: text plus whatever metadata came with it."""

    path: str
    doc_id: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    basis: str | None = None  # where ``meta`` came from: header | html-meta | record ...
    record: str | None = None
    parse_header: bool = False  # plain text: look for a key/value header or front matter
    guess_title: bool = False


Raw = RawDoc | InputProblem


def find_text(obj: dict[str, Any]) -> str | None:
    """The article text of a record: a known text field, else any *text/*body/*content field."""
    by_key = {canonical_key(str(k)): v for k, v in obj.items()}
    for key in TEXT_KEYS:
        text = _as_text(by_key.get(key))
        if text:
            return text
    for key, value in by_key.items():
        if key.endswith(_TEXT_SUFFIXES):
            text = _as_text(value)
            if text:
                return text
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        joined = "\n\n".join(v.strip() for v in value if v.strip())
        return joined or None
    return None


def record_doc(
    obj: Any, *, path: str, stem: str, n: int, multi: bool, record: str | None
) -> Raw | None:
    """A raw document from one JSON/CSV record (``n`` is its 1-based number).

    None for the non-article records of newsgraph's own JSONL export
    (``"record": "actor" | "event" | "evidence"``): they are derived data, which
    re-analysis of the article records rebuilds, so they are skipped silently.
    """
    if not isinstance(obj, dict):
        return InputProblem(path, f"record is a JSON {type(obj).__name__}, not an object", record)
    kind = obj.get("record")
    if isinstance(kind, str) and kind != "article":
        return None
    text = find_text(obj)
    if text is None:
        return InputProblem(path, "record has no text (no text/body/content field)", record)
    meta = map_fields(obj)
    record_id = meta.get("id", "").strip()
    if not multi:
        doc_id = stem
    elif record_id:
        doc_id = record_id
    else:
        doc_id = f"{stem}-{n:05d}"
    return RawDoc(path, doc_id, normalize_text(text), meta, "record", record)


def json_format_error(exc: ValueError) -> str:
    """Short reason for a JSON parse failure."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    return f"not valid JSON ({exc})"


def read_json_text(text: str, *, path: str, stem: str) -> Iterator[Raw | None]:
    """A .json document: one object (one article), a list of objects, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = json_format_error(exc) if isinstance(exc, ValueError) else "JSON nested too deep"
        yield InputProblem(path, reason)
        return
    if isinstance(data, dict) and find_text(data) is None:
        lists = [v for k, v in data.items() if canonical_key(str(k)) in _LIST_KEYS]
        lists = lists or [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1 and isinstance(lists[0], list):
            data = lists[0]
    if isinstance(data, list):
        if not data:
            yield InputProblem(path, "no text to analyse (empty JSON list)")
        for i, obj in enumerate(data, start=1):
            yield record_doc(obj, path=path, stem=stem, n=i, multi=True, record=f"record {i}")
        return
    yield record_doc(data, path=path, stem=stem, n=1, multi=False, record=None)


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML page or fragment."""
    return bool(_HTML_START.match(text[:2000]))


def read_html_text(html: str, *, path: str, doc_id: str) -> Raw:
    """Main text and metadata of a web page via trafilatura; tag-stripping as a fallback.

    Broken or half-downloaded pages still give whatever text they hold.
    """
    meta: dict[str, str] = {}
    text = ""
    try:
        import trafilatura

        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a parser failure must not stop the run
        result = None
    if result is not None:
        data = result if isinstance(result, dict) else result.as_dict()
        text = str(data.get("text") or "")
        raw = {
            "title": data.get("title"),
            "url": data.get("url"),
            "published": data.get("date"),
            "outlet": data.get("sitename"),
            "author": data.get("author"),
            "language": data.get("language"),
        }
        meta = map_fields({k: v for k, v in raw.items() if v})
    if len(text.strip()) < 20:
        fallback = _strip_tags(html)
        if len(fallback.strip()) > len(text.strip()):
            text = fallback
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]{2,10})", html[:5000], re.I)
    if lang and "language" not in meta:
        meta["language"] = lang.group(1)
    if "title" not in meta:
        title = re.search(r"<title[^>]*>(.*?)</title", html[:200_000], re.I | re.S)
        if title and title.group(1).strip():
            meta["title"] = " ".join(_unescape(title.group(1)).split())
    return RawDoc(path, doc_id, normalize_text(text), meta, "html-meta")


def _unescape(text: str) -> str:
    import html as html_lib

    return html_lib.unescape(text)


def _strip_tags(html: str) -> str:
    """Visible text of a page without a real parser (for pages trafilatura gives up on)."""
    text = re.sub(r"(?is)<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)", " ", html)
    text = re.sub(r"(?is)<!--.*?(?:-->|\Z)", " ", text)
    text = re.sub(r"(?i)<(?:br|/p|/div|/h\d|/li|/tr|/article|/section)\b[^>]*>", "\n", text)
    text = re.sub(r"(?s)<[^>]{0,2000}>", " ", text)
    text = re.sub(r"<[^>]*\Z", " ", text)  # a tag cut off by a half-finished download
    text = _unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# ---- line-oriented formats (streamed) ---------------------------------------------------


def binary_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[tuple[int, str | None]]:
    """(line number, text) pairs; text None for a line over ``limit`` bytes (skipped cheaply)."""
    if encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32")):
        wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
        yield from text_lines(wrapper, limit)
        return
    decoder = codecs.lookup(encoding)
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, decoder.decode(line, "replace")[0]


def text_lines(stream: io.TextIOBase, limit: int) -> Iterator[tuple[int, str | None]]:
    """Like ``binary_lines`` for an already decoding stream."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith("\n"):
            while True:
                more = stream.readline(1 << 20)
                if not more or more.endswith("\n"):
                    break
            yield n, None
            continue
        yield n, line


def read_jsonl_lines(
    lines: Iterable[tuple[int, str | None]], *, path: str, stem: str, max_bytes: int
) -> Iterator[Raw | None]:
    """One article per JSON line; a broken line is a problem naming it, the rest goes on."""
    any_record = False
    for n, line in lines:
        where = f"line {n}"
        if line is None:
            yield InputProblem(path, f"record too large (over {_mb(max_bytes)} limit)", where)
            continue
        line = line.strip().lstrip("\ufeff").strip()
        if not line:
            continue
        any_record = True
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = json_format_error(exc) if isinstance(exc, ValueError) else "JSON too deep"
            yield InputProblem(path, reason.replace(" at line 1,", " at"), where)
            continue
        yield record_doc(obj, path=path, stem=stem, n=n, multi=True, record=where)
    if not any_record:
        yield InputProblem(path, "no text to analyse (no records)")


def read_csv_stream(
    stream: io.TextIOBase, *, path: str, stem: str, delimiter: str, max_bytes: int
) -> Iterator[Raw | None]:
    """One article per CSV/TSV row under a header row; bad rows are problems naming the row."""
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)  # process-wide knob; only ever raised
    first = stream.readline(max_bytes + 1)
    while first and not first.strip():
        first = stream.readline(max_bytes + 1)
    if not first.strip():
        yield InputProblem(path, "no text to analyse (empty table)")
        return
    if delimiter == "," and first.count(";") > first.count(","):
        delimiter = ";"
    oversized: list[int] = []
    reader = csv.reader(_bounded(first, stream, max_bytes, oversized), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        yield InputProblem(path, f"unreadable header row ({exc})")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if find_text({h: "x" for h in header}) is None:
        yield InputProblem(path, f"no text column in header ({', '.join(header[:8])[:120]})")
        return
    n = 0
    errors = 0
    while True:
        n += 1
        where = f"row {n}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if oversized:
                oversized.clear()
                yield InputProblem(path, f"record too large (over {_mb(max_bytes)} limit)", where)
                continue
            errors += 1
            yield InputProblem(path, f"malformed row ({exc})", where)
            if errors >= 100:
                yield InputProblem(path, "too many malformed rows; stopped reading")
                return
            continue
        if oversized:
            oversized.clear()
            yield InputProblem(path, f"record too large (over {_mb(max_bytes)} limit)", where)
            continue
        if not any(cell.strip() for cell in row):
            n -= 1
            continue
        if len(row) != len(header):
            hint = " (truncated?)" if len(row) < len(header) else ""
            yield InputProblem(
                path, f"row has {len(row)} fields, header has {len(header)}{hint}", where
            )
            continue
        obj = dict(zip(header, row, strict=True))
        text = find_text(obj) or ""
        if len(text) > max_bytes:
            yield InputProblem(path, f"record too large (over {_mb(max_bytes)} limit)", where)
            continue
        yield record_doc(obj, path=path, stem=stem, n=n, multi=True, record=where)


def _bounded(first: str, stream: io.TextIOBase, limit: int, oversized: list[int]) -> Iterator[str]:
    """Lines for the csv reader, never longer than ``limit``: an overlong line is drained,
    noted in ``oversized`` and replaced by an empty line, so memory stays bounded."""
    yield first
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            while True:
                more = stream.readline(1 << 20)
                if not more or more.endswith("\n"):
                    break
            oversized.append(1)
            yield "\n"
            continue
        yield line


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"
