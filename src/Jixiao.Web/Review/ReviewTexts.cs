using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Review;

/// <summary>
/// The follow-up's words (复核与整改) in both languages, and the names of its values in query strings and JSON
/// (<c>pending reviewed rectification-required rectified</c>; <c>confirm dismiss</c>; <c>open answered accepted</c>),
/// shared by the pages, the form list's filter and the API.
/// </summary>
public static class ReviewTexts
{
    /// <summary>The review states' names in query strings and JSON, in order.</summary>
    public static readonly string[] StateNames = ["pending", "reviewed", "rectification-required", "rectified"];

    /// <summary>The request statuses' names in query strings and JSON, in order.</summary>
    public static readonly string[] StatusNames = ["open", "answered", "accepted"];

    public static string StateName(FormReviewState state) => StateNames[(int)state];

    /// <summary>A review state by its name, its Chinese term or a short form (<c>rectification</c>); null when none.</summary>
    public static FormReviewState? ParseState(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "pending" or "待复核" => FormReviewState.Pending,
        "reviewed" or "已复核" => FormReviewState.Reviewed,
        "rectification-required" or "rectification" or "需整改" => FormReviewState.RectificationRequired,
        "rectified" or "已整改" => FormReviewState.Rectified,
        _ => null,
    };

    public static string StatusName(RectificationStatus status) => StatusNames[(int)status];

    public static RectificationStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "open" or "待答复" => RectificationStatus.Open,
        "answered" or "已答复" => RectificationStatus.Answered,
        "accepted" or "已通过" => RectificationStatus.Accepted,
        _ => null,
    };

    public static string DecisionName(FindingDecision decision) => decision == FindingDecision.Confirmed ? "confirmed" : "dismissed";

    /// <summary>A decision by its action name (<c>confirm</c>, <c>dismiss</c>) or Chinese term; null when none.</summary>
    public static FindingDecision? ParseDecision(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "confirm" or "confirmed" or "确认" => FindingDecision.Confirmed,
        "dismiss" or "dismissed" or "排除" or "驳回" => FindingDecision.Dismissed,
        _ => null,
    };

    public static string StepName(RectificationStep step) => step.ToString().ToLowerInvariant();

    public static string StateText(FormReviewState? state) => state switch
    {
        FormReviewState.Pending => Ui.T("待复核", "Pending review"),
        FormReviewState.Reviewed => Ui.T("已复核", "Reviewed"),
        FormReviewState.RectificationRequired => Ui.T("需整改", "Rectification required"),
        FormReviewState.Rectified => Ui.T("已整改", "Rectified"),
        _ => Ui.T("无需复核", "Nothing to review"),
    };

    public static string StateCss(FormReviewState? state) => state switch
    {
        FormReviewState.Pending => "badge badge-busy",
        FormReviewState.Reviewed => "badge badge-muted",
        FormReviewState.RectificationRequired => "badge badge-error",
        FormReviewState.Rectified => "badge badge-ok",
        _ => "badge badge-muted",
    };

    public static string DecisionText(FindingDecision? decision) => decision switch
    {
        FindingDecision.Confirmed => Ui.T("已确认", "Confirmed"),
        FindingDecision.Dismissed => Ui.T("已排除", "Dismissed"),
        _ => Ui.T("未复核", "Not reviewed"),
    };

    public static string DecisionCss(FindingDecision? decision) => decision switch
    {
        FindingDecision.Confirmed => "badge badge-error",
        FindingDecision.Dismissed => "badge badge-muted",
        _ => "badge badge-busy",
    };

    public static string StatusText(RectificationStatus status) => status switch
    {
        RectificationStatus.Open => Ui.T("待答复", "Awaiting answer"),
        RectificationStatus.Answered => Ui.T("已答复，待审核", "Answered, awaiting review"),
        _ => Ui.T("已通过", "Accepted"),
    };

    public static string StepText(RectificationStep step) => step switch
    {
        RectificationStep.Request => Ui.T("整改通知", "Request"),
        RectificationStep.Answer => Ui.T("部门答复", "Answer"),
        RectificationStep.Return => Ui.T("退回", "Sent back"),
        _ => Ui.T("通过", "Accepted"),
    };

    /// <summary>Why a step was refused, in the current language (empty for a step that was done).</summary>
    public static string Problem(ReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (zh, en) = Problem(result.Outcome, result.Problem);
        return Ui.T(zh, en);
    }

    /// <summary>Why a step was refused, in Chinese and in English.</summary>
    public static (string Zh, string En) Problem(ReviewOutcome outcome, ReviewProblem problem) => (outcome, problem) switch
    {
        (ReviewOutcome.Done, _) => ("", ""),
        (_, ReviewProblem.NoSuchFinding) => ("该表没有这个问题（问题序号从 0 开始）。", "The form has no finding at that position (positions start at 0)."),
        (_, ReviewProblem.NoteRequired) => ("请填写说明：排除问题或退回答复都要写明理由。", "Please give a note: dismissing a finding or sending an answer back needs a reason."),
        (_, ReviewProblem.NoteTooLong) => ($"说明太长：最多 {Data.Reviews.ReviewStore.NoteLength} 个字。", $"The note is too long: at most {Data.Reviews.ReviewStore.NoteLength} characters."),
        (_, ReviewProblem.TextRequired) => ("请填写内容。", "Please write the text."),
        (_, ReviewProblem.TextTooLong) => ($"内容太长：最多 {Data.Reviews.ReviewStore.TextLength} 个字。", $"The text is too long: at most {Data.Reviews.ReviewStore.TextLength} characters."),
        (_, ReviewProblem.DeadlinePassed) => ("整改期限不能早于今天（北京时间）。", "The deadline cannot be before today (China Standard Time)."),
        (_, ReviewProblem.DeadlineTooFar) => ($"整改期限太远：最多 {RequestRectification.LongestTerm} 天以内。", $"The deadline is too far away: at most {RequestRectification.LongestTerm} days from today."),
        (_, ReviewProblem.NoConfirmedFinding) => ("请先确认至少一个问题，再下发整改通知。", "Confirm at least one finding before asking for rectification."),
        (_, ReviewProblem.WrongState) => ("该表当前的复核状态不允许这一步（整改进行中时问题的复核结论不能更改）。", "The form's review state does not allow this step now (conclusions are frozen while a rectification runs)."),
        (_, ReviewProblem.WrongRequestStatus) => ("该整改通知当前的状态不允许这一步。", "The rectification request's status does not allow this step now."),
        (ReviewOutcome.NotFound, _) => ("没有找到，或你无权查看。", "Not found, or not yours to see."),
        (ReviewOutcome.Forbidden, _) => ("你的角色不能执行这一步。", "Your role may not take this step."),
        (ReviewOutcome.Conflict, _) => ("其他人刚刚修改了这张表的复核，请刷新后重试。", "Someone changed this form's review just now: reload and try again."),
        _ => ("无法执行这一步。", "This step cannot be taken."),
    };
}
