namespace Jixiao.Core.Checks;

public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>The kinds of check, as in the DATA Act Broker's validation rules.</summary>
public enum CheckCategory
{
    /// <summary>Numbers that do not follow from other numbers.</summary>
    Arithmetic,

    /// <summary>Values that contradict each other.</summary>
    Consistency,

    /// <summary>Something required is missing.</summary>
    Completeness,

    /// <summary>Targets that cannot be measured or are met by definition.</summary>
    TargetQuality,
}

/// <summary>
/// One problem found in a form by a check.
/// <paramref name="Field"/> is a path into the interchange format, e.g. <c>funds.total.executionRate</c>,
/// <c>indicators[3].score</c> (0-based index), <c>totalScore</c>.
/// </summary>
public sealed record Finding(
    string Code,
    Severity Severity,
    CheckCategory Category,
    string Field,
    string MessageZh,
    string MessageEn)
{
    /// <summary>The 1-based source line the finding points at (the indicator's or fund row's line, else the form's first line); 0 when unknown.</summary>
    public int SourceLine { get; init; }

    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code} {Field}: {MessageEn}";
}
