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

    // Forms that ask before they act: <form data-confirm="…">
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (e) {
            if (!window.confirm(form.getAttribute("data-confirm"))) {
                e.preventDefault();
            }
        });
    });

    // Buttons that print the page: <button data-print>
    document.querySelectorAll("[data-print]").forEach(function (b) {
        b.addEventListener("click", function () { window.print(); });
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
