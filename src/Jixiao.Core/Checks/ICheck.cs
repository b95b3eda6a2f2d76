namespace Jixiao.Core.Checks;

/// <summary>The form kinds a check applies to.</summary>
[Flags]
public enum FormKinds
{
    None = 0,

    /// <summary>财政项目支出绩效自评表.</summary>
    SelfEvaluation = 1,

    /// <summary>财政项目支出绩效目标申报表.</summary>
    TargetDeclaration = 2,

    Both = SelfEvaluation | TargetDeclaration,
}

/// <summary>
/// What a check is: a stable <see cref="Code"/>, its one <see cref="Severity"/> and <see cref="Category"/>, the
/// form kinds it applies to, the field it points at and what it means, in Chinese and English, with its source.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>FUND-RATE</c>.</param>
/// <param name="Severity">The one severity of every finding of this check.</param>
/// <param name="Category">Arithmetic, consistency, completeness or target quality.</param>
/// <param name="AppliesTo">The form kinds the check runs on.</param>
/// <param name="Field">The field path pattern, e.g. <c>indicators[i].score</c>.</param>
/// <param name="MeaningZh">What a finding means, in Chinese.</param>
/// <param name="MeaningEn">What a finding means, in English.</param>
/// <param name="Rationale">Why the check exists: the rule and its source id in rules-reference.md.</param>
public sealed record CheckDefinition(
    string Code,
    Severity Severity,
    CheckCategory Category,
    FormKinds AppliesTo,
    string Field,
    string MeaningZh,
    string MeaningEn,
    string Rationale);

/// <summary>
/// One check of the catalogue: a small class with a <see cref="Definition"/> that reports findings of exactly
/// that code and severity into the <see cref="CheckContext"/>. Checks read the form and the shared
/// <see cref="Scoring.FormScore"/>; they never parse targets themselves, and allocate only when they find something.
/// </summary>
public interface ICheck
{
    CheckDefinition Definition { get; }

    /// <summary>Runs on one form; reports with <see cref="CheckContext.Report"/>.</summary>
    void Run(CheckContext context);
}
