"""Golden outputs: the tiny project's analysis JSON and report text are what tests/golden/tiny/ holds.

After an intended change of wording, numbers or layout, regenerate them with
``make golden`` (``python scripts/golden.py``) and review ``git diff tests/golden``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT


def _load_golden() -> ModuleType:
    """``scripts/golden.py``, which makes the outputs and stores them (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden = _load_golden()

#: Diff lines shown at most; the rest is one ``make golden`` and a ``git diff`` away.
DIFF_LINES = 80


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return golden.outputs(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", golden.NAMES)
def test_output_equals_the_golden_file(outputs: dict[str, str], name: str) -> None:
    expected = golden.stored(name)
    if expected == outputs[name]:
        return
    lines = golden.diff(name, expected, outputs[name]).splitlines()
    shown = "\n".join(lines[:DIFF_LINES]) + (
        f"\n… {len(lines) - DIFF_LINES} more lines" if len(lines) > DIFF_LINES else ""
    )
    pytest.fail(
        f"{name} differs from tests/golden/tiny/{name}. If the change is intended, run `make golden` "
        f"and review `git diff tests/golden`.\n{shown}",
        pytrace=False,
    )


def test_visible_text_is_one_block_per_line_without_scripts() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Title</h1>"
        "<p>One <bdi>\u2068name\u2069</bdi>, then <span class='x'>(note)</span>.</p>"
        "<div class='tile'><span>25%</span><span>of links</span></div>"
        '<script>var figure = {"data": []};</script>'
        "<table><tr><th>A</th><th>B</th></tr><tr><td></td><td>2</td></tr></table></body></html>"
    )
    assert golden.visible_text(html) == "Title\nOne <FSI>name<PDI>, then (note).\n25% of links\nA | B\n| 2\n"


def test_every_golden_file_is_stored() -> None:
    stored = sorted(p.name for p in Path(golden.GOLDEN).iterdir())
    assert stored == sorted(golden.NAMES)
