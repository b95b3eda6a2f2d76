namespace Jixiao.Cli;

/// <summary>The exit codes of <c>jixiao</c> (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>check</c>: no error-level finding.</summary>
    public const int Success = 0;

    /// <summary><c>check</c>: some finding is an error (the form cannot be published).</summary>
    public const int Findings = 1;

    /// <summary>Usage error, or some input could not be read (the other inputs were still processed).</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected internal failure (a bug): one line on stderr, no stack trace unless --verbose.</summary>
    public const int InternalError = 3;
}
