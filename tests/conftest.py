"""Shared fixtures: sample projects on disk, and a way to write broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "projects" / "tiny"
EXAMPLE = ROOT / "data" / "example"


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
