using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jixiao.Cli.Commands;
using Jixiao.Cli.Infrastructure;
using Jixiao.Ingest;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

/// <summary><c>jixiao import</c> and <c>jixiao export</c> on a temporary SQLite file holding the corpus.</summary>
public class ImportExportCommandTests : CliTestBase
{
    private const string Police = "上海市公安局宝山分局";

    private string Db => PathIn("jixiao.db");

    private static string[] CorpusFiles => [.. Corpus.AllFiles.Select(Corpus.PathOf)];

    private CliResult ImportCorpus()
    {
        var result = Run(["import", .. CorpusFiles, "--db", Db, "--user", "tester"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private List<JsonElement> ExportJson(params string[] filters)
    {
        var result = Run(["export", "--db", Db, .. filters]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.Json.EnumerateArray()];
    }

    /// <summary>Splits RFC 4180 CSV into rows of fields (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row); // every row ends with CRLF
        return rows;
    }

    [Fact]
    public void Imports_each_corpus_file_as_one_batch_and_a_second_import_adds_nothing()
    {
        var first = ImportCorpus();

        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"{Corpus.PathOf(Corpus.Police2024)}: imported 37 forms (350 indicators, 270 findings) as batch 1",
                $"{Corpus.PathOf(Corpus.Police2023Targets)}: imported 3 forms (40 indicators, 19 findings) as batch 2",
                $"{Corpus.PathOf(Corpus.DataBureau2024)}: imported 34 forms (374 indicators, 468 findings) as batch 3",
                $"{Corpus.PathOf(Corpus.Songnan2023)}: imported 5 forms (50 indicators, 58 findings) as batch 4",
            ],
            lines[..4]);
        Assert.StartsWith("4 file(s): 4 imported (79 forms), 0 duplicate(s), 0 failed — SQLite ", lines[4], StringComparison.Ordinal);
        Assert.Equal("", first.Err);

        var again = Run(["import", .. CorpusFiles, "--db", Db]);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"{Corpus.PathOf(Corpus.Police2024)}: duplicate of batch 1: nothing added", again.Out, StringComparison.Ordinal);
        Assert.Contains("4 file(s): 0 imported (0 forms), 4 duplicate(s), 0 failed", again.Out, StringComparison.Ordinal);
        Assert.Equal(79, ExportJson().Count);
    }

    [Fact]
    public void A_file_that_fails_stores_nothing_says_where_and_exits_2()
    {
        var bad = WriteFile("bad.json", "[\n {\"schema\": \"jixiao.form/1\",\n oops\n]");
        var missing = PathIn("missing.txt");

        var result = Run("import", bad, Corpus.PathOf(Corpus.Songnan2023), missing, "--db", Db);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{bad}: failed, nothing stored: bad.json:3: error: $[0]: invalid JSON", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{missing}: error: no such file", result.ErrLines);
        Assert.Contains($"{Corpus.PathOf(Corpus.Songnan2023)}: imported 5 forms", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 file(s): 1 imported (5 forms), 0 duplicate(s), 2 failed", result.Out, StringComparison.Ordinal);
        Assert.Equal(5, ExportJson().Count);
    }

    [Fact]
    public void Exports_the_stored_forms_as_the_interchange_json_filtered_by_year_and_department()
    {
        ImportCorpus();

        Assert.Equal(8, ExportJson("--year", "2023").Count);
        Assert.Equal(40, ExportJson("--department", Police).Count);
        Assert.Empty(ExportJson("--department", "不存在的部门"));
        var targets = ExportJson("--year", "2023", "--department", Police, "--format", "json");

        // the stored forms read back as what the reader extracted (provenance names the file without its folder)
        var extracted = Run("extract", Corpus.PathOf(Corpus.Police2023Targets)).Json.EnumerateArray().ToList();
        Assert.Equal(3, targets.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(WithoutProvenance(extracted[i]), WithoutProvenance(targets[i]));
            Assert.Equal(Corpus.Police2023Targets, targets[i].GetProperty("provenance").GetProperty("file").GetString());
        }
    }

    private static string WithoutProvenance(JsonElement form)
    {
        var node = JsonNode.Parse(form.GetRawText())!.AsObject();
        node.Remove("provenance");
        return node.ToJsonString();
    }

    [Fact]
    public void Exports_csv_with_a_bom_for_excel_one_row_per_form()
    {
        ImportCorpus();
        var file = PathIn("forms.csv");

        var result = Run("export", "--db", Db, "--format", "csv", "--out", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"exported 79 forms as CSV -> {file}\n", result.Err);
        var bytes = File.ReadAllBytes(file);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(ExportCommand.CsvColumns, rows[0]);
        Assert.Equal(80, rows.Count);
        Assert.All(rows, r => Assert.Equal(14, r.Count));

        // data-bureau-2024 l.843: 10.00 of 38.66 万元 executed; warnings GOAL-COPIED and SAT-UNMEASURED (满意度 answered 达成指标)
        var low = Assert.Single(rows, r => r[5] == "386600");
        Assert.Equal(
            ["2024", "self-evaluation", "上海市宝山区数据局", "上海市宝山区大数据中心", "100000", "25.8665", "92.59", "92.59", "优", "优", "0", "2"],
            [.. low[..4], .. low[6..]]);

        // a declaration has no printed total and no grade; police-2024 l.139 is an error
        Assert.Equal(3, rows.Count(r => r[1] == "target-declaration" && r[8] == "" && r[10] == "" && r[11] == ""));
        Assert.Equal(2, rows.Skip(1).Sum(r => int.Parse(r[12], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Csv_quotes_per_RFC_4180_and_defuses_formulas()
    {
        var form = FormFileReader.Read(Corpus.PathOf(Corpus.Songnan2023)).First();
        form.ProjectName = "=HYPERLINK(\"http://example.com\",\"点击\")";
        form.Department = "-宝山区,\"测试\"局";
        form.ImplementingUnit = "@单位\n第二行";
        var json = PathIn("tricky.json");
        using (var stream = File.Create(json))
        {
            FormJsonWriter.WriteArray(stream, [form]);
        }

        Assert.Equal(0, Run("import", json, "--db", Db).ExitCode);
        var result = Run("export", "--db", Db, "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("\uFEFFyear,kind,", result.Out, StringComparison.Ordinal);
        Assert.Contains(
            "2023,self-evaluation,\"'-宝山区,\"\"测试\"\"局\",\"'@单位\n第二行\",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\",",
            result.Out, StringComparison.Ordinal);
        var row = ParseCsv(result.Out[1..])[1];
        Assert.Equal(("'-宝山区,\"测试\"局", "'@单位\n第二行", "'=HYPERLINK(\"http://example.com\",\"点击\")"), (row[2], row[3], row[4]));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 21", "'+86 21")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("两行\r\n文字", "\"两行\r\n文字\"")]
    [InlineData("宝山区 = 好", "宝山区 = 好")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Csv_fields_are_guarded_then_quoted(string? value, string expected) => Assert.Equal(expected, CsvWriter.Field(value));

    [Fact]
    public void Export_needs_an_existing_database()
    {
        var missing = PathIn("none.db");

        var result = Run("export", "--db", missing);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"jixiao: error: no database at {missing}: import forms first (jixiao import FILE... --db {missing})", result.ErrLines.Single());
        Assert.False(File.Exists(missing));
    }
}
