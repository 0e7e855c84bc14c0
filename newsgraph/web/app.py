"""The explorer's FastAPI app: a read-only JSON API plus one offline single-page UI.

Safe by default: the database is opened read-only, every route is GET, filters
go to the query API as bound parameters, hostile input becomes a 4xx JSON
``{"error": ...}`` (never a 500), the Host header must be a local name (no DNS
rebinding), and a strict Content-Security-Policy forbids inline and foreign
scripts, so article text is shown as text (the UI only uses ``textContent``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsgraph.api import KnowledgeBase
from newsgraph.errors import NewsgraphError
from newsgraph.store import queries
from newsgraph.web import views
from newsgraph.web.views import Filters

STATIC_DIR = Path(__file__).parent / "static"
MAX_LIMIT = 5000
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

Str = Annotated[str | None, Query(max_length=200)]
DateParam = Annotated[str | None, Query(max_length=32, description="YYYY, YYYY-MM or YYYY-MM-DD")]
TypeParam = Annotated[list[str] | None, Query(max_length=32, description="PLOVER type(s)")]
StatusParam = Annotated[list[str] | None, Query(max_length=8,
                                                description="occurred|planned|negated|hypothetical")]
Limit = Annotated[int | None, Query(ge=1, le=MAX_LIMIT)]
Claims = Annotated[bool, Query(description="false: facts only (leave out attributed claims)")]


class Explorer:
    """The open knowledge base, a lock (one SQLite connection) and the cached layout."""

    def __init__(self, db_path: str | Path) -> None:
        self.kb = KnowledgeBase(db_path)
        self.lock = threading.Lock()
        self._layout: tuple[int, dict[str, tuple[float, float]]] | None = None

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self.lock:
            return fn(self.kb, *args)

    def positions(self) -> dict[str, tuple[float, float]]:
        with self.lock:
            version = (queries.data_version(self.kb.conn),
                       self.kb.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
            key = hash(version)
            if self._layout is None or self._layout[0] != key:
                self._layout = (key, views.layout(self.kb))
            return self._layout[1]


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def create_app(db_path: str, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The explorer app over the database at ``db_path`` (opened read-only now).

    ``allowed_hosts`` are the Host header names accepted (default: loopback names);
    add the machine's name only when deliberately serving beyond localhost.
    """
    ex = Explorer(db_path)
    app = FastAPI(title="newsgraph explorer", version="1",
                  description="Read-only JSON API over a newsgraph database: events (PLOVER), "
                              "actors, relations and the evidence sentences behind them.")
    app.state.explorer = ex
    app.add_middleware(TrustedHostMiddleware,
                       allowed_hosts=[*LOCAL_HOSTS, "testserver", *(allowed_hosts or [])])

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(NewsgraphError)
    async def domain_error(request: Request, exc: NewsgraphError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "query")
            problems.append(f"{where}: {e.get('msg')}")
        return _error(422, "invalid parameter: " + "; ".join(problems), problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        return _error(500, f"internal error: {type(exc).__name__}")

    def filters(actor: str | None, type_: list[str] | None, status: list[str] | None,
                since: str | None, until: str | None, reported_by: str | None, claims: bool,
                limit: int | None) -> Filters:
        return Filters(actor=actor, type=type_ or None, status=status or None, since=since,
                       until=until, reported_by=reported_by, claims=claims, limit=limit)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/api/summary", summary="Counts, date range and problems of the database")
    def summary() -> dict[str, Any]:
        s = ex.run(lambda kb: kb.summary())
        s["date_range"] = list(s.get("date_range") or (None, None))
        s["types"] = ex.run(lambda kb: {t: {"quad": v.quad, "description": v.description}
                                        for t, v in kb.plover.types.items()})
        return s

    @app.get("/api/events", summary="Merged events matching the filters, oldest first")
    def events(actor: Str = None, type: TypeParam = None, status: StatusParam = None,  # noqa: A002
               since: DateParam = None, until: DateParam = None, reported_by: Str = None,
               claims: Claims = True, limit: Limit = 500) -> dict[str, Any]:
        f = filters(actor, type, status, since, until, reported_by, claims, limit)
        return {"events": ex.run(views.event_items, f)}

    @app.get("/api/network", summary="Actor network: nodes by activity, edges by quad class")
    def network(actor: Str = None, type: TypeParam = None, status: StatusParam = None,  # noqa: A002
                since: DateParam = None, until: DateParam = None, reported_by: Str = None,
                claims: Claims = True) -> dict[str, Any]:
        f = filters(actor, type, status, since, until, reported_by, claims, None)
        positions = ex.positions()
        return ex.run(views.network, f, positions)

    @app.get("/api/timeline", summary="Dated events as spans at their precision")
    def timeline(actor: Str = None, type: TypeParam = None, status: StatusParam = None,  # noqa: A002
                 since: DateParam = None, until: DateParam = None, reported_by: Str = None,
                 claims: Claims = True, limit: Limit = 2000) -> dict[str, Any]:
        f = filters(actor, type, status, since, until, reported_by, claims, limit)
        return ex.run(views.timeline, f)

    @app.get("/api/places", summary="Located events grouped by place, for the map")
    def places(actor: Str = None, type: TypeParam = None, status: StatusParam = None,  # noqa: A002
               since: DateParam = None, until: DateParam = None, reported_by: Str = None,
               claims: Claims = True) -> dict[str, Any]:
        f = filters(actor, type, status, since, until, reported_by, claims, None)
        return {"places": ex.run(views.places, f)}

    @app.get("/api/actors", summary="Actors, most mentioned first")
    def actors(kind: Annotated[str | None, Query(max_length=20)] = None,
               limit: Limit = 500) -> dict[str, Any]:
        return {"actors": views.records(ex.run(lambda kb: kb.actors(kind=kind, limit=limit)))}

    @app.get("/api/actor", summary="One actor: aliases, roles, counterparts, monthly relations")
    def actor(name: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
        return ex.run(views.actor_page, name)

    @app.get("/api/event", summary="One event: evidence sentences, articles, disagreements")
    def event(id: Annotated[str, Query(min_length=1, max_length=64,  # noqa: A002
                                       pattern=r"^[A-Za-z0-9_.:-]+$")]) -> dict[str, Any]:
        return ex.run(views.event_page, id)

    @app.get("/api/search", summary="Full-text search over actors and evidence sentences")
    def search(q: Annotated[str, Query(min_length=1, max_length=200)],
               limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
        return ex.run(views.search, q, limit)

    @app.get("/api/articles", summary="Stored articles with their metadata")
    def articles() -> dict[str, Any]:
        return {"articles": views.records(ex.run(lambda kb: kb.articles()))}

    return app
