"""Screenshot the explorer for the README (``docs/screenshot.png``) and for review.

    python tools/screenshot.py [--db newsgraph.db] [--out docs/screenshot.png]
                               [--all-views DIR]

Without ``--db`` it uses the fictional sample database (newsgraph/web/sample.py).
Runs the explorer on a free loopback port and drives the system chromium
(/usr/bin/chromium) through Playwright; never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.web.background import BackgroundServer  # noqa: E402
from newsgraph.web.sample import build_sample_db  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
VIEWS = ["network", "timeline", "map", "actors"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database to show (default: the fictional sample)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    ap.add_argument("--view", default="network", help="view for --out (network, timeline, map)")
    ap.add_argument("--all-views", help="also save every view into this folder")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(a.db) if a.db else build_sample_db(Path(tmp) / "sample.db")
        with BackgroundServer(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=a.chromium, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 820})
            shots = [(a.view, Path(a.out))]
            if a.all_views:
                shots += [(v, Path(a.all_views) / f"{v}.png") for v in VIEWS]
            for view, out in shots:
                page.goto(f"{url}/#/{view}")
                page.wait_for_selector(f"body[data-ready='{view}']", state="attached")
                page.wait_for_timeout(200)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out), full_page=view != "network")
                print(f"wrote {out}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
