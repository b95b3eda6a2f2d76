using System.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

/// <summary>Unreadable inputs: one clear line on stderr each, the other files still processed, exit code 2.</summary>
public class BadInputTests : CliTestBase
{
    private static readonly string Good = Corpus.PathOf(Corpus.Songnan2023);

    private void AssertOneLineAndOthersProcessed(string command, string bad, string expectedFragment)
    {
        var result = Run(command, bad, Good);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var lines = result.ErrLines.Where(l => l.StartsWith(bad, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains(expectedFragment, line, StringComparison.Ordinal);
        Assert.Matches(@": error: ", line);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal); // no stack trace
        if (command == "extract")
        {
            Assert.Equal(5, result.Json.GetArrayLength());
        }
    }

    [Fact]
    public void A_missing_file() =>
        AssertOneLineAndOthersProcessed("extract", PathIn("missing.txt"), "no such file");

    [Fact]
    public void A_binary_file()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[100] = 0;
        AssertOneLineAndOthersProcessed("extract", WriteFile("blob.bin", bytes), "not a text file");
    }

    [Fact]
    public void A_pdf_file() =>
        AssertOneLineAndOthersProcessed("extract", WriteFile("form.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")), "PDF");

    [Fact]
    public void A_spreadsheet() =>
        AssertOneLineAndOthersProcessed("extract", WriteFile("forms.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), "Excel workbook");

    [Fact]
    public void An_empty_file() =>
        AssertOneLineAndOthersProcessed("extract", WriteFile("empty.txt", ""), "empty");

    [Fact]
    public void Text_without_any_form() =>
        AssertOneLineAndOthersProcessed("extract", WriteFile("notes.txt", "会议纪要\n今天讨论了预算。\n"), "form found");

    [Fact]
    public void Malformed_json_names_the_line_and_what_was_expected()
    {
        var bad = WriteFile("bad.json", "[\n  {\"schema\": \"jixiao.form/1\", \"kind\": \"self-evaluation\"},\n  {\"kind\": oops}\n]");
        var result = Run("extract", bad, Good);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrLines, l => l.StartsWith(bad, StringComparison.Ordinal));
        Assert.StartsWith(bad + ":3: error: $[1]: invalid JSON: ", line, StringComparison.Ordinal);
        Assert.Equal(6, result.Json.GetArrayLength()); // the form before the error, and the good file
    }

    [Fact]
    public void A_directory_without_forms()
    {
        var dir = Path.Combine(Scratch, "empty-dir");
        Directory.CreateDirectory(dir);
        AssertOneLineAndOthersProcessed("extract", dir, "a directory without .txt, .json, .pdf, .xlsx, .xls, .docx or .html files");
    }

    [Fact]
    public void Check_also_reports_the_bad_file_and_checks_the_others()
    {
        var result = Run("check", PathIn("missing.txt"), Good, "--format", "json");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Single(result.ErrLines, l => l.Contains("missing.txt: error: no such file", StringComparison.Ordinal));
        Assert.All(result.Json.EnumerateArray(), f => Assert.Equal(Good, f.GetProperty("file").GetString()));
        Assert.NotEqual(0, result.Json.GetArrayLength());
    }

    [Fact]
    public void Score_also_reports_the_bad_file_and_scores_the_others()
    {
        var result = Run("score", PathIn("missing.txt"), Good, "--format", "json");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(5, result.Json.GetArrayLength());
    }

    [Fact]
    public void An_unwritable_output_is_one_line()
    {
        var result = Run("extract", Good, "--out", Path.Combine(Scratch, "no", "such", "dir", "out.json"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("jixiao: error: cannot write ", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }
}
