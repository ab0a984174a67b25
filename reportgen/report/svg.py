"""Figures as vector images for the PDF: kaleido (Chromium) then librsvg.

One Chromium serves a whole build (:class:`SvgExporter` is a context
manager); each figure becomes an SVG, whose text is then turned into glyph
outlines by ``rsvg-convert`` — WeasyPrint's own SVG renderer places letters
one by one, which breaks Arabic joining and order. Outlined text cannot be
selected, so every figure also has a real caption and ``alt`` text.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import plotly.io as pio

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


class SvgExporter:
    """Exports figures to outlined SVG files with one browser per build."""

    def __init__(self) -> None:
        self.broken = BrokenMessages()

    def __enter__(self) -> SvgExporter:
        import kaleido

        logging.getLogger(CHANNEL_LOGGER).addFilter(self.broken)

        if not shutil.which("rsvg-convert"):
            raise ReportgenError(RSVG_HINT)
        if not (os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("google-chrome")):
            raise ReportgenError(CHROMIUM_HINT)
        plotlyjs = str(local_plotlyjs())
        pio.defaults.plotlyjs = plotlyjs
        pio.defaults.mathjax = False
        # Debian's chromium wrapper reads extra flags from CHROMIUM_FLAGS: no
        # update checks, sign-in or other background traffic.
        os.environ["CHROMIUM_FLAGS"] = " ".join(
            [os.environ.get("CHROMIUM_FLAGS", ""), *QUIET_CHROMIUM_FLAGS]
        ).strip()
        try:
            # No MathJax (kaleido would load it from a CDN) and every http(s)
            # request sent to a closed local port: the page can fetch nothing.
            kaleido.start_sync_server(silence_warnings=True, mathjax=False, plotlyjs=plotlyjs,
                                      proxy_server=NO_PROXY, timeout=CHART_TIMEOUT)
        except Exception as error:  # kaleido raises several kinds; all mean "no browser"
            raise ReportgenError(f"{CHROMIUM_HINT} ({error})") from error
        self._kaleido = kaleido
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._kaleido.stop_sync_server(silence_warnings=True)
        finally:
            logging.getLogger(CHANNEL_LOGGER).removeFilter(self.broken)

    def export(self, figures: list[Figure], folder: Path) -> dict[str, Path]:
        """Write ``folder/<id>.svg`` for each figure; return the paths by id.

        Charts the browser did not deliver are tried once more, with a new
        browser; charts still missing then fail the build with one line.
        """
        folder.mkdir(parents=True, exist_ok=True)
        raw = {f.id: folder / f"{f.id}.raw.svg" for f in figures}
        self._write(figures, raw)
        missing = [f for f in figures if not raw[f.id].exists()]
        if missing:
            log.warning("chart export: %d chart(s) not delivered (%d broken browser messages); trying again",
                        len(missing), self.broken.count)
            self.__exit__()
            self.__enter__()
            self._write(missing, raw)
            if lost := [f.id for f in missing if not raw[f.id].exists()]:
                raise ReportgenError(f"chart export failed for: {', '.join(lost)}")
        result = {}
        for figure in figures:
            target = folder / f"{figure.id}.svg"
            outline(raw[figure.id], target)
            raw[figure.id].unlink()
            result[figure.id] = target
        return result

    def _write(self, figures: list[Figure], raw: dict[str, Path]) -> None:
        """Have the browser write each figure's SVG to ``raw[id]`` (kaleido skips, and logs, those that fail)."""
        with warnings.catch_warnings():
            # plotly passes its own kaleido options, which a running server ignores: harmless.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            pio.write_images(
                fig=[f.figure for f in figures],
                file=[raw[f.id] for f in figures],
                format="svg",
                width=[f.size[0] for f in figures],
                height=[f.size[1] for f in figures],
                scale=1,
            )


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
