using System.Text.Json;

namespace Jixiao.Cli.Tests;

public class GenerateCommandTests : CliTestBase
{
    /// <summary>The check codes expected for each mistake kind of the manifest (see FormGeneratorTests).</summary>
    private static readonly Dictionary<string, string> ExpectedCode = new()
    {
        ["TotalScoreMismatch"] = "TOTAL-SUM",
        ["ScoreAboveWeight"] = "IND-SCORE-OVER-WEIGHT",
        ["DeductionWithoutReason"] = "DEV-MISSING",
        ["GradeMismatch"] = "GRADE-MISMATCH",
        ["ExecutionRateMismatch"] = "FUND-RATE",
        ["ExecutionScoreMismatch"] = "FUND-SCORE",
        ["VacuousTarget"] = "TGT-VACUOUS",
        ["WeightsDoNotAddUp"] = "WEIGHT-SUM",
        ["FundLinesDoNotAdd"] = "FUND-SUM",
        ["QualitativeScoreOutOfBand"] = "QUAL-BAND",
        ["UnitMismatch"] = "UNIT-MISMATCH",
        ["DeclarationFundsDoNotAdd"] = "FUND-SUM",
        ["MissingTarget"] = "VALUE-MISSING",
        ["PlannedEndBeforeStart"] = "DATE-ORDER",
    };

    [Fact]
    public void Is_deterministic_per_seed()
    {
        var a = Run("generate", "--forms", "120", "--seed", "7");
        var b = Run("generate", "--forms", "120", "--seed", "7");
        var c = Run("generate", "--forms", "120", "--seed", "8");

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        Assert.StartsWith("\n\n财政项目支出绩效", a.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_reads_back_with_the_same_form_count_and_values()
    {
        var text = PathIn("gen.txt");
        var truth = PathIn("truth.json");
        var generated = Run("generate", "--forms", "400", "--seed", "21", "--out", text, "--truth", truth);
        Assert.Equal(0, generated.ExitCode);
        Assert.Contains("generated 400 forms", generated.Err, StringComparison.Ordinal);

        var extracted = Run("extract", text);

        Assert.True(extracted.ExitCode == 0, extracted.ToString());
        var read = extracted.Json.EnumerateArray().ToList();
        var expected = JsonDocument.Parse(File.ReadAllText(truth)).RootElement.EnumerateArray().ToList();
        Assert.Equal(400, read.Count);
        Assert.Equal(expected.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("totalScore").GetRawText(), read[i].GetProperty("totalScore").GetRawText());
            Assert.Equal(expected[i].GetProperty("indicators").GetArrayLength(), read[i].GetProperty("indicators").GetArrayLength());
            Assert.Equal(expected[i].GetProperty("provenance").GetProperty("firstLine").GetInt32(), read[i].GetProperty("provenance").GetProperty("firstLine").GetInt32());
        }
    }

    [Fact]
    public void The_checker_finds_the_mistakes_of_the_manifest()
    {
        var text = PathIn("gen.txt");
        var manifest = PathIn("manifest.jsonl");
        Assert.Equal(0, Run("generate", "--forms", "600", "--seed", "5", "--error-rate", "0.3", "--out", text, "--manifest", manifest).ExitCode);

        var check = Run("check", text, "--format", "json");

        Assert.Equal(ExitCodes.Findings, check.ExitCode);
        var findings = check.Json.EnumerateArray()
            .Select(f => (Form: f.GetProperty("form").GetInt32(), Code: f.GetProperty("code").GetString()!, Field: f.GetProperty("field").GetString()!))
            .ToList();
        var entries = File.ReadAllLines(manifest).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.InRange(entries.Count, 150, 210);
        var checkedMistakes = 0;
        foreach (var entry in entries)
        {
            var form = entry.GetProperty("form").GetInt32();
            var mistake = entry.GetProperty("mistakes")[0];
            var code = ExpectedCode[mistake.GetProperty("kind").GetString()!];
            Assert.True(findings.Any(f => f.Form == form && f.Code == code), $"form {form}: {mistake} not reported as {code}");
            checkedMistakes++;
        }

        Assert.Equal(entries.Count, checkedMistakes);

        // and nothing is an error in the forms without a mistake
        var withMistake = entries.Select(e => e.GetProperty("form").GetInt32()).ToHashSet();
        var errorsInClean = check.Json.EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() == "error" && !withMistake.Contains(f.GetProperty("form").GetInt32()))
            .Select(f => f.ToString()).ToList();
        Assert.Empty(errorsInClean);
    }

    [Fact]
    public void Size_bounds_the_output_and_kind_selects_the_form_kind()
    {
        var text = PathIn("decl.txt");
        var result = Run("generate", "--size", "200kB", "--kind", "target-declaration", "--out", text);

        Assert.Equal(0, result.ExitCode);
        var bytes = new FileInfo(text).Length;
        Assert.InRange(bytes, 200_000, 210_000);
        var content = File.ReadAllText(text);
        Assert.DoesNotContain("绩效自评表", content, StringComparison.Ordinal);
        Assert.Contains("绩效目标申报表", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--error-rate", "1.5")]
    [InlineData("--forms", "-3")]
    [InlineData("--size", "lots")]
    [InlineData("--kind", "budget")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var result = Run("generate", option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("jixiao: error: ", result.ErrLines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
