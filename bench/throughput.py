"""Benchmark: end-to-end ingest throughput vs a plain spaCy pass, same texts, same run.

    make bench                        # 300 IndiaPoliceEvents articles from ../shared
    python bench/throughput.py --limit 100 --workers 2 --json

Prints words/s and docs/s of (a) the plain spaCy pass of the same model with
the same number of processes and (b) ``newsgraph.pipeline.ingest`` into a
fresh database, their ratio (target >= 0.7), and peak memory (max RSS of the
parent and of the largest worker).

The plain pass loads its model before the clock starts; ingest's time includes
its workers' start-up (model, dictionaries, gazetteer). The built gazetteer and
actor dictionary are kept in an on-disk cache (``newsgraph.nlp.places.cache_dir``)
that the first run on a machine fills; they are filled, in a separate process,
before timing (``cache_fill_seconds``: 0 when already warm), so the figure is the
steady state. ``--cold`` times ingest without the cache instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "peers" / "india_police_events" / "docs.jsonl"


def _load_texts(path: Path, limit: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or rec.get("doc_text") or ""
            if text.strip():
                rows.append({"id": str(rec.get("doc_id", len(rows))), "text": text})
            if len(rows) >= limit:
                break
    return rows


def _plain_spacy(texts: list[str], model: str | None, workers: int) -> float:
    from newsgraph.nlp.pipeline import load_nlp

    nlp = load_nlp(model)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=workers, batch_size=16):
        pass
    return time.perf_counter() - start


def _fill_caches() -> float:
    """Build the cached gazetteer and dictionary if absent, in a child process (so this
    process's memory and imports stay as they were); returns its seconds."""
    code = ("from newsgraph.nlp.places import Gazetteer; Gazetteer(); "
            "from newsgraph.actors.dictionary import load_dictionary; load_dictionary()")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _newsgraph(jsonl: Path, db: Path, model: str | None, workers: int) -> tuple[float, int]:
    from newsgraph.pipeline import ingest

    start = time.perf_counter()
    summary = ingest([str(jsonl)], db, model=model, workers=workers)
    return time.perf_counter() - start, summary.events_added


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cold", action="store_true",
                    help="time ingest without the on-disk knowledge cache")
    args = ap.parse_args(argv)
    if not args.input.exists():
        print(f"bench: {args.input}: not found (needs ../shared beside the repo)", file=sys.stderr)
        return 2
    rows = _load_texts(args.input, args.limit)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "bench.jsonl"
        jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        if args.cold:
            os.environ["NEWSGRAPH_CACHE_DIR"] = ""  # the workers inherit it
            t_fill = 0.0
        else:
            t_fill = _fill_caches()
        t_plain = _plain_spacy(texts, args.model, args.workers)
        t_ng, n_events = _newsgraph(jsonl, Path(tmp) / "bench.db", args.model, args.workers)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "articles": len(texts),
        "words": words,
        "workers": args.workers,
        "plain_spacy_seconds": round(t_plain, 2),
        "plain_spacy_words_per_s": round(words / t_plain),
        "plain_spacy_docs_per_s": round(len(texts) / t_plain, 2),
        "newsgraph_seconds": round(t_ng, 2),
        "newsgraph_words_per_s": round(words / t_ng),
        "newsgraph_docs_per_s": round(len(texts) / t_ng, 2),
        "ratio_to_plain_spacy": round(t_plain / t_ng, 3),
        "knowledge_cache": "off" if args.cold else "on",
        "cache_fill_seconds": round(t_fill, 2),
        "events": n_events,
        "peak_rss_parent_mb": round(self_rss),
        "peak_rss_largest_worker_mb": round(child_rss),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:30} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
