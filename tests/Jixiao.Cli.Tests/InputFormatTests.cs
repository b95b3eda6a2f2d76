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
        File.WriteAllBytes(Path.Combine(dir, "c.ofd"), "PK\u0003\u0004 OFD.xml"u8.ToArray());
        File.WriteAllText(Path.Combine(dir, "notes.md"), "not read");

        var result = Run("extract", dir);

        Assert.Equal([".txt", ".json", ".jsonl", ".pdf", ".xlsx", ".xlsm", ".xls", ".et", ".docx", ".docm", ".html", ".htm", ".xhtml"], FormatRegistry.Default.Extensions);
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
    public void A_kind_not_read_named_txt_is_one_error_naming_the_kind()
    {
        var document = WriteFile("notes.txt", "{\\rtf1\\ansi\\ansicpg936 项目名称 绩效自评表}\n");

        var result = Run("extract", document, Corpus.PathOf(Corpus.Songnan2023));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrLines, l => l.StartsWith(document, StringComparison.Ordinal));
        Assert.StartsWith(document + ": error: RTF documents are not read yet", line, StringComparison.Ordinal);
        Assert.Equal(5, result.Json.GetArrayLength());
    }

    [Fact]
    public void A_web_page_named_txt_is_read_as_a_web_page()
    {
        var rows = File.ReadAllLines(Corpus.PathOf(Corpus.Songnan2023))
            .Select(l => "<tr>" + string.Concat(l.Split('\t').Select(c => "<td>" + System.Net.WebUtility.HtmlEncode(c) + "</td>")) + "</tr>");
        var page = WriteFile("page.txt", "<!DOCTYPE html>\n<html><body><table>" + string.Join('\n', rows) + "</table></body></html>\n");

        var result = Run("extract", page);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.Json.GetArrayLength());
        Assert.Equal("html", result.Json[0].GetProperty("source").GetProperty("format").GetString());
    }
}
