"""Shared fixtures: sample projects on disk, and a way to write broken ones; which tests are slow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "projects" / "tiny"
EXAMPLE = ROOT / "data" / "example"

#: Module fixtures that build or serve the whole example project (tens of seconds each): every test
#: using one is marked ``slow``, left out of ``make test-fast`` (other slow tests carry the mark themselves).
HEAVY_FIXTURES = frozenset({"example_build", "multilingual", "served"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that use a heavy fixture as ``slow``."""
    for item in items:
        if HEAVY_FIXTURES & set(getattr(item, "fixturenames", ())):
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
