// Jixiao — small progressive enhancements. Every page works without them.
(function () {
    "use strict";

    // Bars: <span class="fill" data-pct="42.5"> (no inline styles: the CSP forbids them in markup)
    document.querySelectorAll("[data-pct]").forEach(function (el) {
        var pct = parseFloat(el.getAttribute("data-pct"));
        if (!isNaN(pct)) {
            el.style.width = Math.max(0, Math.min(100, pct)) + "%";
        }
    });

    // Finding markers: a click (or tap) keeps the explanation open; Escape closes it.
    document.addEventListener("click", function (e) {
        var flag = e.target.closest ? e.target.closest(".flag") : null;
        document.querySelectorAll(".flagged.open").forEach(function (c) {
            if (!flag || c !== flag.closest(".flagged")) {
                c.classList.remove("open");
            }
        });
        if (flag) {
            e.preventDefault();
            flag.closest(".flagged").classList.toggle("open");
        }
    });
    document.addEventListener("keydown", function (e) {
        if (e.key === "Escape") {
            document.querySelectorAll(".flagged.open").forEach(function (c) { c.classList.remove("open"); });
        }
    });

    // A link to a finding's cell (#cell-3, from the findings list) opens its explanation.
    var target = window.location.hash.indexOf("#cell-") === 0 ? document.getElementById(window.location.hash.slice(1)) : null;
    if (target && target.closest(".flagged")) {
        target.closest(".flagged").classList.add("open");
    }

    // Forms that ask before they act: <form data-confirm="…"> (also those a script puts on the page later)
    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (form && form.matches && form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
            e.preventDefault();
        }
    });

    // Choices that apply at once: <select data-autosubmit> submits its form when changed (the button does without scripts)
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
        select.addEventListener("change", function () {
            if (select.form) { select.form.submit(); }
        });
    });

    // Buttons that print the page: <button data-print>
    document.querySelectorAll("[data-print]").forEach(function (b) {
        b.addEventListener("click", function () { window.print(); });
    });

    // The print view's running header and footer (a form page's <div id="print-meta">): the system, the source file,
    // the print date and "page x / y" in the @page margin boxes, which Chromium prints on every page. A constructed
    // style sheet (no inline style, which the CSP forbids); the date is set again when printing starts.
    var meta = document.getElementById("print-meta");
    if (meta && window.CSSStyleSheet && "adoptedStyleSheets" in document) {
        var sheet = null;
        var quote = function (s) {
            return "\"" + String(s || "").replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, " ") + "\"";
        };
        var two = function (n) { return (n < 10 ? "0" : "") + n; };
        var margins = function () {
            var d = new Date();
            var date = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":" + two(d.getMinutes());
            var box = "font-size: 8pt; color: #444;";
            var m = meta.dataset;
            return "@page { "
                + "@top-left { content: " + quote(m.system) + "; " + box + " } "
                + "@top-right { content: " + quote(m.source) + "; " + box + " } "
                + "@bottom-left { content: " + quote(m.printed + date) + "; " + box + " } "
                + "@bottom-right { content: " + quote(m.pageBefore) + " counter(page) " + quote(m.pageMiddle) + " counter(pages) " + quote(m.pageAfter) + "; " + box + " } }";
        };
        var apply = function () {
            try {
                if (!sheet) {
                    sheet = new CSSStyleSheet();
                    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
                }
                sheet.replaceSync(margins());
            } catch (e) { /* the static margins of print.css remain */ }
        };
        apply();
        window.addEventListener("beforeprint", apply);
    }

    // Copy buttons: <button data-copy="#id" data-copied="已复制"> copies the text of #id (an API token's secret) and
    // says so; without the clipboard API the text is selected for Ctrl+C.
    document.querySelectorAll("[data-copy]").forEach(function (b) {
        b.addEventListener("click", function () {
            var source = document.querySelector(b.getAttribute("data-copy"));
            if (!source) { return; }
            var text = source.textContent.trim();
            var done = function () {
                b.textContent = b.getAttribute("data-copied") || b.textContent;
                b.setAttribute("data-done", "true");
            };
            var select = function () {
                var range = document.createRange();
                range.selectNodeContents(source);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            };
            if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(done, select);
            } else {
                select();
            }
        });
    });

    // The demo data notice: follow the load and refresh the page when it is done.
    var notice = document.getElementById("demo-notice");
    if (notice && window.fetch) {
        var url = notice.getAttribute("data-status-url");
        var counter = notice.querySelector("[data-demo-forms]");
        var timer = window.setInterval(function () {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (s) {
                    if (!s) { return; }
                    if (counter) { counter.textContent = s.forms; }
                    if (s.status !== "loading") {
                        window.clearInterval(timer);
                        window.location.reload();
                    }
                })
                .catch(function () { /* try again on the next tick */ });
        }, 2000);
    }
})();
