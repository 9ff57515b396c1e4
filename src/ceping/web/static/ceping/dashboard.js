/* The organizer's dashboard: live counts, sortable and filterable tables, ECharts charts.
   Data comes from json_script blocks; text is set with textContent, never as HTML. */
(function () {
  "use strict";

  function pollCounts() {
    var box = document.getElementById("counts");
    if (!box) return;
    function refresh() {
      fetch(box.dataset.url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          box.querySelectorAll("[data-count]").forEach(function (el) {
            var value = data[el.dataset.count];
            if (value !== undefined) el.textContent = value;
          });
        })
        .catch(function () { /* the next poll tries again */ });
    }
    setInterval(refresh, 5000);
  }

  function cellValue(row, index, kind) {
    var text = row.cells[index].textContent.trim();
    if (kind === "num") {
      var n = parseFloat(text.replace(/[^0-9.\-]/g, ""));
      return isNaN(n) ? -Infinity : n;
    }
    return text;
  }

  function sortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.dataset.sort) return;
      th.tabIndex = 0;
      th.classList.add("sort");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, th.dataset.sort), y = cellValue(b, index, th.dataset.sort);
          var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
  }

  function filters(table) {
    var category = document.getElementById("category-filter");
    var text = document.getElementById("text-filter");
    if (!category || !text) return;
    function apply() {
      var want = category.value, words = text.value.trim();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var show = (!want || row.dataset.category === want) && (!words || row.textContent.indexOf(words) >= 0);
        row.hidden = !show;
      });
    }
    category.addEventListener("change", apply);
    text.addEventListener("input", apply);
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function charts() {
    if (typeof echarts === "undefined") return;
    var grades = readJson("grades-data"), rates = readJson("rates-data");
    var colors = ["#b3261e", "#e8a33d", "#9aa5b1"];
    var gradeBox = document.getElementById("grades-chart");
    if (grades && gradeBox) {
      var gradeChart = echarts.init(gradeBox);
      gradeChart.setOption({
        color: colors, tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 40, right: 10, top: 40, bottom: 30 },
        xAxis: { type: "category", data: grades.categories, axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: { type: "value", minInterval: 1 },
        series: grades.series.map(function (s) { return { name: s.name, type: "bar", stack: "g", data: s.data }; })
      });
      window.addEventListener("resize", function () { gradeChart.resize(); });
    }
    var rateBox = document.getElementById("rates-chart");
    if (rates && rateBox) {
      var rateChart = echarts.init(rateBox);
      // Each label gets its category's share of the plot, not a fixed 90 px: four areas on a
      // phone (about 70 px each) drew their names over each other.
      var labelWidth = function () {
        return Math.max(36, Math.floor((rateBox.clientWidth - 50) / Math.max(1, rates.areas.length)) - 8);
      };
      rateChart.setOption({
        color: ["#b3261e", "#9aa5b1"], tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
        legend: { top: 0 }, grid: { left: 40, right: 10, top: 40, bottom: 70 },
        xAxis: { type: "category", data: rates.areas, axisLabel: { interval: 0, width: labelWidth(), overflow: "break", fontSize: 11 } },
        yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        // Last year's bars only when there are figures of last year: a campaign without one
        // showed a legend of a year that had no bar.
        series: [{ name: rates.year + "年", type: "bar", data: rates.current }].concat(
          rates.previous.some(function (v) { return v != null; })
            ? [{ name: (rates.year - 1) + "年", type: "bar", data: rates.previous }] : [])
      });
      window.addEventListener("resize", function () {
        rateChart.setOption({ xAxis: { axisLabel: { width: labelWidth() } } });
        rateChart.resize();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    pollCounts();
    document.querySelectorAll("table.sortable").forEach(function (t) { sortable(t); filters(t); });
    charts();
  });
})();
