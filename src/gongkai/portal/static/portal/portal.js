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

/* The proof-of-work challenge of the public forms (see gongkai.portal.challenge): find the
 * number whose SHA-256 with the salt equals the challenge, put the solution in the form's
 * "altcha" field; a submit before it is found waits for it. */
(function () {
  "use strict";

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  async function solve(form) {
    var challenge = form.getAttribute("data-altcha-challenge"), salt = form.getAttribute("data-altcha-salt");
    var max = parseInt(form.getAttribute("data-altcha-max"), 10), encoder = new TextEncoder();
    for (var n = 0; n <= max; n++) {
      var digest = await window.crypto.subtle.digest("SHA-256", encoder.encode(salt + n));
      if (hex(digest) === challenge) {
        return btoa(JSON.stringify({algorithm: "SHA-256", challenge: challenge, number: n, salt: salt,
          signature: form.getAttribute("data-altcha-signature")}));
      }
    }
    return "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-altcha-form]").forEach(function (form) {
      var status = form.querySelector("[data-altcha-status]"), field = form.querySelector("input[name=altcha]");
      if (!(window.crypto && window.crypto.subtle)) {
        if (status) { status.textContent = "当前浏览器无法完成防刷验证，请使用HTTPS访问或更换浏览器。"; }
        return;
      }
      var done = solve(form).then(function (value) {
        field.value = value;
        if (status) { status.textContent = value ? "防刷验证已完成，可以提交。" : "防刷验证失败，请刷新页面。"; }
        form.setAttribute("data-altcha-solved", value ? "true" : "false");
        return value;
      });
      form.addEventListener("submit", function (event) {
        if (field.value) { return; }
        event.preventDefault();
        if (status) { status.textContent = "正在完成防刷验证，请稍候……"; }
        done.then(function (value) { if (value) { form.submit(); } });
      });
    });
  });
})();

