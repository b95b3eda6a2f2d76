namespace Jixiao.Core.Forms;

/// <summary>
/// The one model of both published forms: 财政项目支出绩效自评表 (self-evaluation) and
/// 财政项目支出绩效目标申报表 (target declaration). Money is yuan; <see cref="MoneyUnit"/> remembers the source's unit.
/// </summary>
public sealed class PerformanceForm
{
    private List<Diagnostic> diagnostics = [];

    public FormKind Kind { get; set; }

    /// <summary>年度 from the heading.</summary>
    public int? Year { get; set; }

    /// <summary>项目名称, as printed.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>主管部门.</summary>
    public string? Department { get; set; }

    /// <summary>实施单位.</summary>
    public string? ImplementingUnit { get; set; }

    /// <summary>项目类别 (declarations), e.g. 经常性项目.</summary>
    public string? Category { get; set; }

    /// <summary>计划开始日期 (declarations).</summary>
    public DateOnly? PlannedStart { get; set; }

    /// <summary>计划完成日期 (declarations).</summary>
    public DateOnly? PlannedEnd { get; set; }

    /// <summary>The unit the source prints money in.</summary>
    public MoneyUnit MoneyUnit { get; set; } = MoneyUnit.TenThousandYuan;

    /// <summary>Fund table of a self-evaluation; null on a declaration.</summary>
    public SelfEvaluationFunds? SelfEvaluationFunds { get; set; }

    /// <summary>Fund block of a declaration; null on a self-evaluation.</summary>
    public DeclarationFunds? DeclarationFunds { get; set; }

    public Goals Goals { get; set; } = new();

    /// <summary>Indicators in printed order.</summary>
    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>总分 row, 分值 column.</summary>
    public decimal? TotalWeight { get; set; }

    /// <summary>总分 row, 得分 column.</summary>
    public decimal? TotalScore { get; set; }

    /// <summary>评分等级 where printed: 优 / 良 / 中 / 差.</summary>
    public string? Grade { get; set; }

    /// <summary>Where the form was read from; null for forms made in the application.</summary>
    public Provenance? Provenance { get; set; }

    /// <summary>What other layouts print beside the common fields (项目编码, 政策依据, 评价结论 …); empty for the Shanghai layout.</summary>
    public FormDetails Details { get; set; } = new();

    /// <summary>What the reader had to repair or could not place inside this form.</summary>
    public List<Diagnostic> Diagnostics => diagnostics;

    /// <summary>
    /// A copy of the form's own fields with lists of its own (<see cref="Indicators"/>, <see cref="Diagnostics"/>) holding
    /// the same rows; the rows, funds, goals, details and provenance are shared, so a caller replaces what it changes.
    /// </summary>
    public PerformanceForm ShallowCopy()
    {
        var copy = (PerformanceForm)MemberwiseClone();
        copy.Indicators = [.. Indicators];
        copy.diagnostics = [.. diagnostics];
        return copy;
    }
}
