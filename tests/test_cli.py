import json
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-article.txt"


def run(*args, stdin=None):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=300, env=env)


def test_report_groups_statements_by_speaker():
    r = run("analyze", str(SAMPLE), "--published", "2025-03-14")
    assert r.returncode == 0, r.stderr
    assert "Aurelia Brandt" in r.stdout and "Tomas Kearney" in r.stdout
    assert "published 2025-03-14" in r.stdout


def test_json_document(tmp_path):
    r = run("analyze", str(SAMPLE), "--json", "--published", "2025-03-14")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "claimgraph.analysis/1"
    assert doc["article"]["published"] == "2025-03-14"
    assert doc["text"] == SAMPLE.read_text(encoding="utf-8")
    assert {s["role"] for s in doc["sentences"]} >= {"headline", "body", "boilerplate", "caption"}
    speakers = {a["source"]["entity"] for a in doc["attributions"] if a["source"]}
    assert {"Aurelia Brandt", "Tomas Kearney", "Mira Santos", "Daniel Okafor"} <= speakers
    for a in doc["attributions"]:
        assert doc["text"][a["content"]["start"]:a["content"]["end"]] == a["content"]["text"]


def test_stdin():
    r = run("analyze", "-", "--json", stdin="“We are ready,” the coach said after the match.")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["attributions"][0]["kind"] == "direct"


def test_many_inputs_to_a_folder_and_bad_inputs_reported(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("The mayor said that the bridge would reopen in May.", encoding="utf-8")
    page = tmp_path / "b.html"
    page.write_bytes((ROOT / "tests" / "fixtures" / "article.html").read_bytes())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le porte-parole a déclaré que la grève continuerait jusqu'à vendredi.".encode("latin-1"))
    out = tmp_path / "results"
    r = run("analyze", str(good), str(empty), str(binary), str(tmp_path / "missing.txt"), str(page), str(latin),
            "--json", "--out", str(out))
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3, r.stderr
    assert "Traceback" not in r.stderr
    assert any("empty.txt: empty input" in line for line in lines)
    assert any("photo.txt: binary data" in line for line in lines)
    assert any("missing.txt: no such file" in line for line in lines)
    assert sorted(p.name for p in out.iterdir()) == ["a.txt.json", "b.html.json", "latin.txt.json"]
    html = json.loads((out / "b.html.json").read_text(encoding="utf-8"))
    assert html["article"]["title"] == "City council approves new bus lanes after heated debate"
    assert html["article"]["published"] == "2025-02-11"
    assert any(a["source"] and a["source"]["entity"] == "Ruth Alvarez" for a in html["attributions"])


def test_bad_published_date_is_one_clear_line():
    r = run("analyze", str(SAMPLE), "--published", "28/10/2024")
    assert r.returncode == 1
    assert "is not YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_unknown_pipeline_is_a_clear_error():
    r = run("analyze", str(SAMPLE), "--pipeline", "no_such_pipeline_xx")
    assert r.returncode == 2
    assert "no_such_pipeline_xx" in r.stderr and "Traceback" not in r.stderr


def test_an_endless_input_is_refused_at_the_limit_and_the_others_still_come_out(tmp_path):
    """/dev/zero never ends: reading stops past max_input_bytes, with one line naming it; results stream as JSON
    lines, one per input that could be analysed."""
    r = run("analyze", "/dev/zero", str(SAMPLE), str(SAMPLE), "--json", "--rules-only", "--quiet")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "claimgraph: /dev/zero: more than the limit of 20,000,000 bytes (setting max_input_bytes)"]
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema"] == "claimgraph.analysis/1" for line in lines)


def test_ingest_names_a_device_as_not_a_regular_file(tmp_path):
    r = run("ingest", "/dev/null", "--db", str(tmp_path / "s.db"), "--rules-only")
    assert r.returncode == 1
    r = run("failures", "--db", str(tmp_path / "s.db"))
    assert "/dev/null\tnot a regular file (a device, pipe or socket)" in r.stdout


def _analyze_many_files(directory: Path, count: int) -> tuple[int, int, list[dict]]:
    """Run ``analyze --json`` over ``count`` small files; return whether the results came out one by one while
    the others were analysed, the exit status and the parsed lines."""
    directory.mkdir()
    for i in range(count):
        (directory / f"{i:04d}.txt").write_text(" ".join(
            f"The mayor of town {i} said on Monday that bridge {k} would reopen within {i % 9 + k} weeks, and "
            f"engineers warned that repairs could cost up to ${k + 2} million." for k in range(5)), encoding="utf-8")
    files = sorted(str(p) for p in directory.iterdir())
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph", "analyze", *files, "--json", "--rules-only"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    import time

    first = proc.stdout.readline()
    early = proc.poll() is None  # the first result came out while most inputs were still waiting
    started = time.perf_counter()
    lines = [first, *proc.stdout]
    spread = time.perf_counter() - started  # results held to the end would all arrive at once
    proc.wait(timeout=300)
    return early and spread > 0.3, proc.returncode, lines


def test_analyze_streams_each_result_in_memory_that_does_not_grow_with_the_inputs(tmp_path):
    import resource

    early, status, lines = _analyze_many_files(tmp_path / "few", 20)
    assert status == 0 and len(lines) == 20
    few_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, in KiB
    early, status, lines = _analyze_many_files(tmp_path / "many", 400)
    results = [json.loads(line) for line in lines]
    assert status == 0 and len(results) == 400 and early
    assert [r["attributions"][0]["cue"]["text"] for r in results[:3]] == ["said"] * 3
    assert "town 399" in results[-1]["text"]  # in input order
    many_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    printed = sum(len(line) for line in lines) // 1024
    print(f"peak RSS: 20 inputs {few_peak} KiB, 400 inputs {many_peak} KiB; printed {printed} KiB")
    # holding the results, even only as the JSON printed, would add at least what was printed
    assert many_peak - few_peak < printed, f"peak memory grew from {few_peak} KiB (20 inputs) to {many_peak}"
