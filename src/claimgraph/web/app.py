"""create_app(settings): the FastAPI application, its security headers, body limit and error pages.

Who may do what (tokens, loopback-only writes, cross-site refusal) is decided in ``access``; the pages and the
JSON API are routers of their own."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..errors import ClaimgraphError
from ..settings import Settings
from ..store import Store, open_store
from .access import LOOPBACK_HOSTS, cross_site
from .api import router as api_router
from .pages import router as pages_router
from .workers import analysis_pool

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(settings: Settings | None = None, store: Store | None = None, open_writes: bool = False) -> FastAPI:
    """The web app over ``store`` (opened from ``settings.db`` when not given). Writes need the bearer token in
    ``settings.api_token``; with none, the app is read-only unless ``open_writes`` (loopback use only)."""
    settings = settings or Settings()
    analysis = analysis_pool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        analysis.start()  # the workers load the pipeline while the server starts answering
        yield

    app = FastAPI(title="claimgraph", version=version("claimgraph"), lifespan=lifespan,
                  description="Who claimed what: articles, statements, speakers and figures from the store.")
    app.state.settings = settings
    app.state.store = store or open_store(settings.db, settings.query_timeout_ms)
    app.state.open_writes = open_writes
    app.state.analysis = analysis
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.filters["path"] = lambda value: quote(str(value), safe="")
    app.state.templates.env.filters["number"] = lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    app.add_middleware(_Guard, max_body=settings.max_body_bytes)
    if open_writes and not settings.api_token:
        # writes without a token are for this machine only: refuse other Host headers (DNS rebinding)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return app.state.templates.TemplateResponse(request, "error.html", {"message": str(exc),
                                                                            "title": _title(422)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api") or request.url.path.startswith("/docs"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return app.state.templates.TemplateResponse(request, "error.html",
                                                    {"message": exc.detail, "title": _title(exc.status_code)},
                                                    status_code=exc.status_code, headers=exc.headers)

    return app


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class _Guard:
    """Pure ASGI middleware, around everything (error responses included): security headers on every response,
    request bodies over the limit refused as they arrive (declared or chunked), and no cross-site writes."""

    def __init__(self, app, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        head = scope["method"] == "HEAD"
        if head:  # every page answers HEAD as it answers GET, without the body
            scope = {**scope, "method": "GET"}
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope["method"] not in {"GET", "HEAD", "OPTIONS"} and cross_site(headers):
            return await _plain(send, 403, "cross-site requests may not write")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return await _plain(send, 413, f"request body over {self.max_body:,} bytes")
        docs = scope["path"] in {"/docs", "/redoc"}  # the OpenAPI explorer loads its own scripts
        received = 0
        refused = False
        started = False

        async def limited_receive():
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # a chunked body with no declared length
                    refused = True
                    await _plain(send, 413, f"request body over {self.max_body:,} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def secured_send(message):
            if refused:
                return  # our 413 has been sent; whatever the app says now goes nowhere
            nonlocal started
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            if message["type"] == "http.response.start":
                started = True
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                if not docs:
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except Exception:
            if refused:
                return
            if started:
                raise
            # an error nobody handled: a plain 500 that carries the security headers like every other response
            await _plain(send, 500, "internal error")
            raise


async def _plain(send, status: int, detail: str) -> None:
    import json

    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})
