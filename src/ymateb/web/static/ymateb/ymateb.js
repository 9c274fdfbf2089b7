// Ymateb's only page script. Loaded as a module from our own origin, so the
// Content-Security-Policy can forbid inline script.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Session timeout: warn two minutes before the idle limit, let the person stay
// signed in, and count typing as activity so text being written is never lost.
(function sessionTimeout() {
  const body = document.body;
  const seconds = Number(body.dataset.sessionSeconds || 0);
  if (!seconds) return;
  const warnBefore = Math.min(120, Math.floor(seconds / 2));
  const dialog = document.getElementById("session-timeout");
  const stay = document.getElementById("session-timeout-stay");
  let warnTimer = 0;
  let endTimer = 0;
  let lastContact = Date.now();

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(warn, (seconds - warnBefore) * 1000);
    endTimer = window.setTimeout(expire, seconds * 1000);
  }

  function warn() {
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
      dialog.showModal();
      if (stay) stay.focus();
    }
  }

  function expire() {
    window.location.assign(body.dataset.signedOutUrl);
  }

  function keepAlive() {
    lastContact = Date.now();
    return fetch(body.dataset.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.dataset.csrfToken },
    }).then(function (response) {
      if (response.status === 401) {
        expire();
        return;
      }
      schedule();
    });
  }

  if (stay) {
    stay.addEventListener("click", function () {
      keepAlive().finally(function () {
        if (dialog && dialog.open) dialog.close();
      });
    });
  }

  function activity() {
    if (Date.now() - lastContact > 60 * 1000) keepAlive();
  }
  document.addEventListener("input", activity);
  document.addEventListener("keydown", activity);
  schedule();
})();
