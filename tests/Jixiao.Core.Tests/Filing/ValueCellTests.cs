using Jixiao.Core.Filing;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Filing;

/// <summary>A value cell as typed: what the grammar read and, when something is wrong, a message naming it.</summary>
public sealed class ValueCellTests
{
    private static ValueCell Target(string? text) => ValueCell.Read(text, ValueColumn.Target, "indicators[0].target");

    private static ValueCell Actual(string? text) => ValueCell.Read(text, ValueColumn.Actual, "indicators[0].actual");

    [Fact]
    public void A_full_target_reads_operator_value_and_unit_with_no_message()
    {
        var cell = Target("≥95%");

        Assert.True(cell.IsRead);
        Assert.True(cell.IsOk);
        Assert.Equal(ComparisonOperator.GreaterOrEqual, cell.Operator);
        Assert.Equal(95m, cell.Number);
        Assert.Equal("%", cell.Unit);
        Assert.Null(cell.MessageZh);
        Assert.Null(cell.MessageEn);
        Assert.Equal("indicators[0].target", cell.Field);
    }

    [Fact]
    public void An_empty_cell_is_empty_and_not_wrong()
    {
        var cell = Target("  ");

        Assert.True(cell.IsEmpty);
        Assert.False(cell.IsRead);
        Assert.True(cell.IsOk);
    }

    [Fact]
    public void An_operator_alone_has_no_number()
    {
        var cell = Target("≥");

        Assert.False(cell.IsRead);
        Assert.Equal(ValueProblem.NoNumber, cell.Problems);
        Assert.Contains("未写数值", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("No number", cell.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_is_not_one_value()
    {
        var cell = Target("90-95%");

        Assert.False(cell.IsRead);
        Assert.Equal(ValueProblem.NotOneValue, cell.Problems);
        Assert.Contains("区间", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("range", cell.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_inside_words_are_read_as_text_and_named()
    {
        var cell = Target("覆盖率95%、完好率98%");

        Assert.True(cell.IsRead);
        Assert.False(cell.IsNumeric);
        Assert.Equal(ValueProblem.NumbersInWords, cell.Problems);
        Assert.Contains("数字夹在文字中", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("inside words", cell.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_number_without_unit_or_operator_names_both()
    {
        var cell = Target("50");

        Assert.True(cell.IsRead);
        Assert.Equal(ValueProblem.NoUnit | ValueProblem.NoOperator, cell.Problems);
        Assert.Equal(50m, cell.Number);
        Assert.Contains("缺少计量单位", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("未写比较符号", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("No unit", cell.MessageEn, StringComparison.Ordinal);
        Assert.Contains("No operator", cell.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_without_operator_but_with_unit_is_read_as_equal()
    {
        var cell = Target("103台");

        Assert.Equal(ValueProblem.NoOperator, cell.Problems);
        Assert.Equal("台", cell.Unit);
        Assert.Contains("按“=”理解", cell.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_qualitative_word_target_is_read_as_words_without_a_message()
    {
        // a vague word is TGT-UNMEASURABLE's (an info finding on the cell), not a reading problem
        var cell = Target("及时");

        Assert.True(cell.IsRead);
        Assert.Equal(TargetValueKind.Qualitative, cell.Value.Kind);
        Assert.True(cell.IsOk);
    }

    [Fact]
    public void An_actual_without_unit_takes_the_targets_and_is_not_wrong()
    {
        var cell = Actual("96");

        Assert.True(cell.IsOk);
        Assert.Equal(96m, cell.Number);
        Assert.Equal(ValueColumn.Actual, cell.Column);
    }

    [Fact]
    public void An_unreadable_actual_is_named_with_an_actual_example()
    {
        var cell = Actual("%");

        Assert.Equal(ValueProblem.NoNumber, cell.Problems);
        Assert.Contains("实际完成的数值", cell.MessageZh, StringComparison.Ordinal);
        Assert.Contains("value achieved", cell.MessageEn, StringComparison.Ordinal);
    }
}
