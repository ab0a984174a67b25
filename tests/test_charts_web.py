"""Charts on a phone and right to left, in Debian's Chromium (Playwright) and in the PDF's exported SVG.

The example is built as HTML in English and Arabic; each browser test reads
what Chromium laid out: the page's width, where each legend box is, which
side of its label each legend swatch is on, whether a name wraps.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from chromium import chromium, open_page

from reportgen.i18n.formatting import Formatter
from reportgen.report.svg import SVG, mirror_legends

PHONE = {"width": 390, "height": 844}

#: Every legend of every chart: its box, and each entry's swatch and label boxes (viewport pixels); the chart's
#: title's box, and each legend's (left, top, right, bottom).
LEGENDS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; };
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const legends = [...plot.querySelectorAll('g.infolayer > g')]
    .filter(g => /^legend\\d*$/.test(g.getAttribute('class')));
  const title = plot.querySelector('g.g-gtitle text.gtitle');
  return { id: plot.id, title: title && title.textContent ? rect(title) : null, legends: legends.map(g => ({
    box: box(g.querySelector('rect.bg')), rect: rect(g.querySelector('rect.bg')),
    // plotly's class names carry the legend's name: legendtext in the first legend, legend3text in legend3.
    name: g.getAttribute('class'),
    entries: [...g.querySelectorAll('g.traces')].filter(t => t.querySelector(`text.${g.getAttribute('class')}text`))
      .map(t => ({ label: box(t.querySelector(`text.${g.getAttribute('class')}text`)),
                   swatch: box(t.querySelector('g.layers')) })) })) };
})"""


@pytest.fixture(scope="module")
def pages(example_reports):
    """The session's one build of the example, read in Chromium."""
    with chromium() as browser:
        yield example_reports.folder, browser


@pytest.mark.slow
@pytest.mark.parametrize("report", ["analysis", "strategy"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_page_never_scrolls_sideways_and_every_legend_is_in_view(pages, lang, report):
    folder, browser = pages
    page, problems = open_page(browser, folder / lang / f"{report}.html", PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    charts = page.evaluate(LEGENDS)
    assert len(charts) >= (8 if report == "analysis" else 6)
    for chart in charts:
        for legend in chart["legends"]:
            left, right, _width = legend["box"]
            # In view where the chart's box starts scrolling: its left in English, its right in Arabic.
            assert left >= 0 and right <= PHONE["width"], (lang, chart["id"], legend["box"])
            # Clear of the chart's title (a legend on the title's line wraps up over it on a phone).
            if chart["title"]:
                (a0, a1, a2, a3), (b0, b1, b2, b3) = legend["rect"], chart["title"]
                assert min(a2, b2) - max(a0, b0) <= 1 or min(a3, b3) - max(a1, b1) <= 1, (lang, chart["id"])
    # Boxes wider than the phone scroll, fade at the edge where more is hidden, and say so above them.
    boxes = page.evaluate("""() => [...document.querySelectorAll('.plot, .table-scroll, .figure-tables')]
      .filter(b => b.scrollWidth > b.clientWidth + 1 && b.offsetParent)
      .map(b => ({ more: b.dataset.more, fade: getComputedStyle(b).maskImage,
                   hint: b.previousElementSibling?.className === 'scroll-hint' && !b.previousElementSibling.hidden
                         && b.previousElementSibling.textContent }))""")
    assert boxes, lang
    hints = {Formatter(lang).gettext(m) for m in (
        "The table is wider than the screen: scroll it sideways to see every column.",
        "The chart is wider than the screen: scroll it sideways to see all of it.")}
    for box in boxes:
        assert box["more"] == "end" and "gradient" in box["fade"] and box["hint"] in hints, box
    # Scrolled to its far end, a box fades at its start instead.
    more = page.evaluate("""() => { const b = document.querySelector('#figure-network .plot');
      b.scrollLeft = (document.dir === 'rtl' ? -1 : 1) * b.scrollWidth; b.dispatchEvent(new Event('scroll'));
      return b.dataset.more; }""") if report == "analysis" else "start"
    assert more == "start"
    # A name in a table stands on one line: it never breaks inside the name (a bidirectional name may
    # be drawn as several boxes, all on the same line).
    broken = page.evaluate("""() => [...document.querySelectorAll('main table.data td bdi')]
      .filter(b => b.offsetParent && new Set([...b.getClientRects()].filter(r => r.width > 0)
                                              .map(r => Math.round(r.bottom / 4))).size > 1)
      .map(b => b.textContent)""")
    assert not broken
    assert not problems
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_legend_swatches_on_the_reading_side_of_their_labels(pages, lang, width):
    folder, browser = pages
    page, _problems = open_page(browser, folder / lang / "analysis.html", {"width": width, "height": 900})
    charts = page.evaluate(LEGENDS)
    entries = [e for chart in charts for legend in chart["legends"] for e in legend["entries"]]
    assert len(entries) >= 40
    # The link chart's four keys (roles, entity types, links, status) are all read.
    network = next(c for c in charts if c["id"] == "fig-network")
    assert {g["name"] for g in network["legends"] if g["entries"]} == {"legend", "legend2", "legend3", "legend4"}
    for entry in entries:
        (label_left, label_right, _), (swatch_left, swatch_right, _) = entry["label"], entry["swatch"]
        if lang == "ar":
            assert swatch_left >= label_right - 1, entry  # swatch on the right of its label
        else:
            assert swatch_right <= label_left + 1, entry
    # A legend toggled off and on (plotly redraws it) is mirrored again, once.
    if lang == "ar":
        page.locator("#fig-disruption g.traces").first.click()
        page.wait_for_timeout(300)
        chart = next(c for c in page.evaluate(LEGENDS) if c["id"] == "fig-disruption")
        for entry in chart["legends"][0]["entries"]:
            assert entry["swatch"][0] >= entry["label"][1] - 1, entry
    page.close()


def _legend_svg(entries: list[tuple[float, float, float]], width: float, horizontal: bool,
                name: str = "legend") -> str:
    """A legend as plotly writes it: (group offset, entry width, label start) per entry; ``name`` is its plotly name."""
    groups = "".join(
        f'<g class="groups" transform="translate({gx if horizontal else 0},0)">'
        f'<g class="traces" transform="translate(0,{0 if horizontal else 19 * i + 14.5})">'
        f'<text class="{name}text" text-anchor="start" x="{room}" y="4">Name {i}</text>'
        f'<g class="layers"><g class="legendlines"><path d="M5,0h30"/></g></g>'
        f'<rect class="{name}toggle" x="0" y="-9.5" width="{own}" height="19"/></g></g>'
        for i, (gx, own, room) in enumerate(entries))
    return (f'<svg xmlns="{SVG}" width="400" height="200"><g class="infolayer"><g class="{name}" '
            f'transform="translate(10,10)"><rect class="bg" width="{width}" height="80"/><g class="scrollbox">'
            f'<text class="{name}titletext" text-anchor="start" x="2" y="13">Title</text>{groups}</g></g></g></svg>')


@pytest.mark.parametrize("name", ["legend", "legend3"])
@pytest.mark.parametrize("horizontal", [False, True])
def test_exported_svg_legends_are_mirrored(horizontal, name):
    """The PDF's charts: each entry's swatch moves to its right end, entries run from the legend's right."""
    entries = [(0.0, 100.0, 40.0), (104.0, 90.0, 40.0)] if horizontal else [(0.0, 113.0, 40.0), (0.0, 113.0, 40.0)]
    width = 198.0 if horizontal else 118.0
    root = ET.fromstring(mirror_legends(_legend_svg(entries, width, horizontal, name)))
    title = root.find(f".//{{{SVG}}}text[@class='{name}titletext']")
    assert title is not None and title.get("text-anchor") == "end" and float(title.get("x", "0")) == width - 2
    right_ends = []
    traces = [g for g in root.iter(f"{{{SVG}}}g") if g.get("class") == "traces"]
    for trace, (gx, own, room) in zip(traces, entries, strict=True):
        x = float(trace.get("transform", "").split("(")[1].split(",")[0])
        label = trace.find(f"{{{SVG}}}text")
        swatch = trace.find(f"{{{SVG}}}g[@class='layers']")
        assert label is not None and swatch is not None
        assert label.get("text-anchor") == "end" and float(label.get("x", "0")) == own - room
        assert swatch.get("transform") == f"translate({own - room:g},0)"
        assert x == pytest.approx(width - gx - own)
        right_ends.append(x + own)
    if horizontal:  # the first entry is the rightmost
        assert right_ends[0] == pytest.approx(width) and right_ends[1] < right_ends[0] - 90


@pytest.mark.slow  # a browser
def test_exported_arabic_link_chart_has_every_key_mirrored(tmp_path, monkeypatch):
    """The Arabic PDF's link chart as exported: in each of its four keys, every sample is right of its label.

    Read from the SVG that goes to rsvg-convert (after :func:`mirror_legends`): a label anchored at its
    end, at x, and its sample (line or symbol) drawn from x onwards.
    """
    from test_linkchart_reading import _built_figure

    from reportgen.report import svg

    kept: dict[str, str] = {}
    outline = svg.outline

    def keep(source, target):
        kept[target.stem] = source.read_text(encoding="utf-8")
        outline(source, target)

    monkeypatch.setattr(svg, "outline", keep)
    with svg.SvgExporter() as exporter:
        exporter.export([_built_figure("ar")], tmp_path)
    root = ET.fromstring(kept["network"])
    samples = {}
    for legend in root.iter(f"{{{SVG}}}g"):
        name = legend.get("class", "")
        if not name.startswith("legend") or legend.find(f"{{{SVG}}}rect[@class='bg']") is None:
            continue
        title = next(t for t in legend.iter(f"{{{SVG}}}text") if t.get("class") == f"{name}titletext")
        assert title.get("text-anchor") == "end", name
        samples[name] = 0
        for entry in (g for g in legend.iter(f"{{{SVG}}}g") if g.get("class") == "traces"):
            label = entry.find(f"{{{SVG}}}text[@class='{name}text']")
            swatch = entry.find(f"{{{SVG}}}g[@class='layers']")
            assert label is not None and swatch is not None, name
            assert label.get("text-anchor") == "end", (name, label.text)
            start = float(re.search(r"translate\(([-\d.]+)", swatch.get("transform", "translate(0)")).group(1))
            drawn = [float(v) for p in swatch.iter(f"{{{SVG}}}path")
                     for v in [re.search(r"translate\(([-\d.]+)", p.get("transform") or "translate(0)").group(1)]]
            assert drawn, (name, label.text)
            # The sample's left edge: a line from M5, a symbol 5 px either side of its centre.
            left = start + min(5.0 if "js-line" in (p.get("class") or "") else x - 5.0
                               for p, x in zip(swatch.iter(f"{{{SVG}}}path"), drawn, strict=True))
            assert left >= float(label.get("x", "0")) - 0.5, (name, label.text, left, label.get("x"))
            samples[name] += 1
    assert set(samples) == {"legend", "legend2", "legend3", "legend4"} and min(samples.values()) >= 3, samples


#: Every y axis title of every chart and the tick labels of its axis (viewport boxes: left, top, right, bottom).
AXIS_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return [...plot.querySelectorAll('g.infolayer > g[class^="g-y"][class$="title"] text')]
    .filter(t => t.textContent).map(t => {
      const axis = t.parentNode.getAttribute('class').slice(2, -5);  // g-y2title → y2
      return { id: plot.id, title: rect(t),
               ticks: [...plot.querySelectorAll(`g.${axis}tick text`)].filter(x => x.textContent).map(rect) };
    });
})"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axis_titles_clear_of_their_tick_labels(pages, lang, width):
    """A y axis's title never sits on its tick labels (the Arabic disruption chart's did, on « 75 % »)."""
    folder, browser = pages
    page, _problems = open_page(browser, folder / lang / "analysis.html", {"width": width, "height": 900})
    titles = page.evaluate(AXIS_TITLES)
    assert any(t["id"] == "fig-disruption" and t["ticks"] for t in titles), titles
    for t in titles:
        a0, a1, a2, a3 = t["title"]
        for b0, b1, b2, b3 in t["ticks"]:
            assert min(a2, b2) - max(a0, b0) <= 0.5 or min(a3, b3) - max(a1, b1) <= 0.5, (lang, width, t)
    page.close()
