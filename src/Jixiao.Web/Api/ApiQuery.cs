using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Forms;

namespace Jixiao.Web.Api;

/// <summary>The JSON Schema type of a query parameter, for the OpenAPI document.</summary>
public enum ParameterType
{
    String,
    Integer,
    Number,
    Boolean,
}

/// <summary>
/// One query parameter of the API: its name, the short names the pages use for it (so that a page's query string
/// works on the API and its exports unchanged), its type, what it means, and its allowed values where they are few.
/// The same table drives the parser and the OpenAPI document.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterType Type, string Description, string[]? Aliases = null, string[]? Values = null);

/// <summary>
/// Reads the API's query strings strictly: a value that does not parse is a 400 naming the parameter and what was
/// expected (unlike the pages, which ignore it), an unknown parameter is a 400 listing the known ones, text is
/// limited to 200 characters without control characters, and a repeated parameter is refused. Nothing read here
/// reaches the database as SQL: text filters are parameters of parameterised, literal (escaped LIKE) queries.
/// </summary>
public sealed class ApiQuery
{
    public const int MaxTextLength = 200;
    public const int DefaultPageSize = 50;

    public static readonly ParameterSpec Text = new("q", ParameterType.String,
        "Full-text search in project, unit, department and indicator names: words separated by spaces (also U+3000) must all occur; "
        + "\"a phrase\" (or “…”) must occur as written; -word or -\"phrase\" must not occur. Literal (no wildcards); NFKC and case ignored, "
        + "white space inside a phrase ignored.");

    public static readonly ParameterSpec Year = new("year", ParameterType.Integer, "年度, e.g. 2024 (1900–2200).");

    public static readonly ParameterSpec Department = new("department", ParameterType.String, "主管部门, the exact name (normalised).", ["dept"]);

    public static readonly ParameterSpec Unit = new("unit", ParameterType.String,
        "实施单位: the full name (normalised), or a part of it — every unit whose name contains it when no unit has that name.");

    public static readonly ParameterSpec Kind = new("kind", ParameterType.String, "Form kind.", null,
        ["self-evaluation", "target-declaration", "self", "declaration"]);

    public static readonly ParameterSpec Grade = new("grade", ParameterType.String,
        "The grade the form claims (printed 评分等级, else that of its printed total): 优 良 中 差 or excellent good fair poor.", null,
        ["优", "良", "中", "差", "excellent", "good", "fair", "poor"]);

    public static readonly ParameterSpec RecomputedGrade = new("recomputedGrade", ParameterType.String,
        "The grade of the recomputed total (same values as grade).", ["rgrade"], ["优", "良", "中", "差", "excellent", "good", "fair", "poor"]);

    public static readonly ParameterSpec Check = new("check", ParameterType.String,
        "Forms with at least one finding of this check code, e.g. FUND-RATE (GET /api/v1/checks lists them).");

    public static readonly ParameterSpec HasErrors = new("errors", ParameterType.Boolean, "true: forms with an error-level finding; false: forms without.");

    public static readonly ParameterSpec ScoreMin = new("scoreMin", ParameterType.Number, "Printed 总分 得分, at least.", ["smin"]);

    public static readonly ParameterSpec ScoreMax = new("scoreMax", ParameterType.Number, "Printed 总分 得分, at most.", ["smax"]);

    public static readonly ParameterSpec RecomputedMin = new("recomputedMin", ParameterType.Number, "Recomputed total, at least.", ["rmin"]);

    public static readonly ParameterSpec RecomputedMax = new("recomputedMax", ParameterType.Number, "Recomputed total, at most.", ["rmax"]);

    public static readonly ParameterSpec RateMin = new("rateMin", ParameterType.Number, "Execution rate in percent (recomputed, else printed), at least.", ["emin"]);

    public static readonly ParameterSpec RateMax = new("rateMax", ParameterType.Number, "Execution rate in percent, at most.", ["emax"]);

    public static readonly ParameterSpec Batch = new("batch", ParameterType.Integer, "Forms of one import batch (its id).");

    public static readonly ParameterSpec Project = new("project", ParameterType.String, "One project across years: its name or lineage key.");

    public static readonly ParameterSpec Review = new("review", ParameterType.String,
        "复核状态: forms pending review (with findings not all confirmed or dismissed), reviewed, under rectification, or rectified.", null,
        Jixiao.Web.Review.ReviewTexts.StateNames);

    public static readonly ParameterSpec Sort = new("sort", ParameterType.String,
        "Sort order; a leading '-' sorts descending (e.g. -score). Default: newest year first.", null,
        ["year", "name", "department", "score", "recomputed", "rate", "budget", "errors", "imported"]);

    public static readonly ParameterSpec Descending = new("desc", ParameterType.Boolean, "Sort descending.");

    public static readonly ParameterSpec Page = new("page", ParameterType.Integer, "1-based page (default 1).");

    public static readonly ParameterSpec PageSize = new("pageSize", ParameterType.Integer, "Rows per page, 1–500 (default 50).", ["size"]);

    public static readonly ParameterSpec Severity = new("severity", ParameterType.String, "Only findings of this severity.", null, ["error", "warning", "info"]);

    public static readonly ParameterSpec Decision = new("decision", ParameterType.String,
        "复核结论 of the findings: not yet confirmed or dismissed, confirmed, or dismissed.", null, ["undecided", "confirmed", "dismissed"]);

    public static readonly ParameterSpec Format = new("format", ParameterType.String, "Export format.", null, ["csv", "xlsx", "json"]);

    public static readonly ParameterSpec Exact = new("exact", ParameterType.Boolean,
        "true: count every match of a full-text search (精确计数) instead of stopping at 1,000 (totalIsLowerBound); costs as much as reading every match.");

    public static readonly ParameterSpec Totals = new("totals", ParameterType.Boolean,
        "true: add the totals of the selection (汇总): a trailing block in CSV, a sheet 汇总 in xlsx, an object {totals, forms} in JSON (then not an import file).");

    /// <summary>The filters every form-selecting endpoint takes (list, findings, statistics, exports).</summary>
    public static readonly ParameterSpec[] Filters =
        [Text, Year, Department, Unit, Kind, Grade, RecomputedGrade, Check, HasErrors, ScoreMin, ScoreMax, RecomputedMin, RecomputedMax, RateMin, RateMax, Batch, Project, Review];

    public static readonly ParameterSpec[] Sorting = [Sort, Descending];

    public static readonly ParameterSpec[] Paging = [Page, PageSize];

    /// <summary>Parameters any request may carry without being an API parameter (the UI language).</summary>
    private static readonly string[] Ambient = ["culture", "ui-culture"];

    private readonly IQueryCollection query;
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    private ApiQuery(IQueryCollection query) => this.query = query;

    /// <summary>The problems found, by parameter name, for <c>Results.ValidationProblem</c>.</summary>
    public Dictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    /// <summary>Starts reading <paramref name="query"/>, refusing parameters not in <paramref name="known"/>.</summary>
    public static ApiQuery Read(IQueryCollection query, params ParameterSpec[][] known)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reader = new ApiQuery(query);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in known)
        {
            foreach (var spec in group)
            {
                names.Add(spec.Name);
                foreach (var alias in spec.Aliases ?? [])
                {
                    names.Add(alias);
                }
            }
        }

        foreach (var key in query.Keys)
        {
            if (!names.Contains(key) && !Ambient.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var shown = Clip(key, 40);
                var all = known.SelectMany(g => g).Select(s => s.Name).ToList();
                reader.Add(shown, all.Count == 0
                    ? $"Unknown query parameter '{shown}': this endpoint takes no query parameters."
                    : $"Unknown query parameter '{shown}'. Known parameters: {string.Join(", ", all)}.");
            }
        }

        return reader;
    }

    /// <summary>
    /// The form filters, sort and page as the query of the form list (the caller's scope is applied by Jixiao.App);
    /// <paramref name="sorting"/> false leaves <c>sort</c> and <c>desc</c> to the caller (a list with sorts of its own).
    /// </summary>
    public FormQuery FormQuery(bool paging = true, bool sorting = true)
    {
        var scoreMin = Decimal(ScoreMin);
        var scoreMax = Decimal(ScoreMax);
        var recomputedMin = Decimal(RecomputedMin);
        var recomputedMax = Decimal(RecomputedMax);
        var rateMin = Decimal(RateMin);
        var rateMax = Decimal(RateMax);
        Range(ScoreMin, scoreMin, ScoreMax, scoreMax);
        Range(RecomputedMin, recomputedMin, RecomputedMax, recomputedMax);
        Range(RateMin, rateMin, RateMax, rateMax);
        var (sort, descending) = sorting ? SortOrder() : (FormSort.Default, false);
        return new FormQuery
        {
            Text = String(Text),
            Year = Int(Year, 1900, 2200, "a year: a whole number from 1900 to 2200, e.g. year=2024"),
            Department = String(Department),
            Unit = String(Unit),
            Kind = FormKindValue(),
            Grade = GradeValue(Grade),
            RecomputedGrade = GradeValue(RecomputedGrade),
            CheckCode = CheckCode(),
            HasErrors = Bool(HasErrors),
            ScoreMin = scoreMin,
            ScoreMax = scoreMax,
            RecomputedMin = recomputedMin,
            RecomputedMax = recomputedMax,
            ExecutionRateMin = rateMin,
            ExecutionRateMax = rateMax,
            ImportBatchId = Long(Batch),
            LineageKey = String(Project),
            ReviewState = Jixiao.Web.Review.ReviewTexts.ParseState(OneOf(Review)),
            Sort = sort,
            Descending = descending,
            Page = paging ? PageNumber() : 1,
            PageSize = paging ? PageSizeValue() : Data.Forms.FormQuery.MaxPageSize,
        };
    }

    public int PageNumber() => Int(Page, 1, 1_000_000, "a page number: a whole number from 1") ?? 1;

    public int PageSizeValue() => Int(PageSize, 1, Data.Forms.FormQuery.MaxPageSize,
        $"a page size: a whole number from 1 to {Data.Forms.FormQuery.MaxPageSize}") ?? DefaultPageSize;

    /// <summary>The raw value of a parameter (by its name or an alias), or null; records an error when repeated or given twice.</summary>
    public string? Raw(ParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string? found = null;
        string? foundName = null;
        foreach (var name in (string[])[spec.Name, .. spec.Aliases ?? []])
        {
            if (!query.TryGetValue(name, out var values))
            {
                continue;
            }

            if (values.Count > 1 || foundName is not null)
            {
                Add(spec.Name, $"Give {spec.Name} once" + (spec.Aliases is { Length: > 0 } ? $" (as {spec.Name} or {string.Join(" or ", spec.Aliases)}, not both)." : "."));
                return null;
            }

            found = values.ToString();
            foundName = name;
        }

        if (found is null)
        {
            return null;
        }

        found = found.Trim();
        return found.Length == 0 ? null : found;
    }

    public string? String(ParameterSpec spec)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        if (v.Length > MaxTextLength)
        {
            Add(spec.Name, $"Too long ({v.Length} characters): {spec.Name} takes at most {MaxTextLength} characters.");
            return null;
        }

        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (char.IsHighSurrogate(c) && i + 1 < v.Length && char.IsLowSurrogate(v[i + 1]))
            {
                i++;
                continue;
            }

            // NUL and other control characters (PostgreSQL refuses NUL in text), and broken UTF-16
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                Add(spec.Name, $"{spec.Name} contains a control character or broken text (U+{(int)c:X4}); expected plain text.");
                return null;
            }
        }

        return v;
    }

    public int? Int(ParameterSpec spec, int min, int max, string expected)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Add(spec.Name, $"'{Clip(v)}' is not {expected}.");
        return null;
    }

    public long? Long(ParameterSpec spec)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        Add(spec.Name, $"'{Clip(v)}' is not an id: expected a whole number from 1.");
        return null;
    }

    public decimal? Decimal(ParameterSpec spec)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        if (decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d is >= -1_000_000_000m and <= 1_000_000_000m)
        {
            return d;
        }

        Add(spec.Name, $"'{Clip(v)}' is not a number: expected a decimal number such as 90 or 97.5 (a point, no thousands separators).");
        return null;
    }

    public bool? Bool(ParameterSpec spec)
    {
        var v = Raw(spec);
        switch (v?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "1" or "yes":
                return true;
            case "false" or "0" or "no":
                return false;
            default:
                Add(spec.Name, $"'{Clip(v)}' is not a yes/no value: expected true or false (or 1 / 0).");
                return null;
        }
    }

    /// <summary>A value from a small set (case-insensitive), returned in lower case.</summary>
    public string? OneOf(ParameterSpec spec)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        var values = spec.Values ?? [];
        var match = values.FirstOrDefault(x => string.Equals(x, v, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Add(spec.Name, $"'{Clip(v)}' is not a valid {spec.Name}: expected one of {string.Join(", ", values)}.");
        }

        return match?.ToLowerInvariant();
    }

    /// <summary>Records a problem with a parameter.</summary>
    public void Add(string parameter, string message)
    {
        if (!errors.TryGetValue(parameter, out var list))
        {
            errors[parameter] = list = [];
        }

        list.Add(message);
    }

    private FormKind? FormKindValue()
    {
        var v = Raw(Kind);
        switch (v?.ToLowerInvariant())
        {
            case null:
                return null;
            case "self-evaluation" or "self" or "自评" or "自评表":
                return FormKind.SelfEvaluation;
            case "target-declaration" or "declaration" or "申报" or "申报表":
                return FormKind.TargetDeclaration;
            default:
                Add(Kind.Name, $"'{Clip(v)}' is not a form kind: expected self-evaluation or target-declaration.");
                return null;
        }
    }

    private Grade? GradeValue(ParameterSpec spec)
    {
        var v = Raw(spec);
        if (v is null)
        {
            return null;
        }

        Grade? g = v.ToLowerInvariant() switch
        {
            "excellent" or "优" => Core.Scoring.Grade.Excellent,
            "good" or "良" => Core.Scoring.Grade.Good,
            "fair" or "中" => Core.Scoring.Grade.Fair,
            "poor" or "差" => Core.Scoring.Grade.Poor,
            _ => null,
        };
        if (g is null)
        {
            Add(spec.Name, $"'{Clip(v)}' is not a grade: expected 优, 良, 中 or 差 (or excellent, good, fair, poor).");
        }

        return g;
    }

    private string? CheckCode()
    {
        var v = Raw(Check);
        if (v is null)
        {
            return null;
        }

        var check = v.Length <= 40 ? CheckCatalogue.Definition(v.ToUpperInvariant()) : null;
        if (check is null)
        {
            Add(Check.Name, $"'{Clip(v)}' is not a check code: expected a code of the catalogue such as FUND-RATE (GET /api/v1/checks lists all {CheckCatalogue.Definitions.Count}).");
            return null;
        }

        return check.Code;
    }

    private (FormSort Sort, bool Descending) SortOrder()
    {
        var descending = Bool(Descending) ?? false;
        var v = Raw(Sort);
        if (v is null)
        {
            return (FormSort.Default, descending);
        }

        var name = v;
        if (name.StartsWith('-'))
        {
            descending = true;
            name = name[1..];
        }

        FormSort? sort = name.ToLowerInvariant() switch
        {
            "year" => FormSort.Year,
            "name" or "projectname" => FormSort.ProjectName,
            "department" or "dept" => FormSort.Department,
            "score" or "totalscore" => FormSort.TotalScore,
            "recomputed" or "recomputedtotal" => FormSort.RecomputedTotal,
            "rate" or "executionrate" => FormSort.ExecutionRate,
            "budget" => FormSort.Budget,
            "errors" => FormSort.Errors,
            "imported" or "id" => FormSort.Imported,
            _ => null,
        };
        if (sort is null)
        {
            Add(Sort.Name, $"'{Clip(v)}' is not a sort order: expected one of {string.Join(", ", Sort.Values!)}, optionally with a leading '-' for descending.");
            return (FormSort.Default, descending);
        }

        return (sort.Value, descending);
    }

    private void Range(ParameterSpec minSpec, decimal? min, ParameterSpec maxSpec, decimal? max)
    {
        if (min is { } a && max is { } b && a > b)
        {
            Add(minSpec.Name, $"{minSpec.Name} ({a.ToString(CultureInfo.InvariantCulture)}) is greater than {maxSpec.Name} ({b.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary>A value as echoed in a message: at most <paramref name="max"/> characters, control characters replaced.</summary>
    internal static string Clip(string value, int max = 60)
    {
        var s = value.Length > max ? value[..max] + "…" : value;
        return string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = char.IsControl(src[i]) ? '\uFFFD' : src[i];
            }
        });
    }
}
