/* accountable: draws the graph of a page with vis-network (inlined above), moves it through time
   with the date control, and shows what is flagged on each date. The data is the JSON in
   #graph-data; nothing is fetched. Text from the data is only ever set as text, never as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("graph-component");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("graph");
  var DAY = 86400000;

  function toDays(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
  function toIso(days) { return new Date(days * DAY).toISOString().slice(0, 10); }
  function longDate(iso) {
    return new Date(iso + "T00:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---------------------------------------------------------------- tooltips and details
  function sourceItem(ev) {
    var s = data.sources[ev.source] || { title: ev.source };
    var li = el("li");
    li.appendChild(el("span", "src-title", s.title || ev.source));
    var meta = [s.publisher, s.published].filter(Boolean).join(", ");
    if (meta) li.appendChild(el("span", "src-meta", " — " + meta));
    if (ev.quote) { li.appendChild(el("br")); li.appendChild(el("span", "quote", "\u201c" + ev.quote + "\u201d")); }
    if (ev.account) { li.appendChild(el("br")); li.appendChild(el("span", "account", "Account: " + ev.account)); }
    return li;
  }
  function sourceList(evidence) {
    var ul = el("ul");
    evidence.forEach(function (ev) { ul.appendChild(sourceItem(ev)); });
    return ul;
  }
  function nodeTip(info) {
    var d = el("div", "tip");
    d.appendChild(el("div", "tip-kind", info.kind));
    d.appendChild(el("div", "tip-title", info.name));
    if (info.description) d.appendChild(el("div", "tip-desc", info.description));
    info.lines.forEach(function (l) { d.appendChild(el("div", "tip-line", l)); });
    if (info.facts.length) {
      var ul = el("ul", "facts");
      info.facts.forEach(function (f) {
        var li = el("li", null, f.text + ": " + f.when);
        if (f.disputed) li.appendChild(el("span", "tip-disputed", " (disputed)"));
        ul.appendChild(li);
      });
      if (info.more) ul.appendChild(el("li", "muted", "and " + info.more + " more"));
      d.appendChild(ul);
    }
    if (info.sources.length) {
      d.appendChild(el("div", "tip-kind", "Sources"));
      d.appendChild(sourceList(info.sources.map(function (id) { return { source: id }; })));
    }
    return d;
  }
  function edgeTip(info) {
    var d = el("div", "tip");
    d.appendChild(el("div", "tip-kind", info.kind + (info.detail ? " \u00b7 " + info.detail : "")));
    d.appendChild(el("div", "tip-title", info.title));
    d.appendChild(el("div", "tip-when", info.when));
    if (info.disputed) d.appendChild(el("div", "tip-disputed", "Sources disagree about this."));
    if (info.note) d.appendChild(el("div", "tip-note", info.note));
    if (info.evidence.length) {
      d.appendChild(el("div", "tip-kind", "Sources"));
      d.appendChild(sourceList(info.evidence));
    }
    return d;
  }

  // ---------------------------------------------------------------- the network
  var incident = {};
  var byNode = {}, byEdge = {};
  data.nodes.forEach(function (n) { incident[n.id] = []; byNode[n.id] = n; });
  data.edges.forEach(function (e) { incident[e.from].push(e.id); incident[e.to].push(e.id); byEdge[e.id] = e; });

  // A renamed council, and the posts named after it, read as named on the day: a record whose
  // texts change carries each version (made by the answers' rule) with the day it ends.
  function named(x, day) {
    if (!x.names) return x;
    for (var i = 0; i < x.names.length; i++) {
      if (x.names[i].until == null || day < x.names[i].until) return x.names[i];
    }
    return x;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) { return Object.assign({}, n, { title: nodeTip(n.info) }); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return Object.assign({}, e, { title: edgeTip(e.info) }); }));
  var network = null;  // drawn once the first date's look is set: one drawing, not two

  var state = { day: null, hide: false, flags: [], active: {}, possible: {} };
  var lastLook = {}, lastName = {};

  function activeAt(e, day) {
    return e.valid_from != null && e.valid_from <= day && (e.valid_until == null || day < e.valid_until);
  }
  function ids(list) {
    var out = {};
    (list || []).forEach(function (id) { out[id] = true; });
    return out;
  }
  // In force on the day by who's rule: its dates, except a holding whose start is known only to the
  // month of the day (possibly begun: "maybe") and the one that start superseded (still in force: "kept").
  function statusAt(e, day, maybe, kept) {
    if (kept[e.id]) return "active";
    if (!activeAt(e, day)) return "inactive";
    return maybe[e.id] ? "possible" : "active";
  }
  function epochAt(day) {
    var lo = 0, hi = data.epochs.length - 1, found = null;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (data.epochs[mid].from <= day) { found = data.epochs[mid]; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function worst(kinds) {
    var problem = kinds.filter(function (k) { return data.flag_style[k].severity === "problem"; });
    return data.flag_style[(problem.length ? problem : kinds)[0]];
  }
  function tags(kinds) {
    var seen = {};
    return kinds.filter(function (k) { return seen[k] ? false : (seen[k] = true); })
      .map(function (k) { return data.flag_style[k].tag; }).join(" \u00b7 ");
  }

  function edgeLook(e, text, status, kinds) {
    var active = status === "active";
    var look = {
      id: e.id, hidden: false, label: text, width: e.width, dashes: e.dashes,
      color: { color: e.color, highlight: e.color, hover: e.color, opacity: 1 },
      font: { color: "#333333", strokeWidth: 3, strokeColor: "#ffffff" },
      shadow: { enabled: false }
    };
    if (status === "possible") {  // may have begun: faint, but not gone
      look.color.opacity = 0.4;
      look.label = text + "\n(possibly begun)";
      look.font = { color: "rgba(90,90,90,0.6)", strokeWidth: 3, strokeColor: "#ffffff" };
    } else if (!active) {
      if (state.hide) look.hidden = true;
      look.color.opacity = 0.13;
      look.font = { color: "rgba(90,90,90,0.28)", strokeWidth: 0, strokeColor: "#ffffff" };
    } else if (kinds.length) {
      var fs = worst(kinds);
      look.width = e.width + 1.5;
      look.label = text + "\n\u26a0 " + tags(kinds);
      look.font = { color: fs.color, strokeWidth: 3, strokeColor: "#ffffff" };
      look.shadow = { enabled: true, color: fs.color, size: 9, x: 0, y: 0 };
    }
    return look;
  }
  function nodeLook(n, text, active, possible, kinds) {
    var look = {
      id: n.id, hidden: false, opacity: 1, label: text, borderWidth: n.borderWidth,
      color: n.color, font: n.font, shadow: { enabled: false }
    };
    if (!active) {
      if (state.hide && !possible) look.hidden = true;
      look.opacity = possible ? 0.5 : 0.22;
    } else if (kinds.length) {
      var fs = worst(kinds);
      look.borderWidth = 4;
      look.label = text + "\n\u26a0 " + tags(kinds);
      look.color = { background: n.color.background, border: fs.color,
        highlight: { background: n.color.background, border: fs.color }, hover: { background: n.color.background, border: fs.color } };
      look.shadow = { enabled: true, color: fs.color, size: 16, x: 0, y: 0 };
    }
    return look;
  }

  // ---------------------------------------------------------------- the date control
  var slider = document.getElementById("date-slider");
  var dateInput = document.getElementById("date-input");
  var label = document.getElementById("date-label");
  var hideBox = document.getElementById("hide-inactive");
  var summary = document.getElementById("graph-summary");
  var flagList = document.getElementById("flag-list");
  var flagDate = document.getElementById("flag-date");
  var details = document.getElementById("details");
  var minDays = toDays(data.min), maxDays = toDays(data.max);
  slider.min = String(minDays); slider.max = String(maxDays); slider.step = "1";
  dateInput.min = data.min; dateInput.max = data.max;

  function clamp(iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || isNaN(toDays(iso))) return state.day || data.start;
    return toIso(Math.min(maxDays, Math.max(minDays, toDays(iso))));
  }

  function setDate(iso) {
    var day = clamp(iso);
    state.day = day;
    var epoch = epochAt(day);
    state.flags = epoch ? epoch.flags : [];
    var onNode = {}, onEdge = {};
    state.flags.forEach(function (f) {
      f.nodes.forEach(function (id) { (onNode[id] = onNode[id] || []).push(f.kind); });
      f.edges.forEach(function (id) { (onEdge[id] = onEdge[id] || []).push(f.kind); });
    });
    var maybe = ids(epoch && epoch.maybe), kept = ids(epoch && epoch.kept);
    var edgeUpdates = [], nodeUpdates = [], active = {}, possible = {}, held = 0, maybes = 0;
    // a look changes when its drawing does, or when its names do (the tooltip then too)
    function update(list, prefix, x, look, tip) {
      var v = named(x, day), nameKey = x.names ? String(v.until) : "";
      var key = JSON.stringify(look) + "|" + nameKey;
      if (lastLook[prefix + x.id] === key) return;
      if (x.names && lastName[prefix + x.id] !== nameKey) { lastName[prefix + x.id] = nameKey; look.title = tip(v.info); }
      lastLook[prefix + x.id] = key;
      list.push(look);
    }
    data.edges.forEach(function (e) {
      var s = statusAt(e, day, maybe, kept);
      active[e.id] = s === "active";
      possible[e.id] = s === "possible";
      if (active[e.id]) held++;
      if (possible[e.id]) maybes++;
      update(edgeUpdates, "e:", e, edgeLook(e, named(e, day).label, s, onEdge[e.id] || []), edgeTip);
    });
    data.nodes.forEach(function (n) {
      var around = incident[n.id];
      var a = n.id === data.focus || around.length === 0 || around.some(function (id) { return active[id]; });
      var p = !a && around.some(function (id) { return possible[id]; });
      update(nodeUpdates, "n:", n, nodeLook(n, named(n, day).label, a, p, onNode[n.id] || []), nodeTip);
    });
    state.active = active;
    state.possible = possible;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);

    slider.value = String(toDays(day));
    dateInput.value = day;
    label.textContent = longDate(day);
    summary.textContent = held + " of " + data.edges.length + " relationships held on this date; " +
      (maybes ? maybes + " possibly begun; " : "") + state.flags.length + (state.flags.length === 1 ? " flag" : " flags");
    renderFlags(day);
    root.dataset.date = day;
  }

  function renderFlags(day) {
    flagDate.textContent = longDate(day);
    flagList.textContent = "";
    if (!state.flags.length) { flagList.appendChild(el("li", "none", "Nothing flagged on this date.")); return; }
    var sorted = state.flags.slice().sort(function (a, b) {
      return (data.flag_style[a.kind].severity === "problem" ? 0 : 1) - (data.flag_style[b.kind].severity === "problem" ? 0 : 1);
    });
    sorted.forEach(function (f) {
      var fs = data.flag_style[f.kind];
      var li = el("li", fs.severity);
      li.dataset.kind = f.kind;
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", "flag-kind " + fs.severity, fs.tag));
      b.appendChild(el("span", null, f.message));
      b.addEventListener("click", function () {
        var ids = f.nodes.filter(function (id) { return byNode[id]; });
        var rels = f.edges.filter(function (id) { return edges.get(id); });
        network.setSelection({ nodes: ids, edges: rels }, { unselectAll: true, highlightEdges: false });
        var at = ids.length ? ids[0] : (rels.length ? edges.get(rels[0]).from : null);
        if (at) network.focus(at, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300 } });
        showDetails(ids.length ? { nodes: ids, edges: [] } : { nodes: [], edges: rels });
      });
      li.appendChild(b);
      flagList.appendChild(li);
    });
  }

  function showDetails(sel) {
    details.textContent = "";
    if (sel.nodes && sel.nodes.length) {
      details.appendChild(nodeTip(named(byNode[sel.nodes[0]], state.day).info));
    } else if (sel.edges && sel.edges.length) {
      var e = byEdge[sel.edges[0]];
      if (e) details.appendChild(edgeTip(named(e, state.day).info));
    } else {
      details.appendChild(el("p", "none", "Click a node or a relationship to see its dates and sources here."));
    }
  }

  var pending = null;
  slider.addEventListener("input", function () {
    pending = toIso(parseInt(slider.value, 10));
    window.requestAnimationFrame(function () { if (pending) { var d = pending; pending = null; setDate(d); } });
  });
  dateInput.addEventListener("change", function () { if (dateInput.value) setDate(dateInput.value); });
  hideBox.addEventListener("change", function () { state.hide = hideBox.checked; setDate(state.day); });
  function step(direction) {
    var day = state.day, list = data.changes, target = null;
    if (direction > 0) { for (var i = 0; i < list.length; i++) if (list[i] > day) { target = list[i]; break; } }
    else { for (var j = list.length - 1; j >= 0; j--) if (list[j] < day) { target = list[j]; break; } }
    if (target) setDate(target);
  }
  document.getElementById("date-prev").addEventListener("click", function () { step(-1); });
  document.getElementById("date-next").addEventListener("click", function () { step(1); });

  setDate(data.start);
  network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.on("click", function (p) { showDetails(p); });
  showDetails({});

  // ---------------------------------------------------------------- first drawing
  function ready() {
    network.once("afterDrawing", function () {
      root.dataset.ready = "true";
      root.dataset.nodesDrawn = String(network.body.nodeIndices.length);
    });
    network.redraw();
  }
  var loading = document.getElementById("graph-loading");
  if (data.options.physics && data.options.physics.enabled) {
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "Laying out " + data.nodes.length + " nodes\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      ready();
    });
  } else {
    network.fit({ animation: false });
    ready();
  }

  // The drawing fits the window: on every change of its size, fitted again (nothing clipped).
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { network.redraw(); network.fit({ animation: false }); root.dataset.fitted = String(window.innerWidth); }, 80);
  });


  // Printing lays the page out again: draw the graph to the printed size, and back after.
  function refit() { network.setSize("100%", "100%"); network.redraw(); network.fit({ animation: false }); }
  window.addEventListener("beforeprint", refit);
  window.addEventListener("afterprint", refit);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) printing.addEventListener("change", refit);
  }

  // For tests and for anyone scripting the page from the browser's console.
  window.accountableGraph = {
    network: network, nodes: nodes, edges: edges, data: data, setDate: setDate,
    setHide: function (on) { hideBox.checked = !!on; state.hide = !!on; setDate(state.day); },
    state: function () {
      return {
        day: state.day, hide: state.hide, flags: state.flags,
        activeEdges: Object.keys(state.active).filter(function (k) { return state.active[k]; }),
        possibleEdges: Object.keys(state.possible).filter(function (k) { return state.possible[k]; }),
        nodesDrawn: network.body.nodeIndices.length, edgesDrawn: network.body.edgeIndices.length,
        nodesTotal: nodes.length, edgesTotal: edges.length
      };
    }
  };
})();
