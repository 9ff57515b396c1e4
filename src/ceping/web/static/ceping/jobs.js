/* Live progress of the organizer's background jobs (templates/ceping/_jobs.html).
   Polls the page's JSON while a job shown on it waits or runs; text is set with textContent,
   never as HTML. When a job ends the page reloads, so what it changed (files, counts) shows. */
(function () {
  "use strict";
  var POLL_MS = 1500;
  var box = document.getElementById("jobs");
  if (!box) return;

  function shown(id) { return box.querySelector('[data-job="' + id + '"]'); }

  function update(row, job) {
    var field = function (name) { return row.querySelector('[data-field="' + name + '"]'); };
    var state = field("state_label"), bar = field("progress"), count = field("count"), message = field("message");
    if (state) state.textContent = job.state_label;
    if (bar) {
      bar.max = job.total || 1;
      bar.value = job.done;
    }
    if (count) count.textContent = job.total ? job.done + "/" + job.total : "";
    if (message) message.textContent = job.message;
  }

  function poll() {
    if (!box.querySelector("[data-active]")) return;
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        var ended = false;
        (data ? data.jobs : []).forEach(function (job) {
          var row = shown(job.id);
          if (!row) return;
          update(row, job);
          if (row.dataset.active && !job.active) ended = true;
        });
        if (ended) window.location.reload();
        else window.setTimeout(poll, POLL_MS);
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 2); /* the next poll tries again */ });
  }
  window.setTimeout(poll, POLL_MS);
})();
