// Injected by scripts/report-screens.sh at the end of a copy of an HTML
// report, after the report's own script: once the page has loaded in
// headless Chromium it drives every table as a reader would (each column
// sorted both ways; the filter box with a word of the first row, a word
// of no row, and emptied), checks every image decoded and that no request
// left the page, and writes one line into <pre id="segmenta-check"> for
// --dump-dom: "ok tables=... height=..." or "fail: ...".
window.addEventListener("load", function () {
  "use strict";
  var fails = [], tables = document.querySelectorAll("table.st"), sorts = 0, filters = 0;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function fail(msg) { if (fails.length < 20) { fails.push(msg); } }
  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

  // key mirrors the report's script: null for a missing value.
  function key(cell, numeric) {
    if (numeric) {
      var v = cell.getAttribute("data-v");
      return v === null || v === "" ? null : parseFloat(v);
    }
    var t = cell.textContent.trim();
    return t === "" || t === "n/a" ? null : t;
  }

  // checkOrder: missing values last, the others in order, ties in page
  // order (stable).
  function checkOrder(table, col, ascending) {
    var numeric = table.tHead.rows[0].cells[col].classList.contains("num"), prev = null, seenMissing = false;
    rowsOf(table).forEach(function (row) {
      var k = key(row.cells[col], numeric), i = +row.getAttribute("data-i");
      if (k === null) { seenMissing = true; return; }
      if (seenMissing) { fail(table.id + " column " + col + ": a value after a missing one"); }
      if (prev !== null) {
        var c = numeric ? k - prev.k : collator.compare(k, prev.k);
        if (!ascending) { c = -c; }
        if (c < 0 || (c === 0 && i < prev.i)) { fail(table.id + " column " + col + (ascending ? " ascending" : " descending") + ": out of order at row " + i); }
      }
      prev = { k: k, i: i };
    });
  }

  function sortAll(table) {
    var heads = table.tHead.rows[0].cells;
    for (var col = 0; col < heads.length; col++) {
      var button = heads[col].querySelector("button.sort");
      if (!button) { fail(table.id + " column " + col + ": no sort button"); continue; }
      [true, false].forEach(function (ascending) {
        button.click();
        var want = ascending ? "ascending" : "descending";
        if (heads[col].getAttribute("aria-sort") !== want) { fail(table.id + " column " + col + ": aria-sort is not " + want); }
        checkOrder(table, col, ascending);
      });
      sorts++;
    }
  }

  function typeInto(box, text) {
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function shown(table) { return rowsOf(table).filter(function (r) { return !r.hidden; }); }

  function filterTable(table) {
    var box = document.getElementById(table.id + "-filter"), rows = rowsOf(table);
    if (!box || box.closest("div.filter").hidden) { fail(table.id + ": no visible filter box"); return; }
    var word = (rows[0].cells[0].textContent.trim().split(/\s+/)[0] || "").toLowerCase();
    typeInto(box, word);
    rows.forEach(function (r) {
      if (r.hidden === (r.textContent.toLowerCase().indexOf(word) >= 0)) { fail(table.id + ": filter " + JSON.stringify(word) + " shows or hides the wrong row"); }
    });
    if (shown(table).length === 0) { fail(table.id + ": filter " + JSON.stringify(word) + " hides its own row"); }
    typeInto(box, "zq-no-such-row-qz");
    if (shown(table).length !== 0) { fail(table.id + ": a filter matching nothing leaves rows"); }
    typeInto(box, "");
    if (shown(table).length !== rows.length) { fail(table.id + ": an empty filter hides rows"); }
    filters++;
  }

  Array.prototype.forEach.call(tables, function (table) {
    if (table.tBodies[0].rows.length === 0) { fail(table.id + ": no rows"); return; }
    sortAll(table);
    filterTable(table);
  });
  var images = document.images;
  Array.prototype.forEach.call(images, function (img) {
    if (!img.complete || img.naturalWidth === 0 || img.getBoundingClientRect().height < 50) { fail("image " + JSON.stringify(img.alt) + " not drawn"); }
  });
  performance.getEntriesByType("resource").forEach(function (e) { fail("request to " + e.name); });
  var height = document.documentElement.scrollHeight;
  var pre = document.createElement("pre");
  pre.id = "segmenta-check";
  pre.textContent = fails.length ? "fail: " + fails.join(" | ") :
    "ok tables=" + tables.length + " sorts=" + sorts + " filters=" + filters + " images=" + images.length + " height=" + height;
  document.body.appendChild(pre);
});
