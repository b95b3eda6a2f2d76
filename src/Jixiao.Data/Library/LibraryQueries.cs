using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Core.Library;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Library;

/// <summary>
/// The indicator library (指标库) read from its counts (<see cref="LibraryBuilder"/>): the list of entries with their
/// use, one entry in full, and the suggestions for a project being declared. An entry merged into another counts
/// there. Every query carries the caller's department scope: the figures of the whole are counts without department
/// names, a department user's own are given beside them. Thread-safe: each call uses its own context.
/// </summary>
public sealed class LibraryQueries
{
    /// <summary>Typical targets shown of one entry.</summary>
    public const int EntryTargets = 20;

    /// <summary>Similar entries offered to merge.</summary>
    public const int SimilarEntries = 8;

    /// <summary>How alike two names must be (<see cref="TextSimilarity.Dice"/>) to be offered as synonyms.</summary>
    public const double SimilarNames = 0.5;

    private readonly JixiaoDatabase database;

    public LibraryQueries(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>One page of the entries <paramref name="query"/> selects.</summary>
    /// <remarks>
    /// One hand-written statement groups the cells once and counts the groups beside the page (<c>count(*) OVER ()</c>);
    /// a second sums the forms the figures count.
    /// </remarks>
    public async Task<LibraryPage> ListAsync(LibraryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var departments = await DepartmentsAsync(query.Department, query.Scope, cancellationToken);
        if (departments is { Length: 0 })
        {
            return new LibraryPage([], 0, query.SafePage, query.SafePageSize, 0);
        }

        var parameters = new List<(string, object?)> { ("take", query.SafePageSize), ("skip", (query.SafePage - 1) * query.SafePageSize) };
        var where = CellFilter(string.IsNullOrWhiteSpace(query.ProjectType) ? null : query.ProjectType, departments, parameters);
        var own = query.Scope?.DepartmentIds;
        var ownForms = own is null || own.Length == 0 ? "0" : $"sum(CASE WHEN c.department_id IN ({IdList(own)}) THEN c.forms ELSE 0 END)";
        var entries = new List<string>();
        LevelFilter(query.Level1, query.Level2, entries, parameters);

        switch (query.State)
        {
            case LibraryState.Recommended:
                entries.Add("x.recommended AND NOT x.retired");
                break;
            case LibraryState.Active:
                entries.Add("NOT x.retired");
                break;
            case LibraryState.Retired:
                entries.Add("x.retired");
                break;
        }

        if (TextKey.Of(query.Text) is { Length: > 0 } text)
        {
            entries.Add("x.id IN (SELECT coalesce(m.merged_into_id, m.id) FROM library_entries m WHERE m.name_key LIKE @text ESCAPE '\\')");
            parameters.Add(("text", TextSearch.LikePattern(text)));
        }

        var d = query.Descending ? " DESC" : "";
        var order = query.Sort switch
        {
            LibrarySort.Name => $"x.level1{d}, x.level2{d}, x.name_key{d}",
            LibrarySort.Departments => $"u.departments{d}, u.forms{d}",
            LibrarySort.Years => $"u.years{d}, u.forms{d}",
            LibrarySort.MetRate => $"CASE WHEN u.met + u.not_met = 0 THEN {(query.Descending ? "-1.0" : "2.0")} ELSE u.met * 1.0 / (u.met + u.not_met) END{d}, u.forms{d}",
            _ => $"u.forms{d}",
        };
        var sql = $"""
            WITH used AS (
                SELECT coalesce(e.merged_into_id, e.id) AS entry, sum(c.forms) AS forms, sum(c.indicators) AS indicators,
                    sum(c.self_evaluations) AS self_rows, sum(c.met) AS met, sum(c.not_met) AS not_met,
                    count(DISTINCT CASE WHEN c.department_id <> 0 THEN c.department_id END) AS departments,
                    count(DISTINCT CASE WHEN c.year <> 0 THEN c.year END) AS years,
                    {ownForms} AS own_forms
                FROM library_cells c JOIN library_entries e ON e.id = c.entry_id
                {where}
                GROUP BY coalesce(e.merged_into_id, e.id)
            )
            SELECT u.entry, u.forms, u.indicators, u.self_rows, u.met, u.not_met, u.departments, u.years, u.own_forms,
                x.level1, x.level2, x.name, x.recommended, x.retired,
                (SELECT count(*) FROM library_entries m WHERE m.merged_into_id = x.id) AS spellings,
                count(*) OVER () AS total
            FROM used u JOIN library_entries x ON x.id = u.entry
            {(entries.Count == 0 ? "" : "WHERE " + string.Join(" AND ", entries))}
            ORDER BY {order}, x.id
            LIMIT @take OFFSET @skip;
            SELECT coalesce(sum(c.forms), 0) FROM library_form_cells c {where};
            """;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Sql.AddParameter(command, name, value);
        }

        var items = new List<LibraryItem>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new LibraryItem(reader.GetInt64(0), reader.GetString(9), reader.GetString(10), reader.GetString(11), (int)Long(reader, 14),
                reader.GetBoolean(12), reader.GetBoolean(13), new Usage(Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5)),
                (int)Long(reader, 6), (int)Long(reader, 7), own is null ? null : Long(reader, 8)));
            total = Long(reader, 15);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var forms = Long(reader, 0);
        await reader.DisposeAsync();
        if (items.Count == 0 && query.SafePage > 1)
        {
            // a page past the end: the total still says where the last page is
            return new LibraryPage([], (await ListAsync(query with { Page = 1 }, cancellationToken)).TotalCount, query.SafePage, query.SafePageSize, forms);
        }

        return new LibraryPage(items, total, query.SafePage, query.SafePageSize, forms);
    }

    /// <summary>The WHERE of the cells (alias <c>c</c>) of a project type and departments, with the type's parameter added.</summary>
    private static string CellFilter(string? type, long[]? departments, List<(string, object?)> parameters)
    {
        var cells = new List<string>();
        if (type is not null)
        {
            cells.Add("c.project_type = @type");
            parameters.Add(("type", type));
        }

        if (departments is not null)
        {
            cells.Add($"c.department_id IN ({IdList(departments)})");
        }

        return cells.Count == 0 ? "" : "WHERE " + string.Join(" AND ", cells);
    }

    /// <summary>The conditions on the entries (alias <c>x</c>) of a level filter, with their parameters.</summary>
    private static void LevelFilter(string? level1, string? level2, List<string> entries, List<(string, object?)> parameters)
    {
        foreach (var (column, label) in new[] { ("level1", level1), ("level2", level2) })
        {
            if (Level(label) is { } key)
            {
                entries.Add($"x.{column} = @{column}");
                parameters.Add((column, key));
            }
        }
    }

    private static string IdList(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The entry <paramref name="id"/> in full — of the entry it is merged into when it is merged (compare the id);
    /// null when there is none. The figures count every department, anonymised for a department user
    /// (<paramref name="scope"/>); <paramref name="projectType"/> restricts them to one project type.
    /// </summary>
    public async Task<LibraryEntryDetail?> EntryAsync(long id, DepartmentScope? scope, string? projectType = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var asked = await db.Entries().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (asked is null)
        {
            return null;
        }

        var entry = asked.MergedIntoId is { } into ? await db.Entries().AsNoTracking().FirstAsync(e => e.Id == into, cancellationToken) : asked;
        var canon = entry.Id;
        var type = string.IsNullOrWhiteSpace(projectType) ? null : projectType;
        var members = db.Entries().Where(e => e.Id == canon || e.MergedIntoId == canon).Select(e => e.Id);
        var cells = await Cells(db, type, null)
            .Where(c => members.Contains(c.EntryId))
            .GroupBy(c => new { c.DepartmentId, c.ProjectType, c.Year })
            .Select(g => new
            {
                g.Key.DepartmentId,
                g.Key.ProjectType,
                g.Key.Year,
                Usage = new { Forms = g.Sum(c => (long)c.Forms), Indicators = g.Sum(c => (long)c.Indicators), Self = g.Sum(c => (long)c.SelfEvaluations), Met = g.Sum(c => (long)c.Met), NotMet = g.Sum(c => (long)c.NotMet) },
            })
            .ToListAsync(cancellationToken);
        var rows = cells.Select(c => (c.DepartmentId, c.ProjectType, c.Year, Usage: new Usage(c.Usage.Forms, c.Usage.Indicators, c.Usage.Self, c.Usage.Met, c.Usage.NotMet))).ToList();
        var own = scope?.DepartmentIds;
        bool IsOwn(long department) => own is not null && Array.IndexOf(own, department) >= 0;
        static Usage Sum(IEnumerable<Usage> usages) => usages.Aggregate(Usage.None, (a, b) => a.Add(b));

        var byDepartment = rows.GroupBy(r => r.DepartmentId).Select(g => (Department: g.Key, Usage: Sum(g.Select(r => r.Usage)))).ToList();
        var names = await Organisations.NamesAsync(db, byDepartment.Where(d => d.Department != 0 && (own is null || IsOwn(d.Department))).Select(d => (long?)d.Department), cancellationToken);
        var departments = new List<DepartmentUsage>();
        foreach (var (department, usage) in byDepartment.Where(d => own is null || IsOwn(d.Department)).OrderByDescending(d => d.Usage.Forms).ThenBy(d => d.Department))
        {
            departments.Add(new DepartmentUsage(department == 0 ? null : department, department == 0 ? null : names.GetValueOrDefault(department), usage, IsOwn(department)));
        }

        if (own is not null && byDepartment.Where(d => !IsOwn(d.Department)).Select(d => d.Usage).ToList() is { Count: > 0 } others)
        {
            departments.Add(new DepartmentUsage(null, null, Sum(others), false));
        }

        var byType = rows.GroupBy(r => r.ProjectType)
            .Select(g => new TypeUsage(ProjectTypes.ByCode(g.Key) ?? ProjectTypes.Other, Sum(g.Select(r => r.Usage)), own is null ? null : g.Where(r => IsOwn(r.DepartmentId)).Sum(r => r.Usage.Forms)))
            .OrderByDescending(t => t.Usage.Forms).ThenBy(t => t.Type.Code, StringComparer.Ordinal)
            .ToList();
        var byYear = rows.GroupBy(r => r.Year).Select(g => new YearUsage(g.Key == 0 ? null : g.Key, Sum(g.Select(r => r.Usage)))).OrderByDescending(y => y.Year).ToList();

        var spellings = await db.Entries().AsNoTracking().Where(e => e.MergedIntoId == canon).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Level1, e.Level2, e.Name }).ToListAsync(cancellationToken);
        var spellingForms = await FormsOfAsync(db, spellings.Select(s => s.Id), cancellationToken);
        var targets = await TargetsAsync(db, members, type, null, cancellationToken);
        var ownTargets = own is null ? null : await TargetsAsync(db, members, type, own, cancellationToken);
        return new LibraryEntryDetail(
            canon, entry.Level1, entry.Level2, entry.Name, entry.Recommended, entry.Retired, entry.Note, entry.UpdatedBy, entry.UpdatedAt,
            [.. spellings.Select(s => new EntryName(s.Id, s.Level1, s.Level2, s.Name, spellingForms.GetValueOrDefault(s.Id)))],
            Sum(rows.Select(r => r.Usage)),
            rows.Where(r => r.DepartmentId != 0).Select(r => r.DepartmentId).Distinct().Count(),
            rows.Where(r => r.Year != 0).Select(r => r.Year).Distinct().Count(),
            departments, byType, byYear, targets, ownTargets,
            await SimilarAsync(db, entry, cancellationToken));
    }

    /// <summary>
    /// The indicators projects like <see cref="SuggestionQuery.Project"/> usually measure: the forms of its project type
    /// (<see cref="ProjectTypes.Classify"/>; every form when the name is of no known type), of one department when
    /// asked, counted by entry — retired entries left out, recommended ones first, then the most used — each with its
    /// most common targets and what the self-evaluations with that target reached.
    /// </summary>
    public async Task<Suggestions> SuggestAsync(SuggestionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = ProjectTypes.Classify(query.Project);
        var byType = match.Keyword is not null;
        var departments = await DepartmentsAsync(query.Department, query.Scope, cancellationToken);
        if (departments is { Length: 0 })
        {
            return new Suggestions(match, byType, 0, 0, []);
        }

        // the hot path of the declaration editor: one round trip of three statements (the forms counted, the entries
        // chosen, their targets), written by hand like the form reader's
        var parameters = new List<(string, object?)> { ("take", Math.Clamp(query.Take, 1, SuggestionQuery.MaxTake)) };
        var where = CellFilter(byType ? match.Type.Code : null, departments, parameters);
        var entries = new List<string> { "NOT x.retired" };
        LevelFilter(query.Level1, query.Level2, entries, parameters);

        var chosen = $"""
            WITH used AS (
                SELECT coalesce(e.merged_into_id, e.id) AS entry, sum(c.forms) AS forms, sum(c.indicators) AS indicators,
                    sum(c.self_evaluations) AS self_rows, sum(c.met) AS met, sum(c.not_met) AS not_met
                FROM library_cells c JOIN library_entries e ON e.id = c.entry_id
                {where}
                GROUP BY coalesce(e.merged_into_id, e.id)
            ), chosen AS (
                SELECT u.entry, u.forms, u.indicators, u.self_rows, u.met, u.not_met, x.level1, x.level2, x.name, x.recommended
                FROM used u JOIN library_entries x ON x.id = u.entry
                WHERE {string.Join(" AND ", entries)}
                ORDER BY x.recommended DESC, u.forms DESC, u.entry
                LIMIT @take
            )
            """;
        var sql = $"""
            SELECT coalesce(sum(c.forms), 0), coalesce(sum(c.self_evaluations), 0) FROM library_form_cells c {where};
            {chosen}
            SELECT entry, forms, indicators, self_rows, met, not_met, level1, level2, name, recommended FROM chosen ORDER BY recommended DESC, forms DESC, entry;
            {chosen}
            SELECT k.entry, c.target, sum(c.indicators), sum(c.self_evaluations), sum(c.met), sum(c.not_met), sum(c.actuals), sum(c.actual_sum),
                min(c.actual_min), max(c.actual_max)
            FROM library_target_cells c JOIN library_entries e ON e.id = c.entry_id JOIN chosen k ON k.entry = coalesce(e.merged_into_id, e.id)
            {where}
            GROUP BY k.entry, c.target
            """;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Sql.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var forms = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var selfForms = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<(long Id, Usage Usage, string Level1, string Level2, string Name, bool Recommended)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), new Usage(Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5)),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetBoolean(9)));
        }

        await reader.NextResultAsync(cancellationToken);
        var targets = new List<TargetSums>();
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(new TargetSums(reader.GetInt64(0), reader.GetString(1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6),
                Number(reader, 7) ?? 0, Number(reader, 8), Number(reader, 9)));
        }

        var perTarget = Math.Clamp(query.Targets, 0, EntryTargets);
        var byEntry = targets.ToLookup(t => t.Entry);
        return new Suggestions(match, byType, forms, selfForms,
            [.. rows.Select(r => new SuggestedIndicator(r.Id, r.Level1, r.Level2, r.Name, r.Recommended, r.Usage,
                forms == 0 ? 0 : Math.Min(1, (double)r.Usage.Forms / forms),
                Top(byEntry[r.Id], perTarget)))]);
    }

    private static long Long(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>A number of a sum or an extreme: numeric on PostgreSQL, REAL on SQLite (rounded to the stored scale).</summary>
    private static decimal? Number(System.Data.Common.DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : Math.Round(Convert.ToDecimal(reader.GetValue(i), CultureInfo.InvariantCulture), 4);

    /// <summary>The entries offered as choices of a filter: the first- and second-level labels in use, by how many entries use them.</summary>
    public async Task<IReadOnlyList<(string Level1, string Level2)>> LevelsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var levels = await db.Entries().AsNoTracking().Where(e => e.MergedIntoId == null).Select(e => new { e.Level1, e.Level2 }).Distinct().ToListAsync(cancellationToken);
        return [.. levels.Select(l => (l.Level1, l.Level2)).Order()];
    }

    /// <summary>The normalised key of a level filter (产出 → 产出指标), or null for none.</summary>
    internal static string? Level(string? label) => string.IsNullOrWhiteSpace(label) ? null : IndicatorVocabulary.Key(label);

    /// <summary>The departments a filter names within the scope; null when there is no filter.</summary>
    private async Task<long[]?> DepartmentsAsync(string? department, DepartmentScope? scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(department))
        {
            return null;
        }

        await using var db = database.CreateContext();
        var ids = await Organisations.IdsAsync(db, OrganisationKind.Department, department, cancellationToken);
        return scope?.DepartmentIds is { } allowed ? [.. ids.Intersect(allowed)] : ids;
    }

    private static IQueryable<LibraryCell> Cells(JixiaoDbContext db, string? type, long[]? departments)
    {
        IQueryable<LibraryCell> cells = db.Cells().AsNoTracking();
        if (type is not null)
        {
            cells = cells.Where(c => c.ProjectType == type);
        }

        return departments is null ? cells : cells.Where(c => departments.Contains(c.DepartmentId));
    }

    private static IQueryable<LibraryTargetCell> TargetCells(JixiaoDbContext db, string? type, long[]? departments)
    {
        IQueryable<LibraryTargetCell> cells = db.TargetCells().AsNoTracking();
        if (type is not null)
        {
            cells = cells.Where(c => c.ProjectType == type);
        }

        return departments is null ? cells : cells.Where(c => departments.Contains(c.DepartmentId));
    }

    /// <summary>The typical targets of the entries <paramref name="members"/> (one entry and those merged into it).</summary>
    private static async Task<IReadOnlyList<TargetFigure>> TargetsAsync(JixiaoDbContext db, IQueryable<long> members, string? type, long[]? departments, CancellationToken cancellationToken)
    {
        var sums = await TargetCells(db, type, departments)
            .Where(t => members.Contains(t.EntryId))
            .GroupBy(t => t.Target)
            .Select(g => new TargetSums(0, g.Key, g.Sum(t => (long)t.Indicators), g.Sum(t => (long)t.SelfEvaluations), g.Sum(t => (long)t.Met),
                g.Sum(t => (long)t.NotMet), g.Sum(t => (long)t.Actuals), g.Sum(t => t.ActualSum), g.Min(t => t.ActualMin), g.Max(t => t.ActualMax)))
            .ToListAsync(cancellationToken);
        return Top(sums, EntryTargets);
    }

    /// <summary>The <paramref name="take"/> most common targets, as figures.</summary>
    private static List<TargetFigure> Top(IEnumerable<TargetSums> sums, int take) =>
        [.. sums.OrderByDescending(s => s.Indicators).ThenBy(s => s.Target, StringComparer.Ordinal).Take(take)
            .Select(s => new TargetFigure(s.Target, s.Indicators, s.SelfEvaluations, s.Met, s.NotMet, s.Actuals,
                s.Actuals == 0 ? null : Math.Round(s.ActualSum / s.Actuals, 4), s.ActualMin, s.ActualMax))];

    /// <summary>The forms using each of <paramref name="entryIds"/> (its own cells, not merged ones).</summary>
    private static async Task<Dictionary<long, long>> FormsOfAsync(JixiaoDbContext db, IEnumerable<long> entryIds, CancellationToken cancellationToken)
    {
        var ids = entryIds.ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        return await db.Cells().AsNoTracking().Where(c => ids.Contains(c.EntryId)).GroupBy(c => c.EntryId)
            .Select(g => new { g.Key, Forms = g.Sum(c => (long)c.Forms) })
            .ToDictionaryAsync(x => x.Key, x => x.Forms, cancellationToken);
    }

    /// <summary>Entries of their own under the same levels whose names are like this one's: the candidates for a merge.</summary>
    private static async Task<IReadOnlyList<EntryName>> SimilarAsync(JixiaoDbContext db, LibraryEntry entry, CancellationToken cancellationToken)
    {
        var candidates = await db.Entries().AsNoTracking()
            .Where(e => e.Level1 == entry.Level1 && e.Level2 == entry.Level2 && e.MergedIntoId == null && e.Id != entry.Id)
            .Select(e => new { e.Id, e.Level1, e.Level2, e.Name, e.NameKey })
            .ToListAsync(cancellationToken);
        var alike = candidates
            .Select(c => (c, Score: TextSimilarity.Dice(c.NameKey, entry.NameKey)))
            .Where(x => x.Score >= SimilarNames)
            .OrderByDescending(x => x.Score).ThenBy(x => x.c.Id)
            .Take(SimilarEntries)
            .Select(x => x.c)
            .ToList();
        var forms = await FormsOfAsync(db, alike.Select(a => a.Id), cancellationToken);
        return [.. alike.Select(a => new EntryName(a.Id, a.Level1, a.Level2, a.Name, forms.GetValueOrDefault(a.Id)))];
    }

    private sealed record TargetSums(long Entry, string Target, long Indicators, long SelfEvaluations, long Met, long NotMet, long Actuals, decimal ActualSum, decimal? ActualMin, decimal? ActualMax);
}
