/* Installs the service worker named by this script's data-worker attribute, once the page has loaded. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) {
    return;
  }
  var worker = script.getAttribute("data-worker");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {
      /* Without it the site works as before: pages simply have no offline fallback. */
    });
  });
})();
