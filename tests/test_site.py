"""The intranet site: two quarters published, relative links, incremental and atomic publishing, preview."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, TINY
from test_atomic import FAST_KILL, run_until_paused, snapshot, stop
from test_build import Page

from reportgen.cli import cli
from reportgen.publish.writer import STAGING

#: The ``site`` fixture publishes the example twice: the tests using it are slow (see conftest).
HEAVY_FIXTURES = {"site"}


def beside(site: Path) -> list[str]:
    """What is beside the site other than itself and its lock file (staging folders)."""
    return sorted(p.name for p in site.parent.iterdir() if p.name not in (site.name, f".{site.name}.lock"))


def publish(site: Path, period: str, *extra: str, project: Path = EXAMPLE):
    result = CliRunner().invoke(cli, ["publish", str(project), "--site", str(site), "--period", period,
                                      "--lang", "en,fr,ar", "--format", "html", *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    publish(folder, "2026-Q2")
    publish(folder, "2026-Q3")
    return folder


def test_two_quarters_in_one_site(site):
    assert sorted(p.name for p in (site / "opal-tide").iterdir()) == ["2026-Q2", "2026-Q3"]
    assert (site / "assets" / "plotly.min.js").exists()
    assert not list(site.glob("opal-tide/*/assets")), "assets must be written once for the site"
    for name in ("index.html", "index.fr.html", "index.es.html", "index.ar.html"):
        page = Page((site / name).read_text())
        assert {"opal-tide/2026-Q2/index.html", "opal-tide/2026-Q3/index.html"} <= set(page.urls)
    assert '<html lang="ar" dir="rtl">' in (site / "index.ar.html").read_text()
    assert "Rapports de renseignement" in (site / "index.fr.html").read_text()
    q3 = Page((site / "opal-tide" / "2026-Q3" / "en" / "strategy.html").read_text()).plain
    assert "Compared with the previous period (1 April 2026 to 30 June 2026)" in q3


def test_every_relative_link_resolves_and_nothing_is_remote(site, tmp_path):
    moved = tmp_path / "elsewhere" / "deep" / "site"
    shutil.copytree(site, moved)  # the site works when moved, under any prefix
    checked = 0
    for html in moved.rglob("*.html"):
        for url in Page(html.read_text()).urls:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, (html, url)
            if not parts.path:
                continue  # a fragment within the page
            target = (html.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(moved.resolve()), (html, url)
            assert target.exists(), (html, url)
            checked += 1
    assert checked > 50


def test_republishing_unchanged_is_a_no_op_and_changes_are_picked_up(site, tmp_path):
    site = shutil.copytree(site, tmp_path / "site")  # the other tests keep the module's site as it is
    project = shutil.copytree(EXAMPLE, tmp_path / "example")  # same files, same code name: same keys
    q3 = site / "opal-tide" / "2026-Q3"
    before = snapshot(site)
    started = time.perf_counter()
    result = publish(site, "2026-Q3", project=project)
    assert "unchanged: " in result.output and time.perf_counter() - started < 10
    assert snapshot(site) == before

    yaml_file = project / "project.yaml"
    old, new = "OPAL TIDE est un réseau polycriminel dirigé", "OPAL TIDE est un réseau polycriminel piloté"
    assert old in yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = publish(site, "2026-Q3", project=project)
    assert f"published: {q3}" in result.output
    french = Page((q3 / "fr" / "analysis.html").read_text()).plain
    assert new in french and old not in french
    after = snapshot(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "opal-tide/2026-Q3/fr/analysis.html" in changed
    assert not [name for name in changed if not name.startswith("opal-tide/2026-Q3/")], changed  # Q2, assets, …
    assert not [name for name in changed if name.startswith(("opal-tide/2026-Q3/en/", "opal-tide/2026-Q3/ar/"))]


def test_a_failed_publish_leaves_the_site_untouched(site, monkeypatch):
    before = snapshot(site)
    from reportgen.publish.writer import Writer

    def broken(writer):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Writer, "write_site_indexes", broken)
    result = CliRunner().invoke(cli, ["publish", str(EXAMPLE), "--site", str(site), "--period", "2026-09",
                                      "--lang", "en", "--format", "html"])
    assert result.exit_code != 0
    assert snapshot(site) == before
    assert beside(site) == []


#: (stage, signal, site afterwards: "old" or "new", staging folder left beside it: None, "old" or "new").
KILLS = [
    ("written", signal.SIGKILL, "old", "new"),
    ("written", signal.SIGINT, "old", None),
    ("swapped", signal.SIGKILL, "new", "old"),
]


@pytest.mark.parametrize(("stage", "sig", "published", "left"), [
    # One kill is enough for make test-fast: the others take seconds each.
    pytest.param(*kill, id=f"{kill[0]}-{kill[1].name}", marks=() if kill[:2] == FAST_KILL else pytest.mark.slow)
    for kill in KILLS
])
def test_killing_a_publish_leaves_the_site_untouched(site, tmp_path, stage, sig, published, left):
    site = shutil.copytree(site, tmp_path / "site")  # the other tests keep the module's site as it is
    old = snapshot(site)
    command = [sys.executable, "-m", "reportgen", "publish", str(EXAMPLE), "--site", str(site), "--period",
               "2026-08", "--lang", "en", "--format", "html"]
    status = stop(run_until_paused(command, stage), sig)
    assert status == (-signal.SIGKILL if sig == signal.SIGKILL else 1)
    new_period = site / "opal-tide" / "2026-08" / "en" / "analysis.html"
    assert (snapshot(site) == old) == (published == "old")
    assert new_period.exists() == (published == "new")
    staging = [site.parent / name for name in beside(site)]
    if left is None:
        assert staging == []
    else:
        assert len(staging) == 1 and staging[0].name.startswith(".site.staging-"), staging
        assert (snapshot(staging[0]) == old) == (left == "old")
        assert (staging[0] / "opal-tide" / "2026-08" / "en" / "analysis.html").exists() == (left == "new")
    assert not [p for p in site.rglob("*") if p.name.endswith(".tmp") or STAGING in p.name]

    # The next publish completes and removes what the killed one left.
    subprocess.run(command, check=True, capture_output=True)
    assert new_period.exists() and beside(site) == []


def test_serve_previews_on_loopback(site):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", str(site), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.fr.html", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the preview server did not answer")
        assert "Rapports de renseignement" in body
    finally:
        process.terminate()
        process.wait(timeout=10)


def publish_at_once(site: Path, periods: tuple[str, ...], *extra: str) -> list[tuple[str, str]]:
    """Start a publish of each period of the tiny project into ``site`` at the same time; what each printed."""
    command = [sys.executable, "-m", "reportgen", "publish", str(TINY), "--site", str(site), "--lang", "en",
               "--format", "html", *extra, "--period"]
    runs = [subprocess.Popen([*command, period], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for period in periods]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * len(periods), outputs
    return outputs


@pytest.mark.slow
def test_publishes_started_at_once_all_reach_the_site(tmp_path):
    site = tmp_path / "site"
    periods = ("2026-Q2", "2026-Q3", "2026-07")
    outputs = publish_at_once(site, periods)
    for period, (out, _) in zip(periods, outputs, strict=True):
        assert f"published: {site}/tiny-test/{period}" in out
    index = (site / "index.html").read_text()
    for period in periods:
        assert f'href="tiny-test/{period}/index.html"' in index
        assert (site / "tiny-test" / period / "en" / "analysis.html").exists()


def test_a_publish_waits_for_the_one_in_progress(tmp_path):
    from reportgen.publish.site import site_lock

    site = tmp_path / "site"
    command = [sys.executable, "-m", "reportgen", "publish", str(TINY), "--site", str(site), "--lang", "en",
               "--format", "html"]
    with site_lock(site, waiting=pytest.fail):
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert run.stderr.readline() == f"waiting for another publish into {site}…\n"
        assert run.poll() is None and not site.exists()
    out, _ = run.communicate(timeout=300)
    assert run.returncode == 0 and f"published: {site}/tiny-test/2026-Q3" in out
