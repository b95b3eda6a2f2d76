using System.Globalization;
using Jixiao.App.Forms;
using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Web.Accounts;
using Jixiao.Web.Imports;
using Jixiao.Web.Review;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Forms;

/// <summary>
/// One form laid out like the official table, printed values with the recomputed ones beside them, every finding
/// marked on its cell and listed below, and the source lines of the file it was read from. A form outside a
/// department user's department is "not found" (404), like a missing one. Below the findings, the follow-up
/// (复核与整改): each finding's conclusion with the buttons the caller's role gets, the form's review state, and the
/// rectification thread — each step posted to a handler of this page and taken by a use case of Jixiao.App.
/// </summary>
public sealed class DetailModel(FormCatalog forms, UploadStore uploads, FormReviews reviews) : PageModel
{
    public FormSheet Sheet { get; private set; } = null!;

    public IReadOnlyList<(int Line, string Text)> SourceLines { get; private set; } = [];

    /// <summary>Source lines that findings or indicator rows point at.</summary>
    public HashSet<int> HighlightLines { get; } = [];

    /// <summary>The form's follow-up as the caller sees it.</summary>
    public FormReviewView? Review { get; private set; }

    /// <summary>What the last step did (after a redirect).</summary>
    public string? Message { get; private set; }

    /// <summary>Why the posted step was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The text and deadline typed into a refused step, offered again.</summary>
    public string? Typed { get; private set; }

    public string? TypedDeadline { get; private set; }

    /// <summary>The handler of the refused step (<c>Rectify</c>, <c>Answer</c> …).</summary>
    public string? RefusedStep { get; private set; }

    /// <summary>What was typed into the refused step, when it was <paramref name="step"/>.</summary>
    public string? TypedFor(string step) => string.Equals(RefusedStep, step, StringComparison.OrdinalIgnoreCase) ? Typed : null;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Message = TempData["review-message"] as string;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>确认 or 排除 finding <paramref name="position"/> (0-based).</summary>
    public Task<IActionResult> OnPostReviewAsync(long id, int position, string? decision, string? note, [FromServices] DecideFinding decide, CancellationToken cancellationToken)
    {
        var d = ReviewTexts.ParseDecision(decision);
        var verb = d == FindingDecision.Confirmed ? Ui.T("确认", "confirmed") : Ui.T("排除", "dismissed");
        return StepAsync(id, note, null, d is null ? Ui.T("请选择“确认”或“排除”。", "Choose confirm or dismiss.") : null,
            () => decide.ExecuteAsync(User.Caller(), id, position, d!.Value, note, cancellationToken),
            Ui.T($"问题 {position + 1} 已{verb}。", $"Finding {position + 1} {verb}."), cancellationToken);
    }

    /// <summary>下发整改通知.</summary>
    public Task<IActionResult> OnPostRectifyAsync(long id, string? deadline, string? text, [FromServices] RequestRectification request, CancellationToken cancellationToken)
    {
        var read = DateOnly.TryParseExact(deadline?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        return StepAsync(id, text, deadline, read ? null : Ui.T("请填写整改期限（日期）。", "Please give the deadline (a date)."),
            () => request.ExecuteAsync(User.Caller(), id, day, text, cancellationToken),
            Ui.T("整改通知已下发。", "The rectification request was sent."), cancellationToken);
    }

    /// <summary>答复整改.</summary>
    public Task<IActionResult> OnPostAnswerAsync(long id, long request, string? text, bool done, [FromServices] RectificationSteps steps, CancellationToken cancellationToken) =>
        StepAsync(id, text, null, null, () => steps.AnswerAsync(User.Caller(), request, text, done, cancellationToken),
            Ui.T("答复已提交。", "The answer was sent."), cancellationToken);

    /// <summary>通过 the answer.</summary>
    public Task<IActionResult> OnPostAcceptAsync(long id, long request, string? note, [FromServices] RectificationSteps steps, CancellationToken cancellationToken) =>
        StepAsync(id, note, null, null, () => steps.AcceptAsync(User.Caller(), request, note, cancellationToken),
            Ui.T("已通过整改答复，该表已整改。", "The answer was accepted: the form is rectified."), cancellationToken);

    /// <summary>退回 the answer.</summary>
    public Task<IActionResult> OnPostReturnAsync(long id, long request, string? note, [FromServices] RectificationSteps steps, CancellationToken cancellationToken) =>
        StepAsync(id, note, null, null, () => steps.ReturnAsync(User.Caller(), request, note, cancellationToken),
            Ui.T("答复已退回。", "The answer was sent back."), cancellationToken);

    /// <summary>
    /// Takes a step; done: back to the page (post/redirect/get) with <paramref name="done"/>; refused, or not taken
    /// because the input could not be read (<paramref name="unreadable"/>): the page with the reason and what was typed.
    /// </summary>
    private async Task<IActionResult> StepAsync(
        long id, string? typed, string? deadline, string? unreadable, Func<Task<ReviewResult>> step, string done, CancellationToken cancellationToken)
    {
        var result = unreadable is null ? await step() : ReviewResult.Invalid(ReviewProblem.None);
        if (result.Succeeded)
        {
            TempData["review-message"] = done;
            return Redirect($"/forms/{id.ToString(CultureInfo.InvariantCulture)}#review");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = unreadable ?? ReviewTexts.Problem(result);
        Typed = typed;
        TypedDeadline = deadline;
        RefusedStep = Request.Query["handler"].ToString();
        Response.StatusCode = result.Outcome switch
        {
            ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
            ReviewOutcome.Forbidden => StatusCodes.Status403Forbidden,
            ReviewOutcome.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var caller = User.Caller();
        var detail = await forms.GetAsync(caller, id, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        Sheet = new FormSheet(detail);
        var f = detail.Form;
        if (detail.Batch is { } batch && f.SourceFirstLine is { } first && f.SourceLastLine is { } last)
        {
            SourceLines = await uploads.ReadLinesAsync(batch.Id, batch.FileName, first, last, cancellationToken);
        }

        foreach (var finding in detail.Findings)
        {
            if (finding.SourceLine > 0)
            {
                HighlightLines.Add(finding.SourceLine);
            }
        }

        Review = await reviews.FormAsync(caller, id, cancellationToken);
        return true;
    }
}
