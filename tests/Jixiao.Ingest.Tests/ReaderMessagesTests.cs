using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests;

/// <summary>
/// Every message of the readers and the form assembler has a stable code and a Chinese text beside the English, so
/// that the Chinese UI shows no English reader notes (issue 10, fix item 5).
/// </summary>
public sealed partial class ReaderMessagesTests
{
    [Fact]
    public void Every_template_has_a_code_and_chinese_with_the_placeholders_of_its_english()
    {
        Assert.True(ReaderMessages.All.Count > 100);
        foreach (var t in ReaderMessages.All)
        {
            Assert.Matches(CodeShape(), t.Code);
            Assert.Equal(Placeholders(t.En), Placeholders(t.Zh));
            if (!t.Code.StartsWith("PHRASE-", StringComparison.Ordinal))
            {
                Assert.Matches(Han(), t.Zh);
                Assert.DoesNotMatch(EnglishWords(), t.Zh);
            }
        }
    }

    [Fact]
    public void The_english_of_every_template_reads_back_as_that_template()
    {
        foreach (var t in ReaderMessages.All)
        {
            var args = Enumerable.Range(0, t.Arity).Select(i => (object)$"«{i}»").ToArray();
            var made = t.Format(args);

            var read = ReaderMessages.Catalogue.Read(made.Kept);

            Assert.True(read is not null, $"{t.Code} is not read back: {made.Kept}");
            Assert.Equal((t.Code, made.Zh), (read.Code, read.Zh));
        }
    }

    [Fact]
    public void The_diagnostics_of_damaged_text_all_carry_a_code_and_chinese()
    {
        var lines = File.ReadAllLines(Corpus.PathOf(Corpus.Police2024));
        var random = new Random(7);
        var shuffled = lines.OrderBy(_ => random.Next()).Take(400).ToArray();
        var reported = new List<Diagnostic>();
        var forms = TextFormReader.Read(new StringReader(string.Join('\n', shuffled)), "shuffled.txt", reported.Add).ToList();
        var diagnostics = reported.Concat(forms.SelectMany(f => f.Diagnostics)).ToList();

        Assert.True(diagnostics.Count > 20);
        Assert.True(diagnostics.Select(d => d.Code).Distinct().Count() >= 3);
        AssertBilingual(diagnostics);
    }

    [Theory]
    [InlineData("""{"a":1}""", "JSON-NOT-FORM", "不是绩效表单")]
    [InlineData("""[{"kind":"self-evaluation","projectName":"学生资助","year":"2024"}]""", "JSON-EXPECTED", "应为整数或 null，读到字符串 \"2024\"")]
    [InlineData("not json", "JSON-START", "读到'n'")]
    [InlineData("[{\"kind\":\"self-evaluation\",\"projectName\":\"a\"},]", "JSON-SYNTAX", "JSON 格式错误")]
    public void A_json_reader_error_has_its_code_and_chinese(string json, string code, string zh)
    {
        var reported = new List<Diagnostic>();
        var forms = FormJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "upload.json", reported.Add).ToList();
        var diagnostics = reported.Concat(forms.SelectMany(f => f.Diagnostics)).ToList();

        var d = Assert.Single(diagnostics, d => d.Code == code);
        Assert.Contains(zh, d.MessageZh, StringComparison.Ordinal);
        AssertBilingual(diagnostics);
    }

    [Fact]
    public void A_stored_english_note_reads_back_in_chinese_with_its_phrases()
    {
        var read = ReaderMessages.Catalogue.Read("could not place this row in the fund table (项目资金): expected a row labelled 年度资金总额, 其中：当年财政拨款, 上年结转资金 or 其他资金, or the goal header 年度总体目标; found '合计 12.5'");

        Assert.NotNull(read);
        Assert.Equal("READ-ROW-UNPLACED", read.Code);
        Assert.Equal("无法把此行归入资金表（项目资金）：应为标为“年度资金总额”“其中：当年财政拨款”“上年结转资金”或“其他资金”的行，或目标表头“年度总体目标”；读到“合计 12.5”", read.Zh);
    }

    private static void AssertBilingual(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Assert.True(d.Code is not null, $"no code: {d}");
            Assert.Matches(Han(), d.MessageZh);
            Assert.DoesNotMatch(EnglishWords(), d.MessageZh);
        }
    }

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>Words of the English messages that must not be left in a Chinese one.</summary>
    [GeneratedRegex(@"\b(expected|found|could not|cannot|the (file|form|row|line|indicator|fund)|not read|was kept|were read)\b")]
    private static partial Regex EnglishWords();
}
