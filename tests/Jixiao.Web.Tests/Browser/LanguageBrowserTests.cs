using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// In a real browser, in Chinese and then in English (switched with the header's language link): a demo form's page
/// shows the reader's notes, and the import page the reason of a failed upload, in the chosen language only (issue 10,
/// fix item 5). The texts go to the test output; screenshots to artifacts/screenshots/issue10/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task A_demo_forms_notes_and_a_failed_uploads_reason_read_in_the_chosen_language()
    {
        Directory.CreateDirectory(ImportPageBrowserTests.Shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        long formId;
        await using (var db = app.Factory.Database.CreateContext())
        {
            formId = await db.FormGoals.Where(g => g.ReaderNotes != null).OrderBy(g => g.FormId).Select(g => g.FormId).FirstAsync();
        }

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");

        // the demo form's page in Chinese
        await page.GotoAsync($"/forms/{formId}");
        var zhNotes = await page.Locator("#reader-notes").InnerTextAsync();
        output.WriteLine("读取说明:\n" + zhNotes);
        Assert.Matches(Han(), zhNotes);
        Assert.DoesNotMatch(EnglishWords(), zhNotes);
        await page.Locator("#reader-notes").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "language-1-form-zh.png"), FullPage = true });

        // a file holding no form, uploaded from the import page: its reason in Chinese
        var file = Path.Combine(Path.GetTempPath(), "jixiao-browser-" + Guid.NewGuid().ToString("N")[..8], "说明.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "这不是一张表。\n只有几行说明文字。\n", new UTF8Encoding(false));
        var json = Path.Combine(Path.GetDirectoryName(file)!, "not-a-form.json");
        await File.WriteAllTextAsync(json, """{"a":1}""", new UTF8Encoding(false));
        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator("#choose-files")).ToHaveTextAsync("选择文件"); // not the browser's own "Choose Files"
        await page.SetInputFilesAsync("#files", [file, json]);
        await page.ClickAsync("#upload-button");
        var row = page.Locator("#batches tbody tr").Filter(new() { HasText = "说明.txt" });
        var jsonRow = page.Locator("#batches tbody tr").Filter(new() { HasText = "not-a-form.json" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 60_000 });
        await Assertions.Expect(jsonRow).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 60_000 });
        var zhReason = await row.Locator("small").InnerTextAsync();
        var zhJson = await jsonRow.Locator("small").InnerTextAsync();
        var zhFollowed = await page.Locator("#upload-list .error").AllInnerTextsAsync();
        output.WriteLine("失败原因: " + zhReason + "\n" + zhJson + "\n上传列表: " + string.Join(" | ", zhFollowed));
        Assert.StartsWith("说明.txt · 错误：未找到表单", zhReason, StringComparison.Ordinal);
        Assert.StartsWith("not-a-form.json 第 1 行 · 错误：$：不是绩效表单", zhJson, StringComparison.Ordinal);
        Assert.All(zhFollowed, t => Assert.DoesNotMatch(EnglishWords(), t));
        Assert.All([zhReason, zhJson], t => Assert.DoesNotMatch(EnglishWords(), t));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "language-2-import-zh.png"), FullPage = true });

        // English, chosen with the header's link: the same reasons and notes in English
        await page.ClickAsync("a.lang[lang='en']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/imports");
        await Assertions.Expect(page.Locator("#choose-files")).ToHaveTextAsync("Choose files");
        var enReason = await row.Locator("small").InnerTextAsync();
        var enJson = await jsonRow.Locator("small").InnerTextAsync();
        output.WriteLine("reasons: " + enReason + "\n" + enJson);
        Assert.StartsWith("说明.txt: error: no form found", enReason, StringComparison.Ordinal);
        Assert.StartsWith("not-a-form.json:1: error: $: Not a form", enJson, StringComparison.Ordinal);
        Assert.DoesNotContain("不是绩效表单", enJson, StringComparison.Ordinal);
        Assert.DoesNotContain("错误", enReason, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "language-3-import-en.png"), FullPage = true });

        await page.GotoAsync($"/forms/{formId}");
        var enNotes = await page.Locator("#reader-notes").InnerTextAsync();
        output.WriteLine("reader notes:\n" + enNotes);
        Assert.Matches(@"\b(warning|info|error): ", enNotes);
        Assert.DoesNotContain("警告", enNotes, StringComparison.Ordinal);
        Assert.DoesNotContain("提示", enNotes, StringComparison.Ordinal);
        var recomputed = page.Locator("td[data-field='grade'] .recomputed");
        if (await recomputed.CountAsync() > 0)
        {
            Assert.DoesNotMatch("[优良中差]", await recomputed.InnerTextAsync());
        }

        await page.Locator("#reader-notes").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "language-4-form-en.png"), FullPage = true });
    }

    /// <summary>Words of the English notes and reasons that must not be left in a Chinese page.</summary>
    [GeneratedRegex(@"\b(expected|found|could not|cannot|warning|error|info|the form|no form|Not a form|nothing was stored)\b")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
