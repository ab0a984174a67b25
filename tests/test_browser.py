"""The published site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from reportgen.cli import cli

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: No background traffic: every request the page makes must be one of ours.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-default-apps"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    for period in ("2026-Q2", "2026-Q3"):
        result = CliRunner().invoke(cli, ["publish", str(EXAMPLE), "--site", str(site), "--period", period,
                                          "--lang", "en,fr,ar", "--format", "html"])
        assert result.exit_code == 0, result.output
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", str(site), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/index.html", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield site, base, browser
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=10)


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))", timeout=20000)
    return page, problems, requests


def test_every_page_loads_cleanly(served):
    site, base, browser = served
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        page, problems, requests = open_page(browser, f"{base}/{path}")
        assert not problems, (path, problems)
        assert all(url.startswith((base, "data:")) for url in requests), (path, requests)
        page.close()


def test_language_switcher_leads_to_the_same_report(served):
    _site, base, browser = served
    page, problems, _ = open_page(browser, f"{base}/opal-tide/2026-Q3/en/strategy.html")
    page.click('.switcher a[hreflang="fr"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/opal-tide/2026-Q3/fr/strategy.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.click('.switcher a[hreflang="ar"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/opal-tide/2026-Q3/ar/strategy.html")
    assert not problems
    page.close()


def test_network_diagram_responds_to_hover(served):
    _site, base, browser = served
    page, problems, _ = open_page(browser, f"{base}/opal-tide/2026-Q3/en/analysis.html")
    points = page.locator("#fig-network .scatterlayer .point")
    assert points.count() > 100
    page.locator("#fig-network").scroll_into_view_if_needed()
    box = points.nth(points.count() - 1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#fig-network .hoverlayer .hovertext", timeout=5000)
    text = page.locator("#fig-network .hoverlayer .hovertext").first.text_content()
    assert "Degree:" in text and "Betweenness:" in text
    assert not problems
    page.close()


def test_arabic_page_is_right_to_left(served, tmp_path):
    _site, base, browser = served
    page, problems, _ = open_page(browser, f"{base}/opal-tide/2026-Q3/ar/analysis.html")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    toc = page.locator("nav.toc").bounding_box()
    main = page.locator("main").bounding_box()
    assert toc["x"] > main["x"] + main["width"] / 2, (toc, main)  # contents on the right
    title = page.locator("h1.doc-title").bounding_box()
    assert title["x"] + title["width"] > 1280 * 0.6  # the title hangs from the right edge
    shot = tmp_path / "arabic.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000
    assert not problems
    page.close()
