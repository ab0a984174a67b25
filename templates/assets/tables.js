/* reportgen: data tables that scroll in their own box, sort and filter. Progressive enhancement,
   no dependency: without it the tables are plain (and the stylesheet keeps them in a phone's width).
   Cells sort by their data-sort attribute if any; otherwise a column whose header has class "num"
   is read as numbers with the page's decimal mark (cells are localised: "1 234,5" in French), any
   other as text in the page's collation. The wording comes translated in script#table-strings. */
(() => {
  "use strict";
  const FILTER_MIN_ROWS = 15; // a filter box only where there is something to find
  const PAPER_WIDTH = 640; // CSS pixels between the margins of an A4 page
  const source = document.getElementById("table-strings");
  const t = source ? JSON.parse(source.textContent) : {};
  const lang = document.documentElement.lang || "en";
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  const integer = new Intl.NumberFormat(lang, { numberingSystem: "latn" });
  const decimal = t.decimal || ".";
  const el = (tag, properties) => Object.assign(document.createElement(tag), properties);
  // Case- and accent-insensitive matching: "nikolic" finds "Nikolić".
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  function numberOf(text) {
    let kept = "";
    for (const ch of text) {
      if (ch >= "0" && ch <= "9") kept += ch;
      else if (ch === decimal) kept += ".";
      else if ((ch === "-" || ch === "\u2212") && !kept) kept = "-";
    }
    return /\d/.test(kept) ? parseFloat(kept) : NaN;
  }

  function keyOf(cell, numeric) {
    const raw = cell ? cell.getAttribute("data-sort") : null;
    if (raw !== null) return numeric ? parseFloat(raw) : raw;
    return numeric ? numberOf(cell ? cell.textContent : "") : (cell ? cell.textContent.trim() : "");
  }

  function compare(a, b, numeric) {
    if (!numeric) return collator.compare(a, b);
    if (isNaN(a) || isNaN(b)) return isNaN(a) - isNaN(b);
    return a - b;
  }

  function sortBy(table, th, index) {
    const numeric = th.classList.contains("num");
    const current = th.getAttribute("aria-sort");
    // Numbers first show the largest (rankings), text runs A to Z; a second press reverses.
    const order = current ? (current === "ascending" ? "descending" : "ascending")
                          : (numeric ? "descending" : "ascending");
    const sign = order === "ascending" ? 1 : -1;
    const body = table.tBodies[0];
    const rows = [...body.rows].map((row, position) => ({ row, key: keyOf(row.cells[index], numeric), position }));
    rows.sort((a, b) => {
      const missing = numeric && (isNaN(a.key) || isNaN(b.key)); // empty cells stay last either way
      return (missing ? compare(a.key, b.key, true) : sign * compare(a.key, b.key, numeric)) || a.position - b.position;
    });
    body.append(...rows.map((item) => item.row));
    for (const cell of table.tHead.rows[0].cells) cell.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", order);
  }

  function sortable(table) {
    const header = table.tHead && table.tHead.rows[0];
    if (!header || !table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
    [...header.cells].forEach((th, index) => {
      const button = el("button", { type: "button", className: "sort" });
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener("click", () => sortBy(table, th, index));
    });
  }

  function filterable(table, box) {
    const rows = [...table.tBodies[0].rows];
    const texts = rows.map((row) => fold(row.textContent));
    const id = `table-filter-${document.querySelectorAll(".table-tools").length + 1}`;
    const input = el("input", { type: "search", id, placeholder: t.placeholder || "", autocomplete: "off" });
    const count = el("output", { htmlFor: id });
    count.setAttribute("aria-live", "polite");
    const show = (shown) => {
      count.textContent = (t.count || "%(shown)s / %(total)s")
        .replace("%(shown)s", integer.format(shown)).replace("%(total)s", integer.format(rows.length));
    };
    input.addEventListener("input", () => {
      const terms = fold(input.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach((row, i) => {
        row.hidden = !terms.every((term) => texts[i].includes(term));
        shown += row.hidden ? 0 : 1;
      });
      table.classList.toggle("filtered", terms.length > 0);
      show(shown);
    });
    show(rows.length);
    const tools = el("div", { className: "table-tools" });
    tools.append(el("label", { htmlFor: id, textContent: t.filter || "Filter rows" }), input, count);
    box.before(tools);
  }

  // The heading just above a table (or its section's) names its box for screen readers.
  function heading(box) {
    for (let node = box.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[23]$/.test(node.tagName)) return node;
    }
    return box.closest("section")?.querySelector("h2, h3");
  }

  // A box that scrolls must be reachable from the keyboard, and named; one that does not, need not be.
  function focusable(box) {
    const name = box.scrollWidth > box.clientWidth + 1 && heading(box)?.textContent.trim();
    for (const [attribute, value] of [["tabindex", "0"], ["role", "region"], ["aria-label", name]]) {
      if (name) box.setAttribute(attribute, value); else box.removeAttribute(attribute);
    }
  }

  const boxes = [];
  for (const table of document.querySelectorAll("main table.data")) {
    const box = el("div", { className: "table-scroll" });
    table.before(box);
    box.append(table);
    boxes.push(box);
    if (table.classList.contains("legend")) continue;
    sortable(table);
    if (table.tBodies[0] && table.tBodies[0].rows.length >= FILTER_MIN_ROWS) filterable(table, box);
  }
  boxes.forEach(focusable);
  window.addEventListener("resize", () => boxes.forEach(focusable));

  // Contents: open beside the text on a wide screen, folded above it on a phone.
  const toc = document.querySelector(".toc details");
  const narrow = window.matchMedia("(max-width: 60em)");
  if (toc) {
    toc.open = !narrow.matches;
    narrow.addEventListener("change", () => { toc.open = !narrow.matches; });
  }

  // Print: the whole contents, and charts redrawn no wider than the paper; a wider chart
  // makes the browser shrink every page or, right to left, cut the text off at the left.
  const charts = (layout) => window.Plotly && document.querySelectorAll(".js-plotly-plot")
    .forEach((plot) => Plotly.relayout(plot, layout(plot)));
  // Charts drawn for a fixed width (link charts, the map) get that width back after printing.
  const designed = new Map();
  window.addEventListener("beforeprint", () => {
    if (toc) toc.open = true;
    document.querySelectorAll(".js-plotly-plot").forEach((plot) => {
      if (!designed.has(plot)) designed.set(plot, plot.layout && plot.layout.width);
    });
    charts((plot) => ({ width: Math.min(plot.offsetWidth, PAPER_WIDTH) }));
  });
  window.addEventListener("afterprint", () => {
    if (toc) toc.open = !narrow.matches;
    charts((plot) => (designed.get(plot) ? { width: designed.get(plot) } : { width: null, autosize: true }));
  });
})();
