// The import page: drag and drop, upload with fetch, and follow each batch until it is done.
(function () {
    "use strict";
    var form = document.getElementById("upload-form");
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("files");
    var list = document.getElementById("upload-list");
    if (!form || !zone || !input || !list || !window.fetch || !window.FormData) {
        return; // the plain form still works
    }

    var text = list.dataset;

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

    function follow(item, url) {
        var badge = item.querySelector(".badge");
        var bar = item.querySelector(".progress > span");
        function tick() {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (s) {
                    if (!s) { window.setTimeout(tick, 2000); return; }
                    badge.textContent = s.statusText + (s.forms ? " · " + s.forms + " " + text.textForms : "");
                    if (s.totalBytes > 0 && bar) {
                        bar.style.width = Math.min(100, Math.round(100 * s.bytesRead / s.totalBytes)) + "%";
                    }
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
                    if (!list.querySelector("li[data-status='queued'], li[data-status='running']")) {
                        var refresh = document.getElementById("refresh-batches");
                        if (refresh) { refresh.classList.remove("hidden"); }
                    }
                })
                .catch(function () { window.setTimeout(tick, 2000); });
        }
        tick();
    }

    function upload(files) {
        if (!files || files.length === 0) { return; }
        var data = new FormData();
        var token = form.querySelector("input[name='__RequestVerificationToken']");
        if (token) { data.append("__RequestVerificationToken", token.value); }
        for (var i = 0; i < files.length; i++) { data.append("files", files[i], files[i].name); }
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
            })
            .catch(function (e) {
                var li = el("li"); li.appendChild(el("span", "error", e.message)); list.prepend(li);
            })
            .finally(function () { zone.classList.remove("busy"); input.value = ""; });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); upload(input.files); });
    input.addEventListener("change", function () { upload(input.files); });
    ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("dragover"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (e) { upload(e.dataTransfer.files); });
})();
