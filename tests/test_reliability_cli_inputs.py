"""Hostile inputs at the CLI level: one stderr line per bad input, recorded, exit status 0/1/2.

tests/test_ingest_hostile.py checks what ``read_inputs`` yields for each hostile
file; here the same kinds of files go through ``newsgraph ingest`` as one batch
mixed with good articles, and we check what a user sees: the good articles are
stored, each bad input is named once on stderr (file, line/record, reason) and
kept in ``newsgraph errors``, no traceback, and the exit status says whether
everything (0), something (1) or nothing (2) could be used.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
pytestmark = pytest.mark.slow

SENTENCE = ("The army said its forces had taken the town of Gharyan after heavy fighting "
            "overnight, a spokesman told reporters in Tripoli. ")
ARABIC = ("قال المتحدث باسم الجيش إن القوات سيطرت على المدينة بعد اشتباكات عنيفة في الليل، "
          "وأكد أن المعارك مستمرة قرب العاصمة. ")
LONG_LINE_BYTES = 5_000_000


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout)


def _make_hostile(d: Path) -> tuple[dict[str, tuple[str | None, str]], dict[str, str]]:
    """Write the hostile files; return expected problems {path: (record, reason part)}
    and expected articles {path: exact text or '' when only presence is checked}."""
    d.mkdir()
    problems: dict[str, tuple[str | None, str]] = {}
    articles: dict[str, str] = {}

    def bad(name: str, data: bytes, reason: str, record: str | None = None) -> None:
        (d / name).write_bytes(data)
        problems[str(d / name) + (f":{record}" if record else "")] = (record, reason)

    bad("binary.txt", bytes(range(256)) * 64, "binary")
    bad("empty.txt", b"", "no text")
    bad("numbers.txt", b"12 345 6789\n2019-04-16 42 7 3.14\n" * 20, "no text")
    (d / "arabic_cp1256.txt").write_bytes((ARABIC * 3).encode("cp1256"))
    articles[str(d / "arabic_cp1256.txt")] = (ARABIC * 3).strip()
    (d / "english_utf16.txt").write_bytes((SENTENCE * 3).encode("utf-16"))
    articles[str(d / "english_utf16.txt")] = (SENTENCE * 3).strip()
    (d / "invalid_utf8.txt").write_bytes((SENTENCE * 3).encode() + b"\xc3\x28\xff" + b" end.")
    articles[str(d / "invalid_utf8.txt")] = ""
    feed = [json.dumps({"title": "one", "text": SENTENCE * 3}), "{broken json",
            json.dumps({"title": "two", "text": SENTENCE * 2 + "Fighting went on."})]
    (d / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    problems[f"{d / 'feed.jsonl'}:line 2"] = ("line 2", "JSON")
    (d / "table.csv").write_text(f'title,text\n"A","{SENTENCE * 2}"\n"B","{SENTENCE} and then th',
                                 encoding="utf-8")
    problems[f"{d / 'table.csv'}:row 2"] = ("row 2", "")
    os.symlink("loop_b.txt", d / "loop_a.txt")
    os.symlink("loop_a.txt", d / "loop_b.txt")
    problems[str(d / "loop_a.txt")] = (None, "link loop")
    problems[str(d / "loop_b.txt")] = (None, "link loop")
    if os.geteuid() == 0:  # root reads any mode; /proc/self/mem fails on read with EIO
        os.symlink("/proc/self/mem", d / "unreadable.txt")
        problems[str(d / "unreadable.txt")] = (None, "error")
    else:
        (d / "unreadable.txt").write_text(SENTENCE * 3)
        (d / "unreadable.txt").chmod(0)
        problems[str(d / "unreadable.txt")] = (None, "permission denied")
    os.mkfifo(d / "pipe.txt")
    problems[str(d / "pipe.txt")] = (None, "not a regular file")
    line = (SENTENCE * (LONG_LINE_BYTES // len(SENTENCE) + 1))[:LONG_LINE_BYTES]
    (d / "one_line_5mb.txt").write_text(line, encoding="utf-8")
    articles[str(d / "one_line_5mb.txt")] = ""
    return problems, articles


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile")
    good = base / "good"
    good.mkdir()
    for prefix in ("003", "022"):
        (src,) = DEMO.glob(f"{prefix}_*")
        shutil.copy(src, good / src.name)
    problems, articles = _make_hostile(base / "bad")
    db = base / "kb.db"
    run = _cli("ingest", str(good), str(base / "bad"), "--db", str(db), "--model", "sm",
               "--workers", "2", "--quiet")
    return base, good, db, problems, articles, run


def test_mixed_batch_exits_1_without_traceback(mixed_run) -> None:
    *_, run = mixed_run
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1, run.stderr[-2000:]


def test_one_stderr_line_per_bad_input(mixed_run) -> None:
    _, _, _, problems, _, run = mixed_run
    skipped = [ln for ln in run.stderr.splitlines() if ln.startswith("skipped ")]
    for where, (_record, reason) in problems.items():
        lines = [ln for ln in skipped if ln.startswith(f"skipped {where}: ")]
        assert len(lines) == 1, (where, skipped)
        assert reason.lower() in lines[0].lower(), lines[0]
    assert len(skipped) == len(problems), skipped


def test_bad_inputs_are_listed_by_errors_command(mixed_run) -> None:
    _, _, db, problems, _, _ = mixed_run
    out = _cli("errors", "--db", str(db), "--format", "json", timeout=60)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    listed = {r["path"] + (f":{r['record']}" if r.get("record") else "") for r in rows}
    assert listed == set(problems)
    assert all(r["reason"] for r in rows)


def test_good_and_recoverable_articles_are_stored(mixed_run) -> None:
    _, good, db, _, articles, _ = mixed_run
    conn = sqlite3.connect(db)
    stored = {p: t for p, t in conn.execute("SELECT source_path, text FROM articles")}
    conn.close()
    for p in good.iterdir():
        assert str(p) in stored, sorted(stored)
    for path, text in articles.items():
        assert path in stored, (path, sorted(stored))
        if text:
            assert stored[path] == text
    from_feeds = [p for p in stored if p.endswith(("feed.jsonl", "table.csv"))]
    assert len(from_feeds) >= 2  # two good JSONL lines and the good CSV row (same source path)
    assert len(stored[str(Path(db).parent / "bad" / "one_line_5mb.txt")]) == LONG_LINE_BYTES


def test_all_good_rerun_exits_0_and_adds_nothing(mixed_run) -> None:
    _, good, db, _, _, _ = mixed_run
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM evidence").fetchone()[0]
    run = _cli("ingest", str(good), "--db", str(db), "--model", "sm", "--quiet")
    assert run.returncode == 0, run.stderr
    assert "0 articles added" in run.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == before


def test_all_bad_exits_2(tmp_path: Path) -> None:
    problems, _ = _make_hostile(tmp_path / "bad")
    keep = {"binary.txt", "empty.txt", "numbers.txt", "loop_a.txt", "loop_b.txt", "pipe.txt"}
    args = [str(tmp_path / "bad" / n) for n in sorted(keep)] + [str(tmp_path / "missing.txt")]
    run = _cli("ingest", *args, "--db", str(tmp_path / "kb.db"), "--model", "sm", "--quiet")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    skipped = [ln for ln in run.stderr.splitlines() if ln.startswith("skipped ")]
    assert len(skipped) == len(args)
    assert any("missing.txt" in ln and "no such file" in ln for ln in skipped)


def test_long_article_truncation_is_reported(mixed_run) -> None:
    """Only the first MAX_ANALYSED_CHARS are analysed: the user must be told, not left guessing."""
    _, _, db, _, _, run = mixed_run
    from newsgraph.nlp.pipeline import MAX_ANALYSED_CHARS

    assert LONG_LINE_BYTES > MAX_ANALYSED_CHARS
    mentioned = [ln for ln in run.stderr.splitlines() if "one_line_5mb.txt" in ln]
    assert mentioned, "a 5 MB article was analysed only in part, and nothing said so"


@pytest.mark.parametrize("workers", [1, 2])
def test_unloadable_model_is_one_clean_line(tmp_path: Path, workers: int) -> None:
    """A bad --model must fail fast with one line, also when workers load it (no respawn loop)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (src,) = DEMO.glob("022_*")
    shutil.copy(src, corpus / src.name)
    shutil.copy(next(DEMO.glob("003_*")), corpus / "b.txt")
    try:
        run = _cli("ingest", str(corpus), "--db", str(tmp_path / "kb.db"), "--model",
                   str(tmp_path / "no-such-model"), "--workers", str(workers), "--quiet",
                   timeout=60)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"ingest --workers {workers} with a missing model hung for {exc.timeout}s")
    assert run.returncode == 2, run.stderr[-1000:]
    assert "Traceback" not in run.stderr, run.stderr[-1000:]
    assert "no-such-model" in run.stderr


@pytest.mark.parametrize("kind", ["bom-only.jsonl", "empty-folder"])
def test_input_that_yields_nothing_is_not_a_success(tmp_path: Path, kind: str) -> None:
    """An input that produced no article must be named and give exit 2, not a silent 0."""
    target = tmp_path / kind
    if kind == "empty-folder":
        target.mkdir()
    else:
        target.write_bytes(b"\xef\xbb\xbf\n")
    run = _cli("ingest", str(target), "--db", str(tmp_path / "kb.db"), "--model", "sm",
               "--quiet")
    assert "Traceback" not in run.stderr
    assert run.returncode == 2, run.stderr
    assert any(ln.startswith(f"skipped {target}") for ln in run.stderr.splitlines()), run.stderr
