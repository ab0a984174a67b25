"""Property-based: whatever the names and narratives, the build does not crash and markup stays text."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from conftest import TINY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build import Page

from reportgen.analysis.analyse import Settings
from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.errors import DataError
from reportgen.i18n.formatting import Formatter
from reportgen.report.figures import build_figures, layouts
from reportgen.report.model import chart_choices, ego_figure_ids, report_model
from reportgen.report.render import Page as RenderPage
from reportgen.report.render import render

#: Every element our report pages use; data must never add another.
OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "style",
    "body",
    "div",
    "span",
    "header",
    "footer",
    "nav",
    "a",
    "section",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "dl",
    "dt",
    "dd",
    "ol",
    "ul",
    "li",
    "main",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "bdi",
    "em",
    "strong",
    "br",
    "article",
    "details",
    "summary",
    "caption",
    "button",
    "input",
    "label",
}

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)
markupish = st.lists(
    st.sampled_from(
        [
            "<script>",
            "</script>",
            "<b>",
            "<img src=x onerror=alert(1)>",
            "&amp;",
            "*",
            "**",
            "[a](javascript:x)",
            "[b](https://e.org)",
            "- ",
            "\n",
            "\u202e",
            "%{x}",
            "`",
            "#",
            "|",
            ">",
        ]
    )
    | text,
    min_size=1,
    max_size=8,
).map("".join)


def _project(root: Path, name: str, summary: str) -> Path:
    shutil.copytree(TINY, root)
    rows = list(csv.reader((TINY / "entities.csv").open(encoding="utf-8")))
    rows[1][2] = name  # Alice's name
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (root / "entities.csv").write_text(buffer.getvalue(), encoding="utf-8")
    yaml_text = (TINY / "project.yaml").read_text()
    quoted = '"' + summary.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    (root / "project.yaml").write_text(yaml_text.replace("en: Two cells joined by one broker.", f"en: {quoted}"))
    return root


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=markupish, summary=markupish)
def test_build_never_crashes_and_markup_stays_text(name, summary):
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(Path(tmp) / "p", name, summary)
        try:
            project = load_project(root)
        except DataError as error:
            # Only a located problem with the changed cells is acceptable (e.g. a blank name).
            assert all(p.row is not None for p in error.problems), error.problems
            return
        edition = prepare_edition(project, Audience(), settings=Settings(max_removals=2, random_runs=2))
        analysis = edition.analysis
        layout = layouts(analysis)
        figures = build_figures(Formatter("en"), analysis, layout, chart_choices(analysis))
        model = report_model("analysis", edition.project, analysis, edition.assessment, ego_figure_ids(layout))
        html = render(RenderPage("analysis", "en", "html", figures, languages=("en",), formats=("html",)), model)
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= OUR_TAGS
    for _tag, attrs in page.tags:
        assert not any(key.startswith("on") for key in attrs), attrs
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    shown = " ".join(" ".join(page.text).split())
    assert " ".join(project.entity_index["A"].name.split()) in shown
