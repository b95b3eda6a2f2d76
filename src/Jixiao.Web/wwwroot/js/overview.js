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
        window.addEventListener("resize", function () { c.resize(); });
    }

    var L = data.labels;
    chart("chart-years", {
        legend: { top: 0 },
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
        xAxis: { type: "category", data: data.grades.categories },
        yAxis: { type: "value", name: L.forms },
        series: [
            { name: L.printed, type: "bar", data: data.grades.printed, barMaxWidth: 34 },
            { name: L.recomputed, type: "bar", data: data.grades.recomputed, barMaxWidth: 34 }
        ]
    }, function (p) { return p.seriesIndex === 0 ? data.grades.printedLinks : data.grades.recomputedLinks; });

    var colours = { error: "#b3261e", warning: "#d39a1c", info: "#2c6cb0" };
    chart("chart-checks", {
        grid: { left: 8, right: 24, top: 8, bottom: 8 },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: data.checks.categories.slice().reverse(), axisLabel: { fontFamily: "monospace" } },
        tooltip: {
            trigger: "item",
            formatter: function (p) {
                var i = data.checks.categories.length - 1 - p.dataIndex;
                return data.checks.categories[i] + "\n" + data.checks.meanings[i] + "\n" + L.findings + ": " + p.value;
            }
        },
        series: [{
            name: L.findings, type: "bar", barMaxWidth: 18,
            data: data.checks.counts.slice().reverse().map(function (v, j) {
                var i = data.checks.categories.length - 1 - j;
                return { value: v, itemStyle: { color: colours[data.checks.severities[i]] || "#1d4e89" } };
            })
        }]
    }, data.checks.links.slice().reverse());
})();
