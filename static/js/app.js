/* Talent Pool — small behaviours for the dashboard. No inline scripts or handlers anywhere, so a strict
 * Content-Security-Policy works. Everything is progressive: without JavaScript the forms still submit.
 *
 *   data-autosubmit            on a <select>: submit its form when the value changes
 *   data-confirm="text"        on a <form>: ask before submitting
 *   data-copy="#selector"      on a <button>: copy the target's text; data-copied-label shows after copying
 *   data-dismiss               on a button inside .flash: remove the message
 *   #tier-chart + #tier-data   the overview's doughnut (Chart.js), drawn from a json_script block
 *   [data-bulk]                the pool's bulk actions: counts the rows ticked with [data-select-row] (and
 *                              [data-select-all]), enables [data-needs-selection] buttons, keeps ``next`` current
 *   .picker__input             a tag picker's search box: Enter never submits the surrounding form
 *   [data-upload]              the resume uploader: one request per file with progress, then polls parsing
 *   [data-board] [data-move-url]  a pipeline card dragged onto a [data-drop-stage] column posts its move
 *   .tabs                      a tab bar wider than the screen shows its current tab (scrolled into view)
 */
(function () {
  "use strict";

  function submitForm(form) {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) {
      submitForm(select.form);
    }
  });

  document.addEventListener(
    "submit",
    function (event) {
      var message = event.target.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand("copy") ? resolve() : reject(new Error("copy failed"));
      } catch (error) {
        reject(error);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  document.addEventListener("click", function (event) {
    var copyButton = event.target.closest("[data-copy]");
    if (copyButton) {
      var source = document.querySelector(copyButton.getAttribute("data-copy"));
      if (!source) return;
      var label = copyButton.querySelector("[data-copy-label]");
      var original = label ? label.textContent : "";
      copyText(source.textContent.trim()).then(function () {
        if (label) {
          label.textContent = copyButton.getAttribute("data-copied-label") || original;
          window.setTimeout(function () {
            label.textContent = original;
          }, 2000);
        }
      });
      return;
    }

    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      var flash = dismiss.closest(".flash");
      if (flash) flash.remove();
      return;
    }

    // Close open menus when clicking elsewhere.
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    });
  });

  // An htmx request that fails (server error, network down) says so instead of silently doing nothing.
  function showRequestError() {
    var message = document.body.getAttribute("data-request-error");
    var main = document.getElementById("main");
    if (!message || !main) return;
    var flashes = main.querySelector(".flashes");
    if (!flashes) {
      flashes = document.createElement("div");
      flashes.className = "flashes";
      main.insertBefore(flashes, main.firstChild);
    }
    if (flashes.querySelector(".flash[data-request-error]")) return;
    var flash = document.createElement("div");
    flash.className = "flash flash--error";
    flash.setAttribute("role", "alert");
    flash.setAttribute("data-request-error", "");
    var text = document.createElement("p");
    text.className = "flash__text";
    text.textContent = message;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "flash__close";
    close.setAttribute("data-dismiss", "");
    close.setAttribute("aria-label", document.body.getAttribute("data-dismiss-label") || "");
    close.textContent = "×";
    flash.appendChild(text);
    flash.appendChild(close);
    flashes.appendChild(flash);
  }

  document.addEventListener("htmx:responseError", showRequestError);
  document.addEventListener("htmx:sendError", showRequestError);
  document.addEventListener("htmx:afterSwap", function () {
    var stale = document.querySelector(".flash[data-request-error]");
    if (stale) stale.remove();
  });


  // ---------------------------------------------------------------------------------------------- bulk
  function updateBulk() {
    var form = document.querySelector("[data-bulk]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-select-row]"));
    var checked = rows.filter(function (row) { return row.checked; }).length;
    var count = form.querySelector("[data-bulk-count]");
    if (count) {
      count.textContent = checked
        ? (count.getAttribute("data-some") || "{count}").replace("{count}", String(checked))
        : count.getAttribute("data-none") || "";
    }
    form.classList.toggle("has-selection", checked > 0);
    form.querySelectorAll("[data-needs-selection]").forEach(function (button) {
      button.disabled = checked === 0;
    });
    var all = document.querySelector("[data-select-all]");
    if (all) {
      all.checked = checked > 0 && checked === rows.length;
      all.indeterminate = checked > 0 && checked < rows.length;
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-select-all]")) {
      document.querySelectorAll("[data-select-row]").forEach(function (row) {
        row.checked = target.checked;
      });
      updateBulk();
    } else if (target.matches("[data-select-row]")) {
      updateBulk();
    }
  });

  document.addEventListener("submit", function (event) {
    var next = event.target.querySelector("[data-current-url]");
    if (next) next.value = window.location.pathname + window.location.search;
  });

  // A tag picker's box searches as you type; Enter must not submit the form around it (it would act on
  // whatever suggestion happens to be first). Escape clears the suggestions.
  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest(".picker__input");
    if (!input) return;
    if (event.key === "Enter") {
      event.preventDefault();
    } else if (event.key === "Escape" && input.value) {
      input.value = "";
      var results = document.getElementById(input.getAttribute("aria-controls"));
      if (results) results.textContent = "";
      event.stopPropagation();
    }
  });

  document.addEventListener("htmx:afterSettle", updateBulk);

  // ---------------------------------------------------------------------------------------------- tabs
  // A tab bar wider than the screen scrolls sideways; the page's own tab is scrolled into view (at 375 px the
  // fourth tab of a role would otherwise sit off the right edge).
  function revealCurrentTabs() {
    document.querySelectorAll(".tabs").forEach(function (bar) {
      var current = bar.querySelector("[aria-current='page']");
      if (!current || bar.scrollWidth <= bar.clientWidth) return;
      var item = current.closest("li") || current;
      var left = item.offsetLeft - bar.offsetLeft;
      if (left < bar.scrollLeft || left + item.offsetWidth > bar.scrollLeft + bar.clientWidth) {
        bar.scrollLeft = Math.max(0, left - (bar.clientWidth - item.offsetWidth) / 2);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", revealCurrentTabs);
  } else {
    revealCurrentTabs();
  }

  // --------------------------------------------------------------------------------------------- board
  // Drag a pipeline card onto a column: the same POST as its stage select (the keyboard way), so a move that
  // needs confirmation is asked back by the server the same way.
  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-board] [data-move-url]");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    document.querySelectorAll(".is-drop-target").forEach(function (node) {
      node.classList.remove("is-drop-target");
    });
  });

  document.addEventListener("dragover", function (event) {
    var column = dragged && event.target.closest && event.target.closest("[data-drop-stage]");
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".is-drop-target").forEach(function (node) {
      if (node !== column) node.classList.remove("is-drop-target");
    });
    column.classList.add("is-drop-target");
  });

  document.addEventListener("drop", function (event) {
    var column = dragged && event.target.closest && event.target.closest("[data-drop-stage]");
    if (!column) return;
    event.preventDefault();
    var stage = column.getAttribute("data-drop-stage");
    if (stage !== dragged.getAttribute("data-stage") && window.htmx) {
      window.htmx.ajax("POST", dragged.getAttribute("data-move-url"), {
        source: dragged, // inherits the page's CSRF header (hx-headers on <body>)
        target: "#pipeline",
        swap: "outerHTML",
        values: { to_stage: stage, view: "board" },
      });
    }
  });

  // -------------------------------------------------------------------------------------------- upload
  var POLL_INTERVAL_MS = 2000;
  var POLL_ATTEMPTS = 150; // five minutes
  var PARALLEL_UPLOADS = 3;

  function formatSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(0) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  // The most precise message of an API error body: the first field error, else the general message.
  function firstMessage(error) {
    if (!error) return "";
    var stack = [error.fields];
    while (stack.length) {
      var value = stack.shift();
      if (typeof value === "string") return value;
      if (value && typeof value === "object") {
        Object.keys(value).forEach(function (key) { stack.push(value[key]); });
      }
    }
    return error.message || "";
  }

  function Uploader(root) {
    this.root = root;
    this.list = root.querySelector("[data-upload-list]");
    this.template = root.querySelector("[data-upload-template]");
    this.queue = [];
    this.active = 0;
    var self = this;
    var input = root.querySelector("[data-upload-input]");
    var zone = root.querySelector("[data-dropzone]");
    input.addEventListener("change", function () {
      self.add(input.files);
      input.value = "";
    });
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
      zone.classList.add("is-dragover");
    });
    zone.addEventListener("dragleave", function (event) {
      if (!zone.contains(event.relatedTarget)) zone.classList.remove("is-dragover");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("is-dragover");
      if (event.dataTransfer) self.add(event.dataTransfer.files);
    });
    // A file dropped next to the zone must not make the browser leave the page to show it.
    ["dragover", "drop"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (!zone.contains(event.target)) event.preventDefault();
      });
    });
  }

  Uploader.prototype.message = function (name) {
    return this.root.getAttribute("data-msg-" + name) || "";
  };

  Uploader.prototype.item = function (name, size, parent) {
    var node = this.template.content.firstElementChild.cloneNode(true);
    node.querySelector("[data-name]").textContent = name;
    node.querySelector("[data-size]").textContent = size == null ? "" : formatSize(size);
    (parent || this.list).appendChild(node);
    return node;
  };

  Uploader.prototype.state = function (item, state, text, progress) {
    item.setAttribute("data-state", state);
    var status = item.querySelector("[data-status]");
    status.textContent = text;
    if (typeof progress === "number") item.querySelector("[data-progress]").value = progress;
    return status;
  };

  Uploader.prototype.add = function (files) {
    var limit = parseInt(this.root.getAttribute("data-limit-bytes"), 10) || 0;
    for (var i = 0; i < files.length; i++) {
      var file = files[i];
      var item = this.item(file.name, file.size);
      if (limit && file.size > limit) {
        this.state(item, "error", this.message("too-large"));
        continue;
      }
      if (file.size === 0) {
        this.state(item, "error", this.message("empty-file"));
        continue;
      }
      this.state(item, "uploading", this.message("uploading") + " 0%", 0);
      this.queue.push({ file: file, item: item });
    }
    this.pump();
  };

  Uploader.prototype.pump = function () {
    var self = this;
    while (this.active < PARALLEL_UPLOADS && this.queue.length) {
      this.active += 1;
      this.send(this.queue.shift(), function () {
        self.active -= 1;
        self.pump();
      });
    }
  };

  Uploader.prototype.send = function (job, done) {
    var self = this;
    var item = job.item;
    var request = new XMLHttpRequest();
    request.open("POST", this.root.getAttribute("data-endpoint"));
    request.setRequestHeader("X-CSRFToken", this.root.getAttribute("data-csrf"));
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var percent = Math.round((event.loaded / event.total) * 100);
      self.state(item, "uploading", self.message("uploading") + " " + percent + "%", percent);
    });
    request.upload.addEventListener("load", function () {
      self.state(item, "waiting", self.message("waiting"), 100);
    });
    request.addEventListener("load", function () {
      self.answered(item, request, job.file.name);
      // "Recently uploaded" (and anything else that lists documents) refreshes itself on this event.
      document.body.dispatchEvent(new CustomEvent("tp:uploaded", { bubbles: true }));
      done();
    });
    request.addEventListener("error", function () {
      self.state(item, "error", self.message("network"));
      done();
    });
    var body = new FormData();
    body.append("files", job.file, job.file.name);
    request.send(body);
  };

  Uploader.prototype.answered = function (item, request, name) {
    var results = null;
    try {
      results = JSON.parse(request.responseText);
    } catch (error) {
      results = null;
    }
    if (request.status === 201 && Array.isArray(results)) {
      var isZip = /\.zip$/i.test(name);
      if (results.length === 1 && !isZip) {
        this.result(item, results[0]);
        return;
      }
      this.state(item, "container", this.message("files").replace("{count}", String(results.length)));
      var children = item.querySelector("[data-children]");
      for (var i = 0; i < results.length; i++) {
        this.result(this.item(results[i].file, null, children), results[i]);
      }
      return;
    }
    if (request.status === 413) {
      this.state(item, "error", this.message("too-large"));
    } else if (request.status === 403) {
      this.state(item, "error", this.message("forbidden"));
    } else {
      this.state(item, "error", firstMessage(results && results.error) || this.message("server"));
    }
  };

  Uploader.prototype.result = function (item, result) {
    if (!result.document_id) {
      var error = result.error || "";
      if (/larger than|too large/i.test(error)) error = this.message("too-large");
      this.state(item, "error", error || this.message("server"));
      return;
    }
    if (result.status === "pending") {
      this.state(item, "parsing", this.message("queued"), 100);
      this.poll(item, result.document_id, 0);
    } else {
      this.finished(item, { parse_status: result.status, candidate: result.candidate_id, parse_error: result.error },
        true);
    }
  };

  Uploader.prototype.poll = function (item, documentId, attempt) {
    var self = this;
    window.setTimeout(function () {
      fetch(self.root.getAttribute("data-document-url") + documentId + "/", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (info) {
          if (info.parse_status !== "pending") {
            self.finished(item, info, false);
          } else if (attempt + 1 >= POLL_ATTEMPTS) {
            self.state(item, "parsing", self.message("timeout"));
          } else {
            self.state(item, "parsing", self.message("parsing"));
            self.poll(item, documentId, attempt + 1);
          }
        })
        .catch(function () {
          if (attempt + 1 < POLL_ATTEMPTS) self.poll(item, documentId, attempt + 1);
        });
    }, POLL_INTERVAL_MS);
  };

  Uploader.prototype.finished = function (item, info, known) {
    var status = info.parse_status;
    if (status === "parsed") {
      var text = this.state(item, "done", known ? this.message("already") : this.message("parsed"));
      if (info.candidate) {
        var link = document.createElement("a");
        link.href = this.root.getAttribute("data-candidate-url").replace(/\/0\/$/, "/" + info.candidate + "/");
        link.textContent = this.message("open");
        link.className = "uploads__link";
        text.appendChild(document.createTextNode(" · "));
        text.appendChild(link);
      }
      return;
    }
    var messages = { no_text_layer: "no-text-layer", unsupported: "unsupported", empty: "empty" };
    var message = messages[status] ? this.message(messages[status]) : this.message("failed");
    if (!messages[status] && info.parse_error) message += " " + info.parse_error;
    this.state(item, "error", message);
  };

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function drawTierChart() {
    var canvas = document.getElementById("tier-chart");
    var dataNode = document.getElementById("tier-data");
    if (!canvas || !dataNode || typeof window.Chart === "undefined") return;
    var tiers = JSON.parse(dataNode.textContent);
    window.Chart.defaults.font.family = cssVar("--font-sans");
    new window.Chart(canvas, {
      type: "doughnut",
      data: {
        labels: tiers.map(function (tier) { return tier.label; }),
        datasets: [
          {
            data: tiers.map(function (tier) { return tier.count; }),
            backgroundColor: tiers.map(function (tier) { return cssVar("--tier-" + tier.value); }),
            borderColor: cssVar("--color-surface"),
            borderWidth: 3,
            hoverOffset: 6,
          },
        ],
      },
      options: {
        cutout: "68%",
        maintainAspectRatio: false,
        animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 500 },
        plugins: {
          legend: { display: false },
          tooltip: { padding: 10, cornerRadius: 8, boxPadding: 4 },
        },
      },
    });
  }

  // On phones the navigation is a sideways strip: bring the current section into view.
  function revealCurrentNavItem() {
    var current = document.querySelector(".sidebar nav .nav__link[aria-current='page']");
    var strip = current && current.closest("nav");
    if (!strip || strip.scrollWidth <= strip.clientWidth) return;
    var item = current.parentElement;
    var offset = item.getBoundingClientRect().left - strip.getBoundingClientRect().left;
    strip.scrollLeft += offset - (strip.clientWidth - item.offsetWidth) / 2;
  }

  function start() {
    drawTierChart();
    revealCurrentNavItem();
    updateBulk();
    document.querySelectorAll("[data-upload]").forEach(function (root) {
      new Uploader(root);
    });
  }

  // Deferred scripts (Chart.js comes after this file) have all run when DOMContentLoaded fires.
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
