using System.Text;

namespace Jixiao.Core.Forms;

/// <summary>
/// The project key (项目键): what follows one project across years. Budget units print the same project as
/// <c>2024年区特保队伍经费</c> one year and <c>区特保队伍经费</c> the next, or add the document that approved it; the key
/// is the same for all of these. The store keeps it as the lineage key of every form.
/// </summary>
public static class ProjectKey
{
    /// <summary>
    /// The key of a project name (项目名称): its <see cref="TextKey"/>, then without a year prefix (<c>2024年</c>,
    /// <c>2024年度</c>, <c>(2024年)</c>, <c>2024</c>), without bracketed years and document numbers anywhere
    /// (<c>(宝发改【2023】62号)</c>, <c>【2023】</c>, <c>〔2024〕</c>), and without the word 项目 at the end.
    /// <c>2024年区特保队伍经费</c> and <c>区特保队伍经费</c> share the key <c>区特保队伍经费</c>. Empty for an empty name.
    /// </summary>
    public static string Of(string? projectName)
    {
        var s = TextKey.Of(projectName);
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
}
