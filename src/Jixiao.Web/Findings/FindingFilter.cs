using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Data.Reviews;
using Jixiao.Web.Forms;

namespace Jixiao.Web.Findings;

/// <summary>
/// The filters, sort and page of the findings list (问题清单), read from and written to the query string: every filter
/// of the form list (<see cref="FormFilter"/>, the same parameter names; there <c>check</c> selects the findings of that
/// check) and <c>severity decision sort desc page size count by summary</c>. Like the form list, values that do not parse are
/// ignored. Page sizes are 20, 50, 100 or 200.
/// </summary>
public sealed class FindingFilter
{
    public const int DefaultPageSize = 50;

    /// <summary>The page sizes offered.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [20, 50, 100, 200];

    /// <summary>The parameters of this list that are not form filters, in the order links write them.</summary>
    private static readonly string[] Keys = ["severity", "decision", "sort", "desc", "page", "size", "by", "summary"];

    /// <summary>The form list's own sort and page (and the API's names of them), which this list reads itself.</summary>
    private static readonly string[] FormKeys = ["sort", "desc", "page", "size", "pageSize"];

    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>The form filters (their sort and page are this list's own).</summary>
    public FormFilter Forms { get; private init; } = FormFilter.Parse(new QueryCollection());

    public Severity? Severity { get; private init; }

    /// <summary>复核结论 of the findings shown (<c>decision=undecided|confirmed|dismissed</c>).</summary>
    public FindingReviewFilter? Decision { get; private init; }

    public FindingSort Sort { get; private init; }

    public bool Descending { get; private init; }

    public int Page { get; private init; } = 1;

    public int PageSize { get; private init; } = DefaultPageSize;

    /// <summary>Count every finding when the list would stop at 1,000 (<c>exact=1</c>, as on the form list).</summary>
    public bool ExactCount => Forms.Exact;

    /// <summary>The summary above the list by department instead of by check (<c>by=department</c>).</summary>
    public bool SummaryByDepartment { get; private init; }

    /// <summary>The summary asked for where it is not shown by itself (<c>summary=1</c>).</summary>
    public bool SummaryRequested { get; private init; }

    /// <summary>
    /// True when the form filters are year, department and check only: the summary then comes from the stored totals
    /// and is shown at once; otherwise it is counted on request.
    /// </summary>
    public bool SummaryIsCheap => Forms.With(("year", null), ("dept", null), ("check", null)).Length == 0;

    public static FindingFilter Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key)
        {
            var v = query[key].ToString().Trim();
            return v.Length == 0 ? null : v;
        }

        // the form filters without the form list's own sort and page
        var formQuery = new QueryCollection(query.Where(p => !FormKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
        var sort = Get("sort");
        var size = int.TryParse(Get("size") ?? Get("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : DefaultPageSize;
        var f = new FindingFilter
        {
            Forms = FormFilter.Parse(formQuery),
            Severity = ParseSeverity(Get("severity")),
            Decision = ParseDecision(Get("decision")),
            Sort = ParseSort(sort?.TrimStart('-')),
            Descending = Get("desc") is "1" or "true" || sort?.StartsWith('-') == true,
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 1_000_000 ? p : 1,
            PageSize = size,
            SummaryByDepartment = Get("by") == "department",
            SummaryRequested = Get("summary") is "1" or "true",
        };
        f.Normalise();
        return f;
    }

    /// <summary>The query of the list (the caller's department scope is applied by Jixiao.App).</summary>
    public FindingQuery ToQuery() => new()
    {
        Forms = Forms.ToQuery(),
        Severity = Severity,
        Decision = Decision,
        Sort = Sort,
        Descending = Descending,
        Page = Page,
        PageSize = PageSize,
        ExactCount = ExactCount,
    };

    /// <summary>
    /// The query string (with <c>?</c>) of this view with some parameters changed; a null value removes one. A changed
    /// filter or sort starts at the first page.
    /// </summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var own = new SortedDictionary<string, string>(values, StringComparer.Ordinal);
        var formChanges = new List<(string, string?)>();
        var keepPage = false;
        foreach (var (key, value) in changes)
        {
            keepPage |= key is "page" or "exact" or "by" or "summary";
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                formChanges.Add((key, value));
                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                own.Remove(key);
            }
            else
            {
                own[key] = value;
            }
        }

        if (!keepPage)
        {
            own.Remove("page");
        }

        var sb = new StringBuilder(Forms.With([.. formChanges]));
        foreach (var key in Keys)
        {
            if (own.TryGetValue(key, out var v))
            {
                sb.Append(sb.Length == 0 ? '?' : '&').Append(key).Append('=').Append(UrlEncoder.Default.Encode(v));
            }
        }

        return sb.ToString();
    }

    /// <summary>The link to page <paramref name="page"/> of this view.</summary>
    public string PageLink(int page) =>
        "/findings" + With(("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>The link that sorts by <paramref name="sort"/>, flipping the direction when it already does.</summary>
    public string SortLink(FindingSort sort)
    {
        // the first click sorts text A→Z, years newest first and severities errors first
        var desc = Sort == sort ? !Descending : sort is FindingSort.Year or FindingSort.Severity;
        return "/findings" + With(("sort", SortName(sort)), ("desc", desc ? "1" : null));
    }

    /// <summary>▲/▼ beside the column the list is sorted by.</summary>
    public string SortMark(FindingSort sort) => Sort != sort ? "" : Descending ? " ▼" : " ▲";

    /// <summary>The download of the filtered findings in <paramref name="format"/> (csv, xlsx, json), in this view's order.</summary>
    public string ExportLink(string format) =>
        "/api/v1/findings/export" + With(("format", format), ("page", null), ("size", null), ("exact", null), ("by", null), ("summary", null));

    /// <summary>The same view as JSON from the API (<c>GET /api/v1/findings</c>).</summary>
    public string ApiLink() => "/api/v1/findings" + With(("by", null), ("summary", null), ("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>This view's query string (with <c>?</c>, or empty).</summary>
    public override string ToString() => With(("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null));

    public static string SortName(FindingSort sort) => sort switch
    {
        FindingSort.Form => "form",
        FindingSort.Department => "dept",
        FindingSort.Severity => "severity",
        FindingSort.Check => "check",
        FindingSort.Year => "year",
        _ => "",
    };

    public static string SeverityName(Severity severity) => Api.ApiJson.SeverityName(severity);

    private static FindingSort ParseSort(string? s) => s?.ToLowerInvariant() switch
    {
        "form" or "name" => FindingSort.Form,
        "dept" or "department" => FindingSort.Department,
        "severity" => FindingSort.Severity,
        "check" or "code" => FindingSort.Check,
        "year" => FindingSort.Year,
        _ => FindingSort.Default,
    };

    /// <summary>The name of a conclusion filter in query strings and JSON.</summary>
    public static string DecisionName(FindingReviewFilter decision) => decision switch
    {
        FindingReviewFilter.Confirmed => "confirmed",
        FindingReviewFilter.Dismissed => "dismissed",
        _ => "undecided",
    };

    /// <summary>A conclusion filter by its name or Chinese term; null when none.</summary>
    public static FindingReviewFilter? ParseDecision(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        "undecided" or "pending" or "未复核" => FindingReviewFilter.Undecided,
        "confirmed" or "confirm" or "已确认" => FindingReviewFilter.Confirmed,
        "dismissed" or "dismiss" or "已排除" => FindingReviewFilter.Dismissed,
        _ => null,
    };

    private static Severity? ParseSeverity(string? s) => s?.ToLowerInvariant() switch
    {
        "error" or "错误" => Core.Checks.Severity.Error,
        "warning" or "警告" => Core.Checks.Severity.Warning,
        "info" or "提示" => Core.Checks.Severity.Info,
        _ => null,
    };

    private void Normalise()
    {
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Put("severity", Severity is { } s ? SeverityName(s) : null);
        Put("decision", Decision is { } d ? DecisionName(d) : null);
        Put("sort", SortName(Sort));
        Put("desc", Descending ? "1" : null);
        Put("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        Put("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        Put("by", SummaryByDepartment ? "department" : null);
        Put("summary", SummaryRequested ? "1" : null);
    }
}
