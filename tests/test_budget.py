"""Every analysis has a time budget: past it the document fails alone (CLI, ingest) or the request is answered 413
(web); the web server analyses in a bounded pool of worker processes, so a long analysis never holds up page reads
and a request that finds every worker busy is answered 503."""

import threading
import time

import pytest
from fastapi.testclient import TestClient

from claimgraph import Settings
from claimgraph.analysis import analyze_many, time_budget
from claimgraph.errors import OverBudget
from claimgraph.model import Document, Failure
from claimgraph.web import create_app
from claimgraph.web.workers import GRACE_SECONDS
from web_fixtures import build_store

SHORT = "The mayor said on Monday that the bridge over the river would reopen next spring."


def long_text(sentences: int) -> str:
    """A long article written for the test: varied sentences, each an attribution with figures and dates."""
    return "\n\n".join(f"The minister for district {i} said on Monday that {i * 7 % 90 + 10} ships would use the "
                       f"port within {i % 12 + 2} weeks, officials in the capital added." for i in range(sentences))


def test_the_timer_interrupts_work_past_its_budget():
    start = time.perf_counter()
    with pytest.raises(OverBudget):
        with time_budget(0.3):
            while True:
                sum(range(1000))
    assert time.perf_counter() - start < 2
    with time_budget(0):  # no budget: nothing is interrupted
        time.sleep(0.05)


def test_a_document_past_its_budget_fails_alone_and_the_next_one_is_analysed():
    documents = [Document("long.txt", long_text(1500)), Document("short.txt", SHORT)]
    start = time.perf_counter()
    results = list(analyze_many(documents, Settings(analysis_seconds=1.0)))
    assert time.perf_counter() - start < 30
    assert isinstance(results[0], Failure) and results[0].locator == "long.txt"
    assert "budget of 1 s (setting analysis_seconds)" in results[0].reason
    assert not isinstance(results[1], Failure) and results[1].attributions[0].cue.text == "said"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("budget") / "web.db")


def test_a_long_analysis_over_http_is_stopped_at_its_budget_with_413(db):
    with TestClient(create_app(Settings(db=db, web_analysis_seconds=2.0))) as client:
        assert client.post("/api/analyse", json={"text": SHORT}).status_code == 200  # the workers are up
        start = time.perf_counter()
        r = client.post("/api/analyse", json={"text": long_text(1500)})
        took = time.perf_counter() - start
        assert r.status_code == 413 and "web_analysis_seconds" in r.json()["detail"]
        assert took < 2.0 + GRACE_SECONDS, f"answered after {took:.1f} s"
        form = client.post("/analyse", data={"text": long_text(1500)})
        assert form.status_code == 413 and "shorter text" in form.text
        assert client.post("/api/analyse", json={"text": SHORT}).status_code == 200  # the worker goes on


def test_when_every_worker_is_busy_requests_get_503_and_reads_go_on(db):
    settings = Settings(db=db, web_workers=1, web_analysis_seconds=4.0, web_wait_seconds=0.2)
    with TestClient(create_app(settings)) as client:
        assert client.post("/api/analyse", json={"text": SHORT}).status_code == 200
        answers = []
        busy = threading.Thread(target=lambda: answers.append(client.post("/api/analyse",
                                                                          json={"text": long_text(1500)})))
        busy.start()
        time.sleep(0.5)
        refused = client.post("/api/analyse", json={"text": SHORT})
        read = client.get("/api/articles")
        still_busy = busy.is_alive()
        busy.join(timeout=30)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
        assert "busy" in refused.json()["detail"]
        assert read.status_code == 200 and still_busy  # the read was answered while the analysis ran
        assert answers and answers[0].status_code == 413


def test_analysis_workers_die_with_a_killed_server(tmp_path):
    import os
    import signal
    import socket
    import subprocess
    import sys

    import httpx

    from conftest import ROOT
    from processes import descendants, is_python, running

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "claimgraph", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "CLAIMGRAPH_ATTRIBUTION": "rules"})
    try:
        deadline, answer = time.time() + 120, None
        while time.time() < deadline and answer is None:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/api/analyse", json={"text": SHORT}, timeout=60)
            except httpx.TransportError:
                time.sleep(0.5)
        assert answer is not None and answer.status_code == 200, "the server never answered"
        workers = [p for p in descendants(proc.pid) if is_python(p)]
        assert len(workers) >= 2, "no analysis workers were started"  # the forkserver and its workers
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(running(w) for w in workers):
        time.sleep(0.2)
    assert [w for w in workers if running(w)] == [], "analysis workers outlived their server"
