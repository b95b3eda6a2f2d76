using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Forms;

/// <summary>Messages written once in both languages with a code, and English text read back into both (issue 10, fix item 5).</summary>
public sealed class MessageTemplateTests
{
    private static readonly MessageTemplate Where = new("PHRASE-T", "资金表", "the fund table");

    private static readonly MessageTemplate Unplaced = new("T-UNPLACED",
        "无法把此行归入{0}：读到“{1}”（共 {2:N0} 行）",
        "could not place this row in {0}: found '{1}' ({2:N0} rows)");

    private static readonly MessageTemplate Twice = new("T-TWICE", "此行超过 {0:N0} 个字符：只读取了前 {0:N0} 个", "longer than {0:N0}: only its first {0:N0} were read");

    private static readonly MessageTemplate Both = new("T-BOTH",
        "{0}：数据库中断，请重新导入。",
        "{0}: the database went away ({1}); import again.",
        stored: "{0}: 数据库中断，请重新导入。The database went away ({1}); import again.");

    [Fact]
    public void A_message_is_made_in_both_languages_with_its_code_and_phrases_in_each()
    {
        var text = Unplaced.Format(Where.Format(), "一级指标 …", 12345);

        Assert.Equal("T-UNPLACED", text.Code);
        Assert.Equal("无法把此行归入资金表：读到“一级指标 …”（共 12,345 行）", text.Zh);
        Assert.Equal("could not place this row in the fund table: found '一级指标 …' (12,345 rows)", text.En);
        Assert.Null(text.Stored);
        Assert.Equal(text.En, text.Kept);
        Assert.Equal(text.Zh, text.In(english: false));
    }

    [Fact]
    public void The_english_is_read_back_into_both_languages_with_its_phrases_translated()
    {
        var catalogue = new MessageCatalogue([Where, Unplaced, Twice]);

        var read = catalogue.Read("could not place this row in the fund table: found '其他资金 1 2' (3 rows)");

        Assert.NotNull(read);
        Assert.Equal("T-UNPLACED", read.Code);
        Assert.Equal("无法把此行归入资金表：读到“其他资金 1 2”（共 3 行）", read.Zh);
        Assert.Equal("only its first 50,000", catalogue.Localize("only its first 50,000", english: false));
        Assert.Equal("此行超过 50,000 个字符：只读取了前 50,000 个", catalogue.Localize("longer than 50,000: only its first 50,000 were read", english: false));
        Assert.Null(catalogue.Read("longer than 50,000: only its first 40,000 were read")); // a repeated placeholder is the same value
        Assert.Null(catalogue.Read("something no template made"));
    }

    [Fact]
    public void A_message_kept_in_both_languages_is_made_and_read_back_in_either()
    {
        var text = Both.Format("a.txt", "timeout");
        Assert.Equal("a.txt: 数据库中断，请重新导入。The database went away (timeout); import again.", text.Kept);

        var read = new MessageCatalogue([Both]).Read(text.Kept);

        Assert.NotNull(read);
        Assert.Equal("a.txt：数据库中断，请重新导入。", read.Zh);
        Assert.Equal("a.txt: the database went away (timeout); import again.", read.En);
    }

    [Fact]
    public void A_diagnostic_made_from_a_template_carries_its_code_and_chinese_and_prints_as_before()
    {
        var d = new Diagnostic("forms.txt", 12, DiagnosticSeverity.Warning, Unplaced.Format(Where.Format(), "x", 1));

        Assert.Equal("T-UNPLACED", d.Code);
        Assert.Equal("无法把此行归入资金表：读到“x”（共 1 行）", d.MessageZh);
        Assert.Equal("forms.txt:12: warning: could not place this row in the fund table: found 'x' (1 rows)", d.ToString());

        var parsed = Diagnostic.Parse(d.ToString());
        Assert.NotNull(parsed);
        Assert.Equal(("forms.txt", 12, DiagnosticSeverity.Warning, d.Message), (parsed.File, parsed.Line, parsed.Severity, parsed.Message));
        var whole = Diagnostic.Parse("upload.json: error: the file is empty");
        Assert.Equal(("upload.json", 0, DiagnosticSeverity.Error, "the file is empty"), (whole!.File, whole.Line, whole.Severity, whole.Message));
        Assert.Null(Diagnostic.Parse("a.txt: the import was cancelled; nothing was stored"));
    }

    [Fact]
    public void A_catalogue_refuses_the_same_template_twice()
    {
        Assert.Throws<ArgumentException>(() => new MessageCatalogue([Where, new MessageTemplate("PHRASE-T", "另一个", "the fund table")]));
    }
}
