// The editor of a filing (/filings/{id}): a target declaration (绩效目标申报表) or a self-evaluation (绩效自评表).
// The form is held as its jixiao.form/1 object; every change is checked live by POST /api/v1/filings/live (cells,
// running sums, suggested scores, total, grade, findings on their cells), kept in localStorage at once and saved,
// debounced, with the version edited (PUT /api/v1/filings/{id}). When the server cannot be reached a banner says so
// and the save is retried; nothing typed is lost. A 409 shows who saved and what changed, and lets the user reload or
// keep their own. Keyboard: Tab / Shift-Tab through the cells, Enter to the next row, Ctrl+S to save, Alt+↑/↓ to
// move an indicator, Alt+Shift+↑/↓ to move it into the neighbouring second-level group (二级指标) of its first level —
// or, on a 二级指标 cell, to move the whole group; the first levels keep the rule set's standard order. A refused step
// marks what it names and focuses the first: a submission the server blocks (submission-blocked) its cells to fix, an
// approval without a reason its findings. The workflow buttons (unpublish, 撤销公开, with its required reason), the
// comment thread and the Excel buttons follow the filing's actions.
(function () {
    "use strict";
    var root = document.getElementById("filing-editor");
    if (!root || !window.fetch) {
        return;
    }

    var english = document.documentElement.lang === "en";
    function t(zh, en) { return english ? en : zh; }

    var filing = JSON.parse(root.dataset.filing);
    var declaration = JSON.parse(root.dataset.declaration || "null");
    var form = filing.content;
    var version = filing.version;
    var self = filing.kind === "self-evaluation";
    var actions = filing.actions || [];
    var editable = actions.indexOf("save") >= 0;
    var storeKey = "jixiao-filing-" + filing.id;
    var reasonPrefix = "改分理由：";
    var changePrefix = "调整理由：";
    var live = null;
    var reasons = {};
    var lastField = null;
    var dirty = false;
    var saving = false;
    var conflict = null;
    var saveTimer = null;
    var liveTimer = null;
    var liveSeq = 0;
    var csrf = null;
    var returnQueue = [];
    var refused = [];

    form.indicators = form.indicators || [];
    form.goals = form.goals || {};
    form.funds = form.funds || {};

    // ---- values and paths ----------------------------------------------------------------------------------------

    function segments(path) {
        var out = [];
        path.split(".").forEach(function (part) {
            var m = /^(\w+)\[(\d+)\]$/.exec(part);
            if (m) { out.push(m[1]); out.push(Number(m[2])); } else { out.push(part); }
        });
        return out;
    }

    function getPath(path) {
        var v = form;
        var s = segments(path);
        for (var i = 0; i < s.length; i++) {
            if (v === null || v === undefined) { return null; }
            v = v[s[i]];
        }
        return v === undefined ? null : v;
    }

    function setPath(path, value) {
        var v = form;
        var s = segments(path);
        for (var i = 0; i < s.length - 1; i++) {
            if (v[s[i]] === null || v[s[i]] === undefined) { v[s[i]] = {}; }
            v = v[s[i]];
        }
        v[s[s.length - 1]] = value;
    }

    function factor() { return form.moneyUnit === "万元" ? 10000 : 1; }

    function round(n, places) { var p = Math.pow(10, places); return Math.round(n * p) / p; }

    function parseNumber(text) {
        var s = String(text).replace(/[,，\s]/g, "");
        if (s === "") { return null; }
        return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    }

    function show(n) { return n === null || n === undefined ? "" : String(n); }

    function fmt(n) {
        if (n === null || n === undefined) { return "—"; }
        return Number(n).toFixed(2).replace(/\.00$/, "");
    }

    // ---- the layout ------------------------------------------------------------------------------------------------

    var heading = self
        ? [["year", t("年度", "Year"), "number"], ["projectName", t("项目名称", "Project name"), "text"], ["implementingUnit", t("实施单位", "Implementing unit"), "text"],
            ["moneyUnit", t("金额单位", "Money unit"), "unit"]]
        : [["year", t("年度", "Year"), "number"], ["projectName", t("项目名称", "Project name"), "text"], ["implementingUnit", t("实施单位", "Implementing unit"), "text"],
            ["category", t("项目类别", "Category"), "text"], ["plannedStart", t("计划开始日期", "Planned start"), "date"],
            ["plannedEnd", t("计划完成日期", "Planned end"), "date"], ["moneyUnit", t("金额单位", "Money unit"), "unit"]];

    var declarationFunds = [
        ["funds.projectTotal", t("项目资金总额", "Project funds, total")], ["funds.projectFiscal", t("其中：财政拨款", "of which fiscal")],
        ["funds.projectOther", t("其他资金", "Other funds")], ["funds.annualTotal", t("年度资金申请总额", "Requested this year, total")],
        ["funds.annualAppropriation", t("其中：当年财政拨款", "of which this year's appropriation")],
        ["funds.annualCarryover", t("上年结转资金", "Carried over")], ["funds.annualOther", t("其他资金", "Other funds")],
    ];

    var fundLines = [["total", t("年度资金总额", "Total")], ["appropriation", t("其中：当年财政拨款", "Appropriation")],
        ["carryover", t("上年结转资金", "Carried over")], ["other", t("其他资金", "Other")]];

    var fundColumns = [["initialBudget", t("年初预算数", "Initial budget")], ["annualBudget", t("全年预算数", "Annual budget")], ["executed", t("全年执行数", "Executed")]];

    var goals = self
        ? [["goals.expected", t("预期目标", "Expected goal")], ["goals.actual", t("实际完成情况", "Achieved")]]
        : [["goals.overall", t("总体目标", "Overall goal")], ["goals.annual", t("年度目标", "Annual goal")]];

    var columns = self
        ? [["level1", t("一级指标", "Level 1")], ["level2", t("二级指标", "Level 2")], ["name", t("三级指标", "Indicator")],
            ["target", t("年度指标值", "Target")], ["actual", t("实际完成值", "Actual")], ["weight", t("分值", "Weight")],
            ["score", t("得分", "Score")], ["deviation", t("偏差原因分析及改进措施", "Deviation and measures")]]
        : [["level1", t("一级指标", "Level 1")], ["level2", t("二级指标", "Level 2")], ["name", t("三级指标", "Indicator")],
            ["target", t("指标值", "Target")], ["weight", t("权重", "Weight")]];

    var numeric = { weight: true, score: true, "funds.total.weight": true, "funds.total.score": true };

    function el(tag, attrs, children) {
        var e = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) {
            if (k === "text") { e.textContent = attrs[k]; } else if (k === "className") { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
        });
        (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
        return e;
    }

    function cell(field, kind, label) {
        var input;
        var value = getPath(field);
        if (kind === "textarea") {
            input = el("textarea", { rows: "2" });
            input.value = show(value);
        } else if (kind === "unit") {
            input = el("select", {}, [el("option", { value: "元", text: "元" }), el("option", { value: "万元", text: "万元" })]);
            input.value = value === "元" ? "元" : "万元";
            if (!value) { form.moneyUnit = "万元"; }
        } else {
            input = el("input", { type: kind === "number" ? "text" : (kind || "text") });
            if (kind === "money") {
                input.value = value === null ? "" : String(round(value / factor(), 6));
                input.setAttribute("inputmode", "decimal");
            } else {
                input.value = show(value);
            }
            if (kind === "number" || kind === "money") { input.setAttribute("inputmode", "decimal"); }
        }
        input.dataset.field = field;
        input.dataset.kind = kind || "text";
        if (label) { input.setAttribute("aria-label", label); }
        if (!editable) { input.readOnly = true; if (input.tagName === "SELECT") { input.disabled = true; } }
        var msgId = "msg-" + field.replace(/[^\w-]/g, "_");
        input.setAttribute("aria-describedby", msgId);
        return el("div", { className: "cell" }, [input, el("div", { className: "cell-msg", id: msgId, "data-for": field })]);
    }

    function labelled(text, node) { return el("label", { className: "field" }, [el("span", { text: text }), node]); }

    var banner = document.getElementById("offline-banner");
    var conflictBox = document.getElementById("conflict-box");
    var saveState = document.getElementById("save-state");

    // the focused cell gives up its value (its change event) before the cells are built again
    function commitFocus() {
        var a = document.activeElement;
        var field = a && root.contains(a) && a.dataset ? a.dataset.field || null : null;
        var caret = field && typeof a.selectionStart === "number" ? a.selectionStart : null;
        if (field) { a.blur(); }
        return { field: field, caret: caret };
    }

    function render() {
        var focus = commitFocus();
        root.textContent = "";
        var head = el("section", { className: "editor-section", id: "editor-heading" }, [el("h2", { text: t("基本信息", "Project") })]);
        var grid = el("div", { className: "editor-grid" });
        heading.forEach(function (h) { grid.appendChild(labelled(h[1], cell(h[0], h[2], h[1]))); });
        head.appendChild(grid);
        root.appendChild(head);

        var funds = el("section", { className: "editor-section", id: "editor-funds" }, [el("h2", { text: t("资金（", "Funds (") + (form.moneyUnit || "万元") + t("）", ")") })]);
        if (self) {
            var ft = el("table", { className: "table editor-table", id: "funds-table" });
            var fh = el("tr", {}, [el("th", { text: "" })]);
            fundColumns.forEach(function (c) { fh.appendChild(el("th", { text: c[1] })); });
            [t("分值", "Weight"), t("执行率", "Rate"), t("得分", "Score")].forEach(function (c) { fh.appendChild(el("th", { text: c })); });
            ft.appendChild(el("thead", {}, [fh]));
            var fb = el("tbody");
            fundLines.forEach(function (line) {
                var base = "funds." + line[0];
                var tr = el("tr", {}, [el("th", { text: line[1] })]);
                fundColumns.forEach(function (c) { tr.appendChild(el("td", {}, [cell(base + "." + c[0], "money", line[1] + " " + c[1])])); });
                if (line[0] === "total") {
                    tr.appendChild(el("td", {}, [cell(base + ".weight", "number", t("预算执行分值", "Execution weight"))]));
                    tr.appendChild(el("td", { id: "execution-rate", className: "num" }));
                    tr.appendChild(el("td", {}, [cell(base + ".score", "number", t("预算执行得分", "Execution score"))]));
                } else {
                    tr.appendChild(el("td")); tr.appendChild(el("td")); tr.appendChild(el("td"));
                }
                fb.appendChild(tr);
            });
            ft.appendChild(fb);
            funds.appendChild(el("div", { className: "table-wrap" }, [ft]));
        } else {
            var fg = el("div", { className: "editor-grid" });
            declarationFunds.forEach(function (d) { fg.appendChild(labelled(d[1], cell(d[0], "money", d[1]))); });
            funds.appendChild(fg);
        }
        root.appendChild(funds);

        var g = el("section", { className: "editor-section", id: "editor-goals" }, [el("h2", { text: t("绩效目标", "Goals") })]);
        goals.forEach(function (x) { g.appendChild(labelled(x[1], cell(x[0], "textarea", x[1]))); });
        root.appendChild(g);

        root.appendChild(indicatorSection());
        root.appendChild(el("section", { className: "editor-section", id: "live-panel" }));
        root.appendChild(workflowSection());
        root.appendChild(commentSection());
        root.appendChild(excelSection());
        root.appendChild(el("div", { id: "live-brief", className: "live-brief" }));
        markComments();
        decorate();
        if (focus.field) {
            var input = root.querySelector("[data-field='" + focus.field + "']");
            if (input) {
                input.focus();
                if (focus.caret !== null && input.setSelectionRange) { try { input.setSelectionRange(focus.caret, focus.caret); } catch (err) { /* not a text input */ } }
            }
        }
    }

    function levelNames() {
        return live ? live.levels.map(function (l) { return l.name; }) : ["产出指标", "效益指标", "满意度指标", "成本指标"];
    }

    function level2Names(level1) {
        if (!live) { return []; }
        for (var i = 0; i < live.levels.length; i++) { if (live.levels[i].name === level1) { return live.levels[i].level2; } }
        return [];
    }

    function indicatorSection() {
        var s = el("section", { className: "editor-section", id: "editor-indicators" }, [el("h2", { text: t("绩效指标", "Indicators") })]);
        var list1 = el("datalist", { id: "level1-options" });
        levelNames().forEach(function (n) { list1.appendChild(el("option", { value: n })); });
        s.appendChild(list1);
        (live ? live.levels : []).forEach(function (l) {
            var dl = el("datalist", { id: "level2-options-" + l.category });
            l.level2.forEach(function (n) { dl.appendChild(el("option", { value: n })); });
            s.appendChild(dl);
        });
        var table = el("table", { className: "table editor-table", id: "indicators" });
        var hr = el("tr", {}, [el("th", { text: "#" })]);
        columns.forEach(function (c) { hr.appendChild(el("th", { text: c[1] })); });
        if (editable) { hr.appendChild(el("th", { text: t("操作", "Actions") })); }
        table.appendChild(el("thead", {}, [hr]));
        var body = el("tbody");
        form.indicators.forEach(function (ind, i) {
            var tr = el("tr", { "data-row": String(i) }, [el("td", { className: "num", text: String(i + 1) })]);
            var name = t("指标 ", "Indicator ") + (i + 1);
            columns.forEach(function (c) {
                var field = "indicators[" + i + "]." + c[0];
                var kind = numeric[c[0]] ? "number" : (c[0] === "deviation" ? "textarea" : "text");
                var box = cell(field, kind, name + " " + c[1]);
                var input = box.firstChild;
                input.dataset.col = c[0];
                if (c[0] === "level1") { input.setAttribute("list", "level1-options"); }
                if (c[0] === "level2") { input.setAttribute("list", "level2-options-" + categoryOf(ind.level1)); }
                tr.appendChild(el("td", { "data-cell": field }, [box]));
            });
            if (editable) {
                var acts = el("td", { className: "row-actions" }, [
                    rowButton("up", "↑", name + t(" 上移 (Alt+↑)", ": move up (Alt+↑)"), function () { move(i, -1, "act:up"); }),
                    rowButton("down", "↓", name + t(" 下移 (Alt+↓)", ": move down (Alt+↓)"), function () { move(i, 1, "act:down"); }),
                    rowButton("add", "+", name + t(" 下方添加同类指标", ": add a sibling below"), function () { addRow(i); }),
                    rowButton("remove", "✕", name + t(" 删除", ": remove"), function () { removeRow(i); }),
                ]);
                var group = groupOf(i);
                if (group[0] === i) {
                    var gname = t("二级指标组“", "The group '") + (ind.level2 || t("（未填）", "(none)")) + t("”", "'");
                    acts.appendChild(rowButton("group-up", "⇑", gname + t("整组上移 (在二级指标格按 Alt+Shift+↑)", ": move up (Alt+Shift+↑ on its Level 2 cell)"), function () { moveGroup(i, -1, "act:group-up"); }));
                    acts.appendChild(rowButton("group-down", "⇓", gname + t("整组下移 (在二级指标格按 Alt+Shift+↓)", ": move down (Alt+Shift+↓ on its Level 2 cell)"), function () { moveGroup(i, 1, "act:group-down"); }));
                }
                acts.appendChild(regroupSelect(ind, i, name));
                tr.appendChild(acts);
            }
            body.appendChild(tr);
        });
        table.appendChild(body);
        s.appendChild(el("div", { className: "table-wrap editor-scroll", id: "indicators-scroll" }, [table]));
        s.appendChild(el("p", { className: "muted small", id: "editor-keys" }, [el("span", {
            text: t("键盘：Tab / Shift+Tab 在单元格间移动；Enter 到下一行（末行时新增一行）；Alt+↑/↓ 上下移动指标；Alt+Shift+↑/↓ 把指标移入上一个/下一个二级指标组"
                + "（在“二级指标”格中按则整组移动）；Ctrl+S 保存。一级指标按规则集的标准顺序排列（",
                "Keyboard: Tab / Shift+Tab between the cells; Enter to the next row (a new one after the last); Alt+↑/↓ moves an indicator; Alt+Shift+↑/↓ "
                + "moves it into the previous / next second-level group (on a Level 2 cell: moves the whole group); Ctrl+S saves. The first levels keep "
                + "the rule set's standard order (") + levelNames().join(t("、", ", ")) + t("），不能调整。", "); they cannot be moved."),
        })]));
        if (editable) {
            var pick = el("select", { id: "add-level1", "aria-label": t("一级指标", "Level 1") });
            levelNames().forEach(function (n) { pick.appendChild(el("option", { value: n, text: n })); });
            var add = el("button", { type: "button", className: "button", id: "add-indicator", text: t("添加指标", "Add indicator"),
                "data-spot": "indicators", "aria-describedby": "refused-indicators" });
            add.addEventListener("click", function () { addUnder(pick.value); });
            var defaults = el("button", { type: "button", className: "button", id: "apply-default-weights", text: t("按规则默认权重分配", "Share out the default weights") });
            defaults.addEventListener("click", applyDefaults);
            s.appendChild(el("p", { className: "row" }, [pick, add, defaults]));
            s.appendChild(el("div", { className: "refused-note", id: "refused-indicators", "data-refused-for": "indicators" }));
        }
        return s;
    }

    function categoryOf(level1) {
        if (!live || !level1) { return "unknown"; }
        for (var i = 0; i < live.levels.length; i++) { if (live.levels[i].name === level1) { return live.levels[i].category; } }
        return "unknown";
    }

    function rowButton(act, text, title, action) {
        var b = el("button", { type: "button", className: "button button-small", "data-act": act, title: title, "aria-label": title, text: text });
        b.addEventListener("click", action);
        return b;
    }

    // the second-level groups an indicator may move into: those of its first level in the form, then the standard ones
    function regroupSelect(ind, i, name) {
        var names = [];
        form.indicators.forEach(function (x) { if (x.level1 === ind.level1 && x.level2 && names.indexOf(x.level2) < 0) { names.push(x.level2); } });
        level2Names(ind.level1).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
        var label = name + t(" 移入二级指标组", ": move into the Level 2 group");
        var pick = el("select", { className: "regroup", "data-act": "regroup", "aria-label": label, title: label });
        pick.appendChild(el("option", { value: "", text: t("移入…", "Move to…") }));
        names.forEach(function (n) { if (n !== ind.level2) { pick.appendChild(el("option", { value: n, text: n })); } });
        pick.disabled = names.length === 0 || (names.length === 1 && names[0] === ind.level2);
        pick.addEventListener("change", function () { if (pick.value) { moveInto(i, pick.value); } });
        return pick;
    }

    function blankIndicator(level1, level2) {
        return { level1: level1 || null, level2: level2 || null, name: null, target: null, actual: null, weight: null, score: null, deviation: null };
    }

    function addRow(i) {
        var ref = form.indicators[i] || {};
        var row = blankIndicator(ref.level1, ref.level2);
        restructure(function () { form.indicators.splice(i + 1, 0, row); }, row, "name");
    }

    function addUnder(level1) {
        var at = form.indicators.length;
        for (var i = form.indicators.length - 1; i >= 0; i--) {
            if (form.indicators[i].level1 === level1) { at = i + 1; break; }
        }
        var row = blankIndicator(level1, null);
        restructure(function () { form.indicators.splice(at, 0, row); }, row, "level2");
    }

    function removeRow(i) {
        var next = form.indicators[i + 1] || form.indicators[i - 1] || null;
        restructure(function () { form.indicators.splice(i, 1); }, next, "name");
    }

    // one indicator up or down by one row
    function move(i, by, col) {
        var j = i + by;
        if (j < 0 || j >= form.indicators.length) { return; }
        var row = form.indicators[i];
        restructure(function () { form.indicators.splice(j, 0, form.indicators.splice(i, 1)[0]); }, row, col);
    }

    function sameGroup(a, b) { return (a.level1 || "") === (b.level1 || "") && (a.level2 || "") === (b.level2 || ""); }

    function sameLevel(a, b) { return (a.level1 || "") === (b.level1 || ""); }

    // the rows [start, end) of the second-level group (二级指标) around row i: the neighbours with its 一级 and 二级指标
    function groupOf(i) {
        var rows = form.indicators;
        var start = i;
        var end = i + 1;
        while (start > 0 && sameGroup(rows[start - 1], rows[i])) { start--; }
        while (end < rows.length && sameGroup(rows[end], rows[i])) { end++; }
        return [start, end];
    }

    // the neighbouring group of row i's group within its first level (null at the level's edge)
    function neighbourGroup(i, by) {
        var g = groupOf(i);
        var at = by < 0 ? g[0] - 1 : g[1];
        var rows = form.indicators;
        return at >= 0 && at < rows.length && sameLevel(rows[at], rows[i]) ? groupOf(at) : null;
    }

    // the whole second-level group of row i before the previous / after the next group of its first level
    function moveGroup(i, by, col) {
        var g = groupOf(i);
        var other = neighbourGroup(i, by);
        if (!other) { setState(t("已在该一级指标的边界，无法再移动", "Already at the edge of its first level")); return; }
        var row = form.indicators[i];
        restructure(function () {
            var rows = form.indicators.splice(g[0], g[1] - g[0]);
            var at = by < 0 ? other[0] : other[1] - rows.length;
            Array.prototype.splice.apply(form.indicators, [at, 0].concat(rows));
        }, row, col);
    }

    // one indicator into the previous group (as its last row) or the next one (as its first)
    function regroup(i, by, col) {
        var other = neighbourGroup(i, by);
        if (!other) { setState(t("已在该一级指标的边界，无法再移动", "Already at the edge of its first level")); return; }
        var row = form.indicators[i];
        var level2 = form.indicators[other[0]].level2;
        restructure(function () {
            form.indicators.splice(i, 1);
            row.level2 = level2;
            form.indicators.splice(by < 0 ? other[1] : other[0] - 1, 0, row);
        }, row, col);
    }

    // one indicator into the named group of its first level: after that group's last row, else after the level's last
    function moveInto(i, level2) {
        var row = form.indicators[i];
        restructure(function () {
            form.indicators.splice(i, 1);
            var at = -1;
            form.indicators.forEach(function (x, k) { if (sameLevel(x, row) && x.level2 === level2) { at = k + 1; } });
            if (at < 0) { form.indicators.forEach(function (x, k) { if (sameLevel(x, row)) { at = k + 1; } }); }
            row.level2 = level2;
            form.indicators.splice(at < 0 ? form.indicators.length : at, 0, row);
        }, row, "act:regroup");
    }

    // the first levels in the rule set's standard order (a stable sort; a row whose 一级指标 is not a standard name
    // stays with the row above it)
    function levelOrder() {
        if (!live) { return; }
        var rank = 0;
        var keyed = form.indicators.map(function (x, k) {
            var at = levelNames().indexOf(x.level1);
            if (at >= 0) { rank = at; }
            return { row: x, rank: rank, k: k };
        });
        keyed.sort(function (a, b) { return a.rank - b.rank || a.k - b.k; });
        form.indicators = keyed.map(function (x) { return x.row; });
    }

    // a change to the rows: the levels put in order, the cell paths kept with their rows (override reasons, refused
    // findings), saved, checked, rebuilt, and the focus on the same control of the row moved (focusRow)
    function restructure(change, row, col) {
        commitFocus();
        var before = form.indicators.slice();
        change();
        levelOrder();
        var path = function (field) {
            var m = /^indicators\[(\d+)\]\.(.+)$/.exec(field || "");
            if (!m) { return field; }
            var at = form.indicators.indexOf(before[Number(m[1])]);
            return at < 0 ? null : "indicators[" + at + "]." + m[2];
        };
        var kept = {};
        Object.keys(reasons).forEach(function (k) { var p = path(k); if (p) { kept[p] = reasons[k]; } });
        reasons = kept;
        refused = refused.map(function (f) { var p = path(f.field); return p ? Object.assign({}, f, { field: p }) : null; }).filter(Boolean);
        if (form.indicators.length !== before.length) { unrefuse("indicators"); unrefuse("totalWeight"); }
        structureChanged(null);
        if (row) { focusRow(row, col); }
    }

    // a row's cell (its column name) or one of its controls ("act:up", "act:group-down", "act:regroup")
    function focusRow(row, col) {
        var at = form.indicators.indexOf(row);
        if (at < 0) { return; }
        if (col.indexOf("act:") === 0) {
            var control = root.querySelector("tr[data-row='" + at + "'] [data-act='" + col.substring(4) + "']");
            if (control) { control.focus(); return; }
            col = "name";
        }
        focusField("indicators[" + at + "]." + col, true);
    }

    function applyDefaults() {
        if (!live) { return; }
        var byLevel = {};
        form.indicators.forEach(function (ind) { (byLevel[ind.level1] = byLevel[ind.level1] || []).push(ind); });
        live.levels.forEach(function (l) {
            var rows = byLevel[l.name] || [];
            var total = live.defaultWeights[l.category] || 0;
            if (!rows.length) { return; }
            var each = Math.floor(total / rows.length * 100) / 100;
            rows.forEach(function (ind, k) { ind.weight = k === rows.length - 1 ? round(total - each * (rows.length - 1), 2) : each; });
        });
        if (self && (form.funds.total || {}).weight === null || self && !(form.funds.total || {}).weight) { setPath("funds.total.weight", live.defaultExecutionWeight); }
        structureChanged(null);
    }

    function structureChanged(focus) {
        changed();
        render();
        if (focus) { focusField(focus, true); }
    }

    function focusField(field, select) {
        var input = spot(field);
        if (input) { input.focus(); if (select && input.select && input.tagName === "INPUT") { input.select(); } }
    }

    // ---- typing ----------------------------------------------------------------------------------------------------

    root.addEventListener("input", function (e) { if (e.target.dataset && e.target.dataset.field) { take(e.target); } });
    root.addEventListener("change", function (e) {
        var d = e.target.dataset || {};
        if (d.field) { take(e.target); if (d.field === "moneyUnit" || d.col === "level1") { render(); } }
        if (d.reasonFor) { giveReason(d.reasonFor, e.target.value, reasonPrefix); }
        if (d.changeFor) { giveReason(d.changeFor, e.target.value, changePrefix); }
    });
    root.addEventListener("focusin", function (e) {
        if (e.target.dataset && e.target.dataset.field) {
            lastField = e.target.dataset.field;
            var f = document.getElementById("comment-field");
            if (f) { f.textContent = cellName(e.target); f.dataset.cellPath = lastField; f.title = lastField; }
        }
    });

    // the cell in words, as its label reads (指标 3 指标值), for people; its field path stays in data-cell-path (not data-field, which names the editable cells)
    function cellName(node) {
        var label = node.getAttribute("aria-label") || (node.labels && node.labels[0] ? node.labels[0].textContent.trim() : "");
        return label || node.dataset.field || node.dataset.spot || "";
    }

    function take(input) {
        if (!editable || !input.isConnected) { return; }
        var field = input.dataset.field;
        var kind = input.dataset.kind;
        var value = input.value;
        var msg = null;
        if (kind === "money" || kind === "number" || field === "year") {
            var n = parseNumber(value);
            if (Number.isNaN(n)) { msg = t("请填写数字。", "Type a number."); n = null; }
            value = n === null ? null : (kind === "money" ? round(n * factor(), 2) : n);
        } else if (value.trim() === "") {
            value = null;
        }
        setPath(field, value);
        unrefuse(field);
        if (/\.weight$/.test(field)) { unrefuse("totalWeight"); }
        input.classList.toggle("cell-bad-local", msg !== null);
        input.title = msg || "";
        changed();
    }

    function giveReason(field, text, prefix) {
        text = String(text || "").trim();
        if (prefix === reasonPrefix) {
            if (text) { reasons[field] = text; unrefuse(field); } else { delete reasons[field]; }
            persistLocal();
            evaluate();
        }
        if (text && actions.indexOf("comment") >= 0) {
            post(filing.url + "/comments", { field: field, text: prefix + text }).then(function (x) {
                if (x.ok) { filing.comments = x.body.filing.comments; markComments(); renderComments(); }
            });
        }
    }

    root.addEventListener("keydown", function (e) {
        var d = e.target.dataset || {};
        var row = e.target.closest ? e.target.closest("tr[data-row]") : null;
        if (row && e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown") && editable) {
            e.preventDefault();
            var by = e.key === "ArrowUp" ? -1 : 1;
            var at = Number(row.dataset.row);
            var col = d.col || (d.act ? "act:" + d.act : "name");
            if (e.shiftKey && d.col === "level2") {
                moveGroup(at, by, col);
            } else if (e.shiftKey) {
                regroup(at, by, col);
            } else {
                move(at, by, col);
            }
        } else if (row && e.key === "Enter" && e.target.tagName !== "TEXTAREA" && !e.shiftKey && !e.ctrlKey && !e.altKey && d.col) {
            e.preventDefault();
            var next = Number(row.dataset.row) + 1;
            if (next >= form.indicators.length && editable) {
                addRow(next - 1);
                focusField("indicators[" + next + "]." + d.col, true);
            } else {
                focusField("indicators[" + Math.min(next, form.indicators.length - 1) + "]." + d.col, true);
            }
        }
    });
    document.addEventListener("keydown", function (e) {
        if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) {
            e.preventDefault();
            clearTimeout(saveTimer);
            save();
        }
    });

    // ---- saving ----------------------------------------------------------------------------------------------------

    function token() {
        if (csrf) { return Promise.resolve(csrf); }
        return fetch("/api/v1/antiforgery", { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (r) { if (!r.ok) { throw new Error("token"); } return r.json(); })
            .then(function (j) { csrf = j.token; return csrf; });
    }

    function send(method, url, body) {
        return token().then(function (tok) {
            return fetch(url, {
                method: method, credentials: "same-origin",
                headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-TOKEN": tok },
                body: JSON.stringify(body),
            });
        }).then(function (r) {
            return r.text().then(function (text) {
                var json = null;
                try { json = text ? JSON.parse(text) : null; } catch (err) { json = null; }
                return { ok: r.ok, status: r.status, body: json };
            });
        });
    }

    function post(url, body) { return send("POST", url, body); }

    function persistLocal() {
        if (!editable) { return; }
        try {
            localStorage.setItem(storeKey, JSON.stringify({ version: version, content: form, reasons: reasons, dirty: dirty, at: Date.now() }));
        } catch (err) { /* storage full or off: the page still holds the input */ }
    }

    function changed() {
        dirty = true;
        persistLocal();
        setState(t("有未保存的修改", "Unsaved changes"));
        clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 1200);
        evaluate();
    }

    function setState(text) { saveState.textContent = text; }

    function offline() {
        banner.textContent = t("无法连接服务器：您的输入已保存在本浏览器中，不会丢失；系统每 5 秒自动重试保存。",
            "The server cannot be reached: your input is kept in this browser and will not be lost; saving is retried every 5 seconds.");
        banner.hidden = false;
        clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 5000);
    }

    function save() {
        if (!editable || saving || conflict || !dirty) { return Promise.resolve(!dirty); }
        saving = true;
        var sent = JSON.stringify(form);
        setState(t("正在保存…", "Saving…"));
        return send("PUT", filing.url, { version: version, content: form }).then(function (x) {
            saving = false;
            banner.hidden = true;
            if (x.ok) {
                apply(x.body.filing);
                if (JSON.stringify(form) === sent) {
                    dirty = false;
                    try { localStorage.removeItem(storeKey); } catch (err) { /* nothing kept */ }
                    setState(t("已保存（第 ", "Saved (version ") + version + t(" 版）", ")"));
                } else {
                    persistLocal();
                    clearTimeout(saveTimer);
                    saveTimer = setTimeout(save, 400);
                }
                return true;
            }
            if (x.status === 409 && x.body && x.body.problem === "conflict") {
                showConflict(x.body);
            } else if (x.status >= 500 || !x.body) {
                offline();
            } else {
                setState((x.body.detail || t("保存失败", "Not saved")) + t("（输入已保存在本浏览器中）", " (your input is kept in this browser)"));
            }
            return false;
        }, function () {
            saving = false;
            offline();
            return false;
        });
    }

    function apply(f) {
        filing = f;
        version = f.version;
        actions = f.actions || [];
        document.getElementById("filing-version").textContent = String(version);
        document.getElementById("filing-status").textContent = f.statusText;
    }

    function showConflict(p) {
        conflict = p;
        conflictBox.textContent = "";
        var when = p.changedAt ? new Date(p.changedAt).toLocaleString() : "";
        conflictBox.appendChild(el("p", { text: t("这张表已被 ", "This form was saved by ") + p.changedBy + t(" 于 ", " at ") + when
            + t(" 保存为第 " + p.currentVersion + " 版；您是在第 " + p.expectedVersion + " 版上修改的。对方的改动：",
                " as version " + p.currentVersion + "; you edited version " + p.expectedVersion + ". What they changed:") }));
        var ul = el("ul", { id: "conflict-changes" });
        (p.changes || []).forEach(function (c) {
            ul.appendChild(el("li", { "data-field": c.field, text: c.field + "：" + (c.before === null ? "（空）" : c.before) + " → " + (c.after === null ? "（空）" : c.after) }));
        });
        conflictBox.appendChild(ul);
        var reload = el("button", { type: "button", className: "button", id: "conflict-reload", text: t("载入最新版本（放弃我的修改）", "Load their version (drop mine)") });
        reload.addEventListener("click", function () {
            try { localStorage.removeItem(storeKey); } catch (err) { /* nothing kept */ }
            dirty = false;
            window.location.reload();
        });
        var keep = el("button", { type: "button", className: "button button-primary", id: "conflict-keep", text: t("保留我的修改（覆盖对方）", "Keep mine (replace theirs)") });
        keep.addEventListener("click", function () {
            version = p.currentVersion;
            conflict = null;
            conflictBox.hidden = true;
            save();
        });
        conflictBox.appendChild(el("p", { className: "row" }, [reload, keep]));
        conflictBox.hidden = false;
        setState(t("未保存：有冲突", "Not saved: conflict"));
    }

    window.addEventListener("beforeunload", function (e) {
        if (dirty && editable) { persistLocal(); e.preventDefault(); e.returnValue = ""; }
    });

    // ---- live checks -----------------------------------------------------------------------------------------------

    function evaluate() {
        clearTimeout(liveTimer);
        liveTimer = setTimeout(runLive, 200);
    }

    function runLive() {
        var seq = ++liveSeq;
        fetch("/api/v1/filings/live", {
            method: "POST", credentials: "same-origin",
            headers: { "Content-Type": "application/json", "Accept": "application/json" },
            body: JSON.stringify({ ruleSet: filing.ruleSet, content: form, reasons: reasons }),
        }).then(function (r) { return r.ok ? r.json() : null; }).then(function (l) {
            if (!l || seq !== liveSeq) { return; }
            var first = live === null;
            live = l;
            if (first) { render(); } else { decorate(); }
        }).catch(function () { /* the banner of the save says it */ });
    }

    function message(field, text, css) {
        var box = root.querySelector(".cell-msg[data-for='" + field + "']");
        if (!box) { return false; }
        box.appendChild(el("div", { className: css, text: text }));
        var input = root.querySelector("[data-field='" + field + "']");
        if (input && css !== "hint") { input.classList.add(css.indexOf("msg-error") === 0 ? "cell-bad" : "cell-warn"); }
        return true;
    }

    function decorate() {
        root.querySelectorAll(".cell-msg, [data-refused-for]").forEach(function (b) { b.textContent = ""; });
        root.querySelectorAll(".cell-bad, .cell-warn").forEach(function (b) { b.classList.remove("cell-bad"); b.classList.remove("cell-warn"); });
        var panel = document.getElementById("live-panel");
        if (!live || !panel) { markRefused(); return; }
        live.indicators.forEach(function (row) {
            [row.target, row.actual].forEach(function (c) {
                if (!c || c.empty) { return; }
                if (c.message) {
                    message(c.field, c.message, "msg-error");
                } else if (c.number !== null) {
                    message(c.field, (c.operator || "") + " " + c.number + " " + (c.unit || ""), "hint");
                }
            });
        });
        var general = [];
        live.findings.forEach(function (f) {
            var css = f.severity === "error" ? "msg-error" : "msg-warn";
            if (!message(f.field, f.message, css)) { general.push(f); }
        });
        if (live.scores) { scores(live.scores); }
        changeMarks();
        panel.textContent = "";
        panel.appendChild(el("h2", { text: t("实时核查", "Live checks") }));
        panel.appendChild(sums(live.weights));
        panel.appendChild(el("div", { className: "refused-note", id: "refused-totalWeight", "data-refused-for": "totalWeight" }));
        if (live.scores) {
            var s = live.scores;
            panel.appendChild(el("p", { id: "live-score" }, [
                el("span", { text: t("总分：", "Total: ") }), el("strong", { id: "live-total", text: fmt(s.total) }),
                el("span", { text: t("　等级：", "  Grade: ") }), el("strong", { id: "live-grade", text: s.grade }),
                el("span", { className: "muted", text: s.provisional ? t("（暂定：还有 " + s.pending + " 项未定）", " (provisional: " + s.pending + " parts open)") : "" }),
            ]));
        }
        var list = el("ul", { id: "live-findings" });
        general.forEach(function (f) { list.appendChild(el("li", { className: f.severity === "error" ? "msg-error" : "msg-warn", "data-code": f.code, text: f.code + " " + f.message })); });
        panel.appendChild(el("p", { className: "muted small", id: "live-summary",
            text: t("核查发现 ", "The checks find ") + live.findings.length + t(" 项（其中错误 ", " (errors: ")
                + live.findings.filter(function (f) { return f.severity === "error"; }).length + t(" 项）；提交时还将检查 ", "); on submission also ")
                + live.deferred.length + t(" 项。", " more.") }));
        panel.appendChild(list);
        brief();
        markRefused();
    }

    // what a refused step named and the live checks do not show already: on its cell, or for a whole-form cell
    // (totalWeight, indicators) beside its place (data-refused-for)
    function markRefused() {
        var shown = {};
        (live ? live.findings : []).forEach(function (f) { shown[f.field + "|" + f.code] = true; });
        refused.forEach(function (f) {
            if (shown[f.field + "|" + f.code]) { return; }
            var css = (f.severity === "error" ? "msg-error" : "msg-warn") + " refused";
            var text = t("未通过：", "Refused: ") + f.message;
            var note = root.querySelector("[data-refused-for='" + f.field + "']");
            if (!message(f.field, text, css) && note) { note.appendChild(el("div", { className: css, text: text })); }
        });
    }

    // one line of the running sums, total and grade, kept in sight on a narrow screen (the panel is then far below)
    function brief() {
        var box = document.getElementById("live-brief");
        if (!box) { return; }
        var w = live.weights;
        var errors = live.findings.filter(function (f) { return f.severity === "error"; }).length;
        box.textContent = "";
        box.appendChild(el("span", { className: w.addsUp ? "" : "msg-error" }, [el("span", { text: t("权重合计 ", "Weights ") }),
            el("strong", { id: "brief-weights", text: fmt(self ? w.total : w.indicators) + " / " + fmt(self ? w.expected : w.expected - w.execution) })]));
        if (live.scores) {
            box.appendChild(el("span", {}, [el("span", { text: t("总分 ", "Total ") }), el("strong", { id: "brief-total", text: fmt(live.scores.total) }),
                el("span", { text: " " }), el("strong", { id: "brief-grade", text: live.scores.grade })]));
        }
        box.appendChild(el("span", { className: errors ? "msg-error" : "" }, [el("span", { text: t("错误 ", "Errors ") }), el("strong", { id: "brief-errors", text: String(errors) })]));
        box.appendChild(el("a", { href: "#live-panel", text: t("详情", "Details") }));
    }

    function sums(w) {
        var table = el("table", { className: "table", id: "weight-sums", "data-spot": "totalWeight", tabindex: "-1", "aria-describedby": "refused-totalWeight" });
        table.appendChild(el("thead", {}, [el("tr", {}, [el("th", { text: t("一级指标", "Level 1") }), el("th", { text: t("指标数", "Count") }),
            el("th", { text: t("已填权重", "Typed") }), el("th", { text: t("默认", "Default") }), el("th", { text: t("剩余", "Left") })])]));
        var body = el("tbody");
        w.levels.forEach(function (l) {
            if (!l.count && !l.default && !l.required) { return; }
            body.appendChild(el("tr", { "data-sum": l.category }, [el("td", { text: l.name + (l.required ? " *" : "") }), el("td", { className: "num", text: String(l.count) }),
                el("td", { className: "num", "data-part": "sum", text: fmt(l.sum) }), el("td", { className: "num", text: fmt(l.default) }),
                el("td", { className: "num" + (l.remaining < 0 ? " msg-error" : ""), text: fmt(l.remaining) })]));
        });
        if (self) {
            body.appendChild(el("tr", { "data-sum": "execution" }, [el("td", { text: t("预算执行率", "Budget execution") }), el("td"),
                el("td", { className: "num", text: fmt(w.execution) }), el("td", { className: "num", text: fmt(live.defaultExecutionWeight) }), el("td")]));
        }
        if (w.unclassifiedCount) {
            body.appendChild(el("tr", { "data-sum": "unknown" }, [el("td", { text: t("未分类", "Unclassified") }), el("td", { className: "num", text: String(w.unclassifiedCount) }),
                el("td", { className: "num", text: fmt(w.unclassified) }), el("td"), el("td")]));
        }
        table.appendChild(body);
        var total = self ? w.total : w.indicators;
        var expected = self ? w.expected : w.expected - w.execution;
        table.appendChild(el("tfoot", {}, [el("tr", { className: w.addsUp ? "" : "sum-off" }, [el("th", { text: t("合计", "Total") }), el("td"),
            el("td", { className: "num", id: "weight-total", text: fmt(total) }), el("td", { className: "num", text: fmt(expected) }),
            el("td", { className: "num", id: "weight-remaining", text: fmt(expected - total) })])]));
        return table;
    }

    function scores(s) {
        s.indicators.forEach(function (x) {
            var text = x.point !== null ? t("建议得分 ", "Suggested ") + fmt(x.point)
                : x.hasSuggestion ? t("建议得分 ", "Suggested ") + fmt(x.min) + "–" + fmt(x.max) : t("暂无法评分", "Not scored yet");
            var box = root.querySelector(".cell-msg[data-for='" + x.field + "']");
            if (box) {
                box.appendChild(el("div", { className: "hint suggestion", "data-suggested": String(x.index), title: x.explanation, text: text }));
                if (x.isOverride) {
                    box.appendChild(reasonInput(x.field, reasonPrefix, x.reasonGiven ? t("已说明改分理由", "Reason given") : t("改分须说明理由", "Overriding needs a reason")));
                }
            }
            if (x.needsDeviation) {
                message("indicators[" + x.index + "].deviation", t("扣分须说明偏差原因及改进措施。", "A deducted score needs the deviation explained."), "msg-error");
            }
        });
        var rate = document.getElementById("execution-rate");
        if (rate) { rate.textContent = s.execution.rate === null ? "—" : fmt(s.execution.rate) + "%"; }
        var ex = root.querySelector(".cell-msg[data-for='" + s.execution.field + "']");
        if (ex) {
            ex.appendChild(el("div", { className: "hint", "data-suggested": "execution", text: t("建议得分 ", "Suggested ") + fmt(s.execution.point) }));
            if (s.execution.isOverride) { ex.appendChild(reasonInput(s.execution.field, reasonPrefix, t("改分须说明理由", "Overriding needs a reason"))); }
        }
    }

    function reasonInput(field, prefix, label) {
        var input = el("input", { type: "text", className: "reason", "aria-label": label, placeholder: label });
        if (prefix === reasonPrefix) { input.dataset.reasonFor = field; input.value = reasons[field] || ""; } else { input.dataset.changeFor = field; input.value = commentReason(field, prefix) || ""; }
        if (!editable) { input.readOnly = true; }
        return input;
    }

    // changes to what the declaration carried over need a reason (shown to the reviewer as a comment on the cell)
    function changeMarks() {
        if (!declaration || !self) { return; }
        var before = declaration.indicators || [];
        form.indicators.forEach(function (ind, i) {
            var was = before[i];
            ["name", "target", "weight"].forEach(function (c) {
                var field = "indicators[" + i + "]." + c;
                var old = was ? was[c] : null;
                if (String(old === null || old === undefined ? "" : old) === String(ind[c] === null ? "" : ind[c])) { return; }
                var box = root.querySelector(".cell-msg[data-for='" + field + "']");
                if (!box) { return; }
                box.appendChild(el("div", { className: "msg-warn changed", text: t("与申报表不同，原为：", "Changed from the declaration: ") + (old === null || old === undefined ? t("（无）", "(none)") : old) }));
                box.appendChild(reasonInput(field, changePrefix, t("调整须说明理由", "A change needs a reason")));
            });
        });
    }

    function commentReason(field, prefix) {
        var found = null;
        (filing.comments || []).forEach(function (c) {
            if (c.field === field && !c.byReviewer && c.text.indexOf(prefix) === 0) { found = c.text.substring(prefix.length); }
        });
        return found;
    }

    // ---- comments --------------------------------------------------------------------------------------------------

    function markComments() {
        root.querySelectorAll(".has-comment").forEach(function (n) { n.classList.remove("has-comment"); });
        (filing.comments || []).forEach(function (c) {
            if (!c.field || c.resolved) { return; }
            var input = root.querySelector("[data-field='" + c.field + "']");
            var box = input ? input.parentNode : null;
            if (box) { box.classList.add("has-comment"); box.title = c.author + "：" + c.text; }
        });
    }

    function commentSection() {
        var s = el("section", { className: "editor-section", id: "comments-section" }, [el("h2", { text: t("意见", "Comments") })]);
        s.appendChild(el("ul", { id: "comments" }));
        if (actions.indexOf("comment") >= 0 || actions.indexOf("return") >= 0) {
            var text = el("textarea", { id: "comment-text", rows: "2", "aria-label": t("意见内容", "Comment") });
            var onCell = el("input", { type: "checkbox", id: "comment-on-cell", checked: "checked" });
            s.appendChild(el("p", {}, [text]));
            s.appendChild(el("p", { className: "small" }, [el("label", {}, [onCell, el("span", { text: t(" 针对单元格：", " On the cell: ") }),
                el("code", { id: "comment-field", text: lastField || t("（先点选单元格）", "(click a cell first)") })])]));
            var row = el("p", { className: "row" });
            if (actions.indexOf("comment") >= 0) {
                var add = el("button", { type: "button", className: "button", id: "add-comment", text: t("发表意见", "Comment") });
                add.addEventListener("click", function () {
                    var body = { field: onCell.checked ? lastField : null, text: text.value };
                    post(filing.url + "/comments", body).then(function (x) {
                        if (x.ok) { text.value = ""; filing.comments = x.body.filing.comments; markComments(); renderComments(); } else { problem(x); }
                    });
                });
                row.appendChild(add);
            }
            if (actions.indexOf("return") >= 0) {
                var queue = el("button", { type: "button", className: "button", id: "queue-comment", text: t("加入退回意见", "Add to the return") });
                queue.addEventListener("click", function () {
                    if (!text.value.trim()) { return; }
                    returnQueue.push({ field: onCell.checked ? lastField : null, text: text.value });
                    text.value = "";
                    renderQueue();
                });
                row.appendChild(queue);
            }
            s.appendChild(row);
            s.appendChild(el("ul", { id: "return-queue" }));
        }
        setTimeout(renderComments, 0);
        return s;
    }

    function renderComments() {
        var ul = document.getElementById("comments");
        if (!ul) { return; }
        ul.textContent = "";
        (filing.comments || []).forEach(function (c) {
            var li = el("li", { "data-comment": String(c.id), "data-field": c.field || "", className: c.resolved ? "muted" : "" });
            li.appendChild(el("strong", { text: c.author + (c.byReviewer ? t("（审核）", " (reviewer)") : "") }));
            if (c.field) {
                var cell = spot(c.field);
                var link = el("a", { href: "#", text: " [" + ((cell && cellName(cell)) || c.field) + "] ", title: c.field });
                link.addEventListener("click", function (e) { e.preventDefault(); focusField(c.field); });
                li.appendChild(link);
            }
            li.appendChild(el("span", { text: " " + c.text }));
            ul.appendChild(li);
        });
    }

    function renderQueue() {
        var ul = document.getElementById("return-queue");
        ul.textContent = "";
        returnQueue.forEach(function (c) {
            var cell = c.field ? spot(c.field) : null;
            ul.appendChild(el("li", { text: (c.field ? "[" + ((cell && cellName(cell)) || c.field) + "] " : "") + c.text }));
        });
    }

    // ---- workflow --------------------------------------------------------------------------------------------------

    function workflowSection() {
        var s = el("section", { className: "editor-section", id: "workflow" }, [el("h2", { text: t("流程", "Workflow") })]);
        var out = el("div", { id: "workflow-result", role: "status" });
        var row = el("p", { className: "row" });
        function step(name, id, label, css, run) {
            if (actions.indexOf(name) < 0) { return; }
            var b = el("button", { type: "button", className: "button " + (css || ""), id: id, text: label });
            b.addEventListener("click", run);
            row.appendChild(b);
        }
        step("save", "save-button", t("保存 (Ctrl+S)", "Save (Ctrl+S)"), "", function () { clearTimeout(saveTimer); save(); });
        step("submit", "submit-button", t("提交审核", "Submit"), "button-primary", function () {
            clearTimeout(saveTimer);
            save().then(function (ok) {
                // no "submit anyway?": the server refuses a form with cells to fix and names them (problem)
                if (ok && !dirty) { stepPost("submit", { version: version }); }
            });
        });
        step("withdraw", "withdraw-button", t("撤回", "Withdraw"), "", function () { stepPost("withdraw", { version: version }); });
        var reason = null;
        if (actions.indexOf("approve") >= 0 && (filing.findings || []).some(function (f) { return f.severity === "error"; })) {
            var why = t("核查仍有错误：审核通过须说明理由", "The checks find errors: approving needs a reason");
            reason = el("textarea", { id: "override-reason", rows: "2", placeholder: why, "aria-label": why });
        }
        step("return", "return-button", t("退回修改", "Return"), "button-danger", function () {
            var text = document.getElementById("comment-text");
            var comments = returnQueue.slice();
            if (!comments.length && text && text.value.trim()) { comments.push({ field: document.getElementById("comment-on-cell").checked ? lastField : null, text: text.value }); }
            stepPost("return", { version: version, comments: comments });
        });
        step("approve", "approve-button", t("审核通过", "Approve"), "button-primary", function () {
            stepPost("approve", { version: version, overrideReason: reason ? reason.value : null });
        });
        step("publish", "publish-button", t("公开", "Publish"), "button-primary", function () { stepPost("publish", { version: version }); });
        var withdrawal = null;
        if (actions.indexOf("unpublish") >= 0) {
            var whyOff = t("撤销公开的理由（必填，记入意见和审计日志）", "Why the form is taken off public disclosure (required; kept as a comment and in the audit log)");
            withdrawal = el("textarea", { id: "unpublish-reason", rows: "2", placeholder: whyOff, "aria-label": whyOff });
        }
        step("unpublish", "unpublish-button", t("撤销公开", "Unpublish"), "button-danger", function () {
            if (!withdrawal.value.trim()) {
                say(t("撤销公开须写明理由。", "Withdrawing a form from public disclosure needs a reason."), withdrawal);
                return;
            }
            withdrawal.removeAttribute("aria-invalid");
            stepPost("unpublish", { version: version, reason: withdrawal.value });
        });
        if (reason) { s.appendChild(reason); }
        if (withdrawal) { s.appendChild(withdrawal); }
        s.appendChild(row);
        s.appendChild(out);
        return s;
    }

    function stepPost(name, body) {
        post(filing.url + "/" + name, body).then(function (x) {
            if (x.ok) {
                try { localStorage.removeItem(storeKey); } catch (err) { /* nothing kept */ }
                dirty = false;
                window.location.reload();
            } else {
                problem(x);
            }
        }, offline);
    }

    // the server's reason under the workflow buttons; a blocked submission's cells or a refused approval's findings
    // marked on the form (refuse); an unpublish without its reason points at the reason box
    function problem(x) {
        var b = x.body || {};
        say((english && b.detailEn) || b.detail || t("操作失败", "Failed"), b.problem === "reason-required" ? document.getElementById("unpublish-reason") : null);
        if (b.cells && b.cells.length) {
            refuse(b.cells.map(function (c) { return { field: c.field, code: c.code, severity: "error", message: c.message }; }),
                t("无法提交：" + b.cells.length + " 处需修改，已在对应单元格上标出；改正后再提交。",
                    "Cannot submit: " + b.cells.length + " cells to fix, marked on the form; fix them and submit again."));
        } else if (b.findings && b.findings.length) {
            var errors = b.findings.filter(function (f) { return f.severity === "error"; }).length;
            refuse(b.findings, (english && b.detailEn) || b.detail || t("操作未被接受", "Refused"),
                t("核查发现 " + b.findings.length + " 处问题（其中错误 " + errors + " 处），已在对应单元格上标出。",
                    "The checks find " + b.findings.length + " problems (" + errors + " errors), marked on their cells."));
        }
    }

    // a refusal under the workflow buttons; the box it concerns (a required reason) marked and focused
    function say(text, box) {
        var out = document.getElementById("workflow-result");
        out.textContent = "";
        out.appendChild(el("p", { className: "notice notice-error", text: text }));
        if (box) { box.setAttribute("aria-invalid", "true"); box.focus(); }
    }

    // where a refused cell is shown: its input, else the place of a whole-form cell (data-spot: the running sums for
    // totalWeight, the add button for indicators)
    function spot(field) {
        if (!field) { return null; }
        return root.querySelector("[data-field='" + field + "']") || root.querySelector("[data-spot='" + field + "']");
    }

    // a step refused for what it names (a submission's cells to fix, an approval's findings): each on its cell, as the
    // live findings are, kept there until the cell is changed; a banner lists them, each linking to its cell; the
    // first cell (errors first) is focused
    function refuse(items, headline, summary) {
        refused = items.slice();
        var box = document.getElementById("refusal-banner");
        var errors = refused.filter(function (f) { return f.severity === "error"; });
        decorate();
        if (box) {
            box.textContent = "";
            box.appendChild(el("p", {}, [el("strong", { text: headline })]));
            if (summary) { box.appendChild(el("p", { text: summary })); }
            var ul = el("ul", { id: "refusal-findings" });
            refused.forEach(function (f) {
                var li = el("li", { className: f.severity === "error" ? "msg-error" : "msg-warn", "data-finding": f.field || "" });
                // the message names the cell in words (指标 2 目标值 …); the link takes the user to it, and the
                // field path stays in data-finding for scripts, not in the text people read
                if (spot(f.field)) {
                    var link = el("a", { href: "#", text: f.message, title: t("转到该单元格", "Go to the cell") });
                    link.addEventListener("click", function (e) { e.preventDefault(); focusField(f.field, false); });
                    li.appendChild(link);
                } else {
                    li.appendChild(el("span", { text: f.message }));
                }
                ul.appendChild(li);
            });
            box.appendChild(ul);
            box.hidden = false;
        }
        var first = errors.concat(refused).filter(function (f) { return spot(f.field); })[0];
        if (first) {
            focusField(first.field, false);
        } else if (box) {
            box.focus();
        }
    }

    // a changed cell loses its refused mark (a weight also the sum's, a row added or removed the sum's and the rows');
    // the banner goes with the last mark
    function unrefuse(field) {
        var before = refused.length;
        refused = refused.filter(function (f) { return f.field !== field; });
        var box = document.getElementById("refusal-banner");
        if (before && !refused.length && box) { box.hidden = true; }
    }

    // ---- Excel -----------------------------------------------------------------------------------------------------

    function excelSection() {
        var s = el("section", { className: "editor-section", id: "excel" }, [el("h2", { text: t("Excel（官方格式）", "Excel (official layout)") })]);
        var row = el("p", { className: "row" }, [el("a", { className: "button", id: "workbook-download", href: filing.url + "/workbook", text: t("下载 Excel", "Download the workbook") })]);
        if (editable) {
            var file = el("input", { type: "file", id: "workbook-file", accept: ".xlsx", "aria-label": t("填好的 Excel", "The filled workbook") });
            var up = el("button", { type: "button", className: "button", id: "workbook-upload", text: t("上传填好的 Excel", "Upload the filled workbook") });
            up.addEventListener("click", function () { upload(file); });
            row.appendChild(file);
            row.appendChild(up);
        }
        s.appendChild(row);
        s.appendChild(el("ul", { id: "workbook-errors" }));
        return s;
    }

    function upload(file) {
        if (!file.files.length) { return; }
        save().then(function () {
            return token();
        }).then(function (tok) {
            var data = new FormData();
            data.append("file", file.files[0]);
            data.append("version", String(version));
            return fetch(filing.url + "/workbook", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-TOKEN": tok, "Accept": "application/json" }, body: data });
        }).then(function (r) {
            return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; });
        }).then(function (x) {
            var ul = document.getElementById("workbook-errors");
            ul.textContent = "";
            if (x.ok) { window.location.reload(); return; }
            if (x.status === 409 && x.body.problem === "conflict") { showConflict(x.body); return; }
            ul.appendChild(el("li", { className: "msg-error", text: x.body.detail || t("上传失败", "Upload failed") }));
            (x.body.errors || []).forEach(function (e) { ul.appendChild(el("li", { className: "msg-error", "data-cell": e.cell || "", text: (e.cell ? e.cell + "：" : "") + e.message })); });
        }).catch(offline);
    }

    // ---- start -----------------------------------------------------------------------------------------------------

    (filing.comments || []).forEach(function (c) {
        if (c.field && !c.byReviewer && !c.resolved && c.text.indexOf(reasonPrefix) === 0) { reasons[c.field] = c.text.substring(reasonPrefix.length); }
    });
    if (editable) {
        try {
            var kept = JSON.parse(localStorage.getItem(storeKey) || "null");
            if (kept && kept.content && JSON.stringify(kept.content) !== JSON.stringify(form)) {
                form = kept.content;
                version = kept.version;
                Object.keys(kept.reasons || {}).forEach(function (k) { reasons[k] = kept.reasons[k]; });
                dirty = true;
                setState(t("已恢复本浏览器中未保存的输入，正在保存…", "Restored the unsaved input kept in this browser; saving…"));
                saveTimer = setTimeout(save, 300);
            }
        } catch (err) { /* nothing kept */ }
    }
    render();
    runLive();
})();
