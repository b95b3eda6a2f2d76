using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Monitoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Monitoring;

namespace Jixiao.App.Monitoring;

/// <summary>
/// Mid-year monitoring as a caller may see it (绩效运行监控, 双监控): the checkpoints of one approved declaration,
/// each with the <see cref="MonitoringEvaluator"/>'s report, and the monitoring table per department — projects ×
/// latest checkpoint. Whoever sees the declaration sees its monitoring (its department's users and reviewers, the
/// finance bureau, supervisors); another department's is not found. Reports are made when read, by the declaration's
/// rule set and the configured thresholds, so they always follow the current rules.
/// </summary>
public sealed class MonitoringCatalog(FilingCatalog filings, MonitoringStore store, AccessPolicy policy, MonitoringThresholds? thresholds = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The thresholds of the lights.</summary>
    public MonitoringThresholds Thresholds { get; } = thresholds ?? MonitoringThresholds.Default;

    /// <summary>The store (for the use cases).</summary>
    internal MonitoringStore Store => store;

    /// <summary>The monitoring of declaration <paramref name="filingId"/>; null when it is not the caller's to see or not an approved declaration.</summary>
    public async Task<MonitoringView?> GetAsync(Caller caller, long filingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var declaration = await DeclarationAsync(caller, filingId, cancellationToken);
        if (declaration is null || !IsMonitored(declaration))
        {
            return null;
        }

        var form = FilingContent.Parse(declaration.Content);
        var evaluator = Evaluator(declaration, form);
        var checkpoints = await store.ListAsync(filingId, cancellationToken);
        return new MonitoringView(declaration, form, [.. checkpoints.Select(c => View(evaluator, form, c))], MayRecord(caller));
    }

    /// <summary>
    /// The monitoring table (监控表): every approved or published declaration in the caller's scope, of
    /// <paramref name="department"/> and <paramref name="year"/> when given, with its latest checkpoint and report; by
    /// department, then project.
    /// </summary>
    public async Task<IReadOnlyList<MonitoringRow>> TableAsync(Caller caller, string? department = null, int? year = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rows = await store.MonitoredAsync(new MonitoredQuery
        {
            Scope = await policy.ScopeAsync(caller, cancellationToken),
            Department = department,
            Year = year,
        }, cancellationToken);
        return [.. rows.Select(r =>
        {
            CheckpointView? latest = null;
            if (r.Latest is { } c)
            {
                var form = FilingContent.Parse(r.Declaration.Content);
                latest = View(Evaluator(r.Declaration, form), form, c);
            }

            return new MonitoringRow(r.Declaration.Id, r.Declaration.Year, r.Declaration.Department, r.Declaration.ProjectName, r.Declaration.Status, latest);
        })];
    }

    /// <summary>True when <paramref name="caller"/> may record checkpoints of their own department's declarations (a department user, not a read-only token).</summary>
    public static bool MayRecord(Caller caller) => AccessPolicy.Allows(caller, Permission.FillForms);

    /// <summary>The warnings a user acts on in <paramref name="report"/>: errors and warnings, not what could not be assessed.</summary>
    public static int CountWarnings(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Warnings.Count(w => w.Severity != Severity.Info);
    }

    /// <summary>The indicators' progress as stored (a JSON array).</summary>
    internal static string WriteIndicators(IReadOnlyList<IndicatorProgress> indicators) => JsonSerializer.Serialize(indicators, Json);

    /// <summary>The indicators' progress stored in <paramref name="json"/>.</summary>
    internal static IReadOnlyList<IndicatorProgress> ReadIndicators(string json) => JsonSerializer.Deserialize<List<IndicatorProgress>>(json, Json) ?? [];

    /// <summary>The checkpoint the evaluator reads from a stored one.</summary>
    internal static MonitoringCheckpoint Checkpoint(MonitoringCheckpointRecord record) =>
        new(record.Date, record.Executed, ReadIndicators(record.Indicators)) { Budget = record.Budget };

    /// <summary>Declaration <paramref name="filingId"/> when the caller sees it (any filing the caller sees; the use cases check kind and status).</summary>
    internal Task<FilingRecord?> DeclarationAsync(Caller caller, long filingId, CancellationToken cancellationToken) =>
        filings.VisibleAsync(caller, filingId, cancellationToken);

    /// <summary>True for a target declaration that is approved or published.</summary>
    internal static bool IsMonitored(FilingRecord filing) =>
        filing.Kind == FormKind.TargetDeclaration && MonitoringStore.MonitoredStatuses.Contains(filing.Status);

    /// <summary>The evaluator of a declaration: its rule set and the configured thresholds.</summary>
    internal MonitoringEvaluator Evaluator(FilingRecord declaration, PerformanceForm form) => new(FilingCatalog.RulesOf(declaration, form), Thresholds);

    internal static CheckpointView View(MonitoringEvaluator evaluator, PerformanceForm form, MonitoringCheckpointRecord record) =>
        new(record, evaluator.Evaluate(form, Checkpoint(record)));
}
