using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Forms;

public sealed class TextKeyTests
{
    /// <summary>The definition, spelled out with the runtime's NFKC: fold, then drop white space, controls and format characters (zero-width, direction marks …).</summary>
    private static string Reference(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void Texts_compare_after_compatibility_folding_and_white_space_removal()
    {
        Assert.True(TextKey.Same("管理，调动（１００％）", "管理, 调动 (100%)"));
        Assert.True(TextKey.Same("﹦100", "=100"));
        Assert.False(TextKey.Same("完成", "未完成"));
        Assert.False(TextKey.Same("", " "));
        Assert.False(TextKey.Same(null, "x"));
    }

    [Theory]
    [InlineData("（１００％） 可持 续影 响指 标", "(100%)可持续影响指标")]
    [InlineData("单位：万元", "单位:万元")]
    [InlineData("一级\u3000指标\t", "一级指标")]
    [InlineData("﹙宝发改﹚", "(宝发改)")]
    [InlineData("项\u200B目\u0007名\uFEFF称\u00A0", "项目名称")]
    [InlineData("上海\u00AD市宝山区\u200E数据局\u2063\u202C", "上海市宝山区数据局")]
    [InlineData("≥90.00(%)", "≥90.00(%)")]
    [InlineData("", "")]
    public void Key_folds_compatibility_forms_and_drops_what_prints_nothing(string text, string key) =>
        Assert.Equal(key, TextKey.Of(text));

    [Theory]
    [InlineData("①号楼 50㎡", "1号楼50m2")]
    [InlineData("温度≤26℃", "温度≤26°C")]
    [InlineData("项⽬名称", "项目名称")]
    [InlineData("资金……", "资金......")]
    [InlineData("cafe\u0301", "café")]
    public void Key_applies_full_nfkc_beyond_the_table(string text, string key) => Assert.Equal(key, TextKey.Of(text));

    [Fact]
    public void Key_of_a_key_is_the_text_itself()
    {
        var name = "上海市宝山区数据局";
        Assert.Same(name, TextKey.Of(name));
        Assert.Equal("", TextKey.Of((string?)null));
    }

    [Fact]
    public void Key_never_throws_on_text_that_is_not_valid_utf16()
    {
        Assert.Equal("A\uD800①", TextKey.Of("Ａ \uD800①"));
        Assert.Equal("1\uFFFE", TextKey.Of("１\uFFFE"));
        Assert.True(TextKey.Same("x\uDC00", "ｘ\uDC00"));
    }

    [Fact]
    public void Every_character_keys_as_nfkc_without_white_space()
    {
        var wrong = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF or 0xFFFE)
            {
                continue; // string.Normalize refuses these (see the next test)
            }

            var text = ((char)c).ToString();
            var expected = Reference(text);
            if (TextKey.Of(text) != expected || TextKey.Of(text.AsSpan()) != expected || TextKey.Same(text, expected) != (expected.Length > 0))
            {
                wrong.Add($"U+{c:X4}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Corpus_lines_key_as_the_definition_says()
    {
        var lines = Corpus.AllFiles.SelectMany(f => File.ReadLines(Corpus.PathOf(f))).ToList();
        Assert.True(lines.Count > 1000);
        Assert.All(lines, line => Assert.Equal(Reference(line), TextKey.Of(line)));
    }

    [Fact]
    public void Same_agrees_with_comparing_keys_on_mixed_text()
    {
        char[] pool = ['项', '目', 'a', 'A', 'Ａ', 'e', '\u0301', 'é', ' ', '\u3000', '\u200B', '１', '1', '①', '(', '（', '﹙', '%', '％', '℃', '°', 'C', '…', '.'];
        var random = new Random(7);
        string Text() => new([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => pool[random.Next(pool.Length)])]);
        for (var n = 0; n < 20_000; n++)
        {
            var (a, b) = (Text(), Text());
            var expected = TextKey.Of(a).Length > 0 && TextKey.Of(a) == TextKey.Of(b);
            Assert.True(expected == TextKey.Same(a, b), $"\"{a}\" vs \"{b}\"");
        }
    }

    [Theory]
    [InlineData("e\u0301", "é")]
    [InlineData("é", "e\u0301")]
    [InlineData("项目①", "项目1")]
    public void Same_sees_what_only_the_runtime_folds(string a, string b) => Assert.True(TextKey.Same(a, b));

    [Fact]
    public void Write_keys_into_a_buffer_and_says_when_the_key_does_not_fit()
    {
        Span<char> buffer = stackalloc char[4];
        Assert.Equal(4, TextKey.Write("一级 指标", buffer));
        Assert.Equal("一级指标", buffer.ToString());
        Assert.Equal(-1, TextKey.Write("一级指标说明", buffer));
        Assert.Equal(4, TextKey.Write("50 ㎡", buffer));
        Assert.Equal("50m2", buffer.ToString());
        Assert.Equal(-1, TextKey.Write("㎡㎡㎡", buffer));
    }

    [Fact]
    public void Write_allocates_nothing_for_the_characters_forms_print()
    {
        const string cell = "（一）产出指标 ： 数量指标≥95.00(%)，“及时”【2024】、单位：万元";
        Span<char> buffer = stackalloc char[96];
        TextKey.Write(cell, buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var n = 0;
        for (var i = 0; i < 1000; i++)
        {
            n = TextKey.Write(cell, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("(一)产出指标:数量指标≥95.00(%),“及时”【2024】、单位:万元", buffer[..n].ToString());
    }
}
