using Jixiao.Core.Forms;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Forms;

/// <summary>Copies of a form and its rows: what is shared and what is not.</summary>
public sealed class FormCopyTests
{
    [Fact]
    public void A_shallow_copy_has_lists_of_its_own_holding_the_same_rows()
    {
        var form = TestForms.Valid();
        form.Diagnostics.Add(new Diagnostic("test.txt", 3, DiagnosticSeverity.Warning, "a repaired row"));

        var copy = form.ShallowCopy();
        copy.Indicators.RemoveAt(0);
        copy.Diagnostics.Clear();
        copy.TotalScore = 1m;

        Assert.Equal(6, form.Indicators.Count);
        Assert.Single(form.Diagnostics);
        Assert.Equal(100.00m, form.TotalScore);
        Assert.Same(form.Indicators[1], copy.Indicators[0]);
        Assert.Same(form.SelfEvaluationFunds, copy.SelfEvaluationFunds);
        Assert.Equal(form.ProjectName, copy.ProjectName);
    }

    [Fact]
    public void A_row_copy_carries_every_value_and_changes_alone()
    {
        var row = TestForms.Row("产出指标", "数量指标", "巡检次数", "≥100次", "90次", 20m, 18m, "延误");
        var line = TestForms.Line(100m, 90m, 10m, 90m, 9m);

        var rowCopy = row.Copy();
        var lineCopy = line.Copy();
        rowCopy.Score = 20m;
        lineCopy.Score = null;

        Assert.Equal((row.Level1, row.Level2, row.Name, row.Target, row.Actual, row.Weight, row.Deviation),
            (rowCopy.Level1, rowCopy.Level2, rowCopy.Name, rowCopy.Target, rowCopy.Actual, rowCopy.Weight, rowCopy.Deviation));
        Assert.Equal(18m, row.Score);
        Assert.Equal(9m, line.Score);
        Assert.Equal(line.Executed, lineCopy.Executed);
    }
}
