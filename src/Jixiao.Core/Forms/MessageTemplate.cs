using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Jixiao.Core.Forms;

/// <summary>
/// A message in Chinese and English (中英文消息) with the stable <see cref="Code"/> of the
/// <see cref="MessageTemplate"/> it was made from: a reader's diagnostic, an import's failure reason.
/// </summary>
/// <param name="Code">The template's code, e.g. <c>READ-ROW-OUTSIDE</c>.</param>
/// <param name="Zh">The message in Chinese.</param>
/// <param name="En">The message in English.</param>
public sealed record LocalText(string Code, string Zh, string En)
{
    /// <summary>The form the message is kept in when its template has one (<see cref="MessageTemplate.Stored"/>), else null.</summary>
    public string? Stored { get; init; }

    /// <summary>What is kept and printed: the <see cref="Stored"/> form, else the English.</summary>
    public string Kept => Stored ?? En;

    /// <summary>The message in English when <paramref name="english"/>, else in Chinese.</summary>
    public string In(bool english) => english ? En : Zh;

    /// <summary>The English message (the form logs, the command line and the stored records use).</summary>
    public override string ToString() => En;
}

/// <summary>
/// A message written once in Chinese and once in English, with numbered placeholders as in
/// <see cref="string.Format(IFormatProvider, string, object[])"/> (<c>{0}</c>, <c>{1:N0}</c>; numbers are formatted
/// invariantly) and a stable <see cref="Code"/>. <see cref="Format"/> makes both languages at once; an argument that
/// is itself a <see cref="LocalText"/> (a phrase such as “the fund table”) goes in in each language.
/// <para>
/// Records that keep only the English text (the reader's notes of a form, an import's failure reason) are read back
/// with <see cref="Match"/>: the English template as a pattern gives the arguments, which fill the Chinese one. A
/// message kept in another form — both languages in one string — names that form as <see cref="Stored"/>.
/// </para>
/// </summary>
public sealed partial class MessageTemplate
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex english;
    private readonly Regex? stored;
    private readonly string englishClue;
    private readonly string? storedClue;

    /// <param name="code">The stable code, e.g. <c>READ-ROW-OUTSIDE</c>.</param>
    /// <param name="zh">The Chinese text.</param>
    /// <param name="en">The English text, exactly as stored and printed so far.</param>
    /// <param name="stored">
    /// The form the message is kept in when it is not the English alone (both languages in one string): made by
    /// <see cref="Format"/> as <see cref="LocalText.Stored"/> and read back by <see cref="Match"/> like the English;
    /// null when the English is kept.
    /// </param>
    public MessageTemplate(string code, string zh, string en, string? stored = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(zh);
        ArgumentNullException.ThrowIfNull(en);
        Code = code;
        Zh = zh;
        En = en;
        Stored = stored;
        english = Pattern(en);
        this.stored = stored is null ? null : Pattern(stored);
        englishClue = Clue(en);
        storedClue = stored is null ? null : Clue(stored);
        Arity = Placeholder().Matches(zh + en + stored).Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
    }

    public string Code { get; }

    public string Zh { get; }

    public string En { get; }

    /// <summary>The form the message is kept in when it is not the English alone, or null.</summary>
    public string? Stored { get; }

    /// <summary>How many arguments the template takes (the highest placeholder number + 1).</summary>
    public int Arity { get; }

    /// <summary>The message in both languages with <paramref name="args"/> in place.</summary>
    public LocalText Format(params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var zh = new object?[args.Length];
        var en = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            (zh[i], en[i]) = args[i] is LocalText t ? (t.Zh, t.En) : (args[i], args[i]);
        }

        return new LocalText(Code, string.Format(CultureInfo.InvariantCulture, Zh, zh), string.Format(CultureInfo.InvariantCulture, En, en))
        {
            Stored = Stored is null ? null : string.Format(CultureInfo.InvariantCulture, Stored, en),
        };
    }

    /// <summary>
    /// The arguments of <paramref name="text"/> when this template made it (in English or in its <see cref="Stored"/>
    /// form), as printed; null when it did not.
    /// </summary>
    public string[]? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = text.Contains(englishClue, StringComparison.Ordinal) ? english.Match(text) : System.Text.RegularExpressions.Match.Empty;
        if (!m.Success && stored is not null && text.Contains(storedClue!, StringComparison.Ordinal))
        {
            m = stored.Match(text);
        }

        if (!m.Success)
        {
            return null;
        }

        var args = new string[Arity];
        for (var i = 0; i < args.Length; i++)
        {
            var g = m.Groups["a" + i.ToString(CultureInfo.InvariantCulture)];
            args[i] = g.Success ? g.Value : "";
        }

        return args;
    }

    public override string ToString() => Code;

    /// <summary>The longest literal piece of a template: a text without it cannot be one of its messages.</summary>
    private static string Clue(string template) =>
        Placeholder().Replace(template, "\0").Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal)
            .Split('\0').MaxBy(piece => piece.Length) ?? "";

    /// <summary>The template as an anchored pattern: each placeholder a lazy group (a repeated one a back-reference), the rest literal.</summary>
    private static Regex Pattern(string template)
    {
        var pattern = new StringBuilder("^");
        var seen = new HashSet<int>();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                pattern.Append(Regex.Escape(c.ToString()));
                i += 2;
                continue;
            }

            var m = c == '{' ? Placeholder().Match(template, i) : null;
            if (m is { Success: true } && m.Index == i)
            {
                var n = int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                var name = "a" + n.ToString(CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(n) ? $"(?<{name}>.*?)" : $"\\k<{name}>");
                i += m.Length;
                continue;
            }

            pattern.Append(Regex.Escape(c.ToString()));
            i++;
        }

        pattern.Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^{}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>
/// The message templates of a part of the system (the readers' diagnostics, the import's reasons), which give the
/// Chinese and English of a message stored in English only (<see cref="Read"/>).
/// </summary>
public sealed class MessageCatalogue
{
    private const int MaxDepth = 3;

    private readonly MessageTemplate[] templates;

    public MessageCatalogue(IEnumerable<MessageTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        this.templates = [.. templates];
        var twice = this.templates.GroupBy(t => (t.Code, t.En)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"the template {twice.Key.Code} is listed twice", nameof(templates));
        }
    }

    /// <summary>The templates, in the order given.</summary>
    public IReadOnlyList<MessageTemplate> Templates => templates;

    /// <summary>
    /// The message <paramref name="text"/> in both languages when a template made it (arguments that are themselves
    /// such messages, e.g. “the fund table”, translated too); null when none did.
    /// </summary>
    public LocalText? Read(string text) => ReadAt(text, 0);

    /// <summary><paramref name="text"/> in the language asked for when a template made it, else as it is.</summary>
    public string Localize(string text, bool english) => Read(text)?.In(english) ?? text;

    private LocalText? ReadAt(string text, int depth)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // the template that leaves the least to its arguments: "expected an ISO date … or null, found …" rather than
        // "expected {1} or null, found {2}"
        MessageTemplate? best = null;
        string[]? bestArgs = null;
        var bestLength = int.MaxValue;
        foreach (var template in templates)
        {
            if (template.Match(text) is { } args && args.Sum(a => a.Length) is var length && length < bestLength)
            {
                (best, bestArgs, bestLength) = (template, args, length);
            }
        }

        if (best is null || bestArgs is null)
        {
            return null;
        }

        var values = new object?[bestArgs.Length];
        for (var i = 0; i < bestArgs.Length; i++)
        {
            values[i] = depth < MaxDepth && ReadAt(bestArgs[i], depth + 1) is { } nested ? nested : bestArgs[i];
        }

        return best.Format(values);
    }
}
