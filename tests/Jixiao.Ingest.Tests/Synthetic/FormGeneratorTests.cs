using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Tests.Synthetic;

public class FormGeneratorTests
{
    /// <summary>
    /// The check codes (docs/checks.md) that must report each kind of injected mistake on the field the manifest
    /// names. Every kind has one (<see cref="Every_mistake_kind_has_a_check_that_finds_it"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<MistakeKind, string> ExpectedCode = new Dictionary<MistakeKind, string>
    {
        [MistakeKind.TotalScoreMismatch] = "TOTAL-SUM",
        [MistakeKind.ScoreAboveWeight] = "IND-SCORE-OVER-WEIGHT",
        [MistakeKind.DeductionWithoutReason] = "DEV-MISSING",
        [MistakeKind.GradeMismatch] = "GRADE-MISMATCH",
        [MistakeKind.ExecutionRateMismatch] = "FUND-RATE",
        [MistakeKind.ExecutionScoreMismatch] = "FUND-SCORE",
        [MistakeKind.VacuousTarget] = "TGT-VACUOUS",
        [MistakeKind.WeightsDoNotAddUp] = "WEIGHT-SUM",
        [MistakeKind.FundLinesDoNotAdd] = "FUND-SUM",
        [MistakeKind.QualitativeScoreOutOfBand] = "QUAL-BAND",
        [MistakeKind.UnitMismatch] = "UNIT-MISMATCH",
        [MistakeKind.DeclarationFundsDoNotAdd] = "FUND-SUM",
        [MistakeKind.MissingTarget] = "VALUE-MISSING",
        [MistakeKind.PlannedEndBeforeStart] = "DATE-ORDER",
    };

    /// <summary>Checks that report the mistake on a related field rather than the manifest's.</summary>
    private static readonly HashSet<MistakeKind> ReportedElsewhere = [MistakeKind.WeightsDoNotAddUp, MistakeKind.FundLinesDoNotAdd, MistakeKind.DeclarationFundsDoNotAdd];

    private static string Concatenate(IReadOnlyList<GeneratedForm> forms)
    {
        var sb = new StringBuilder("\n\n");
        for (var i = 0; i < forms.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append(forms[i].Text);
        }

        return sb.ToString();
    }

    private static string Normalize(string? text) =>
        text is null ? "" : new string(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void The_same_seed_gives_the_same_text_and_another_seed_other_text()
    {
        var a = new FormGenerator(2024).GenerateText(300);
        var b = new FormGenerator(2024).GenerateText(300);
        var c = new FormGenerator(2025).GenerateText(300);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GenerateText_equals_the_concatenated_forms_with_their_line_numbers()
    {
        var forms = new FormGenerator(9).Generate(50).ToList();
        var text = new FormGenerator(9).GenerateText(50);
        var lines = text.Split('\n');

        Assert.Equal(Concatenate(forms), text);
        foreach (var form in forms)
        {
            var p = form.Form.Provenance!;
            Assert.StartsWith("财政项目支出绩效", lines[p.FirstLine - 1], StringComparison.Ordinal);
            Assert.Equal(form.LineCount, p.LastLine - p.FirstLine + 1);
            Assert.Equal("", lines[p.LastLine]); // a blank line (or the end) after each form
            foreach (var indicator in form.Form.Indicators)
            {
                Assert.Contains(indicator.Name[..2], lines[indicator.SourceLine - 1], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void About_nine_in_ten_forms_are_self_evaluations()
    {
        var forms = new FormGenerator(1).Generate(3000).ToList();
        var share = forms.Count(f => f.Form.Kind == FormKind.SelfEvaluation) / (double)forms.Count;

        Assert.InRange(share, 0.87, 0.93);
        Assert.All(new FormGenerator(1, new GeneratorOptions { Kinds = GeneratedKinds.TargetDeclaration }).Generate(50),
            f => Assert.Equal(FormKind.TargetDeclaration, f.Form.Kind));
        Assert.All(new FormGenerator(1, new GeneratorOptions { Kinds = GeneratedKinds.SelfEvaluation }).Generate(50),
            f => Assert.Equal(FormKind.SelfEvaluation, f.Form.Kind));
    }

    [Fact]
    public void Forms_vary_in_years_departments_units_and_schemes()
    {
        var forms = new FormGenerator(3).Generate(2000).Select(f => f.Form).ToList();

        Assert.Equal([2021, 2022, 2023, 2024, 2025], forms.Select(f => f.Year!.Value).Distinct().Order());
        Assert.True(forms.Select(f => f.Department).Distinct().Count() > 50);
        Assert.True(forms.Select(f => f.ProjectName).Distinct().Count() > 500);
        Assert.Contains(forms, f => f.MoneyUnit == MoneyUnit.Yuan);
        Assert.Contains(forms, f => f.Indicators.Any(i => i.Level1 == IndicatorVocabulary.Cost));
        Assert.Contains(forms, f => f.Indicators.All(i => i.Level1 != IndicatorVocabulary.Cost));
        Assert.Contains(forms, f => f.Grade is not null);
    }

    [Fact]
    public void Uses_its_own_vocabulary_not_the_corpus_jurisdictions()
    {
        var text = new FormGenerator(5).GenerateText(2000);

        Assert.DoesNotContain("宝山", text, StringComparison.Ordinal);
        Assert.DoesNotContain("淞南", text, StringComparison.Ordinal);
        Assert.DoesNotContain("公安", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Injects_one_mistake_into_the_given_share_of_forms(double rate)
    {
        var forms = new FormGenerator(11, new GeneratorOptions { ErrorRate = rate }).Generate(3000).ToList();
        var share = forms.Count(f => f.Mistakes.Count > 0) / (double)forms.Count;

        Assert.All(forms, f => Assert.True(f.Mistakes.Count <= 1));
        Assert.InRange(share, rate - 0.025, rate + 0.025);
    }

    [Fact]
    public void Every_mistake_kind_has_a_check_that_finds_it() =>
        Assert.Equal(Enum.GetValues<MistakeKind>().Order(), ExpectedCode.Keys.Order());

    [Fact]
    public void Every_mistake_kind_occurs()
    {
        var kinds = new FormGenerator(13, new GeneratorOptions { ErrorRate = 1 }).Generate(3000)
            .SelectMany(f => f.Mistakes).Select(m => m.Kind).ToHashSet();

        Assert.Equal(Enum.GetValues<MistakeKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void Clean_self_evaluations_add_up()
    {
        foreach (var generated in new FormGenerator(17, new GeneratorOptions { ErrorRate = 0, Kinds = GeneratedKinds.SelfEvaluation }).Generate(1000))
        {
            var form = generated.Form;
            var total = form.SelfEvaluationFunds!.Total!;
            Assert.Equal(90m, form.Indicators.Sum(i => i.Weight!.Value));
            Assert.Equal(10m, total.Weight);
            Assert.Equal(form.TotalScore, form.Indicators.Sum(i => i.Score!.Value) + total.Score!.Value);
            Assert.All(form.Indicators, i => Assert.True(i.Score <= i.Weight));
            Assert.All(form.Indicators, i => Assert.Equal(i.Score < i.Weight, i.Deviation is not null));
            Assert.Equal(Math.Round(total.Executed!.Value / total.AnnualBudget!.Value * 100, 2, MidpointRounding.AwayFromZero), total.ExecutionRate);
            Assert.Equal(total.Executed, new[] { form.SelfEvaluationFunds.Appropriation, form.SelfEvaluationFunds.Carryover, form.SelfEvaluationFunds.Other }.Sum(l => l!.Executed ?? 0));
            if (form.Grade is not null)
            {
                Assert.Equal(FormGenerator.GradeOf(form.TotalScore!.Value), form.Grade);
            }
        }
    }

    [Fact]
    public void Generated_forms_take_the_national_rules_when_the_rule_set_is_chosen_by_jurisdiction()
    {
        // The generator's departments are in an invented city (江海市), its years 2021–2025: the checks below, run
        // with the national rule set, test what a checker choosing by jurisdiction and year would run.
        var forms = new FormGenerator(3).Generate(2000).Select(g => g.Form).ToList();
        Assert.All(forms, f => Assert.Same(RuleSets.National2020, RuleSets.For(f)));
        Assert.Equal(["江海市"], forms.Select(f => Jurisdiction.Of(f)![..3]).Distinct());
    }

    [Fact]
    public void The_checker_finds_no_error_or_warning_in_clean_forms()
    {
        var checker = new FormChecker();
        foreach (var generated in new FormGenerator(19, new GeneratorOptions { ErrorRate = 0 }).Generate(2000))
        {
            var problems = checker.Check(generated.Form).Where(f => f.Severity != Severity.Info).ToList();
            Assert.True(problems.Count == 0, $"form {generated.Ordinal}: {string.Join("; ", problems)}\n{generated.Text}");
        }
    }

    [Fact]
    public void The_checker_finds_each_injected_mistake_on_its_field()
    {
        var checker = new FormChecker();
        var found = 0;
        foreach (var generated in new FormGenerator(23, new GeneratorOptions { ErrorRate = 1 }).Generate(2000))
        {
            var mistake = Assert.Single(generated.Mistakes);
            var code = ExpectedCode[mistake.Kind];
            var findings = checker.Check(generated.Form);
            var hit = findings.Any(f => f.Code == code && (ReportedElsewhere.Contains(mistake.Kind) || f.Field == mistake.Field));
            Assert.True(hit, $"form {generated.Ordinal}: {mistake} not reported as {code}; found {string.Join("; ", findings)}\n{generated.Text}");
            found++;
        }

        Assert.Equal(2000, found);
    }

    [Fact]
    public void The_text_reads_back_to_the_generated_forms()
    {
        var generated = new FormGenerator(29, new GeneratorOptions { ErrorRate = 0.2, DamageRate = 0.5 }).Generate(600).ToList();
        var diagnostics = new List<Diagnostic>();

        var read = TextFormReader.Read(new StringReader(Concatenate(generated)), "generated.txt", diagnostics.Add).ToList();

        Assert.Empty(diagnostics);
        Assert.Equal(generated.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var expected = generated[i].Form;
            var actual = read[i];
            var context = $"form {i + 1} ({string.Join(",", generated[i].Damage)})";
            Assert.True(expected.Kind == actual.Kind, context);
            Assert.Equal(expected.Year, actual.Year);
            Assert.Equal(Normalize(expected.ProjectName), Normalize(actual.ProjectName));
            Assert.Equal(expected.MoneyUnit, actual.MoneyUnit);
            Assert.Equal(expected.TotalScore, actual.TotalScore);
            Assert.Equal(expected.Grade, actual.Grade);
            Assert.Equal(expected.Provenance!.FirstLine, actual.Provenance!.FirstLine);
            Assert.Equal(expected.SelfEvaluationFunds?.Total?.SourceLine, actual.SelfEvaluationFunds?.Total?.SourceLine);
            Assert.Equal(expected.SelfEvaluationFunds?.Other?.SourceLine, actual.SelfEvaluationFunds?.Other?.SourceLine);
            Assert.True(expected.Indicators.Count == actual.Indicators.Count, context);
            for (var k = 0; k < expected.Indicators.Count; k++)
            {
                var e = expected.Indicators[k];
                var a = actual.Indicators[k];
                Assert.True(e.Level1 == a.Level1 && e.Level2 == a.Level2, $"{context} indicator {k}: {e.Level1}/{e.Level2} vs {a.Level1}/{a.Level2}");
                Assert.True(Normalize(e.Name) == Normalize(a.Name), $"{context} indicator {k}: {e.Name} vs {a.Name}");
                Assert.Equal(Normalize(e.Target), Normalize(a.Target));
                Assert.Equal(e.Score, a.Score);
            }
        }
    }

    [Fact]
    public void Generated_text_and_truth_give_the_same_interchange_json()
    {
        var generated = new FormGenerator(31, new GeneratorOptions { DamageRate = 0 }).Generate(300).ToList();
        var read = TextFormReader.Read(new StringReader(Concatenate(generated)), "generated.txt").ToList();

        Assert.Equal(generated.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            read[i].Provenance = generated[i].Form.Provenance;
            Assert.Equal(FormJsonWriter.ToJson(generated[i].Form), FormJsonWriter.ToJson(read[i]));
        }
    }

    [Fact]
    public void WriteText_stops_at_the_size_asked_for()
    {
        using var writer = new StringWriter();
        var summary = new FormGenerator(37).WriteText(writer, long.MaxValue, maxBytes: 1_000_000);

        var bytes = Encoding.UTF8.GetByteCount(writer.ToString());
        Assert.Equal(bytes, summary.Bytes);
        Assert.InRange(bytes, 1_000_000, 1_010_000);
        Assert.Equal(writer.ToString().Count(c => c == '\n'), summary.Lines);
        Assert.Equal(summary.Forms, summary.SelfEvaluations + summary.Declarations);
    }

    [Fact]
    public void An_error_rate_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FormGenerator(1, new GeneratorOptions { ErrorRate = 1.5 }));
}
