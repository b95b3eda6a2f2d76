using System.Net;
using System.Text;
using System.Text.Json;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests;

/// <summary>Uploads through the import page: accepted files become background batches, refused ones store nothing.</summary>
public sealed class ImportTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private JixiaoWebFactory Factory => corpus.Factory;

    [Fact]
    public async Task Imported_corpus_files_are_listed_with_their_form_counts()
    {
        Assert.Equal(ImportStatus.Succeeded, corpus.Police.Status);
        Assert.Equal(37, corpus.Police.FormCount);
        Assert.Equal(ImportStatus.Succeeded, corpus.DataBureau.Status);
        Assert.Equal(34, corpus.DataBureau.FormCount);

        var police = await JixiaoWebFactory.HtmlAsync(corpus.Admin, $"/forms?batch={corpus.Police.Id}");
        Assert.Equal("37", police.QuerySelector("#form-count")!.GetAttribute("data-total"));
        Assert.Equal(37, police.QuerySelectorAll("#forms-table tbody tr").Length);
        Assert.All(police.QuerySelectorAll("#forms-table tbody tr td:nth-child(3)"), td => Assert.Equal(CorpusFixture.PoliceDepartment, td.TextContent.Trim()));

        var all = await JixiaoWebFactory.HtmlAsync(corpus.Admin, "/forms");
        Assert.Equal("71", all.QuerySelector("#form-count")!.GetAttribute("data-total"));
    }

    [Fact]
    public async Task The_import_page_lists_the_batches_and_the_status_endpoint_reports_them()
    {
        var page = await JixiaoWebFactory.HtmlAsync(corpus.Admin, "/imports");
        var row = page.QuerySelector($"#batches tr[data-batch='{corpus.Police.Id}']")!;
        Assert.Equal("succeeded", row.GetAttribute("data-status"));
        Assert.Contains(Corpus.Police2024, row.TextContent, StringComparison.Ordinal);

        using var status = JsonDocument.Parse(await corpus.Admin.GetStringAsync($"/imports/{corpus.Police.Id}/status"));
        Assert.Equal("succeeded", status.RootElement.GetProperty("status").GetString());
        Assert.Equal(37, status.RootElement.GetProperty("forms").GetInt32());
        Assert.True(status.RootElement.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var forms = await Factory.CountFormsAsync();

        var response = await JixiaoWebFactory.UploadAsync(corpus.Admin, ("again.txt", await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))));
        var batch = await Factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());

        Assert.Equal(ImportStatus.Duplicate, batch.Status);
        Assert.Equal(corpus.Police.Id, batch.DuplicateOfBatchId);
        Assert.Equal(forms, await Factory.CountFormsAsync());
    }

    [Theory]
    [InlineData("notice.ofd", "PK\u0003\u0004 OFD.xml", "OFD")]
    [InlineData("renamed-rtf.txt", "{\\rtf1\\ansi\\ansicpg936 绩效", "RTF")]
    [InlineData("old.doc", "\u00d0\u00cf\u0011\u00e0", "Word")]
    [InlineData("zipped.json", "PK\u0003\u0004", "ZIP")]
    [InlineData("picture.png", "\u0089PNG", ".png")]
    [InlineData("empty.txt", "", "空")]
    public async Task A_file_of_the_wrong_kind_gets_a_clear_message_and_stores_nothing(string name, string content, string expected)
    {
        var batches = await Factory.CountBatchesAsync();
        var forms = await Factory.CountFormsAsync();

        var response = await JixiaoWebFactory.UploadAsync(corpus.Admin, (name, Encoding.Latin1.GetBytes(content)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal(JsonValueKind.Null, file.GetProperty("batchId").ValueKind);
        var error = file.GetProperty("error").GetString()!;
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("未保存任何内容", error, StringComparison.Ordinal);
        Assert.Equal(batches, await Factory.CountBatchesAsync());
        Assert.Equal(forms, await Factory.CountFormsAsync());
        Assert.Empty(Directory.Exists(Factory.Uploads.Directory)
            ? Directory.GetFiles(Factory.Uploads.Directory).Where(f => !IsKept(f, corpus.Police.Id, corpus.DataBureau.Id))
            : []);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_the_limit_in_the_message()
    {
        var batches = await Factory.CountBatchesAsync();
        var big = new byte[JixiaoWebFactory.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');

        var response = await JixiaoWebFactory.UploadAsync(corpus.Admin, ("big.txt", big));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("文件过大", body, StringComparison.Ordinal);
        Assert.Contains("976.6 KB", body, StringComparison.Ordinal);
        Assert.Equal(batches, await Factory.CountBatchesAsync());
    }

    [Fact]
    public async Task An_upload_without_files_is_a_bad_request()
    {
        var token = await JixiaoWebFactory.TokenAsync(corpus.Admin, "/imports");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports?handler=Upload") { Content = content };
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));

        var response = await corpus.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_form_post_redirects_back_to_the_page_with_the_outcome()
    {
        var token = await JixiaoWebFactory.TokenAsync(corpus.Admin, "/imports");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(OfdBytes), "files", "notice.ofd" },
        };

        var response = await corpus.Admin.PostAsync("/imports?handler=Upload", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await JixiaoWebFactory.HtmlAsync(corpus.Admin, "/imports");
        var item = page.QuerySelector("#upload-list li")!;
        Assert.Contains("notice.ofd", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("暂不支持 OFD", item.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The head of an OFD document (a ZIP holding OFD.xml): a kind recognised but not read.</summary>
    internal static readonly byte[] OfdBytes = [.. "PK\u0003\u0004"u8, .. new byte[26], .. "OFD.xml"u8];

    private static bool IsKept(string path, params long[] batches) =>
        batches.Any(b => Path.GetFileNameWithoutExtension(path) == b.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Uploads of several files where some fail: each file is its own batch, the others go on.</summary>
public sealed class MixedUploadTests : IDisposable
{
    private readonly JixiaoWebFactory factory = new();

    [Fact]
    public async Task A_failing_file_reports_its_reason_and_the_other_files_go_on()
    {
        var admin = await factory.SignedInAsync("reviewer", "jixiao-reviewer");

        var response = await JixiaoWebFactory.UploadAsync(admin,
            ("notes.txt", "这不是一张表。\n只有几行说明文字。\n"u8.ToArray()),
            ("bad.json", "{ \"schema\": \"jixiao.form/1\", "u8.ToArray()),
            ("notice.ofd", ImportTests.OfdBytes),
            (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, ids.Count); // the OFD was refused before it became a batch
        var notes = await factory.WaitForBatchAsync(ids[0]);
        var json = await factory.WaitForBatchAsync(ids[1]);
        var songnan = await factory.WaitForBatchAsync(ids[2]);

        Assert.Equal(ImportStatus.Failed, notes.Status);
        Assert.StartsWith("notes.txt", notes.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("no form found", notes.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Failed, json.Status);
        Assert.False(string.IsNullOrWhiteSpace(json.ErrorMessage));
        Assert.Equal(ImportStatus.Succeeded, songnan.Status);
        Assert.Equal(songnan.FormCount, await factory.CountFormsAsync());

        // the failures show on the import page with their reasons, and their files are not kept
        var page = await JixiaoWebFactory.HtmlAsync(admin, "/imports");
        var row = page.QuerySelector($"#batches tr[data-batch='{notes.Id}']")!;
        Assert.Equal("failed", row.GetAttribute("data-status"));
        Assert.Contains("未找到表单", row.TextContent, StringComparison.Ordinal); // the stored reason, shown in the page's language
        Assert.False(File.Exists(factory.Uploads.PathOf(notes.Id, "notes.txt")));
        Assert.True(File.Exists(factory.Uploads.PathOf(songnan.Id, Corpus.Songnan2023)));
    }

    [Fact]
    public async Task Deleting_a_batch_removes_its_forms_and_is_audited()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var response = await JixiaoWebFactory.UploadAsync(admin, (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        var batch = await factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());
        Assert.True(await factory.CountFormsAsync() > 0);

        var token = await JixiaoWebFactory.TokenAsync(admin, "/imports");
        var deleted = await admin.PostAsync($"/imports?handler=Delete&id={batch.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await factory.CountFormsAsync());
        var audit = await JixiaoWebFactory.HtmlAsync(admin, "/admin/audit");
        Assert.Contains(audit.QuerySelectorAll("#audit tbody tr"), r => r.GetAttribute("data-action") == "delete" && r.TextContent.Contains(Corpus.Songnan2023, StringComparison.Ordinal));
        Assert.Contains(audit.QuerySelectorAll("#audit tbody tr"), r => r.GetAttribute("data-action") == "import" && r.TextContent.Contains("admin", StringComparison.Ordinal));
    }

    public void Dispose() => factory.Dispose();
}
