using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>The small parts of the reader: lines, cells, words, texts, dates.</summary>
public class TextPartsTests
{
    private static List<string> Lines(string text)
    {
        var source = new LineSource(new StringReader(text));
        var lines = new List<string>();
        while (source.TryReadLine(out var offset, out var length))
        {
            lines.Add(new string(source.Buffer, offset, length));
            Assert.Equal(lines.Count, source.LineNumber);
        }

        return lines;
    }

    private static string[] Cells(string line)
    {
        var row = new Row();
        row.Load(line.ToCharArray(), 0, line.Length, 1);
        return Enumerable.Range(0, row.Count).Select(i => row[i].ToString()).ToArray();
    }

    [Fact]
    public void Splits_lines_at_LF_CRLF_and_CR_and_drops_a_BOM()
    {
        Assert.Equal(["a", "", "b", "c", "d"], Lines("\uFEFFa\n\nb\r\nc\rd"));
        Assert.Equal(["a", ""], Lines("a\n\n"));
        Assert.Empty(Lines(""));
    }

    [Fact]
    public void Keeps_CRLF_together_across_buffer_boundaries()
    {
        var first = new string('x', (1 << 16) - 1);
        Assert.Equal([first, "y"], Lines(first + "\r\ny"));
    }

    [Fact]
    public void Cuts_a_line_longer_than_the_limit_and_goes_on_with_the_next()
    {
        var source = new LineSource(new StringReader(new string('x', LineSource.MaxLineLength + 5000) + "\nnext"));
        Assert.True(source.TryReadLine(out _, out var length));
        Assert.Equal(LineSource.MaxLineLength, length);
        Assert.True(source.LastLineTruncated);
        Assert.True(source.TryReadLine(out var offset, out length));
        Assert.Equal("next", new string(source.Buffer, offset, length));
        Assert.Equal(2, source.LineNumber);
        Assert.False(source.LastLineTruncated);
    }

    [Fact]
    public void Cuts_rows_at_tabs_and_trims_cells()
    {
        Assert.Equal(["项目名称", "", "测试 项目", ""], Cells("项目名称\t \t 测试 项目 \t"));
        Assert.Equal(["财政项目支出绩效自评表"], Cells("## 财政项目支出绩效自评表"));
    }

    [Fact]
    public void Cuts_rows_at_markdown_pipes_and_space_runs()
    {
        Assert.Equal(["", "总分", "", "100", "98", ""], Cells("| 总分 |  | 100 | 98 |"));
        Assert.Equal(["总分", "100", "98"], Cells("总分      100   98"));
        Assert.Equal(["14, 194. 52"], Cells("14, 194. 52"));
    }

    [Fact]
    public void Reads_a_markdown_separator_row_as_blank()
    {
        var row = new Row();
        var line = "|---|:---:|---|".ToCharArray();
        row.Load(line, 0, line.Length, 1);
        Assert.True(row.IsBlank);
        line = "⇥其中:当年财政拨款⇥0.00⇥-⇥-".Replace('⇥', '\t').ToCharArray();
        row.Load(line, 0, line.Length, 2);
        Assert.Equal(4, row.NonEmptyCount);
    }

    [Theory]
    [InlineData("派出所工作食堂伙食食 材采购经费", "派出所工作食堂伙食食材采购经费")]
    [InlineData("管理， 调动", "管理，调动")]
    [InlineData(" 56191，增长 10% ", "56191，增长 10%")]
    [InlineData("利用区域内 12 吨以上", "利用区域内 12 吨以上")]
    [InlineData("机柜租赁 (2022 年结转)", "机柜租赁 (2022 年结转)")]
    [InlineData("a   b", "a b")]
    public void Cleans_wrap_spaces_between_Chinese_characters_only(string printed, string clean) =>
        Assert.Equal(clean, TextCleaner.Clean(printed));

    [Theory]
    [InlineData("仍需政府居委加大", "消防安全宣传", "仍需政府居委加大消防安全宣传")]
    [InlineData("有效提高镇域内企业和居民安全意识", "识", "有效提高镇域内企业和居民安全意识")]
    [InlineData("open", "data", "open data")]
    [InlineData(null, "尾", "尾")]
    [InlineData("头", null, "头")]
    public void Joins_wrapped_fragments(string? head, string? tail, string joined) =>
        Assert.Equal(joined, TextCleaner.Join(head, tail));

    [Theory]
    [InlineData("2023 年 1 月 1 日", false, 2023, 1, 1)]
    [InlineData("2023 年 12 月 31 日", true, 2023, 12, 31)]
    [InlineData("2023-02-03", false, 2023, 2, 3)]
    [InlineData("2024年2月", true, 2024, 2, 29)]
    [InlineData("２０２３年５月", false, 2023, 5, 1)]
    public void Reads_dates_as_printed(string text, bool end, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DateText.Parse(text, end));

    [Theory]
    [InlineData("全年")]
    [InlineData("2023 年 13 月 1 日")]
    [InlineData("2023年2月30日")]
    [InlineData("1 2 3 4")]
    public void Refuses_what_is_not_a_date(string text) => Assert.Null(DateText.Parse(text, endOfPeriod: false));

    [Theory]
    [InlineData(" (2024年度)", 2024)]
    [InlineData("（2023 年度）", 2023)]
    [InlineData("2025年度", 2025)]
    [InlineData("(2024年)", null)]
    [InlineData("(12024年度)", null)]
    public void Reads_year_lines(string line, int? year) => Assert.Equal(year, Lexicon.YearLine(TextKey.Of(line)));

    [Theory]
    [InlineData("财政项目支出绩效自评表 (2024年度)", FormKind.SelfEvaluation, 2024)]
    [InlineData("财政项目支出绩效目标申报表（2023 年度）", FormKind.TargetDeclaration, 2023)]
    [InlineData("项目支出绩效自评表", FormKind.SelfEvaluation, null)]
    [InlineData("2024年度项目支出绩效自评表", FormKind.SelfEvaluation, 2024)]
    [InlineData("财政项目支出绩效自评表2024年度", FormKind.SelfEvaluation, 2024)]
    public void Reads_headings(string heading, FormKind kind, int? year)
    {
        var normalized = TextKey.Of(heading);
        Assert.Equal(kind, Lexicon.HeadingKind(normalized));
        Assert.Equal(year, Lexicon.YearIn(normalized));
    }

    [Theory]
    [InlineData("自评表说明")]
    [InlineData("年度总体目标")]
    [InlineData("绩效自评表提交及时性")]
    public void Does_not_take_other_rows_for_headings(string text) => Assert.Null(Lexicon.HeadingKind(TextKey.Of(text)));

    [Theory]
    [InlineData("- 3 -", true)]
    [InlineData("第 3 页", true)]
    [InlineData("第3页共9页", true)]
    [InlineData("3/9", true)]
    [InlineData("12", true)]
    [InlineData("2024年", false)]
    [InlineData("100.00", false)]
    public void Recognises_page_numbers(string text, bool isPageNumber) =>
        Assert.Equal(isPageNumber, Lexicon.IsPageNumber(TextKey.Of(text)));

    [Theory]
    [InlineData("可持 续影 响指 标", "Level2", "可持续影响指标")]
    [InlineData("满 意 度 指 标", "Level1", "满意度指标")]
    [InlineData("服 务 对 象 满 意 度 指 标", "Level2", "服务对象满意度指标")]
    [InlineData("绩效 指标", "Outer", "绩效指标")]
    [InlineData("生态", "Head", "生态")]
    [InlineData("社会 效益", "Head", "社会效益")]
    [InlineData("指标", "Tail", "指标")]
    [InlineData("效益指标", "Level1", "效益指标")]
    [InlineData("有效", "None", "")]
    public void Classifies_level_labels_after_removing_spaces(string cell, string kind, string canonical)
    {
        Assert.Equal(kind, Lexicon.ClassifyLabel(TextKey.Of(cell), out var label).ToString());
        Assert.Equal(canonical, label);
    }

    [Theory]
    [InlineData("生态", "效益指标", "生态效益指标")]
    [InlineData("生态", "成本指标", "生态环境成本指标")]
    [InlineData("社会效益", null, "社会效益指标")]
    [InlineData("服务对象满意度", null, "服务对象满意度指标")]
    [InlineData("生态", null, null)]
    public void Completes_cut_labels_from_the_vocabulary(string head, string? level1, string? completed) =>
        Assert.Equal(completed, Lexicon.CompleteHead(head, level1));
}
