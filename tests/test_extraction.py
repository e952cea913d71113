"""HTML extraction: metadata from every signal with its source, cleaned values, nothing guessed, a bound on the
work one page may cost, and the AEB floors."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED

from claimgraph import Document, analyze_many
from claimgraph.errors import InputError
from claimgraph.ingest.extract import extract
from claimgraph.ingest.metadata import clean_title, iso_date, person_names
from claimgraph.settings import Settings

BODY = "".join(f"<p>The minister said on Tuesday that the new bridge would open in spring, paragraph {n}.</p>"
               for n in range(6))


def page(head: str = "", body: str = BODY, before: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{before}<article>{body}</article></body></html>"


def test_json_ld_graph_gives_title_date_authors_and_publisher_with_sources():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "NewsMediaOrganization", "@id": "#org", "name": "The Daily Courier"},'
          '{"@type": "Person", "@id": "#jane", "name": "Jane Doe"},'
          '{"@type": ["NewsArticle"], "headline": "Bridge to open in spring", "datePublished": '
          '"2024-03-05T09:30:00+01:00", "dateModified": "2024-03-06T10:00:00+01:00", '
          '"author": [{"@id": "#jane"}, {"@type": "Person", "name": "John Roe"}], "publisher": {"@id": "#org"}}]}'
          '</script><title>Bridge to open in spring | The Daily Courier</title>')
    found = extract(page(ld), "ld.html", "https://courier.example/news/bridge")
    assert found.title == "Bridge to open in spring"
    assert found.published == "2024-03-05T09:30:00+01:00" and found.modified == "2024-03-06T10:00:00+01:00"
    assert found.authors == ("Jane Doe", "John Roe")
    assert found.outlet == "The Daily Courier"
    assert found.metadata_sources == {"outlet": "json-ld", "title": "json-ld", "published": "json-ld",
                                      "modified": "json-ld", "authors": "json-ld"}


def test_a_visible_byline_splits_names_and_drops_the_outlet():
    found = extract(page("<title>Bridge</title>", before="<h1>Bridge to open in spring</h1>"
                                                         "<p class='meta'>By Jane Doe and JOHN ROE, Reuters</p>"),
                    "byline.html")
    assert found.authors == ("Jane Doe", "John Roe")
    assert found.metadata_sources["authors"] == "visible"


def test_a_page_without_metadata_leaves_the_fields_empty():
    found = extract(page(), "bare.html")
    assert found.title is None and found.published is None and found.authors == ()
    assert found.outlet is None and "published" not in found.metadata_sources


def test_the_date_in_the_address_is_used_and_named():
    found = extract(page(), "dated.html", "https://www.courier-news.com/2023/11/18/bridge-opens/")
    assert found.published == "2023-11-18" and found.metadata_sources["published"] == "url"
    assert found.outlet == "courier-news.com" and found.metadata_sources["outlet"] == "domain"


@pytest.mark.parametrize("ld", [
    '{"@type": "NewsArticle", "author": {"@id": ["x"]}, "publisher": {"@id": {"a": 1}}, "headline": 5}',
    "[" * 100_000 + "]" * 100_000,
    '{"@type": "NewsArticle", "headline": "Half',
])
def test_malformed_json_ld_is_ignored_not_fatal(ld):
    found = extract(page(f'<script type="application/ld+json">{ld}</script>'), "odd.html")
    assert found.title is None and found.authors == ()


def test_titles_lose_site_names_and_kickers():
    outlets = {"the outlet", "outlet.com"}
    assert clean_title("Bridge to open | The Outlet", outlets) == "Bridge to open"
    assert clean_title("Outlet.com - Bridge to open", outlets) == "Bridge to open"
    assert clean_title("BREAKING: Bridge to open", outlets) == "Bridge to open"
    assert clean_title("Design Week 2018 | A light installation", outlets, visible=True) == \
        "Design Week 2018 | A light installation"


def test_author_strings_become_person_names():
    assert person_names(["By Jane Doe, Staff Writer"], set()) == ("Jane Doe",)
    assert person_names(["Analysis by Chris Cillizza, CNN Editor-at-large"], {"cnn"}) == ("Chris Cillizza",)
    assert person_names(["By DANICA KIRKA and JILL LAWLESS Associated Press"], set()) == ("Danica Kirka",
                                                                                          "Jill Lawless")
    assert person_names(["Bruce Y. Lee"], set()) == ("Bruce Y. Lee",)
    for outlet_or_role in ("Reuters", "European Space Agency", "jane@example.com", "Staff", "admin"):
        assert person_names([outlet_or_role], set()) == ()


def test_dates_parse_to_iso_with_their_offset():
    assert iso_date("2019-11-19T13:03:00Z") == "2019-11-19T13:03:00+00:00"
    assert iso_date("2019-11-19") == "2019-11-19"
    assert iso_date("Tue, 19 Nov 2019 13:03:00 GMT") == "2019-11-19T13:03:00+00:00"
    assert iso_date("Fri 6:45 PM, Feb 16, 2018") == "2018-02-16"
    assert iso_date("yesterday") is None and iso_date("1850-01-01") is None


def flat_page(chars: int) -> bytes:
    paragraph = "<p>" + "word " * 40 + "</p>\n"
    return ("<html><body>" + paragraph * (chars // len(paragraph)) + "</body></html>").encode()


@pytest.mark.parametrize("html, limit", [
    ("<html><body>" + "<p>" + "word " * 1000 + "</p>" * 1 + "</body></html>", None),
    ("<html><body>" + ("<p>" + "word " * 1000 + "</p>") * 700 + "</body></html>", "max_page_text_chars"),
    ("<html><body>" + "<div><span>word</span></div>" * 40_000 + "</body></html>", "max_page_elements"),
])
def test_extraction_work_is_bounded_by_text_and_elements(html, limit):
    start = time.perf_counter()
    if limit is None:
        assert extract(html, "fine.html").is_html
    else:
        with pytest.raises(InputError, match=f"fat.html: .* \\(setting {limit}\\)"):
            extract(html, "fat.html")
    assert time.perf_counter() - start < 3


def test_a_huge_flat_page_is_refused_quickly_and_the_next_document_still_analyses():
    huge = flat_page(19_500_000)
    start = time.perf_counter()
    with pytest.raises(InputError, match="max_page_"):
        extract(huge, "huge.html")
    assert time.perf_counter() - start < 5
    good = Document("good.html", (FIXTURES / "article.html").read_bytes())
    results = list(analyze_many([Document("huge.html", huge), good], Settings(max_input_bytes=25_000_000)))
    assert getattr(results[0], "locator", None) == "huge.html" and "max_page_" in results[0].reason
    assert results[1].article.title == "City council approves new bus lanes after heated debate"


@pytest.fixture(scope="module")
def aeb() -> Path:
    path = SHARED / "data" / "aeb"
    if not path.exists():
        message = f"{path} is missing: the Article Extraction Benchmark lives in the shared data beside the repository"
        if os.environ.get("CLAIMGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_extraction_floors_on_aeb(aeb):
    """Floors at the measured figures (body F1 0.9681; of 61 labelled pages: titles 100%, dates 94.9%, authors
    98.4%), a little below them so that a library's small drift does not fail the build."""
    from claimgraph.eval.extraction import evaluate

    report = evaluate(aeb, Path(FIXTURES) / "aeb_metadata.json")
    assert report.body_f1 >= 0.965
    assert report.title_exact >= 0.98
    assert report.date_same_day >= 0.93
    assert report.authors_exact >= 0.96


def test_extraction_floors_on_the_check_pages(aeb):
    """20 other AEB pages, labelled after the rules were written and never used to tune them: titles 100%, dates
    90% (a site whose timestamps carry the wrong offset), authors 95% (a one-name blogger)."""
    from claimgraph.eval.extraction import evaluate

    report = evaluate(aeb, Path(FIXTURES) / "aeb_metadata_check.json")
    assert report.title_exact >= 0.95 and report.date_same_day >= 0.85 and report.authors_exact >= 0.9
