using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// The 补充信息 worksheet of an official workbook: what a form holds that the official table does not print, so that
/// export → import keeps it. Three parts, each written only when the form has something for it: the fields of other
/// layouts by their printed labels (项目编码, 项目类型, 政策依据, 长期目标, 评价结论 …), a 其他栏目 list of any other
/// labelled values, and a 三级指标 table of what the indicators hold beside their rows of the official table (指标性质,
/// 计量单位, 指标解释), every indicator in order, matched back by name (the n-th row of a name to its n-th indicator).
/// </summary>
internal static class OfficialSupplement
{
    /// <summary>The worksheet's name.</summary>
    public const string SheetName = "补充信息";

    /// <summary>The heading in A1.</summary>
    public const string Heading = "补充信息：官方表样未列示的栏目（导入时一并读取）";

    /// <summary>The header of the labelled fields.</summary>
    public const string FieldHeader = "栏目";

    /// <summary>The header of the other labelled values.</summary>
    public const string ExtraHeader = "其他栏目";

    /// <summary>The header of a value column.</summary>
    public const string ValueHeader = "内容";

    /// <summary>The headers of the indicator table.</summary>
    public static readonly string[] IndicatorHeaders = ["三级指标", "指标性质", "计量单位", "指标解释"];

    /// <summary>The column widths.</summary>
    public static readonly double[] Widths = [24, 14, 14, 60];

    /// <summary>The labelled fields, in the order written, with how they are got from and put into a form.</summary>
    public static readonly (string Label, Func<PerformanceForm, string?> Get, Action<PerformanceForm, string?> Set)[] Fields =
    [
        ("地区", f => f.Details.Region, (f, v) => f.Details.Region = v),
        ("项目编码", f => f.Details.ProjectCode, (f, v) => f.Details.ProjectCode = v),
        ("项目类型", f => f.Details.ProjectType, (f, v) => f.Details.ProjectType = v),
        ("实施期限", f => f.Details.ImplementationPeriod, (f, v) => f.Details.ImplementationPeriod = v),
        (NewProjectLabel, f => f.Details.NewProject switch { true => "是", false => "否", null => null }, (f, v) => f.Details.NewProject = v switch { "是" => true, "否" => false, _ => null }),
        ("分配方式", f => f.Details.AllocationMethod, (f, v) => f.Details.AllocationMethod = v),
        ("政策依据", f => f.Details.PolicyBasis, (f, v) => f.Details.PolicyBasis = v),
        ("测算依据", f => f.Details.CalculationBasis, (f, v) => f.Details.CalculationBasis = v),
        ("长期目标", f => f.Goals.LongTerm, (f, v) => f.Goals.LongTerm = v),
        ("评价结论", f => f.Details.ConclusionSummary, (f, v) => f.Details.ConclusionSummary = v),
        ("存在问题", f => f.Details.ConclusionProblems, (f, v) => f.Details.ConclusionProblems = v),
        ("改进措施", f => f.Details.ConclusionMeasures, (f, v) => f.Details.ConclusionMeasures = v),
    ];

    /// <summary>The label of 是否新增项目, whose value is 是 or 否.</summary>
    public const string NewProjectLabel = "是否新增项目";

    /// <summary>What an indicator holds beside its row of the official table.</summary>
    public static readonly (Func<Indicator, string?> Get, Action<Indicator, string?> Set)[] IndicatorFields =
    [
        (i => i.Operator, (i, v) => i.Operator = v),
        (i => i.Unit, (i, v) => i.Unit = v),
        (i => i.Explanation, (i, v) => i.Explanation = v),
    ];

    /// <summary>The worksheet of <paramref name="form"/>; null when the official table prints everything it holds.</summary>
    public static SheetGrid? Grid(PerformanceForm form)
    {
        var fields = Fields.Select(f => (f.Label, Value: f.Get(form))).Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        // every indicator in order when any has something here, so that the n-th row of a name is its n-th indicator
        var indicators = form.Indicators.Any(i => IndicatorFields.Any(f => !string.IsNullOrEmpty(f.Get(i)))) ? form.Indicators : [];
        if (fields.Count == 0 && form.Details.Extra.Count == 0 && indicators.Count == 0)
        {
            return null;
        }

        var g = new SheetGrid();
        var row = 1;
        g.Text(row++, 0, Heading, XlsxStyle.LeftLabel, colSpan: 4);
        if (fields.Count > 0)
        {
            Pairs(g, ref row, FieldHeader, fields);
        }

        if (form.Details.Extra.Count > 0)
        {
            Pairs(g, ref row, ExtraHeader, [.. form.Details.Extra.Select(e => (e.Key, (string?)e.Value))]);
        }

        if (indicators.Count > 0)
        {
            row++;
            for (var c = 0; c < IndicatorHeaders.Length; c++)
            {
                g.Text(row, c, IndicatorHeaders[c], XlsxStyle.Label);
            }

            foreach (var indicator in indicators)
            {
                row++;
                g.Text(row, 0, indicator.Name, XlsxStyle.Text);
                for (var c = 0; c < IndicatorFields.Length; c++)
                {
                    var text = IndicatorFields[c].Get(indicator);
                    g.Text(row, c + 1, text, XlsxStyle.Text);
                    g.Fit(row, text, Widths[c + 1]);
                }
            }
        }

        return g;
    }

    /// <summary>
    /// Reads the worksheet back into <paramref name="form"/> (whose indicators are read already): fields by their
    /// labels, the 其他栏目 into <see cref="FormDetails.Extra"/>, the indicator table onto the indicators by name.
    /// </summary>
    public static void Read(SheetCells cells, PerformanceForm form, Action<int, int?, DiagnosticSeverity, LocalText> report)
    {
        var section = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byName = form.Indicators.GroupBy(i => TextKey.Of(i.Name)).ToDictionary(g => g.Key, g => new Queue<Indicator>(g), StringComparer.Ordinal);
        for (var row = 2; row <= cells.LastRow; row++)
        {
            var label = cells.Text(row, 0);
            var key = TextKey.Of(label);
            var next = TextKey.Of(cells.Text(row, 1));
            if (key == FieldHeader && next == ValueHeader)
            {
                section = 0;
                continue;
            }

            if (key == ExtraHeader && next == ValueHeader)
            {
                section = 1;
                continue;
            }

            if (key == IndicatorHeaders[0] && next == IndicatorHeaders[1])
            {
                section = 2;
                continue;
            }

            var value = cells.Text(row, 1);
            var at = Xlsx.Reference(row, 0);
            if (section == 2)
            {
                // an indicator without a name has a row too: a blank row is its row when one is left, else nothing
                var blank = label is null && Enumerable.Range(1, IndicatorFields.Length).All(c => cells.Text(row, c) is null);
                if (byName.TryGetValue(key, out var queue) && queue.Count > 0)
                {
                    var indicator = queue.Dequeue();
                    for (var c = 0; c < IndicatorFields.Length; c++)
                    {
                        IndicatorFields[c].Set(indicator, cells.Text(row, c + 1));
                    }
                }
                else if (!blank)
                {
                    report(row, 0, DiagnosticSeverity.Warning, OfficialWorkbookMessages.SupplementIndicator.Format(at, label ?? ""));
                }

                continue;
            }

            if (label is null)
            {
                continue;
            }

            var field = section == 0 ? Array.FindIndex(Fields, f => f.Label == key) : -1;
            if (!seen.Add((field >= 0 ? "field:" : "extra:") + (field >= 0 ? key : label)))
            {
                report(row, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.SupplementTwice.Format(at, label));
            }
            else if (field < 0)
            {
                if (section == 0)
                {
                    report(row, 0, DiagnosticSeverity.Warning, OfficialWorkbookMessages.SupplementLabel.Format(at, label));
                }

                form.Details.Extra[label] = value ?? "";
            }
            else if (Fields[field].Label == NewProjectLabel && value is not null and not ("是" or "否"))
            {
                report(row, 1, DiagnosticSeverity.Error, OfficialWorkbookMessages.SupplementNewProject.Format(Xlsx.Reference(row, 1), value));
            }
            else
            {
                Fields[field].Set(form, value);
            }
        }
    }

    private static void Pairs(SheetGrid g, ref int row, string header, List<(string Label, string? Value)> pairs)
    {
        row++;
        g.Text(row, 0, header, XlsxStyle.Label);
        g.Text(row, 1, ValueHeader, XlsxStyle.Label, colSpan: 3);
        foreach (var (label, value) in pairs)
        {
            row++;
            g.Text(row, 0, label, XlsxStyle.LeftLabel);
            g.Text(row, 1, value, XlsxStyle.Text, colSpan: 3);
            g.Fit(row, value, 86);
        }

        row++;
    }
}
