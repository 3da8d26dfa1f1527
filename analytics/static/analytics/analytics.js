/* The Analytics page's charts (Chart.js, vendored): the funnel against the previous period and the weekly
 * trend, each drawn from a json_script block; the same figures are in the table beside each chart. */
(function () {
  "use strict";

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function reduced() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 400 };
  }

  function draw() {
    if (typeof window.Chart === "undefined") return;
    window.Chart.defaults.font.family = cssVar("--font-sans", "sans-serif");
    var funnel = data("funnel-data");
    var canvas = document.getElementById("funnel-chart");
    if (funnel && canvas) {
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: funnel.labels,
          datasets: [
            { label: funnel.names[0], data: funnel.current, backgroundColor: cssVar("--color-primary", "#4f46e5") },
            { label: funnel.names[1], data: funnel.previous, backgroundColor: cssVar("--color-border-strong", "#cbd5e1") },
          ],
        },
        options: {
          indexAxis: "y", maintainAspectRatio: false, animation: reduced(),
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
    }
    var trend = data("trend-data");
    var trendCanvas = document.getElementById("trend-chart");
    if (trend && trendCanvas) {
      var colors = [cssVar("--color-primary", "#4f46e5"), cssVar("--tier-mid", "#f59e0b"),
                    cssVar("--tier-high", "#16a34a"), cssVar("--color-danger", "#dc2626")];
      new window.Chart(trendCanvas, {
        type: "line",
        data: {
          labels: trend.labels,
          datasets: trend.series.map(function (series, index) {
            return { label: series.label, data: series.data, borderColor: colors[index % colors.length],
                     backgroundColor: colors[index % colors.length], tension: 0.25, pointRadius: 2 };
          }),
        },
        options: {
          maintainAspectRatio: false, animation: reduced(),
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
