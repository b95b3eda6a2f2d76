namespace Jixiao.Core.Forms;

/// <summary>
/// Where a form comes from. The region (地区) is the administrative prefix of a body's name; the jurisdiction
/// (辖区, 预算级次) is the government whose budget the body belongs to, named by its region: <c>上海市</c> is the
/// municipality's own level (市级), <c>上海市宝山区</c> that district (区级), <c>淞南镇</c> that town. The rule set that
/// scores a form is chosen by its jurisdiction and year (<see cref="Scoring.RuleSets.For(PerformanceForm)"/>).
/// </summary>
public static class Jurisdiction
{
    private static readonly System.Buffers.SearchValues<char> OfficeWords = System.Buffers.SearchValues.Create("局委办院所会处科中心");

    /// <summary>
    /// The jurisdiction of a form: that of its department (主管部门), or of its implementing unit (实施单位) when the
    /// department's name shows no region. Null when neither shows it.
    /// </summary>
    public static string? Of(PerformanceForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var department = Read(form.Department);
        return department.Region.Length > 0 ? department.Jurisdiction : Read(form.ImplementingUnit).Jurisdiction;
    }

    /// <summary>
    /// The jurisdiction of a body (a department or unit) by its name: its region (<see cref="RegionOf"/>), read after a
    /// leading 中共 or 中国共产党 (<c>中共上海市委宣传部</c> → <c>上海市</c>). Null when the name shows no region, and for a
    /// branch office (分局) of a body of the region: <c>上海市公安局宝山分局</c> serves a district, and which budget it
    /// belongs to, the name does not say — it is not taken for 市级.
    /// </summary>
    public static string? Of(string? body) => Read(body).Jurisdiction;

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

    private static (string Region, string? Jurisdiction) Read(string? body)
    {
        var s = TextKey.Of(body);
        if (s.StartsWith("中共", StringComparison.Ordinal))
        {
            s = s[2..];
        }
        else if (s.StartsWith("中国共产党", StringComparison.Ordinal))
        {
            s = s[5..];
        }

        var region = RegionOf(s);
        if (region.Length == 0)
        {
            return ("", null);
        }

        return s.AsSpan(region.Length).Contains("分局", StringComparison.Ordinal) ? (region, null) : (region, region);
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
