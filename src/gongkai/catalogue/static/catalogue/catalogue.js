/* Catalogue form helpers (progressive: without JavaScript the plain fields still work).
 * - textarea.rich becomes a small rich-text editor (bold, italic, headings, lists, link) whose HTML is
 *   copied back into the textarea; the server sanitises it anyway. "HTML" shows the source.
 * - fields that only apply to one choice (不予公开理由, 政策解读) are shown only when they apply. */
(function () {
  "use strict";
  var COMMANDS = [
    ["bold", "加粗", null], ["italic", "斜体", null], ["formatBlock", "标题", "h3"],
    ["formatBlock", "段落", "p"], ["insertUnorderedList", "列表", null], ["insertOrderedList", "编号", null],
    ["createLink", "链接", "link"], ["removeFormat", "清除格式", null]
  ];

  function editor(area) {
    var box = document.createElement("div");
    box.className = "rte";
    var bar = document.createElement("div");
    bar.className = "rte-bar";
    bar.setAttribute("role", "toolbar");
    var edit = document.createElement("div");
    edit.className = "rte-edit cat-body";
    edit.contentEditable = "true";
    edit.setAttribute("role", "textbox");
    edit.setAttribute("aria-multiline", "true");
    edit.setAttribute("aria-label", area.labels && area.labels[0] ? area.labels[0].textContent : "正文");
    edit.innerHTML = area.value;
    var sync = function () { area.value = edit.innerHTML; };
    COMMANDS.forEach(function (c) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button small secondary";
      b.textContent = c[1];
      b.addEventListener("click", function () {
        edit.focus();
        var arg = c[2];
        if (arg === "link") {
          arg = window.prompt("链接地址（http:// 或 https://）", "https://");
          if (!arg) { return; }
        }
        document.execCommand(c[0], false, arg);
        sync();
      });
      bar.appendChild(b);
    });
    var source = document.createElement("button");
    source.type = "button";
    source.className = "button small secondary";
    source.textContent = "HTML";
    source.addEventListener("click", function () {
      var showing = !area.hidden;
      if (showing) { edit.innerHTML = area.value; }
      area.hidden = showing;
      edit.hidden = !showing;
    });
    bar.appendChild(source);
    edit.addEventListener("input", sync);
    area.addEventListener("input", function () { edit.innerHTML = area.value; });
    area.hidden = true;
    area.parentNode.insertBefore(box, area);
    box.appendChild(bar);
    box.appendChild(edit);
    box.appendChild(area);
    if (area.form) { area.form.addEventListener("submit", function () { if (area.hidden) { sync(); } }); }
  }

  function showWhen(select, target, test) {
    if (!select || !target) { return; }
    var update = function () { target.hidden = !test(select.value); };
    select.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea.rich"), editor);
    showWhen(document.getElementById("id_attribute"), document.getElementById("field-withheld_reason"),
      function (v) { return v === "withheld"; });
    showWhen(document.getElementById("id_genre"), document.getElementById("interpretation"),
      function (v) { return v === "interpretation"; });
  });
}());
