using Jixiao.Core.Workflow;
using Jixiao.Data.Reviews;

namespace Jixiao.App.Review;

/// <summary>How a step of the follow-up ended.</summary>
public enum ReviewOutcome
{
    /// <summary>Written, with its audit entries.</summary>
    Done,

    /// <summary>No such form, finding or request — or one of a department the caller may not see (the same answer).</summary>
    NotFound,

    /// <summary>The caller's role may not take this step (<see cref="ReviewWorkflow"/>).</summary>
    Forbidden,

    /// <summary>The step is not one the form's (or the request's) state allows now; <see cref="ReviewResult.Problem"/> says which.</summary>
    NotNow,

    /// <summary>The input is not acceptable; <see cref="ReviewResult.Problem"/> says why.</summary>
    Invalid,

    /// <summary>Someone changed the form's review meanwhile: nothing was written; reload and try again.</summary>
    Conflict,
}

/// <summary>What was wrong with a refused step (the surfaces say it in the user's language).</summary>
public enum ReviewProblem
{
    None,

    /// <summary>The form has no finding at that position.</summary>
    NoSuchFinding,

    /// <summary>A dismissal, a return, needs a note.</summary>
    NoteRequired,

    /// <summary>The note is longer than <see cref="ReviewStore.NoteLength"/> characters.</summary>
    NoteTooLong,

    /// <summary>A request or an answer needs a text.</summary>
    TextRequired,

    /// <summary>The text is longer than <see cref="ReviewStore.TextLength"/> characters.</summary>
    TextTooLong,

    /// <summary>The deadline is before today (China Standard Time).</summary>
    DeadlinePassed,

    /// <summary>The deadline is more than <see cref="RequestRectification.LongestTerm"/> days away.</summary>
    DeadlineTooFar,

    /// <summary>A rectification needs at least one confirmed finding.</summary>
    NoConfirmedFinding,

    /// <summary>The form's review state does not allow the step (e.g. findings are frozen while a rectification runs).</summary>
    WrongState,

    /// <summary>The request is not in a status that allows the step (e.g. accepting an answer not given yet).</summary>
    WrongRequestStatus,
}

/// <summary>The outcome of a step, the form's review state after it, and the request it made or changed.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, ReviewProblem Problem = ReviewProblem.None, FormReviewState? State = null, long? RectificationId = null)
{
    public static ReviewResult NotFound { get; } = new(ReviewOutcome.NotFound);

    public static ReviewResult Forbidden { get; } = new(ReviewOutcome.Forbidden);

    public static ReviewResult Conflict { get; } = new(ReviewOutcome.Conflict);

    public static ReviewResult Invalid(ReviewProblem problem) => new(ReviewOutcome.Invalid, problem);

    public static ReviewResult NotNow(ReviewProblem problem) => new(ReviewOutcome.NotNow, problem);

    public bool Succeeded => Outcome == ReviewOutcome.Done;
}

/// <summary>The calendar of deadlines: days in China Standard Time (UTC+8), the forms' and the departments' time zone.</summary>
public static class ReviewCalendar
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Today in China.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
    }

    /// <summary>
    /// True when a request is overdue on <paramref name="today"/> (逾期): still waiting for the department's answer
    /// (open, also after an answer was sent back) and its deadline has passed. An answered request waits for the
    /// reviewer, not the department, and is not overdue. The same rule as <see cref="RectificationQuery.OverdueOn"/>.
    /// </summary>
    public static bool IsOverdue(Data.Entities.RectificationRecord request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status == RectificationStatus.Open && request.Deadline < today;
    }

    /// <summary>Days past the deadline on <paramref name="today"/> (0 when not past).</summary>
    public static int DaysOverdue(DateOnly deadline, DateOnly today) => Math.Max(0, today.DayNumber - deadline.DayNumber);
}

/// <summary>Text rules shared by the steps.</summary>
internal static class ReviewText
{
    /// <summary>The text trimmed, or null when it is empty or white space only.</summary>
    public static string? Clean(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) ? null : t.ReplaceLineEndings("\n");
    }

    /// <summary>A short, one-line quote of a text for an audit entry.</summary>
    public static string Quote(string? text, int max = 200)
    {
        if (text is null)
        {
            return "";
        }

        var one = text.ReplaceLineEndings(" ");
        return one.Length <= max ? one : one[..max] + "…";
    }
}
