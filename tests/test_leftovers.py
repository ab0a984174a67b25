"""No leftovers: a build, good, failed or killed, leaves nothing in the temporary folder.

WeasyPrint writes each font configuration's fonts into a ``weasyprint-*``
folder, the export browser a profile; a build sends both to a private
folder of its own (:func:`reportgen.files.private_tempdir`), removed at the
end, or by the next build when the build was killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_atomic import run_until_paused, stop

from reportgen.files import PRIVATE_TMP, private_tempdir
from reportgen.publish.build import BuildOptions, build

pytestmark = pytest.mark.slow


@pytest.fixture
def tmpdir_env(monkeypatch, tmp_path) -> Path:
    """An empty temporary folder for everything (short: Chromium's socket paths must stay under 108 bytes)."""
    # (after tmp_path: pytest makes its own folders in the temporary folder)
    folder = Path(tempfile.mkdtemp(prefix="rg-", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def command(project: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "reportgen", "build", str(project), "--lang", "en,ar", "--format", "html,pdf",
            "--out", str(out)]


def test_a_good_build_leaves_nothing(tmpdir_env, tiny, tmp_path):
    result = build(tiny, BuildOptions(languages=("en", "ar"), out=tmp_path, workers=2))
    assert (result.folder / "ar" / "analysis.pdf").exists()
    assert list(tmpdir_env.iterdir()) == []


def test_a_failed_build_leaves_nothing(tmpdir_env, project_copy, tmp_path, monkeypatch):
    from reportgen.publish.writer import Writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Writer, "write_index", broken)  # after every PDF is laid out
    with pytest.raises(RuntimeError):
        build(project_copy(), BuildOptions(languages=("en", "ar"), out=tmp_path, workers=2))
    assert list(tmpdir_env.iterdir()) == []
    bad = project_copy(links__csv="source,target,type\nA,NOBODY,family\n")
    run = subprocess.run(command(bad, tmp_path), capture_output=True, text=True)
    assert run.returncode == 1 and "data error" in run.stderr
    assert list(tmpdir_env.iterdir()) == []


def test_a_killed_build_leaves_nothing_after_the_next_run(tmpdir_env, project_copy, tmp_path):
    project = project_copy()
    status = stop(run_until_paused(command(project, tmp_path), "written", timeout=300), signal.SIGKILL)
    assert status == -signal.SIGKILL
    left = [p.name for p in tmpdir_env.iterdir()]
    assert len(left) == 1 and left[0].startswith(PRIVATE_TMP), left  # the killed build's private folder
    assert list((tmpdir_env / left[0]).glob("weasyprint-*")), "the fonts went into the private folder"
    subprocess.run(command(project, tmp_path), check=True, capture_output=True)
    assert list(tmpdir_env.iterdir()) == []


def test_private_folders_of_running_processes_stay(tmp_path):
    alive = tmp_path / f"{PRIVATE_TMP}{os.getppid()}-abc"
    dead = tmp_path / f"{PRIVATE_TMP}999999999-abc"
    other = tmp_path / f"{PRIVATE_TMP}cache-abc"  # not one of ours
    for folder in (alive, dead, other):
        folder.mkdir()
    with private_tempdir(tmp_path) as mine:
        assert os.environ["TMPDIR"] == str(mine) == tempfile.gettempdir()
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, mine.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name]) and not mine.exists()
