namespace Jixiao.Ingest.Tests.RoundTrip;

/// <summary>A round trip through LibreOffice: reported as skipped, with the reason, when <c>soffice</c> is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LibreOfficeTheoryAttribute : TheoryAttribute
{
    public LibreOfficeTheoryAttribute()
    {
        if (CorpusRendering.NoLibreOffice is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The forms the text reader gives for a corpus file: what every rendering must read back.</summary>
public static class TextForms
{
    public static List<Core.Forms.PerformanceForm> FromText(string path)
    {
        using var stream = File.OpenRead(path);
        return [.. Jixiao.Ingest.Formats.FormatRegistry.Default.Read(stream, Path.GetFileName(path))];
    }
}
