using Jixiao.Data.Entities;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// An uploaded JSON file that is not a form, or not UTF-8, fails its batch with a reason naming the file and what
/// was expected — it was stored as an empty form, or failed as an internal error (issue 10, item 9).
/// </summary>
public sealed class BadJsonUploadTests(JixiaoWebFactory factory) : IClassFixture<JixiaoWebFactory>
{
    [Fact]
    public async Task A_json_object_that_is_not_a_form_stores_nothing_and_says_why()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var forms = await factory.CountFormsAsync();

        var response = await JixiaoWebFactory.UploadAsync(admin, ("a.json", """{"a":1}"""u8.ToArray()));
        var batch = await factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());

        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Equal(forms, await factory.CountFormsAsync());
        Assert.StartsWith("a.json:1: error: $: 不是绩效表单：缺少 \"kind\" 和 \"projectName\"", batch.ErrorMessage, StringComparison.Ordinal);
        var page = await JixiaoWebFactory.HtmlAsync(admin, "/imports");
        Assert.Contains("不是绩效表单", page.QuerySelector($"#batches tr[data-batch='{batch.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_file_in_gbk_fails_with_the_byte_offset_not_an_internal_error()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var head = "[{\"schema\":\"jixiao.form/1\",\"kind\":\"self-evaluation\",\"projectName\":\""u8.ToArray();
        byte[] file = [.. head, 0xCF, 0xEE, 0xC4, 0xBF, .. "\"}]"u8.ToArray()]; // 项目 in GBK

        var response = await JixiaoWebFactory.UploadAsync(admin, ("gbk.json", file));
        var batch = await factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());

        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Equal(1, batch.ErrorLine);
        Assert.StartsWith($"gbk.json:1: error: $[0].projectName: 第 {head.Length} 字节起不是有效的 UTF-8 文本（0xCFEE）", batch.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", batch.ErrorMessage, StringComparison.Ordinal);
    }
}
