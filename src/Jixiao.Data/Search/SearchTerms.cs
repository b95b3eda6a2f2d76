namespace Jixiao.Data.Search;

/// <summary>
/// The text of a search box read as terms (检索词): words separated by white space (the ASCII space, the full-width
/// space U+3000 or any other) must all occur, in any order and any field (<c>视频 共享</c>); a phrase in quotes
/// (<c>"视频共享"</c>, <c>“视频共享”</c>) must occur as written; a word or phrase after a minus sign (<c>-经费</c>,
/// <c>-"专项经费"</c>) must not occur (a minus sign inside a word, or two of them, is a character). Each term is matched in the search form of the text
/// (<see cref="NameKeys.Search"/>: NFKC, lower case, white space removed), so a space inside a phrase is ignored as it
/// is in the stored names, and every character is literal (<c>%</c>, <c>_</c> and <c>-</c> inside a word are characters).
/// </summary>
/// <param name="Include">The normalised terms every match contains (none is part of another).</param>
/// <param name="Exclude">The normalised terms no match contains.</param>
public sealed record SearchTerms(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    /// <summary>No term: every form matches.</summary>
    public static readonly SearchTerms None = new([], []);

    /// <summary>True when there is no term at all.</summary>
    public bool IsEmpty => Include.Count == 0 && Exclude.Count == 0;

    /// <summary>True when the terms are exactly one included text and nothing else (the search of a single word).</summary>
    public bool IsSingle => Include.Count == 1 && Exclude.Count == 0;

    /// <summary>
    /// The terms of <paramref name="text"/>. An opening quote without its closing one runs to the end; a minus sign
    /// alone, empty quotes and terms that normalise to nothing are ignored; an included term that is part of another
    /// is dropped (it adds nothing), as are repeated terms.
    /// </summary>
    public static SearchTerms Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var include = new List<string>();
        var exclude = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            // a minus sign before a word or a phrase excludes it; by itself it is nothing; "--" and "-1-" are words
            var negated = IsMinus(text[i]) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && !IsMinus(text[i + 1]);
            if (IsMinus(text[i]) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                i++;
                continue;
            }

            if (negated)
            {
                i++;
            }

            string raw;
            if (IsQuote(text[i]))
            {
                var start = ++i;
                while (i < text.Length && !IsQuote(text[i]))
                {
                    i++;
                }

                raw = text[start..i];
                i = Math.Min(i + 1, text.Length);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                raw = text[start..i];
            }

            var term = NameKeys.Search(raw);
            var list = negated ? exclude : include;
            if (term.Length > 0 && !list.Contains(term, StringComparer.Ordinal))
            {
                list.Add(term);
            }
        }

        // a term inside another included term is implied by it: 视频 视频共享 is 视频共享
        var kept = include.Where((t, k) => !include.Where((o, j) => j != k && o.Length > t.Length && o.Contains(t, StringComparison.Ordinal)).Any()).ToList();
        return kept.Count == 0 && exclude.Count == 0 ? None : new SearchTerms(kept, exclude);
    }

    /// <summary>The quotes that open or close a phrase: ASCII, full-width and the Chinese curly quotes.</summary>
    private static bool IsQuote(char c) => c is '"' or '\uFF02' or '“' or '”';

    /// <summary>The minus signs that exclude a term: ASCII hyphen-minus, full-width, and the minus sign U+2212.</summary>
    private static bool IsMinus(char c) => c is '-' or '\uFF0D' or '\u2212';
}
