// The re-check page (/admin/rechecks): the running job's progress — percent, forms per second, time left, forms
// changed — is followed through GET /api/v1/rechecks/{id} and updated in place, without reloading the page. When the
// job ends, its state is shown and the cancel button goes.
(function () {
    "use strict";
    var box = document.getElementById("recheck-progress");
    if (!box || !window.fetch) {
        return;
    }

    var text = box.dataset;
    var url = text.recheckUrl;
    function field(name) { return box.querySelector("[data-field='" + name + "']"); }
    function number(n, digits) {
        return Number(n).toLocaleString(undefined, { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
    }
    function eta(seconds) {
        if (seconds === null || seconds === undefined) { return "—"; }
        var m = Math.floor(seconds / 60), s = seconds % 60;
        return (m > 0 ? text.textEtaMinutes.replace("{m}", m) : text.textEtaSeconds).replace("{s}", s);
    }
    var css = { succeeded: "badge badge-ok", failed: "badge badge-error", cancelled: "badge badge-muted" };

    function show(job) {
        field("bar").value = job.percent;
        field("percent").textContent = job.percent.toFixed(1);
        field("done").textContent = number(job.done);
        field("rate").textContent = job.formsPerSecond === null ? "—" : number(job.formsPerSecond);
        field("eta").textContent = eta(job.etaSeconds);
        field("changed").textContent = number(job.changed);
        var state = field("state");
        state.textContent = text["text" + job.state.charAt(0).toUpperCase() + job.state.slice(1)] || job.state;
        state.className = css[job.state] || "badge badge-busy";
        box.dataset.state = job.state;
        if (job.finished) {
            var ended = field("ended");
            ended.textContent = text.textEnded;
            ended.hidden = false;
            var cancel = document.getElementById("cancel-form");
            if (cancel) { cancel.remove(); }
        }
    }

    function tick() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (job) {
                if (job) { show(job); }
                if (!job || !job.finished) { window.setTimeout(tick, 1500); }
            })
            .catch(function () { window.setTimeout(tick, 3000); });
    }

    window.setTimeout(tick, 1000);
})();
