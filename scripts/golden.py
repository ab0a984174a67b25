"""Golden outputs of the tiny test project: write them (``make golden``) or check them.

Usage::

    python scripts/golden.py           # rewrite tests/golden/tiny/ after an intended change
    python scripts/golden.py --check   # compare only; print a diff and exit 1 if anything differs

The golden files are what ``tests/test_golden.py`` compares a fresh build
with: the analysis JSON (``reportgen analyze tests/projects/tiny --json``)
and the visible text of the English and Arabic HTML reports (analysis and
strategy), one block of the page per line, so that a change of wording or
of a number shows as a readable diff (invisible bidirectional marks are
written ``<RLM>``, ``<FSI>``, …). Dates are fixed
(``SOURCE_DATE_EPOCH``). Review ``git diff tests/golden`` before committing
regenerated files.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

#: The project whose outputs are kept.
PROJECT = ROOT / "tests" / "projects" / "tiny"

#: Where its golden files live.
GOLDEN = ROOT / "tests" / "golden" / "tiny"

#: The date of issue printed in the reports (2026-09-21), so that the text does not change with the day.
EPOCH = "1790000000"

#: Languages and reports whose text is kept: one left to right, one right to left.
LANGUAGES = ("en", "ar")
REPORTS = ("analysis", "strategy")

#: Every golden file, by name.
NAMES = ("analysis.json", *(f"{lang}-{report}.txt" for lang in LANGUAGES for report in REPORTS))

#: Elements that start a new line of text (HTML's block-level elements, as far as the reports use them).
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})

#: Elements within a line of running text: no separator at their edges.
PHRASING = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "strong",
    "sub", "sup", "time", "u", "var",
})

#: Elements whose content is not text a reader sees (the plotly figures live in scripts).
HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})

#: Separates the cells of a table row on its line.
CELL = " | "

#: Invisible bidirectional controls, written as visible names: a changed mark shows in a diff.
BIDI_CONTROLS: dict[str, str | int | None] = {
    "\u200e": "<LRM>", "\u200f": "<RLM>", "\u061c": "<ALM>",
    "\u2066": "<LRI>", "\u2067": "<RLI>", "\u2068": "<FSI>", "\u2069": "<PDI>",
    "\u202a": "<LRE>", "\u202b": "<RLE>", "\u202c": "<PDF>", "\u202d": "<LRO>", "\u202e": "<RLO>",
}


class _VisibleText(HTMLParser):
    """The visible text of an HTML page's body, one block per line.

    Table rows are one line, cells separated by :data:`CELL`. At the edge
    of other inline elements (``span``: the report's tiles put a number and
    its label in two) a space is put where words would otherwise run
    together (see :func:`_apart`).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line = ""
        self.hidden = 0
        self.soft = False
        #: Cells of the current table row so far.
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self._flush()
        elif tag in ("td", "th"):
            if self.cells:  # counted, not read off the line: an empty first cell keeps its place
                self.line += CELL
            self.cells += 1
        elif tag not in PHRASING:
            self.soft = True

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self._flush()
        elif tag not in PHRASING and tag not in ("td", "th"):
            self.soft = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = re.sub(r"\s+", " ", data)
        if self.soft and self.line and text and _apart(self.line[-1], text[0]):
            text = " " + text
        self.soft = False
        self.line += text

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", self.line).strip()
        if line:
            self.lines.append(line)
        self.line = ""
        self.soft = False
        self.cells = 0

    def text(self) -> str:
        """The lines collected so far, each ending with a newline."""
        self._flush()
        return "".join(f"{line}\n" for line in self.lines)


def _apart(before: str, after: str) -> bool:
    """Whether a space belongs between two characters that meet at the edge of an inline element.

    Not next to a space, after an opening bracket or quote, or before
    closing punctuation (``,`` ``.`` ``)`` …).
    """
    if before.isspace() or after.isspace():
        return False
    return unicodedata.category(before) not in ("Ps", "Pi") and unicodedata.category(after) not in ("Po", "Pe", "Pf")


def visible_text(html: str) -> str:
    """The text a reader sees in ``html``'s body, one block per line (scripts, styles and figure data left out).

    Bidirectional controls are shown by name (:data:`BIDI_CONTROLS`).
    """
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text().translate(str.maketrans(BIDI_CONTROLS))


@contextmanager
def _fixed_date() -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to :data:`EPOCH` for the duration, then restored."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def outputs(work: Path) -> dict[str, str]:
    """The current golden texts, by file name, building into the empty folder ``work``."""
    from click.testing import CliRunner

    from reportgen.cli import cli
    from reportgen.publish.build import BuildOptions, build

    with _fixed_date():
        analysed = CliRunner().invoke(cli, ["analyze", str(PROJECT), "--json"], catch_exceptions=False)
        if analysed.exit_code != 0:
            raise RuntimeError(f"reportgen analyze failed:\n{analysed.output}")
        result = build(PROJECT, BuildOptions(reports=REPORTS, languages=LANGUAGES, formats=("html",), out=work,
                                             workers=1))
    texts = {"analysis.json": analysed.stdout}
    for lang in LANGUAGES:
        for report in REPORTS:
            html = (result.folder / lang / f"{report}.html").read_text(encoding="utf-8")
            texts[f"{lang}-{report}.txt"] = visible_text(html)
    return texts


def stored(name: str) -> str | None:
    """The golden file ``name`` as stored, or None if there is none."""
    path = GOLDEN / name
    return path.read_text(encoding="utf-8") if path.exists() else None


def diff(name: str, expected: str | None, actual: str) -> str:
    """A unified diff from the stored golden file to the current output."""
    lines = difflib.unified_diff((expected or "").splitlines(keepends=True), actual.splitlines(keepends=True),
                                 fromfile=f"tests/golden/tiny/{name} (stored)", tofile=f"{name} (this build)")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write or (``--check``) compare the golden files; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 with a diff if anything differs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reportgen-golden-") as work:
        texts = outputs(Path(work))
    changed = [name for name in NAMES if stored(name) != texts[name]]
    if args.check:
        for name in changed:
            sys.stdout.write(diff(name, stored(name), texts[name]))
        print(f"{len(changed)} of {len(NAMES)} golden files differ" if changed else "golden files up to date")
        return 1 if changed else 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (GOLDEN / name).write_text(texts[name], encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT) / name}")
    print(f"{len(changed)} of {len(NAMES)} golden files changed; review them with: git diff {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
