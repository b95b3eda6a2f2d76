using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Jixiao.Web.Shared;

/// <summary>
/// Return URLs (the page to go back to after signing in or switching the language): only a path on this site is
/// followed; anything else — another host, a tab, a line break or another control character — goes to <c>/</c>.
/// </summary>
public static class ReturnUrls
{
    /// <summary>
    /// A path on this site: it begins with one <c>/</c> (no scheme, no host, no <c>//</c> or <c>/\</c>) and holds no
    /// control character — the rule of ASP.NET Core's <c>LocalRedirect</c>, which throws on anything else.
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    /// <summary>
    /// <paramref name="url"/> when it <see cref="IsLocal">is local</see> (and not under <paramref name="except"/>), else
    /// <c>/</c>; characters outside ASCII (a Chinese project key in the path) are percent-encoded as UTF-8, so the
    /// <c>Location</c> header stays ASCII.
    /// </summary>
    public static string OrHome(string? url, string? except = null)
    {
        if (!IsLocal(url) || (except is not null && url.StartsWith(except, StringComparison.OrdinalIgnoreCase)))
        {
            return "/";
        }

        if (Ascii.IsValid(url))
        {
            return url;
        }

        var sb = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c < 0x80)
            {
                sb.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
