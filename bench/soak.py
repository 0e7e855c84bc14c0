"""Soak test: SIGKILL ``newsgraph ingest`` at random moments, resume, compare with a clean run.

    python bench/soak.py                         # 200 kill cycles on the demo corpus
    python bench/soak.py --cycles 50 --corpus ../shared/peers/india_police_events/docs.jsonl \
        --limit 40 --fuzz-examples 2000 --json

Why: an ingest writes each article in one transaction so that a crash (power
cut, OOM killer, Ctrl-\\) at any instant leaves a database that is both valid
and resumable. This script checks exactly that, many times over: it builds a
reference database with one uninterrupted run, then repeatedly starts the CLI
on a working database and kills it (SIGKILL, no chance to clean up) after a
random delay drawn from a seeded RNG over the whole run time, checking after
every kill that the database passes ``PRAGMA integrity_check`` and that every
stored article carries exactly the rows the reference has for it (no partial
article, no duplicate). Whenever the working database is complete it is
compared table by table with the reference and started afresh. Figures: kills
per phase (before the first write, during writes, after the end), losses and
duplicates found, orphaned worker processes.

The helpers (``table_dump``, ``check_consistency``, ``KillCampaign``) are also
used by ``tests/test_reliability_kill.py`` with a small cycle count.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
# Columns that legitimately differ between two runs over the same inputs.
VOLATILE_COLUMNS = {"ingested_at", "first_seen", "last_seen", "last_run", "applied_at"}
# Per-article tables and the columns that depend on other articles (left out of the
# per-article atomicity check; the whole-table comparison covers them).
PER_ARTICLE = {
    "articles": {"near_duplicate_of", "near_duplicate_score"},
    "article_actors": set(),
    "mentions": set(),
    "evidence": {"event_id"},
    "actor_roles": set(),
}
FTS_TABLES = ("actor_fts", "evidence_fts")


# ------------------------------------------------------------------ database checks
def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").fetchall()
    shadow = tuple(f"{t}_" for t in FTS_TABLES)
    return [r[0] for r in rows if not r[0].startswith(shadow)]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]


def table_dump(db: str | Path) -> dict[str, list[tuple]]:
    """Every table (and FTS index content) as a sorted list of rows, volatile columns left out."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        out: dict[str, list[tuple]] = {}
        for table in _tables(conn):
            cols = [c for c in _columns(conn, table) if c not in VOLATILE_COLUMNS]
            sel = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(conn.execute(f'SELECT {sel} FROM "{table}"').fetchall(), key=repr)
        for fts in FTS_TABLES:
            out[fts] = sorted(conn.execute(f"SELECT rowid, text, ref FROM {fts}").fetchall(),
                              key=repr)
        return out
    finally:
        conn.close()


def dump_diff(ref: dict[str, list[tuple]], got: dict[str, list[tuple]], limit: int = 3) -> list[str]:
    """Human-readable differences between two dumps (empty when equal)."""
    lines: list[str] = []
    for table in sorted(set(ref) | set(got)):
        a, b = ref.get(table, []), got.get(table, [])
        if a == b:
            continue
        ca, cb = Counter(a), Counter(b)
        lines.append(f"{table}: {len(a)} rows in reference, {len(b)} here")
        lines += [f"  missing {r!r}"[:240] for r in list((ca - cb).elements())[:limit]]
        lines += [f"  extra   {r!r}"[:240] for r in list((cb - ca).elements())[:limit]]
    return lines


def per_article_rows(db: str | Path) -> dict[str, dict[str, list[tuple]]]:
    """article_id -> table -> sorted rows of that article (cross-article columns left out)."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        out: dict[str, dict[str, list[tuple]]] = {}
        for table, skip in PER_ARTICLE.items():
            cols = [c for c in _columns(conn, table) if c not in VOLATILE_COLUMNS | skip]
            sel = ", ".join(f'"{c}"' for c in cols)
            for row in conn.execute(f'SELECT article_id, {sel} FROM "{table}"'):
                out.setdefault(row[0], {}).setdefault(table, []).append(tuple(row[1:]))
        for tables in out.values():
            for rows in tables.values():
                rows.sort(key=repr)
        return out
    finally:
        conn.close()


def check_consistency(db: str | Path) -> list[str]:
    """Structural problems of a database: corruption, dangling ids, duplicates."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    problems: list[str] = []
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:3]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {len(fk)} rows, e.g. {tuple(fk[0])}")
        checks = {
            "evidence pointing at no event":
                "SELECT COUNT(*) FROM evidence WHERE event_id NOT IN (SELECT id FROM events)",
            "events without evidence":
                "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event_id FROM evidence)",
            "mention_count differs from evidence rows":
                "SELECT COUNT(*) FROM events e WHERE mention_count !="
                " (SELECT COUNT(*) FROM evidence v WHERE v.event_id = e.id)",
            "duplicate article content":
                "SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles",
            "duplicate evidence (same article, sentence, trigger, type, actors)":
                "SELECT COUNT(*) FROM (SELECT 1 FROM evidence GROUP BY article_id, start,"
                " trigger_start, type, source_ids, target_ids, status HAVING COUNT(*) > 1)",
            "actors without any article":
                "SELECT COUNT(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM article_actors)"
                " AND id NOT IN (SELECT actor_id FROM mentions)",
            "evidence_fts out of step with evidence":
                "SELECT (SELECT COUNT(*) FROM evidence) - (SELECT COUNT(*) FROM evidence_fts)",
        }
        for label, sql in checks.items():
            n = conn.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{label}: {n}")
    except sqlite3.DatabaseError as exc:
        problems.append(f"cannot read database: {exc}")
    finally:
        conn.close()
    return problems


def article_count(db: Path) -> int:
    """Articles stored so far (0 when the database does not exist or has no schema yet)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)


# ------------------------------------------------------------------ running the CLI
def ingest_command(inputs: list[str], db: Path, model: str = "sm", workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", *inputs, "--db", str(db),
            "--model", model, "--workers", str(workers), "--quiet"]


def _descendants(pid: int) -> set[int]:
    """Child processes (recursively) of ``pid``, from /proc."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                kids = {int(x) for x in fh.read().split()}
        except OSError:
            continue
        todo += list(kids - out)
        out |= kids
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Timing:
    """Phases of one uninterrupted run, in seconds from the start of the process."""

    first_write: float
    last_write: float
    total: float


def timed_reference_run(inputs: list[str], db: Path, model: str, workers: int,
                        timeout: float = 600, cwd: Path = ROOT
                        ) -> tuple[Timing, subprocess.CompletedProcess]:
    """Run the ingest once to completion, polling the database to time its write phase."""
    remove_db(db)
    start = time.monotonic()
    proc = subprocess.Popen(ingest_command(inputs, db, model, workers), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=cwd)
    first = last = None
    seen = 0
    while proc.poll() is None:
        n = article_count(db)
        now = time.monotonic() - start
        if n and first is None:
            first = now
        if n != seen:
            last, seen = now, n
        if now > timeout:
            proc.kill()
            raise TimeoutError(f"reference ingest took more than {timeout}s")
        time.sleep(0.05)
    total = time.monotonic() - start
    out, err = proc.communicate()
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return Timing(first or total, last or total, total), result


@dataclass
class KillCampaign:
    """Repeated SIGKILLs of an ingest on one working database, checked against a reference."""

    inputs: list[str]
    workdir: Path
    reference: dict[str, list[tuple]]
    reference_articles: dict[str, dict[str, list[tuple]]]
    timing: Timing
    model: str = "sm"
    workers: int = 2
    seed: int = 20240601
    cwd: Path = ROOT  # where ``python -m newsgraph.cli`` finds the package (see snapshot_code)
    phases: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    orphans: int = 0
    completed_databases: int = 0
    tracebacks: int = 0

    @property
    def db(self) -> Path:
        return self.workdir / "work.db"

    def plan(self, rng: random.Random, stored: int) -> tuple[str, float, int | None]:
        """How this cycle's kill is triggered: (mode, delay in s, articles to wait for).

        Pure time delays rarely hit the short write phase on a loaded machine, so most
        kills wait until the k-th new article is committed and then strike after a
        random jitter of 0-80 ms: inside the next article's transaction or between two.
        """
        t = self.timing
        r = rng.random()
        if r < 0.25:  # start-up: imports, model load, reading inputs
            return "time", rng.uniform(0.05, max(0.1, t.first_write)), None
        if r < 0.9:  # analysis and writes
            remaining = max(1, len(self.reference_articles) - stored)
            return "after-article", rng.uniform(0.0, 0.08), rng.randrange(remaining)
        return "time", rng.uniform(t.last_write, t.total * 1.2), None  # closing down or done

    def cycle(self, rng: random.Random) -> None:
        """Start, kill at a random moment, check the database left behind."""
        before = article_count(self.db)
        mode, delay, k = self.plan(rng, before)
        workers = self.workers if self.workers > 0 else rng.choice((1, 2))
        err_path = self.workdir / "stderr.txt"
        err_file = err_path.open("w")
        proc = subprocess.Popen(ingest_command(self.inputs, self.db, self.model, workers),
                                stdout=subprocess.DEVNULL, stderr=err_file, cwd=self.cwd,
                                start_new_session=True)
        started = time.monotonic()
        deadline = started + (delay if mode == "time" else max(120.0, 5 * self.timing.total))
        kids: set[int] = set()
        while proc.poll() is None and time.monotonic() < deadline:
            kids |= _descendants(proc.pid)
            if mode == "after-article" and article_count(self.db) > before + (k or 0):
                time.sleep(delay)
                break
            time.sleep(0.005 if mode == "after-article" else 0.02)
        if proc.poll() is None:
            kids |= _descendants(proc.pid)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            after = article_count(self.db)
            total = len(self.reference_articles)
            if before == 0 and after == 0:
                phase = "before first write"
            elif after < total:
                phase = "during writes"
            else:
                phase = "after last write"
            self.phases[phase] += 1
            self._reap_orphans(kids)
        else:
            err = err_path.read_text(errors="replace")
            self.phases["run finished before kill"] += 1
            if "Traceback" in err:
                self.tracebacks += 1
                self.failures.append(f"traceback in a completed run: {err[-400:]}")
        err_file.close()
        self.check_partial()
        if article_count(self.db) == len(self.reference_articles):
            self.check_complete()
            remove_db(self.db)

    def _reap_orphans(self, kids: set[int]) -> None:
        """Worker processes still alive 15 s after their parent was killed count as orphans."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(k) for k in kids):
            time.sleep(0.1)
        left = [k for k in kids if _alive(k)]
        self.orphans += len(left)
        for k in left:  # our own children's children, by pid
            try:
                os.kill(k, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def check_partial(self) -> None:
        """After a kill: a valid database whose every stored article is complete."""
        if not self.db.exists():
            return
        problems = check_consistency(self.db)
        got = per_article_rows(self.db)
        for aid, tables in got.items():
            want = self.reference_articles.get(aid)
            if want is None:
                problems.append(f"article {aid} is not in the reference")
            elif tables != want:
                bad = sorted(t for t in set(tables) | set(want) if tables.get(t) != want.get(t))
                problems.append(f"article {aid} stored partially or twice: {bad}")
        self.failures += problems

    def check_complete(self) -> None:
        """A complete working database must equal the reference, table by table."""
        self.completed_databases += 1
        diff = dump_diff(self.reference, table_dump(self.db))
        if diff:
            self.failures.append("complete database differs from the reference:\n"
                                 + "\n".join(diff[:12]))

    def finish(self) -> subprocess.CompletedProcess:
        """Run to completion on whatever the last kill left, then compare."""
        done = subprocess.run(ingest_command(self.inputs, self.db, self.model, self.workers or 2),
                              capture_output=True, text=True, cwd=self.cwd,
                              timeout=max(120.0, 5 * self.timing.total))
        if done.returncode != 0 or "Traceback" in done.stderr:
            self.failures.append(f"final run exit {done.returncode}: {done.stderr[-400:]}")
        self.check_partial()
        self.check_complete()
        return done

    def run(self, cycles: int) -> None:
        rng = random.Random(self.seed)
        for _ in range(cycles):
            self.cycle(rng)
        self.finish()


def prepare_reference(inputs: list[str], workdir: Path, model: str, workers: int,
                      cwd: Path = ROOT) -> tuple[Timing, dict, dict]:
    ref_db = workdir / "reference.db"
    timing, result = timed_reference_run(inputs, ref_db, model, workers, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"reference ingest failed ({result.returncode}): {result.stderr[-800:]}")
    return timing, table_dump(ref_db), per_article_rows(ref_db)


def snapshot_code(dest: Path) -> Path:
    """Copy the package so a long soak runs one version of the code (others edit the tree)."""
    shutil.copytree(ROOT / "newsgraph", dest / "newsgraph",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return dest


# ------------------------------------------------------------------ corpus and fuzzing
def build_corpus(source: Path, dest: Path, limit: int) -> list[str]:
    """Up to ``limit`` articles from a folder or a JSONL file, written as .txt files in dest."""
    dest.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix in {".txt", ".html", ".md"})
        for p in files[:limit]:
            shutil.copy(p, dest / p.name)
    else:
        n = 0
        with source.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("text") or rec.get("doc_text") or ""
                if len(text.split()) < 30:
                    continue
                (dest / f"doc{n:04d}.txt").write_text(text, encoding="utf-8")
                n += 1
                if n >= limit:
                    break
    return [str(dest)]


def fuzz_campaign(examples: int, seed: int) -> dict[str, int]:
    """Random text through the whole analyser and the reader; count exceptions that escape."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import Analyzer
    from newsgraph.records import Article

    analyzer = Analyzer(model="sm")
    stats = Counter()
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",))
    words = st.sampled_from(["Haftar", "LNA", "Tripoli", "attacked", "met", "said", "on",
                             "Monday", "ceasefire", "حفتر", "Москва", "🙂", ",", ".", "\u202e"])
    texts = st.one_of(st.text(alphabet, max_size=400),
                      st.lists(words, max_size=300).map(" ".join))

    @hseed(seed)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(texts)
    def analyse(text: str) -> None:
        stats["analyser examples"] += 1
        art = Article(doc_id="fuzz", text=text, content_hash=str(hash(text)))
        analyzer.analyze(art)

    @hseed(seed)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2000), st.sampled_from([".txt", ".json", ".jsonl", ".csv",
                                                      ".html", ".md", ""]))
    def read(data: bytes, suffix: str) -> None:
        stats["reader examples"] += 1
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / f"f{suffix}"
            p.write_bytes(data)
            list(read_inputs([str(p)]))

    for name, fn in (("analyser", analyse), ("reader", read)):
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - report, don't stop the soak
            stats[f"{name} failures"] += 1
            print(f"fuzz {name}: {type(exc).__name__}: {exc}"[:500], file=sys.stderr)
    return dict(stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--corpus", type=Path, default=DEMO, help="folder or JSONL file")
    ap.add_argument("--limit", type=int, default=24, help="articles taken from the corpus")
    ap.add_argument("--model", default="sm")
    ap.add_argument("--workers", type=int, default=0, help="0: 1 or 2, drawn per cycle")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--fuzz-examples", type=int, default=500, help="0 to skip fuzzing")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsgraph-soak-") as tmp:
        work = Path(tmp)
        inputs = build_corpus(args.corpus, work / "corpus", args.limit)
        code = snapshot_code(work / "code")
        timing, ref, ref_articles = prepare_reference(inputs, work, args.model,
                                                      args.workers or 2, cwd=code)
        campaign = KillCampaign(inputs, work, ref, ref_articles, timing, args.model,
                                args.workers, args.seed, cwd=code)
        campaign.run(args.cycles)
    fuzz = fuzz_campaign(args.fuzz_examples, args.seed) if args.fuzz_examples else {}
    report = {
        "articles": len(ref_articles),
        "reference_run_s": round(timing.total, 2),
        "first_write_s": round(timing.first_write, 2),
        "last_write_s": round(timing.last_write, 2),
        "kill_cycles": args.cycles,
        "phases": dict(campaign.phases),
        "complete_databases_compared": campaign.completed_databases,
        "failures": len(campaign.failures),
        "orphaned_workers": campaign.orphans,
        "tracebacks": campaign.tracebacks,
        "fuzz": fuzz,
        "seconds": round(time.monotonic() - started, 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    for failure in campaign.failures[:20]:
        print("FAILURE:", failure, file=sys.stderr)
    return 1 if campaign.failures or any("failures" in k for k in fuzz) else 0


if __name__ == "__main__":
    sys.exit(main())
