using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>What must hold for every form of every corpus file (LAYOUTS §6).</summary>
public class CorpusInvariantTests
{
    public static TheoryData<string, int, int> Counts => new()
    {
        { Corpus.Police2024, 37, 350 },
        { Corpus.Police2023Targets, 3, 40 },
        { Corpus.DataBureau2024, 34, 374 },
        { Corpus.Songnan2023, 5, 50 },
    };

    public static TheoryData<string> Files => new(Corpus.AllFiles);

    [Theory]
    [MemberData(nameof(Counts))]
    public void Reads_every_form_and_indicator(string file, int forms, int indicators)
    {
        var read = CorpusForms.Of(file);
        Assert.Equal(forms, read.Forms.Count);
        Assert.Equal(indicators, read.Forms.Sum(f => f.Indicators.Count));
    }

    [Fact]
    public void Reads_79_forms_and_814_indicators_in_all()
    {
        var all = Corpus.AllFiles.SelectMany(f => CorpusForms.Of(f).Forms).ToList();
        Assert.Equal(79, all.Count);
        Assert.Equal(76, all.Count(f => f.Kind == FormKind.SelfEvaluation));
        Assert.Equal(814, all.Sum(f => f.Indicators.Count));
        Assert.Equal(
            new HashSet<string> { IndicatorVocabulary.Output, IndicatorVocabulary.Benefit, IndicatorVocabulary.Satisfaction, IndicatorVocabulary.Cost },
            all.SelectMany(f => f.Indicators).Select(i => i.Level1!).ToHashSet());
    }

    [Fact]
    public void Corpus_forms_take_the_national_rules_when_the_rule_set_is_chosen_by_jurisdiction()
    {
        var all = Corpus.AllFiles.SelectMany(f => CorpusForms.Of(f).Forms).ToList();
        Assert.All(all, f => Assert.Same(RuleSets.National2020, RuleSets.For(f)));
        Assert.Equal(
            new Dictionary<string, int> { ["上海市宝山区"] = 34, ["淞南镇"] = 5, ["(unknown)"] = 40 },
            all.GroupBy(f => Jurisdiction.Of(f) ?? "(unknown)").ToDictionary(g => g.Key, g => g.Count()));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Weights_of_indicators_and_funds_add_up_to_the_printed_total(string file)
    {
        foreach (var form in CorpusForms.Of(file).Forms.Where(f => f.Kind == FormKind.SelfEvaluation))
        {
            var fund = form.SelfEvaluationFunds!.Total!;
            Assert.Equal(100m, form.TotalWeight);
            Assert.Equal(form.TotalWeight, form.Indicators.Sum(i => i.Weight!.Value) + fund.Weight!.Value);
            Assert.Equal(form.TotalScore!.Value, form.Indicators.Sum(i => i.Score!.Value) + fund.Score!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_every_fund_amount(string file)
    {
        foreach (var form in CorpusForms.Of(file).Forms)
        {
            if (form.Kind == FormKind.TargetDeclaration)
            {
                var d = form.DeclarationFunds!;
                Assert.NotNull(d.ProjectTotal);
                Assert.NotNull(d.ProjectFiscal);
                Assert.NotNull(d.AnnualTotal);
                Assert.NotNull(d.AnnualAppropriation);
                Assert.Equal(d.ProjectTotal, d.AnnualTotal);
                continue;
            }

            var funds = form.SelfEvaluationFunds!;
            foreach (var line in new[] { funds.Total!, funds.Appropriation!, funds.Carryover!, funds.Other! })
            {
                Assert.NotNull(line.InitialBudget);
                Assert.NotNull(line.AnnualBudget);
            }

            var total = funds.Total!;
            Assert.NotNull(total.Executed);
            Assert.NotNull(total.Weight);
            Assert.NotNull(total.ExecutionRate);
            Assert.NotNull(total.Score);
            Assert.NotNull(funds.Appropriation!.Executed);
            Assert.Equal(total.AnnualBudget, funds.Appropriation.AnnualBudget + funds.Carryover!.AnnualBudget + funds.Other!.AnnualBudget);
            Assert.Equal(total.Executed, funds.Appropriation.Executed + (funds.Carryover.Executed ?? 0) + (funds.Other.Executed ?? 0));
            Assert.InRange(total.ExecutionRate!.Value, 0m, 100m);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_indicator_has_normalised_labels_a_name_and_its_values(string file)
    {
        foreach (var form in CorpusForms.Of(file).Forms)
        {
            foreach (var indicator in form.Indicators)
            {
                Assert.True(IndicatorVocabulary.IsLevel2(indicator.Level2), $"line {indicator.SourceLine}: {indicator.Level2}");
                Assert.Equal(IndicatorVocabulary.Level1For(indicator.Level2), indicator.Level1);
                Assert.DoesNotContain(' ', indicator.Level1 + indicator.Level2);
                Assert.False(string.IsNullOrWhiteSpace(indicator.Name));
                Assert.Equal(indicator.Name.Trim(), indicator.Name);
                Assert.InRange(indicator.SourceLine, form.Provenance!.FirstLine, form.Provenance.LastLine);
                if (form.Kind == FormKind.SelfEvaluation)
                {
                    Assert.False(string.IsNullOrEmpty(indicator.Target));
                    Assert.False(string.IsNullOrEmpty(indicator.Actual));
                    Assert.InRange(indicator.Score!.Value, 0m, indicator.Weight!.Value);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Forms_carry_their_provenance_in_document_order(string file)
    {
        var forms = CorpusForms.Of(file).Forms;
        var lines = System.IO.File.ReadAllLines(Corpus.PathOf(file));
        var previousLast = 0;
        foreach (var form in forms)
        {
            Assert.Equal(Corpus.PathOf(file), form.Provenance!.File);
            Assert.True(form.Provenance.FirstLine > previousLast);
            Assert.True(form.Provenance.LastLine > form.Provenance.FirstLine);
            Assert.False(string.IsNullOrWhiteSpace(lines[form.Provenance.FirstLine - 1]));
            Assert.False(string.IsNullOrWhiteSpace(lines[form.Provenance.LastLine - 1]));
            Assert.False(string.IsNullOrEmpty(form.ProjectName));
            Assert.NotNull(form.Year);
            previousLast = form.Provenance.LastLine;
        }

        Assert.Equal(lines.Length, forms[^1].Provenance!.LastLine);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_the_same_forms_from_a_text_reader_with_CRLF_and_a_BOM(string file)
    {
        var text = System.IO.File.ReadAllText(Corpus.PathOf(file));
        var expected = CorpusForms.Of(file).Forms;

        var fromReader = TextFormReader.Read(new StringReader(text.Replace("\n", "\r\n", StringComparison.Ordinal)), file).ToList();
        var withBom = FormFileReader.Read(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]), file).ToList();
        foreach (var actual in new[] { fromReader, withBom })
        {
            Assert.Equal(expected.Count, actual.Count);
            for (var k = 0; k < expected.Count; k++)
            {
                Assert.Equal(Summary(expected[k]), Summary(actual[k]));
                Assert.Equal(expected[k].Provenance!.LastLine, actual[k].Provenance!.LastLine);
            }
        }
    }

    [Fact]
    public void Reports_only_what_LAYOUTS_says_cannot_be_recovered()
    {
        var all = Corpus.AllFiles.SelectMany(f => CorpusForms.Of(f).AllDiagnostics).ToList();
        Assert.Equal(
            [
                (Corpus.Police2023Targets, 28, DiagnosticSeverity.Warning), // value cell empty in the source
                (Corpus.Police2023Targets, 49, DiagnosticSeverity.Warning), // value lost
                (Corpus.Police2023Targets, 51, DiagnosticSeverity.Warning), // value lost
                (Corpus.Police2023Targets, 88, DiagnosticSeverity.Info), // ghost row
                (Corpus.Police2024, 779, DiagnosticSeverity.Info), // form without heading
            ],
            all.Select(d => (Path.GetFileName(d.File), d.Line, d.Severity)).OrderBy(d => d.Item1, StringComparer.Ordinal).ThenBy(d => d.Line));
    }

    private static string Summary(PerformanceForm form) =>
        string.Join("|", form.ProjectName, form.Year, form.TotalScore, form.Goals.Expected?.Length, form.Goals.Overall?.Length,
            string.Join(";", form.Indicators.Select(i => $"{i.SourceLine},{i.Level1},{i.Level2},{i.Name},{i.Target},{i.Actual},{i.Weight},{i.Score},{i.Deviation}")));
}
