"""Bounded load test of the explorer on loopback while an ingest writes to the same database.

    python bench/load.py                       # 2000 requests or 30 s, 8 client threads
    python bench/load.py --requests 500 --threads 4 --json

Why: the explorer keeps one read-only SQLite connection while ``newsgraph ingest``
commits article after article (WAL). This measures what a user sees meanwhile:
requests/s, p50/p95 latency, and any non-200 answer (a "database is locked"
would show up as a 4xx/5xx here). Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
HOST = "127.0.0.1"  # loopback only, never anything else
PATHS = ["/api/summary", "/api/events", "/api/events?type=ASSAULT", "/api/events?since=2019",
         "/api/actors", "/api/network", "/api/timeline", "/api/places", "/api/search?q=ceasefire",
         "/api/actor?name=Haftar", "/api/articles"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _ingest(inputs: list[str], db: Path, model: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", *inputs, "--db",
                             str(db), "--model", model, "--workers", "1", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--model", default="sm")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    import httpx
    import uvicorn

    from newsgraph.web.app import create_app

    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as tmp:
        work = Path(tmp)
        first, rest = work / "first", work / "rest"
        first.mkdir()
        rest.mkdir()
        files = sorted(p for p in DEMO.iterdir() if p.is_file())
        for i, p in enumerate(files):
            shutil.copy(p, (first if i < 4 else rest) / p.name)
        db = work / "kb.db"
        seed = _ingest([str(first)], db, args.model)
        if seed.wait() != 0:
            print(seed.stderr.read() if seed.stderr else "seed ingest failed", file=sys.stderr)
            return 2

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host=HOST, port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://{HOST}:{port}"
        while not server.started:
            time.sleep(0.05)

        ingest = _ingest([str(rest)], db, args.model)
        stop_at = time.monotonic() + args.seconds
        latencies: list[float] = []
        statuses: Counter = Counter()
        errors: Counter = Counter()
        lock = threading.Lock()
        rng = random.Random(7)
        plan = [rng.choice(PATHS) for _ in range(args.requests)]
        during_ingest = Counter()

        def worker(chunk: list[str]) -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                for path in chunk:
                    if time.monotonic() > stop_at:
                        return
                    busy = ingest.poll() is None
                    t0 = time.perf_counter()
                    try:
                        r = client.get(path)
                        code = r.status_code
                        if code != 200:
                            with lock:
                                errors[f"{path} {code}: {r.text[:120]}"] += 1
                    except httpx.HTTPError as exc:
                        code = type(exc).__name__
                        with lock:
                            errors[f"{path} {code}"] += 1
                    dt = time.perf_counter() - t0
                    with lock:
                        latencies.append(dt)
                        statuses[str(code)] += 1
                        during_ingest["yes" if busy else "no"] += 1

        started = time.monotonic()
        chunks = [plan[i::args.threads] for i in range(args.threads)]
        with ThreadPoolExecutor(args.threads) as pool:
            list(pool.map(worker, chunks))
        elapsed = time.monotonic() - started
        ingest_code = ingest.wait(timeout=600)
        ingest_err = ingest.stderr.read() if ingest.stderr else ""
        server.should_exit = True
        thread.join(timeout=10)

    lat = sorted(latencies)
    report = {
        "requests": len(lat),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else 0,
        "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000, 1) if lat else None,
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "statuses": dict(statuses),
        "requests_while_ingest_ran": during_ingest["yes"],
        "ingest_exit": ingest_code,
        "ingest_summary": ingest_err.strip().splitlines()[-1] if ingest_err.strip() else "",
        "errors": dict(errors.most_common(5)),
        "threads": args.threads,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0 if not errors and ingest_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
