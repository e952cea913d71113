"""The reading room in a real browser (Debian's chromium driven by Playwright): highlights, navigation, search,
analysis of a pasted article, and hostile article text that must show as text and run nothing.
Screenshots of the main pages are saved in test-artifacts/."""

import os
from pathlib import Path

import pytest

from claimgraph import Settings
from web_fixtures import ROOT, LiveServer, build_claims_store, build_store

CHROMIUM = Path(os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("browser") / "web.db")
    with LiveServer(Settings(db=db), open_writes=True) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium when run as root"
        if os.environ.get("CLAIMGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _open_article(page, server, title_start):
    page.goto(server.url + "/")
    page.get_by_role("link", name=title_start).first.click()
    page.wait_for_selector("#article-text")


def test_article_highlights_and_statement_details(page, server):
    _open_article(page, server, "Port strike enters second week")
    assert page.locator("#article-text .src").count() >= 10
    assert page.locator("#article-text .cue").count() >= 10
    assert page.locator("#article-text .cnt").count() >= 10
    assert page.locator("#article-text .opinion, #article-text .hedge").count() >= 1
    colours = {page.locator(f"#article-text .{c}").first.evaluate("e => getComputedStyle(e).backgroundColor")
               for c in ("src", "cue", "cnt")}
    assert len(colours) == 3  # source, cue and content in distinct colours
    page.locator("#article-text .cnt", has_text="We have offered a fair deal").first.click()
    card = page.locator(".statement.selected")
    assert card.count() == 1
    assert "Aurelia Brandt" in card.inner_text() and "direct" in card.inner_text()
    shot(page, "article")


def test_click_through_to_a_speaker(page, server):
    _open_article(page, server, "Port strike enters second week")
    page.locator(".statement .who a", has_text="Tomas Kearney").first.click()
    page.wait_for_selector("h1:has-text('Tomas Kearney')")
    assert page.locator(".statement-row").count() >= 3
    assert "general secretary" in page.inner_text("main")
    shot(page, "speaker")


def test_search_links_into_articles(page, server):
    page.goto(server.url + "/search")
    page.fill("input[name=q]", "strike")
    page.fill("input[name=speaker]", "Brandt")
    page.click("form.filters button")
    page.wait_for_selector(".result")
    assert all("Aurelia Brandt" in t for t in page.locator(".result p").all_inner_texts())
    shot(page, "search")
    page.locator(".result a.open").first.click()
    page.wait_for_selector("#article-text")
    assert "Port strike" in page.inner_text("h1")


def test_figures_page_has_a_table_and_a_chart(page, server):
    page.goto(server.url + "/figures")
    page.get_by_role("link", name="containers").click()
    page.wait_for_selector("table")
    assert "38,000" in page.inner_text("table")
    shot(page, "figures")


def test_analyse_a_pasted_article(page, server):
    page.goto(server.url + "/analyse")
    page.fill("textarea[name=text]", "Rail workers vote to strike\n\n“We have no choice,” union leader Marta "
                                     "Silva said on Monday. The rail company said that talks would resume.")
    page.fill("input[name=published]", "2025-04-02")
    page.click("form.analyse button")
    page.wait_for_selector("#article-text")
    assert "Marta Silva" in page.inner_text(".statements")
    assert page.locator("#article-text .cnt").count() >= 2
    shot(page, "analyse")


def test_hostile_article_text_shows_as_text_and_runs_nothing(page, server):
    _open_article(page, server, "Harbour row")
    text = page.inner_text("#article-text")
    assert "<script>window.__xss = 1; alert('xss')</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert "javascript:alert(1)" in text
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<script>" in page.inner_text("h1")
    for link in page.locator("#article-text [data-att]").all()[:5]:
        link.click()
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    shot(page, "hostile")


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    db = build_claims_store(tmp_path_factory.mktemp("claims") / "claims.db")
    with LiveServer(Settings(db=db)) as live:
        yield live


def test_claim_page_shows_reports_origins_deniers_and_drift(page, claims_server):
    page.goto(claims_server.url + "/claims")
    page.get_by_role("link", name="North Korea has sent 10,000 troops").first.click()
    page.wait_for_selector("table.reports")
    assert "4 outlets" in page.inner_text(".meta") and "2 independent origins" in page.inner_text(".meta")
    assert page.locator("ol.origins > li").count() == 2 and "Associated Press" in page.inner_text("ol.origins")
    assert "Dmitry Peskov" in page.inner_text("ul.deniers")
    assert page.locator("tr.stance-denies").count() >= 1
    assert page.locator("svg.chart circle").count() >= 2  # the drift chart: 10,000 and up to 12,000
    assert "up to 12,000" in page.inner_text("table.figures")
    shot(page, "claim")
    page.locator("tr.stance-denies a[href^='/articles/']").first.click()  # the statement, in its article
    page.wait_for_selector("#article-text")
    page.get_by_role("link", name="Reported elsewhere too").first.click()  # and back to the claim
    page.wait_for_selector("table.reports")


def test_hostile_text_in_a_claim_shows_as_text_and_runs_nothing(page, claims_server):
    page.goto(claims_server.url + "/claims?q=ferry")
    page.locator("table.claims a[href^='/claims/']").first.click()
    page.wait_for_selector("table.reports")
    assert '<img src=x onerror="window.__xss = 5">' in page.inner_text("h1")
    assert page.locator("h1 img, table.reports img, table.reports script").count() == 0
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
