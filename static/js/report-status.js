// Live progress for a board report's status page. The page works without this script (the
// reader reloads it); with it, the page asks the server for the report's status every 2 seconds
// and says what changed in a polite live region, until the report is ready (then it shows the
// download link) or has failed. No inline script: this file is served as a static file.
(function () {
  "use strict";
  var region = document.querySelector("[data-report-status-url]");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-report-status-url");
  var message = region.querySelector("[data-report-status-message]");
  var statusCell = document.querySelector("[data-report-status-label]");
  var reload = region.querySelector("[data-report-reload]");
  var last = region.getAttribute("data-report-status");
  var INTERVAL = 2000, MAX_FAILURES = 5, failures = 0;

  if (reload) { reload.hidden = true; }  // the script does the reloading now

  function say(text) {
    if (message && message.textContent !== text) { message.textContent = text; }
  }

  function showDownload(status) {
    var link = document.createElement("a");
    link.className = "govuk-button";
    link.href = status.download_url;
    link.setAttribute("download", "");
    link.textContent = "Download the PDF";
    region.appendChild(link);
  }

  function update(status) {
    if (statusCell) { statusCell.textContent = status.status_label; }
    if (status.status === last) { return; }
    last = status.status;
    if (status.status === "generating") {
      say("Being generated now. This page will show the download link when the report is ready.");
    } else if (status.status === "queued") {
      say("Waiting to start." + (status.error ? " " + status.error : ""));
    } else if (status.status === "ready") {
      say("The report is ready.");
      showDownload(status);
    } else if (status.status === "failed") {
      say("The report could not be generated: " + (status.error || "no reason was recorded") +
          ". Reload the page for what to do next.");
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        update(status);
        if (status.status !== "ready" && status.status !== "failed") { window.setTimeout(poll, INTERVAL); }
      })
      .catch(function () {
        failures += 1;
        if (failures < MAX_FAILURES) {
          window.setTimeout(poll, INTERVAL * failures);
        } else {
          say("Progress could not be checked. Reload the page to see if the report is ready.");
          if (reload) { reload.hidden = false; }
        }
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
