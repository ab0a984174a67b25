"""Debian's Chromium for the browser tests: how it is launched, and how a built page is opened in it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-default-apps"]
#: A desktop window.
DESKTOP = {"width": 1366, "height": 900}
#: Every plotly chart of the page has drawn its SVG.
CHARTS_DRAWN = "[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))"


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium through Playwright (the test is skipped where Playwright is missing)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, path: Path, viewport: dict[str, int] | None = None) -> tuple[Any, list[str]]:
    """A built page in a new tab, once its charts are drawn in their fonts: the page and the script errors it raised.

    The short wait lets the page's charts.js give the charts that have a narrow layout their narrow layout.
    """
    page = browser.new_page(viewport=viewport or DESKTOP)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=30000)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    return page, problems
