using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.App.Monitoring;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Monitoring;

/// <summary>What the recording form holds, as typed (so that nothing typed is lost when it is refused).</summary>
public sealed class CheckpointFields
{
    public string? Date { get; set; }

    public string? Executed { get; set; }

    public string? Budget { get; set; }

    public string? Note { get; set; }

    /// <summary>The version of the date's checkpoint the form was filled from (0: a new one).</summary>
    public int Version { get; set; }

    public List<IndicatorFields> Indicators { get; } = [];
}

/// <summary>One indicator's fields, as typed: value to date, full-year estimate, likelihood and cause (their JSON names), the cause in words.</summary>
public sealed record IndicatorFields(string? ToDate, string? Expected, string? Likelihood, string? Cause, string? CauseText);

/// <summary>
/// The checkpoint page of an approved (or published) declaration (绩效运行监控, <c>/monitoring/{filingId}</c>): the
/// declaration's project, budget and indicators; the checkpoints recorded so far; the chosen one's execution progress
/// against the time-proportional line, each indicator's light and the warnings in words; and, for the department's
/// own users, the form that records a checkpoint (<see cref="RecordCheckpoint"/>, saved with the version it was filled
/// from: a conflict names who saved meanwhile and what differs, and keeps what was typed). Reviewers, the finance
/// bureau and supervisors read only; a declaration the caller does not see, or not approved, is not found.
/// </summary>
public sealed partial class MonitoringCheckpointModel(MonitoringCatalog monitoring, RecordCheckpoint record) : PageModel
{
    public MonitoringView View { get; private set; } = null!;

    /// <summary>The checkpoint whose report is shown (the one asked for by <c>?date=</c>, else the latest), or null.</summary>
    public CheckpointView? Shown { get; private set; }

    public CheckpointFields Fields { get; private set; } = new();

    /// <summary>Messages on the form's fields, by field name (<c>date</c>, <c>executed</c>, <c>budget</c>, <c>note</c>, <c>toDate-0</c> …).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A refusal of the whole form, in the user's language.</summary>
    public string? Error { get; private set; }

    /// <summary>When the save met a newer version: who saved it and what differs.</summary>
    public MonitoringConflict? Conflict { get; private set; }

    /// <summary>The message after a save.</summary>
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Saved = TempData["monitoring-saved"] as string;
        if (Shown is { } shown && Request.Query.ContainsKey("date"))
        {
            Fields = FieldsOf(shown);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!View.MayRecord)
        {
            return Forbid();
        }

        Fields = Read(Request.Form, View.Form.Indicators.Count);
        var input = Parse();
        if (input is null)
        {
            Error = Ui.T("有些内容需要修改，见标出的栏目。", "Some fields need correcting: see the messages beside them.");
            return Answer(StatusCodes.Status400BadRequest);
        }

        var result = await record.ExecuteAsync(User.Caller(), id, input, Fields.Version, cancellationToken);
        switch (result.Outcome)
        {
            case MonitoringOutcome.Done:
                var saved = result.Checkpoint!;
                TempData["monitoring-saved"] = Ui.T(
                    $"已保存 {MonitoringTable.Date(saved.Record.Date)} 的监控情况（第 {saved.Record.Version} 版）：{MonitoringTable.LightText(saved.Report.Light)}，{saved.WarningCount} 条预警。",
                    $"The checkpoint of {MonitoringTable.Date(saved.Record.Date)} is saved (version {saved.Record.Version}): {MonitoringTable.LightText(saved.Report.Light)}, {saved.WarningCount} warning(s).");
                return Redirect(MonitoringTable.Link(id) + "?date=" + MonitoringTable.Date(saved.Record.Date) + "#report");
            case MonitoringOutcome.Conflict:
                Conflict = result.Conflict;
                Error = result.Message is { } m ? Ui.T(m.Zh, m.En) : null;
                Fields.Version = Conflict?.CurrentVersion ?? Fields.Version; // saving again replaces it, knowingly
                return Answer(StatusCodes.Status409Conflict);
            case MonitoringOutcome.Forbidden:
                return Forbid();
            case MonitoringOutcome.NotFound:
                return NotFound();
            default:
                Error = result.Message is { } message ? Ui.T(message.Zh, message.En) : Ui.T("无法保存。", "Cannot be saved.");
                return Answer(StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The message on field <paramref name="name"/>, or null.</summary>
    public string? ErrorOf(string name) => Errors.GetValueOrDefault(name);

    /// <summary>The page of the checkpoint at <paramref name="date"/>.</summary>
    public string DateLink(DateOnly date) => MonitoringTable.Link(View.Declaration.Id) + "?date=" + MonitoringTable.Date(date);

    /// <summary>The label of a field a conflict names (执行数, an indicator's name and column).</summary>
    public string FieldLabel(string field)
    {
        var m = IndicatorField().Match(field);
        if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && i < View.Form.Indicators.Count)
        {
            var what = m.Groups[2].Value switch
            {
                "toDate" => Ui.T("截至监控时点完成值", "value to date"),
                "expected" => Ui.T("全年预计完成值", "full-year estimate"),
                "likelihood" => Ui.T("完成目标可能性", "likelihood"),
                "cause" => Ui.T("偏差原因", "deviation cause"),
                _ => Ui.T("偏差原因说明", "cause in words"),
            };
            return View.Form.Indicators[i].Name + " · " + what;
        }

        return field switch
        {
            "executed" => Ui.T("执行数", "Executed"),
            "budget" => Ui.T("全年预算数", "Full-year budget"),
            "note" => Ui.T("备注", "Note"),
            _ => field,
        };
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var view = await monitoring.GetAsync(User.Caller(), id, cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        var asked = Request.Query["date"].ToString();
        Shown = view.Checkpoints.LastOrDefault(c => MonitoringTable.Date(c.Record.Date) == asked) ?? view.Latest;
        return true;
    }

    private PageResult Answer(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private static CheckpointFields FieldsOf(CheckpointView view)
    {
        var fields = new CheckpointFields
        {
            Date = MonitoringTable.Date(view.Record.Date),
            Executed = Amount(view.Record.Executed),
            Budget = Amount(view.Record.Budget),
            Note = view.Record.Note,
            Version = view.Record.Version,
        };
        foreach (var r in view.Report.Indicators)
        {
            var p = r.Progress;
            fields.Indicators.Add(new IndicatorFields(p.ToDate, p.ExpectedFullYear,
                p.Likelihood is { } l ? MonitoringJson.Name(l) : null, p.Cause is { } c ? MonitoringJson.Name(c) : null, p.CauseText));
        }

        return fields;
    }

    private static string? Amount(decimal? yuan) => yuan?.ToString("0.##", CultureInfo.InvariantCulture);

    private static CheckpointFields Read(IFormCollection form, int indicators)
    {
        string? Value(string name) => form[name].ToString() is { Length: > 0 } v ? v : null;
        var fields = new CheckpointFields
        {
            Date = Value("date"),
            Executed = Value("executed"),
            Budget = Value("budget"),
            Note = Value("note"),
            Version = int.TryParse(Value("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0,
        };
        for (var i = 0; i < indicators; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            fields.Indicators.Add(new IndicatorFields(Value("toDate-" + n), Value("expected-" + n), Value("likelihood-" + n), Value("cause-" + n), Value("causeText-" + n)));
        }

        return fields;
    }

    /// <summary>The input the use case takes, or null with <see cref="Errors"/> set on each field that is wrong.</summary>
    private CheckpointInput? Parse()
    {
        var year = View.Declaration.Year;
        var date = ParseDate(Fields.Date, year);
        if (date is null)
        {
            Errors["date"] = Ui.T($"请填写监控时点，如 {year}-06-30 或 6月30日。", $"Enter the checkpoint date, e.g. {year}-06-30 or 6月30日.");
        }
        else if (date.Value.Year != year)
        {
            Errors["date"] = Ui.T($"监控时点 {MonitoringTable.Date(date.Value)} 不在预算年度 {year} 年内。", $"The checkpoint {MonitoringTable.Date(date.Value)} is outside the budget year {year}.");
        }

        var executed = Money(Fields.Executed, "executed", Ui.T("执行数", "The executed amount"));
        var budget = Money(Fields.Budget, "budget", Ui.T("全年预算数", "The full-year budget"));
        if (Fields.Note?.Trim().Length > Data.Filings.FilingStore.TextLength)
        {
            Errors["note"] = Ui.T($"备注太长（最多 {Data.Filings.FilingStore.TextLength} 个字符）。", $"The note is too long (at most {Data.Filings.FilingStore.TextLength} characters).");
        }

        var progress = new List<IndicatorProgress>();
        for (var i = 0; i < Fields.Indicators.Count; i++)
        {
            var f = Fields.Indicators[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            foreach (var (value, name) in new[] { (f.ToDate, "toDate-" + n), (f.Expected, "expected-" + n) })
            {
                if (value?.Trim().Length > RecordCheckpoint.ValueLength)
                {
                    Errors[name] = Ui.T($"太长（最多 {RecordCheckpoint.ValueLength} 个字符）。", $"Too long (at most {RecordCheckpoint.ValueLength} characters).");
                }
            }

            if (!MonitoringJson.TryParse<Likelihood>(f.Likelihood, out var likelihood))
            {
                Errors["likelihood-" + n] = Ui.T("请选择 确定能、有可能 或 完全不可能。", "Choose certain, possible or impossible.");
            }

            if (!MonitoringJson.TryParse<DeviationCause>(f.Cause, out var cause))
            {
                Errors["cause-" + n] = Ui.T("请从列表中选择偏差原因。", "Choose a deviation cause from the list.");
            }

            if (f.CauseText?.Trim().Length > Data.Filings.FilingStore.TextLength)
            {
                Errors["causeText-" + n] = Ui.T($"太长（最多 {Data.Filings.FilingStore.TextLength} 个字符）。", $"Too long (at most {Data.Filings.FilingStore.TextLength} characters).");
            }

            if (f != new IndicatorFields(null, null, null, null, null))
            {
                progress.Add(new IndicatorProgress(i, f.ToDate, f.Expected, likelihood, cause, f.CauseText));
            }
        }

        return Errors.Count > 0 || date is null ? null : new CheckpointInput(date.Value, executed, progress) { Budget = budget, Note = Fields.Note };
    }

    /// <summary>An amount in yuan as typed (thousands separators, a trailing 元 and white space allowed); null when empty or wrong (then its message is set).</summary>
    private decimal? Money(string? text, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var plain = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim().TrimEnd('元').Trim();
        if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Errors[field] = Ui.T($"{what}应为以元为单位的数字，如 300000，而不是“{text}”。", $"{what} must be a number of yuan, e.g. 300000, not \"{text}\".");
            return null;
        }

        if (value < 0)
        {
            Errors[field] = Ui.T($"{what}不能为负数。", $"{what} cannot be negative.");
            return null;
        }

        return value;
    }

    /// <summary>A date as typed: 2025-06-30, 2025/6/30, 2025年6月30日, or without the year (6月30日, 6-30: the budget year); null when none.</summary>
    internal static DateOnly? ParseDate(string? text, int year)
    {
        var m = DatePattern().Match(text?.Trim() ?? "");
        if (!m.Success)
        {
            return null;
        }

        var y = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : year;
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return y is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month) ? new DateOnly(y, month, day) : null;
    }

    [GeneratedRegex(@"^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^indicators\[(\d+)\]\.(\w+)$")]
    private static partial Regex IndicatorField();
}
