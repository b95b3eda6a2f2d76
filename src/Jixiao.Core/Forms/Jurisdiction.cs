namespace Jixiao.Core.Forms;

/// <summary>
/// Where a form comes from. The region (地区) is the administrative prefix of a body's name: the province, city,
/// district, county, town or street office it begins with.
/// </summary>
public static class Jurisdiction
{
    private static readonly System.Buffers.SearchValues<char> OfficeWords = System.Buffers.SearchValues.Create("局委办院所会处科中心");

    /// <summary>
    /// The region (地区) a department's name begins with: the city, district or county prefix
    /// (<c>上海市宝山区数据局</c> → <c>上海市宝山区</c>, <c>上海市公安局宝山分局</c> → <c>上海市</c>,
    /// <c>淞南镇主管单位</c> → <c>淞南镇</c>), as a <see cref="TextKey"/>; empty when the name has none.
    /// </summary>
    public static string RegionOf(string? department)
    {
        var s = TextKey.Of(department);
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
}
