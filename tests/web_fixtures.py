"""A small store and a live server for the web tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import uvicorn

from claimgraph import Settings, open_store
from claimgraph.corpus.ingest import ingest_inputs
from claimgraph.web import create_app

ROOT = Path(__file__).resolve().parent.parent
XSS_TEXT = ("Harbour row deepens over <script>window.__xss = 1; alert('xss')</script> claims\n\n"
            "The mayor said that the harbour would <img src=x onerror=\"window.__xss = 2\"> reopen on Monday, "
            "according to <a href=\"javascript:window.__xss=3\">the council</a>.\n\n"
            "“We will not let <b>anyone</b> close it,” the mayor said. javascript:alert(1)\n")


def build_store(path: Path) -> str:
    url = f"sqlite:///{path}"
    store = open_store(url)
    dump = path.parent / "web.jsonl"
    items = [
        {"url": "https://harbour.example.org/strike", "published": "2025-03-14", "outlet": "Harbour Gazette",
         "title": "Port strike enters second week as shipping backlog grows",
         "text": (ROOT / "examples" / "sample-article.txt").read_text(encoding="utf-8")},
        {"url": "https://courier.example.org/bus-lanes", "published": "2025-02-11", "outlet": "Riverside Courier",
         "html": (ROOT / "tests" / "fixtures" / "article.html").read_text(encoding="utf-8")},
        {"url": "https://evil.example.org/xss", "published": "2025-03-15", "outlet": "Evil Times",
         "title": "Harbour row <script>window.__xss=4</script>", "text": XSS_TEXT},
    ]
    dump.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    summary = ingest_inputs([str(dump)], store, Settings())
    assert summary.added == 3, summary
    store.close()
    return url


HOSTILE_CLAIM = ("“The ferry terminal at Port Elm will reopen on Monday after <img src=x onerror=\"window.__xss = 5\"> "
                 "the strike,” harbour officials said on Friday.")


def build_claims_store(path: Path) -> str:
    """One story in four outlets (tests/fixtures/claims) and one claim with markup in it, in two outlets."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    dump = path.parent / "claims.jsonl"
    story = (ROOT / "tests" / "fixtures" / "claims" / "one-story-four-outlets.jsonl").read_text(encoding="utf-8")
    hostile = [{"url": f"https://{site}.example.org/ferry", "published": day, "outlet": outlet,
                "title": "Ferry terminal <b>to reopen</b>", "text": f"{HOSTILE_CLAIM} {rest}"}
               for site, day, outlet, rest in (
                   ("evil", "2025-03-15", "Evil Times", "Dockworkers voted to end the walkout on Friday night."),
                   ("worse", "2025-03-16", "Worse Post", "The walkout had lasted nine days, the union said."))]
    dump.write_text(story + "".join(json.dumps(i) + "\n" for i in hostile), encoding="utf-8")
    summary = ingest_inputs([str(dump)], store, Settings())
    assert summary.added == 6 and not summary.unlinked, summary
    store.close()
    return url


class LiveServer:
    def __init__(self, settings: Settings, open_writes: bool = False) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        app = create_app(settings, open_writes=open_writes)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
