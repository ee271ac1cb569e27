/* The portal's reading aids without inline JavaScript (the Content-Security-Policy allows our
 * static files only): buttons with data-view-mode toggle a class on <html> ("view-large",
 * "view-contrast"), kept in localStorage and in a cookie the server reads, so the next page is
 * served in the same mode. */
(function () {
  "use strict";
  var COOKIE = "xxgk_view", MODES = ["large", "contrast"];

  function current() {
    return MODES.filter(function (m) { return document.documentElement.classList.contains("view-" + m); });
  }

  function save(modes) {
    var value = modes.join(" ");
    try { window.localStorage.setItem(COOKIE, value); } catch (e) { /* storage may be disabled */ }
    document.cookie = COOKIE + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; samesite=lax";
  }

  function apply(modes) {
    MODES.forEach(function (m) {
      var on = modes.indexOf(m) >= 0;
      document.documentElement.classList.toggle("view-" + m, on);
      document.querySelectorAll('[data-view-mode="' + m + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var stored = null;
    try { stored = window.localStorage.getItem(COOKIE); } catch (e) { stored = null; }
    if (stored !== null && document.cookie.indexOf(COOKIE + "=") < 0) {
      var modes = stored.split(" ").filter(function (m) { return MODES.indexOf(m) >= 0; });
      apply(modes);
      save(modes);
    }
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-view-mode]");
      if (!button) { return; }
      var mode = button.getAttribute("data-view-mode"), modes = current();
      modes = modes.indexOf(mode) >= 0 ? modes.filter(function (m) { return m !== mode; }) : modes.concat([mode]);
      apply(modes);
      save(modes);
    });
  });
})();
