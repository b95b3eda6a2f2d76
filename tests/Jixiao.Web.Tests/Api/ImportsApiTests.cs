using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// POST and DELETE /api/v1/imports on an application of their own: accepted files become background batches;
/// oversized, binary, renamed, malformed or unsigned requests are clear 4xx problems that store nothing.
/// </summary>
public sealed class ImportsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private JixiaoWebFactory Factory => app.Factory;

    [Fact]
    public async Task An_uploaded_file_is_queued_imported_and_listed_and_the_same_file_again_adds_nothing()
    {
        var bytes = await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023));
        var response = await ApiClient.UploadAsync(app.Reviewer, ("songnan.txt", bytes));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = await ApiClient.JsonAsync(response);
        var queued = Assert.Single(accepted.RootElement.GetProperty("queued").EnumerateArray());
        Assert.Empty(accepted.RootElement.GetProperty("refused").EnumerateArray());
        Assert.Equal("songnan.txt", queued.GetProperty("fileName").GetString());
        Assert.Equal(bytes.Length, queued.GetProperty("sizeBytes").GetInt64());
        var id = queued.GetProperty("batchId").GetInt64();
        Assert.Equal($"/api/v1/imports/{id}", queued.GetProperty("url").GetString());

        await Factory.WaitForBatchAsync(id);
        using var status = await ApiClient.GetJsonAsync(app.Reviewer, $"/api/v1/imports/{id}");
        Assert.Equal("succeeded", status.RootElement.GetProperty("status").GetString());
        Assert.Equal(5, status.RootElement.GetProperty("forms").GetInt32());
        Assert.Equal("reviewer", status.RootElement.GetProperty("createdBy").GetString());
        using var forms = await ApiClient.GetJsonAsync(app.Reviewer, $"/api/v1/forms?batch={id}");
        Assert.Equal(5, ApiClient.TotalCount(forms));

        var again = await ApiClient.UploadAsync(app.Reviewer, ("songnan-copy.txt", bytes));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        using var againDoc = await ApiClient.JsonAsync(again);
        var second = await Factory.WaitForBatchAsync(againDoc.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64());
        Assert.Equal(ImportStatus.Duplicate, second.Status);
        Assert.Equal(id, second.DuplicateOfBatchId);
        using var duplicate = await ApiClient.GetJsonAsync(app.Reviewer, $"/api/v1/imports/{second.Id}");
        Assert.Equal("duplicate", duplicate.RootElement.GetProperty("status").GetString());
        Assert.Equal(id, duplicate.RootElement.GetProperty("duplicateOf").GetInt64());
    }

    [Fact]
    public async Task Accepted_and_refused_files_of_one_upload_are_reported_each()
    {
        var batches = await Factory.CountBatchesAsync();
        var response = await ApiClient.UploadAsync(app.Admin,
            ("declarations.txt", await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2023Targets))),
            ("notes.rtf", "{\\rtf1\\ansi 绩效}"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var doc = await ApiClient.JsonAsync(response);
        var refused = Assert.Single(doc.RootElement.GetProperty("refused").EnumerateArray());
        Assert.Equal("notes.rtf", refused.GetProperty("fileName").GetString());
        Assert.Equal(415, refused.GetProperty("status").GetInt32());
        Assert.Single(doc.RootElement.GetProperty("queued").EnumerateArray());
        await Factory.WaitForBatchAsync(doc.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64());
        Assert.Equal(batches + 1, await Factory.CountBatchesAsync());
    }

    [Fact]
    public async Task An_oversized_file_is_413_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        var big = new byte[JixiaoWebFactory.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');
        var problem = await ApiClient.ProblemAsync(await ApiClient.UploadAsync(app.Admin, ("huge.txt", big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("文件过大", problem.GetProperty("title").GetString()); // the problem in the request's language (issue 10, fix item 5)
        Assert.StartsWith("huge.txt：文件过大", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(413, problem.GetProperty("files")[0].GetProperty("status").GetInt32());

        // the messages of the upload checks follow the UI language
        var english = await ApiClient.ProblemAsync(await ApiClient.UploadAsync(app.Admin, "/api/v1/imports?culture=en", ("huge.txt", big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("too large", english.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_request_larger_than_the_limit_is_413_before_it_is_read()
    {
        var before = await CountsAsync();
        var token = await ApiClient.TokenAsync(app.Admin);
        var body = new byte[(JixiaoWebFactory.MaxFileBytes * 4) + (1 << 20) + 10];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var problem = await ApiClient.ProblemAsync(await app.Admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("每个请求最多", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var json = await ApiClient.PostBodyAsync(app.Admin, "[" + new string(' ', JixiaoWebFactory.MaxFileBytes) + "]", "application/json");
        await ApiClient.ProblemAsync(json, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("renamed.txt", "{\\rtf1\\ansi\\ansicpg936 绩效", "RTF")]
    [InlineData("notice.ofd", "PK\u0003\u0004 OFD.xml", "OFD")]
    [InlineData("sheet.txt", "PK\u0003\u0004 not really a zip", "ZIP")]
    [InlineData("old.doc", "\u00d0\u00cf\u0011\u00e0", ".doc")]
    [InlineData("page.xml", "<?xml version=\"1.0\"?><forms><script>alert(1)</script></forms>", ".xml")]
    [InlineData("run.exe", "MZ", ".exe")]
    public async Task A_file_of_a_type_that_is_not_read_is_415_with_a_message_and_nothing_is_stored(string name, string content, string mentioned)
    {
        var before = await CountsAsync();
        var response = await ApiClient.UploadAsync(app.Admin, (name, Encoding.Latin1.GetBytes(content)));
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_empty_file_and_an_upload_without_files_are_400()
    {
        var before = await CountsAsync();
        await ApiClient.ProblemAsync(await ApiClient.UploadAsync(app.Admin, ("empty.txt", [])), HttpStatusCode.BadRequest);
        var none = await ApiClient.ProblemAsync(await ApiClient.UploadAsync(app.Admin), HttpStatusCode.BadRequest);
        Assert.Contains("带文件名的一个部分", none.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("text/plain", "项目名称 something")]
    [InlineData("application/xml", "<forms/>")]
    [InlineData("application/pdf", "%PDF-1.7")]
    public async Task A_body_that_is_neither_multipart_nor_json_is_415(string contentType, string body)
    {
        var before = await CountsAsync();
        var problem = await ApiClient.ProblemAsync(await ApiClient.PostBodyAsync(app.Admin, body, contentType), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("{\"schema\": \"jixiao.form/1\", \"kind\": ", "upload.json:1: error: $: unexpected end of input")]
    [InlineData("[{\"schema\":\"jixiao.form/1\",\"kind\":\"self-evaluation\",\"projectName\":\"a\"},]", "invalid JSON")]
    [InlineData("not json at all", "expected a JSON array")]
    [InlineData("[]", "no jixiao.form/1 form")]
    [InlineData("", "empty")]
    [InlineData("[{\"schema\":\"other/2\",\"projectName\":\"x\"}]", "other/2")]
    public async Task A_malformed_json_body_is_400_with_the_readers_message_and_nothing_is_stored(string body, string message)
    {
        var before = await CountsAsync();
        var problem = await ApiClient.ProblemAsync(await ApiClient.PostBodyAsync(app.Admin, body, "application/json", "/api/v1/imports?culture=en"), HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_json_body_of_forms_is_imported_as_one_batch()
    {
        var form = new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = 2025,
            ProjectName = "<script>alert('x')</script> 2025年测试项目",
            Department = "' OR 1=1; DROP TABLE forms; --",
            ImplementingUnit = "测试单位",
            MoneyUnit = MoneyUnit.TenThousandYuan,
            SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { InitialBudget = 100000, AnnualBudget = 100000, Executed = 90000, Weight = 10, ExecutionRate = 90, Score = 9 } },
            Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "完成数量", Target = "=10(个)", Actual = "10(个)", Weight = 90, Score = 90 }],
            TotalWeight = 100,
            TotalScore = 99,
            Grade = "优",
        };
        var json = FormJsonWriter.ToJson(form);
        var response = await ApiClient.PostBodyAsync(app.Admin, json, "application/json", "/api/v1/imports?fileName=test-forms");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var doc = await ApiClient.JsonAsync(response);
        var queued = doc.RootElement.GetProperty("queued")[0];
        Assert.Equal("test-forms.json", queued.GetProperty("fileName").GetString());
        var batch = await Factory.WaitForBatchAsync(queued.GetProperty("batchId").GetInt64());
        Assert.Equal(ImportStatus.Succeeded, batch.Status);
        Assert.Equal(1, batch.FormCount);

        // stored as text, never run: the department user of that odd department sees it, quoted back escaped
        using var list = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/forms?batch={batch.Id}");
        var item = ApiClient.Items(list).Single();
        Assert.Equal(form.ProjectName, item.GetProperty("projectName").GetString());
        Assert.Equal(form.Department, item.GetProperty("department").GetString());
        var raw = await app.Admin.GetStringAsync($"/api/v1/forms/{item.GetProperty("id").GetInt64()}");
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Equal(form.ProjectName, FormJsonReader.ReadString(raw, "x.json", null).Single().ProjectName);
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_400_and_stores_nothing()
    {
        var before = await CountsAsync();
        using var content = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))), "files", "a.txt" } };
        var problem = await ApiClient.ProblemAsync(await app.Admin.PostAsync("/api/v1/imports", content), HttpStatusCode.BadRequest);
        Assert.Contains("防伪令牌", problem.GetProperty("title").GetString()!, StringComparison.Ordinal);
        var json = await ApiClient.PostBodyAsync(app.Admin, "[]", "application/json", token: false);
        await ApiClient.ProblemAsync(json, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_administrator_deletes_a_batch_with_its_forms_and_the_audit_log_records_it()
    {
        var response = await ApiClient.UploadAsync(app.Admin, ("to-delete.txt", await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))));
        using var doc = await ApiClient.JsonAsync(response);
        var id = doc.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64();
        var batch = await Factory.WaitForBatchAsync(id);
        Assert.Equal(34, batch.FormCount);
        var forms = await Factory.CountFormsAsync();

        await ApiClient.ProblemAsync(await app.Supervisor.DeleteAsync($"/api/v1/imports/{id}"), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await app.Reviewer.DeleteAsync($"/api/v1/imports/{id}"), HttpStatusCode.Forbidden);
        Assert.Equal(forms, await Factory.CountFormsAsync());

        var delete = await app.Admin.DeleteAsync($"/api/v1/imports/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(forms - 34, await Factory.CountFormsAsync());
        await ApiClient.ProblemAsync(app.Admin, $"/api/v1/imports/{id}", HttpStatusCode.NotFound);
        using var gone = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/forms?batch={id}");
        Assert.Equal(0, ApiClient.TotalCount(gone));
        Assert.False(File.Exists(Factory.Uploads.PathOf(id, "to-delete.txt")));

        await using (var db = Factory.Database.CreateContext())
        {
            var entry = await db.AuditLog.AsNoTracking().Where(a => a.Action == "delete" && a.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync();
            Assert.Equal("admin", entry.Actor);
            Assert.Equal("import", entry.TargetType);
            Assert.Contains("34 forms deleted", entry.Details, StringComparison.Ordinal);
        }

        await ApiClient.ProblemAsync(await app.Admin.DeleteAsync($"/api/v1/imports/{id}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await app.Admin.DeleteAsync("/api/v1/imports/abc"), HttpStatusCode.BadRequest);
    }

    private async Task<(long Forms, long Batches)> CountsAsync() => (await Factory.CountFormsAsync(), await Factory.CountBatchesAsync());
}
