"""The hostile-input corpus: a located error, or a correct report showing the text as text."""

from __future__ import annotations

import csv
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import TINY
from hostile.corpus import CASES, Error, Shown, apply
from test_build import Page

from reportgen.cli import cli

#: Scripts our own pages contain; anything else is an injection.
OUR_SCRIPTS = (
    '<script src="../assets/plotly.min.js">',
    "<script>Plotly.register(",
    "<script>                window.PLOTLYENV",
    '<script type="application/json" id="table-strings">',
    '<script src="../assets/tables.js" defer>',
    '<script src="../assets/charts.js" defer>',
)


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
    categories = Counter(case.category for case in CASES)
    assert len(categories) >= 12, categories


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(TINY, project)
    apply(case, project)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(project), "--lang", "en", "--format", "html", "--out", str(out)])
    assert "Traceback" not in result.output
    if isinstance(case.expect, Error):
        assert result.exit_code == 1, result.output
        assert case.expect.text in result.stderr, result.stderr
        assert result.stderr.rstrip().splitlines()[-1].startswith("data error: ")
        assert not out.exists() or not list(out.rglob("*.html"))
        return
    assert isinstance(case.expect, Shown)
    assert result.exit_code == 0, result.output
    for html_file in sorted(out.rglob("*.html")):
        html = html_file.read_text()
        for position in range(len(html)):
            position = html.find("<script", position)
            if position < 0:
                break
            assert html.startswith(OUR_SCRIPTS, position), html[position : position + 80]
        page = Page(html)
        for tag, attrs in page.tags:
            assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "file:", "vbscript:")), (tag, attrs)
        if case.expect.text and html_file.name == "analysis.html":
            assert case.expect.text in page.plain or case.expect.text in " ".join(page.text), case.expect.text
    if case.category == "formula":
        rows = list(csv.reader((next(out.rglob("entities.csv"))).open(encoding="utf-8")))
        names = [row[1] for row in rows[1:]]
        assert any(name.startswith("'") and name[1:] == case.expect.text for name in names), names
