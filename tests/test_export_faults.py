"""The chart-export browser's channel breaking: the chart is retried, or the build fails in one line.

The fault is injected where choreographer decodes each DevTools message
read from the browser's pipe: the message "does not decode", as happened
under load, and choreographer drops it (logging a traceback, which the
exporter turns into a count).
"""

from __future__ import annotations

import logging

import plotly.graph_objects as go
import pytest

from reportgen.errors import ReportgenError
from reportgen.report import svg
from reportgen.report.figures.base import Figure

pytestmark = pytest.mark.slow

#: What the reply carrying a rendered chart starts with (kaleido evaluates the chart in the page).
CHART_REPLY = '"result":{"result":{"type":"string"'


def figures() -> list[Figure]:
    return [Figure(f"bars-{i}", go.Figure(go.Bar(y=[1, i])), "caption", "alt", (400, 300)) for i in range(3)]


@pytest.fixture
def break_replies(monkeypatch):
    """``break_replies(n)``: the next ``n`` chart replies from the browser fail to decode (``None``: all)."""
    from choreographer.channels import JSONError, pipe

    real = pipe.wire.deserialize
    left: dict[str, float] = {"n": 0}

    def deserialize(message: str):
        if CHART_REPLY in message and left["n"] > 0:
            left["n"] -= 1
            raise JSONError("injected: a message that does not decode")
        return real(message)

    monkeypatch.setattr(pipe.wire, "deserialize", deserialize)
    monkeypatch.setattr(svg, "CHART_TIMEOUT", 8.0)  # a lost reply costs a chart's timeout

    def arm(count: float | None) -> None:
        left["n"] = float("inf") if count is None else count

    return arm


def no_traceback(caplog, capfd) -> None:
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]
    assert "Traceback" not in capfd.readouterr().err


def test_a_lost_chart_reply_is_retried(break_replies, tmp_path, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    break_replies(1)
    with svg.SvgExporter() as exporter:
        written = exporter.export(figures(), tmp_path)
        assert exporter.broken.count == 1
    assert sorted(written) == ["bars-0", "bars-1", "bars-2"]
    assert all(path.read_text().startswith("<?xml") for path in written.values())
    assert any("trying again" in r.getMessage() for r in caplog.records)
    no_traceback(caplog, capfd)


def test_a_channel_that_stays_broken_fails_in_one_line(break_replies, tmp_path, caplog, capfd):
    break_replies(None)
    with svg.SvgExporter() as exporter, pytest.raises(ReportgenError) as failure:
        exporter.export(figures()[:1], tmp_path)
    assert str(failure.value) == "chart export failed for: bars-0"
    no_traceback(caplog, capfd)


def test_a_browser_that_never_stops_is_killed(monkeypatch):
    """A browser that does not answer its close is killed after STOP_TIMEOUT: it once held a pool worker for ever."""
    import asyncio
    import time

    monkeypatch.setattr(svg, "STOP_TIMEOUT", 0.5)
    with svg.SvgExporter() as exporter:
        browser = exporter._browser
        assert browser is not None
        process = browser._browser.subprocess

        async def never() -> None:
            await asyncio.Event().wait()

        monkeypatch.setattr(browser._browser, "close", never)
        started = time.monotonic()
    assert time.monotonic() - started < 10
    assert process.poll() is not None  # killed, not left behind
    assert not browser._thread.is_alive()


def test_a_tab_that_never_comes_back_costs_one_chart_timeout(monkeypatch, tmp_path, caplog, capfd):
    """The hang seen in a pool worker: a chart drawn, then the tab's reload never answered.

    kaleido waits for that reload without a timeout and every later chart
    waits for the tab. The exporter gives up on the call past its deadline,
    kills that browser and goes on with a new one: every chart is delivered.
    """
    import asyncio
    import time

    from kaleido.kaleido import Kaleido

    real = Kaleido._return_kaleido_tab
    hung = {"n": 0}

    async def return_tab(self, tab):
        if hung["n"] == 0:
            hung["n"] += 1
            await asyncio.Event().wait()
        return await real(self, tab)

    monkeypatch.setattr(Kaleido, "_return_kaleido_tab", return_tab)
    monkeypatch.setattr(svg, "CHART_TIMEOUT", 3.0)
    monkeypatch.setattr(svg, "RELOAD_TIMEOUT", 2.0)
    caplog.set_level(logging.DEBUG, logger="reportgen")
    started = time.monotonic()
    with svg.SvgExporter() as exporter:
        written = exporter.export(figures(), tmp_path)
    assert time.monotonic() - started < 60
    assert sorted(written) == ["bars-0", "bars-1", "bars-2"]
    assert all(path.read_text().startswith("<?xml") for path in written.values())
    assert any("no answer for bars-0" in r.getMessage() for r in caplog.records)
    no_traceback(caplog, capfd)
