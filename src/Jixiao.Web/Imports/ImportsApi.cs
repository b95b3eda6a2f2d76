using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Json;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

using Jixiao.Web.Api;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Imports;

/// <summary>
/// Imports: <c>POST /api/v1/imports</c> queues uploaded files as import batches through the web application's
/// <see cref="UploadHandler"/> and <see cref="ImportQueue"/> (the same checks and background worker as the import
/// page); <c>GET</c> lists batches and shows one; <c>DELETE</c> removes a batch with its forms (administrators,
/// audit-logged). Department users see only the batches holding forms of their department, with their own counts.
/// </summary>
public static class ImportsApi
{
    public static readonly ParameterSpec FileName = new("fileName", ParameterType.String,
        "For a JSON body: the file name the batch is recorded under (default upload.json).");

    private const string ImportsDescription =
        "multipart/form-data with one or more file parts (PDF, .xlsx/.xls, .docx, .html, .txt text, .json/.jsonl in jixiao.form/1), "
        + "or an application/json body holding jixiao.form/1 forms (an array, one object, or JSON Lines). Each accepted file "
        + "becomes a queued import batch (202); refused files say why and store nothing. 413 when every file is too large, "
        + "415 when every file is of a type that is not read (PDF, Excel, Word …, also under another name). "
        + "Signed in by a session, needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header (not with an API token). Administrators and finance reviewers.";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/antiforgery", Token)
            .WithName("GetAntiforgeryToken")
            .WithSummary("The antiforgery token to send in the X-CSRF-TOKEN header on POST /api/v1/imports")
            .Produces<AntiforgeryToken>();

        api.MapGet("/imports", ListAsync)
            .WithName("ListImports")
            .WithSummary("Import batches, newest first")
            .WithQueryParameters(ApiQuery.Paging)
            .Produces<PagedList<ImportItem>>()
            .ProducesValidationProblem();

        api.MapGet("/imports/{id}", GetAsync)
            .WithName("GetImport")
            .WithSummary("One import batch: status, progress, counts, error")
            .Produces<ImportItem>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        api.MapPost("/imports", PostAsync)
            .RequireAuthorization(UserClaims.CanChangePolicy)
            .WithName("CreateImports")
            .WithSummary("Upload files to import")
            .WithDescription(ImportsDescription)
            .WithQueryParameters(FileName)
            .WithMetadata(new ImportRequestBodyMetadata())
            .Produces<ImportAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapDelete("/imports/{id}", DeleteAsync)
            .RequireAuthorization(UserClaims.AdminPolicy)
            .WithName("DeleteImport")
            .WithSummary("Delete an import batch and all its forms (administrators; audit-logged)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult Token(HttpContext http, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Json(new AntiforgeryToken(options.Value.HeaderName ?? "X-CSRF-TOKEN", tokens.RequestToken ?? ""), ApiJson.Context.AntiforgeryToken);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ImportBatches batches, ImportQueue queue, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, ApiQuery.Paging);
        var page = reader.PageNumber();
        var pageSize = reader.PageSizeValue();
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var result = await batches.ListAsync(http.User.Caller(), page, pageSize, cancellationToken);
        List<ImportItem> items = [.. result.Items.Select(v => ToItem(v, queue))];
        var total = result.TotalCount;
        var pageCount = (int)((total + pageSize - 1) / pageSize);
        return TypedResults.Json(
            new PagedList<ImportItem>(items, page, pageSize, total, pageCount,
                page < pageCount ? $"/api/v1/imports?page={page + 1}&pageSize={pageSize}" : null,
                page > 1 ? $"/api/v1/imports?page={Math.Min(page - 1, Math.Max(1, pageCount))}&pageSize={pageSize}" : null),
            ApiJson.Context.PagedListImportItem);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ImportBatches batches, ImportQueue queue, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var batchId))
        {
            return ApiProblems.BadId("id", id, "an import batch");
        }

        var view = await batches.GetAsync(http.User.Caller(), batchId, cancellationToken);
        return view is null
            ? ApiProblems.NotFound("import batch", batchId)
            : TypedResults.Json(ToItem(view, queue), ApiJson.Context.ImportItem);
    }

    private static async Task<IResult> PostAsync(
        HttpContext http,
        UploadHandler uploads,
        IAntiforgery antiforgery,
        IOptions<FormOptions> formOptions,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        var reader = ApiQuery.Read(request.Query, [FileName]);
        var fileName = reader.String(FileName);
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var json = request.HasJsonContentType();
        if (!json && !request.HasFormContentType)
        {
            var declared = string.IsNullOrEmpty(request.ContentType) ? null : ApiQuery.Clip(request.ContentType);
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, Ui.T("请求体类型不支持", "Unsupported media type"),
                Ui.T(
                    $"请求体{(declared is null ? "未声明类型" : $"的类型为“{declared}”")}：请以 multipart/form-data 发送文件（每个文件一个部分），或以 application/json 发送 jixiao.form/1 表单。",
                    $"The body is {(declared is null ? "of no declared type" : "'" + declared + "'")}: send the files as multipart/form-data (one part per file), or jixiao.form/1 forms as application/json."));
        }

        var requestLimit = json ? uploads.MaxFileBytes : formOptions.Value.MultipartBodyLengthLimit;
        if (request.ContentLength is { } length && length > requestLimit)
        {
            return TooLarge(length, requestLimit, uploads.MaxFileBytes);
        }

        try
        {
            await antiforgery.ValidateUnlessTokenAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("缺少或无效的防伪令牌", "Missing or invalid antiforgery token"),
                Ui.T("请先以同一登录会话调用 GET /api/v1/antiforgery 取得令牌，并放在 X-CSRF-TOKEN 请求头中。",
                    "Get a token from GET /api/v1/antiforgery (signed in, same cookies) and send it in the X-CSRF-TOKEN header."));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return BodyProblem(ex, requestLimit, uploads.MaxFileBytes);
        }

        return json
            ? await PostJsonAsync(http, uploads, fileName, cancellationToken)
            : await PostFilesAsync(http, uploads, requestLimit, cancellationToken);
    }

    private static async Task<IResult> PostFilesAsync(HttpContext http, UploadHandler uploads, long requestLimit, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return BodyProblem(ex, requestLimit, uploads.MaxFileBytes);
        }

        if (form.Files.Count == 0)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("没有文件", "No file"),
                Ui.T("multipart 请求体中没有文件：每个文件应作为带文件名的一个部分发送（例如 curl -F files=@forms.txt）。",
                    "The multipart body holds no file: send each file as a part with a file name (e.g. curl -F files=@forms.txt)."));
        }

        var files = form.Files.ToList();
        var outcomes = await uploads.AcceptAsync(files, http.User.Actor(), cancellationToken);
        var refusedStatus = new int[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            refusedStatus[i] = outcomes[i].Accepted ? 0 : await StatusOfAsync(files[i], i, uploads, cancellationToken);
        }

        return Answer(outcomes, refusedStatus);
    }

    private static async Task<IResult> PostJsonAsync(HttpContext http, UploadHandler uploads, string? fileName, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName((fileName ?? "upload.json").Replace('\\', '/'));
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            name += ".json";
        }

        var temp = Path.Combine(Path.GetTempPath(), "jixiao-api-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                try
                {
                    size = await CopyLimitedAsync(http.Request.Body, file, uploads.MaxFileBytes, cancellationToken);
                }
                catch (Exception ex) when (ex is BadHttpRequestException or IOException)
                {
                    return BodyProblem(ex, uploads.MaxFileBytes, uploads.MaxFileBytes);
                }
            }

            if (size < 0)
            {
                return TooLarge(null, uploads.MaxFileBytes, uploads.MaxFileBytes);
            }

            if (size == 0)
            {
                return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("请求体为空", "Empty body"),
                    Ui.T("JSON 请求体为空：请发送 jixiao.form/1 表单（数组、单个对象或 JSON Lines）。未保存任何内容。",
                        "The JSON body is empty: send jixiao.form/1 forms (an array, one object, or JSON Lines). Nothing was stored."));
            }

            // The whole body is read before anything is stored: a syntax error, a form of another schema or no form
            // at all is a 400 with the reader's diagnostics (line and JSON path), and nothing is queued.
            var problems = new List<string>();
            var forms = 0;
            await using (var check = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024))
            {
                foreach (var _ in FormJsonReader.Read(check, name, d =>
                         {
                             if (d.Severity == DiagnosticSeverity.Error && problems.Count < 20)
                             {
                                 problems.Add(Ui.Kept(d.ToString()));
                             }
                         }))
                {
                    forms++;
                }
            }

            if (problems.Count > 0 || forms == 0)
            {
                return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("JSON 无法导入", "Malformed JSON"),
                    problems.Count > 0
                        ? Ui.T($"JSON 请求体无法导入：{problems[0]}。未保存任何内容。", $"The JSON body cannot be imported: {problems[0]}. Nothing was stored.")
                        : Ui.T("JSON 请求体中没有 jixiao.form/1 表单。未保存任何内容。", "The JSON body holds no jixiao.form/1 form. Nothing was stored."),
                    new Dictionary<string, object?> { ["errors"] = problems });
            }

            await using var content = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            var formFile = new FormFile(content, 0, size, "file", name);
            var outcomes = await uploads.AcceptAsync([formFile], http.User.Actor(), cancellationToken);
            return Answer(outcomes, [outcomes[0].Accepted ? 0 : StatusCodes.Status400BadRequest]);
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, DeleteBatch delete, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var batchId))
        {
            return ApiProblems.BadId("id", id, "an import batch");
        }

        var result = await delete.ExecuteAsync(http.User.Caller(), batchId, "API", cancellationToken);
        return result.Outcome switch
        {
            BatchDeletion.Deleted => TypedResults.NoContent(),
            BatchDeletion.Busy => ApiProblems.Status(StatusCodes.Status409Conflict, Ui.T("导入仍在进行", "Import still running"),
                Ui.T($"导入批次 {batchId} 仍在{Ui.StatusText(result.Batch!.Status)}，完成后才能删除。",
                    $"Import batch {batchId} is still {ApiJson.StatusName(result.Batch!.Status)}; delete it when it is done.")),
            _ => ApiProblems.NotFound("import batch", batchId),
        };
    }

    /// <summary>202 with the queued and refused files; when nothing was queued, the refusal as a problem.</summary>
    private static IResult Answer(IReadOnlyList<UploadOutcome> outcomes, int[] refusedStatus)
    {
        var queued = new List<QueuedFile>();
        var refused = new List<RefusedFile>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (o.BatchId is { } batchId)
            {
                queued.Add(new QueuedFile(o.FileName, o.SizeBytes, batchId, "queued", "/api/v1/imports/" + batchId.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                refused.Add(new RefusedFile(o.FileName, o.SizeBytes, refusedStatus[i], o.Error ?? Ui.T("未接受", "refused")));
            }
        }

        if (queued.Count > 0)
        {
            return TypedResults.Json(new ImportAccepted(queued, refused), ApiJson.Context.ImportAccepted, statusCode: StatusCodes.Status202Accepted);
        }

        var statuses = refused.Select(r => r.Status).Distinct().ToList();
        var status = statuses.Count == 1 ? statuses[0] : StatusCodes.Status400BadRequest;
        var title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => Ui.T("文件过大", "File too large"),
            StatusCodes.Status415UnsupportedMediaType => Ui.T("不支持的文件类型", "Unsupported file type"),
            _ => Ui.T("没有导入任何文件", "No file imported"),
        };
        return ApiProblems.Status(status, title,
            string.Join(" ", refused.Select(r => r.FileName + Ui.T("：", ": ") + r.Error)),
            new Dictionary<string, object?> { ["files"] = refused.Select(r => new Dictionary<string, object?> { ["fileName"] = r.FileName, ["sizeBytes"] = r.SizeBytes, ["status"] = r.Status, ["error"] = r.Error }).ToList() });
    }

    /// <summary>Why <see cref="UploadHandler"/> refused a file, as an HTTP status (same order of checks).</summary>
    private static async Task<int> StatusOfAsync(IFormFile file, int index, UploadHandler uploads, CancellationToken cancellationToken)
    {
        if (index >= uploads.MaxFiles)
        {
            return StatusCodes.Status400BadRequest;
        }

        var ext = Path.GetExtension((file.FileName ?? "").Replace('\\', '/')).ToLowerInvariant();
        if (!FormatRegistry.Default.Accepts(ext))
        {
            return StatusCodes.Status415UnsupportedMediaType;
        }

        if (file.Length == 0)
        {
            return StatusCodes.Status400BadRequest;
        }

        if (file.Length > uploads.MaxFileBytes)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }

        await using var s = file.OpenReadStream();
        var match = await FormatRegistry.Default.IdentifyAsync(s, ext, cancellationToken);
        return match.Refusal?.Reason is RefusalReason.NotReadYet or RefusalReason.NotText ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status400BadRequest;
    }

    private static IResult TooLarge(long? length, long requestLimit, long fileLimit)
    {
        var request = requestLimit.ToString(CultureInfo.InvariantCulture);
        var file = fileLimit.ToString(CultureInfo.InvariantCulture);
        var size = length?.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, Ui.T("请求过大", "Request too large"), Ui.T(
            (size is null ? "请求体过大；" : $"请求体为 {size} 字节；") + $"每个请求最多 {request} 字节，每个文件最多 {file} 字节。未保存任何内容。",
            (size is null ? "The request body is too large; " : $"The request body is {size} bytes; ")
            + $"at most {request} bytes per request and {file} bytes per file. Nothing was stored."));
    }

    private static IResult BodyProblem(Exception ex, long requestLimit, long fileLimit)
    {
        if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            return TooLarge(null, requestLimit, fileLimit);
        }

        var reason = ApiQuery.Clip(ex.Message, 200);
        return ApiProblems.Status(StatusCodes.Status400BadRequest, Ui.T("请求体格式错误", "Malformed request body"), Ui.T(
            $"请求体无法按 multipart/form-data 读取（{reason}）：每个文件应作为带文件名的一个部分发送（例如 curl -F files=@forms.txt）。未保存任何内容。",
            $"The body could not be read as multipart/form-data ({reason}): send each file as a part with a file name (e.g. curl -F files=@forms.txt). Nothing was stored."));
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; -1 when the source holds more.</summary>
    private static async Task<long> CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += n;
            if (total > limit)
            {
                return -1;
            }

            await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }

        return total;
    }

    private static ImportItem ToItem(ImportBatchView view, ImportQueue queue)
    {
        var b = view.Batch;
        var scoped = view.Scoped;
        var progress = queue.ProgressOf(b.Id);
        var done = b.Status is ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Duplicate;
        var id = b.Id.ToString(CultureInfo.InvariantCulture);
        return new ImportItem(
            b.Id,
            b.FileName,
            ApiJson.StatusName(b.Status),
            done,
            scoped?.Forms ?? (done ? b.FormCount : (int)Math.Min(int.MaxValue, progress?.Forms ?? 0)),
            scoped?.Indicators ?? b.IndicatorCount,
            scoped?.Findings ?? b.FindingCount,
            b.SizeBytes,
            done ? b.SizeBytes : progress?.BytesRead ?? 0,
            b.ErrorMessage is null ? null : Ui.Kept(b.ErrorMessage),
            b.ErrorMessage is null ? null : ImportMessages.Localize(b.ErrorMessage, english: false),
            b.ErrorMessage is null ? null : ImportMessages.Localize(b.ErrorMessage, english: true),
            b.ErrorLine,
            b.DuplicateOfBatchId,
            b.CreatedBy,
            DateTime.SpecifyKind(b.CreatedAt, DateTimeKind.Utc),
            b.StartedAt is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null,
            b.FinishedAt is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null,
            "/api/v1/imports/" + id,
            "/api/v1/forms?batch=" + id);
    }
}

/// <summary>Marks <c>POST /api/v1/imports</c> for the OpenAPI document's request body (multipart files or JSON forms).</summary>
public sealed record ImportRequestBodyMetadata;
