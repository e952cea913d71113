"""create_app(settings): the FastAPI application, its security headers, body limit and error pages."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware

from ..errors import ClaimgraphError
from ..settings import Settings
from ..store import Store, open_store

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class UnsafeBinding(ClaimgraphError):
    """Refusing to serve writes to the network without a token."""


def check_binding(host: str, settings: Settings, open_writes: bool = False) -> None:
    """Writes without a token are only ever served on the loopback interface."""
    if open_writes and not settings.api_token and host not in LOOPBACK:
        raise UnsafeBinding(f"refusing to bind {host} with writes enabled and no token: give --token-file, "
                            "or serve on 127.0.0.1")


def create_app(settings: Settings | None = None, store: Store | None = None, open_writes: bool = False) -> FastAPI:
    """The web app over ``store`` (opened from ``settings.db`` when not given). Writes need the bearer token in
    ``settings.api_token``; with none, the app is read-only unless ``open_writes`` (loopback use only)."""
    settings = settings or Settings()
    app = FastAPI(title="claimgraph", version="0.1.0",
                  description="Who claimed what: articles, statements, speakers and figures from the store.")
    app.state.settings = settings
    app.state.store = store or open_store(settings.db, settings.query_timeout_ms)
    app.state.open_writes = open_writes
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.add_middleware(_Guard, max_body=settings.max_body_bytes)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from .api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)

    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return app.state.templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api") or request.url.path.startswith("/docs"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return app.state.templates.TemplateResponse(request, "error.html", {"message": exc.detail},
                                                    status_code=exc.status_code, headers=exc.headers)

    return app


class _Guard(BaseHTTPMiddleware):
    """Security headers on every response; request bodies over the limit are refused before they are read."""

    def __init__(self, app, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def dispatch(self, request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            return JSONResponse({"detail": f"request body over {self.max_body:,} bytes"}, status_code=413)
        response = await call_next(request)
        docs = request.url.path in {"/docs", "/redoc"}
        if not docs:  # the OpenAPI explorer loads its own scripts
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


_bearer = HTTPBearer(auto_error=False)


def require_writer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Dependency for write endpoints: the configured bearer token, or open writes on loopback."""
    token = request.app.state.settings.api_token
    if not token:
        if request.app.state.open_writes:
            return
        raise HTTPException(403, "this server is read-only (no API token is configured)")
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def writes_enabled(request: Request) -> bool:
    return bool(request.app.state.settings.api_token) or request.app.state.open_writes
