// Sortable, filterable tables of the Segmenta report, without a library
// or a request. A header button sorts its column (numbers by the cell's
// data-v, text in the reader's locale with digits as numbers; missing
// values last either way; ties keep the page order, so sorting is
// stable); clicking again reverses the order and the header's aria-sort
// says which it is. The box above a table hides the rows that do not hold
// every word typed. Without JavaScript the tables stay plain tables.
(function () {
  "use strict";
  document.documentElement.className += " js";
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // key is what a cell sorts by, null for a missing value.
  function key(cell, numeric) {
    if (!cell) { return null; }
    if (numeric) {
      var v = cell.getAttribute("data-v");
      return v === null || v === "" ? null : parseFloat(v);
    }
    var t = cell.textContent.trim();
    return t === "" || t === "n/a" ? null : t;
  }

  function sortBy(table, col, ascending) {
    var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
    var numeric = heads[col].classList.contains("num");
    each(heads, function (th) { th.setAttribute("aria-sort", "none"); });
    heads[col].setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.map.call(body.rows, function (row) {
      return { row: row, i: +row.getAttribute("data-i"), k: key(row.cells[col], numeric) };
    });
    rows.sort(function (a, b) {
      if (a.k === null || b.k === null) { return (a.k === null) - (b.k === null) || a.i - b.i; }
      var c = numeric ? a.k - b.k : collator.compare(a.k, b.k);
      return (ascending ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  function filter(box, table, count) {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean), rows = table.tBodies[0].rows, shown = 0;
    each(rows, function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      if (!row.hidden) { shown++; }
    });
    count.textContent = words.length ? shown + " of " + rows.length + " rows" : rows.length + " rows";
  }

  each(document.querySelectorAll("table.st"), function (table) {
    each(table.tBodies[0].rows, function (row, i) { row.setAttribute("data-i", i); });
    each(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button.sort");
      if (button) {
        button.addEventListener("click", function () { sortBy(table, col, th.getAttribute("aria-sort") !== "ascending"); });
      }
    });
  });
  each(document.querySelectorAll("input.filter"), function (box) {
    var table = document.getElementById(box.getAttribute("aria-controls")), bar = box.closest("div.filter");
    if (!table || !bar) { return; }
    var count = bar.querySelector(".count");
    box.addEventListener("input", function () { filter(box, table, count); });
    bar.hidden = false;
    filter(box, table, count);
  });
}());
