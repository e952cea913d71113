"""The web's access rules, in one place: who may write (a bearer token, or open writes on loopback only), which
requests are refused as cross-site, and how much analysis one request may ask for. The app and its routers import
these; nothing here imports them."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import UnsafeBinding
from ..settings import Settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
"""Host headers a server with open writes answers (DNS rebinding is refused)."""
MAX_ID = 2**62  # ids beyond what both databases store are refused as invalid (422), never a 500
WEB_MAX_TEXT_CHARS = 200_000  # a long article is 50,000 characters; analysing more per request invites abuse


def check_binding(host: str, settings: Settings, open_writes: bool = False) -> None:
    """Writes without a token are only ever served on the loopback interface."""
    if open_writes and not settings.api_token and host not in LOOPBACK:
        raise UnsafeBinding(f"refusing to bind {host} with writes enabled and no token: give --token-file, "
                            "or serve on 127.0.0.1")


def cross_site(headers: dict[str, str]) -> bool:
    """A browser tells us where a request comes from; a write from another site is refused (CSRF).
    Fetch metadata first (sent by current browsers), else the Origin header; API clients send neither."""
    site = headers.get("sec-fetch-site")
    if site:
        return site not in {"same-origin", "none"}
    origin = headers.get("origin")
    if not origin:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


bearer = HTTPBearer(auto_error=False)


def check_writer(request: Request, given: str) -> None:
    """Writes need the configured token; with none, only a server started with open writes (loopback) takes them."""
    token = request.app.state.settings.api_token
    if not token:
        if request.app.state.open_writes:
            return
        raise HTTPException(403, "this server is read-only (no API token is configured)")
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})


def require_writer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """Dependency for write endpoints: the bearer token."""
    check_writer(request, credentials.credentials if credentials else "")


def writes_enabled(request: Request) -> bool:
    return bool(request.app.state.settings.api_token) or request.app.state.open_writes


def web_settings(request: Request) -> Settings:
    """The server's settings with the smaller text limit for analyses requested over HTTP."""
    settings = request.app.state.settings
    return settings.replace(max_text_chars=min(settings.max_text_chars, WEB_MAX_TEXT_CHARS))
