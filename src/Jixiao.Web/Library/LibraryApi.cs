using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Library;
using Jixiao.Core.Library;
using Jixiao.Data.Library;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Library;

/// <summary>How often an entry is used: forms, indicator rows, self-evaluation rows, met, not met, the met rate (0–1).</summary>
public sealed record UsageItem(long Forms, long Indicators, long SelfEvaluations, long Met, long NotMet, double? MetRate)
{
    public static UsageItem Of(Usage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new(usage.Forms, usage.Indicators, usage.SelfEvaluations, usage.Met, usage.NotMet, Round(usage.MetRate));
    }

    internal static double? Round(double? rate) => rate is { } r ? Math.Round(r, 4) : null;
}

/// <summary>One entry of the library list (<c>GET /api/v1/library</c>).</summary>
public sealed record LibraryListItem(long Id, string Level1, string Level2, string Name, int Spellings, bool Recommended, bool Retired,
    UsageItem Usage, int Departments, int Years, long? OwnForms, string Url);

/// <summary>How far the counts have come: batches and forms counted, batches and forms waiting (the build adds them within seconds).</summary>
public sealed record LibraryStatusItem(int Batches, long Forms, int PendingBatches, long PendingForms, bool Current, DateTime? BuiltAt);

/// <summary>One page of the library (<c>GET /api/v1/library</c>), the forms its figures count, and the state of the counts.</summary>
public sealed record LibraryListResponse(IReadOnlyList<LibraryListItem> Items, int Page, int PageSize, long TotalCount, int PageCount, long Forms,
    string? Next, string? Previous, LibraryStatusItem Status);

/// <summary>A typical target and what the self-evaluations with it reached (numbers in the target's unit).</summary>
public sealed record TargetItem(string Target, long Indicators, long SelfEvaluations, long Met, long NotMet, double? MetRate, long Actuals,
    decimal? ActualMean, decimal? ActualMin, decimal? ActualMax)
{
    public static TargetItem Of(TargetFigure t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Target, t.Indicators, t.SelfEvaluations, t.Met, t.NotMet, UsageItem.Round(t.MetRate), t.Actuals,
            ApiJson.Shortest(t.ActualMean), ApiJson.Shortest(t.ActualMin), ApiJson.Shortest(t.ActualMax));
    }
}

/// <summary>A project type: its code, its names.</summary>
public sealed record ProjectTypeItem(string Code, string NameZh, string NameEn)
{
    public static ProjectTypeItem Of(ProjectType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type.Code, type.NameZh, type.NameEn);
    }
}

/// <summary>An entry's use in one 主管部门; departmentId and department are null for the other departments of a department user's view (anonymised) and for forms naming none.</summary>
public sealed record DepartmentUsageItem(long? DepartmentId, string? Department, bool Own, UsageItem Usage);

/// <summary>An entry's use in one project type.</summary>
public sealed record TypeUsageItem(ProjectTypeItem Type, UsageItem Usage, long? OwnForms);

/// <summary>An entry's use in one year (null: not stated).</summary>
public sealed record YearUsageItem(int? Year, UsageItem Usage);

/// <summary>Another entry: merged into this one (spellings), or similar enough to merge (similar).</summary>
public sealed record EntryNameItem(long Id, string Level1, string Level2, string Name, long Forms, string Url);

/// <summary>One entry in full (<c>GET /api/v1/library/{id}</c>).</summary>
public sealed record LibraryEntryItem(
    long Id, string Level1, string Level2, string Name, bool Recommended, bool Retired, string? Note, string? UpdatedBy, DateTime? UpdatedAt,
    IReadOnlyList<EntryNameItem> Spellings, UsageItem Usage, int Departments, int Years,
    IReadOnlyList<DepartmentUsageItem> ByDepartment, IReadOnlyList<TypeUsageItem> ByType, IReadOnlyList<YearUsageItem> ByYear,
    IReadOnlyList<TargetItem> Targets, IReadOnlyList<TargetItem>? OwnTargets, IReadOnlyList<EntryNameItem> Similar, string Url);

/// <summary>A suggested indicator: the entry, how the projects like the one declared used it (share of their forms, 0–1), its typical targets.</summary>
public sealed record SuggestionItem(long Id, string Level1, string Level2, string Name, bool Recommended, UsageItem Usage, double Share,
    IReadOnlyList<TargetItem> Targets, string Url);

/// <summary>The suggestions for a project (<c>GET /api/v1/library/suggestions</c>).</summary>
public sealed record SuggestionsResponse(string? Project, ProjectTypeItem Type, string? Keyword, bool ByType, long Forms, long SelfEvaluations,
    IReadOnlyList<SuggestionItem> Indicators);

/// <summary>The body of a curation (all optional): the entry absorbed, a note.</summary>
public sealed record CurationRequest(long? Entry, string? Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LibraryListResponse))]
[JsonSerializable(typeof(LibraryEntryItem))]
[JsonSerializable(typeof(SuggestionsResponse))]
[JsonSerializable(typeof(CurationRequest))]
public sealed partial class LibraryJsonContext : JsonSerializerContext;

/// <summary>
/// The indicator library in the JSON API (指标库): <c>GET /api/v1/library</c> (the entries, filtered, sorted, paged),
/// <c>GET /api/v1/library/{id}</c> (one entry: use by department, project type and year, typical targets and what was
/// achieved), <c>GET /api/v1/library/suggestions?project=…</c> (what projects like it usually measure), and for
/// administrators <c>POST /api/v1/library/{id}/{action}</c> (absorb, split, recommend, unrecommend, retire, restore;
/// audit-logged; a session needs the antiforgery token of <c>GET /api/v1/antiforgery</c> in <c>X-CSRF-TOKEN</c>).
/// Department users see their own department's figures beside the anonymised whole.
/// </summary>
public static class LibraryApi
{
    public static readonly ParameterSpec Text = new("q", ParameterType.String, "A part of the indicator name (any of its spellings; NFKC, white space ignored).");

    public static readonly ParameterSpec Level1 = new("level1", ParameterType.String, "一级指标, e.g. 产出指标 (or 产出).");

    public static readonly ParameterSpec Level2 = new("level2", ParameterType.String, "二级指标, e.g. 数量指标 (or 数量).");

    public static readonly ParameterSpec Department = new("department", ParameterType.String,
        "主管部门 (normalised name): the figures of its forms only. Department users: their own only.", ["dept"]);

    public static readonly ParameterSpec Type = new("type", ParameterType.String, "Project type (项目类型, decided by keywords of the project name): the figures of its forms only.",
        null, [.. ProjectTypes.All.Select(t => t.Code)]);

    public static readonly ParameterSpec State = new("state", ParameterType.String, "Entries by curation: recommended (推荐), active (not retired), retired (停用), all (default).",
        null, ["all", "recommended", "active", "retired"]);

    public static readonly ParameterSpec Sort = new("sort", ParameterType.String,
        "Sort order; a leading '-' sorts descending. Default -forms (most used first).", null,
        ["forms", "name", "departments", "years", "met", "-forms", "-name", "-departments", "-years", "-met"]);

    public static readonly ParameterSpec Project = new("project", ParameterType.String, "The project name being declared (项目名称), e.g. 2025年治安视频监控建设.");

    public static readonly ParameterSpec Take = new("take", ParameterType.Integer, "How many indicators (1–50, default 12).");

    public static readonly ParameterSpec Targets = new("targets", ParameterType.Integer, "Typical targets per indicator (0–20, default 3).");

    private static readonly ParameterSpec[] ListParameters = [Text, Level1, Level2, Department, Type, State, Sort, ApiQuery.Descending, ApiQuery.Page, ApiQuery.PageSize];

    private static readonly ParameterSpec[] SuggestionParameters = [Project, Department, Level1, Level2, Take, Targets];

    private static readonly ParameterSpec[] EntryParameters = [Type];

    private static readonly LibraryJsonContext Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    /// <summary>The curations by their name in the route.</summary>
    private static readonly Dictionary<string, CurationAction> Actions = new(StringComparer.Ordinal)
    {
        ["absorb"] = CurationAction.Absorb,
        ["split"] = CurationAction.Split,
        ["recommend"] = CurationAction.Recommend,
        ["unrecommend"] = CurationAction.Unrecommend,
        ["retire"] = CurationAction.Retire,
        ["restore"] = CurationAction.Restore,
    };

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var library = api.MapGroup("/library");

        library.MapGet("", ListAsync)
            .WithName("ListLibrary")
            .WithSummary("The indicator library (指标库): entries by levels and name with how often they are used, one page at a time")
            .WithDescription("Built from every stored form: an entry is an indicator name (TextKey-normalised, so spelling variants meet) under its first- and second-level labels; "
                + "usage counts forms, indicator rows, self-evaluation rows and how many met their target (rules' outcome; 达成 for qualitative ones), departments and years. "
                + "department and type restrict the figures to those forms. Department users get ownForms (their department) beside the whole, which names no department. "
                + "status says whether every import batch is counted yet (the build counts new batches within seconds).")
            .WithQueryParameters(ListParameters)
            .Produces<LibraryListResponse>()
            .ProducesValidationProblem();

        library.MapGet("/suggestions", SuggestAsync)
            .WithName("SuggestIndicators")
            .WithSummary("Suggestions while declaring: the indicators projects like this one usually measure, with typical targets and the values those projects reached")
            .WithDescription("The project's type is read from its name (the longest keyword, e.g. 视频监控); the suggestions come from the forms of that type (byType true) — or of every "
                + "project when the name has no known keyword — and of one department when given. Retired entries are never suggested; recommended ones come first, then the most used. "
                + "share is the part of those forms using the indicator; targets are its most common targets with met rate and the mean, least and greatest number reached (in the target's unit).")
            .WithQueryParameters(SuggestionParameters)
            .Produces<SuggestionsResponse>()
            .ProducesValidationProblem();

        library.MapGet("/{id}", GetAsync)
            .WithName("GetLibraryEntry")
            .WithSummary("One library entry: its spellings, curation, use by department, project type and year, typical targets and what was achieved")
            .WithDescription("An entry merged into another answers with that one (compare id). Department users see their own department by name and the others as one anonymous row "
                + "(departmentId and department null), and ownTargets beside targets. type restricts the figures to one project type.")
            .WithQueryParameters(EntryParameters)
            .Produces<LibraryEntryItem>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        library.MapPost("/{id}/{action}", CurateAsync)
            .RequireAuthorization(UserClaims.AdminPolicy)
            .WithName("CurateLibraryEntry")
            .WithSummary("Curate an entry (administrators; audit-logged): absorb another entry (its names count here), split a merged entry off, recommend, unrecommend, retire, restore")
            .WithDescription("action is absorb (body {\"entry\": id of the entry absorbed}), split, recommend, unrecommend, retire or restore; an optional {\"note\": …} (at most 500 "
                + "characters) is kept with the audit entry (and on the entry when retiring). 200 with the entry; 404 when there is none; 409 when the entry named is merged into "
                + "another (curate that one, or split it first) or, for split, is not merged; 400 for an unknown action or a bad body. "
                + "Needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header when signed in by a session.")
            .Accepts<CurationRequest>("application/json")
            .Produces<LibraryEntryItem>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The page's or the API's URL of an entry.</summary>
    public static string UrlOf(long id) => "/api/v1/library/" + id.ToString(CultureInfo.InvariantCulture);

    private static async Task<IResult> ListAsync(HttpContext http, IndicatorLibrary library, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, ListParameters);
        var sortText = reader.OneOf(Sort);
        var query = new LibraryQuery
        {
            Text = reader.String(Text),
            Level1 = reader.String(Level1),
            Level2 = reader.String(Level2),
            Department = reader.String(Department),
            ProjectType = reader.OneOf(Type),
            State = LibraryFilter.StateOf(reader.OneOf(State)) ?? LibraryState.All,
            Sort = LibraryFilter.SortOf(sortText?.TrimStart('-')) ?? LibrarySort.Forms,
            Descending = reader.Bool(ApiQuery.Descending) ?? (sortText is null || sortText.StartsWith('-')),
            Page = reader.PageNumber(),
            PageSize = reader.PageSizeValue(),
        };
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var page = await library.ListAsync(http.User.Caller(), query, cancellationToken);
        var status = await library.StatusAsync(cancellationToken);
        var response = new LibraryListResponse(
            [.. page.Items.Select(i => new LibraryListItem(i.Id, i.Level1, i.Level2, i.Name, i.Spellings, i.Recommended, i.Retired, UsageItem.Of(i.Usage),
                i.Departments, i.Years, i.OwnForms, UrlOf(i.Id)))],
            page.Page, page.PageSize, page.TotalCount, page.PageCount, page.Forms,
            page.Page < page.PageCount ? Forms.FormsApi.PageUrl(http.Request, page.Page + 1) : null,
            page.Page > 1 ? Forms.FormsApi.PageUrl(http.Request, Math.Min(page.Page - 1, Math.Max(1, page.PageCount))) : null,
            StatusItem(status));
        return TypedResults.Json(response, Json.LibraryListResponse);
    }

    internal static LibraryStatusItem StatusItem(LibraryStatus status) =>
        new(status.Batches, status.Forms, status.PendingBatches, status.PendingForms, status.IsCurrent, status.BuiltAt);

    private static async Task<IResult> GetAsync(string id, HttpContext http, IndicatorLibrary library, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var entryId))
        {
            return ApiProblems.BadId("id", id, "a library entry");
        }

        var reader = ApiQuery.Read(http.Request.Query, EntryParameters);
        var type = reader.OneOf(Type);
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        return await library.EntryAsync(http.User.Caller(), entryId, type, cancellationToken) is { } detail
            ? TypedResults.Json(EntryItem(detail), Json.LibraryEntryItem)
            : ApiProblems.NotFound("library entry", entryId);
    }

    private static async Task<IResult> SuggestAsync(HttpContext http, IndicatorLibrary library, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, SuggestionParameters);
        var query = new SuggestionQuery
        {
            Project = reader.String(Project),
            Department = reader.String(Department),
            Level1 = reader.String(Level1),
            Level2 = reader.String(Level2),
            Take = reader.Int(Take, 1, SuggestionQuery.MaxTake, "a whole number from 1 to 50") ?? 12,
            Targets = reader.Int(Targets, 0, LibraryQueries.EntryTargets, "a whole number from 0 to 20") ?? 3,
        };
        if (string.IsNullOrWhiteSpace(query.Project))
        {
            reader.Add(Project.Name, "the project name is required, e.g. project=2025年治安视频监控建设");
        }

        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var suggestions = await library.SuggestAsync(http.User.Caller(), query, cancellationToken);
        return TypedResults.Json(SuggestionsItem(query.Project, suggestions), Json.SuggestionsResponse);
    }

    internal static SuggestionsResponse SuggestionsItem(string? project, Suggestions s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(project, ProjectTypeItem.Of(s.Match.Type), s.Match.Keyword, s.ByType, s.Forms, s.SelfEvaluations,
            [.. s.Indicators.Select(i => new SuggestionItem(i.Id, i.Level1, i.Level2, i.Name, i.Recommended, UsageItem.Of(i.Usage), Math.Round(i.Share, 4),
                [.. i.Targets.Select(TargetItem.Of)], UrlOf(i.Id)))]);
    }

    private static EntryNameItem NameItem(EntryName e) => new(e.Id, e.Level1, e.Level2, e.Name, e.Forms, UrlOf(e.Id));

    internal static LibraryEntryItem EntryItem(LibraryEntryDetail d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.Level1, d.Level2, d.Name, d.Recommended, d.Retired, d.Note, d.UpdatedBy,
            d.UpdatedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            [.. d.Spellings.Select(NameItem)], UsageItem.Of(d.Usage), d.Departments, d.Years,
            [.. d.ByDepartment.Select(x => new DepartmentUsageItem(x.DepartmentId, x.Department, x.Own, UsageItem.Of(x.Usage)))],
            [.. d.ByType.Select(x => new TypeUsageItem(ProjectTypeItem.Of(x.Type), UsageItem.Of(x.Usage), x.OwnForms))],
            [.. d.ByYear.Select(x => new YearUsageItem(x.Year, UsageItem.Of(x.Usage)))],
            [.. d.Targets.Select(TargetItem.Of)],
            d.OwnTargets is null ? null : [.. d.OwnTargets.Select(TargetItem.Of)],
            [.. d.Similar.Select(NameItem)],
            UrlOf(d.Id));
    }

    private static async Task<IResult> CurateAsync(string id, string action, HttpContext http, IndicatorLibrary library, CurateLibrary curate,
        IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var entryId))
        {
            return ApiProblems.BadId("id", id, "a library entry");
        }

        if (!Actions.TryGetValue(action, out var curation))
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("未知的操作", "Unknown action"),
                Ui.T($"操作应为 {string.Join("、", Actions.Keys)} 之一。", $"The action must be one of {string.Join(", ", Actions.Keys)}."));
        }

        try
        {
            await antiforgery.ValidateUnlessTokenAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("缺少或无效的防伪令牌", "Missing or invalid antiforgery token"),
                Ui.T("请先调用 GET /api/v1/antiforgery（同一会话），并在 X-CSRF-TOKEN 头中发送令牌。",
                    "Get a token from GET /api/v1/antiforgery (signed in, same cookies) and send it in the X-CSRF-TOKEN header."));
        }

        CurationRequest? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await http.Request.ReadFromJsonAsync(Json.CurationRequest, cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("请求体无效", "Invalid body"),
                    Ui.T("请求体应为 JSON，例如 {\"entry\": 12, \"note\": \"同义\"}。", "The body must be JSON, e.g. {\"entry\": 12, \"note\": \"synonym\"}."));
            }
        }

        if (curation == CurationAction.Absorb && body?.Entry is not > 0)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("缺少被合并的条目", "The entry to absorb is missing"),
                Ui.T("合并时请在请求体中给出被合并条目的编号：{\"entry\": 12}。", "Name the entry to absorb in the body: {\"entry\": 12}."));
        }

        var caller = http.User.Caller();
        var result = await curate.ExecuteAsync(caller, entryId, curation, body?.Entry, body?.Note, cancellationToken);
        return result switch
        {
            CurationResult.Done => TypedResults.Json(EntryItem((await library.EntryAsync(caller, entryId, null, cancellationToken))!), Json.LibraryEntryItem),
            CurationResult.Forbidden => ApiProblems.Status(StatusCodes.Status403Forbidden, Ui.T("无权操作", "Forbidden"), Ui.T("只有管理员可以维护指标库。", "Only administrators curate the library.")),
            CurationResult.Merged => ApiProblems.Status(StatusCodes.Status409Conflict, Ui.T("条目已被合并", "The entry is merged"),
                Ui.T("该条目已并入另一条目：请维护那一条目，或先取消合并。", "The entry is merged into another one: curate that one, or split it off first.")),
            CurationResult.NotMerged => ApiProblems.Status(StatusCodes.Status409Conflict, Ui.T("条目未被合并", "The entry is not merged"),
                Ui.T("该条目没有并入其他条目，无需取消合并。", "The entry is not merged into another one: there is nothing to split.")),
            CurationResult.SameEntry => ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("不能合并自身", "An entry cannot absorb itself"),
                Ui.T("请选择另一个条目。", "Choose another entry.")),
            CurationResult.NoteTooLong => ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("说明过长", "The note is too long"),
                Ui.T($"说明最多 {LibraryStore.NoteLength} 个字符。", $"A note has at most {LibraryStore.NoteLength} characters.")),
            _ => curation == CurationAction.Absorb && body?.Entry is { } other
                ? ApiProblems.Status(StatusCodes.Status404NotFound, Ui.T("未找到", "Not found"),
                    Ui.T($"没有编号为 {entryId} 或 {other} 的指标库条目。", $"There is no library entry {entryId} or {other}."))
                : ApiProblems.NotFound("library entry", entryId),
        };
    }
}
