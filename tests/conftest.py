"""Shared fixtures: sample projects, a way to write broken ones, the example built once; which tests are slow."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "projects" / "tiny"
EXAMPLE = ROOT / "data" / "example"

#: Fixtures that build or serve the whole example project (tens of seconds each): every test using one,
#: directly or through another fixture, is marked ``slow``, left out of ``make test-fast`` (other slow
#: tests carry the mark themselves). A module names its own heavy fixtures in ``HEAVY_FIXTURES`` too.
HEAVY_FIXTURES = frozenset({"example_reports", "served"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that use a heavy fixture (shared, or named by their module) as ``slow``."""
    for item in items:
        heavy = HEAVY_FIXTURES | getattr(getattr(item, "module", None), "HEAVY_FIXTURES", frozenset())
        if heavy & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def tiny() -> Path:
    """The tiny project of known shape (read-only: copy it to change it)."""
    return TINY


@pytest.fixture
def project_copy(tmp_path: Path):
    """Copy the tiny project to a temporary directory and optionally overwrite files.

    ``project_copy(**{"links.csv": "…"})`` returns the copy's path.
    """

    count = 0

    def make(**files: str | bytes) -> Path:
        nonlocal count
        count += 1
        target = tmp_path / f"project{count}"
        shutil.copytree(TINY, target)
        for name, content in files.items():
            path = target / name.replace("__", ".")
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return target

    return make


# -- the example, built once per test session ---------------------------------------------------


@dataclass(frozen=True)
class ExampleReports:
    """The example built in every language, HTML and PDF, and what its PDFs' layouts show.

    ``layout[lang, report]`` maps each layout check (``breaks``: :func:`pagebreaks.defects`,
    ``fit``: :func:`tablefit.misfits`) to what it found in that PDF, read from the very boxes
    the PDF was drawn from. Tests read ``folder``; none may change it.
    """

    folder: Path
    layout: dict[tuple[str, str], dict[str, list[str]]]

    def dump(self) -> str:
        return json.dumps({"folder": str(self.folder),
                           "layout": [[lang, report, found] for (lang, report), found in self.layout.items()]})

    @classmethod
    def load(cls, text: str) -> ExampleReports:
        data = json.loads(text)
        return cls(Path(data["folder"]), {(lang, report): found for lang, report, found in data["layout"]})


def _build_example(out: Path) -> ExampleReports:
    """Build the example with WeasyPrint's ``render`` wrapped, so that the checks read each layout.

    The build's pool forks its workers, which inherit the wrapper: each PDF's findings are
    written to a file of their own, wherever it was laid out, and read once the build is done.
    """
    import weasyprint
    from pagebreaks import defects
    from tablefit import misfits

    from reportgen.publish.build import BuildOptions, build

    checks: dict[str, Callable] = {"breaks": defects, "fit": misfits}
    found = out / "layouts"
    found.mkdir(parents=True)
    render = weasyprint.HTML.render

    def checked_render(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        root = self.etree_element
        report = next(c for c in root.find("body").get("class").split() if c.startswith("report-"))
        findings = {name: check(document) for name, check in checks.items()}
        (found / f"{root.get('lang')}.{report.removeprefix('report-')}.json").write_text(json.dumps(findings))
        return document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.HTML, "render", checked_render)
        result = build(EXAMPLE, BuildOptions(out=out / "out"))
    layout = {tuple(path.name.split(".")[:2]): json.loads(path.read_text()) for path in found.glob("*.json")}
    return ExampleReports(result.folder, layout)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> ExampleReports:
    """The example built once for the whole run, shared by the test modules and the xdist workers.

    The first worker to ask builds it under a lock in the run's temporary folder and leaves a
    record there; the others wait for the lock and read the record (pytest-xdist's recipe).
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    record = shared / "example-reports.json"
    with _locked(shared / "example-reports.lock"):
        if record.exists():
            return ExampleReports.load(record.read_text(encoding="utf-8"))
        reports = _build_example(shared / "example-reports")
        record.write_text(reports.dump(), encoding="utf-8")
        return reports
