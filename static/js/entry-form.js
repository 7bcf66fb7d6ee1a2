// The entry form's helpers; the form works without them.
// - Progress: the counts of tasks with a status follow what is chosen.
// - Contents: a link (or an error's link) into a closed block opens it.
// - "As in <year>": takes last year's status and text into the fields, without a round trip.
// - Autosave: what is typed is kept on the server a few seconds after the last change and
//   when the tab is hidden (monitoring.models.FormDraft); it is not a save of the report.
// - Leaving with changes not saved in the report asks first.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var dirty = false;
  var pending = false;
  var timer = null;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function answered(scope) {
    var n = 0;
    scope.querySelectorAll("select[name$='-status']").forEach(function (select) {
      if (select.value) {
        n += 1;
      }
    });
    return n;
  }

  function showProgress() {
    form.querySelectorAll("details[data-block]").forEach(function (block) {
      var n = String(answered(block));
      document.querySelectorAll("[data-answered='" + block.dataset.block + "']").forEach(function (el) {
        el.textContent = n;
      });
    });
    var all = answered(form);
    document.querySelectorAll("[data-answered='all']").forEach(function (el) {
      el.textContent = String(all);
    });
    var bar = document.querySelector("progress[data-progress='all']");
    if (bar) {
      bar.value = all;
    }
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    var block = target.closest("details");
    if (block && !block.open) {
      block.open = true;
      target.scrollIntoView();
    }
  }

  function autosave() {
    timer = null;
    if (!pending) {
      return;
    }
    pending = false;
    var body = new FormData(form);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          say(answer.message || form.dataset.autosaveFailed);
        });
      })
      .catch(function () {
        pending = true;
        say(form.dataset.autosaveFailed);
      });
  }

  function changed() {
    dirty = true;
    pending = true;
    if (timer) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(autosave, 3000);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    changed();
    if (event.target.matches("select[name$='-status']")) {
      showProgress();
    }
  });

  form.querySelectorAll("button[data-repeat]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var prefix = "id_n" + button.dataset.repeat + "-";
      var select = document.getElementById(prefix + "status");
      var text = document.getElementById(prefix + "narrative");
      if (select) {
        select.value = button.dataset.status;
      }
      if (text) {
        text.value = button.dataset.narrative;
      }
      showProgress();
      changed();
      say(form.dataset.repeated);
      if (text) {
        text.focus();
      }
    });
  });

  form.addEventListener("submit", function () {
    dirty = false;
    if (timer) {
      window.clearTimeout(timer);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && pending && navigator.sendBeacon) {
      pending = false;
      navigator.sendBeacon(form.dataset.autosave, new FormData(form));
    }
  });

  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
