"""Formats, path expansion, ids and hashes of newsgraph.ingest.read_inputs."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsgraph.ingest import near_duplicate_score, read_inputs
from newsgraph.records import Article, InputProblem

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BODY = (
    "Forces loyal to the eastern commander advanced on the capital on Thursday, "
    "residents said, as the United Nations called for an immediate truce.\n\n"
    "The government in the capital said its troops had pushed the attackers back."
)


def articles(paths: list[str], **kw: int) -> list[Article]:
    return [x for x in read_inputs(paths, **kw) if isinstance(x, Article)]


def problems(paths: list[str], **kw: int) -> list[InputProblem]:
    return [x for x in read_inputs(paths, **kw) if isinstance(x, InputProblem)]


@pytest.mark.parametrize(
    ("content", "title", "url", "outlet", "published", "basis"),
    [
        ("Title: Clashes near Tripoli\nURL: https://ex.com/a\nSource: Example News\n"
         "Date: 16/04/2019\n\n" + BODY,
         "Clashes near Tripoli", "https://ex.com/a", "Example News", "2019-04-16", "header"),
        ("---\ntitle: Truce talks\npublished: 2019-04\noutlet: Wire\n---\n" + BODY,
         "Truce talks", None, "Wire", "2019-04", "front-matter"),
        ("PUBLISHED: April 16, 2019\n\n" + BODY, None, None, None, "2019-04-16", "header"),
        ("Short headline here\n\n" + BODY, "Short headline here", None, None, None, "unknown"),
        ("A first line that ends with a period.\n\n" + BODY, None, None, None, None, "unknown"),
        ("Source: officials said the talks failed\n" + BODY, None, None, None, None, "unknown"),
    ],
)
def test_text_headers(tmp_path: Path, content: str, title, url, outlet, published, basis) -> None:
    f = tmp_path / "doc_1.txt"
    f.write_text(content, encoding="utf-8")
    (art,) = articles([str(f)])
    assert (art.title, art.url, art.outlet, art.published, art.published_basis) == (
        title, url, outlet, published, basis)
    assert art.doc_id == "doc_1"
    assert "residents said" in art.text
    if basis in ("header", "front-matter"):
        assert not art.text.startswith(("Title", "---", "PUBLISHED"))
    if title and basis == "unknown":
        assert art.text.startswith(title)  # guessed title stays in the text


def test_jsonl_ids_fields_and_broken_line(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"doc_id": 11, "doc_text": BODY, "date": "2002-03-10"}),
        json.dumps({"content": BODY, "headline": "H", "source": {"name": "Wire"}}),
        '{"text": "cut off',
        json.dumps({"title": "no text here"}),
        json.dumps({"body": ["Para one has words.", "Para two has more words."]}),
    ]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = list(read_inputs([str(f)]))
    assert [type(x).__name__ for x in out] == [
        "Article", "Article", "InputProblem", "InputProblem", "Article"]
    assert out[0].doc_id == "11" and out[0].published == "2002-03-10"
    assert out[0].published_basis == "record"
    assert out[1].doc_id == "batch-00002" and out[1].title == "H" and out[1].outlet == "Wire"
    assert out[2].record == "line 3" and "JSON" in out[2].reason
    assert out[3].record == "line 4" and "no text" in out[3].reason
    assert out[4].doc_id == "batch-00005" and "Para two" in out[4].text


@pytest.mark.parametrize(
    ("name", "content", "ids"),
    [
        ("one.json", json.dumps({"text": BODY, "id": "x9"}), ["one"]),
        ("many.json", json.dumps([{"text": BODY, "id": "a"}, {"text": BODY}]), ["a", "many-00002"]),
        ("api.json", json.dumps({"status": "ok", "articles": [{"content": BODY}]}), ["api-00001"]),
        ("t.csv", 'id,title,text\n1,T,"' + BODY + '"\n,U,"' + BODY + '"\n', ["1", "t-00002"]),
        ("t.tsv", "title\tbody\nT\t" + BODY.replace("\n", " ") + "\n", ["t-00001"]),
        ("semi.csv", "title;text\nT;" + BODY.replace("\n", " ") + "\n", ["semi-00001"]),
        ("sniffed.txt", json.dumps({"text": BODY}), ["sniffed"]),
        ("noext", "\n".join(json.dumps({"text": BODY}) for _ in range(2)), ["noext-00001",
                                                                          "noext-00002"]),
    ],
)
def test_structured_formats(tmp_path: Path, name: str, content: str, ids: list[str]) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    assert [a.doc_id for a in articles([str(f)])] == ids
    assert problems([str(f)]) == []


def test_csv_truncated_row_names_row(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(f'title,text,url\nA,"{BODY}",http://a\nB,only two\nC,"{BODY}",http://c\n')
    out = list(read_inputs([str(f)]))
    assert [type(x).__name__ for x in out] == ["Article", "InputProblem", "Article"]
    assert out[1].record == "row 2" and "truncated" in out[1].reason
    assert out[2].url == "http://c"


def test_html_extraction(tmp_path: Path) -> None:
    paras = "".join(f"<p>{BODY} Paragraph {i}.</p>" for i in range(4))
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Clashes - Example</title>'
        '<meta property="og:title" content="Clashes near the capital">'
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2019-04-16T10:00:00Z">'
        '<link rel="canonical" href="https://example.com/2019/04/16/clashes"></head>'
        f"<body><nav>Home | World</nav><article>{paras}</article></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(html)
    (art,) = articles([str(f)])
    assert art.doc_id == "page"
    assert art.title == "Clashes near the capital"
    assert art.outlet == "Example News"
    assert art.url == "https://example.com/2019/04/16/clashes"
    assert (art.published, art.published_basis) == ("2019-04-16", "html-meta")
    assert "residents said" in art.text and "<p>" not in art.text


def test_folders_globs_hidden_and_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(BODY)
    (tmp_path / "b" / "a.txt").write_text(BODY + " a")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text(BODY)
    (tmp_path / ".secret.txt").write_text(BODY)
    (tmp_path / "c.md").write_text(BODY + " c")
    assert [a.doc_id for a in articles([str(tmp_path)])] == ["a", "z", "c"]
    assert [a.doc_id for a in articles([str(tmp_path / "b" / "*.txt")])] == ["a", "z"]
    assert [a.doc_id for a in articles([str(tmp_path / "**" / "*.md")])] == ["c"]
    # the same file named twice is read once
    assert len(articles([str(tmp_path / "c.md"), str(tmp_path)])) == 3
    assert problems([str(tmp_path / "nothing*.txt")])[0].reason == "no files match this pattern"


def test_folder_named_like_file_in_glob(tmp_path: Path) -> None:
    (tmp_path / "fake.txt").mkdir()
    (tmp_path / "real.txt").write_text(BODY)
    out = list(read_inputs([str(tmp_path / "*.txt")]))
    assert isinstance(out[0], InputProblem) and "folder" in out[0].reason
    assert isinstance(out[1], Article) and out[1].doc_id == "real"


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (BODY.encode(), ["stdin"]),
        (b"\n\n" + json.dumps({"text": BODY}).encode() + b"\n{bad\n", ["stdin-00003"]),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, ids: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = list(read_inputs(["-"]))
    assert [a.doc_id for a in out if isinstance(a, Article)] == ids
    if len(ids) == 1 and ids[0].startswith("stdin-"):
        assert [p.record for p in out if isinstance(p, InputProblem)] == ["line 4"]


def test_hash_and_near_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY.replace("\n\n", "\n   \n") + "  ")
    (tmp_path / "c.txt").write_text(BODY.replace("Thursday", "Friday"))
    (tmp_path / "d.txt").write_text("Completely different words about a football match and "
                                    "the weather in a small northern town last weekend.")
    a, b, c, d = articles([str(tmp_path)])
    assert a.content_hash == b.content_hash and a.content_hash != c.content_hash
    assert len(a.minhash) == 64 and a.minhash == b.minhash
    assert near_duplicate_score(a, b) == 1.0
    assert 0.4 < near_duplicate_score(a, c) < 1.0
    assert near_duplicate_score(a, d) < 0.2


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="shared corpus absent")
def test_seed_files() -> None:
    seeds = SHARED / "corpus" / "seeds"
    out = list(read_inputs([str(seeds)]))
    assert all(isinstance(a, Article) for a in out)
    assert [a.doc_id for a in out] == sorted(p.stem for p in seeds.glob("*.txt"))
    assert len(out) == 5
    by_id = {a.doc_id: a for a in out}
    seed4 = next(a for k, a in by_id.items() if k.startswith("004_"))
    assert (seed4.published, seed4.published_basis) == ("2019-04-16", "dateline")
    assert all(len(a.text) > 1000 and a.language == "en" for a in out)
