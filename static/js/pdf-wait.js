// The PDF waiting page: asks every few seconds whether the PDF is ready and, when it is,
// says so in the status region (read out by screen readers) with the link to open it.
// Without JavaScript the "Check again" link does the same by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-pdf-state]");
  if (!box) return;
  var timer = window.setInterval(check, 3000);

  function check() {
    fetch(box.getAttribute("data-pdf-state"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state) return;
        if (state.failed) {
          window.clearInterval(timer);
          window.location.reload(); // the page then explains and offers to try again
        } else if (state.ready) {
          window.clearInterval(timer);
          // Every sentence that says "being prepared" goes: the heading, the tab's title too.
          document.querySelectorAll("[data-waiting]").forEach(function (node) {
            node.hidden = true;
          });
          box.querySelector("[data-ready]").hidden = false;
          var title = document.querySelector("[data-ready-title]");
          if (title) {
            var waiting = title.textContent;
            var ready = title.getAttribute("data-ready-title");
            title.textContent = ready;
            document.title = document.title.replace(waiting, ready);
          }
          var check = document.querySelector("[data-check]");
          if (check) check.hidden = true;
        }
      })
      .catch(function () {
        // A dropped connection: the next tick asks again.
      });
  }
})();
