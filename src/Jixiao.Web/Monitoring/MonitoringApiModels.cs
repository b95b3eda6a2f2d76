using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Monitoring;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Api;

namespace Jixiao.Web.Monitoring;

/// <summary>One indicator's progress as sent and returned: row, value to date, full-year estimate, likelihood (<c>certain possible impossible</c>), cause (<c>funding institutional staffing facilities other</c>) and its words.</summary>
public sealed record MonitoringIndicatorBody(int Index, string? ToDate, string? Expected, string? Likelihood, string? Cause, string? CauseText);

/// <summary><c>PUT /api/v1/monitoring/{id}/checkpoints/{date}</c>: the version edited (0 or absent for a new checkpoint), 执行数 and 全年预算数 in yuan, the indicators, a note.</summary>
public sealed record MonitoringCheckpointBody(int? Version, decimal? Executed, decimal? Budget, IReadOnlyList<MonitoringIndicatorBody>? Indicators, string? Note);

/// <summary>One warning: code, severity, light, field and the message in both languages.</summary>
public sealed record MonitoringWarningItem(string Code, string Severity, string Light, string Field, string Message, string MessageEn);

/// <summary>One indicator's light at a checkpoint, with its pace when cumulative.</summary>
public sealed record MonitoringIndicatorItem(int Index, string Name, string? Target, string Kind, string Light, decimal? Pace, MonitoringIndicatorBody Recorded);

/// <summary>A checkpoint with its report: execution rate, time share, progress, the lights and the warnings.</summary>
public sealed record MonitoringCheckpointItem(
    string Date, int Version, decimal? Executed, decimal? Budget, decimal? Rate, decimal? TimeShare, decimal? Progress, string ExecutionLight, string Light,
    int WarningCount, IReadOnlyList<MonitoringIndicatorItem> Indicators, IReadOnlyList<MonitoringWarningItem> Warnings, string? Note, string UpdatedBy, DateTime UpdatedAt);

/// <summary>The monitoring of one approved declaration.</summary>
public sealed record MonitoringDetail(long FilingId, int Year, string Department, string ProjectName, bool MayRecord, IReadOnlyList<MonitoringCheckpointItem> Checkpoints);

/// <summary>One row of the monitoring table: the project and its latest checkpoint (null when none).</summary>
public sealed record MonitoringRowItem(long FilingId, int Year, string Department, string ProjectName, string Light, MonitoringCheckpointItem? Latest);

[JsonSerializable(typeof(MonitoringCheckpointBody))]
[JsonSerializable(typeof(MonitoringCheckpointItem))]
[JsonSerializable(typeof(MonitoringDetail))]
[JsonSerializable(typeof(IReadOnlyList<MonitoringRowItem>))]
public sealed partial class MonitoringJsonContext : JsonSerializerContext;

/// <summary>Monitoring's names in JSON (lights, likelihoods, causes) and the mapping of the use cases' records to the API's items.</summary>
public static class MonitoringJson
{
    public static readonly MonitoringJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    /// <summary>A light, likelihood or cause as JSON names it (camel case: <c>red</c>, <c>impossible</c>, <c>funding</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The value of <typeparamref name="T"/> named <paramref name="text"/> (either case), null when empty; false when it names none.</summary>
    public static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var v) && !int.TryParse(text, out _))
        {
            value = v;
            return true;
        }

        return false;
    }

    public static MonitoringIndicatorBody ToBody(IndicatorProgress p) => new(p.Index, p.ToDate, p.ExpectedFullYear,
        p.Likelihood is { } l ? Name(l) : null, p.Cause is { } c ? Name(c) : null, p.CauseText);

    public static MonitoringCheckpointItem ToItem(CheckpointView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Report;
        var e = r.Execution;
        return new MonitoringCheckpointItem(
            view.Record.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), view.Record.Version, e.Executed, e.Budget,
            Round(e.Rate), Round(e.TimeShare), Round(e.Progress), Name(e.Light), Name(r.Light), view.WarningCount,
            [.. r.Indicators.Select(i => new MonitoringIndicatorItem(i.Index, i.Indicator.Name ?? "", i.Indicator.Target, Name(i.Kind), Name(i.Light), Round(i.Pace), ToBody(i.Progress)))],
            [.. r.Warnings.Select(w => new MonitoringWarningItem(w.Code, w.Severity.ToString().ToLowerInvariant(), Name(w.Light), w.Field, w.MessageZh, w.MessageEn))],
            view.Record.Note, view.Record.UpdatedBy, DateTime.SpecifyKind(view.Record.UpdatedAt, DateTimeKind.Utc));
    }

    public static MonitoringDetail ToDetail(MonitoringView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Declaration;
        return new MonitoringDetail(d.Id, d.Year, d.Department, d.ProjectName, view.MayRecord, [.. view.Checkpoints.Select(ToItem)]);
    }

    public static MonitoringRowItem ToItem(MonitoringRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new MonitoringRowItem(row.FilingId, row.Year, row.Department, row.ProjectName, Name(row.Light), row.Latest is { } l ? ToItem(l) : null);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2) : null;
}
