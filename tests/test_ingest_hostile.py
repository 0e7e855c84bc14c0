"""Hostile inputs: read_inputs must yield a problem (or a clean article), never raise or hang."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest import read_inputs
from newsgraph.ingest.metadata import parse_header
from newsgraph.records import Article, InputProblem

SENTENCE = "The army said its forces had taken the town after heavy fighting overnight. "
ARABIC = "قال المتحدث باسم الجيش إن القوات سيطرت على المدينة بعد اشتباكات عنيفة."
RUSSIAN = "Представитель армии заявил, что войска заняли город после тяжёлых боёв."


def _one(path: Path, **kw: int) -> Article | InputProblem:
    out = list(read_inputs([str(path)], **kw))
    assert len(out) == 1, out
    return out[0]


# (file name, bytes, expected: a substring of the problem reason, or None for an article)
CASES = [
    ("binary.bin", bytes(range(256)) * 64, "binary file"),
    ("paper.txt", b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n5 0 obj\n<</Length 6 0 R>>", "looks like PDF"),
    ("archive.txt", b"PK\x03\x04" + b"\x00" * 100, "looks like ZIP"),
    ("empty.txt", b"", "no text to analyse"),
    ("blank.txt", b"   \n\n\t  \r\n ", "no text to analyse"),
    ("numbers.txt", b"12 345 6789\n2019-04-16 ... 42 %%% !!! 7", "no text to analyse"),
    ("short.txt", b"Hello", "no text to analyse"),
    ("bad.json", b'{"text": "The army said', "not valid JSON"),
    ("list.json", b"[1]", "not an object"),
    ("notext.json", json.dumps({"title": "A headline only"}).encode(), "no text"),
    ("empty.json", b"[]", "no text to analyse"),
    ("broken.html", b"<html><head><title>Cut</title></head><body><p>" + SENTENCE.encode() * 3
     + b"<p>The talks colla", None),
    ("tags.html", b"<html><body><div><script>var x=1;</script></div></body></html>",
     "no text to analyse"),
    ("invalid_utf8.txt", (SENTENCE * 3 + "— “quoted” —").encode() + b"\xc3\x28\xff" + b" end words",
     None),
    ("odd.xyz", SENTENCE.encode(), "unsupported file type"),
    ("deep.json", b"[" * 100_000, "JSON"),
]


@pytest.mark.parametrize(("name", "data", "expect"), CASES, ids=[c[0] for c in CASES])
def test_hostile_files(tmp_path: Path, name: str, data: bytes, expect: str | None) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    result = _one(f)
    if expect is None:
        assert isinstance(result, Article), result
    else:
        assert isinstance(result, InputProblem), result
        assert expect in result.reason
        assert result.path == str(f)


@pytest.mark.parametrize(
    ("text", "codec"),
    [(ARABIC, "cp1256"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8_r"), (ARABIC, "utf-16")],
)
def test_encoded_files_decode_exactly(tmp_path: Path, text: str, codec: str) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(text.encode(codec))
    result = _one(f)
    assert isinstance(result, Article) and result.text == text


def test_mixed_script_rtl_preserved(tmp_path: Path) -> None:
    text = f"{ARABIC}\nKhalifa Haftar (خليفة حفتر) met Fayez al-Sarraj (فايز السراج).\n{RUSSIAN}"
    f = tmp_path / "mixed.md"
    f.write_text(text, encoding="utf-8")
    result = _one(f)
    assert isinstance(result, Article) and result.text == text


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.write(b"war " * 13_100_000)  # 52.4 MB in one write
    result = _one(f)
    assert isinstance(result, InputProblem)
    assert result.reason == "too large: 52.4 MB > 20 MB limit"


def test_single_5mb_line(tmp_path: Path) -> None:
    f = tmp_path / "line.txt"
    f.write_bytes(b"militia fighters clashed near the airport " * 120_000)  # ~5 MB, no newline
    result = _one(f)
    assert isinstance(result, Article) and len(result.text) > 4_900_000


def test_jsonl_streams_and_caps_records(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    small = json.dumps({"text": SENTENCE * 2})
    large = json.dumps({"text": SENTENCE * 200})
    f.write_text("\n".join([small, large, small, "{broken", small]) + "\n")
    out = list(read_inputs([str(f)], max_bytes=2_000))
    kinds = [(type(x).__name__, getattr(x, "record", None)) for x in out]
    assert kinds == [
        ("Article", None), ("InputProblem", "line 2"), ("Article", None),
        ("InputProblem", "line 4"), ("Article", None)]
    assert "too large" in out[1].reason
    assert [a.doc_id for a in out if isinstance(a, Article)] == [
        "big-00001", "big-00003", "big-00005"]


def test_csv_with_truncated_final_row(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(f'title,text\nA,"{SENTENCE}"\nB,"{SENTENCE}"\nC,"The army sa')
    out = list(read_inputs([str(f)]))
    assert [type(x).__name__ for x in out] == ["Article", "Article", "InputProblem"]
    assert out[2].record == "row 3"


def test_symlink_loop_and_dangling_link(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text(SENTENCE)
    os.symlink(root, root / "loop")
    os.symlink(tmp_path / "missing.txt", root / "dangling.txt")
    os.symlink(root / "self", root / "self")  # a link to itself
    out = list(read_inputs([str(root)]))  # terminates despite the loop
    assert [a.doc_id for a in out if isinstance(a, Article)] == ["a"]
    reasons = sorted(p.reason for p in out if isinstance(p, InputProblem))
    assert len(reasons) == 3
    assert any("broken symbolic link" in r for r in reasons)
    assert sum(r.startswith("symbolic link loop") for r in reasons) == 2


def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(SENTENCE)
    d = tmp_path / "locked"
    d.mkdir()
    (d / "x.txt").write_text(SENTENCE)
    os.chmod(f, 0)
    os.chmod(d, 0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        out = list(read_inputs([str(f), str(d)]))
        assert all(isinstance(p, InputProblem) and "permission denied" in p.reason for p in out)
        assert len(out) == 2
    finally:
        os.chmod(f, 0o644)
        os.chmod(d, 0o755)


def test_missing_path_and_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = list(read_inputs([str(tmp_path / "nope.txt"), str(fifo)]))
    assert [p.reason for p in out] == [
        "no such file or folder", "not a regular file (device, pipe or socket)"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".json", ".jsonl", ".csv",
                                                               ".html", ""]))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    f = tmp_path / f"random{suffix}"
    f.write_bytes(data)
    for item in read_inputs([str(f)]):
        assert isinstance(item, Article | InputProblem)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_header_parsing_never_raises(text: str) -> None:
    header = parse_header(text)
    assert isinstance(header.body, str)
    assert all(isinstance(v, str) for v in header.meta.values())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Title: x", "date: 2019", "---", "", "Body words here ok",
                                 "url: http://a", "...", ":", "source: ", "{", "- a"]),
                max_size=12))
def test_header_parsing_on_header_like_lines(lines: list[str]) -> None:
    header = parse_header("\n".join(lines))
    assert header.kind in (None, "header", "front-matter")
