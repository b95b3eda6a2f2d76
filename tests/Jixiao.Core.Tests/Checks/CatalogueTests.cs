using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Checks;

public class CatalogueTests
{
    [Fact]
    public void Consistent_self_evaluation_has_no_findings() => Assert.Empty(new FormChecker().Check(TestForms.Valid()));

    [Fact]
    public void Consistent_declaration_has_no_findings() => Assert.Empty(new FormChecker().Check(TestForms.Declaration()));

    [Fact]
    public void Check_codes_are_unique_and_upper_case()
    {
        var codes = CheckCatalogue.Definitions.Select(d => d.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z]+(-[A-Z]+)*$", c));
        Assert.Equal(38, CheckCatalogue.All.Count);
        Assert.Equal(CheckCatalogue.All.Count + Core.Checks.Across.CrossChecks.Definitions.Count, codes.Count);
    }

    [Fact]
    public void Every_check_is_described_in_Chinese_and_English_with_its_source()
    {
        Assert.All(CheckCatalogue.Definitions, d =>
        {
            Assert.Contains(d.MeaningZh, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.False(string.IsNullOrWhiteSpace(d.MeaningEn));
            Assert.False(string.IsNullOrWhiteSpace(d.Rationale));
            Assert.False(string.IsNullOrWhiteSpace(d.Field));
            Assert.NotEqual(FormKinds.None, d.AppliesTo);
        });
    }

    [Fact]
    public void Errors_are_only_arithmetic_or_consistency_checks() =>
        Assert.All(CheckCatalogue.Definitions.Where(d => d.Severity == Severity.Error),
            d => Assert.True(d.Category is CheckCategory.Arithmetic or CheckCategory.Consistency, d.Code));

    [Fact]
    public void Findings_carry_their_checks_code_severity_and_category()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Score = 25m;
        form.TotalScore = 90m;
        form.Grade = "差";
        form.Goals.Actual = form.Goals.Expected;

        var findings = new FormChecker().Check(form);

        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            var d = CheckCatalogue.Find(f.Code)!.Definition;
            Assert.Equal(d.Severity, f.Severity);
            Assert.Equal(d.Category, f.Category);
        });
    }

    [Fact]
    public void Finding_points_at_the_indicators_source_line()
    {
        var form = TestForms.Valid();
        form.Indicators[2].Score = 20m;
        form.Indicators[2].SourceLine = 42;
        form.Provenance = new Provenance("test.txt", 30, 60);

        var findings = new FormChecker().Check(form);

        Assert.Equal(42, findings.Single(f => f.Code == "IND-SCORE-OVER-WEIGHT").SourceLine);
        Assert.Equal(30, findings.Single(f => f.Code == "TOTAL-SUM").SourceLine);
    }

    [Fact]
    public void Fund_findings_point_at_the_fund_rows_source_line()
    {
        var form = TestForms.SelfEvaluation(100m, 120m, [.. TestForms.Valid().Indicators]);
        var funds = form.SelfEvaluationFunds!;
        (funds.Total!.SourceLine, funds.Appropriation!.SourceLine) = (35, 36);
        funds.Total.ExecutionRate = 99m;
        form.Grade = "差";
        form.Provenance = new Provenance("test.txt", 30, 60);

        var findings = new FormChecker().Check(form);

        Assert.Equal(35, findings.Single(f => f.Code == "FUND-OVERSPEND" && f.Field == "funds.total.executed").SourceLine);
        Assert.Equal(36, findings.Single(f => f.Code == "FUND-OVERSPEND" && f.Field == "funds.appropriation.executed").SourceLine);
        Assert.Equal(35, findings.Single(f => f.Code == "FUND-RATE" && f.Field == "funds.total.executionRate").SourceLine);
        Assert.Equal(30, findings.Single(f => f.Code == "GRADE-MISMATCH").SourceLine);
    }

    [Fact]
    public void Checker_runs_only_the_checks_it_is_given()
    {
        var form = TestForms.Valid();
        form.TotalScore = 50m;
        form.Grade = "优";

        var findings = new FormChecker(checks: [new TotalSumCheck()]).Check(form);

        Assert.Equal("TOTAL-SUM", Assert.Single(findings).Code);
    }

    [Fact]
    public void Declarations_get_only_the_checks_that_apply_to_them()
    {
        var form = TestForms.Declaration();
        form.TotalScore = 5m;
        form.Grade = "优";

        Assert.Empty(new FormChecker().Check(form));
    }

    [Fact]
    public void Check_and_score_returns_the_shared_score_and_says_when_there_are_errors()
    {
        var form = TestForms.Valid();
        form.TotalScore = 99m;

        var result = new FormChecker().CheckAndScore(form);

        Assert.True(result.HasErrors);
        Assert.Equal(100m, result.Score.Recomputed);
        Assert.Same(form, result.Score.Form);
        Assert.False(new FormChecker().CheckAndScore(TestForms.Valid()).HasErrors);
    }

    [Fact]
    public void Checking_an_already_scored_form_gives_the_same_findings()
    {
        var form = TestForms.Valid();
        form.Indicators[1].Score = 10m;
        var checker = new FormChecker(RuleSets.National2020);

        var direct = checker.Check(form);
        var reused = checker.Check(checker.Scorer.Score(form));

        Assert.Equal(direct, reused);
    }
}
