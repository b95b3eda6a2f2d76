using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

/// <summary>Words, band labels, descriptions and texts with numbers.</summary>
public sealed class QualitativeValueTests
{
    [Theory]
    [InlineData("及时")]
    [InlineData("有效")]
    [InlineData("健全")]
    [InlineData("改善")]
    [InlineData("平稳")]
    [InlineData("完成")]
    [InlineData("落实")]
    [InlineData("较高")]
    [InlineData("合格")]
    [InlineData("降低成本")]
    [InlineData("进一步改善")]
    [InlineData("行业平均水平")]
    [InlineData("有效 保障")]
    [InlineData("无")]
    public void Reads_short_target_words_as_vague_qualitative_words(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeStyle.Word, v.Style);
        Assert.Equal(QualitativeBand.None, v.Band);
        Assert.Null(v.Number);
        Assert.Null(v.Unit);
        Assert.False(v.IsNumeric);
    }

    [Theory]
    [InlineData("达成指标", QualitativeBand.Achieved)]
    [InlineData("达成年度指标", QualitativeBand.Achieved)]
    [InlineData("已达成年度指标", QualitativeBand.Achieved)]
    [InlineData("达成年度绩效目标", QualitativeBand.Achieved)]
    [InlineData("达成", QualitativeBand.Achieved)]
    [InlineData("部分达成指标并具有一定效果", QualitativeBand.PartiallyAchieved)]
    [InlineData("部分达成年度指标并具有一定效果", QualitativeBand.PartiallyAchieved)]
    [InlineData("部分达成年度指标，具有一定效果", QualitativeBand.PartiallyAchieved)]
    [InlineData("部分达成", QualitativeBand.PartiallyAchieved)]
    [InlineData("未达成指标且效果较差", QualitativeBand.NotAchieved)]
    [InlineData("未达成年度指标且效果较差", QualitativeBand.NotAchieved)]
    [InlineData("未达成年度指标且效果较差。", QualitativeBand.NotAchieved)]
    [InlineData("未达成", QualitativeBand.NotAchieved)]
    [InlineData("部分达成指标并 具有一定效果", QualitativeBand.PartiallyAchieved)]
    [InlineData(" 达成 指标 ", QualitativeBand.Achieved)]
    public void Reads_the_band_labels(string text, QualitativeBand band)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(band, v.Band);
        Assert.Equal(QualitativeStyle.BandLabel, v.Style);
    }

    [Theory]
    [InlineData("达成指标且效果较差")]
    [InlineData("未达成指标并具有一定效果")]
    [InlineData("达成率")]
    [InlineData("达成预期效果")]
    public void Does_not_read_a_band_from_other_sentences(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeBand.None, v.Band);
        Assert.NotEqual(QualitativeStyle.BandLabel, v.Style);
    }

    [Theory]
    [InlineData("确保监控设备全年稳定运行")]
    [InlineData("优于行业平均水平")]
    [InlineData("档案室日常运转良好")]
    [InlineData("流程更加规范，服务明显改善")]
    [InlineData("按期完成上级交办事项，做到“两个不出现”")]
    [InlineData("≥较高水平")]
    public void Reads_descriptions_as_statements(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeStyle.Statement, v.Style);
        Assert.Null(v.Number);
    }

    [Theory]
    [InlineData("覆盖率95%、完好率98%")]
    [InlineData("监控点位（2个中心机房，18个社区点位）")]
    [InlineData("巡查员在岗率98%")]
    [InlineData("完成计划98%")]
    [InlineData("2025年暂未开展测评")]
    [InlineData("2023年12月底前")]
    [InlineData("12月底前完成")]
    [InlineData("90%至95%之间")]
    [InlineData("≥90%(抽样)")]
    [InlineData("=3个，保障运行")]
    [InlineData("3个街道平台")]
    [InlineData("100abc")]
    public void Never_reads_one_number_out_of_a_text_with_words_and_numbers(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeStyle.TextWithNumbers, v.Style);
        Assert.Null(v.Number);
        Assert.Null(v.Unit);
        Assert.False(v.IsNumeric);
    }

    [Theory]
    [InlineData("≥")]
    [InlineData("%")]
    [InlineData("(%)")]
    [InlineData("1.2.3")]
    [InlineData("1,2")]
    [InlineData("≥≥90")]
    [InlineData("90%%")]
    [InlineData("90-95%")]
    [InlineData("90～95%")]
    [InlineData("\u0001\u0002")]
    [InlineData("=100\u0000%")]
    public void Reads_text_without_any_word_that_is_no_value_as_unreadable(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Unreadable, v.Kind);
        Assert.Equal(text, v.Raw);
        Assert.Null(v.Number);
        Assert.Equal(QualitativeStyle.None, v.Style);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\t")]
    [InlineData("—")]
    [InlineData("-")]
    [InlineData("/")]
    [InlineData("——")]
    [InlineData("－")]
    [InlineData("N/A")]
    [InlineData("n/a")]
    public void Reads_nothing_or_a_placeholder_as_empty(string? text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Empty, v.Kind);
        Assert.Equal(text ?? "", v.Raw);
        Assert.Null(v.Number);
    }
}
