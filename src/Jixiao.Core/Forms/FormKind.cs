namespace Jixiao.Core.Forms;

/// <summary>The two published form kinds.</summary>
public enum FormKind
{
    /// <summary>财政项目支出绩效自评表: the year-end self-evaluation.</summary>
    SelfEvaluation,

    /// <summary>财政项目支出绩效目标申报表: the target declaration made with the budget.</summary>
    TargetDeclaration,

    /// <summary>部门整体支出绩效自评表: the year-end self-evaluation of a department's whole spending; read and scored as a self-evaluation.</summary>
    DepartmentSelfEvaluation,
}

/// <summary>The unit a source prints money in. Inside the model money is always yuan.</summary>
public enum MoneyUnit
{
    /// <summary>元.</summary>
    Yuan,

    /// <summary>万元 (10,000 yuan).</summary>
    TenThousandYuan,
}

public static class MoneyUnits
{
    /// <summary>How many yuan one printed unit is worth.</summary>
    public static decimal YuanPerUnit(this MoneyUnit unit) => unit == MoneyUnit.TenThousandYuan ? 10_000m : 1m;

    /// <summary>The Chinese label printed in forms: 万元 or 元.</summary>
    public static string Label(this MoneyUnit unit) => unit == MoneyUnit.TenThousandYuan ? "万元" : "元";

    /// <summary>Converts a printed amount to yuan.</summary>
    public static decimal ToYuan(this MoneyUnit unit, decimal printed) => printed * unit.YuanPerUnit();

    /// <summary>Converts yuan back to the printed unit.</summary>
    public static decimal FromYuan(this MoneyUnit unit, decimal yuan) => yuan / unit.YuanPerUnit();

    public static string ToJsonLabel(this FormKind kind) => kind switch
    {
        FormKind.TargetDeclaration => "target-declaration",
        FormKind.DepartmentSelfEvaluation => "department-self-evaluation",
        _ => "self-evaluation",
    };
}
