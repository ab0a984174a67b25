"""Publishing on a Dask cluster: the same bytes as a local publish, a killed worker retried, publishes in turn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TINY
from test_atomic import snapshot

from reportgen.cli import cli
from reportgen.publish.cluster import KILL_ENV

pytestmark = pytest.mark.slow

#: A fixed date of issue: the same input gives the same bytes, locally and on the cluster.
EPOCH = "1780000000"

#: One left-to-right and one right-to-left language, both formats.
ARGS = ["--lang", "en,ar", "--format", "html,pdf"]


@pytest.fixture(scope="module")
def kill_file(tmp_path_factory) -> Path:
    """The file that arms the workers' kill hook (``REPORTGEN_KILL_ONCE``): touch it to kill the next task."""
    return tmp_path_factory.mktemp("hook") / "kill"


@pytest.fixture(scope="module")
def cluster(kill_file, tmp_path_factory):
    """A local Dask cluster of two worker processes, one task at a time each; its scheduler's address."""
    distributed = pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KILL_ENV, str(kill_file))  # the nanny passes its environment to the workers it starts
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      local_directory=str(tmp_path_factory.mktemp("dask"))) as local:
            yield local.scheduler_address


@pytest.fixture(scope="module")
def local_site(tmp_path_factory) -> dict[str, str]:
    """The files of a local publish of the tiny project (sha256 by path)."""
    site = tmp_path_factory.mktemp("local") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        publish(site)
    return snapshot(site)


def publish(site: Path, *extra: str, project: Path = TINY) -> str:
    result = CliRunner().invoke(cli, ["publish", str(project), "--site", str(site), *ARGS, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_cluster_publish_gives_the_bytes_of_a_local_publish(cluster, local_site, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "site"
    output = publish(site, "--scheduler", cluster)
    assert f"published: {site}/tiny-test/2026-Q3" in output
    published = snapshot(site)
    assert {"tiny-test/2026-Q3/en/analysis.pdf", "tiny-test/2026-Q3/ar/strategy.pdf"} <= set(published)
    assert published == local_site
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]  # no staging folder left
    again = publish(site, "--scheduler", cluster)  # nothing changed: nothing sent to the cluster
    assert f"unchanged: {site}/tiny-test/2026-Q3" in again and snapshot(site) == local_site


def test_a_killed_worker_is_retried_and_the_site_is_complete(cluster, kill_file, local_site, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    kill_file.write_text("armed")
    site = tmp_path / "site"
    publish(site, "--scheduler", cluster)
    assert not kill_file.exists() and Path(f"{kill_file}.fired").exists(), "no worker was killed"
    assert snapshot(site) == local_site


def test_cluster_publishes_started_at_once_all_reach_the_site(cluster, tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "reportgen", "publish", str(TINY), "--site", str(site), "--lang", "en",
               "--format", "html", "--scheduler", cluster, "--period"]
    runs = [subprocess.Popen([*command, period], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for period in ("2026-Q2", "2026-Q3", "2026-07")]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    index = (site / "index.html").read_text()
    for period in ("2026-Q2", "2026-Q3", "2026-07"):
        assert f'href="tiny-test/{period}/index.html"' in index
