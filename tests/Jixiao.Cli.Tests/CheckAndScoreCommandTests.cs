using System.Text.Json;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

public class CheckAndScoreCommandTests : CliTestBase
{
    private static string[] CorpusFiles => Corpus.AllFiles.Select(Corpus.PathOf).ToArray();

    [Fact]
    public void Check_json_is_an_array_of_findings_with_file_form_project_code_severity_messages_and_field()
    {
        var result = Run(["check", .. CorpusFiles, "--format", "json"]);

        var findings = result.Json.EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var f in findings)
        {
            Assert.Equal(
                ["file", "form", "line", "projectName", "code", "severity", "category", "field", "message", "messageEn"],
                f.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Contains(f.GetProperty("file").GetString(), CorpusFiles);
            Assert.InRange(f.GetProperty("form").GetInt32(), 1, 37);
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "info", "warning", "error" });
            Assert.False(string.IsNullOrEmpty(f.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("messageEn").GetString()));
        }

        var anyError = findings.Any(f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal(anyError ? ExitCodes.Findings : ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void Check_exits_0_on_clean_forms_and_1_when_an_error_is_found()
    {
        var clean = PathIn("clean.txt");
        var broken = PathIn("broken.txt");
        Assert.Equal(0, Run("generate", "--forms", "200", "--seed", "3", "--error-rate", "0", "--out", clean).ExitCode);
        Assert.Equal(0, Run("generate", "--forms", "50", "--seed", "3", "--error-rate", "1", "--kind", "self-evaluation", "--out", broken).ExitCode);

        var ok = Run("check", clean);
        var bad = Run("check", broken);

        Assert.True(ok.ExitCode == ExitCodes.Success, ok.ToString());
        Assert.StartsWith("200 form(s) checked with national-2020: 0 error(s), 0 warning(s), ", ok.Out.Trim(), StringComparison.Ordinal);
        Assert.True(bad.ExitCode == ExitCodes.Findings, bad.ToString());
    }

    [Fact]
    public void Check_text_groups_findings_under_their_form()
    {
        var broken = PathIn("broken.txt");
        Run("generate", "--forms", "20", "--seed", "4", "--error-rate", "1", "--kind", "self-evaluation", "--out", broken);

        var result = Run("check", broken);

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^.+broken\.txt:\d+: form \d+ 《.+》 20\d\d$", lines[0]);
        Assert.Matches(@"^  (error|warning) +[A-Z0-9-]+ \S+( \(line \d+\))?: .+$", lines[1]);
        Assert.Matches(@"^          \S.*$", lines[2]); // the English message under the Chinese one
        Assert.StartsWith("20 form(s) checked with national-2020:", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_scores_each_form_by_the_rule_set_of_its_jurisdiction_and_year_unless_one_is_named()
    {
        var file = PathIn("shanghai.json");
        File.WriteAllText(file, "[" + FormJsonWriter.ToJson(SampleForms.SelfEvaluation("上海市财政局", 2025)) + "," + FormJsonWriter.ToJson(SampleForms.SelfEvaluation("上海市宝山区数据局", 2025)) + "]");

        var auto = Run("check", file, "--min-severity", "error");
        Assert.StartsWith("2 form(s) checked with national-2020 (1), shanghai-municipal-2025 (1):", auto.Out.Trim(), StringComparison.Ordinal);

        var national = Run("check", file, "--rules", "national", "--format", "json");
        var municipal = Run("check", file, "--format", "json");
        // the municipal rules also require 成本指标: one CAT-MISSING more, on the municipal form only
        Assert.Equal(Count(national.Out, "CAT-MISSING") + 1, Count(municipal.Out, "CAT-MISSING"));
        Assert.StartsWith("2 form(s) checked with national-2020:", Run("check", file, "--rules", "national", "--min-severity", "error").Out.Trim(), StringComparison.Ordinal);

        static int Count(string text, string word) => (text.Length - text.Replace(word, "", StringComparison.Ordinal).Length) / word.Length;
    }

    [Fact]
    public void Check_accepts_the_known_rule_sets_and_refuses_others()
    {
        var file = Corpus.PathOf(Corpus.Songnan2023);

        Assert.NotEqual(ExitCodes.BadInput, Run("check", file, "--rules", "national").ExitCode);
        Assert.NotEqual(ExitCodes.BadInput, Run("check", file, "--rules", "local-form-2020").ExitCode);
        Assert.Equal(ExitCodes.BadInput, Run("check", file, "--rules", "mars").ExitCode);
    }

    [Fact]
    public void Score_prints_one_row_per_form_with_printed_and_recomputed_values()
    {
        var result = Run(["score", .. CorpusFiles]);

        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s")).ToList();
        Assert.Equal(79, rows.Count);
        Assert.Contains(rows, r => r.Contains("target declaration", StringComparison.Ordinal));
        var first = result.Out.Split('\n').SkipWhile(l => !l.Contains(Corpus.Police2024, StringComparison.Ordinal)).Skip(2).First();
        Assert.Contains("94.00", first, StringComparison.Ordinal);
        Assert.Contains("100.00% / 100.00%", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_json_has_printed_and_recomputed_totals()
    {
        var result = Run("score", Corpus.PathOf(Corpus.Police2024), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var forms = result.Json.EnumerateArray().ToList();
        Assert.Equal(37, forms.Count);
        var first = forms[0];
        Assert.Equal(94m, first.GetProperty("printed").GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("recomputed").GetProperty("total").ValueKind);
        Assert.Equal(100m, first.GetProperty("recomputed").GetProperty("executionRate").GetDecimal());
    }
}
