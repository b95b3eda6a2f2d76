using System.Text;
using Jixiao.Ingest.Formats;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

/// <summary>The command line asks the format registry: which files of a folder it reads, and what each file is.</summary>
public class InputFormatTests : CliTestBase
{
    [Fact]
    public void A_directory_is_scanned_for_every_extension_the_registry_reads()
    {
        var dir = Path.Combine(Scratch, "in");
        Directory.CreateDirectory(dir);
        File.Copy(Corpus.PathOf(Corpus.Songnan2023), Path.Combine(dir, "a.txt"));
        var json = Run("extract", Corpus.PathOf(Corpus.Police2023Targets));
        File.WriteAllText(Path.Combine(dir, "b.JSONL"), json.Out);
        File.WriteAllBytes(Path.Combine(dir, "c.pdf"), "%PDF-1.7\n"u8.ToArray());
        File.WriteAllText(Path.Combine(dir, "notes.md"), "not read");

        var result = Run("extract", dir);

        Assert.Equal([".txt", ".json", ".jsonl"], FormatRegistry.Default.Extensions);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(8, result.Json.GetArrayLength());
        Assert.Equal("区特保队伍经费", result.Json[5].GetProperty("projectName").GetString());
    }

    [Fact]
    public void A_file_is_read_by_its_content_not_its_name()
    {
        var text = WriteFile("songnan.json", File.ReadAllBytes(Corpus.PathOf(Corpus.Songnan2023)));
        var json = WriteFile("targets.txt", Encoding.UTF8.GetBytes(Run("extract", Corpus.PathOf(Corpus.Police2023Targets)).Out));

        var result = Run("extract", text, json);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(8, result.Json.GetArrayLength());
        Assert.Equal(text, result.Json[0].GetProperty("provenance").GetProperty("file").GetString());
    }

    [Fact]
    public void A_web_page_named_txt_is_one_error_naming_the_kind()
    {
        var page = WriteFile("page.txt", "<!DOCTYPE html>\n<html><body><table><tr><td>项目名称</td></tr></table></body></html>\n");

        var result = Run("extract", page, Corpus.PathOf(Corpus.Songnan2023));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrLines, l => l.StartsWith(page, StringComparison.Ordinal));
        Assert.Equal(page + ": error: web pages (.html) and other HTML or XML files are not read yet: copy the tables into a spreadsheet and save it as TAB-separated text (.txt), and read that", line);
        Assert.Equal(5, result.Json.GetArrayLength());
    }
}
