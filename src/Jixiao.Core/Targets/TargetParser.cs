namespace Jixiao.Core.Targets;

/// <summary>The target-value grammar. Never throws.</summary>
public static class TargetParser
{
    public static TargetValue Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? new TargetValue { Raw = text ?? "", Kind = TargetValueKind.Empty }
            : new TargetValue { Raw = text, Kind = TargetValueKind.Unreadable };
}
