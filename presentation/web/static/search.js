/* accountable serve: suggestions as you type in the search box, from /search.json. Names are set as
   text, never as HTML. Without this script the box still searches (the form's /search page). */
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("suggestions");
  if (!box || !list) return;
  var timer = null, asked = 0, active = -1;

  function hide() { list.hidden = true; list.textContent = ""; active = -1; box.setAttribute("aria-expanded", "false"); }
  function show(results) {
    list.textContent = "";
    active = -1;
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = r.href;
      a.textContent = r.name;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = (r.near ? "nearest: " : "") + r.kind.toLowerCase() + (r.region ? ", " + r.region : "");
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    box.setAttribute("aria-expanded", results.length ? "true" : "false");
    list.dataset.q = box.value;
  }
  function ask() {
    var q = box.value.trim();
    if (q.length < 2) { hide(); return; }
    var n = ++asked;
    fetch("/search.json?limit=8&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { if (n === asked) show(data.results || []); })
      .catch(function () { if (n === asked) hide(); });
  }
  function move(step) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("active");
    active = (active + step + items.length) % items.length;
    items[active].classList.add("active");
    items[active].querySelector("a").focus({ preventScroll: true });
  }
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
  box.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "Escape") { hide(); }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") { hide(); box.focus(); }
  });
  document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== box) hide(); });
})();
