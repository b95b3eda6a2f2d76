using System.Globalization;
using Jixiao.Core.Library;
using Jixiao.Data.Library;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Library;

/// <summary>
/// The filters, sort and page of the library list (<c>/library</c>), read from and written to the query string so that
/// every view can be shared as a link. Values that do not parse are ignored. Parameters: <c>q level1 level2 dept type
/// state sort desc page size</c> (the API's <c>department</c> and <c>pageSize</c>, and <c>sort=-forms</c>, are read too).
/// </summary>
public sealed class LibraryFilter
{
    public const int DefaultPageSize = 50;

    private const int MaxTextLength = 200;

    private static readonly string[] Keys = ["q", "level1", "level2", "dept", "type", "state", "sort", "desc", "page", "size"];

    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);

    public string? Text { get; private init; }

    public string? Level1 { get; private init; }

    public string? Level2 { get; private init; }

    public string? Department { get; private init; }

    /// <summary>A project type's code.</summary>
    public string? ProjectType { get; private init; }

    public LibraryState State { get; private init; }

    public LibrarySort Sort { get; private init; }

    public bool Descending { get; private init; } = true;

    public int Page { get; private init; } = 1;

    public int PageSize { get; private init; } = DefaultPageSize;

    /// <summary>The raw value of a parameter as this view writes it (empty when not set).</summary>
    public string this[string key] => values.GetValueOrDefault(key, "");

    public static LibraryFilter Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(params string[] names)
        {
            foreach (var name in names)
            {
                var v = query[name].ToString().Trim();
                if (v.Length > 0)
                {
                    return v.Length > MaxTextLength ? v[..MaxTextLength] : v;
                }
            }

            return null;
        }

        var sortText = Get("sort");
        var sortDescending = sortText?.StartsWith('-') == true;
        var sort = SortOf(sortDescending ? sortText![1..] : sortText);
        var desc = Get("desc") is { } d ? d is "1" or "true" : sortText is null || sortDescending || sort is not LibrarySort.Name;
        var type = ProjectTypes.ByCode(Get("type"))?.Code;
        var state = StateOf(Get("state"));
        var page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
        var size = int.TryParse(Get("size", "pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 1 ? Math.Min(s, LibraryQuery.MaxPageSize) : DefaultPageSize;
        var filter = new LibraryFilter
        {
            Text = Get("q"),
            Level1 = Get("level1"),
            Level2 = Get("level2"),
            Department = Get("dept", "department"),
            ProjectType = type,
            State = state ?? LibraryState.All,
            Sort = sort ?? LibrarySort.Forms,
            Descending = desc,
            Page = page,
            PageSize = size,
        };
        filter.Set("q", filter.Text);
        filter.Set("level1", filter.Level1);
        filter.Set("level2", filter.Level2);
        filter.Set("dept", filter.Department);
        filter.Set("type", type);
        filter.Set("state", state is { } st && st != LibraryState.All ? StateName(st) : null);
        if (sort is { } so)
        {
            filter.Set("sort", SortName(so));
            filter.Set("desc", desc ? "1" : "0");
        }

        filter.Set("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        filter.Set("size", size != DefaultPageSize ? size.ToString(CultureInfo.InvariantCulture) : null);
        return filter;
    }

    /// <summary>The query of this view (the scope is set by the application).</summary>
    public LibraryQuery ToQuery() => new()
    {
        Text = Text,
        Level1 = Level1,
        Level2 = Level2,
        Department = Department,
        ProjectType = ProjectType,
        State = State,
        Sort = Sort,
        Descending = Descending,
        Page = Page,
        PageSize = PageSize,
    };

    /// <summary>This view's query string with some parameters changed (null removes); any change but the page goes back to page 1.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var changed = changes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        if (!changed.ContainsKey("page"))
        {
            changed["page"] = null;
        }

        return ToQueryString(Keys.Select(k => (k, changed.TryGetValue(k, out var v) ? v : values.GetValueOrDefault(k))));
    }

    /// <summary>The link that sorts by <paramref name="sort"/>: the other way round when the view is sorted by it already.</summary>
    public string SortLink(LibrarySort sort)
    {
        var desc = Sort == sort ? !Descending : sort is not LibrarySort.Name;
        return With(("sort", SortName(sort)), ("desc", desc ? "1" : "0"));
    }

    /// <summary>▲/▼ beside the column the list is sorted by.</summary>
    public string SortMark(LibrarySort sort) => Sort != sort ? "" : Descending ? " ▼" : " ▲";

    public override string ToString() => ToQueryString(Keys.Select(k => (k, values.GetValueOrDefault(k))));

    public static string SortName(LibrarySort sort) => sort switch
    {
        LibrarySort.Name => "name",
        LibrarySort.Departments => "departments",
        LibrarySort.Years => "years",
        LibrarySort.MetRate => "met",
        _ => "forms",
    };

    public static LibrarySort? SortOf(string? name) => name switch
    {
        "forms" => LibrarySort.Forms,
        "name" => LibrarySort.Name,
        "departments" => LibrarySort.Departments,
        "years" => LibrarySort.Years,
        "met" => LibrarySort.MetRate,
        _ => null,
    };

    public static string StateName(LibraryState state) => state switch
    {
        LibraryState.Recommended => "recommended",
        LibraryState.Active => "active",
        LibraryState.Retired => "retired",
        _ => "all",
    };

    public static LibraryState? StateOf(string? name) => name switch
    {
        "all" => LibraryState.All,
        "recommended" => LibraryState.Recommended,
        "active" => LibraryState.Active,
        "retired" => LibraryState.Retired,
        _ => null,
    };

    /// <summary>A state in the UI's language.</summary>
    public static string StateText(LibraryState state) => state switch
    {
        LibraryState.Recommended => Ui.T("推荐", "Recommended"),
        LibraryState.Active => Ui.T("在用（未停用）", "In use (not retired)"),
        LibraryState.Retired => Ui.T("已停用", "Retired"),
        _ => Ui.T("全部", "All"),
    };

    /// <summary>A project type's name in the UI's language.</summary>
    public static string TypeText(ProjectType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Ui.T(type.NameZh, type.NameEn);
    }

    /// <summary>A share 0–1 as a percentage, or an em dash when unknown.</summary>
    public static string Rate(double? rate) => rate is { } r ? Ui.Share(r) : "—";

    private void Set(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values[key] = value;
        }
    }

    /// <summary>The parameters that have a value, in the order of <see cref="Keys"/>, as <c>?a=1&amp;b=2</c> (or empty).</summary>
    private static string ToQueryString(IEnumerable<(string Key, string? Value)> parameters) =>
        QueryString.Create(parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value))).ToUriComponent();
}
