using System.Globalization;
using System.Text.Json;
using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Review;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Filings;

/// <summary>One cell the uploaded workbook breaks: its sheet, cell (<c>G13</c>), row and the message.</summary>
public sealed record WorkbookErrorItem(string? Sheet, string? Cell, int Row, string Code, string Message, string MessageZh, string MessageEn);

/// <summary>
/// A filing's draft in the official Excel layout (官方格式 Excel, docs/formats.md): <c>GET /api/v1/filings/{id}/workbook</c>
/// downloads it as <see cref="OfficialWorkbook"/> writes it, to fill offline; <c>POST</c> the filled workbook
/// (multipart: <c>file</c>, <c>version</c>) and it is read back by <see cref="OfficialWorkbookReader"/> and saved into
/// the draft as a save with that version (<see cref="SaveFiling"/>: 409 when someone saved first). When the workbook
/// breaks a cell nothing is saved and the answer names every such cell (<c>errors</c>). A declaration's planned
/// weights, which the printed declaration table has no column for, are kept from the draft row by row when the
/// workbook's row has the same indicator name.
/// </summary>
public static class FilingWorkbookApi
{
    /// <summary>The largest workbook accepted (a filled form is some tens of kilobytes).</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder filings)
    {
        ArgumentNullException.ThrowIfNull(filings);
        filings.MapGet("/{id}/workbook", DownloadAsync)
            .WithName("DownloadFilingWorkbook")
            .WithSummary("A filing's content as the official .xlsx workbook (merged cells as printed), to fill offline")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status404NotFound);

        filings.MapPost("/{id}/workbook", UploadAsync)
            .RequireAuthorization(UserClaims.CanFillPolicy)
            .WithName("UploadFilingWorkbook")
            .WithSummary("Read a filled official workbook into the draft: saved as the next version; nothing saved when a cell is broken (errors named cell by cell)")
            .WithDescription("multipart/form-data: file (the .xlsx), version (the version edited). Signed in by a session: the antiforgery token in X-CSRF-TOKEN.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<FilingStepResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, FilingCatalog filings, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var filingId))
        {
            return ReviewApi.BadId("id", id);
        }

        var view = await filings.GetAsync(http.User.Caller(), filingId, cancellationToken);
        if (view is null)
        {
            return FilingsApi.Refused(FilingResult.NotFound);
        }

        var bytes = OfficialWorkbook.Write(FilingContent.Parse(view.Filing.Content));
        var name = "filing-" + filingId.ToString(CultureInfo.InvariantCulture) + "-v" + view.Filing.Version.ToString(CultureInfo.InvariantCulture) + ".xlsx";
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<IResult> UploadAsync(
        string id, HttpContext http, IAntiforgery antiforgery, FilingCatalog filings, SaveFiling save, CancellationToken cancellationToken)
    {
        if (await ReviewApi.CheckAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        if (!ApiProblems.TryId(id, out var filingId))
        {
            return ReviewApi.BadId("id", id);
        }

        if (!http.Request.HasFormContentType)
        {
            return Bad("请以 multipart/form-data 上传文件 file 和版本号 version。", "Upload the file (file) and the version (version) as multipart/form-data.", "workbook-missing");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null || file.Length == 0)
        {
            return Bad("没有收到 Excel 文件。", "No workbook was received.", "workbook-missing");
        }

        if (file.Length > MaxBytes)
        {
            return Bad($"文件过大（上限 {MaxBytes / 1024 / 1024} MB）。", $"The file is too large (at most {MaxBytes / 1024 / 1024} MB).", "too-long");
        }

        if (!int.TryParse(form["version"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return ReviewApi.Problem(StatusCodes.Status400BadRequest, "缺少版本号", "请给出所编辑的版本号 version（取得这张表时的 version）。",
                "Give the version edited (version, as read with the filing).", "version-required");
        }

        var view = await filings.GetAsync(http.User.Caller(), filingId, cancellationToken);
        if (view is null)
        {
            return FilingsApi.Refused(FilingResult.NotFound);
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var read = OfficialWorkbookReader.Read(bytes, file.FileName);
        if (read.Form is null || read.HasErrors)
        {
            var errors = read.Messages.Where(m => m.Severity == DiagnosticSeverity.Error || read.Form is null)
                .Select(m => new WorkbookErrorItem(m.Sheet, m.Cell, m.Row, m.Text.Code, Ui.T(m.Text.Zh, m.Text.En), m.Text.Zh, m.Text.En)).ToList();
            var detailZh = read.Form is null ? "这个文件不是系统导出的官方格式 Excel，未保存任何内容。" : $"Excel 中有 {errors.Count} 处无法读取，未保存任何内容：请逐格改正后再上传。";
            var detailEn = read.Form is null ? "The file is not an official workbook exported by Jixiao; nothing was saved." : $"{errors.Count} cells of the workbook cannot be read; nothing was saved: correct them cell by cell and upload again.";
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "输入无效", detail: detailZh, extensions: new Dictionary<string, object?>
            {
                ["detailEn"] = detailEn,
                ["problem"] = "workbook-invalid",
                ["errors"] = JsonSerializer.SerializeToElement(errors, FilingLiveApi.Context.ListWorkbookErrorItem),
            });
        }

        var uploaded = read.Form;
        KeepPlannedWeights(uploaded, FilingContent.Parse(view.Filing.Content));
        return FilingsApi.Answer(await save.ExecuteAsync(http.User.Caller(), filingId, version, FilingContent.Write(uploaded), cancellationToken), StatusCodes.Status200OK);
    }

    /// <summary>A declaration's weights the workbook has no column for, kept from the draft where the row names the same indicator.</summary>
    internal static void KeepPlannedWeights(PerformanceForm uploaded, PerformanceForm draft)
    {
        if (uploaded.Kind != FormKind.TargetDeclaration)
        {
            return;
        }

        for (var i = 0; i < uploaded.Indicators.Count && i < draft.Indicators.Count; i++)
        {
            var row = uploaded.Indicators[i];
            if (row.Weight is null && string.Equals(row.Name, draft.Indicators[i].Name, StringComparison.Ordinal))
            {
                row.Weight = draft.Indicators[i].Weight;
            }
        }
    }

    private static IResult Bad(string zh, string en, string problem) => ReviewApi.Problem(StatusCodes.Status400BadRequest, "输入无效", zh, en, problem);
}
