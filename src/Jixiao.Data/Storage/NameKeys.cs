using System.Text;
using Jixiao.Core.Forms;

namespace Jixiao.Data.Storage;

/// <summary>
/// The keys the store matches names by, cut to the length of their columns. All start from Core's
/// <see cref="TextKey"/> (NFKC, no white space), as the interchange format compares values.
/// </summary>
public static class NameKeys
{
    private const int MaxLength = 500;
    private static readonly System.Buffers.SearchValues<char> OfficeWords = System.Buffers.SearchValues.Create("局委办院所会处科中心");

    /// <summary>The <see cref="TextKey"/> of a name, cut to the column: how organisation names are matched.</summary>
    public static string Plain(string? text) => Cut(TextKey.Of(text));

    /// <summary>
    /// The search form of a text: <see cref="Plain"/> and lower case. The search column holds it, and a query is
    /// put in the same form before it is matched literally.
    /// </summary>
    public static string Search(string? text)
    {
        var key = TextKey.Of(text);
        foreach (var c in key)
        {
            // only letters with a lower case change; Chinese text has none and is kept without a copy
            if (c < 0x80 ? char.IsAsciiLetterUpper(c) : c is < '\u3000' or > '\u9FFF' && char.ToLowerInvariant(c) != c)
            {
                return Cut(key.ToLowerInvariant());
            }
        }

        return Cut(key);
    }

    /// <summary>
    /// The lineage key of a project name (项目名称) that follows one project across years: <see cref="Plain"/>, then
    /// without a year prefix (<c>2024年</c>, <c>2024年度</c>, <c>(2024年)</c>, <c>2024</c>), without bracketed years
    /// and document numbers anywhere (<c>(宝发改【2023】62号)</c>, <c>【2023】</c>, <c>〔2024〕</c>), and without the
    /// word 项目 at the end. <c>2024年区特保队伍经费</c> and <c>区特保队伍经费</c> share the key <c>区特保队伍经费</c>.
    /// </summary>
    public static string Lineage(string? projectName)
    {
        var s = Plain(projectName);
        if (s.Length == 0)
        {
            return "";
        }

        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var close = Closing(c);
            if (close != '\0')
            {
                var end = s.IndexOf(close, i + 1);
                if (end > i && IsYearOrDocumentNumber(s.AsSpan(i + 1, end - i - 1)))
                {
                    i = end + 1;
                    continue;
                }
            }

            sb.Append(c);
            i++;
        }

        var key = StripLeadingYear(sb.ToString());
        if (key.EndsWith("项目", StringComparison.Ordinal) && key.Length > 2)
        {
            key = key[..^2];
        }

        return key.Length == 0 ? s : key;
    }

    private static string StripLeadingYear(string s)
    {
        // 2024年 / 2024年度 / 2024 at the very start (after the brackets were handled above)
        if (s.Length >= 4 && IsYear(s.AsSpan(0, 4)))
        {
            var rest = s.AsSpan(4);
            if (rest.StartsWith("年度"))
            {
                rest = rest[2..];
            }
            else if (rest.StartsWith("年"))
            {
                rest = rest[1..];
            }
            else if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            {
                return s; // a longer number, not a year
            }

            rest = rest.TrimStart("-_:：、.");
            return rest.ToString();
        }

        return s;
    }

    private static bool IsYear(ReadOnlySpan<char> four) =>
        four.Length == 4 && char.IsAsciiDigit(four[0]) && char.IsAsciiDigit(four[1]) && char.IsAsciiDigit(four[2]) && char.IsAsciiDigit(four[3])
        && (four[0] == '1' && four[1] == '9' || four[0] == '2' && four[1] == '0');

    /// <summary>A bracket's content that is a year (<c>2024年</c>, <c>2024年度</c>, <c>2024</c>) or holds a document number.</summary>
    private static bool IsYearOrDocumentNumber(ReadOnlySpan<char> inner)
    {
        if (inner.Length == 0)
        {
            return false;
        }

        if (inner.Length >= 4 && IsYear(inner[..4]))
        {
            var rest = inner[4..];
            if (rest.IsEmpty || rest is "年" or "年度")
            {
                return true;
            }
        }

        // 宝发改【2023】62号, 沪财绩〔2024〕3号: a year in brackets or a trailing 号 with digits
        if (inner.EndsWith("号") && inner.IndexOfAnyInRange('0', '9') >= 0)
        {
            return true;
        }

        return inner.IndexOfAny("【〔[") >= 0 && inner.IndexOfAnyInRange('0', '9') >= 0;
    }

    private static char Closing(char open) => open switch
    {
        '(' => ')',
        '[' => ']',
        '【' => '】',
        '〔' => '〕',
        '［' => '］',
        '〖' => '〗',
        _ => '\0',
    };

    /// <summary>
    /// The region (地区) a department's name begins with: the city, district or county prefix
    /// (<c>上海市宝山区数据局</c> → <c>上海市宝山区</c>, <c>上海市公安局宝山分局</c> → <c>上海市</c>,
    /// <c>淞南镇主管单位</c> → <c>淞南镇</c>); empty when the name has none.
    /// </summary>
    public static string Region(string? department)
    {
        var s = Plain(department);
        var end = 0;
        var i = 0;

        // 省 / 自治区, then 市, then 区 / 县 (/ 新区), then 镇 / 乡 / 街道, each within a few characters of the last
        i = Take(s, i, ref end, "省", 6);
        i = Take(s, i, ref end, "自治区", 8);
        i = Take(s, i, ref end, "市", 6);
        i = Take(s, i, ref end, "区", 6, notBefore: "分局");
        i = Take(s, i, ref end, "县", 6);
        i = Take(s, i, ref end, "镇", 6);
        _ = Take(s, i, ref end, "街道", 6);
        return s[..end];
    }

    private static int Take(string s, int from, ref int end, string suffix, int maxLength, string? notBefore = null)
    {
        var at = s.IndexOf(suffix, from, StringComparison.Ordinal);
        if (at <= from || at - from > maxLength)
        {
            return from;
        }

        // the suffix must not sit inside an office name: 区 in 分局 names like 宝山分局 is fine, 局 words are not regions
        var segment = s.AsSpan(from, at - from);
        if (segment.IndexOfAny(OfficeWords) >= 0)
        {
            return from;
        }

        if (notBefore is not null && s.AsSpan(at + suffix.Length).StartsWith(notBefore))
        {
            return from;
        }

        end = at + suffix.Length;
        return end;
    }

    private static string Cut(string s) => s.Length <= MaxLength ? s : s[..MaxLength];
}
