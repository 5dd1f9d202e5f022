// Filters and navigation, without a server: everything the report needs is in this file.
(function () {
  "use strict";
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  var findings = all(".finding");
  var sections = all("section.file");
  var severities = all("input[name=severity]");
  var chips = all("button[data-only]");
  var rule = document.getElementById("filter-rule");
  var project = document.getElementById("filter-project");
  var shown = document.getElementById("shown");
  var verdict = document.getElementById("verdict");
  var search = document.getElementById("search");
  var blockingOnly = document.getElementById("blocking-only");
  var unfolded = {};  // causes whose findings are all shown (a cause's button pressed)
  // Handlers here, not in attributes: the page runs under a policy that allows only this script.
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("print").addEventListener("click", function () { window.print(); });

  function filtering() {
    return rule.value !== "" || project.value !== "" || search.value.trim() !== "" ||
      severities.some(function (box) { return !box.checked; });
  }

  // What a search matches in a finding: its message, place, rule and project.
  function matches(item, words) {
    if (!words.length) { return true; }
    var text = (item.querySelector(".message").textContent + " " + item.querySelector(".head").textContent).toLowerCase();
    return words.every(function (word) { return text.indexOf(word) >= 0; });
  }

  // Findings of one cause (data-cause) in a file: the first shown leads, with a button that shows
  // the others, folded until then.
  function fold(section) {
    var seen = {};
    all(".finding", section).forEach(function (item) {
      if (item.hidden) { return; }
      var cause = item.dataset.cause;
      (seen[cause] = seen[cause] || []).push(item);
    });
    all(".finding", section).forEach(function (item) {
      item.classList.remove("repeat");
      item.querySelector("button.more").hidden = true;
    });
    Object.keys(seen).forEach(function (cause) {
      var items = seen[cause];
      if (items.length < 2) { return; }
      var open = unfolded[section.id + cause] === true;
      items.slice(1).forEach(function (item) { if (!open) { item.classList.add("repeat"); } });
      var button = items[0].querySelector("button.more");
      button.hidden = false;
      button.textContent = open ? button.dataset.fewer : button.dataset.more.replace("{n}", String(items.length - 1));
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.dataset.key = section.id + cause;
    });
  }

  // The verdict of what is shown, by the run's --fail-on: a filter that hides the errors says so.
  function judge(counts) {
    // A file that is no disclosure, or that bplint could not read at all, stays so whatever is shown.
    if (verdict.dataset.state === "not_disclosure" || verdict.dataset.state === "unchecked") return;
    var words = JSON.parse(verdict.dataset.verdicts);
    var unreadable = Number(verdict.dataset.unreadable) || 0;
    // The severities that fail the run (--fail-on), as the report was made with it.
    var blocking = verdict.dataset.blocking.split(" ").filter(Boolean).reduce(function (n, s) { return n + counts[s]; }, 0);
    var state = unreadable ? "unreadable" : blocking ? verdict.dataset.failOn : counts.warning ? "review" : "clean";
    var n = unreadable || blocking || counts.warning;
    verdict.textContent = words[state].replace("{n}", String(n));
    verdict.className = "verdict " + ({ unreadable: "bad", review: "warn", clean: "good" }[state] || "bad");
  }

  function apply() {
    var wanted = {};
    severities.forEach(function (box) { wanted[box.value] = box.checked; });
    var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var totals = { error: 0, warning: 0, info: 0 };
    sections.forEach(function (section, index) {
      var counts = { error: 0, warning: 0, info: 0 };
      all(".finding", section).forEach(function (item) {
        var visible = wanted[item.dataset.severity] &&
          (!rule.value || item.dataset.rule === rule.value) &&
          (!project.value || item.dataset.project === project.value) && matches(item, words);
        item.hidden = !visible;
        if (visible) { counts[item.dataset.severity] += 1; }
      });
      fold(section);
      all("[data-file-count]", section).forEach(function (b) { b.textContent = String(counts[b.dataset.fileCount]); });
      // The index's counts are what the filters leave of each file.
      all('#index tr[data-file="' + index + '"] [data-index-count]').forEach(function (cell) {
        cell.textContent = String(counts[cell.dataset.indexCount]);
      });
      var any = counts.error + counts.warning + counts.info;
      section.hidden = filtering() && any === 0;  // a file with nothing left to show is left out
      Object.keys(totals).forEach(function (s) { totals[s] += counts[s]; });
    });
    all("[data-count]").forEach(function (b) { b.textContent = String(totals[b.dataset.count]); });
    shown.textContent = String(totals.error + totals.warning + totals.info);
    chips.forEach(function (chip) {
      var only = severities.every(function (box) { return box.checked === (box.value === chip.dataset.only); });
      chip.setAttribute("aria-pressed", only ? "true" : "false");
    });
    blockingOnly.setAttribute("aria-pressed", onlyBlocking() ? "true" : "false");
    judge(totals);
  }

  // The severities that fail the run (--fail-on): what "only what to fix" shows.
  function blocking() { return verdict.dataset.blocking.split(" ").filter(Boolean); }
  function onlyBlocking() {
    var wanted = blocking();
    return wanted.length > 0 && severities.every(function (box) { return box.checked === (wanted.indexOf(box.value) >= 0); });
  }

  severities.forEach(function (box) { box.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  blockingOnly.addEventListener("click", function () {
    var pressed = onlyBlocking(), wanted = blocking();
    severities.forEach(function (box) { box.checked = pressed || wanted.indexOf(box.value) >= 0; });
    apply();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.more") : null;
    if (!button) { return; }
    unfolded[button.dataset.key] = !unfolded[button.dataset.key];
    apply();
  });
  rule.addEventListener("change", apply);
  project.addEventListener("change", apply);
  // A severity chip shows only that severity; pressed again, all of them.
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var pressed = chip.getAttribute("aria-pressed") === "true";
      severities.forEach(function (box) { box.checked = pressed || box.value === chip.dataset.only; });
      apply();
    });
  });
  // A row of a file's by-rule or by-project table filters by it.
  all("tr[data-filter-rule], tr[data-filter-project]").forEach(function (row) {
    function pick(event) {
      if (event.target.closest && event.target.closest("a")) { return; }
      if (row.dataset.filterRule) { rule.value = row.dataset.filterRule; }
      if (row.dataset.filterProject) { project.value = row.dataset.filterProject; }
      apply();
      document.getElementById("filters").scrollIntoView({ block: "start" });
    }
    row.addEventListener("click", pick);
    row.addEventListener("keydown", function (event) { if (event.key === "Enter") { pick(event); } });
  });
  document.getElementById("reset").addEventListener("click", function () {
    severities.forEach(function (box) { box.checked = true; });
    rule.value = "";
    project.value = "";
    search.value = "";
    apply();
  });

  // A finding's line link opens the document there and shows the line.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.where") : null;
    if (!link) { return; }
    var line = document.getElementById(link.dataset.target);
    if (!line) { return; }
    event.preventDefault();
    var details = line.closest("details");
    if (details) { details.open = true; }
    line.scrollIntoView({ block: "center" });
    line.classList.add("flash");
    window.setTimeout(function () { line.classList.remove("flash"); }, 1600);
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + link.dataset.target); }
  });

  // The time the report was made, in the reader's own time zone.
  var generated = document.getElementById("generated");
  if (generated) {
    var when = new Date(generated.getAttribute("datetime"));
    if (!isNaN(when)) { generated.textContent = when.toLocaleString(document.documentElement.lang); }
  }

  apply();

  // The index of files sorts by a column when its heading is clicked (again: the other way).
  var index = document.getElementById("index");
  if (index) {
    all("th[data-sort]", index).forEach(function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.dataset.sort === "number";
        var body = index.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
          return up ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        all("th[data-sort]", index).forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });
  }
})();
