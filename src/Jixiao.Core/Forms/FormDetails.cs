namespace Jixiao.Core.Forms;

/// <summary>
/// What forms of layouts other than Shanghai's print beside the common fields (其他版式的字段): the project code and
/// type, the basis, the conclusion of a self-evaluation, and any other labelled value (<see cref="Extra"/>), so that
/// nothing printed is dropped. Every member is optional: a reader sets those the form has.
/// </summary>
public sealed class FormDetails
{
    /// <summary>Where the form comes from, when the source says so (广东省深圳市宝安区).</summary>
    public string? Region { get; set; }

    /// <summary>项目编码 as printed, text (a code stored as a number keeps its printed form, e.g. <c>4.403062313915E+20</c>).</summary>
    public string? ProjectCode { get; set; }

    /// <summary>项目类型 / 项目类别 / 项目属性 as printed (<c>15 其他经费</c>).</summary>
    public string? ProjectType { get; set; }

    /// <summary>实施期限 / 实施周期 as printed.</summary>
    public string? ImplementationPeriod { get; set; }

    /// <summary>是否新增项目: true for 是, false for 否, null when not printed or neither.</summary>
    public bool? NewProject { get; set; }

    /// <summary>分配方式 as printed.</summary>
    public string? AllocationMethod { get; set; }

    /// <summary>政策依据.</summary>
    public string? PolicyBasis { get; set; }

    /// <summary>测算依据.</summary>
    public string? CalculationBasis { get; set; }

    /// <summary>评价结论 / 总体评价 of a self-evaluation.</summary>
    public string? ConclusionSummary { get; set; }

    /// <summary>存在问题.</summary>
    public string? ConclusionProblems { get; set; }

    /// <summary>改进措施 / 整改措施.</summary>
    public string? ConclusionMeasures { get; set; }

    /// <summary>Any other labelled value, label as printed (项目负责人 → 张三), in the order printed.</summary>
    public Dictionary<string, string> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>The format the form was read from (<c>text</c>, <c>pdf</c>, <c>xlsx</c> …), when known.</summary>
    public string? SourceFormat { get; set; }

    /// <summary>The worksheet the form was read from (Excel).</summary>
    public string? SourceSheet { get; set; }

    /// <summary>The first page the form is printed on (PDF, Word).</summary>
    public int? SourcePage { get; set; }

    /// <summary>True when no member is set.</summary>
    public bool IsEmpty => !HasPrintedFields && SourceFormat is null && SourceSheet is null && SourcePage is null;

    /// <summary>True when a member printed on the form is set (any but the source members).</summary>
    public bool HasPrintedFields =>
        Region is not null || ProjectCode is not null || ProjectType is not null || ImplementationPeriod is not null || NewProject is not null
        || AllocationMethod is not null || PolicyBasis is not null || CalculationBasis is not null || ConclusionSummary is not null
        || ConclusionProblems is not null || ConclusionMeasures is not null || Extra.Count > 0;
}
