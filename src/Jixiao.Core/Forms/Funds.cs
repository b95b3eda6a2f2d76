namespace Jixiao.Core.Forms;

/// <summary>One row of the self-evaluation fund table (项目资金). Amounts in yuan.</summary>
public sealed class FundLine
{
    /// <summary>年初预算数.</summary>
    public decimal? InitialBudget { get; set; }

    /// <summary>全年预算数 (the adjusted full-year budget).</summary>
    public decimal? AnnualBudget { get; set; }

    /// <summary>全年执行数.</summary>
    public decimal? Executed { get; set; }

    /// <summary>分值 / 分数: the weight of budget execution (usually 10, only on the 年度资金总额 row).</summary>
    public decimal? Weight { get; set; }

    /// <summary>执行率 in percent as printed (97.77 for 97.77%).</summary>
    public decimal? ExecutionRate { get; set; }

    /// <summary>得分.</summary>
    public decimal? Score { get; set; }

    /// <summary>The 1-based source line of the row (findings about it point there); 0 when unknown (JSON, stored or entered forms).</summary>
    public int SourceLine { get; set; }

    public bool IsEmpty => InitialBudget is null && AnnualBudget is null && Executed is null
        && Weight is null && ExecutionRate is null && Score is null;

    /// <summary>A copy of the row (every member is a value).</summary>
    public FundLine Copy() => (FundLine)MemberwiseClone();
}

/// <summary>The fund table of a self-evaluation (自评表 项目资金).</summary>
public sealed class SelfEvaluationFunds
{
    /// <summary>年度资金总额.</summary>
    public FundLine? Total { get; set; }

    /// <summary>其中：当年财政拨款.</summary>
    public FundLine? Appropriation { get; set; }

    /// <summary>上年结转资金.</summary>
    public FundLine? Carryover { get; set; }

    /// <summary>其他资金.</summary>
    public FundLine? Other { get; set; }
}

/// <summary>The fund block of a target declaration (申报表 项目资金). Amounts in yuan.</summary>
public sealed class DeclarationFunds
{
    /// <summary>项目资金总额.</summary>
    public decimal? ProjectTotal { get; set; }

    /// <summary>其中：财政资金.</summary>
    public decimal? ProjectFiscal { get; set; }

    /// <summary>其他资金 (of the project total).</summary>
    public decimal? ProjectOther { get; set; }

    /// <summary>年度资金申请总额.</summary>
    public decimal? AnnualTotal { get; set; }

    /// <summary>其中：当年财政拨款.</summary>
    public decimal? AnnualAppropriation { get; set; }

    /// <summary>上年结转资金.</summary>
    public decimal? AnnualCarryover { get; set; }

    /// <summary>其他资金 (of the annual request).</summary>
    public decimal? AnnualOther { get; set; }
}
