using Jixiao.Core.Forms;
using Jixiao.Core.Targets;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.Web.Projects;

/// <summary>One indicator of a project in one form: its target and weight, and what changed since the previous form.</summary>
public sealed record LineageCell(IndicatorRecord Indicator, bool TargetChanged, bool WeightChanged, bool Added);

/// <summary>One indicator (by its normalised name) across the project's forms, oldest first.</summary>
public sealed record LineageRow(string Key, string Name, string? Level1, string? Level2, IReadOnlyList<LineageCell?> Cells)
{
    /// <summary>Missing in a form after it appeared in an earlier one.</summary>
    public bool RemovedAt(int column) => Cells[column] is null && Cells.Take(column).Any(c => c is not null);
}

/// <summary>
/// A project across years: its forms oldest first (declaration before self-evaluation within a year) and the
/// indicator matrix, where a target or weight that differs from the previous form holding the same indicator is
/// marked, as are indicators added or dropped. Indicators are matched by the <see cref="TextKey"/> of their name;
/// targets are compared by meaning (<see cref="TargetEquivalence"/>): <c>100%</c> and <c>=100.00(%)</c> agree.
/// </summary>
public sealed class Lineage
{
    public Lineage(string key, IReadOnlyList<FormDetail> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        Key = key;
        Forms = forms;
        var rows = new List<(string Key, IndicatorRecord First, LineageCell?[] Cells)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < forms.Count; c++)
        {
            foreach (var ind in forms[c].Indicators)
            {
                var k = TextKey.Of(ind.Name);
                if (!index.TryGetValue(k, out var r))
                {
                    index[k] = r = rows.Count;
                    rows.Add((k, ind, new LineageCell?[forms.Count]));
                }

                if (rows[r].Cells[c] is not null)
                {
                    continue; // the same name twice in one form: the first counts
                }

                var previous = Enumerable.Range(0, c).Reverse().Select(p => rows[r].Cells[p]).FirstOrDefault(x => x is not null);
                var targetChanged = previous is not null && !TargetEquivalence.Same(previous.Indicator.Target, ind.Target);
                var weightChanged = previous is not null && previous.Indicator.Weight is { } pw && ind.Weight is { } w && pw != w;
                rows[r].Cells[c] = new LineageCell(ind, targetChanged, weightChanged, previous is null && c > 0);
            }
        }

        Rows = [.. rows.Select(x => new LineageRow(x.Key, x.First.Name, x.First.Level1, x.First.Level2, x.Cells))];
    }

    public string Key { get; }

    public IReadOnlyList<FormDetail> Forms { get; }

    public IReadOnlyList<LineageRow> Rows { get; }

    /// <summary>Targets (or weights) that changed, over all forms.</summary>
    public int Changes => Rows.Sum(r => r.Cells.Count(c => c is { TargetChanged: true } or { WeightChanged: true }));

    public static string ColumnTitle(FormRecord form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return (form.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—") + " " + Shared.Ui.KindShort(form.Kind);
    }
}
