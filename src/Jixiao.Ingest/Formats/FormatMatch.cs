using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Formats;

/// <summary>The registry's answer for some content: the format that reads it, or why none does.</summary>
public sealed class FormatMatch
{
    private FormatMatch(IFileFormat? format, FormatRefusal? refusal)
    {
        Format = format;
        Refusal = refusal;
    }

    /// <summary>The format that reads the content; null when it is refused.</summary>
    public IFileFormat? Format { get; }

    /// <summary>Why no format reads the content; null when one does.</summary>
    public FormatRefusal? Refusal { get; }

    public bool IsReadable => Format is not null;

    public static FormatMatch Of(IFileFormat format) => new(format ?? throw new ArgumentNullException(nameof(format)), null);

    public static FormatMatch Refused(FormatRefusal refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    public override string ToString() => Format?.Name ?? $"refused ({Refusal!.Reason}): {Refusal.Message}";
}

/// <summary>Why no registered format reads some content.</summary>
public enum RefusalReason
{
    /// <summary>The file holds no bytes.</summary>
    Empty,

    /// <summary>Recognised by its signature as a kind that is not read yet (<see cref="FormatRefusal.Kind"/>): PDF, Office, HTML ….</summary>
    NotReadYet,

    /// <summary>Binary content no format recognises (NUL bytes or mostly control characters).</summary>
    NotText,
}

/// <summary>
/// A refusal: its reason, the diagnostic message (in Chinese and English, naming the kind and what to do instead) and,
/// when the kind was recognised, which one; surfaces may word it in the user's language from <see cref="Reason"/> and
/// <see cref="Kind"/>.
/// </summary>
public sealed record FormatRefusal(RefusalReason Reason, LocalText Text, UnreadFormat? Kind = null)
{
    /// <summary>The message in English.</summary>
    public string Message => Text.En;
}
