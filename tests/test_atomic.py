"""Nothing lost: interrupted or killed builds leave the published reports exactly as they were."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.publish.build import BuildOptions, build


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_partial_builds_keep_the_other_outputs(tmp_path, tiny):
    first = build(tiny, BuildOptions(languages=("en",), formats=("html",), out=tmp_path))
    build(tiny, BuildOptions(languages=("fr",), formats=("html",), out=tmp_path))
    files = snapshot(first.folder)
    assert "en/analysis.html" in files and "fr/analysis.html" in files
    index = (first.folder / "index.html").read_text()
    assert 'href="en/analysis.html"' in index and 'href="fr/analysis.html"' in index
    build(tiny, BuildOptions(languages=("en",), formats=("pdf",), reports=("analysis",), out=tmp_path))
    index = (first.folder / "index.html").read_text()
    assert 'href="en/analysis.pdf"' in index and 'href="en/strategy.pdf"' not in index


def test_failed_build_leaves_previous_outputs_and_no_staging(tmp_path, project_copy, monkeypatch):
    project = project_copy()
    result = build(project, BuildOptions(languages=("en",), formats=("html",), out=tmp_path))
    before = snapshot(result.folder)

    from reportgen.publish.writer import Writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Writer, "write_index", broken)
    (project / "project.yaml").write_text((project / "project.yaml").read_text().replace("Two cells", "Three cells"))
    with pytest.raises(RuntimeError):
        build(project, BuildOptions(languages=("en",), formats=("html",), out=tmp_path))
    assert snapshot(result.folder) == before
    assert [p.name for p in result.folder.parent.iterdir()] == [result.folder.name]


@pytest.mark.parametrize(("sig", "delay"), [(signal.SIGKILL, 1.0), (signal.SIGKILL, 5.0), (signal.SIGINT, 3.5)],
                         ids=["kill-early", "kill-late", "interrupt"])
def test_killed_build_leaves_the_published_reports_intact(tmp_path, project_copy, sig, delay):
    project = project_copy()
    command = [sys.executable, "-m", "reportgen", "build", str(project), "--lang", "en", "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    folder = tmp_path / "tiny-test" / "2026-Q3"
    before = snapshot(folder)
    (project / "project.yaml").write_text((project / "project.yaml").read_text().replace("Two cells", "Three cells"))

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(sig)
    process.wait(timeout=60)
    after = snapshot(folder)
    if process.returncode == 0:  # finished before the signal: then it is the complete new build
        assert "Three cells" in (folder / "en" / "analysis.html").read_text()
    else:
        assert after == before
    leftovers = [p for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert not [p for p in leftovers if not p.name.startswith(".build-key.")]  # the keys are the build's own
    if sig == signal.SIGINT:
        assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # cleaned up on the way out

    # The next build completes, publishes the new text and removes what the killed one left.
    subprocess.run(command, check=True, capture_output=True)
    assert "Three cells" in (folder / "en" / "analysis.html").read_text()
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_incremental_rebuilds_only_what_changed(tmp_path, project_copy):
    project = project_copy()
    options = BuildOptions(languages=("en", "fr"), formats=("html",), out=tmp_path)
    first = build(project, options)
    before = snapshot(first.folder)
    again = build(project, options)
    assert again.unchanged and snapshot(first.folder) == before
    text = (project / "project.yaml").read_text()
    (project / "project.yaml").write_text(text.replace("reliées par un seul intermédiaire", "reliées par un intermédiaire"))
    third = build(project, options)
    assert not third.unchanged
    after = snapshot(first.folder)
    changed = {name for name in after if after[name] != before.get(name)}
    assert {"fr/analysis.html"} <= changed
    assert not {name for name in changed if name.startswith("en/")}, changed  # English reports kept as they were
    forced = build(project, BuildOptions(languages=("en", "fr"), formats=("html",), out=tmp_path, force=True))
    assert not forced.unchanged
