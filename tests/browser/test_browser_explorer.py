"""The explorer in a real browser (Debian chromium driven by Playwright).

Skips cleanly when chromium or playwright is missing. Never runs
``playwright install``: the system chromium is used as is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from newsgraph.web.background import BackgroundServer  # noqa: E402
from newsgraph.web.sample import build_sample_db  # noqa: E402


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory):
    db = build_sample_db(tmp_path_factory.mktemp("browser") / "sample.db")
    with BackgroundServer(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.external = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith((url, "data:")) else pg.external.append(r.url))
    yield pg
    assert pg.errors == [], pg.errors
    assert pg.external == [], f"page fetched outside the server: {pg.external}"
    ctx.close()


def _ready(pg, view: str) -> None:
    pg.wait_for_selector(f"body[data-ready='{view}']", state="attached", timeout=15000)


@pytest.mark.parametrize("view", ["network", "timeline", "map", "actors"])
def test_each_view_renders_offline(page, url: str, view: str, tmp_path: Path) -> None:
    page.goto(f"{url}/#/{view}")
    _ready(page, view)
    assert page.locator("main h1").inner_text().lower().startswith(view[:4])
    assert page.locator("main svg, main table").count() >= 1
    page.screenshot(path=str(tmp_path / f"{view}.png"), full_page=True)
    assert (tmp_path / f"{view}.png").stat().st_size > 10_000


def test_click_actor_then_event_shows_evidence(page, url: str, tmp_path: Path) -> None:
    page.goto(f"{url}/#/network")
    _ready(page, "network")
    page.locator("g.node[data-id='org:northern-army']").click()
    _ready(page, "actor")
    assert page.locator("main h1").inner_text().startswith("Northern Army")
    assert "Northern Forces" in page.locator("table.aliases").inner_text()
    page.locator("ul.events a", has_text="Northern Army → Unity Council").first.click()
    _ready(page, "event")
    quote = page.locator("blockquote.evidence").first
    assert "shelled" in quote.inner_text()
    assert quote.locator("a.hl.actor").count() >= 1
    assert "Sources disagree" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)


def test_time_range_redraws_the_network(page, url: str) -> None:
    page.goto(f"{url}/#/network")
    _ready(page, "network")
    before = page.locator("g.node").count()
    assert page.locator("g.node[data-id='country:XOS']").count() == 1
    slider = page.locator("#f-from")
    last = int(slider.get_attribute("max"))
    slider.focus()
    for _ in range(last):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector("g.node[data-id='country:XOS']", state="detached", timeout=10000)
    assert 0 < page.locator("g.node").count() < before
    assert page.locator("#f-from-label").inner_text() == "2021-05"


def test_stale_answer_never_overwrites_newer_filter(page, url: str) -> None:
    """A slow answer for an older slider position must not replace the current view."""
    page.goto(f"{url}/#/network")
    _ready(page, "network")
    page.evaluate(
        """() => {
          const real = window.fetch;
          let delayNext = true;
          window.fetch = (u, o) => {
            if (String(u).startsWith('/api/network') && delayNext) {
              delayNext = false;
              return new Promise((ok, fail) => setTimeout(() => real(u, o).then(ok, fail), 1500));
            }
            return real(u, o);
          };
        }"""
    )
    slider = page.locator("#f-from")
    last = slider.get_attribute("max")
    # First change (unfiltered, answered slowly), then the newer one (filtered, answered fast).
    slider.evaluate("(s) => s.dispatchEvent(new Event('input'))")
    slider.evaluate(f"(s) => {{ s.value = '{last}'; s.dispatchEvent(new Event('input')); }}")
    _ready(page, "network")
    page.wait_for_timeout(2500)
    assert page.locator("g.node[data-id='country:XOS']").count() == 0
    assert page.locator("body").get_attribute("data-ready") == "network"


def test_map_labels_never_overlap(page, url: str) -> None:
    page.goto(f"{url}/#/map")
    _ready(page, "map")
    boxes = [t.bounding_box() for t in page.locator("g.place text").all()]
    assert len(boxes) >= 2 and page.locator("g.place").count() == 3

    def overlap(a: dict, b: dict) -> bool:
        return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])

    pairs = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]]
    assert not any(overlap(a, b) for a, b in pairs), boxes


def test_facts_only_checkbox_hides_claims(page, url: str) -> None:
    page.goto(f"{url}/#/timeline")
    _ready(page, "timeline")
    assert page.locator("g.row.claim").count() >= 1
    page.locator("#f-claims").uncheck()
    page.wait_for_selector("g.row.claim", state="detached", timeout=10000)
    assert page.locator("g.row").count() >= 5


def test_month_precision_is_drawn_as_a_span(page, url: str) -> None:
    page.goto(f"{url}/#/timeline")
    _ready(page, "timeline")
    day = page.locator("g.row.precision-day rect.bar").first.bounding_box()
    month = page.locator("g.row.precision-month rect.bar").first.bounding_box()
    assert month["width"] > 5 * day["width"]
    assert page.locator("g.row.status-planned").count() == 1


def test_script_in_article_text_stays_inert(page, url: str) -> None:
    page.goto(f"{url}/#/search/civilians")
    _ready(page, "search")
    page.locator("ul.events a").first.click()
    _ready(page, "event")
    main = page.locator("main")
    assert "<script>alert('xss')</script>" in main.inner_text()
    page.goto(f"{url}/#/search/denied")
    _ready(page, "search")
    page.locator("ul.events a").first.click()
    _ready(page, "event")
    assert "<script>alert('title')</script>" in main.inner_text()
    assert main.locator("script, b").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_search_box_finds_an_actor(page, url: str) -> None:
    page.goto(f"{url}/#/network")
    _ready(page, "network")
    page.fill("#search-input", "Brandt")
    page.press("#search-input", "Enter")
    _ready(page, "search")
    page.locator("main a.actor", has_text="Ilse Brandt").click()
    _ready(page, "actor")
    assert "head of the Unity Council" in page.locator("main").inner_text()
