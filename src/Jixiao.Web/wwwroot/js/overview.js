// The overview's charts (ECharts from npm, copied to wwwroot/lib by the build). Without ECharts the tables stay.
(function () {
    "use strict";
    var block = document.getElementById("overview-data");
    if (!block || !window.echarts) {
        return;
    }

    var data = JSON.parse(block.textContent);
    var palette = ["#1d4e89", "#d39a1c", "#1e7d4f", "#b3261e", "#6b7787"];
    document.querySelectorAll(".chart-fallback").forEach(function (t) { t.classList.add("hidden"); });

    function chart(id, option, links) {
        var el = document.getElementById(id);
        if (!el) { return; }
        var c = window.echarts.init(el, null, { renderer: "canvas" });
        option.color = option.color || palette;
        option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
        // rich-text tooltips are drawn by ECharts itself: no HTML with inline styles (the CSP forbids them)
        option.tooltip = Object.assign({ trigger: "axis", renderMode: "richText" }, option.tooltip || {});
        option.grid = Object.assign({ left: 8, right: 16, top: 36, bottom: 8, containLabel: true }, option.grid || {});
        c.setOption(option);
        if (links) {
            c.on("click", function (p) {
                var list = typeof links === "function" ? links(p) : links;
                var url = Array.isArray(list) ? list[p.dataIndex] : null;
                if (url) { window.location.href = url; }
            });
            el.classList.add("clickable");
        }
        // follow the chart's box, not only the window: the grid goes from two charts per row to one at narrow
        // widths, and a chart drawn before that (or while hidden) would keep its old width
        if (window.ResizeObserver) {
            new ResizeObserver(function () { c.resize(); }).observe(el);
        } else {
            window.addEventListener("resize", function () { c.resize(); });
        }
    }

    var L = data.labels;
    chart("chart-years", {
        // room for a legend of two lines (a phone) above the axis names
        legend: { top: 0 },
        grid: { top: 68 },
        xAxis: { type: "category", data: data.years.categories },
        yAxis: [{ type: "value", name: L.forms }, { type: "value", name: L.money, splitLine: { show: false } }],
        series: [
            { name: L.forms, type: "bar", data: data.years.forms, barMaxWidth: 36 },
            { name: L.budget, type: "line", yAxisIndex: 1, data: data.years.budget, smooth: true },
            { name: L.declared, type: "line", yAxisIndex: 1, data: data.years.declared, smooth: true, lineStyle: { type: "dashed" } }
        ]
    }, data.years.links);

    chart("chart-scores", {
        xAxis: { type: "category", data: data.scores.categories },
        yAxis: { type: "value", name: L.forms },
        series: [{ name: L.forms, type: "bar", data: data.scores.counts, barMaxWidth: 40 }]
    }, data.scores.links);

    chart("chart-grades", {
        legend: { top: 0 },
        grid: { top: 68 },
        xAxis: { type: "category", data: data.grades.categories },
        yAxis: { type: "value", name: L.forms },
        series: [
            { name: L.printed, type: "bar", data: data.grades.printed, barMaxWidth: 34 },
            { name: L.recomputed, type: "bar", data: data.grades.recomputed, barMaxWidth: 34 }
        ]
    }, function (p) { return p.seriesIndex === 0 ? data.grades.printedLinks : data.grades.recomputedLinks; });

    // findings by check, most first: each bar labelled by the check's short name and its code, its count at its end;
    // on a log scale when one check has many times the findings of another (the server says so), so none is flattened
    var colours = { error: "#b3261e", warning: "#d39a1c", info: "#2c6cb0" };
    var checks = data.checks;
    var n = checks.categories.length;
    var reversed = function (a) { return a.slice().reverse(); };
    var log = checks.scale === "log";
    chart("chart-checks", {
        grid: { left: 8, right: 48, top: 8, bottom: 8 },
        xAxis: log
            ? { type: "log", logBase: 10, min: 0.5, axisLabel: { hideOverlap: true, formatter: function (v) { return v >= 1 ? String(v) : ""; } } }
            : { type: "value", axisLabel: { hideOverlap: true } },
        yAxis: {
            type: "category",
            data: reversed(checks.categories).map(function (code, j) { return reversed(checks.labels)[j] + "|" + code; }),
            axisLabel: {
                formatter: function (v) { var p = v.split("|"); return "{name|" + p[0] + "} {code|" + p[1] + "}"; },
                rich: { name: { fontSize: 12 }, code: { fontFamily: "monospace", fontSize: 10, color: "#6b7787" } }
            }
        },
        tooltip: {
            trigger: "item",
            formatter: function (p) {
                var i = n - 1 - p.dataIndex;
                return checks.labels[i] + " · " + checks.categories[i] + "\n" + checks.meanings[i] + "\n" + L.findings + ": " + p.value;
            }
        },
        series: [{
            name: L.findings, type: "bar", barMaxWidth: 18,
            label: { show: true, position: "right", fontSize: 11 },
            data: reversed(checks.counts).map(function (v, j) {
                var i = n - 1 - j;
                return { value: v, itemStyle: { color: colours[checks.severities[i]] || "#1d4e89" } };
            })
        }]
    }, reversed(checks.links));
})();
