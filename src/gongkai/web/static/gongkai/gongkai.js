/* Page behaviour without inline JavaScript (the Content-Security-Policy allows scripts from our
 * static files only):
 * - <select data-autosubmit> submits its form when the choice changes;
 * - <form data-confirm="question"> asks before it is submitted. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
