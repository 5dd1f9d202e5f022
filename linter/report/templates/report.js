// Filters and navigation, without a server: everything the report needs is in this file.
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var severities = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
  var rule = document.getElementById("filter-rule");
  var project = document.getElementById("filter-project");
  var shown = document.getElementById("shown");

  function apply() {
    var wanted = {};
    severities.forEach(function (box) { wanted[box.value] = box.checked; });
    var count = 0;
    findings.forEach(function (item) {
      var visible = wanted[item.dataset.severity] &&
        (!rule.value || item.dataset.rule === rule.value) &&
        (!project.value || item.dataset.project === project.value);
      item.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = String(count);
  }

  severities.forEach(function (box) { box.addEventListener("change", apply); });
  rule.addEventListener("change", apply);
  project.addEventListener("change", apply);

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

  apply();

  // The index of files sorts by a column when its heading is clicked (again: the other way).
  var index = document.getElementById("index");
  if (index) {
    Array.prototype.slice.call(index.querySelectorAll("th[data-sort]")).forEach(function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.dataset.sort === "number";
        var body = index.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          var order = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y, "zh");
          return up ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.slice.call(index.querySelectorAll("th[data-sort]")).forEach(function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });
  }
})();
