using System.Text;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

/// <summary>Parsing never throws, whatever it is given.</summary>
public sealed class RobustnessTests
{
    /// <summary>Characters the grammar cares about, so random strings reach deep into every rule.</summary>
    private const string GrammarAlphabet =
        "0123456789０１２３４５６７８９.．,，  \u3000\t=＝﹦≥≤≧≦⩾⩽≮≯<>＜＞﹤﹥+-−－%％﹪()（）[]/\\·²㎡" +
        "个人万元天起次台GgMk百分比点以上下内左右及之至到了幅度" +
        "同比环较上年一去全本今当度期相与进步显著有所持续不断大小高低超过达成等于" +
        "增长加幅提高升下降减少缩短率部分未已指标目并具有定效果且较差，。、；：\u0000\u0001\uFFFD\uD83D\uDE00\uD800";

    private static void AssertWellFormed(string? text)
    {
        var v = TargetParser.Parse(text);
        Assert.NotNull(v);
        Assert.Equal(text ?? "", v.Raw);
        Assert.True(Enum.IsDefined(v.Kind));
        if (v.IsNumeric)
        {
            Assert.NotNull(v.Number);
        }

        if (v.Kind == TargetValueKind.Growth)
        {
            Assert.NotNull(v.Growth);
            Assert.True(v.Number >= 0);
        }

        if (v.Kind is TargetValueKind.Empty or TargetValueKind.Unreadable or TargetValueKind.Qualitative)
        {
            Assert.Null(v.Number);
            Assert.Null(v.Unit);
        }

        Assert.Equal(v.Kind == TargetValueKind.Qualitative, v.Style != QualitativeStyle.None);
        Assert.Equal(v.IsPercent, v.Unit == "%");
        _ = TargetParser.AreUnitsCompatible(v, v);
    }

    [Fact]
    public void Never_throws_on_random_strings_from_the_grammar_alphabet()
    {
        var random = new Random(20240601);
        var sb = new StringBuilder();
        for (var n = 0; n < 100_000; n++)
        {
            sb.Clear();
            var length = random.Next(0, 24);
            for (var i = 0; i < length; i++)
            {
                sb.Append(GrammarAlphabet[random.Next(GrammarAlphabet.Length)]);
            }

            AssertWellFormed(sb.ToString());
        }
    }

    [Fact]
    public void Never_throws_on_random_unicode_including_lone_surrogates_and_control_characters()
    {
        var random = new Random(7);
        var buffer = new char[40];
        for (var n = 0; n < 50_000; n++)
        {
            var length = random.Next(0, buffer.Length);
            for (var i = 0; i < length; i++)
            {
                buffer[i] = (char)random.Next(0, 0x10000);
            }

            AssertWellFormed(new string(buffer, 0, length));
        }
    }

    [Fact]
    public void Never_throws_on_mutations_of_real_looking_values()
    {
        string[] seeds =
        [
            "=100.00(%)", "≥ 90%", "23, 456. 78", "同比减少5%", "较2022年增长≥10%以上", "部分达成年度指标并具有一定效果",
            "≥100百分比", "提高至95%", "1,000,000.00万元", "=2个百分点内",
        ];
        var random = new Random(42);
        foreach (var seed in seeds)
        {
            for (var n = 0; n < 5_000; n++)
            {
                var chars = seed.ToCharArray();
                var edits = random.Next(1, 4);
                for (var e = 0; e < edits; e++)
                {
                    chars[random.Next(chars.Length)] = GrammarAlphabet[random.Next(GrammarAlphabet.Length)];
                }

                var text = new string(chars);
                AssertWellFormed(text);
                AssertWellFormed(text[..random.Next(text.Length + 1)]);
            }
        }
    }

    [Theory]
    [InlineData('9')]
    [InlineData('0')]
    [InlineData('提')]
    [InlineData(',')]
    [InlineData('%')]
    [InlineData('(')]
    [InlineData('\u0000')]
    [InlineData(' ')]
    public void Never_throws_on_a_100k_character_string(char fill)
    {
        var text = new string(fill, 100_000);
        AssertWellFormed(text);
        AssertWellFormed("≥" + text);
        AssertWellFormed("同比增长" + text);
        AssertWellFormed(text + "%");
    }

    [Fact]
    public void Never_throws_on_long_repeated_patterns()
    {
        AssertWellFormed(string.Concat(Enumerable.Repeat("1,", 50_000)));
        AssertWellFormed(string.Concat(Enumerable.Repeat("1,000", 20_000)));
        AssertWellFormed(string.Concat(Enumerable.Repeat("(", 50_000)) + "1");
        AssertWellFormed("=" + string.Concat(Enumerable.Repeat("9", 40)) + "%");
        AssertWellFormed("=0." + string.Concat(Enumerable.Repeat("0", 40)) + "1%");
        AssertWellFormed("达成" + string.Concat(Enumerable.Repeat("指标", 50_000)));
    }

    [Fact]
    public void Reads_more_than_eighteen_significant_digits_as_no_value_rather_than_overflowing()
    {
        var v = TargetParser.Parse("=1234567890123456789(%)");
        Assert.Equal(TargetValueKind.Unreadable, v.Kind);
        Assert.Null(v.Number);

        var max = TargetParser.Parse("=123456789012345678(%)");
        Assert.Equal(123456789012345678m, max.Number);
    }

    [Fact]
    public void Reads_leading_zeros_without_counting_them_against_the_digit_limit()
    {
        Assert.Equal(0.000000000000000001m, TargetParser.Parse("0.000000000000000001").Number);
        Assert.Equal(100m, TargetParser.Parse("000000000000000000000100").Number);
    }

    [Fact]
    public void Classifies_a_very_long_text_without_trying_the_value_rules()
    {
        var text = "≥90%" + new string('好', TargetParser.MaxGrammarLength);
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeStyle.TextWithNumbers, v.Style);
    }
}
