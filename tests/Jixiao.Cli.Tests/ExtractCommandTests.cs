using System.Text.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

public class ExtractCommandTests : CliTestBase
{
    private static string[] CorpusFiles => Corpus.AllFiles.Select(Corpus.PathOf).ToArray();

    [Fact]
    public void Prints_one_json_array_of_all_79_corpus_forms_in_document_order()
    {
        var result = Run(["extract", .. CorpusFiles]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var forms = result.Json.EnumerateArray().ToList();
        Assert.Equal(79, forms.Count);
        var perFile = forms.GroupBy(f => Path.GetFileName(f.GetProperty("provenance").GetProperty("file").GetString())).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(37, perFile[Corpus.Police2024]);
        Assert.Equal(3, perFile[Corpus.Police2023Targets]);
        Assert.Equal(34, perFile[Corpus.DataBureau2024]);
        Assert.Equal(5, perFile[Corpus.Songnan2023]);

        // document order: the files as given, forms by line
        var order = forms.Select(f => (File: Array.IndexOf(CorpusFiles, f.GetProperty("provenance").GetProperty("file").GetString()), Line: f.GetProperty("provenance").GetProperty("firstLine").GetInt32())).ToList();
        Assert.Equal(order.OrderBy(o => o.File).ThenBy(o => o.Line), order);
        Assert.All(forms, f => Assert.Equal("jixiao.form/1", f.GetProperty("schema").GetString()));
    }

    [Fact]
    public void Writes_the_interchange_values_of_a_known_form()
    {
        var result = Run("extract", Corpus.PathOf(Corpus.Police2024));

        var first = result.Json[0];
        Assert.Equal("self-evaluation", first.GetProperty("kind").GetString());
        Assert.Equal(2024, first.GetProperty("year").GetInt32());
        Assert.Equal("万元", first.GetProperty("moneyUnit").GetString());
        Assert.Equal(3221300m, first.GetProperty("funds").GetProperty("total").GetProperty("executed").GetDecimal());
        Assert.Equal("3221300", first.GetProperty("funds").GetProperty("total").GetProperty("executed").GetRawText());
        Assert.Equal("94.00", first.GetProperty("totalScore").GetRawText());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("grade").ValueKind);
        Assert.Equal("产出指标", first.GetProperty("indicators")[0].GetProperty("level1").GetString());
    }

    [Fact]
    public void Writes_to_a_file_with_out_and_indents_with_indent()
    {
        var target = PathIn("forms.json");
        var result = Run("extract", Corpus.PathOf(Corpus.Songnan2023), "--out", target, "--indent");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        var text = File.ReadAllText(target);
        Assert.StartsWith("[\n  {\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(5, JsonDocument.Parse(text).RootElement.GetArrayLength());
    }

    [Fact]
    public void Reads_its_own_json_back()
    {
        var json = PathIn("corpus.json");
        Assert.Equal(0, Run(["extract", .. CorpusFiles, "--out", json]).ExitCode);

        var again = Run("extract", json);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllText(json).TrimEnd(), again.Out.TrimEnd());
    }

    [Fact]
    public void Reads_every_text_file_of_a_directory()
    {
        var dir = Path.Combine(Scratch, "in");
        Directory.CreateDirectory(dir);
        File.Copy(Corpus.PathOf(Corpus.Songnan2023), Path.Combine(dir, "a.txt"));
        File.Copy(Corpus.PathOf(Corpus.Police2023Targets), Path.Combine(dir, "b.txt"));
        File.WriteAllText(Path.Combine(dir, "notes.md"), "not read");

        var result = Run("extract", dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(8, result.Json.GetArrayLength());
    }

    [Fact]
    public void Reader_warnings_go_to_stderr_as_file_line_severity_message()
    {
        var path = Corpus.PathOf(Corpus.Police2023Targets);
        var result = Run("extract", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Json.GetArrayLength());
        Assert.NotEmpty(result.ErrLines);
        Assert.All(result.ErrLines, l => Assert.Matches(@"^.+:\d+: (warning|error): .+$", l));
        Assert.Contains(result.ErrLines, l => l.StartsWith(path + ":28: warning: ", StringComparison.Ordinal));
    }
}
