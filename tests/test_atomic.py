"""Nothing lost: interrupted or killed builds leave the published reports exactly as they were."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reportgen.publish.build import BuildOptions, build


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
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


#: The line a build paused by ``REPORTGEN_PAUSE_AT`` writes to stderr (see reportgen/publish/writer.py).
PAUSED = "reportgen: paused at "


def run_until_paused(command: list[str], stage: str, timeout: float = 120) -> subprocess.Popen:
    """Start ``command`` with ``REPORTGEN_PAUSE_AT=stage``; return once it says it paused there.

    Fails if the process ends first; a watchdog kills it after ``timeout`` seconds.
    """
    env = {**os.environ, "REPORTGEN_PAUSE_AT": stage}
    # SIGINT back to its default first: a test run started in the background of a shell inherits it ignored,
    # and a Python started with SIGINT ignored never turns it into KeyboardInterrupt.
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    try:
        seen = []
        for line in process.stderr:
            if line.startswith(PAUSED + stage):
                return process
            seen.append(line)
        process.wait()
        pytest.fail(f"exited with {process.returncode} without pausing at {stage}:\n{''.join(seen)}")
    finally:
        watchdog.cancel()


def stop(process: subprocess.Popen, sig: signal.Signals) -> int:
    """Send ``sig`` to a paused process; its exit status."""
    process.send_signal(sig)
    process.communicate(timeout=60)  # reads what it says on the way out, so that it never blocks on a full pipe
    return process.returncode


def leftovers(folder: Path) -> list[str]:
    """What sits beside the period folder, other than itself (staging folders)."""
    return sorted(p.name for p in folder.parent.iterdir() if p != folder)


#: (stage, signal, published afterwards: "old" or "new", staging folder left behind: None, "old" or "new").
KILLS = [
    ("analysed", signal.SIGKILL, "old", "old"),  # links to the published files only
    ("analysed", signal.SIGINT, "old", None),
    ("written", signal.SIGKILL, "old", "new"),  # the complete new outputs, never swapped in
    ("written", signal.SIGINT, "old", None),
    ("swapped", signal.SIGKILL, "new", "old"),  # the old outputs, not yet removed
    ("swapped", signal.SIGINT, "new", None),
]

#: The kill kept in ``make test-fast``: killed with every output staged, nothing may change.
FAST_KILL = ("written", signal.SIGKILL)


@pytest.mark.parametrize(("stage", "sig", "published", "left"), [
    # One kill is enough for make test-fast: the others take seconds each.
    pytest.param(*kill, id=f"{kill[0]}-{kill[1].name}", marks=() if kill[:2] == FAST_KILL else pytest.mark.slow)
    for kill in KILLS
])
def test_killed_build_leaves_the_published_reports_intact(tmp_path, project_copy, stage, sig, published, left):
    project = project_copy()
    command = [sys.executable, "-m", "reportgen", "build", str(project), "--lang", "en", "--format", "html",
               "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    folder = tmp_path / "tiny-test" / "2026-Q3"
    old = snapshot(folder)
    (project / "project.yaml").write_text((project / "project.yaml").read_text().replace("Two cells", "Three cells"))

    status = stop(run_until_paused(command, stage), sig)
    assert status == (-signal.SIGKILL if sig == signal.SIGKILL else 1)  # 1: click's "Aborted!"
    after = snapshot(folder)
    if published == "old":
        assert after == old
    else:
        assert after != old and "Three cells" in (folder / "en" / "analysis.html").read_text()
    staging = leftovers(folder)
    if left is None:
        assert staging == []  # an interrupted build cleans up on the way out
    else:
        assert len(staging) == 1 and staging[0].startswith(f".{folder.name}.staging-"), staging
        kept = snapshot(folder.parent / staging[0])
        assert (kept == old) if left == "old" else ("Three cells" in (folder.parent / staging[0] / "en" /
                                                                      "analysis.html").read_text())
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]

    # The next build publishes the new text (rebuilding only if the new text was not published yet)
    # and removes whatever the killed one left.
    rerun = subprocess.run(command, check=True, capture_output=True, text=True)
    assert ("nothing changed" in rerun.stdout) == (published == "new")
    assert "Three cells" in (folder / "en" / "analysis.html").read_text()
    assert leftovers(folder) == []


def test_incremental_rebuilds_only_what_changed(tmp_path, project_copy):
    project = project_copy()
    options = BuildOptions(languages=("en", "fr"), formats=("html",), out=tmp_path)
    first = build(project, options)
    before = snapshot(first.folder)
    again = build(project, options)
    assert again.unchanged and snapshot(first.folder) == before
    text = (project / "project.yaml").read_text()
    edited = text.replace("reliées par un seul intermédiaire", "reliées par un intermédiaire")
    (project / "project.yaml").write_text(edited)
    third = build(project, options)
    assert not third.unchanged
    after = snapshot(first.folder)
    changed = {name for name in after if after[name] != before.get(name)}
    assert {"fr/analysis.html"} <= changed
    assert not {name for name in changed if name.startswith("en/")}, changed  # English reports kept as they were
    forced = build(project, BuildOptions(languages=("en", "fr"), formats=("html",), out=tmp_path, force=True))
    assert not forced.unchanged
