"""Bytes to clean text: BOMs, UTF-8, legacy code pages, binary detection, normalisation.

News files arrive in every encoding the world uses (Windows-1256 Arabic,
KOI8-R Russian, UTF-16 from Windows tools, ...) and sometimes are not text at
all (a PDF renamed .txt). Everything downstream works on offsets into one
normalised string, so the normalisation happens once, here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

SNIFF_BYTES = 8192
DETECT_SAMPLE = 200_000

# Leading bytes of common non-text formats, with the name shown to the user.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office document"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh91AY", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"{\\rtf", "RTF document"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Invisible characters that split words for the parser without carrying meaning.
# ZWNJ/ZWJ (U+200C/U+200D) are kept: they are orthographic in Persian and Indic scripts.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\ufffe]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0c\x85]")
# UTF-8 read as Windows-1252 ("â€™" for "’"): a lead byte char then 1-3 continuation chars.
_CP1252_CONT = (
    "\x80-\x9f\xa1-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122\ufffd"
)
_MOJIBAKE = re.compile(
    f"\u00c2\u00a0|\u00e2\u20ac\ufffd|[\u00c2-\u00df][{_CP1252_CONT}]"
    f"|[\u00e0-\u00ef][{_CP1252_CONT}]{{2}}|[\u00f0-\u00f4][{_CP1252_CONT}]{{3}}"
)
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")


_LATIN_FAMILY = frozenset(
    "cp1250 cp1252 cp1254 cp1257 latin_1 iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 "
    "iso8859_13 iso8859_14 iso8859_15 iso8859_16 mac_latin2 mac_roman mac_iceland mac_turkish "
    "cp437 cp775 cp850 cp852 cp857 cp858 cp1125 hp_roman8".split()
)


_LEGACY_CANDIDATES: tuple[str, ...] = (
    "cp1252", "cp1251", "cp1256", "koi8_r", "cp1250", "cp1253", "cp1255", "cp1254",
    "cp1257", "iso8859_6", "cp866", "mac_cyrillic", "gb18030", "big5", "shift_jis", "euc_kr",
)
_NEVER_GUESS: tuple[str, ...] = (
    "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7",
)
_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")


class BinaryInput(ValueError):
    """Raised by ``decode_bytes`` when the bytes are not text; message is the user reason."""


def sniff_binary(head: bytes) -> str | None:
    """Name the binary format of ``head`` (first bytes of a file), or None if it may be text."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample and _utf16_guess(sample) is None:
        return "unknown binary format"
    return None


def _utf16_guess(sample: bytes) -> str | None:
    """UTF-16 without BOM: NULs sit regularly on even or odd positions (ASCII-heavy text)."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """Best guess of the encoding of ``data`` (a whole file or a leading sample).

    Order: BOM, UTF-16 without BOM, strict UTF-8 (tolerating a few bad bytes in a
    file that is clearly UTF-8), then charset-normalizer for legacy code pages.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return "utf-8-sig" if name == "utf-8" else name
    if b"\x00" in data[:SNIFF_BYTES]:
        guess = _utf16_guess(data[:SNIFF_BYTES])
        if guess:
            return guess
    sample = data[:DETECT_SAMPLE]
    if len(sample) < len(data):  # a cut sample may end inside a multi-byte character
        decoded = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final=False)
    else:
        decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - sample.count("\ufffd".encode())
    if bad == 0:
        return "utf-8"
    good_multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    if good_multibyte >= 3 and bad <= good_multibyte // 3:
        return "utf-8"  # UTF-8 with a few stray bytes: keep it, replace the strays
    return _legacy_encoding(sample)


def _legacy_encoding(sample: bytes) -> str:
    """Pick the legacy code page under which ``sample`` reads most like real words.

    charset-normalizer alone is unreliable on short texts (it reads a KOI8-R
    sentence as UTF-16 or Shift-JIS), so its guess only joins a fixed list of
    common news code pages (at the end: it only wins when clearly better),
    each scored by how odd its decoded words look; the earlier candidate wins a tie.
    """
    candidates = list(_LEGACY_CANDIDATES)
    best = from_bytes(sample[:50_000], cp_exclusion=list(_NEVER_GUESS)).best()
    if best is not None and best.encoding not in _LATIN_FAMILY:
        candidates.append(best.encoding)
    scored: list[tuple[float, int, str]] = []
    for rank, encoding in enumerate(candidates):
        try:
            text = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_oddness(text), rank, encoding))
    if not scored:
        return "cp1252"
    return min(scored)[2]


def _script(ch: str) -> str:
    """Coarse script of a letter: first word of its Unicode name (LATIN, CYRILLIC, ...)."""
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def _oddness(text: str) -> float:
    """How unlike natural words the non-ASCII parts of ``text`` are (0 = perfectly plausible).

    Wrong code pages give symbols inside words, words mixing scripts, case
    flipping inside words (KOI8-R read as cp1251) or Latin words made only of
    accented letters (Arabic bytes read as cp1252).
    """
    bad = 0
    counted = 0
    for word in _WORD.findall(text)[:3000]:
        letters = [c for c in word if c.isalpha()]
        scripts = {_script(c) for c in letters}
        if len(scripts) > 1:
            bad += 1
        for i, ch in enumerate(word):
            if ch.isascii():
                continue
            counted += 1
            cat = unicodedata.category(ch)
            if cat[0] in "LM":
                if i > 0 and ch.isupper() and word[i - 1].islower():
                    bad += 1
            elif cat[0] == "P" or cat == "Sc":
                if 0 < i < len(word) - 1:
                    bad += 1
            else:
                bad += 1
        if scripts == {"LATIN"} and len(letters) >= 3 and not any(c.isascii() for c in letters):
            bad += 2  # a Latin word with no plain a-z letter at all is rarely real
    return bad / max(counted, 1)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole document; returns (normalised text, encoding used).

    Raises BinaryInput (message "binary file (looks like PDF)") for non-text bytes.
    """
    kind = sniff_binary(data[:SNIFF_BYTES])
    if kind:
        raise BinaryInput(binary_reason(kind))
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    return normalize_text(text), encoding


def binary_reason(kind: str) -> str:
    """The one-line reason shown for a binary input."""
    if kind == "unknown binary format":
        return "binary file (not text)"
    return f"binary file (looks like {kind})"


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was once decoded as Windows-1252 ("â€™" -> "’").

    Only sequences that re-encode to valid UTF-8 are touched, so genuine
    Latin-1 text ("SÃO PAULO" is invalid as UTF-8) is left alone.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text

    def repair(match: re.Match[str]) -> str:
        s = match.group(0)
        if s == "\u00c2\u00a0":
            return "\u00a0"
        if s == "\u00e2\u20ac\ufffd":  # right double quote whose 0x9D byte was lost
            return "\u201d"
        try:
            return s.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            try:  # bytes 0x80-0x9f decoded as Latin-1 controls
                return s.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                return s

    return _MOJIBAKE.sub(repair, text)


def normalize_text(text: str) -> str:
    """One canonical form: \\n newlines, NFC, no invisible or control characters.

    Right-to-left and mixed-script text keeps every letter; only direction
    marks and zero-width spaces (which break tokenisation) are removed.
    """
    text = _NEWLINES.sub("\n", text)
    text = fix_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return text
