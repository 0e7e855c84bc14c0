"""``read_inputs``: from user arguments to Articles, with one InputProblem per bad input.

Each file is read by the reader for its format (by extension, or by sniffing
when the extension says nothing), then every raw document goes through the
same checks and enrichment: enough real words, header metadata, publication
date, title, content hash and MinHash.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest.decode import (
    SNIFF_BYTES,
    BinaryInput,
    binary_reason,
    decode_bytes,
    detect_encoding,
    normalize_text,
    sniff_binary,
)
from newsgraph.ingest.dedup import Fingerprinter, content_hash
from newsgraph.ingest.formats import (
    Raw,
    RawDoc,
    binary_lines,
    looks_like_html,
    read_csv_stream,
    read_html_text,
    read_json_text,
    read_jsonl_lines,
)
from newsgraph.ingest.metadata import DateReader, guess_title, normalize_language, parse_header
from newsgraph.ingest.paths import STDIN, Expansion, expand
from newsgraph.records import Article, InputProblem

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
TABLE_EXTENSIONS = {".csv": ",", ".tsv": "\t"}
MIN_WORDS = 3
INFER_DATE_CHARS = 500_000  # inferred dates are searched in the first 500k characters
_REAL_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class _Run:
    """Settings and helpers shared by one ``read_inputs`` call."""

    max_bytes: int
    dates: DateReader = field(default_factory=DateReader)
    fingerprints: Fingerprinter = field(default_factory=Fingerprinter)


def read_inputs(
    paths: Iterable[str], *, max_bytes: int = 20_000_000
) -> Iterator[Article | InputProblem]:
    """Articles from files, folders, glob patterns and ``-`` (stdin), in a stable order.

    Never raises on bad input: each unusable file or record yields one
    InputProblem with a short reason, and reading goes on with the rest.
    """
    run = _Run(max_bytes=max_bytes)
    seen = Expansion()
    for arg in paths:
        produced = False
        for item in expand(str(arg), seen):
            produced = True
            if isinstance(item, InputProblem):
                yield item
            elif item == STDIN:
                yield from _guarded(STDIN, _read_stdin(run), run)
            else:
                yield from _guarded(item, _read_file(item, run), run)
        if not produced and os.path.isdir(str(arg)):
            yield InputProblem(str(arg), "no article files in this folder")


def _guarded(path: str, raws: Iterator[Raw | None], run: _Run) -> Iterator[Article | InputProblem]:
    """Finish each raw document; any unexpected failure becomes a problem for that file."""
    try:
        for raw in raws:
            if raw is None:  # a derived record of newsgraph's own export: nothing to read
                continue
            yield raw if isinstance(raw, InputProblem) else _finish(raw, run)
    except MemoryError:
        yield InputProblem(path, "out of memory while reading")
    except OSError as exc:
        yield InputProblem(path, f"read error: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        yield InputProblem(path, f"unexpected error: {type(exc).__name__}: {exc}"[:200])


def _size_reason(size: int, max_bytes: int) -> str:
    return f"too large: {size / 1e6:.1f} MB > {max_bytes / 1e6:g} MB limit"


def _read_file(path: str, run: _Run) -> Iterator[Raw]:
    """Raw documents of one file, chosen by extension (and content when that is unclear)."""
    suffix = Path(path).suffix.lower()
    stem = Path(path).stem if suffix else Path(path).name
    try:
        handle = open(path, "rb")  # closed in the finally below
    except PermissionError:
        yield InputProblem(path, "permission denied")
        return
    except OSError as exc:
        yield InputProblem(path, f"cannot open: {exc.strerror or exc}")
        return
    try:
        yield from _read_open_file(handle, path, suffix, stem, run)
    finally:
        handle.close()


def _read_open_file(fh: BinaryIO, path: str, suffix: str, stem: str, run: _Run) -> Iterator[Raw]:
    size = os.fstat(fh.fileno()).st_size
    head = fh.read(SNIFF_BYTES)
    kind = sniff_binary(head)
    if kind:
        yield InputProblem(path, binary_reason(kind))
        return
    if not head.strip():
        if size <= len(head):
            yield InputProblem(path, "no text to analyse (empty file)")
            return
    if suffix in JSONL_EXTENSIONS or suffix in TABLE_EXTENSIONS:
        sample = head + fh.read(64_000)
        encoding = detect_encoding(sample)
        fh.seek(0)
        if suffix in JSONL_EXTENSIONS:
            lines = binary_lines(fh, encoding, run.max_bytes)
            yield from read_jsonl_lines(lines, path=path, stem=stem, max_bytes=run.max_bytes)
        else:
            text_stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
            yield from read_csv_stream(
                text_stream, path=path, stem=stem, delimiter=TABLE_EXTENSIONS[suffix],
                max_bytes=run.max_bytes,
            )
            text_stream.detach()
        return
    if size > run.max_bytes:
        yield InputProblem(path, _size_reason(size, run.max_bytes))
        return
    data = head + fh.read(run.max_bytes + 1 - len(head))
    if len(data) > run.max_bytes:  # grew while we read it
        yield InputProblem(path, _size_reason(len(data), run.max_bytes))
        return
    try:
        text, _encoding = decode_bytes(data)
    except BinaryInput as exc:
        yield InputProblem(path, str(exc))
        return
    yield from _read_text_document(text, path=path, stem=stem, suffix=suffix, run=run)


def _read_text_document(text: str, *, path: str, stem: str, suffix: str, run: _Run) -> Iterator[Raw]:
    """Dispatch a decoded whole document by extension, sniffing JSON/HTML in plain text."""
    start = text.lstrip()[:1]
    if suffix == ".json":
        yield from read_json_text(text, path=path, stem=stem)
        return
    if suffix in HTML_EXTENSIONS:
        yield read_html_text(text, path=path, doc_id=stem)
        return
    if suffix in JSONL_EXTENSIONS:
        lines = ((n, line) for n, line in enumerate(text.split("\n"), start=1))
        yield from read_jsonl_lines(lines, path=path, stem=stem, max_bytes=run.max_bytes)
        return
    if suffix not in TEXT_EXTENSIONS and not _extension_is_noise(suffix):
        yield InputProblem(
            path,
            f"unsupported file type '{suffix}' (use .txt, .md, .html, .json, .jsonl, .csv, .tsv)",
        )
        return
    if start in ("{", "["):
        sniffed = list(_sniff_json(text, path=path, stem=stem, run=run))
        if sniffed:
            yield from sniffed
            return
    if start == "<" and looks_like_html(text):
        yield read_html_text(text, path=path, doc_id=stem)
        return
    yield RawDoc(path, stem, text, parse_header=True, guess_title=True)


def _extension_is_noise(suffix: str) -> bool:
    """A "suffix" that is really part of the name (``report.2019``, ``a.v2-final``)."""
    return not suffix[1:].isalpha() or len(suffix) > 9


def _sniff_json(text: str, *, path: str, stem: str, run: _Run) -> Iterator[Raw]:
    """JSON or JSONL inside a .txt or extension-less file; nothing when it is neither."""
    docs = list(read_json_text(text, path=path, stem=stem))
    if not (len(docs) == 1 and isinstance(docs[0], InputProblem) and docs[0].record is None
            and docs[0].reason.startswith("not valid JSON")):
        yield from docs
        return
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and lines[0].lstrip().startswith("{") and lines[0].rstrip().endswith("}"):
        numbered = ((n, line) for n, line in enumerate(text.split("\n"), start=1))
        yield from read_jsonl_lines(numbered, path=path, stem=stem, max_bytes=run.max_bytes)


def _read_stdin(run: _Run) -> Iterator[Raw]:
    """Standard input: JSONL when the first non-blank character is ``{``, else one document."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        yield InputProblem(STDIN, "standard input is not available")
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (e.g. StringIO)
        data = stream.read(run.max_bytes + 1).encode("utf-8", "replace")
        buffer = io.BytesIO(data)
    leading: list[bytes] = []
    first = buffer.readline(run.max_bytes + 1)
    while first and not first.strip():
        leading.append(first)
        first = buffer.readline(run.max_bytes + 1)
    if first.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"{"):
        yield from read_jsonl_lines(
            _stdin_lines(len(leading), first, buffer, run.max_bytes),
            path=STDIN, stem="stdin", max_bytes=run.max_bytes,
        )
        return
    data = b"".join(leading) + first
    data += buffer.read(max(run.max_bytes + 1 - len(data), 0))
    if len(data) > run.max_bytes:
        yield InputProblem(STDIN, f"too large: over {run.max_bytes / 1e6:g} MB limit")
        return
    if not data.strip():
        yield InputProblem(STDIN, "no text to analyse (empty input)")
        return
    try:
        text, _encoding = decode_bytes(data)
    except BinaryInput as exc:
        yield InputProblem(STDIN, str(exc))
        return
    yield from _read_text_document(text, path=STDIN, stem="stdin", suffix="", run=run)


def _stdin_lines(
    skipped: int, first: bytes, buffer: BinaryIO, limit: int
) -> Iterator[tuple[int, str | None]]:
    """Numbered JSONL lines from stdin, the first already read."""
    yield skipped + 1, first.decode("utf-8", "replace")
    for n, line in binary_lines(buffer, "utf-8", limit):
        yield skipped + 1 + n, line


def _finish(raw: RawDoc, run: _Run) -> Article | InputProblem:
    """Validate one raw document and turn it into an Article."""
    text = raw.text
    meta = dict(raw.meta)
    basis = raw.basis
    if raw.parse_header:
        header = parse_header(text)
        if header.kind:
            text, basis = header.body, header.kind
            meta = {**header.meta, **meta}
    text = normalize_text(text).strip()
    if len(text) > run.max_bytes and len(text.encode("utf-8")) > run.max_bytes:
        return InputProblem(raw.path, _size_reason(len(text.encode("utf-8")), run.max_bytes),
                            raw.record)
    if not _has_words(text):
        return InputProblem(raw.path, "no text to analyse", raw.record)
    published, published_basis = None, "unknown"
    if meta.get("published"):
        found = run.dates.parse_value(meta["published"])
        if found is not None:
            published, published_basis = found.value, basis or "record"
    if published is None:
        published, published_basis = run.dates.publication_date(text[:INFER_DATE_CHARS])
    title = meta.get("title")
    if title is None and raw.guess_title and not basis:
        title = guess_title(text)
    return Article(
        doc_id=raw.doc_id,
        text=text,
        content_hash=content_hash(text),
        title=_clean(title),
        url=_clean(meta.get("url")),
        outlet=_clean(meta.get("outlet")),
        published=published,
        published_basis=published_basis,
        source_path=raw.path,
        language=normalize_language(meta.get("language")) or "en",
        minhash=run.fingerprints.signature(text),
    )


def _clean(value: str | None) -> str | None:
    """One-line metadata value, or None when blank."""
    if value is None:
        return None
    value = " ".join(normalize_text(value).split())
    return value[:1000] or None


def _has_words(text: str) -> bool:
    """At least a few real (alphabetic, 2+ letter) words: not just numbers or punctuation."""
    count = 0
    for _ in _REAL_WORD.finditer(text):
        count += 1
        if count >= MIN_WORDS:
            return True
    return False
