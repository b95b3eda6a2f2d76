using Jixiao.Core.Library;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using Jixiao.Data.Entities;

namespace Jixiao.Data.Library;

/// <summary>
/// Counts the forms of one import batch for the library (<see cref="LibraryBuilder"/>): each indicator row goes to its
/// entry's cell (batch, entry, 主管部门, project type, year) and its target's cell, each form to its form cell. Rows
/// must come form by form (all rows of a form together), so that a form using an entry twice counts once.
/// </summary>
internal sealed class LibraryTally(long batchId)
{
    /// <summary>Numbers reached of this size or more are not counted (the columns hold numeric(18,4); no target is that large).</summary>
    private const decimal MaxNumber = 1_000_000_000_000m;

    private readonly Dictionary<(EntryKey Entry, long Department, string Type, int Year), Usage> usages = [];
    private readonly Dictionary<(EntryKey Entry, long Department, string Type, string Target), LibraryTargetCell> targets = [];
    private readonly Dictionary<(long Department, string Type, int Year), LibraryFormCell> forms = [];
    private readonly Dictionary<string, string> typeOfProject = new(StringComparer.Ordinal);

    /// <summary>The name each entry was first printed with.</summary>
    public Dictionary<EntryKey, string> Names { get; } = [];

    public long BatchId => batchId;

    public int FormCount { get; private set; }

    public int IndicatorCount { get; private set; }

    /// <summary>The project type of a project name (the same names come again and again: classified once).</summary>
    public string TypeOf(string projectName)
    {
        if (!typeOfProject.TryGetValue(projectName, out var code))
        {
            code = ProjectTypes.Classify(projectName).Type.Code;
            typeOfProject[projectName] = code;
        }

        return code;
    }

    /// <summary>Counts one form (once, before or after its indicators).</summary>
    public void AddForm(long departmentId, string type, int year, bool selfEvaluation)
    {
        FormCount++;
        var key = (departmentId, type, year);
        if (!forms.TryGetValue(key, out var cell))
        {
            cell = new LibraryFormCell { BatchId = batchId, DepartmentId = departmentId, ProjectType = type, Year = year };
            forms[key] = cell;
        }

        cell.Forms++;
        if (selfEvaluation)
        {
            cell.SelfEvaluations++;
        }
    }

    /// <summary>Counts one indicator row of form <paramref name="formId"/>.</summary>
    public void AddIndicator(long formId, long departmentId, string type, int year, bool selfEvaluation,
        string? level1, string? level2, string name, string? target, string? actual, IndicatorOutcome? outcome)
    {
        var entry = LibraryKeys.Entry(level1, level2, name);
        if (entry.Name.Length == 0)
        {
            return; // a row without a name is no indicator to suggest
        }

        IndicatorCount++;
        Names.TryAdd(entry, Cut(name.Trim(), LibraryKeys.NameLength));
        var achievement = selfEvaluation ? LibraryKeys.AchievementOf(outcome, actual) : Achievement.Unknown;
        var usageKey = (entry, departmentId, type, year);
        if (!usages.TryGetValue(usageKey, out var usage))
        {
            usage = new Usage();
            usages[usageKey] = usage;
        }

        if (usage.LastForm != formId)
        {
            usage.LastForm = formId;
            usage.Cell.Forms++;
        }

        Count(usage.Cell, selfEvaluation, achievement);

        var parsed = TargetParser.Parse(target);
        if (LibraryKeys.Target(parsed) is not { } key)
        {
            return;
        }

        var targetKey = (entry, departmentId, type, key);
        if (!targets.TryGetValue(targetKey, out var cell))
        {
            cell = new LibraryTargetCell { BatchId = batchId, DepartmentId = departmentId, ProjectType = type, Target = key };
            targets[targetKey] = cell;
        }

        Count(cell, selfEvaluation, achievement);
        if (selfEvaluation && parsed.IsNumeric && LibraryKeys.ActualNumber(parsed, TargetParser.Parse(actual)) is { } reached && Math.Abs(reached) < MaxNumber)
        {
            cell.Actuals++;
            cell.ActualSum += reached;
            cell.ActualMin = cell.ActualMin is { } min && min <= reached ? min : reached;
            cell.ActualMax = cell.ActualMax is { } max && max >= reached ? max : reached;
        }
    }

    /// <summary>The entries the batch uses.</summary>
    public IEnumerable<EntryKey> Entries => Names.Keys;

    /// <summary>The entry cells, with the entries' ids from <paramref name="ids"/>.</summary>
    public List<LibraryCell> Cells(IReadOnlyDictionary<EntryKey, long> ids) =>
        [.. usages.Select(u =>
        {
            var cell = u.Value.Cell;
            cell.BatchId = batchId;
            cell.EntryId = ids[u.Key.Entry];
            cell.DepartmentId = u.Key.Department;
            cell.ProjectType = u.Key.Type;
            cell.Year = u.Key.Year;
            return cell;
        })];

    /// <summary>The target cells, with the entries' ids from <paramref name="ids"/>.</summary>
    public List<LibraryTargetCell> Targets(IReadOnlyDictionary<EntryKey, long> ids) =>
        [.. targets.Select(t =>
        {
            t.Value.EntryId = ids[t.Key.Entry];
            return t.Value;
        })];

    public List<LibraryFormCell> Forms => [.. forms.Values];

    private static void Count(LibraryCounts cell, bool selfEvaluation, Achievement achievement)
    {
        cell.Indicators++;
        if (selfEvaluation)
        {
            cell.SelfEvaluations++;
            cell.Met += achievement == Achievement.Met ? 1 : 0;
            cell.NotMet += achievement == Achievement.NotMet ? 1 : 0;
        }
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed class Usage
    {
        public long LastForm { get; set; } = -1;

        public LibraryCell Cell { get; } = new();
    }
}
