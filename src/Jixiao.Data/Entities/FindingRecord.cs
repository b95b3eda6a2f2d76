using Jixiao.Core.Checks;

namespace Jixiao.Data.Entities;

/// <summary>One finding of a check on a stored form (<see cref="Finding"/>).</summary>
public sealed class FindingRecord
{
    /// <summary>The form; with <see cref="Position"/> the key.</summary>
    public long FormId { get; set; }

    /// <summary>0-based order of the finding within its form (the order the checks reported it).</summary>
    public int Position { get; set; }

    /// <summary>
    /// The form's year (<see cref="FormRecord.Year"/>), kept beside each finding so that the check code and severity
    /// indexes (<c>findings (code, year, form_id, position)</c>, <c>findings (severity, year, form_id, position)</c>) hold the findings of a
    /// check or severity in the order of the list (newest first): a page of a filtered list is read from the front of
    /// the index. A form's year never changes once it is stored.
    /// </summary>
    public int? Year { get; set; }

    /// <summary>Stable check code, e.g. <c>FUND-RATE</c>.</summary>
    public string Code { get; set; } = "";

    public Severity Severity { get; set; }

    public CheckCategory Category { get; set; }

    /// <summary>The interchange-format path of the value, e.g. <c>indicators[3].score</c>.</summary>
    public string Field { get; set; } = "";

    /// <summary>The indicator the finding concerns (0-based), parsed from <see cref="Field"/>; null for form-level findings.</summary>
    public int? IndicatorIndex { get; set; }

    public string MessageZh { get; set; } = "";

    public string MessageEn { get; set; } = "";

    /// <summary>The 1-based source line the finding points at; 0 when unknown.</summary>
    public int SourceLine { get; set; }

    /// <summary>
    /// For a finding of a check across forms (<see cref="Core.Checks.Across.CrossChecks"/>): the other form of the pair.
    /// Null for the checks of one form. Such findings are added when either form is imported and removed when the
    /// other is deleted (<see cref="Forms.CrossFormChecks"/>).
    /// </summary>
    public long? RelatedFormId { get; set; }
}
