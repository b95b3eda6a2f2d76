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
/// targets are compared by meaning (<see cref="TargetEquivalence"/>): <c>100%</c> and <c>=100.00(%)</c> agree. When
/// the project's forms come from several implementing units (实施单位), the columns are grouped by unit, each headed
/// with it, and a form is compared only with the previous form of its own unit.
/// </summary>
public sealed class Lineage
{
    public Lineage(string key, IReadOnlyList<FormDetail> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        Key = key;
        var units = forms.Select(f => UnitKey(f.Form)).Distinct(StringComparer.Ordinal).Count();
        ByUnit = units > 1;
        Forms = ByUnit ? [.. forms.Select((f, i) => (f, i)).OrderBy(x => UnitKey(x.f.Form), StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.f)] : forms;
        forms = Forms;
        var rows = new List<(string Key, IndicatorRecord First, LineageCell?[] Cells)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < forms.Count; c++)
        {
            var unit = UnitKey(forms[c].Form);
            var earlier = Enumerable.Range(0, c).Reverse().Where(p => !ByUnit || UnitKey(forms[p].Form) == unit).ToList();
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

                var previous = earlier.Select(p => rows[r].Cells[p]).FirstOrDefault(x => x is not null);
                var targetChanged = previous is not null && !TargetEquivalence.Same(previous.Indicator.Target, ind.Target);
                var weightChanged = previous is not null && previous.Indicator.Weight is { } pw && ind.Weight is { } w && pw != w;
                rows[r].Cells[c] = new LineageCell(ind, targetChanged, weightChanged, previous is null && earlier.Count > 0);
            }
        }

        Rows = [.. rows.Select(x => new LineageRow(x.Key, x.First.Name, x.First.Level1, x.First.Level2, x.Cells))];
        for (var c = 1; c < forms.Count; c++)
        {
            var unit = UnitKey(forms[c].Form);
            var before = Enumerable.Range(0, c).Reverse().Where(p => !ByUnit || UnitKey(forms[p].Form) == unit).Select(p => (int?)p).FirstOrDefault();
            if (before is { } b)
            {
                Dropped += Rows.Count(r => r.Cells[b] is not null && r.Cells[c] is null);
            }
        }
    }

    public string Key { get; }

    public IReadOnlyList<FormDetail> Forms { get; }

    public IReadOnlyList<LineageRow> Rows { get; }

    /// <summary>The forms come from several implementing units: columns are grouped and compared by unit.</summary>
    public bool ByUnit { get; }

    /// <summary>Targets that differ from the previous form holding the same indicator, over all forms.</summary>
    public int TargetChanges => Rows.Sum(r => r.Cells.Count(c => c is { TargetChanged: true }));

    /// <summary>Weights that differ from the previous form holding the same indicator.</summary>
    public int WeightChanges => Rows.Sum(r => r.Cells.Count(c => c is { WeightChanged: true }));

    /// <summary>Indicators a form has that the previous form (of its unit) did not hold before.</summary>
    public int Added => Rows.Sum(r => r.Cells.Count(c => c is { Added: true }));

    /// <summary>Indicators the previous form (of its unit) had and a form no longer has.</summary>
    public int Dropped { get; }

    /// <summary>Every change: targets, weights, indicators added and dropped.</summary>
    public int Changes => TargetChanges + WeightChanges + Added + Dropped;

    public static string ColumnTitle(FormRecord form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return (form.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—") + " " + Shared.Ui.KindShort(form.Kind);
    }

    private static string UnitKey(FormRecord form) => TextKey.Of(form.ImplementingUnit ?? form.Department);
}
