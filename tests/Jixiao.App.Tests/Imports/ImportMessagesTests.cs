using System.Text.RegularExpressions;
using Jixiao.App.Imports;

namespace Jixiao.App.Tests.Imports;

/// <summary>
/// An import batch's reason, kept as text (in English, or in both languages when the database was the trouble), is
/// shown in the user's language: its template's code gives the Chinese and the English (issue 10, fix item 5).
/// </summary>
public sealed partial class ImportMessagesTests
{
    [Fact]
    public void Every_kept_reason_reads_back_as_its_template()
    {
        foreach (var t in ImportMessages.Catalogue.Templates)
        {
            var made = t.Format([.. Enumerable.Range(0, t.Arity).Select(i => (object)$"«{i}»")]);

            var read = ImportMessages.Catalogue.Read(made.Kept);

            Assert.True(read is not null, $"{t.Code} is not read back: {made.Kept}");
            Assert.Equal((t.Code, made.Zh, made.En), (read.Code, read.Zh, read.En));
        }
    }

    [Fact]
    public void A_reader_error_kept_in_english_is_shown_in_chinese_with_the_place_and_severity()
    {
        const string kept = "notes.txt: error: no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row";

        Assert.Equal("notes.txt · 错误：未找到表单：应有标题“财政项目支出绩效自评表/绩效目标申报表”或“项目名称”行", ImportMessages.Localize(kept, english: false));
        Assert.Equal(kept, ImportMessages.Localize(kept, english: true));
        Assert.Equal("forms.txt 第 12 行 · 警告：此表没有年度：标题中或标题下应有“（2024年度）”",
            ImportMessages.Localize("forms.txt:12: warning: the form has no year: expected (2024年度) in or under the heading", english: false));
    }

    [Fact]
    public void A_reason_kept_in_both_languages_is_shown_in_one()
    {
        // as stored before: Chinese, then English, in one string
        const string lost = "big.txt: 导入时数据库连接中断，未保存任何表单，请重新导入。The database connection was lost during the import (Connection refused); nothing was stored: import the file again.";
        Assert.Equal(lost, ImportMessages.DatabaseLost("big.txt", new InvalidOperationException("Connection refused")));

        Assert.Equal("big.txt：导入时数据库连接中断（Connection refused），未保存任何表单，请重新导入。", ImportMessages.Localize(lost, english: false));
        Assert.Equal("big.txt: The database connection was lost during the import (Connection refused); nothing was stored: import the file again.", ImportMessages.Localize(lost, english: true));

        const string notAForm = "a.json:1: error: $: 不是绩效表单：缺少 \"kind\" 和 \"projectName\"。Not a form: expected a jixiao.form/1 object with \"kind\" and \"projectName\", found only \"a\"; the value is skipped";
        Assert.Equal("a.json 第 1 行 · 错误：$：不是绩效表单：缺少 \"kind\" 和 \"projectName\"（只有 \"a\"）；已跳过该值", ImportMessages.Localize(notAForm, english: false));
        var english = ImportMessages.Localize(notAForm, english: true);
        Assert.Equal("a.json:1: error: $: Not a form: expected a jixiao.form/1 object with \"kind\" and \"projectName\", found only \"a\"; the value is skipped", english);
        Assert.DoesNotMatch(Han(), english);

        var same = ImportMessages.SameForms("b.txt", [3, 7]);
        Assert.Equal("b.txt：文件中的表单已全部导入过（批次 #3、#7，内容相同，编码、换行或格式不同），未重复导入。", ImportMessages.Localize(same, english: false));
        Assert.DoesNotMatch(Han(), ImportMessages.Localize(same, english: true));
    }

    [Fact]
    public void A_reason_no_template_made_is_shown_as_it_is()
    {
        Assert.Equal("something else", ImportMessages.Localize("something else", english: false));
        Assert.Equal("", ImportMessages.Localize(null, english: false));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
