using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// The 13 Shenzhen workbooks (二级项目支出绩效目标申报表, 松岗街道 2023; ../shared/real-world) as the .xlsx reader
/// gives them: one form per worksheet, the key/value rows, the indicator table with its merged level cells.
/// </summary>
public sealed class ShenzhenWorkbookTests
{
    private static readonly Dictionary<int, (int Sheets, int Indicators)> Published = new()
    {
        [1] = (20, 209), [2] = (20, 208), [3] = (20, 206), [4] = (20, 200), [5] = (15, 158), [6] = (20, 199), [8] = (20, 153),
        [9] = (20, 85), [10] = (20, 197), [11] = (20, 184), [12] = (20, 198), [13] = (20, 198), [14] = (16, 81),
    };

    private static readonly Lazy<Dictionary<int, (List<TableRow> Rows, List<Diagnostic> Diagnostics)>> Read = new(() =>
        RealWorld.ShenzhenWorkbooks.ToDictionary(RealWorld.Number, path => ExcelRows.Read(path)));

    [Fact]
    public void EveryWorkbookGivesOneTablePerWorksheet()
    {
        Assert.Equal(Published.Keys.Order(), Read.Value.Keys.Order());
        foreach (var (number, (rows, diagnostics)) in Read.Value)
        {
            Assert.Empty(diagnostics);
            Assert.Equal(Published[number].Sheets, rows.Select(r => r.Sheet).Distinct().Count());
            // Numbered from 1 over the whole workbook; each sheet's rows from its own row 1.
            Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Line));
            Assert.All(rows.GroupBy(r => r.Sheet), sheet => Assert.Equal(Enumerable.Range(1, sheet.Count()), sheet.Select(r => r.SourceRow ?? 0)));
        }

        Assert.Equal(251, Read.Value.Values.Sum(b => b.Rows.Select(r => r.Sheet).Distinct().Count()));
    }

    [Fact]
    public void EveryWorkbookIsRecognisedByItsHead()
    {
        foreach (var path in RealWorld.ShenzhenWorkbooks)
        {
            var bytes = File.ReadAllBytes(path);
            var head = bytes.AsSpan(0, Math.Min(bytes.Length, Jixiao.Ingest.Formats.FormatRegistry.HeadLength));
            Assert.Equal(Jixiao.Ingest.Formats.Recognition.Signature, new XlsxFormat().Recognises(head));
            Assert.Equal(Jixiao.Ingest.Formats.Recognition.No, new XlsFormat().Recognises(head));
        }
    }

    [Fact]
    public void TheFirstFormReadsAsPrinted()
    {
        var rows = Read.Value[1].Rows;
        var sheet = rows.Where(r => r.Sheet == "1.政府购买服务（专业技术服务类社区工作站管理经费）花果山社区").Select(ExcelRows.Joined).ToList();
        Assert.Equal(22, sheet.Count);
        Assert.Equal("二级项目支出绩效目标申报表", sheet[0]);
        // Key/value pairs: B:C merged, so C is given empty.
        Assert.Equal("项目编码：|440306231391500000173||项目名称：|政府购买服务（专业技术服务类社区工作站管理经费）花果山社区工作站", sheet[1]);
        Assert.Equal("申请单位：|深圳市宝安区松岗街道办事处（本级）||一级预算单位：|深圳市宝安区松岗街道办事处（本级）", sheet[2]);
        Assert.Equal("实施期限：|3||项目类型：|15 其他经费", sheet[3]);
        Assert.Equal("是否新增项目：|否||分配方式：|因素法和项目法", sheet[4]);
        // Numbers as printed: format 40 (#,##0.00;[Red](#,##0.00)).
        Assert.Equal("项目总金额（中期规划，万元）：|9,000.00||本年度项目金额（万元）：|3,000.00", sheet[5]);
        Assert.StartsWith("政策依据：|一、项目背景：\n1.社区工作站是政府在社区的服务平台", sheet[6], StringComparison.Ordinal);
        Assert.Equal("测算依据：|党群服务中心租金评估费0.3万元", sheet[7]);
        Assert.Equal("年度目标：|通过日常服务居民，使得居民问题得到及时解决。", sheet[8]);
        Assert.Equal("长期目标（跨度多年的项目需填）：|通过长期服务居民，维持社会稳定，提升居民生活的幸福感。", sheet[9]);
        Assert.Equal("一级指标|二级指标|三级指标|目标值|指标解释", sheet[10]);
        // A12:A15 merged (产出): given once, in row 12; the sheet stores 产出 again in A13:A15, which are covered.
        Assert.Equal("产出|数量|需出具物业评估报告的物业数量|1处|根据物业数量判定", sheet[11]);
        Assert.Equal("|质量|租赁的党群服务中心物业结构安全保证率|达到95%以上|根据检测报告判断物业结构安全性", sheet[12]);
        Assert.Equal("|时效|出具物业评估报告及时性|3个工作日|根据协议判断出具物业评估报告的及时性", sheet[13]);
        Assert.Equal("|成本|出具评估报告总成本|出具评估报告总成本不超过0.3万元|出具评估报告总成本不超过0.3万元", sheet[14]);
        Assert.Equal("效益|经济效益|不适用|不适用|不适用", sheet[15]);
        Assert.Equal("|社会效益|保障租赁的党群服务中心物业结构安全性|达到90%以上|根据检测报告判断物业结构安全性", sheet[16]);
        Assert.Equal("满意度|服务对象满意度|不适用|不适用|不适用", sheet[19]);
        Assert.Equal("|其他满意度|不适用|不适用|不适用", sheet[20]);
        Assert.Equal("备注：作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出。", sheet[21]);
    }

    [Fact]
    public void LineBreaksAndTabsInsideCellsAreKept()
    {
        var row = Read.Value[1].Rows.First(r => r.Sheet!.StartsWith("2.社区工作站管理经费（东方社区）", StringComparison.Ordinal) && r.SourceRow == 9);
        Assert.Equal("通过日常为工作人员提供伙食保障，使得工作人员就餐便利。\t\t\t\n", row.Cells[1]);
    }

    [Fact]
    public void EveryWorksheetHasItsHeaderAndItsIndicatorRows()
    {
        var total = 0;
        foreach (var (number, (rows, _)) in Read.Value)
        {
            var indicators = 0;
            foreach (var sheet in rows.GroupBy(r => r.Sheet))
            {
                var list = sheet.ToList();
                Assert.Equal("二级项目支出绩效目标申报表", list[0].Cells[0]);
                Assert.StartsWith("项目编码", list[1].Cells[0], StringComparison.Ordinal);
                var header = list.FindIndex(r => ExcelRows.Joined(r) == "一级指标|二级指标|三级指标|目标值|指标解释");
                Assert.True(header > 0, $"({number}) {sheet.Key}: no indicator header");
                // Project codes: 21 digits, printed as text.
                Assert.Matches("^[0-9]{21}$", list[1].Cells[1]);
                foreach (var row in list.Skip(header + 1).TakeWhile(r => !(First(r) ?? "").StartsWith("备注", StringComparison.Ordinal)))
                {
                    if (!string.IsNullOrWhiteSpace(row.Cells.ElementAtOrDefault(2)) || !string.IsNullOrWhiteSpace(row.Cells.ElementAtOrDefault(3)))
                    {
                        indicators++;
                    }
                }
            }

            Assert.True(Published[number].Indicators == indicators, $"({number}): {indicators} indicator rows, published {Published[number].Indicators}");
            total += indicators;
        }

        Assert.Equal(2276, total);
    }

    [Fact]
    public void MergedLevelCellsAreGivenOnce()
    {
        // 产出 / 效益 / 满意度 each begin a merged block of column A: every sheet names each level once.
        foreach (var (_, (rows, _)) in Read.Value)
        {
            foreach (var sheet in rows.GroupBy(r => r.Sheet))
            {
                var levels = sheet.Select(First).Where(c => c is "产出" or "效益" or "满意度").ToList();
                Assert.Equal(["产出", "效益", "满意度"], levels);
            }
        }
    }

    /// <summary>
    /// The 13 workbooks read as forms (the assembler's part): 251 target declarations with 2,276 indicator rows — the
    /// rows with a 三级指标 or a 目标值, 不适用 rows included — every printed field where the form has it, and the traps
    /// reported: amounts labelled 万元 whose size says yuan, and blank forms (空表).
    /// </summary>
    [Fact]
    public void ShenzhenWorkbooksReadAsDeclarations()
    {
        var perWorkbook = new List<(string File, int Forms, int Indicators)>();
        var forms = new List<PerformanceForm>();
        foreach (var path in RealWorld.ShenzhenWorkbooks)
        {
            using var stream = File.OpenRead(path);
            var read = new XlsxFormat().Read(stream, Path.GetFileName(path), null).ToList();
            perWorkbook.Add((Path.GetFileName(path), read.Count, read.Sum(f => f.Indicators.Count)));
            forms.AddRange(read);
        }

        Assert.Equal(251, forms.Count);
        Assert.Equal(2276, forms.Sum(f => f.Indicators.Count));
        Assert.Contains(perWorkbook, w => w.File.Contains("(1)", StringComparison.Ordinal) && w.Forms == 20 && w.Indicators == 209);
        Assert.Contains(perWorkbook, w => w.File.Contains("(14)", StringComparison.Ordinal) && w.Forms == 16 && w.Indicators == 81);
        Assert.All(forms, f =>
        {
            Assert.Equal(FormKind.TargetDeclaration, f.Kind);
            Assert.False(string.IsNullOrWhiteSpace(f.ProjectName));
            Assert.Matches("^[0-9]{21}$", f.Details.ProjectCode);
            Assert.False(string.IsNullOrWhiteSpace(f.Department));
            Assert.False(string.IsNullOrWhiteSpace(f.ImplementingUnit));
            Assert.NotNull(f.Details.ProjectType);
            Assert.NotNull(f.Details.NewProject);
            Assert.Equal(MoneyUnit.TenThousandYuan, f.MoneyUnit);
            Assert.NotNull(f.DeclarationFunds?.AnnualTotal);
            Assert.Equal(("xlsx", (int?)null), (f.Details.SourceFormat, f.Details.SourcePage));
            Assert.False(string.IsNullOrEmpty(f.Details.SourceSheet));
        });

        var empty = forms.SelectMany(f => f.Indicators).Where(i => string.IsNullOrWhiteSpace(i.Name) && string.IsNullOrWhiteSpace(i.Target)).ToList();
        Assert.Empty(empty);
        Assert.All(forms.SelectMany(f => f.Indicators), i => Assert.Contains(i.Level1, new[] { "产出", "效益", "满意度" }));
        Assert.True(forms.SelectMany(f => f.Indicators).Count(i => i.Explanation is not null) > 2000);

        // The traps: blank forms and amounts labelled 万元 that are yuan are named on their forms.
        var blank = forms.Where(f => f.Diagnostics.Any(d => d.Message.Contains("indicator table is blank", StringComparison.Ordinal))).ToList();
        Assert.All(blank, f => Assert.Empty(f.Indicators));
        Assert.Equal(forms.Count(f => f.Indicators.Count == 0), blank.Count);
        Assert.True(blank.Count > 0);
        var yuan = forms.Where(f => f.Diagnostics.Any(d => d.Message.Contains("is labelled 万元 but", StringComparison.Ordinal))).ToList();
        Assert.True(yuan.Count > 100, $"{yuan.Count} forms flagged for a 万元 label over yuan");
    }

    private static string? First(TableRow row) => row.Cells.Count > 0 ? row.Cells[0] : null;
}
