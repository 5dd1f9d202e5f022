// The page's only script: the files chosen or dropped are sent with the form, their progress shown
// as the server reports it (one line of JSON an event), then the report is opened.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var input = document.getElementById("files");
  var zone = document.getElementById("zone");
  var chosen = document.getElementById("chosen");
  var status = document.getElementById("status");
  var message = document.getElementById("message");
  var button = document.getElementById("check");
  var words = JSON.parse(form.dataset.words);
  var states = [];
  var ended = false;  // the last event (the report, or why there is none) heard

  function list(names) {
    chosen.textContent = "";
    states = names.map(function (name) {
      var item = document.createElement("li");
      var label = document.createElement("span");
      var state = document.createElement("span");
      label.textContent = name;
      state.className = "state";
      item.appendChild(label);
      item.appendChild(state);
      chosen.appendChild(item);
      return state;
    });
  }
  function names() { return Array.prototype.map.call(input.files, function (f) { return f.name; }); }
  function said(index, text, kind) {
    if (!states[index]) return;
    states[index].textContent = text;
    states[index].className = "state " + (kind || "");
  }
  function refused(text) {
    message.textContent = text;
    message.hidden = false;
    status.textContent = "";
    button.disabled = false;
  }
  function heard(event) {
    if (event.event === "received") {
      list(event.files);
      event.files.forEach(function (_, i) { said(i, words.waiting); });
      status.textContent = "";
    } else if (event.event === "started") {
      said(event.index, words.checking);
    } else if (event.event === "done") {
      said(event.index, words.done + "：" + event.said, event.readable ? "done" : "failed");
    } else if (event.event === "report") {
      ended = true;
      window.location.assign(event.href);
    } else if (event.event === "failed") {
      ended = true;
      refused(event.message);
    }
  }

  input.addEventListener("change", function () { list(names()); message.hidden = true; });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    input.files = event.dataTransfer.files;
    list(names());
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!input.files.length) { refused(words.none); return; }
    message.hidden = true;
    button.disabled = true;
    ended = false;
    list(names());
    var request = new XMLHttpRequest();
    var read = 0;
    function lines(final) {
      var text = request.responseText;
      var end = final ? text.length : text.lastIndexOf("\n") + 1;
      text.slice(read, end).split("\n").forEach(function (line) { if (line.trim()) heard(JSON.parse(line)); });
      read = end;
    }
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/x-ndjson");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) status.textContent = words.sending + " " + Math.round(100 * e.loaded / e.total) + "%";
    });
    request.addEventListener("progress", function () { if (request.status < 400) lines(false); });
    request.addEventListener("load", function () {
      if (request.status >= 400) {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = {}; }
        refused(answer.error || request.statusText);
      } else {
        lines(true);
        if (!ended) refused(words.lost);  // the server stopped before the report was made
      }
    });
    request.addEventListener("error", function () { refused(words.lost); });
    request.send(new FormData(form));
  });
}());
