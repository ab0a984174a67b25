/* reportgen: charts that read in the page's direction and fit a phone, and boxes that show they scroll.
   Progressive enhancement: without it the charts are plotly's own (legends left to right, design width)
   and the boxes still scroll. */
(() => {
  "use strict";
  const NARROW = 600; // CSS pixels: a chart's box narrower than this takes the chart's narrow layout
  const t = JSON.parse(document.getElementById("table-strings")?.textContent || "{}");
  const translate = (node) => {
    const place = (node.getAttribute("transform") || "").match(/translate\(\s*([-+\d.e]+)(?:[\s,]+([-+\d.e]+))?/);
    return place ? [+place[1], +(place[2] || 0)] : [0, 0];
  };

  // Right to left, each legend entry's swatch goes on the right of its label and entries run from the
  // right: the same rule as mirror_legends() in reportgen/report/svg.py, which does it for the PDF.
  // plotly's class names carry the legend's name: legendtext in the first legend, legend3text in legend3.
  function mirror(legend) {
    const box = legend.querySelector(":scope > rect.bg");
    if (!box) return;
    const name = legend.getAttribute("class");
    const width = +box.getAttribute("width");
    for (const title of legend.querySelectorAll(`text.${name}titletext`)) {
      if (title.getAttribute("text-anchor") === "end") continue;
      title.setAttribute("x", width - +title.getAttribute("x"));
      title.setAttribute("text-anchor", "end");
    }
    for (const group of legend.querySelectorAll("g.groups")) {
      // plotly redraws a legend from scratch: one whose labels are still anchored at their start is new.
      if (group.querySelector(`text.${name}text[text-anchor=end]`)) continue;
      // A horizontal legend offsets each legend group, then its entries: both add up.
      const [gx, gy] = translate(group);
      group.setAttribute("transform", `translate(0,${gy})`);
      for (const entry of group.querySelectorAll(":scope > g.traces")) {
        const toggle = entry.querySelector(`rect.${name}toggle`);
        const label = entry.querySelector(`text.${name}text`);
        const swatch = entry.querySelector("g.layers");
        if (!toggle || !label || !swatch) continue;
        const own = +toggle.getAttribute("width");
        const room = +label.getAttribute("x");
        const [x, y] = translate(entry);
        entry.setAttribute("transform", `translate(${width - gx - x - own},${y})`);
        label.setAttribute("x", own - room);
        label.setAttribute("text-anchor", "end");
        swatch.setAttribute("transform", `translate(${own - room},0)`);
      }
    }
  }

  const mirrorAll = (plot) => plot.querySelectorAll("g.infolayer > g")
    .forEach((g) => /^legend\d*$/.test(g.getAttribute("class")) && mirror(g));

  // A chart with a narrow layout (legends under the plot) takes it while its box is narrower than the
  // chart's own width (a link chart, whose legends would be out of view) or than NARROW (a chart that
  // follows its box), and gets its own entries back when the box widens (a phone turned, a window resized).
  const wide = new Map();
  const needs = new Map();
  function fit(plot) {
    const patch = plot.layout?.meta?.narrow;
    if (!patch) return;
    if (!needs.has(plot)) needs.set(plot, Math.max(plot.layout.width || 0, NARROW));
    const box = plot.closest(".plot") || plot.parentElement;
    const narrow = box.clientWidth < needs.get(plot);
    if (narrow === wide.has(plot)) return;
    // plotly's own wrapper gives the chart its height (and its width, which the chart's div follows):
    // it takes the new size too, or it keeps the old one around the redrawn chart.
    const frame = plot.parentElement;
    if (narrow) {
      const own = Object.fromEntries(Object.keys(patch).map((k) => [k, plot.layout[k] ?? null]));
      wide.set(plot, { layout: own, style: frame.getAttribute("style") });
    }
    const layout = narrow ? patch : wide.get(plot).layout;
    if (narrow) {
      if (patch.height) frame.style.height = `${patch.height}px`;
      if (patch.width) frame.style.width = `${patch.width}px`;
    } else {
      frame.setAttribute("style", wide.get(plot).style);
      wide.delete(plot);
    }
    Plotly.relayout(plot, structuredClone(layout));
  }

  // A box that scrolls sideways fades at the edge where more is hidden, and says so once above it.
  function cue(box) {
    const more = box.scrollWidth - box.clientWidth;
    const scrolls = more > 1;
    box.classList.toggle("scrolls", scrolls);
    const gone = Math.abs(box.scrollLeft); // right to left, scrollLeft runs from 0 down to -more
    box.dataset.more = scrolls ? [gone > 1 ? "start" : "", gone < more - 1 ? "end" : ""].join(" ").trim() : "";
    const hint = box.previousElementSibling?.classList.contains("scroll-hint") ? box.previousElementSibling : null;
    if (scrolls && !hint) {
      const text = box.querySelector(".js-plotly-plot") ? t.scroll_chart : t.scroll_table;
      box.before(Object.assign(document.createElement("p"), { className: "scroll-hint", textContent: text || "" }));
    } else if (hint) hint.hidden = !scrolls;
  }

  const plots = [...document.querySelectorAll(".js-plotly-plot")];
  const boxes = () => document.querySelectorAll(".plot, .table-scroll, .figure-tables");
  const rtl = (plot) => plot.layout?.meta?.dir === "rtl";
  for (const plot of plots) {
    const drawn = () => {
      if (rtl(plot)) mirrorAll(plot);
      fit(plot);
      const box = plot.closest(".plot");
      if (box) cue(box);
    };
    plot.on?.("plotly_afterplot", drawn);
    if (plot.querySelector(".main-svg")) drawn(); // already drawn before this script ran
  }
  boxes().forEach((box) => {
    cue(box);
    box.addEventListener("scroll", () => cue(box), { passive: true });
  });
  window.addEventListener("resize", () => { plots.forEach(fit); boxes().forEach(cue); });
})();
