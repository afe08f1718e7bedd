{% raw %}
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var goals = Array.prototype.slice.call(document.querySelectorAll("li.goal"));
  var byKey = {}, text = [], tokens = [], state = [];
  goals.forEach(function (li, i) {
    byKey[li.id] = li;
    text[i] = li.querySelector("summary").textContent.toLowerCase() + " " + li.dataset.o.toLowerCase();
    tokens[i] = li.dataset.f ? li.dataset.f.split(" ") : [];
    state[i] = "shown";
  });
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.branch"));
  var owner = $("f-owner"), letter = $("f-letter"), sev = $("f-sev"), query = $("f-q");

  function matches(li, i, o, l, s, q) {
    if (o && li.dataset.o !== o) return false;
    if (q && text[i].indexOf(q) < 0) return false;
    if (s === "clean") return li.hasAttribute("data-clean") && tokens[i].every(function (t) { return t[0] !== l; });
    if (!l && !s) return true;
    return tokens[i].some(function (t) { return (!l || t[0] === l) && (!s || t.slice(2) === s); });
  }

  function apply() {                      // DOM written only where a goal's state changes
    var o = owner.value, l = letter.value, s = sev.value, q = query.value.trim().toLowerCase();
    var hit = goals.map(function (li, i) { return matches(li, i, o, l, s, q); });
    var context = {}, shown = 0;
    goals.forEach(function (li, i) {
      if (!hit[i]) return;
      shown += 1;
      for (var p = li.dataset.p; p && !context[p]; p = byKey[p] ? byKey[p].dataset.p : "") context[p] = true;
    });
    goals.forEach(function (li, i) {
      var next = hit[i] ? "shown" : context[li.id] === true ? "ctx" : "hidden";
      if (next === state[i]) return;
      li.hidden = next === "hidden";
      li.classList.toggle("ctx", next === "ctx");
      state[i] = next;
    });
    var filtered = o || l || s || q;        // unfiltered, an objective no goal serves stays in view
    sections.forEach(function (sec) { sec.hidden = filtered && !sec.querySelector("li.goal:not([hidden])"); });
    $("shown").textContent = shown + " of " + goals.length + " goals shown.";
  }

  owner.form.addEventListener("submit", function (e) { e.preventDefault(); });   // Enter in the search box
  [owner, letter, sev].forEach(function (el) { el.addEventListener("change", apply); });
  query.addEventListener("input", apply);
  $("f-reset").addEventListener("click", function () {
    owner.value = letter.value = sev.value = query.value = "";
    apply();
  });
  $("f-open").addEventListener("click", function () {
    var open = this.textContent === "Open all";
    goals.forEach(function (li) { if (!li.hidden) li.firstElementChild.open = open; });
    this.textContent = open ? "Close all" : "Open all";
  });

  function sortTable(button) {
    var th = button.parentNode, table = th.closest("table"), col = +button.dataset.col;
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var text = button.dataset.kind === "text";
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      var c = text ? x.localeCompare(y) : (+x) - (+y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.score thead button").forEach(function (b) {
    b.addEventListener("click", function () { sortTable(b); });
  });

  function openRule(hash) {
    var el = hash && hash.indexOf("#rule-") === 0 ? document.getElementById(hash.slice(1)) : null;
    if (el) el.open = true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#rule-']");
    if (a) openRule(a.getAttribute("href"));
  });
  openRule(location.hash);

  var STATES = {p: "pass", i: "info only", w: "warning", e: "error"};
  var NAMES = {S: "Specific", M: "Measurable", A: "Attainable", R: "Relevant", T: "Time-bound", F: "File", P: "Plan"};
  function chipName(c) { return NAMES[c.textContent[0]] + ": " + STATES[c.className]; }
  function nameChip(e) {                  // chips are named when pointed at: 50,000 titles would weigh
    var c = e.target;                     // a megabyte in a large report
    if (c.parentNode && c.parentNode.className === "chips" && !c.title) c.title = chipName(c);
  }
  document.addEventListener("mouseover", nameChip);
  document.querySelectorAll(".chips").forEach(function (chips) {    // and read out whole by screen readers
    chips.setAttribute("role", "img");
    chips.setAttribute("aria-label", Array.prototype.map.call(chips.children, chipName).join(", "));
  });

  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    wasOpen.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { wasOpen.forEach(function (d) { d.open = false; }); });
  document.documentElement.classList.add("js");
})();
{% endraw %}
