using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Forms;

namespace Jixiao.Web.Forms;

/// <summary>
/// The filters, sort and page of the form list, read from and written to the query string so that every view can
/// be shared as a link. Values that do not parse are ignored (never an error, never passed on as text): a year of
/// <c>2024' OR 1=1</c> is no year. Parameters: <c>q year dept unit kind grade rgrade check errors smin smax rmin
/// rmax emin emax batch project review sort desc page size exact</c> (<c>exact=1</c>: count a full-text search to the end).
/// The API's names for the same filters (<see cref="Api.ApiQuery"/>: <c>department recomputedGrade scoreMin …
/// pageSize</c>, <c>sort=-score</c>) are read too, so a link works on either side; the page writes its own short names.
/// </summary>
public sealed class FormFilter
{
    public const int DefaultPageSize = 50;
    private const int MaxTextLength = 200;

    /// <summary>The API's name of each page parameter that has another one there (the API takes the page's names as aliases).</summary>
    private static readonly Dictionary<string, string> ApiNames = Api.ApiQuery.Filters.Concat(Api.ApiQuery.Paging)
        .SelectMany(spec => (spec.Aliases ?? []).Select(alias => (alias, spec.Name)))
        .ToDictionary(x => x.alias, x => x.Name, StringComparer.Ordinal);

    private static readonly string[] Keys =
        ["q", "year", "dept", "unit", "kind", "grade", "rgrade", "check", "errors", "smin", "smax", "rmin", "rmax", "emin", "emax", "batch", "project", "review", "sort", "desc", "page", "size", "exact", "format", "totals"];

    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);

    public string? Text { get; private init; }

    public int? Year { get; private init; }

    public string? Department { get; private init; }

    public string? Unit { get; private init; }

    public FormKind? Kind { get; private init; }

    public Grade? Grade { get; private init; }

    public Grade? RecomputedGrade { get; private init; }

    public string? CheckCode { get; private init; }

    public bool? HasErrors { get; private init; }

    public decimal? ScoreMin { get; private init; }

    public decimal? ScoreMax { get; private init; }

    public decimal? RecomputedMin { get; private init; }

    public decimal? RecomputedMax { get; private init; }

    public decimal? ExecutionRateMin { get; private init; }

    public decimal? ExecutionRateMax { get; private init; }

    public long? Batch { get; private init; }

    public string? Project { get; private init; }

    /// <summary>复核状态 (<c>review=pending|reviewed|rectification-required|rectified</c>).</summary>
    public Core.Workflow.FormReviewState? ReviewState { get; private init; }

    public FormSort Sort { get; private init; }

    public bool Descending { get; private init; }

    public int Page { get; private init; } = 1;

    public int PageSize { get; private init; } = DefaultPageSize;

    /// <summary>Count a full-text search to the end (精确计数) instead of stopping at 1,000.</summary>
    public bool Exact { get; private init; }

    /// <summary>True when any filter (not sort, page or counting) is set.</summary>
    public bool IsFiltered => values.Keys.Any(k => k is not ("sort" or "desc" or "page" or "size" or "exact"));

    /// <summary>The normalised value of a parameter as it goes into links ("" when not set).</summary>
    public string this[string key] => values.GetValueOrDefault(key, "");

    public static FormFilter Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key)
        {
            var v = query[key].ToString().Trim();
            if (v.Length == 0 && ApiNames.TryGetValue(key, out var apiName))
            {
                v = query[apiName].ToString().Trim();
            }

            return v.Length == 0 ? null : v.Length > MaxTextLength ? v[..MaxTextLength] : v;
        }

        var sort = Get("sort");

        var f = new FormFilter
        {
            Text = Get("q"),
            Year = ParseInt(Get("year"), 1900, 2200),
            Department = Get("dept"),
            Unit = Get("unit"),
            Kind = ParseKind(Get("kind")),
            Grade = ParseGrade(Get("grade")),
            RecomputedGrade = ParseGrade(Get("rgrade")),
            CheckCode = ParseCode(Get("check")),
            HasErrors = Get("errors")?.ToLowerInvariant() switch { "1" or "true" or "yes" => true, "0" or "false" or "no" => false, _ => null },
            ScoreMin = ParseDecimal(Get("smin")),
            ScoreMax = ParseDecimal(Get("smax")),
            RecomputedMin = ParseDecimal(Get("rmin")),
            RecomputedMax = ParseDecimal(Get("rmax")),
            ExecutionRateMin = ParseDecimal(Get("emin")),
            ExecutionRateMax = ParseDecimal(Get("emax")),
            Batch = ParseLong(Get("batch")),
            Project = Get("project"),
            ReviewState = Review.ReviewTexts.ParseState(Get("review")),
            Sort = ParseSort(sort?.TrimStart('-')),
            Descending = Get("desc") is "1" or "true" || sort?.StartsWith('-') == true,
            Page = ParseInt(Get("page"), 1, 1_000_000) ?? 1,
            PageSize = ParseInt(Get("size"), 1, FormQuery.MaxPageSize) ?? DefaultPageSize,
            Exact = Get("exact") is "1" or "true",
        };
        f.Normalise();
        return f;
    }

    /// <summary>The query of the form list (the caller's department scope is applied by Jixiao.App).</summary>
    public FormQuery ToQuery() => new()
    {
        Text = Text,
        Year = Year,
        Department = Department,
        Unit = Unit,
        Kind = Kind,
        Grade = Grade,
        RecomputedGrade = RecomputedGrade,
        CheckCode = CheckCode,
        HasErrors = HasErrors,
        ScoreMin = ScoreMin,
        ScoreMax = ScoreMax,
        RecomputedMin = RecomputedMin,
        RecomputedMax = RecomputedMax,
        ExecutionRateMin = ExecutionRateMin,
        ExecutionRateMax = ExecutionRateMax,
        ImportBatchId = Batch,
        LineageKey = Project,
        ReviewState = ReviewState,
        Sort = Sort,
        Descending = Descending,
        Page = Page,
        PageSize = PageSize,
    };

    /// <summary>The query string (with <c>?</c>) of this view with some parameters changed; a null value removes one.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var copy = new SortedDictionary<string, string>(values, StringComparer.Ordinal);
        var keepPage = false;
        foreach (var (key, value) in changes)
        {
            keepPage |= key == "page";
            if (string.IsNullOrEmpty(value))
            {
                copy.Remove(key);
            }
            else
            {
                copy[key] = value;
            }
        }

        if (!keepPage)
        {
            copy.Remove("page"); // a new filter or sort starts at the first page
        }

        return ToQueryString(copy);
    }

    /// <summary>The link that sorts by <paramref name="sort"/>, flipping the direction when it already does.</summary>
    public string SortLink(FormSort sort)
    {
        var desc = Sort == sort ? !Descending : sort is not (FormSort.ProjectName or FormSort.Department);
        return With(("sort", SortName(sort)), ("desc", desc ? "1" : null));
    }

    /// <summary>▲/▼ beside the column the list is sorted by.</summary>
    public string SortMark(FormSort sort) => Sort != sort ? "" : Descending ? " ▼" : " ▲";

    /// <summary>This view's query string (with <c>?</c>, or empty).</summary>
    public override string ToString() => ToQueryString(values);

    public static string SortName(FormSort sort) => sort switch
    {
        FormSort.Year => "year",
        FormSort.ProjectName => "name",
        FormSort.Department => "dept",
        FormSort.TotalScore => "score",
        FormSort.RecomputedTotal => "recomputed",
        FormSort.ExecutionRate => "rate",
        FormSort.Budget => "budget",
        FormSort.Errors => "errors",
        FormSort.Imported => "imported",
        _ => "",
    };

    public static string KindName(FormKind kind) => kind == FormKind.TargetDeclaration ? "declaration" : "self";

    public static string GradeName(Grade grade) => grade.ToString().ToLowerInvariant();

    private void Normalise()
    {
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Put("q", Text);
        Put("year", Year?.ToString(CultureInfo.InvariantCulture));
        Put("dept", Department);
        Put("unit", Unit);
        Put("kind", Kind is { } k ? KindName(k) : null);
        Put("grade", Grade is { } g ? GradeName(g) : null);
        Put("rgrade", RecomputedGrade is { } rg ? GradeName(rg) : null);
        Put("check", CheckCode);
        Put("errors", HasErrors switch { true => "1", false => "0", _ => null });
        Put("smin", Dec(ScoreMin));
        Put("smax", Dec(ScoreMax));
        Put("rmin", Dec(RecomputedMin));
        Put("rmax", Dec(RecomputedMax));
        Put("emin", Dec(ExecutionRateMin));
        Put("emax", Dec(ExecutionRateMax));
        Put("batch", Batch?.ToString(CultureInfo.InvariantCulture));
        Put("project", Project);
        Put("review", ReviewState is { } review ? Review.ReviewTexts.StateName(review) : null);
        Put("sort", SortName(Sort));
        Put("desc", Descending ? "1" : null);
        Put("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        Put("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        Put("exact", Exact ? "1" : null);
    }

    /// <summary>The query string of the export of this view in <paramref name="format"/>, with its totals (the API takes no <c>exact</c>).</summary>
    public string ExportQuery(string format) => With(("format", format), ("totals", "1"), ("exact", null));

    private static string ToQueryString(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        foreach (var key in Keys)
        {
            foreach (var (k, v) in pairs)
            {
                if (k == key)
                {
                    sb.Append(sb.Length == 0 ? '?' : '&').Append(k).Append('=').Append(UrlEncoder.Default.Encode(v));
                }
            }
        }

        return sb.ToString();
    }

    private static string? Dec(decimal? d) => d?.ToString("0.####", CultureInfo.InvariantCulture);

    private static int? ParseInt(string? s, int min, int max) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null;

    private static long? ParseLong(string? s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    private static decimal? ParseDecimal(string? s) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
        && v is >= -1_000_000_000m and <= 1_000_000_000m ? v : null;

    private static FormKind? ParseKind(string? s) => s?.ToLowerInvariant() switch
    {
        "self" or "self-evaluation" or "自评" or "自评表" => FormKind.SelfEvaluation,
        "declaration" or "target-declaration" or "申报" or "申报表" => FormKind.TargetDeclaration,
        _ => null,
    };

    private static Grade? ParseGrade(string? s) => s?.ToLowerInvariant() switch
    {
        "excellent" or "a" => Core.Scoring.Grade.Excellent,
        "good" or "b" => Core.Scoring.Grade.Good,
        "fair" or "c" => Core.Scoring.Grade.Fair,
        "poor" or "d" => Core.Scoring.Grade.Poor,
        _ => Grades.Parse(s),
    };

    /// <summary>A check code: letters, digits and hyphens only (e.g. <c>FUND-RATE</c>).</summary>
    private static string? ParseCode(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.Length > 40)
        {
            return null;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return null;
            }
        }

        return s.ToUpperInvariant();
    }

    private static FormSort ParseSort(string? s) => s?.ToLowerInvariant() switch
    {
        "year" => FormSort.Year,
        "name" or "projectname" => FormSort.ProjectName,
        "dept" or "department" => FormSort.Department,
        "score" or "totalscore" => FormSort.TotalScore,
        "recomputed" or "recomputedtotal" => FormSort.RecomputedTotal,
        "rate" or "executionrate" => FormSort.ExecutionRate,
        "budget" => FormSort.Budget,
        "errors" => FormSort.Errors,
        "imported" or "id" => FormSort.Imported,
        _ => FormSort.Default,
    };
}
