using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Data.Forms;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Public;

/// <summary>
/// The filters of the public list and of the open-data downloads, read from the query string: <c>region</c> (地区),
/// <c>dept</c> (主管部门), <c>year</c>, <c>kind</c> (<c>self-evaluation</c>, <c>target-declaration</c>,
/// <c>department-self-evaluation</c>), <c>q</c> (a part of the project, department or unit) and <c>page</c>. A value
/// that cannot be read is named in <see cref="Error"/> and filters nothing (the page says so instead of guessing).
/// </summary>
public sealed class PublicFilter
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private PublicFilter()
    {
    }

    public PublicFormQuery Query { get; private init; } = new();

    /// <summary>What could not be read, in the request's language; null when everything could.</summary>
    public string? Error { get; private init; }

    /// <summary>The raw value of a parameter as given (for the form fields).</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    public static PublicFilter From(IQueryCollection query, int pageSize = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string name) => query[name].ToString().Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, 200)] : null;
        var errors = new List<string>();
        int? year = null;
        if (Get("year") is { } y)
        {
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2999)
            {
                year = n;
            }
            else
            {
                errors.Add(Ui.T($"年度“{y}”不是年份（如 2024）。", $"Year \"{y}\" is not a year (e.g. 2024)."));
            }
        }

        FormKind? kind = null;
        if (Get("kind") is { } k)
        {
            kind = Enum.GetValues<FormKind>().Where(x => x.ToJsonLabel() == k).Select(x => (FormKind?)x).FirstOrDefault();
            if (kind is null)
            {
                errors.Add(Ui.T($"表类型“{k}”不可识别。", $"Kind \"{k}\" is not known."));
            }
        }

        var page = Get("page") is { } p && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pn) && pn is >= 1 and <= 100_000 ? pn : 1;
        var filter = new PublicFilter
        {
            Query = new PublicFormQuery
            {
                Region = Get("region"), Department = Get("dept"), Year = year, Kind = kind, Text = Get("q"), Page = page, PageSize = pageSize,
            },
            Error = errors.Count == 0 ? null : string.Join(" ", errors),
        };
        foreach (var name in new[] { "region", "dept", "year", "kind", "q" })
        {
            if (Get(name) is { } v)
            {
                filter.values[name] = v;
            }
        }

        return filter;
    }

    /// <summary>The query string of the filters (no page), with <paramref name="extra"/> appended: <c>?year=2024&amp;format=csv</c>.</summary>
    public string QueryString(params (string Name, string? Value)[] extra)
    {
        var parts = values.Where(v => v.Key != "page").Select(v => (v.Key, (string?)v.Value)).Concat(extra)
            .Where(v => !string.IsNullOrEmpty(v.Item2))
            .Select(v => Uri.EscapeDataString(v.Item1) + "=" + Uri.EscapeDataString(v.Item2!));
        var joined = string.Join("&", parts);
        return joined.Length == 0 ? "" : "?" + joined;
    }
}
