/* accountable: the national page's table sorts by any column (a click on its heading). Text is only
   moved, never written as HTML. */
(function () {
  "use strict";
  var table = document.getElementById("council-table");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var state = { col: 0, dir: 1 };
  function key(row, col) {
    var cell = row.cells[col];
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
  }
  function sortBy(col) {
    state.dir = state.col === col ? -state.dir : 1;
    state.col = col;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y);
      return c * state.dir || key(a, 0).localeCompare(key(b, 0));
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(heads, function (h, i) {
      h.setAttribute("aria-sort", i === col ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
    table.dataset.sortedBy = String(col) + (state.dir > 0 ? "+" : "-");
  }
  Array.prototype.forEach.call(heads, function (h, i) {
    var b = h.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(i); });
  });
  table.dataset.ready = "true";
})();
