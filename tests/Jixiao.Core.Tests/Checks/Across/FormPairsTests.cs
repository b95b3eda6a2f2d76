using Jixiao.Core.Checks;
using Jixiao.Core.Checks.Across;
using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Checks.Across;

/// <summary>Each check across forms with a pair that passes and a pair that fails (forms made in code, values invented).</summary>
public class FormPairsTests
{
    private const string Department = "某区测试局";

    private static Indicator Row(string level2, string name, string target, string? actual = null, decimal? weight = null) => new()
    {
        Level1 = level2.Contains("满意", StringComparison.Ordinal) ? "满意度指标" : level2.Contains("效益", StringComparison.Ordinal) ? "效益指标" : "产出指标",
        Level2 = level2,
        Name = name,
        Target = target,
        Actual = actual,
        Weight = weight,
        Score = actual is null ? null : weight,
    };

    private static List<Indicator> Table(string prefix) =>
    [
        Row("数量指标", prefix + "设备采购数量", "≥20台", "20台", 20),
        Row("质量指标", prefix + "验收合格率", "=100%", "100%", 15),
        Row("时效指标", prefix + "完成及时性", "及时", "达成指标", 15),
        Row("社会效益指标", prefix + "服务覆盖率", "≥90%", "92%", 15),
        Row("可持续影响指标", prefix + "制度健全性", "健全", "达成指标", 15),
        Row("服务对象满意度指标", prefix + "群众满意度", "≥90%", "95%", 10),
    ];

    private static PerformanceForm Self(string project, int year = 2024, List<Indicator>? indicators = null, decimal budget = 1_000_000m, decimal executed = 950_000m, string? goal = null, string? unit = null) => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = year,
        ProjectName = project,
        Department = Department,
        ImplementingUnit = unit ?? Department,
        SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { AnnualBudget = budget, Executed = executed, Weight = 10 } },
        Goals = new Goals { Expected = goal, Actual = goal is null ? null : "已完成：" + goal },
        Indicators = indicators ?? Table(""),
    };

    private static PerformanceForm Declaration(string project, int year, List<Indicator> indicators, decimal annual = 1_000_000m) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = year,
        ProjectName = project,
        Department = Department,
        ImplementingUnit = Department,
        DeclarationFunds = new DeclarationFunds { ProjectTotal = annual, AnnualTotal = annual },
        Indicators = indicators,
    };

    private static IReadOnlyList<PairFinding> Compare(PerformanceForm a, PerformanceForm b, string hashA = "", string hashB = "") =>
        FormPairs.Compare(new ComparedForm(a, hashA), new ComparedForm(b, hashB));

    private static string[] Codes(IReadOnlyList<PairFinding> found) => [.. found.Select(f => f.Rule.Code).Distinct()];

    [Fact]
    public void Two_projects_with_the_same_indicator_table_are_copies_on_both_forms()
    {
        var found = Compare(Self("道路照明设施维护"), Self("社区图书室运营"));

        Assert.Equal(["FORM-COPIED"], Codes(found));
        Assert.Equal([PairSide.First, PairSide.Second], found.Select(f => f.On));
        Assert.Contains("6 行相同", found[0].MessageZh, StringComparison.Ordinal);
        Assert.Contains("社区图书室运营", found[0].MessageZh, StringComparison.Ordinal);
        Assert.Contains("道路照明设施维护", found[1].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_projects_with_their_own_indicators_are_not_copies()
    {
        Assert.Empty(Compare(Self("道路照明设施维护", indicators: Table("照明")), Self("社区图书室运营", indicators: Table("图书"))));
    }

    [Fact]
    public void Few_shared_standard_rows_do_not_make_a_copy()
    {
        var a = Table("照明");
        var b = Table("图书");
        b[4] = a[4];
        b[5] = a[5]; // two standard rows shared of six: 2 / 10
        Assert.Empty(Compare(Self("道路照明设施维护", indicators: a), Self("社区图书室运营", indicators: b)));
    }

    [Fact]
    public void A_long_goal_shared_by_two_projects_is_reused_but_a_short_one_is_not()
    {
        const string Long = "全年完成辖区内全部公共设施的日常巡查与维修养护，确保设施完好率保持在较高水平并及时处置群众报修事项";
        var found = Compare(Self("道路照明设施维护", indicators: Table("照明"), goal: Long), Self("社区图书室运营", indicators: Table("图书"), goal: Long));
        Assert.Equal(["GOALS-REUSED"], Codes(found));
        Assert.Equal("goals.expected", found[0].Field);

        Assert.Empty(Compare(Self("道路照明设施维护", indicators: Table("照明"), goal: "保障运行"), Self("社区图书室运营", indicators: Table("图书"), goal: "保障运行")));
    }

    [Fact]
    public void The_same_project_and_unit_twice_in_one_year_is_evaluated_twice()
    {
        var found = Compare(Self("2024年道路照明设施维护", indicators: Table("照明")), Self("道路照明设施维护", indicators: Table("照明"), executed: 900_000m));
        Assert.Equal(["PROJECT-TWICE"], Codes(found));
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void The_same_project_of_two_implementing_units_is_not_evaluated_twice()
    {
        Assert.Empty(Compare(Self("道路照明设施维护", indicators: Table("照明"), unit: "甲街道"), Self("道路照明设施维护", indicators: Table("照明"), executed: 900_000m, unit: "乙街道")));
    }

    [Fact]
    public void Two_years_with_exactly_the_same_money_are_evaluated_twice_and_different_money_is_not()
    {
        var found = Compare(Self("道路照明设施维护", 2023, Table("照明")), Self("道路照明设施维护", 2024, Table("照明2")));
        Assert.Equal(["PROJECT-TWICE"], Codes(found));
        Assert.Contains("100.00 万元", found[0].MessageZh, StringComparison.Ordinal);

        Assert.Empty(Compare(Self("道路照明设施维护", 2023, Table("照明")), Self("道路照明设施维护", 2024, Table("照明2"), budget: 1_200_000m)));
    }

    [Fact]
    public void Similarly_named_carry_overs_with_one_table_are_evaluated_twice_not_copied()
    {
        var found = Compare(Self("区电子平台运维费（2022年结转）"), Self("宝山区电子平台运维费（2023年结转）"));
        Assert.Equal(["PROJECT-TWICE"], Codes(found));
    }

    [Fact]
    public void The_same_content_twice_is_a_duplicate_and_nothing_else()
    {
        var found = Compare(Self("道路照明设施维护"), Self("道路照明设施维护"), new string('a', 64), new string('a', 64));
        Assert.Equal(["FORM-DUPLICATE"], Codes(found));
        Assert.All(found, f => Assert.Equal(Severity.Info, f.Rule.Severity));
    }

    [Fact]
    public void A_budget_five_times_the_declared_one_jumps_and_a_tenth_more_does_not()
    {
        var declared = Declaration("道路照明设施维护", 2023, Table(""), annual: 1_000_000m);
        var found = Compare(declared, Self("2024年道路照明设施维护", budget: 5_500_000m, executed: 5_000_000m));
        var jump = Assert.Single(found, f => f.Rule.Code == "DECL-BUDGET-JUMP");
        Assert.Equal(PairSide.Second, jump.On);
        Assert.Equal("funds.total.annualBudget", jump.Field);
        Assert.Contains("5.5 倍", jump.MessageZh, StringComparison.Ordinal);

        Assert.DoesNotContain(Compare(declared, Self("道路照明设施维护", budget: 1_100_000m, executed: 1_000_000m)), f => f.Rule.Code == "DECL-BUDGET-JUMP");
        Assert.Single(Compare(declared, Self("道路照明设施维护", budget: 400_000m, executed: 400_000m)), f => f.Rule.Code == "DECL-BUDGET-JUMP");
    }

    [Fact]
    public void A_declaration_two_years_before_or_of_another_project_is_not_compared()
    {
        Assert.Empty(Compare(Declaration("道路照明设施维护", 2022, Table(""), 100_000m), Self("道路照明设施维护", 2024)));
        Assert.Empty(Compare(Declaration("社区图书室运营", 2024, Table(""), 100_000m), Self("道路照明设施维护", 2024)));
    }

    [Fact]
    public void Declared_indicators_dropped_and_added_are_counted_and_named()
    {
        var declared = Table("");
        var evaluated = Table("")[..4];
        evaluated.Add(Row("服务对象满意度指标", "使用单位满意度", "≥90%", "95%", 20));
        var found = Compare(Declaration("道路照明设施维护", 2024, declared), Self("道路照明设施维护", 2024, evaluated));

        var changed = Assert.Single(found, f => f.Rule.Code == "DECL-INDICATORS-CHANGED");
        Assert.Contains("6 项指标中有 2 项未在自评表中评价（制度健全性、群众满意度）", changed.MessageZh, StringComparison.Ordinal);
        Assert.Contains("新增 1 项（使用单位满意度）", changed.MessageZh, StringComparison.Ordinal);

        // one renamed indicator (one dropped, one added) is two changes; none at all is nothing
        var renamed = Table("");
        renamed[0].Name = "设备采购台数";
        Assert.Single(Compare(Declaration("道路照明设施维护", 2024, declared), Self("道路照明设施维护", 2024, renamed)), f => f.Rule.Code == "DECL-INDICATORS-CHANGED");
        Assert.Empty(Compare(Declaration("道路照明设施维护", 2024, declared), Self("道路照明设施维护", 2024, Table(""))));
    }

    [Fact]
    public void A_target_lowered_or_made_words_is_reported_on_its_row()
    {
        var declared = Table("");
        var evaluated = Table("");
        evaluated[0].Target = "≥15台";
        evaluated[3].Target = "提高";
        var found = Compare(Declaration("道路照明设施维护", 2024, declared), Self("道路照明设施维护", 2024, evaluated));

        Assert.Equal(["indicators[0].target", "indicators[3].target"], found.Where(f => f.Rule.Code == "DECL-TARGET-LOWERED").Select(f => f.Field));
    }

    [Theory]
    [InlineData("≥20台", "≥15台", true)]
    [InlineData("≥20台", "≥25台", false)]
    [InlineData("=100%", "≥95%", true)]
    [InlineData("100%", "=100.00(%)", false)]
    [InlineData("<5%", "<8%", true)]
    [InlineData("<5%", "<3%", false)]
    [InlineData("≥90%", "90.00(%)", false)]
    [InlineData("≥20台", "≥15%", false)]
    [InlineData("≥90%", "达成年度指标", true)]
    [InlineData("及时", "及时", false)]
    public void Lowered_reads_targets_by_their_meaning(string before, string after, bool lowered) =>
        Assert.Equal(lowered, FormPairs.Lowered(before, after));

    [Fact]
    public void A_moved_weight_is_reported_when_the_declaration_prints_weights()
    {
        var declared = Table("");
        var evaluated = Table("");
        evaluated[1].Weight = 10;
        var moved = Assert.Single(Compare(Declaration("道路照明设施维护", 2024, declared), Self("道路照明设施维护", 2024, evaluated)));
        Assert.Equal(("DECL-WEIGHT-MOVED", "indicators[1].weight"), (moved.Rule.Code, moved.Field));
        Assert.Contains("分值为 10，申报时为 15", moved.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparisons_are_symmetric()
    {
        var pairs = new (PerformanceForm, PerformanceForm)[]
        {
            (Self("道路照明设施维护"), Self("社区图书室运营")),
            (Declaration("道路照明设施维护", 2023, Table("")), Self("道路照明设施维护", 2024, Table("")[..3], budget: 9_000_000m)),
            (Self("区电子平台运维费（2022年结转）"), Self("宝山区电子平台运维费（2023年结转）")),
        };
        foreach (var (a, b) in pairs)
        {
            var ab = Compare(a, b).Select(f => (f.On, f.Rule.Code, f.Field)).OrderBy(x => x).ToList();
            var ba = Compare(b, a).Select(f => (f.On == PairSide.First ? PairSide.Second : PairSide.First, f.Rule.Code, f.Field)).OrderBy(x => x).ToList();
            Assert.Equal(ab, ba);
        }
    }

    [Fact]
    public void Tables_mostly_alike_share_a_signature_band_and_unlike_ones_rarely_do()
    {
        static HashSet<FormSignature> Bands(PerformanceForm f) => [.. FormSignatures.Of(new ComparedForm(f)).Where(s => s.Kind == SignatureKind.Rows)];
        var a = Bands(Self("道路照明设施维护"));
        Assert.Equal(FormSignatures.Bands, a.Count);
        Assert.True(a.SetEquals(Bands(Self("社区图书室运营"))), "equal tables share every band");
        Assert.Empty(a.Intersect(Bands(Self("社区图书室运营", indicators: Table("图书")))));

        // signatures are stable across runs: FNV-1a and SplitMix64, not string.GetHashCode
        Assert.Equal(FormSignatures.Of(new ComparedForm(Self("道路照明设施维护"))), FormSignatures.Of(new ComparedForm(Self("道路照明设施维护"))));
    }

    [Fact]
    public void Every_cross_form_code_is_in_the_catalogue_definitions()
    {
        foreach (var d in CrossChecks.Definitions)
        {
            Assert.Same(d, CheckCatalogue.Definition(d.Code));
            Assert.Null(CheckCatalogue.Find(d.Code));
        }
    }
}
