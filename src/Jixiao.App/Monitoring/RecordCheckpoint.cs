using System.Globalization;
using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Core.Monitoring;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;

namespace Jixiao.App.Monitoring;

/// <summary>
/// The use case "record a checkpoint" (填报监控情况): a user of the declaration's department stores what was executed
/// and achieved by a date of the budget year. The caller says which version of that date's checkpoint they edited
/// (0 for a new one); when it was saved since, nothing is written and the answer names who saved it and what differs —
/// never an overwrite. Each save is audited in its transaction; the answer carries the report with its warnings.
/// </summary>
public sealed class RecordCheckpoint(MonitoringCatalog monitoring, TimeProvider clock)
{
    /// <summary>The longest value to date or estimate as typed (characters).</summary>
    public const int ValueLength = 200;

    private static readonly LocalText ExecutedName = new("", "执行数", "The executed amount");
    private static readonly LocalText BudgetName = new("", "全年预算数", "The full-year budget");
    private static readonly LocalText NoteName = new("", "备注", "The note");
    private static readonly LocalText ValueName = new("", "指标完成值", "An indicator value");
    private static readonly LocalText CauseName = new("", "偏差原因说明", "A deviation cause");

    /// <summary>Saves <paramref name="input"/> as the checkpoint of declaration <paramref name="filingId"/> at its date, edited from <paramref name="expectedVersion"/> (0: new).</summary>
    public async Task<MonitoringResult> ExecuteAsync(Caller caller, long filingId, CheckpointInput input, int expectedVersion = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var declaration = await monitoring.DeclarationAsync(caller, filingId, cancellationToken);
        if (declaration is null)
        {
            return MonitoringResult.Refused(MonitoringOutcome.NotFound, MonitoringMessages.NotFound.Format());
        }

        if (!MonitoringCatalog.MayRecord(caller))
        {
            return MonitoringResult.Refused(MonitoringOutcome.Forbidden, MonitoringMessages.Forbidden.Format());
        }

        if (!MonitoringCatalog.IsMonitored(declaration))
        {
            return MonitoringResult.Refused(MonitoringOutcome.NotApproved, MonitoringMessages.NotApproved.Format());
        }

        var form = FilingContent.Parse(declaration.Content);
        if (Problem(input, form) is { } problem)
        {
            return MonitoringResult.Refused(MonitoringOutcome.Invalid, problem);
        }

        var indicators = input.Indicators.OrderBy(i => i.Index).Select(Clean).ToList();
        var record = new MonitoringCheckpointRecord
        {
            FilingId = filingId,
            Date = input.Date,
            Executed = input.Executed,
            Budget = input.Budget,
            Indicators = MonitoringCatalog.WriteIndicators(indicators),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            UpdatedBy = caller.Name,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var evaluator = monitoring.Evaluator(declaration, form);
        var view = MonitoringCatalog.View(evaluator, form, record);
        var date = input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var audit = new AuditRecord(caller.Name, "monitoring-save", "filing", filingId.ToString(CultureInfo.InvariantCulture),
            $"date={date}; version={(expectedVersion + 1).ToString(CultureInfo.InvariantCulture)}; light={view.Report.Light}; warnings={view.WarningCount.ToString(CultureInfo.InvariantCulture)}; project={declaration.ProjectName}");
        if (await monitoring.Store.SaveAsync(record, expectedVersion, audit, cancellationToken))
        {
            return new MonitoringResult(MonitoringOutcome.Done) { Checkpoint = view with { Record = record } };
        }

        var now = await monitoring.Store.GetAsync(filingId, input.Date, cancellationToken);
        var conflict = new MonitoringConflict(expectedVersion, now?.Version ?? 0, now?.UpdatedBy ?? "", now?.UpdatedAt ?? default, now is null ? [] : Differences(record, now));
        return new MonitoringResult(MonitoringOutcome.Conflict)
        {
            Conflict = conflict,
            Message = MonitoringMessages.Conflict.Format(conflict.ChangedBy, conflict.CurrentVersion),
        };
    }

    /// <summary>What is wrong with <paramref name="input"/> for <paramref name="form"/>, or null.</summary>
    private static LocalText? Problem(CheckpointInput input, PerformanceForm form)
    {
        if (form.Year is { } year && input.Date.Year != year)
        {
            return MonitoringMessages.DateOutsideYear.Format(input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), year);
        }

        if (input.Executed < 0)
        {
            return MonitoringMessages.Negative.Format(ExecutedName);
        }

        if (input.Budget < 0)
        {
            return MonitoringMessages.Negative.Format(BudgetName);
        }

        if (input.Note?.Trim().Length > FilingStore.TextLength)
        {
            return MonitoringMessages.TooLong.Format(NoteName, FilingStore.TextLength);
        }

        var seen = new HashSet<int>();
        foreach (var p in input.Indicators)
        {
            if (p is null || p.Index < 0 || p.Index >= form.Indicators.Count || !seen.Add(p.Index))
            {
                return MonitoringMessages.NoSuchIndicator.Format((p?.Index ?? -1) + 1, form.Indicators.Count);
            }

            if (p.ToDate?.Trim().Length > ValueLength || p.ExpectedFullYear?.Trim().Length > ValueLength)
            {
                return MonitoringMessages.TooLong.Format(ValueName, ValueLength);
            }

            if (p.CauseText?.Trim().Length > FilingStore.TextLength)
            {
                return MonitoringMessages.TooLong.Format(CauseName, FilingStore.TextLength);
            }
        }

        return null;
    }

    private static IndicatorProgress Clean(IndicatorProgress p) => p with
    {
        ToDate = Trim(p.ToDate),
        ExpectedFullYear = Trim(p.ExpectedFullYear),
        CauseText = Trim(p.CauseText),
    };

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The values in which the caller's checkpoint differs from the stored one (before: the caller's; after: stored).</summary>
    private static List<FieldChange> Differences(MonitoringCheckpointRecord mine, MonitoringCheckpointRecord stored)
    {
        var changes = new List<FieldChange>();
        void Add(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        Add("executed", Money(mine.Executed), Money(stored.Executed));
        Add("budget", Money(mine.Budget), Money(stored.Budget));
        Add("note", mine.Note, stored.Note);
        var a = MonitoringCatalog.ReadIndicators(mine.Indicators).ToDictionary(p => p.Index);
        var b = MonitoringCatalog.ReadIndicators(stored.Indicators).ToDictionary(p => p.Index);
        foreach (var i in a.Keys.Union(b.Keys).Order())
        {
            var x = a.GetValueOrDefault(i);
            var y = b.GetValueOrDefault(i);
            Add($"indicators[{i}].toDate", x?.ToDate, y?.ToDate);
            Add($"indicators[{i}].expected", x?.ExpectedFullYear, y?.ExpectedFullYear);
            Add($"indicators[{i}].likelihood", x?.Likelihood?.ToChinese(), y?.Likelihood?.ToChinese());
            Add($"indicators[{i}].cause", x?.Cause?.ToChinese(), y?.Cause?.ToChinese());
            Add($"indicators[{i}].causeText", x?.CauseText, y?.CauseText);
        }

        return changes;
    }

    private static string? Money(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
