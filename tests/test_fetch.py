"""The fetcher against an httpx mock transport: never the internet."""

import httpx
import pytest

from claimgraph import InputError, Settings
from claimgraph.ingest.fetch import Fetcher

PAGE = b"<html><body><p>The mayor said that the bridge would reopen in May after repairs.</p></body></html>"


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def __call__(self):
        return self.now


def public(host, port):
    """Name resolution stubbed: an address in any notation is read as the C library reads it, and every name is a
    public address (never contacted: the transport is a mock)."""
    import socket

    try:
        return [i[4][0] for i in socket.getaddrinfo(host.strip("[]"), port, flags=socket.AI_NUMERICHOST)]
    except socket.gaierror:
        return ["151.101.1.1"]


def fetcher(handler, **settings):
    clock = Clock()
    f = Fetcher(Settings(**settings), transport=httpx.MockTransport(handler), sleep=clock.sleep, clock=clock,
                resolver=public)
    return f, clock


def test_user_agent_and_robots_txt_are_respected():
    seen = []

    def handler(request):
        seen.append((request.url.path, request.headers["user-agent"]))
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})

    f, _ = fetcher(handler)
    assert f.get("https://news.example.org/story").data == PAGE
    with pytest.raises(InputError, match="robots.txt"):
        f.get("https://news.example.org/private/story")
    assert seen[0][0] == "/robots.txt" and all(ua.startswith("claimgraph/") for _, ua in seen)
    assert [p for p, _ in seen].count("/robots.txt") == 1  # cached per host


def test_retries_with_backoff_then_success():
    calls = {"n": 0}

    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls["n"] += 1
        return httpx.Response(503) if calls["n"] < 3 else httpx.Response(200, content=PAGE)

    f, clock = fetcher(handler, host_interval=0.0)
    assert f.get("https://example.org/a").data == PAGE
    assert calls["n"] == 3
    assert clock.sleeps[:2] == [1.0, 2.0]


def test_gives_up_on_a_dead_host_with_a_reason():
    def handler(request):
        raise httpx.ConnectError("connection refused", request=request)

    f, _ = fetcher(handler, fetch_retries=2, host_interval=0.0)
    with pytest.raises(InputError, match="gave up after 3 attempts: ConnectError"):
        f.get("https://dead.example.org/story")


def test_size_limit_and_http_errors():
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/big":
            return httpx.Response(200, content=b"x" * 5000)
        return httpx.Response(404)

    f, _ = fetcher(handler, max_input_bytes=1000)
    with pytest.raises(InputError, match="limit of 1,000"):
        f.get("https://example.org/big")
    with pytest.raises(InputError, match="HTTP 404"):
        f.get("https://example.org/missing")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "example.org"])
def test_only_http_and_https(url):
    f, _ = fetcher(lambda request: httpx.Response(200, content=PAGE))
    with pytest.raises(InputError, match="only http and https"):
        f.get(url)


def test_per_host_rate_limit():
    f, clock = fetcher(lambda r: httpx.Response(404) if r.url.path == "/robots.txt" else
                       httpx.Response(200, content=PAGE), host_interval=2.0)
    for path in ("a", "b", "c"):
        f.get(f"https://example.org/{path}")
    f.get("https://other.example.net/a")
    # one host: robots.txt, then a, b and c each 2 s apart; the other host waits only after its own robots.txt
    assert clock.sleeps == [2.0, 2.0, 2.0, 2.0]
    assert clock.now == 8.0


def test_redirects_are_checked_hop_by_hop():
    def handler(request):
        if request.url.path == "/robots.txt":
            if request.url.host == "mirror.example.net":
                return httpx.Response(200, text="User-agent: *\nDisallow: /\n")
            return httpx.Response(404)
        if request.url.path == "/moved":
            return httpx.Response(301, headers={"location": "https://example.org/story"})
        if request.url.path == "/internal":
            return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})
        if request.url.path == "/mirror":
            return httpx.Response(302, headers={"location": "https://mirror.example.net/story"})
        return httpx.Response(200, content=PAGE)

    f, _ = fetcher(handler, host_interval=0.0)
    fetched = f.get("https://example.org/moved")
    assert fetched.data == PAGE and fetched.url == "https://example.org/story"
    with pytest.raises(InputError, match="private or loopback"):
        f.get("https://example.org/internal")
    with pytest.raises(InputError, match="robots.txt"):
        f.get("https://example.org/mirror")
    with pytest.raises(InputError, match="private or loopback"):
        f.get("http://10.0.0.7/feed")


def test_undecodable_bodies_are_input_errors():
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=b"not gzip at all", headers={"content-encoding": "gzip"})

    f, _ = fetcher(handler, host_interval=0.0)
    with pytest.raises(InputError, match="DecodingError"):
        f.get("https://example.org/broken")


LOOPBACK_NOTATIONS = ["127.0.0.1", "127.1", "2130706433", "0x7f000001", "017700000001", "[::1]",
                      "[::ffff:127.0.0.1]", "localhost", "0.0.0.0", "169.254.169.254", "10.0.0.7", "[fe80::1]"]


@pytest.mark.parametrize("host", LOOPBACK_NOTATIONS)
def test_private_addresses_are_refused_in_every_notation(host):
    from claimgraph.ingest import addresses

    contacted = []

    def handler(request):
        contacted.append(request.url)
        return httpx.Response(200, content=PAGE)

    f = Fetcher(Settings(), transport=httpx.MockTransport(handler),
                resolver=lambda h, p: ["127.0.0.1"] if h == "localhost" else addresses.resolve(h, p))
    with pytest.raises(InputError, match="private or loopback"):
        f.get(f"http://{host}:8080/story")
    assert contacted == []


def test_a_name_that_resolves_to_loopback_is_refused():
    f = Fetcher(Settings(), transport=httpx.MockTransport(lambda r: httpx.Response(200, content=PAGE)),
                resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"] if host == "sneaky.example" else [])
    with pytest.raises(InputError, match=r"private or loopback address \(sneaky.example is 127.0.0.1\)"):
        f.get("https://sneaky.example/story")
    with pytest.raises(InputError, match="cannot resolve"):
        f.get("https://nowhere.example/story")


def _loopback_server():
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"" if self.path == "/robots.txt" else PAGE
            self.send_response(404 if self.path == "/robots.txt" else 200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_connections_go_to_the_checked_address_and_private_fetching_is_a_setting():
    """A real transport against a server on loopback: refused by default, even when a name resolves to it only at
    connect time (the check and the connect share one resolution); fetched when fetch_private is set."""
    import httpcore

    from claimgraph.ingest.addresses import GuardedBackend

    server = _loopback_server()
    port = server.server_address[1]
    try:
        refused = Fetcher(Settings(fetch_retries=0, fetch_timeout=5.0))
        assert isinstance(refused._client._transport._pool._network_backend, GuardedBackend)
        with pytest.raises(InputError, match="private or loopback"):
            refused.get(f"http://2130706433:{port}/story")
        refused.close()
        with pytest.raises(httpcore.ConnectError, match="private or loopback"):
            GuardedBackend(lambda h, p: ["127.0.0.1"]).connect_tcp("rebinding.example", port, timeout=5.0)
        allowed = Fetcher(Settings(fetch_private=True, host_interval=0.0, fetch_timeout=5.0))
        assert allowed.get(f"http://127.1:{port}/story").data == PAGE
        allowed.close()
    finally:
        server.shutdown()
