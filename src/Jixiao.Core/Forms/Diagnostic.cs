namespace Jixiao.Core.Forms;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Something a reader could not place or had to repair. Readers never throw on bad input:
/// they report a diagnostic with the file, the 1-based line (0 when the whole file is concerned) and what was expected.
/// </summary>
public sealed record Diagnostic(string File, int Line, DiagnosticSeverity Severity, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Severity.ToString().ToLowerInvariant()}: {Message}"
                 : $"{File}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}
