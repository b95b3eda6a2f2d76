using System.Net;
using System.Text;
using System.Text.Json;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Formats;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests;

/// <summary>
/// The upload checks ask the format registry: the file picker offers its extensions, the content decides what a file
/// is (published text named .json is imported as text), and content no format reads is refused before it is stored.
/// </summary>
public sealed class UploadFormatTests : IDisposable
{
    private readonly JixiaoWebFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task The_file_picker_accepts_the_extensions_of_the_registry()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var page = await JixiaoWebFactory.HtmlAsync(admin, "/imports");

        Assert.StartsWith(FormatRegistry.Default.Accept + ",", page.QuerySelector("input#files")!.GetAttribute("accept"), StringComparison.Ordinal);
        Assert.Equal(".txt,.json,.jsonl,.pdf,.xlsx,.xlsm,.xls,.et,.docx,.docm,.html,.htm,.xhtml", FormatRegistry.Default.Accept);
    }

    [Fact]
    public async Task Published_text_named_json_is_imported_as_text_and_shows_its_source_lines()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await JixiaoWebFactory.UploadAsync(admin, ("songnan.json", await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());
        Assert.Equal((ImportStatus.Succeeded, 5), (batch.Status, batch.FormCount));
        var lines = await factory.Uploads.ReadLinesAsync(batch.Id, "songnan.json", 3, 5, CancellationToken.None);
        Assert.Equal([3, 4, 5], lines.Select(l => l.Line));
        Assert.StartsWith("财政项目支出绩效自评表", lines[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary.txt", "内容不是文本")]
    [InlineData("page.txt", "RTF")]
    public async Task Content_no_format_reads_is_refused_by_the_page_with_the_reason_and_stores_nothing(string name, string expected)
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var batches = await factory.CountBatchesAsync();

        var response = await JixiaoWebFactory.UploadAsync(admin, (name, Content(name)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("files")[0].GetProperty("error").GetString()!;
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("未保存任何内容", error, StringComparison.Ordinal);
        Assert.Equal(batches, await factory.CountBatchesAsync());
    }

    [Theory]
    [InlineData("binary.txt")]
    [InlineData("page.txt")]
    public async Task Content_no_format_reads_is_415_from_the_api(string name)
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var batches = await factory.CountBatchesAsync();

        var response = await ApiClient.UploadAsync(admin, (name, Content(name)));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(415, problem.GetProperty("files")[0].GetProperty("status").GetInt32());
        Assert.Equal(batches, await factory.CountBatchesAsync());
    }

    private static byte[] Content(string name)
    {
        if (name == "page.txt")
        {
            return Encoding.UTF8.GetBytes("{\\rtf1\\ansi\\ansicpg936 项目名称 绩效自评表}");
        }

        var junk = new byte[2048];
        new Random(5).NextBytes(junk);
        junk[3] = 0;
        return junk;
    }
}
