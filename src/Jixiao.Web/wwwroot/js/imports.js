// The import page: choosing or dropping files selects them (listed, nothing sent yet); 上传并导入 uploads the selection
// once and clears it, so one choice is one upload and one batch per file. Each upload is followed to its end, and the
// batch table below is refreshed in place (new batches, status, progress) without a full reload.
(function () {
    "use strict";
    var form = document.getElementById("upload-form");
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("files");
    var button = document.getElementById("upload-button");
    var list = document.getElementById("upload-list");
    var selection = document.getElementById("selection");
    var chosen = document.getElementById("selected-files");
    if (!form || !zone || !input || !button || !list || !selection || !chosen || !window.fetch || !window.FormData) {
        return; // the plain form still works: choose, then the button posts the files once
    }

    var text = list.dataset;
    var selected = [];
    var uploading = false;

    function el(tag, className, content) {
        var e = document.createElement(tag);
        if (className) { e.className = className; }
        if (content !== undefined) { e.textContent = content; }
        return e;
    }

    function size(bytes) {
        if (bytes < 1024) { return bytes + " B"; }
        if (bytes < 1048576) { return (bytes / 1024).toFixed(1) + " KB"; }
        return (bytes / 1048576).toFixed(1) + " MB";
    }

    // ---- the selection: what the next click of the button uploads

    function showSelection() {
        chosen.textContent = "";
        if (selected.length === 0) {
            selection.textContent = selection.dataset.textNone;
        } else {
            selection.textContent = selection.dataset.textSome.replace("{n}", selected.length) + " ";
            var clear = el("a", "clear-selection", selection.dataset.textClear);
            clear.href = "#";
            clear.addEventListener("click", function (e) { e.preventDefault(); select([]); });
            selection.appendChild(clear);
            selected.forEach(function (f) {
                var li = el("li");
                li.appendChild(el("strong", "", f.name));
                li.appendChild(document.createTextNode(" "));
                li.appendChild(el("small", "muted", size(f.size)));
                chosen.appendChild(li);
            });
        }
        button.disabled = uploading || selected.length === 0;
    }

    function select(files) {
        selected = Array.prototype.slice.call(files || []);
        if (selected.length === 0) { input.value = ""; }
        showSelection();
    }

    // ---- the batch table: fetched again after an upload, and every second while a batch is queued or running

    var refreshing = null;
    var pendingRefresh = false;
    var timer = 0;
    function later(ms) {
        window.clearTimeout(timer); // one timer at most, whoever asks
        timer = window.setTimeout(refreshBatches, ms);
    }
    function refreshBatches() {
        if (refreshing) { pendingRefresh = true; return refreshing; }
        var url = "/imports?handler=Batches" + (window.location.search.indexOf("page=") >= 0 ? "&" + window.location.search.substring(1) : "");
        refreshing = fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
                var current = document.getElementById("batch-section");
                if (!html || !current) { return; }
                var doc = new DOMParser().parseFromString(html, "text/html");
                var fresh = doc.getElementById("batch-section");
                if (fresh) {
                    current.replaceWith(document.importNode(fresh, true));
                    if (fresh.dataset.active === "true") { later(1000); }
                }
            })
            .catch(function () { later(2000); })
            .finally(function () {
                refreshing = null;
                if (pendingRefresh) { pendingRefresh = false; refreshBatches(); }
            });
        return refreshing;
    }

    // ---- one uploaded file followed to its end in the list above the table

    function follow(item, url) {
        var badge = item.querySelector(".badge");
        var bar = item.querySelector(".progress > span");
        var last = "";
        function tick() {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (s) {
                    if (!s) { window.setTimeout(tick, 2000); return; }
                    badge.textContent = s.statusText + (s.forms ? " · " + s.forms + " " + text.textForms : "");
                    if (s.totalBytes > 0 && bar) {
                        bar.style.width = Math.min(100, Math.round(100 * s.bytesRead / s.totalBytes)) + "%";
                    }
                    if (s.status !== last) { last = s.status; refreshBatches(); }
                    if (!s.done) { window.setTimeout(tick, 800); return; }
                    item.dataset.status = s.status;
                    badge.className = "badge " + (s.status === "succeeded" ? "badge-ok" : s.status === "failed" ? "badge-error" : "badge-muted");
                    if (bar) { bar.parentNode.remove(); }
                    if (s.status === "succeeded") {
                        var a = el("a", "", text.textView);
                        a.href = "/forms?batch=" + s.id;
                        item.appendChild(el("span", "", "")).appendChild(a);
                    }
                    if (s.error) { item.appendChild(el("span", "error", s.error)); }
                })
                .catch(function () { window.setTimeout(tick, 2000); });
        }
        tick();
    }

    function upload(files) {
        if (!files || files.length === 0 || uploading) { return; }
        var data = new FormData();
        var token = form.querySelector("input[name='__RequestVerificationToken']");
        if (token) { data.append("__RequestVerificationToken", token.value); }
        for (var i = 0; i < files.length; i++) { data.append("files", files[i], files[i].name); }
        uploading = true;
        select([]); // taken: another click uploads nothing until files are chosen again
        zone.classList.add("busy");
        fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (r) {
                var type = r.headers.get("Content-Type") || "";
                if (type.indexOf("json") < 0) { throw new Error(text.textFailed + " (HTTP " + r.status + ")"); }
                return r.json();
            })
            .then(function (result) {
                var items = document.createDocumentFragment();
                if (result.error) {
                    var li = el("li"); li.appendChild(el("span", "error", result.error)); items.appendChild(li);
                }
                (result.files || []).forEach(function (f) {
                    var item = el("li");
                    var name = el("span"); name.appendChild(el("strong", "", f.fileName)); name.appendChild(document.createTextNode(" ")); name.appendChild(el("small", "muted", size(f.size)));
                    item.appendChild(name);
                    if (f.batchId) {
                        item.dataset.batch = f.batchId;
                        item.dataset.status = "queued";
                        item.appendChild(el("span", "badge badge-busy", text.textQueued));
                        var progress = el("div", "progress"); progress.appendChild(el("span"));
                        item.appendChild(progress);
                        follow(item, f.statusUrl);
                    } else {
                        item.dataset.status = "rejected";
                        item.appendChild(el("span", "badge badge-error", "✕"));
                        item.appendChild(el("span", "error", f.error));
                    }
                    items.appendChild(item);
                });
                list.prepend(items);
                refreshBatches();
            })
            .catch(function (e) {
                var li = el("li"); li.appendChild(el("span", "error", e.message)); list.prepend(li);
            })
            .finally(function () {
                uploading = false;
                zone.classList.remove("busy");
                showSelection();
            });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); upload(selected); });
    input.addEventListener("change", function () { select(input.files); });
    ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("dragover"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (e) { select(e.dataTransfer.files); });

    showSelection();
    var section = document.getElementById("batch-section");
    if (section && section.dataset.active === "true") { later(1000); }
})();
