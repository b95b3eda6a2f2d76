using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Reviews;

namespace Jixiao.App.Review;

/// <summary>
/// The use cases on a rectification request that exists (整改往来): the department answers it (答复, and may say the
/// rectification is done); the reviewer accepts the answer (通过: the form is 已整改) or sends it back with a note
/// (退回: the request is open again). A department user acts only on their own department's requests — another's is
/// not found. Each step is one message of the thread, audited in its transaction.
/// </summary>
public sealed class RectificationSteps(ReviewStore store, AccessPolicy policy, TimeProvider clock)
{
    /// <summary>The department answers request <paramref name="id"/>; <paramref name="done"/>: it says the rectification is done.</summary>
    public Task<ReviewResult> AnswerAsync(Caller caller, long id, string? text, bool done, CancellationToken cancellationToken = default) =>
        StepAsync(caller, id, ReviewAction.Answer, text, done, textRequired: true, ReviewStore.TextLength, cancellationToken);

    /// <summary>The reviewer accepts the answer to request <paramref name="id"/> (a note is optional).</summary>
    public Task<ReviewResult> AcceptAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default) =>
        StepAsync(caller, id, ReviewAction.Accept, note, false, textRequired: false, ReviewStore.NoteLength, cancellationToken);

    /// <summary>The reviewer sends the answer to request <paramref name="id"/> back, saying why.</summary>
    public Task<ReviewResult> ReturnAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default) =>
        StepAsync(caller, id, ReviewAction.Return, note, false, textRequired: true, ReviewStore.NoteLength, cancellationToken);

    private async Task<ReviewResult> StepAsync(
        Caller caller, long id, ReviewAction action, string? text, bool done, bool textRequired, int maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var thread = await store.RectificationAsync(id, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (thread is null)
        {
            return ReviewResult.NotFound;
        }

        if (!ReviewWorkflow.MayEver(caller, action))
        {
            return ReviewResult.Forbidden;
        }

        var request = thread.Request;
        var review = await store.ReviewOfAsync(request.ContentHash, cancellationToken);
        var state = review?.State ?? FormReviewState.Pending;
        var step = ReviewWorkflow.Find(state, action, request.Status);
        if (step is null || step.RequestFrom != request.Status)
        {
            return ReviewResult.NotNow(state == FormReviewState.RectificationRequired ? ReviewProblem.WrongRequestStatus : ReviewProblem.WrongState);
        }

        if (!AccessPolicy.Allows(caller, step.Who))
        {
            return ReviewResult.Forbidden;
        }

        var body = ReviewText.Clean(text);
        if (body is null && textRequired)
        {
            return ReviewResult.Invalid(action == ReviewAction.Answer ? ReviewProblem.TextRequired : ReviewProblem.NoteRequired);
        }

        if (body?.Length > maxLength)
        {
            return ReviewResult.Invalid(action == ReviewAction.Answer ? ReviewProblem.TextTooLong : ReviewProblem.NoteTooLong);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kind = action switch
        {
            ReviewAction.Answer => RectificationStep.Answer,
            ReviewAction.Accept => RectificationStep.Accept,
            _ => RectificationStep.Return,
        };
        var message = new RectificationMessageRecord { Step = kind, Author = caller.Name, At = now, Text = body ?? "", MarkedDone = done && kind == RectificationStep.Answer };
        var name = kind switch
        {
            RectificationStep.Answer => "rectification-answer",
            RectificationStep.Accept => "rectification-accept",
            _ => "rectification-return",
        };
        var details = $"{request.Status} -> {step.RequestTo}"
            + (state != step.To ? $"; form {state} -> {step.To}" : "")
            + (message.MarkedDone ? "; done" : "")
            + $"; project={request.ProjectName}; text={ReviewText.Quote(body)}";
        var change = new ReviewChange(request.ContentHash, review?.Version ?? 0, step.To, caller.Name, now, _ => [
            new AuditRecord(caller.Name, name, "rectification", id.ToString(CultureInfo.InvariantCulture), details),
        ])
        {
            Rectification = new RectificationUpdate(id, request.Status, step.RequestTo!.Value, message),
        };
        var written = await store.WriteAsync(change, cancellationToken);
        return written.Written ? new ReviewResult(ReviewOutcome.Done, State: step.To, RectificationId: id) : ReviewResult.Conflict;
    }
}
