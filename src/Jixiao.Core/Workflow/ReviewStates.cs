namespace Jixiao.Core.Workflow;

/// <summary>
/// Where a form stands in the follow-up of its findings (复核状态): the loop of the people's congress budget office and
/// the auditors — warning (预警) → finding confirmed or dismissed (复核) → rectification asked and answered (整改).
/// A form with findings and no review yet is <see cref="Pending"/>; a form without findings has no review state.
/// </summary>
public enum FormReviewState
{
    /// <summary>待复核: findings not yet all confirmed or dismissed.</summary>
    Pending,

    /// <summary>已复核: every finding confirmed or dismissed.</summary>
    Reviewed,

    /// <summary>需整改: a rectification request (整改通知) is open with the form's department.</summary>
    RectificationRequired,

    /// <summary>已整改: the department's answer to the rectification request was accepted.</summary>
    Rectified,
}

/// <summary>A reviewer's conclusion on one finding (复核结论).</summary>
public enum FindingDecision
{
    /// <summary>确认: the problem is real.</summary>
    Confirmed,

    /// <summary>排除 (驳回): not a problem (a reading error, an accepted exception …); the note says why.</summary>
    Dismissed,
}

/// <summary>Where one rectification request (整改通知) stands.</summary>
public enum RectificationStatus
{
    /// <summary>待答复: waiting for the department's answer (also after an answer was sent back).</summary>
    Open,

    /// <summary>已答复: answered, waiting for the reviewer to accept it or send it back.</summary>
    Answered,

    /// <summary>已通过: the answer was accepted; the form is rectified.</summary>
    Accepted,
}

/// <summary>What someone does in the follow-up of a form's findings (复核与整改的操作).</summary>
public enum ReviewAction
{
    /// <summary>确认 a finding.</summary>
    Confirm,

    /// <summary>排除 a finding (a note is required).</summary>
    Dismiss,

    /// <summary>
    /// 复核完成: the form leaves <see cref="FormReviewState.Pending"/> when its last undecided finding is confirmed or
    /// dismissed — done by the same person, in the same transaction, never on its own.
    /// </summary>
    CompleteReview,

    /// <summary>下发整改通知: ask the form's department to rectify, with a deadline and a text.</summary>
    RequestRectification,

    /// <summary>答复整改: the department answers (and may say it is done).</summary>
    Answer,

    /// <summary>通过: the reviewer accepts the answer; the form is rectified.</summary>
    Accept,

    /// <summary>退回: the reviewer sends the answer back (a note is required); the request is open again.</summary>
    Return,
}
