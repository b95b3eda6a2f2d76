using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Forms;

public class TextSimilarityTests
{
    [Theory]
    [InlineData("完成城运中心信息化建设", "完成城运中心信息化建设", 1.0)]
    [InlineData("完成城运中心信息化建设", "完成 城运中心 信息化建设", 1.0)] // keys: white space removed
    [InlineData("（１００％）", "(100%)", 1.0)] // keys: NFKC
    [InlineData("设备维护完成率", "设备维护合格率", 0.5)] // 3 of 6 bigrams each
    [InlineData("甲乙丙丁", "戊己庚辛", 0.0)]
    [InlineData("甲乙甲乙", "甲乙", 0.5)] // repeated bigrams count as often as they occur: 2 × 1 / (3 + 1)
    public void Dice_counts_the_bigrams_two_keys_share(string a, string b, double expected) =>
        Assert.Equal(expected, TextSimilarity.Dice(a, b), 6);

    [Theory]
    [InlineData(null, "完成")]
    [InlineData("", "完成")]
    [InlineData("   ", "完成")]
    [InlineData("完", "成")]
    public void Dice_of_nothing_or_of_different_single_characters_is_zero(string? a, string b) =>
        Assert.Equal(0.0, TextSimilarity.Dice(a, b));

    [Fact]
    public void A_small_edit_keeps_a_long_text_alike_and_a_full_stop_changes_little()
    {
        const string goal = "保障全区电子政务平台设施设备及业务系统全年正常高效运行";

        Assert.InRange(TextSimilarity.Dice(goal, goal.Replace("高效", "稳定", StringComparison.Ordinal)), 0.85, 0.9);
        Assert.InRange(TextSimilarity.Dice(goal, goal + "。"), 0.97, 0.99);
    }

    [Fact]
    public void Texts_longer_than_the_stack_buffer_are_compared_whole()
    {
        var a = string.Concat(Enumerable.Repeat("提升区政务云管理能力和服务水平，", 40)); // 640 characters
        var b = a[..^1] + "。";

        Assert.Equal(1.0, TextSimilarity.Dice(a, a));
        Assert.InRange(TextSimilarity.Dice(a, b), 0.99, 1.0);
        Assert.True(TextSimilarity.Dice(a, b) < 1.0);
        Assert.Equal(0.0, TextSimilarity.Dice(a, "甲乙"));
    }

    [Fact]
    public void Comparing_allocates_nothing()
    {
        const string a = "保障全区电子政务平台设施设备及业务系统全年正常高效运行，为各单位提供安全可靠的物理环境。";
        const string b = "保障全区电子政务平台设施设备及业务系统全年正常稳定运行，为各单位提供安全可靠的物理环境。";
        _ = TextSimilarity.Dice(a, b);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var i = 0; i < 100; i++)
        {
            sum += TextSimilarity.Dice(a, b);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 80);
    }
}
