"""The explorer's JSON API against a real uvicorn server on a temporary database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from newsgraph.web.background import BackgroundServer  # noqa: E402
from newsgraph.web.sample import build_sample_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("web") / "sample.db")


@pytest.fixture(scope="module")
def server(db: Path):
    with BackgroundServer(db) as url:
        with httpx.Client(base_url=url, timeout=20) as client:
            yield client


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_index_and_static_are_served_with_a_strict_csp(server: httpx.Client) -> None:
    r = server.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert server.get("/static/app.js").status_code == 200
    basemap = server.get("/static/vendor/countries-110m.json").json()
    assert len(basemap["countries"]) > 150


def test_openapi_describes_every_api_route(server: httpx.Client) -> None:
    paths = server.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/network", "/api/timeline", "/api/places", "/api/actor",
              "/api/event", "/api/search", "/api/summary", "/api/actors"):
        assert p in paths and set(paths[p]) == {"get"}


def test_network_nodes_edges_and_time_filter(server: httpx.Client) -> None:
    full = server.get("/api/network").json()
    ids = {n["id"] for n in full["nodes"]}
    assert {"org:northern-army", "org:unity-council", "country:XOS"} <= ids
    classes = {e["class"] for e in full["edges"]}
    assert classes == {"cooperative", "conflictual"}
    may = server.get("/api/network", params={"since": "2021-05", "until": "2021-05"}).json()
    assert 0 < may["events"] < full["events"]
    assert "country:XOS" not in {n["id"] for n in may["nodes"]}
    # positions do not move when the range changes (layout from the whole database)
    pos = {n["id"]: (n["x"], n["y"]) for n in full["nodes"]}
    assert all(pos[n["id"]] == (n["x"], n["y"]) for n in may["nodes"])


def test_facts_only_leaves_out_claims(server: httpx.Client) -> None:
    all_ = server.get("/api/events").json()["events"]
    facts = server.get("/api/events", params={"claims": "false"}).json()["events"]
    assert any(e["claim"] for e in all_)
    assert facts and not any(e["claim"] for e in facts)
    assert len(facts) < len(all_)


def test_timeline_spans_follow_date_precision(server: httpx.Client) -> None:
    events = server.get("/api/timeline").json()["events"]
    by_prec = {e["date_precision"]: e for e in events}
    assert by_prec["month"]["date_end"][-2:] in {"28", "29", "30", "31"}
    assert by_prec["month"]["date_start"].endswith("-01")
    assert by_prec["year"]["date_start"].endswith("-01-01")
    assert by_prec["day"]["date_start"] == by_prec["day"]["date_end"]
    assert {"planned", "occurred"} <= {e["status"] for e in events}


def test_actor_page_has_aliases_counterparts_and_months(server: httpx.Client) -> None:
    a = server.get("/api/actor", params={"name": "Valan"}).json()  # a drifted spelling
    assert a["id"] == "person:marek-volan"
    assert {"Volan", "Valan"} <= {x["alias"] for x in a["aliases"]}
    army = server.get("/api/actor", params={"name": "org:northern-army"}).json()
    council = next(c for c in army["counterparts"] if c["counterpart_id"] == "org:unity-council")
    periods = {m["period"] for m in council["months"]}
    assert {"2021-03", "2021-05"} <= periods


def test_event_page_evidence_highlights_and_disagreement(server: httpx.Client) -> None:
    events = server.get("/api/events", params={"type": "ASSAULT"}).json()["events"]
    disputed = next(e for e in events if e["disputed"])
    page = server.get("/api/event", params={"id": disputed["id"]}).json()
    assert {ev["status"] for ev in page["evidence"]} == {"occurred", "negated"}
    assert len(page["articles"]) == 2 and all(a["url"] for a in page["articles"])
    assert {g["status"] for g in page["disputed_within"]} == {"occurred", "negated"}
    segs = page["evidence"][0]["segments"]
    assert "".join(s["text"] for s in segs) == page["evidence"][0]["sentence"]
    assert any(s.get("actor_id") == "org:northern-army" for s in segs)
    assert any(s.get("trigger") for s in segs)
    may = next(e for e in events if e["date"] == "2021-05-12")
    other = server.get("/api/event", params={"id": may["id"]}).json()["disagreements"]
    assert [d["event"]["type"] for d in other] == ["CONSULT"]


def test_search_finds_actors_and_sentences(server: httpx.Client) -> None:
    r = server.get("/api/search", params={"q": "Brandt"}).json()
    assert "person:ilse-brandt" in {a["id"] for a in r["actors"]}
    r = server.get("/api/search", params={"q": "ceasefire"}).json()
    assert r["events"] and "ceasefire" in r["events"][0]["text"]


HOSTILE = [
    ("/api/events", {"since": "2021-13-45"}),
    ("/api/events", {"since": "'; DROP TABLE events; --"}),
    ("/api/events", {"until": "yesterday"}),
    ("/api/events", {"since": "2021-05", "until": "2020-01"}),
    ("/api/events", {"type": "ASSAULT' OR 1=1 --"}),
    ("/api/events", {"status": "occurred; DELETE FROM events"}),
    ("/api/events", {"limit": "999999999"}),
    ("/api/events", {"limit": "-1"}),
    ("/api/events", {"limit": "ten"}),
    ("/api/events", {"actor": "x" * 5000}),
    ("/api/events", {"claims": "maybe"}),
    ("/api/network", {"since": "0000-00-00"}),
    ("/api/timeline", {"type": "../../etc/passwd"}),
    ("/api/places", {"until": "2021-02-30"}),
    ("/api/actors", {"kind": "robot"}),
    ("/api/actors", {"limit": "10000000000000000000000"}),
    ("/api/actor", {"name": "nobody at all"}),
    ("/api/actor", {}),
    ("/api/event", {"id": "../../../etc/passwd"}),
    ("/api/event", {"id": "no-such-event"}),
    ("/api/search", {"q": "***"}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "a", "limit": "100000"}),
]


@pytest.mark.parametrize(("path", "params"), HOSTILE)
def test_hostile_parameters_get_a_clear_4xx(server: httpx.Client, path: str,
                                            params: dict[str, str]) -> None:
    r = server.get(path, params=params)
    assert 400 <= r.status_code < 500, r.text
    body = r.json()
    assert isinstance(body["error"], str) and body["error"]


@pytest.mark.parametrize("path", ["/static/../../newsgraph/api.py", "/static/%2e%2e/app.py",
                                  "/static/..%2f..%2fpyproject.toml", "/api/nope"])
def test_path_traversal_is_refused(server: httpx.Client, path: str) -> None:
    r = server.get(path)
    assert r.status_code == 404
    assert "KnowledgeBase" not in r.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_get_is_allowed(server: httpx.Client, method: str) -> None:
    assert server.request(method, "/api/events").status_code == 405


def test_foreign_host_header_is_refused(server: httpx.Client) -> None:
    r = server.get("/api/summary", headers={"Host": "evil.example"})
    assert r.status_code == 400


def test_server_never_writes_the_database(server: httpx.Client, db: Path) -> None:
    before = _sha(db)
    for path in ("/api/summary", "/api/network", "/api/timeline", "/api/search?q=Karst"):
        assert server.get(path).status_code == 200
    assert _sha(db) == before


def test_article_markup_comes_back_as_data_not_html(server: httpx.Client) -> None:
    events = server.get("/api/events", params={"type": "ACCUSE"}).json()["events"]
    page = server.get("/api/event", params={"id": events[0]["id"]})
    assert page.headers["content-type"].startswith("application/json")
    text = json.dumps(page.json())
    assert "<script>alert('xss')</script>" in text  # stored verbatim, rendered by textContent
