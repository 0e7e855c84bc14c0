"""Decoding bytes to normalised text (newsgraph.ingest.decode) and through read_inputs."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.ingest.decode import BinaryInput, decode_bytes, fix_mojibake, normalize_text
from newsgraph.records import Article

ARABIC = "أعلن الجيش الوطني الليبي بقيادة خليفة حفتر أنه سيطر على مدينة غريان جنوب طرابلس."
RUSSIAN = "Ливийская национальная армия под командованием Халифы Хафтара заявила о взятии Гарьяна."
FRENCH = "Le président a déclaré à la presse que l'armée était prête à négocier."
GREEK = "Ο πρωθυπουργός δήλωσε ότι η κυβέρνηση στηρίζει τις συνομιλίες."
MIXED = "قال المتحدث باسم الجيش إن Khalifa Haftar (خليفة حفتر) met the GNA in Tripoli on Tuesday."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARABIC, "cp1256"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (FRENCH, "cp1252"),
        (FRENCH, "latin-1"),
        (GREEK, "cp1253"),
        (ARABIC, "utf-8"),
        (MIXED, "utf-8"),
    ],
)
def test_legacy_and_utf8_round_trip(text: str, encoding: str) -> None:
    decoded, _used = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (b"", "utf-16-le"),  # no BOM: recognised from the NUL pattern
    ],
)
def test_unicode_with_and_without_bom(bom: bytes, codec: str) -> None:
    text = "Haftar met Sarraj in Abu Dhabi. " + ARABIC
    decoded, _ = decode_bytes(bom + text.encode(codec))
    assert decoded == text


def test_invalid_utf8_bytes_are_replaced_not_fatal() -> None:
    data = ("Sarraj’s government — “the GNA” — said " * 5).encode() + b"\xff\xfe bad " + b"tail"
    decoded, used = decode_bytes(data)
    assert used == "utf-8"
    assert "Sarraj’s government" in decoded and decoded.endswith("tail")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("Hafta\u200br\u00ad said", "Haftar said"),
        ("e\u0301te\u0301", "été"),  # NFC
        ("bell\x07 and nul\x00 gone\ttab kept", "bell and nul gone\ttab kept"),
        ("\u200fمرحبا\u200e ok", "مرحبا ok"),
        ("Sarrajâ€™s â€œGNAâ€\ufffd", "Sarraj’s “GNA”"),
        ("SÃO PAULO", "SÃO PAULO"),  # genuine Latin-1 text is not "repaired"
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ is orthographic in Persian: kept
    ],
)
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_fix_mojibake_arabic_read_as_cp1252() -> None:
    words = "الجيش الليبي"  # every UTF-8 byte of these letters is defined in cp1252
    garbled = words.encode("utf-8").decode("cp1252")
    assert garbled != words
    assert fix_mojibake(garbled) == words


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00", "GZIP"),
        (bytes(range(256)) * 4, "not text"),
    ],
)
def test_binary_detected(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryInput, match=kind):
        decode_bytes(data)


def test_legacy_file_through_read_inputs(tmp_path: Path) -> None:
    f = tmp_path / "ar.txt"
    f.write_bytes((ARABIC + "\n\n" + ARABIC).encode("cp1256"))
    (art,) = [a for a in read_inputs([str(f)]) if isinstance(a, Article)]
    assert art.text == ARABIC + "\n\n" + ARABIC
