using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Tests.RoundTrip;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// A unit fills the official workbook offline and uploads it back (issue 11, item 4): cells edited with the Open XML
/// SDK as a person edits them in Excel or WPS, then read back — the exact values typed, or the exact messages naming
/// the cells that break the layout.
/// </summary>
public sealed class OfficialWorkbookEditTests
{
    /// <summary>
    /// Rows 13–17: 产出指标 (A13:A15) / 数量指标 (B13:B14) ×2, 质量指标; 效益指标 / 社会效益指标; 满意度指标 /
    /// 服务对象满意度指标; the 总分 row is 18.
    /// </summary>
    private static PerformanceForm SelfEvaluation() => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = 2024,
        ProjectName = "社区居民技能培训",
        Department = "上海市宝山区人力资源和社会保障局",
        ImplementingUnit = "上海市宝山区就业促进中心",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds
        {
            Total = new FundLine { InitialBudget = 1_000_000m, AnnualBudget = 1_000_000m, Executed = 950_000m, Weight = 10, ExecutionRate = 95m, Score = 9.5m },
            Appropriation = new FundLine { InitialBudget = 1_000_000m, AnnualBudget = 1_000_000m, Executed = 950_000m },
        },
        Goals = new Goals { Expected = "全年培训居民100人以上。", Actual = "全年培训居民120人。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "培训人数", Target = "≥100人", Actual = "120人", Weight = 20, Score = 20 },
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "培训场次", Target = "≥4场", Actual = "4场", Weight = 10, Score = 10 },
            new Indicator { Level1 = "产出指标", Level2 = "质量指标", Name = "结业合格率", Target = "≥95%", Actual = "97%", Weight = 20, Score = 20 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "受益居民人数", Target = "≥500人", Actual = "450人", Weight = 30, Score = 27, Deviation = "部分居民未到场。" },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "学员满意度", Target = "≥90%", Actual = "93%", Weight = 10, Score = 10 },
        ],
        TotalWeight = 100,
        TotalScore = 96.5m,
        Grade = "优",
    };

    /// <summary>Rows 13–15: 产出指标 / 数量指标, 时效指标; 满意度指标 / 服务对象满意度指标.</summary>
    private static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = "社区居民技能培训",
        Department = "上海市宝山区人力资源和社会保障局",
        ImplementingUnit = "上海市宝山区就业促进中心",
        Category = "经常性项目",
        PlannedStart = new DateOnly(2025, 1, 1),
        PlannedEnd = new DateOnly(2025, 12, 31),
        MoneyUnit = MoneyUnit.Yuan,
        DeclarationFunds = new DeclarationFunds { ProjectTotal = 300_000m, ProjectFiscal = 300_000m, AnnualTotal = 100_000m, AnnualAppropriation = 100_000m },
        Goals = new Goals { Overall = "三年培训居民300人。", Annual = "全年培训居民100人。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "培训人数", Target = "≥100人" },
            new Indicator { Level1 = "产出指标", Level2 = "时效指标", Name = "完成时间", Target = "2025年12月底前" },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "学员满意度", Target = "≥90%" },
        ],
    };

    [Fact]
    public void An_unchanged_workbook_of_either_kind_reads_back_as_written_with_no_message()
    {
        foreach (var form in new[] { SelfEvaluation(), Declaration() })
        {
            var result = OfficialWorkbookReader.Read(OfficialWorkbook.Write(form), "form.xlsx");

            Assert.True(result.Marked);
            Assert.Empty(result.Messages);
            Assert.Empty(FormFields.Differences(form, result.Form!));
            Assert.Equal(form.Kind, result.Form!.Kind);
        }
    }

    [Fact]
    public void Actual_values_typed_as_text_as_numbers_and_as_percentages_read_back_as_shown()
    {
        var bytes = Edit(SelfEvaluation(), e => e
            .Text("F14", "3场（1场因场地维修取消）")
            .Number("F13", 118)
            .Number("F15", 0.96, format: 9)); // 0% shows 96%

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Empty(result.Messages);
        var indicators = result.Form!.Indicators;
        Assert.Equal(new string?[] { "118", "3场（1场因场地维修取消）", "96%", "450人", "93%" }, indicators.Select(i => i.Actual));
    }

    [Fact]
    public void A_row_inserted_inside_a_group_takes_the_levels_merged_over_it()
    {
        var bytes = Edit(SelfEvaluation(), e => e
            .InsertRow(14)
            .Text("C14", "培训课时").Text("E14", "≥40课时").Text("F14", "42课时").Number("G14", 5).Number("H14", 5)
            .Number("G19", 105).Number("H19", 101.5));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Empty(result.Messages);
        var form = result.Form!;
        Assert.Equal(["培训人数", "培训课时", "培训场次", "结业合格率", "受益居民人数", "学员满意度"], form.Indicators.Select(i => i.Name));
        var added = form.Indicators[1];
        Assert.Equal(("产出指标", "数量指标", "≥40课时", "42课时", 5m, 5m, 14), (added.Level1, added.Level2, added.Target, added.Actual, added.Weight, added.Score, added.SourceLine));
        Assert.Equal((105m, 101.5m, "优"), (form.TotalWeight, form.TotalScore, form.Grade));
    }

    [Fact]
    public void A_row_added_below_a_group_takes_the_levels_of_the_row_above_with_a_warning_on_each_level_cell()
    {
        var bytes = Edit(SelfEvaluation(), e => e
            .InsertRow(16)
            .Text("C16", "培训教材印发").Text("E16", "100%").Text("F16", "100%").Number("G16", 5).Number("H16", 5));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        var added = result.Form!.Indicators[3];
        Assert.Equal(("产出指标", "质量指标", "培训教材印发"), (added.Level1, added.Level2, added.Name));
        Assert.Equal("效益指标", result.Form.Indicators[4].Level1);
        Assert.Collection(result.Messages,
            m => AssertMessage(m, "A16", DiagnosticSeverity.Warning, "OWB-LEVEL-CARRIED",
                "A16：一级指标为空，且未与上方的单元格合并：按上一行的「产出指标」读取；若不是，请填写",
                "A16: the first-level indicator is empty and not merged with the cell above: read as \"产出指标\" from the row above; type it if that is wrong"),
            m => AssertMessage(m, "B16", DiagnosticSeverity.Warning, "OWB-LEVEL-CARRIED",
                "B16：二级指标为空，且未与上方的单元格合并：按上一行的「质量指标」读取；若不是，请填写",
                "B16: the second-level indicator is empty and not merged with the cell above: read as \"质量指标\" from the row above; type it if that is wrong"));
    }

    [Fact]
    public void A_new_group_typed_below_the_table_of_a_declaration_is_read_with_its_own_levels()
    {
        var bytes = Edit(Declaration(), e => e
            .Text("B16", "效益指标").Text("C16", "社会效益指标").Text("D16", "就业率").Text("E16", "≥60%"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Empty(result.Messages);
        var added = result.Form!.Indicators[^1];
        Assert.Equal(("效益指标", "社会效益指标", "就业率", "≥60%"), (added.Level1, added.Level2, added.Name, added.Target));
    }

    [Fact]
    public void A_weight_typed_in_words_or_with_a_unit_is_an_error_naming_its_cell_and_a_plain_number_as_text_is_read()
    {
        var bytes = Edit(SelfEvaluation(), e => e
            .Text("G13", "十分")
            .Text("H13", "20分")
            .Text("G14", " 10 ")
            .Text("G15", "２０")
            .Text("F6", "95万元")
            .Text("E6", "1,000"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.True(result.HasErrors);
        Assert.Collection(result.Messages,
            m => AssertMessage(m, "F6", DiagnosticSeverity.Error, "OWB-NUMBER",
                "F6：年度资金总额的全年执行数应为数字，实为「95万元」",
                "F6: the amount executed of 年度资金总额 should be a number, found \"95万元\""),
            m => AssertMessage(m, "G13", DiagnosticSeverity.Error, "OWB-NUMBER", "G13：分值应为数字，实为「十分」", "G13: the weight should be a number, found \"十分\""),
            m => AssertMessage(m, "H13", DiagnosticSeverity.Error, "OWB-NUMBER", "H13：得分应为数字，实为「20分」", "H13: the score should be a number, found \"20分\""));
        var form = result.Form!;
        Assert.Equal(new decimal?[] { null, 10m, 20m, 30m, 10m }, form.Indicators.Select(i => i.Weight));
        Assert.Null(form.Indicators[0].Score);
        Assert.Equal((10_000_000m, (decimal?)null), (form.SelfEvaluationFunds!.Total!.AnnualBudget, form.SelfEvaluationFunds.Total.Executed));
    }

    [Fact]
    public void A_percentage_is_read_in_the_rate_column_and_refused_as_a_weight()
    {
        var bytes = Edit(SelfEvaluation(), e => e.Number("H6", 0.9512, format: 10).Number("G13", 0.2, format: 9));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Equal(95.12m, result.Form!.SelfEvaluationFunds!.Total!.ExecutionRate);
        var m = Assert.Single(result.Messages);
        AssertMessage(m, "G13", DiagnosticSeverity.Error, "OWB-NUMBER", "G13：分值应为数字，实为「20%」", "G13: the weight should be a number, found \"20%\"");
    }

    [Fact]
    public void A_formula_without_a_result_is_an_error()
    {
        var bytes = Edit(SelfEvaluation(), e => e.Formula("G18", "SUM(G13:G17)"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        AssertMessage(Assert.Single(result.Messages), "G18", DiagnosticSeverity.Error, "OWB-FORMULA",
            "G18：总分的分值是没有计算结果的公式：请在 Excel 或 WPS 中重新计算后保存，或直接填写数字",
            "G18: the total weight is a formula without a computed result: recalculate in Excel or WPS and save, or type the number");
        Assert.Null(result.Form!.TotalWeight);
    }

    [Fact]
    public void A_changed_header_is_named_with_what_it_should_be_and_the_values_are_still_read()
    {
        var bytes = Edit(SelfEvaluation(), e => e.Text("E12", "目标").Text("D5", "预算数"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Collection(result.Messages,
            m => AssertMessage(m, "D5", DiagnosticSeverity.Error, "OWB-HEADER", "D5：表头应为「年初预算数」，实为「预算数」", "D5: the header should be \"年初预算数\", found \"预算数\""),
            m => AssertMessage(m, "E12", DiagnosticSeverity.Error, "OWB-HEADER", "E12：表头应为「年度指标值」，实为「目标」", "E12: the header should be \"年度指标值\", found \"目标\""));
        Assert.Equal("≥100人", result.Form!.Indicators[0].Target);
    }

    [Fact]
    public void Without_its_mark_a_workbook_of_either_kind_is_recognised_by_its_heading_and_read_whole()
    {
        foreach (var form in new[] { SelfEvaluation(), Declaration() })
        {
            var result = OfficialWorkbookReader.Read(Edit(form, e => e.RemoveMark()), "wps.xlsx");

            Assert.False(result.Marked);
            Assert.Empty(FormFields.Differences(form, result.Form!));
            Assert.Equal(form.Kind, result.Form!.Kind);
            var m = Assert.Single(result.Messages);
            Assert.Equal((DiagnosticSeverity.Info, "OWB-MARK-MISSING", (string?)null), (m.Severity, m.Text.Code, m.Cell));
            Assert.Contains($"按工作表「{OfficialLayout.SheetName(form.Kind)}」A1 的标题识别为{OfficialLayout.Title(form.Kind)}", m.Text.Zh, StringComparison.Ordinal);
        }
    }

    /// <summary>Saved again by another program (LibreOffice Calc: shared strings, its own styles, numbers as it writes them), the workbook reads the same.</summary>
    [LibreOfficeTheory]
    [InlineData("xlsx:Calc Office Open XML")]
    public void A_workbook_saved_again_by_another_spreadsheet_program_reads_back_the_same(string filter)
    {
        var form = SelfEvaluation();
        var dir = CorpusRendering.Scratch("official-workbook");
        var input = Path.Combine(dir, "filled.xlsm");
        File.WriteAllBytes(input, OfficialWorkbook.Write(form));

        var result = OfficialWorkbookReader.Read(File.ReadAllBytes(CorpusRendering.Soffice(input, filter)), "filled.xlsx");

        Assert.Empty(FormFields.Differences(form, result.Form!));
        Assert.DoesNotContain(result.Messages, m => m.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void A_split_merge_with_text_outside_its_first_cell_is_an_error_and_the_split_a_warning()
    {
        var bytes = Edit(SelfEvaluation(), e => e.Unmerge("C3:I3").Text("E3", "（二期）"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Collection(result.Messages,
            m => AssertMessage(m, "C3", DiagnosticSeverity.Warning, "OWB-MERGE-BROKEN",
                "C3：合并单元格已被拆分或改动（应为 C3:I3）；内容仍按原位置读取",
                "C3: the merged cells were split or changed (expected C3:I3); the content was still read from its place"),
            m => AssertMessage(m, "E3", DiagnosticSeverity.Error, "OWB-MERGE-CONTENT",
                "E3：内容「（二期）」位于应合并的区域 C3:I3 内，却不在其首个单元格 C3 中（合并单元格已被拆分）：未读取；请把内容移到 C3",
                "E3: \"（二期）\" lies inside C3:I3, which should be one merged cell, but not in its first cell C3 (the merged cells were split): not read; move it to C3"));
        Assert.Equal("社区居民技能培训", result.Form!.ProjectName);
    }

    [Fact]
    public void An_unknown_first_level_name_is_an_error_and_kept_as_typed()
    {
        var bytes = Edit(SelfEvaluation(), e => e.Text("A16", "效果指标"));

        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        AssertMessage(Assert.Single(result.Messages), "A16", DiagnosticSeverity.Error, "OWB-LEVEL1-UNKNOWN",
            "A16：一级指标「效果指标」不是已知的名称：应为产出指标、效益指标、满意度指标或成本指标",
            "A16: the first-level indicator \"效果指标\" is not a known name: expected 产出指标, 效益指标, 满意度指标 or 成本指标");
        Assert.Equal("效果指标", result.Form!.Indicators[3].Level1);
    }

    [Fact]
    public void Dates_typed_in_a_spreadsheet_read_back_and_a_word_is_an_error()
    {
        var typed = OfficialWorkbookReader.Read(Edit(Declaration(), e => e.Number("B5", 45658, format: 14).Text("E5", "2026/3/31")), "filled.xlsx");
        Assert.Empty(typed.Messages);
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2026, 3, 31)), (typed.Form!.PlannedStart, typed.Form.PlannedEnd));

        var word = OfficialWorkbookReader.Read(Edit(Declaration(), e => e.Text("E5", "年底")), "filled.xlsx");
        AssertMessage(Assert.Single(word.Messages), "E5", DiagnosticSeverity.Error, "OWB-DATE",
            "E5：计划完成日期应为日期（如 2024年1月1日），实为「年底」", "E5: the planned end should be a date (such as 2024年1月1日), found \"年底\"");
        Assert.Null(word.Form!.PlannedEnd);
    }

    [Fact]
    public void A_changed_money_unit_reads_the_amounts_in_that_unit()
    {
        var bytes = Edit(Declaration(), e => e.Text("A6", "项目资金（万元）"));

        var form = OfficialWorkbookReader.Read(bytes, "filled.xlsx").Form!;

        Assert.Equal((MoneyUnit.TenThousandYuan, 3_000_000_000m), (form.MoneyUnit, form.DeclarationFunds!.ProjectTotal));
    }

    [Fact]
    public void The_supplementary_sheet_gives_back_what_the_official_table_does_not_print_and_names_its_problems()
    {
        var form = Declaration();
        form.Details.ProjectCode = "440306231391500000173";
        form.Details.NewProject = false;
        form.Details.PolicyBasis = "《宝山区就业促进条例》";
        form.Details.Extra["项目负责人"] = "张某";
        form.Goals.LongTerm = "持续提升居民就业能力。";
        form.Indicators[1].Explanation = "以结业证书日期为准";
        var written = OfficialWorkbook.Write(form);
        Assert.Empty(FormFields.Differences(form, OfficialWorkbookReader.Read(written, "form.xlsx").Form!));

        using var edit = new WorkbookEdit(written, OfficialSupplement.SheetName);
        var bytes = edit.Text("B5", "不确定").Text("A14", "完成時間").Save();
        var result = OfficialWorkbookReader.Read(bytes, "filled.xlsx");

        Assert.Collection(result.Messages,
            m => AssertMessage(m, "B5", DiagnosticSeverity.Error, "OWB-SUPPLEMENT-YESNO", "B5：是否新增项目应为「是」或「否」，实为「不确定」", "B5: 是否新增项目 should be 是 or 否, found \"不确定\""),
            m => AssertMessage(m, "A14", DiagnosticSeverity.Warning, "OWB-SUPPLEMENT-INDICATOR",
                "A14：三级指标「完成時間」在表单中没有对应的行（可能已改名或删除）：其补充信息未读取",
                "A14: the indicator \"完成時間\" has no row in the form (it may have been renamed or removed): its supplementary values were not read"));
        Assert.Equal(("440306231391500000173", "张某", "持续提升居民就业能力。"), (result.Form!.Details.ProjectCode, result.Form.Details.Extra["项目负责人"], result.Form.Goals.LongTerm));
    }

    [Fact]
    public void A_newer_layout_is_refused_and_a_workbook_of_another_layout_is_not_taken_for_one()
    {
        var newer = OfficialWorkbookReader.Read(Edit(SelfEvaluation(), e => e.Mark("jixiao.official-workbook/2;kind=self-evaluation;sheet=绩效自评表")), "new.xlsx");
        Assert.Null(newer.Form);
        Assert.Equal("OWB-MARK-VERSION", Assert.Single(newer.Messages).Text.Code);

        var other = OfficialWorkbookReader.Read(File.ReadAllBytes(RealWorld.ShenzhenWorkbooks[0]), "shenzhen.xlsx");
        Assert.Null(other.Form);
        Assert.Equal(("OWB-NOT-OFFICIAL", DiagnosticSeverity.Error), (Assert.Single(other.Messages).Text.Code, other.Messages[0].Severity));

        var junk = OfficialWorkbookReader.Read("not a workbook"u8.ToArray(), "junk.xlsx");
        Assert.Null(junk.Form);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(junk.Messages).Severity);
    }

    [Fact]
    public void An_indicator_table_longer_than_the_limit_is_cut_there_and_a_sheet_far_larger_than_a_form_is_refused()
    {
        static PerformanceForm WithIndicators(int count)
        {
            var form = Declaration();
            form.Indicators = [.. Enumerable.Range(1, count).Select(i => new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = $"指标{i}", Target = "≥1个" })];
            return form;
        }

        var cut = OfficialWorkbookReader.Read(OfficialWorkbook.Write(WithIndicators(OfficialSheetReader.MaxIndicatorRows + 5)), "long.xlsx");
        Assert.Equal(OfficialSheetReader.MaxIndicatorRows, cut.Form!.Indicators.Count);
        Assert.Contains(cut.Messages, m => (m.Text.Code, m.Cell, m.Severity) == ("OWB-TOO-MANY-ROWS", "A2013", DiagnosticSeverity.Error));

        var huge = OfficialWorkbookReader.Read(OfficialWorkbook.Write(WithIndicators(9_000)), "huge.xlsx");
        Assert.Null(huge.Form);
        Assert.Equal("OWB-TOO-LARGE", Assert.Single(huge.Messages).Text.Code);
    }

    [Fact]
    public void Messages_become_diagnostics_on_their_row_in_both_languages()
    {
        var result = OfficialWorkbookReader.Read(Edit(SelfEvaluation(), e => e.Text("G13", "十分")), "filled.xlsx");

        var d = Assert.Single(result.Form!.Diagnostics);
        Assert.Equal("filled.xlsx:13: error: G13: the weight should be a number, found \"十分\"", d.ToString());
        Assert.Equal(("OWB-NUMBER", "G13：分值应为数字，实为「十分」"), (d.Code, d.MessageZh));
        Assert.Equal("OWB-NUMBER", ReaderMessages.Catalogue.Read(d.Message)!.Code);
    }

    private static byte[] Edit(PerformanceForm form, Func<WorkbookEdit, WorkbookEdit> edit)
    {
        using var workbook = new WorkbookEdit(OfficialWorkbook.Write(form));
        return edit(workbook).Save();
    }

    private static void AssertMessage(OfficialWorkbookMessage m, string cell, DiagnosticSeverity severity, string code, string zh, string en)
    {
        Assert.Equal((cell, severity, code), (m.Cell, m.Severity, m.Text.Code));
        Assert.Equal(zh, m.Text.Zh);
        Assert.Equal(en, m.Text.En);
    }
}
