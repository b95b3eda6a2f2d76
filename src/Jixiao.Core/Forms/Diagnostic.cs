using System.Globalization;
using System.Text.RegularExpressions;

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
/// <see cref="Message"/> is what the command line prints and what is stored: the English (or the template's
/// <see cref="MessageTemplate.Stored"/> form); a diagnostic made from a <see cref="MessageTemplate"/> also carries its
/// <see cref="Code"/> and <see cref="MessageZh"/>.
/// </summary>
public sealed partial record Diagnostic(string File, int Line, DiagnosticSeverity Severity, string Message)
{
    /// <summary>A diagnostic in both languages, with the code of the template it was made from.</summary>
    public Diagnostic(string file, int line, DiagnosticSeverity severity, LocalText text)
        : this(file, line, severity, (text ?? throw new ArgumentNullException(nameof(text))).Kept)
    {
        Code = text.Code;
        MessageZh = text.Zh;
    }

    /// <summary>The stable code of the message (e.g. <c>READ-ROW-OUTSIDE</c>), or null for a message made without a template.</summary>
    public string? Code { get; init; }

    /// <summary>The message in Chinese, or null for a message made without a template.</summary>
    public string? MessageZh { get; init; }

    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Severity.ToString().ToLowerInvariant()}: {Message}"
                 : $"{File}: {Severity.ToString().ToLowerInvariant()}: {Message}";

    /// <summary>
    /// Reads back a line <see cref="ToString"/> wrote (<c>file:12: warning: …</c> or <c>file: error: …</c>), as the
    /// reader's notes of a form and an import's failure reason are stored; null when <paramref name="text"/> is not one.
    /// The message comes back in English only (<see cref="MessageZh"/> null).
    /// </summary>
    public static Diagnostic? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var m = Printed().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var severity = m.Groups["severity"].ValueSpan switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        var line = m.Groups["line"].Success && int.TryParse(m.Groups["line"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new Diagnostic(m.Groups["file"].Value, line, severity, m.Groups["message"].Value);
    }

    [GeneratedRegex(@"^(?<file>.*?)(?::(?<line>[0-9]{1,9}))?: (?<severity>error|warning|info): (?<message>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline, 200)]
    private static partial Regex Printed();
}
