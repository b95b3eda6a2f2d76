using Jixiao.Core.Targets;

namespace Jixiao.Core.Scoring;

/// <summary>Which units compare with which (units arrive normalised by <see cref="TargetParser"/>).</summary>
public static class Units
{
    /// <summary>
    /// True when <paramref name="actual"/> can be compared with <paramref name="target"/>; <paramref name="factor"/>
    /// converts the actual number into the target's unit (万元 → 元 …). A missing unit on one side is taken to be the
    /// other side's (<c>=3个</c> vs <c>3</c>).
    /// </summary>
    public static bool Compatible(TargetValue target, TargetValue actual, out decimal factor)
    {
        factor = 1m;
        if (target.IsPercent || actual.IsPercent)
        {
            return (target.IsPercent && actual.IsPercent) || string.IsNullOrEmpty(target.Unit) || string.IsNullOrEmpty(actual.Unit);
        }

        var tu = target.Unit;
        var au = actual.Unit;
        if (string.IsNullOrEmpty(tu) || string.IsNullOrEmpty(au) || string.Equals(tu, au, StringComparison.Ordinal))
        {
            return true;
        }

        var tm = YuanPer(tu);
        var am = YuanPer(au);
        if (tm > 0 && am > 0)
        {
            factor = am / tm;
            return true;
        }

        return Canonical(tu) == Canonical(au);
    }

    /// <summary>True when the two values print different units (both printed, not convertible).</summary>
    public static bool Differ(TargetValue target, TargetValue actual) =>
        target.Kind is TargetValueKind.Quantitative or TargetValueKind.Growth
        && actual.Kind is TargetValueKind.Quantitative or TargetValueKind.Growth
        && (target.IsPercent || !string.IsNullOrEmpty(target.Unit))
        && (actual.IsPercent || !string.IsNullOrEmpty(actual.Unit))
        && !Compatible(target, actual, out _);

    /// <summary>How a value prints its unit, for messages.</summary>
    public static string Label(TargetValue value) => value.IsPercent ? "%" : string.IsNullOrEmpty(value.Unit) ? "—" : value.Unit;

    /// <summary>How many yuan one <paramref name="unit"/> is (元 1, 千元, 万元, 百万元, 亿元); 0 when it is not a unit of money.</summary>
    public static decimal YuanPer(string? unit) => unit switch
    {
        "元" => 1m,
        "千元" => 1_000m,
        "万元" => 10_000m,
        "百万元" => 1_000_000m,
        "亿元" => 100_000_000m,
        _ => 0m,
    };

    private static string Canonical(string unit) => unit switch
    {
        "日" or "天" => "天",
        "个月" or "月" => "月",
        "小时" or "h" or "H" => "小时",
        "人次" => "人次",
        "名" or "人" => "人",
        _ => unit,
    };

    /// <summary>
    /// True when an indicator named as a rate (…率) prints a unit that is not a percentage (e.g. 天). 频率, 功率,
    /// 效率, 速率, 码率 and 汇率 are not percentages by nature and are left alone.
    /// </summary>
    public static bool RateNameWithNonPercentUnit(string name, TargetValue target)
    {
        if (target.Kind is not (TargetValueKind.Quantitative or TargetValueKind.Growth) || target.IsPercent
            || string.IsNullOrEmpty(target.Unit) || target.Unit == "百分点")
        {
            return false;
        }

        var i = name.LastIndexOf('率');
        if (i < 0)
        {
            return false;
        }

        return i == 0 || name[i - 1] is not ('频' or '功' or '效' or '速' or '码' or '汇' or '比' or '倍');
    }
}
