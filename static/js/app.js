/* Talent Pool — small behaviours for the dashboard. No inline scripts or handlers anywhere, so a strict
 * Content-Security-Policy works. Everything is progressive: without JavaScript the forms still submit.
 *
 *   data-autosubmit            on a <select>: submit its form when the value changes
 *   data-confirm="text"        on a <form>: ask before submitting
 *   data-copy="#selector"      on a <button>: copy the target's text; data-copied-label shows after copying
 *   data-dismiss               on a button inside .flash: remove the message
 *   #tier-chart + #tier-data   the overview's doughnut (Chart.js), drawn from a json_script block
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
  }

  // Deferred scripts (Chart.js comes after this file) have all run when DOMContentLoaded fires.
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
