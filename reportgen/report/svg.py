"""Figures as vector images for the PDF: kaleido (Chromium) then librsvg.

One Chromium serves a whole build (:class:`SvgExporter` is a context
manager); each figure becomes an SVG, whose text is then turned into glyph
outlines by ``rsvg-convert`` — WeasyPrint's own SVG renderer places letters
one by one, which breaks Arabic joining and order. Outlined text cannot be
selected, so every figure also has a real caption and ``alt`` text.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from ..errors import ReportgenError
from .figures import Figure

log = logging.getLogger(__name__)

CHROMIUM_HINT = (
    "static chart export needs Chromium: install Debian's 'chromium' package "
    "(the README's set-up command does) or set BROWSER_PATH"
)
#: A closed local port: every http(s) request of the export browser fails at once.
NO_PROXY = "http://127.0.0.1:9"

#: Chromium switches that stop its own background traffic.
QUIET_CHROMIUM_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-pings",
    "--disable-default-apps",
)

RSVG_HINT = "outlining chart text needs rsvg-convert: install Debian's 'librsvg2-bin' package"


def local_plotlyjs() -> Path:
    """plotly.js as shipped inside the plotly package: no CDN request."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


#: Seconds one chart may take in the browser before it counts as lost (kaleido's default is 90).
CHART_TIMEOUT = 60.0
#: Seconds beyond :data:`CHART_TIMEOUT` one chart's call may take (kaleido reloads the tab after each chart).
RELOAD_TIMEOUT = 30.0
#: Seconds the browser may take to start.
START_TIMEOUT = 120.0
#: Seconds to wait for the chart browser to stop before killing it.
STOP_TIMEOUT = 30.0

#: The logger of choreographer's pipe to the browser, which logs a broken message with its traceback.
CHANNEL_LOGGER = "choreographer.channels.pipe"


class BrokenMessages(logging.Filter):
    """Turns choreographer's "JSONError decoding message" records (with a traceback) into a count.

    choreographer reads the browser's DevTools messages from a pipe and, when
    one does not decode as JSON, logs the error with its traceback and drops
    the message. A dropped event does no harm; a dropped reply leaves its
    chart unanswered until the chart's timeout, and the export then retries
    it. Either way the traceback is no news for the user: one line at debug
    level instead.
    """

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if type(error).__name__ != "JSONError":
            return True
        self.count += 1
        log.debug("chart export: the browser sent a message that did not decode (%s); dropped", error)
        return False


class ChartBrowser:
    """One kaleido browser on an event loop of its own, every call to it bounded in time.

    kaleido's own synchronous server waits for each call without a timeout,
    and bounds only the drawing of a chart: a reply lost in the tab reload
    that follows each chart (seen under load) held a pool worker for ever.
    Here every call has a deadline; past it the call is cancelled and the
    browser killed, so that the caller can start a new one.
    """

    def __init__(self) -> None:
        import kaleido

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="chart-export", daemon=True)
        self._thread.start()

        async def open_browser() -> Any:
            browser = kaleido.Kaleido(timeout=CHART_TIMEOUT, mathjax=False, plotlyjs=str(local_plotlyjs()),
                                      proxy_server=NO_PROXY)
            await browser.open()
            return browser

        try:
            self._browser = self._call(open_browser(), START_TIMEOUT)
        except BaseException:
            self._end_loop()
            raise

    def _call(self, coroutine: Coroutine[Any, Any, Any], timeout: float) -> Any:
        """Run ``coroutine`` on the browser's loop; :class:`TimeoutError` (and cancelled) past ``timeout``."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError from None

    def write(self, figure: Figure, path: Path) -> bool:
        """Write ``figure`` as SVG to ``path``; false when the browser did not deliver it in time."""
        spec = {"fig": figure.figure.to_dict(), "path": path, "topojson": None,
                "opts": {"format": "svg", "width": figure.size[0], "height": figure.size[1], "scale": 1}}
        try:
            errors = self._call(self._browser.write_fig_from_object([spec]), CHART_TIMEOUT + RELOAD_TIMEOUT)
        except TimeoutError:
            log.debug("chart export: no answer for %s within %s s", figure.id, CHART_TIMEOUT + RELOAD_TIMEOUT)
            return False
        for error in errors or ():
            log.debug("chart export: %s failed (%s)", figure.id, error)
        return not errors and path.exists()

    def close(self) -> None:
        """Stop the browser, waiting at most :data:`STOP_TIMEOUT`, else kill it; then end the loop."""
        try:
            self._call(self._browser.close(), STOP_TIMEOUT)
        except Exception as error:  # a browser that does not stop, or stops badly, is killed below
            log.debug("chart export: the browser did not stop cleanly (%r); killing it", error)
        self._kill()
        self._end_loop()

    def _kill(self) -> None:
        """Kill the browser's process group (choreographer starts it in a session of its own)."""
        process = getattr(self._browser, "subprocess", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)

    def _end_loop(self) -> None:
        for task in asyncio.all_tasks(self._loop) if self._loop.is_running() else ():
            self._loop.call_soon_threadsafe(task.cancel)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


class SvgExporter:
    """Exports figures to outlined SVG files with one browser per build."""

    def __init__(self) -> None:
        self.broken = BrokenMessages()
        self._browser: ChartBrowser | None = None

    def __enter__(self) -> SvgExporter:
        # Import first: choreographer's loggers are of logistro's class, which
        # only exists once imported; a getLogger before would make a plain one.
        import kaleido  # noqa: F401

        logging.getLogger(CHANNEL_LOGGER).addFilter(self.broken)
        if not shutil.which("rsvg-convert"):
            raise ReportgenError(RSVG_HINT)
        if not (os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("google-chrome")):
            raise ReportgenError(CHROMIUM_HINT)
        # Debian's chromium wrapper reads extra flags from CHROMIUM_FLAGS: no
        # update checks, sign-in or other background traffic.
        os.environ["CHROMIUM_FLAGS"] = " ".join(
            [os.environ.get("CHROMIUM_FLAGS", ""), *QUIET_CHROMIUM_FLAGS]
        ).strip()
        self._start()
        return self

    def _start(self) -> None:
        # No MathJax (kaleido would load it from a CDN) and every http(s)
        # request sent to a closed local port: the page can fetch nothing.
        try:
            self._browser = ChartBrowser()
        except Exception as error:  # kaleido raises several kinds; all mean "no browser"
            raise ReportgenError(f"{CHROMIUM_HINT} ({str(error) or type(error).__name__})") from error

    def _stop(self) -> None:
        if self._browser is not None:
            browser, self._browser = self._browser, None
            browser.close()

    def __exit__(self, *exc: object) -> None:
        """Stop the browser: at most :data:`STOP_TIMEOUT` then a kill, so that a dead browser never holds the build."""
        try:
            self._stop()
        finally:
            logging.getLogger(CHANNEL_LOGGER).removeFilter(self.broken)

    def export(self, figures: list[Figure], folder: Path) -> dict[str, Path]:
        """Write ``folder/<id>.svg`` for each figure; return the paths by id.

        Charts the browser did not deliver are tried once more, with a new
        browser; charts still missing then fail the build with one line.
        """
        folder.mkdir(parents=True, exist_ok=True)
        raw = {f.id: folder / f"{f.id}.raw.svg" for f in figures}
        if missing := self._write(figures, raw):
            log.warning("chart export: %d chart(s) not delivered (%d broken browser messages); trying again",
                        len(missing), self.broken.count)
            self._stop()
            if lost := [f.id for f in self._write(missing, raw)]:
                raise ReportgenError(f"chart export failed for: {', '.join(lost)}")
        result = {}
        for figure in figures:
            target = folder / f"{figure.id}.svg"
            if (figure.figure.layout.meta or {}).get("dir") == "rtl":
                raw[figure.id].write_text(mirror_legends(raw[figure.id].read_text(encoding="utf-8")),
                                          encoding="utf-8")
            outline(raw[figure.id], target)
            raw[figure.id].unlink()
            result[figure.id] = target
        return result

    def _write(self, figures: list[Figure], raw: dict[str, Path]) -> list[Figure]:
        """Have the browser write each figure's SVG to ``raw[id]``; return the figures it did not deliver.

        After a chart that was not delivered the browser is replaced (the
        next chart starts a new one), so that a stuck browser does not cost
        the charts after it their timeouts too.
        """
        missing = []
        for figure in figures:
            if self._browser is None:
                self._start()
            assert self._browser is not None
            if not self._browser.write(figure, raw[figure.id]):
                missing.append(figure)
                raw[figure.id].unlink(missing_ok=True)
                self._stop()
        return missing


SVG = "http://www.w3.org/2000/svg"
#: plotly's ``translate(x,y)`` (or ``translate(x)``) transforms.
TRANSLATE = re.compile(r"translate\(\s*([-+\d.e]+)(?:[\s,]+([-+\d.e]+))?\s*\)")


def mirror_legends(svg: str) -> str:
    """plotly's legends of an exported SVG, read right to left: each swatch on the right of its label.

    plotly draws a legend entry as its swatch (the first ``x`` pixels of
    the entry, where its label starts) then its label, in that order
    whatever the language. Each entry is mirrored inside its legend's box:
    entries of a horizontal legend run from the right, the swatch moves to
    the entry's right end and the label ends where it begins; the title is
    aligned right. The page does the same in the browser (``mirror`` in
    ``templates/assets/charts.js``); both rely on plotly's class names,
    which carry the legend's name: ``legendtext`` and ``legendtoggle`` in
    the first legend, ``legend3text`` and ``legend3toggle`` in ``legend3``.
    """
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for legend in root.iter(f"{{{SVG}}}g"):
        name = legend.get("class", "")
        box = legend.find(f"{{{SVG}}}rect[@class='bg']")
        if not re.fullmatch(r"legend\d*", name) or box is None:
            continue
        width = float(box.get("width", "0"))
        for title in legend.iter(f"{{{SVG}}}text"):
            if title.get("class") == f"{name}titletext":
                title.set("x", _number(width - float(title.get("x", "0"))))
                title.set("text-anchor", "end")
        for group in legend.iter(f"{{{SVG}}}g"):
            if group.get("class") == "groups":
                # A horizontal legend offsets each legend group, then its entries: both add up.
                gx, gy = _translate(group)
                group.set("transform", f"translate(0,{_number(gy)})")
                for entry in group.findall(f"{{{SVG}}}g[@class='traces']"):
                    _mirror_entry(entry, name, width, gx)
    return ET.tostring(root, encoding="unicode")


def _translate(node: Any) -> tuple[float, float]:
    place = TRANSLATE.search(node.get("transform") or "")
    return (float(place.group(1)), float(place.group(2) or 0)) if place else (0.0, 0.0)


def _mirror_entry(entry: Any, legend: str, width: float, offset: float) -> None:
    """One entry of the legend named ``legend``, ``offset`` pixels into its ``width`` pixels, mirrored inside it."""
    toggle = entry.find(f"{{{SVG}}}rect[@class='{legend}toggle']")
    label = entry.find(f"{{{SVG}}}text[@class='{legend}text']")
    swatch = entry.find(f"{{{SVG}}}g[@class='layers']")
    if toggle is None or label is None or swatch is None:
        return
    own = float(toggle.get("width", "0"))
    room = float(label.get("x", "0"))
    x, y = _translate(entry)
    entry.set("transform", f"translate({_number(width - offset - x - own)},{_number(y)})")
    label.set("x", _number(own - room))
    label.set("text-anchor", "end")
    swatch.set("transform", f"translate({_number(own - room)},0)")


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def outline(source: Path, target: Path) -> None:
    """Convert an SVG's text to glyph outlines (and make it deterministic)."""
    try:
        subprocess.run(["rsvg-convert", "-f", "svg", "-o", str(target), str(source)], check=True,
                       capture_output=True, timeout=60)
    except FileNotFoundError:
        raise ReportgenError(RSVG_HINT) from None
    except subprocess.CalledProcessError as error:
        raise ReportgenError(f"rsvg-convert failed on {source.name}: {error.stderr.decode(errors='replace')}") from None
    # cairo numbers its glyph and clip ids in drawing order, which is stable;
    # strip the one comment line that names the cairo version.
    text = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r"<!--.*?-->\n?", "", text, flags=re.S), encoding="utf-8")
