// The provider's link page: a button that copies the link (shown only where the browser can
// copy; without it the link is selected by hand from its read-only field).
(function () {
  "use strict";
  var script = document.currentScript;
  var button = document.querySelector("[data-copy-button]");
  if (!button || !navigator.clipboard) return;
  var field = document.getElementById(button.getAttribute("data-copy-button"));
  var status = document.querySelector("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = script.getAttribute("data-copied");
    });
  });
  field.addEventListener("focus", function () {
    field.select();
  });
})();
