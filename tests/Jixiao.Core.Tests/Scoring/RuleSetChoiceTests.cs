using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

/// <summary>Which rule set scores a form: <see cref="RuleSets.For(string?, int?)"/> by jurisdiction and year.</summary>
public sealed class RuleSetChoiceTests
{
    [Theory]
    [InlineData(null, 2024)]
    [InlineData("", 2025)]
    [InlineData("全国", 2024)]
    [InlineData("全国", 2019)]
    [InlineData("江海市临江区", 2025)]
    [InlineData("上海市宝山区", 2025)]
    [InlineData("淞南镇", 2026)]
    [InlineData("地方", 2024)]
    public void National_2020_is_the_default(string? jurisdiction, int? year) =>
        Assert.Same(RuleSets.National2020, RuleSets.For(jurisdiction, year));

    [Theory]
    [InlineData("上海市", 2025)]
    [InlineData("上海市", 2030)]
    [InlineData(" 上海市 ", 2025)]
    public void Shanghai_municipal_forms_from_2025_take_the_shanghai_rules(string jurisdiction, int year) =>
        Assert.Same(RuleSets.ShanghaiMunicipal2025, RuleSets.For(jurisdiction, year));

    [Theory]
    [InlineData(2024)]
    [InlineData(2020)]
    [InlineData(null)]
    public void Shanghai_municipal_forms_before_2025_or_without_a_year_keep_the_national_rules(int? year) =>
        Assert.Same(RuleSets.National2020, RuleSets.For("上海市", year));

    [Theory]
    [InlineData("上海市财政局", 2025, "shanghai-municipal-2025")]
    [InlineData("中共上海市委宣传部", 2026, "shanghai-municipal-2025")]
    [InlineData("上海市财政局", 2024, "national-2020")]
    [InlineData("上海市宝山区数据局", 2025, "national-2020")]
    [InlineData("淞南镇主管单位", 2025, "national-2020")]
    [InlineData("上海市公安局宝山分局", 2025, "national-2020")]
    [InlineData("江海市临江区教育局", 2025, "national-2020")]
    public void A_form_gets_the_rule_set_of_its_departments_jurisdiction_and_year(string department, int year, string name)
    {
        var form = TestForms.Valid();
        form.Department = department;
        form.Year = year;
        Assert.Equal(name, RuleSets.For(form).Name);
    }

    [Fact]
    public void Among_rule_sets_of_one_jurisdiction_the_latest_starting_that_covers_the_year_wins()
    {
        var hubei2020 = RuleSets.National2020 with { Name = "hubei-2020", Jurisdiction = "湖北省", ExecutionWeight = 20m };
        var hubei2023 = hubei2020 with { Name = "hubei-2023", FromYear = 2023, ToYear = 2024 };
        RuleSet[] candidates = [hubei2023, hubei2020, RuleSets.National2020];

        Assert.Same(hubei2020, RuleSets.For(candidates, "湖北省", 2022));
        Assert.Same(hubei2023, RuleSets.For(candidates, "湖北省", 2023));
        Assert.Same(hubei2020, RuleSets.For(candidates, "湖北省", 2025));
        Assert.Same(RuleSets.National2020, RuleSets.For(candidates, "湖南省", 2023));
    }

    [Fact]
    public void A_checker_by_jurisdiction_scores_each_form_by_its_rule_set_and_says_which()
    {
        var checker = FormChecker.ByJurisdiction();
        var municipal = TestForms.Valid();
        municipal.Department = "上海市财政局";
        municipal.Year = 2025;
        var district = TestForms.Valid();
        district.Department = "上海市宝山区财政局";
        district.Year = 2025;

        var m = checker.CheckAndScore(municipal);
        var d = checker.CheckAndScore(district);

        Assert.True(checker.ChoosesRules);
        Assert.Equal("shanghai-municipal-2025", m.Rules.Name);
        Assert.Equal(["CAT-MISSING"], m.Findings.Select(f => f.Code));
        Assert.Equal("national-2020", d.Rules.Name);
        Assert.Empty(d.Findings);
        Assert.Equal(m.Score.Recomputed, d.Score.Recomputed);
        Assert.Equal(["CAT-MISSING"], checker.Check(municipal).Select(f => f.Code));
    }

    [Fact]
    public void A_checker_with_a_rule_set_uses_it_for_every_form()
    {
        var municipal = TestForms.Valid();
        municipal.Department = "上海市财政局";
        municipal.Year = 2025;

        var national = new FormChecker().CheckAndScore(municipal);
        var platform = new FormChecker(RuleSets.Platform).CheckAndScore(municipal);

        Assert.False(new FormChecker().ChoosesRules);
        Assert.Same(RuleSets.National2020, national.Rules);
        Assert.Empty(national.Findings);
        Assert.Same(RuleSets.Platform, platform.Rules);
        Assert.Same(RuleSets.National2020, new FormChecker().RulesFor(municipal));
        Assert.Same(RuleSets.ShanghaiMunicipal2025, FormChecker.ByJurisdiction().RulesFor(municipal));
    }

    [Fact]
    public void A_rule_set_given_for_one_form_overrides_the_checkers_choice()
    {
        var form = TestForms.Valid();
        var checker = FormChecker.ByJurisdiction();

        var result = checker.CheckAndScore(form, RuleSets.ShanghaiMunicipal2025);
        var custom = checker.CheckAndScore(form, RuleSets.National2020 with { Name = "custom", ExecutionWeight = 20m });

        Assert.Same(RuleSets.ShanghaiMunicipal2025, result.Rules);
        Assert.Equal(["CAT-MISSING"], result.Findings.Select(f => f.Code));
        Assert.Equal("custom", custom.Rules.Name);
    }
}
