namespace Jixiao.Core.Workflow;

/// <summary>
/// Where a form being filled in Jixiao stands (填报状态): a budget unit's draft goes to its reviewers, comes back with
/// comments or is approved, and the finance bureau publishes what was approved.
/// </summary>
public enum FilingStatus
{
    /// <summary>草稿: being filled by its department; not seen by reviewers.</summary>
    Draft,

    /// <summary>已提交: waiting for a reviewer (the department's reviewer or the finance bureau).</summary>
    Submitted,

    /// <summary>已退回: sent back with comments; its department edits it and submits it again.</summary>
    Returned,

    /// <summary>已审核通过: approved; its content no longer changes.</summary>
    Approved,

    /// <summary>已公开: the approved content was written to the stored forms, as published; nothing changes any more.</summary>
    Published,
}

/// <summary>What someone does to a filing (填报操作).</summary>
public enum FilingAction
{
    /// <summary>保存: store a new version of the content (a draft, or a returned form being corrected).</summary>
    Save,

    /// <summary>提交: send the form to review; the checks run and their findings are shown to the one who submits.</summary>
    Submit,

    /// <summary>撤回: take a submitted form back to draft before any reviewer acted on it.</summary>
    Withdraw,

    /// <summary>退回: send the form back to its department with comments.</summary>
    Return,

    /// <summary>审核通过: approve; an error-level finding needs the reviewer's reason to override it.</summary>
    Approve,

    /// <summary>公开: write the approved content to the stored forms (the one door, FormWriter) and link it.</summary>
    Publish,

    /// <summary>
    /// 撤销公开: withdraw a published form from public disclosure, with a reason; the filing is approved again (its
    /// content unchanged) and may be published again later.
    /// </summary>
    Unpublish,

    /// <summary>意见: comment on the form, or on one of its cells.</summary>
    Comment,

    /// <summary>解决意见: mark a comment resolved.</summary>
    ResolveComment,
}

/// <summary>
/// Who takes part in filing (填报参与方), as the transition table names them. A caller is one of these by its role
/// (the access policy of Jixiao.App decides which); a department's parties act on their own department's forms only.
/// </summary>
[Flags]
public enum FilingParty
{
    /// <summary>Takes no part.</summary>
    None = 0,

    /// <summary>填报人: a department user, who fills and submits the forms of their department.</summary>
    Filler = 1,

    /// <summary>主管部门审核: reviews (returns or approves) the forms of their department; cannot fill.</summary>
    DepartmentReviewer = 2,

    /// <summary>财政局 (finance reviewers and administrators): review every department's forms; the only ones who publish.</summary>
    Finance = 4,

    /// <summary>监督 (supervisors): read forms once submitted; take no step.</summary>
    Reader = 8,
}

/// <summary>
/// One allowed step of filing: in status <see cref="From"/>, <see cref="Action"/> leads to <see cref="To"/> for the
/// parties in <see cref="Who"/>.
/// </summary>
public sealed record FilingTransition(FilingStatus From, FilingAction Action, FilingStatus To, FilingParty Who);

/// <summary>
/// Filing in Jixiao as a transition table (填报流程表), the one place that says what may happen to a form being filled
/// in which status and who may do it; anything not in it is refused:
/// <list type="bullet">
/// <item>the department's filler saves and submits a draft, withdraws it while no reviewer acted, and corrects and
/// submits again a returned form;</item>
/// <item>the department's reviewer or the finance bureau returns (with comments) or approves a submitted form;</item>
/// <item>only the finance bureau publishes an approved form, and withdraws a published one from public disclosure
/// (撤销公开, with a reason) back to approved, from where it may be published again;</item>
/// <item>comments are made and resolved by those who work on the form in its status; a published form's content is frozen.</item>
/// </list>
/// Pure data: the roles behind the parties, the department scope and the conditions on the content (an error-level
/// finding blocks approval without a reason) are the use cases'. docs/decisions/009-filing-in-jixiao.md explains it.
/// </summary>
public static class FilingWorkflow
{
    private const FilingParty Reviewers = FilingParty.DepartmentReviewer | FilingParty.Finance;
    private const FilingParty Everyone = FilingParty.Filler | Reviewers;

    /// <summary>Every allowed step.</summary>
    public static IReadOnlyList<FilingTransition> Transitions { get; } =
    [
        new(FilingStatus.Draft, FilingAction.Save, FilingStatus.Draft, FilingParty.Filler),
        new(FilingStatus.Returned, FilingAction.Save, FilingStatus.Returned, FilingParty.Filler),
        new(FilingStatus.Draft, FilingAction.Submit, FilingStatus.Submitted, FilingParty.Filler),
        new(FilingStatus.Returned, FilingAction.Submit, FilingStatus.Submitted, FilingParty.Filler),
        new(FilingStatus.Submitted, FilingAction.Withdraw, FilingStatus.Draft, FilingParty.Filler),
        new(FilingStatus.Submitted, FilingAction.Return, FilingStatus.Returned, Reviewers),
        new(FilingStatus.Submitted, FilingAction.Approve, FilingStatus.Approved, Reviewers),
        new(FilingStatus.Approved, FilingAction.Publish, FilingStatus.Published, FilingParty.Finance),
        new(FilingStatus.Published, FilingAction.Unpublish, FilingStatus.Approved, FilingParty.Finance),
        new(FilingStatus.Draft, FilingAction.Comment, FilingStatus.Draft, FilingParty.Filler),
        new(FilingStatus.Submitted, FilingAction.Comment, FilingStatus.Submitted, Everyone),
        new(FilingStatus.Returned, FilingAction.Comment, FilingStatus.Returned, Everyone),
        new(FilingStatus.Approved, FilingAction.Comment, FilingStatus.Approved, Reviewers),
        new(FilingStatus.Draft, FilingAction.ResolveComment, FilingStatus.Draft, FilingParty.Filler),
        new(FilingStatus.Submitted, FilingAction.ResolveComment, FilingStatus.Submitted, Everyone),
        new(FilingStatus.Returned, FilingAction.ResolveComment, FilingStatus.Returned, Everyone),
        new(FilingStatus.Approved, FilingAction.ResolveComment, FilingStatus.Approved, Reviewers),
    ];

    /// <summary>
    /// Who sees a filing in each status: a draft only its department's fillers and the finance bureau (it is not
    /// submitted yet); from submission on every party, supervisors reading.
    /// </summary>
    public static IReadOnlyDictionary<FilingStatus, FilingParty> Visibility { get; } = new Dictionary<FilingStatus, FilingParty>
    {
        [FilingStatus.Draft] = FilingParty.Filler | FilingParty.Finance,
        [FilingStatus.Submitted] = Everyone | FilingParty.Reader,
        [FilingStatus.Returned] = Everyone | FilingParty.Reader,
        [FilingStatus.Approved] = Everyone | FilingParty.Reader,
        [FilingStatus.Published] = Everyone | FilingParty.Reader,
    };

    /// <summary>The step <paramref name="action"/> takes from <paramref name="from"/>, or null when the table has none.</summary>
    public static FilingTransition? Find(FilingStatus from, FilingAction action)
    {
        foreach (var t in Transitions)
        {
            if (t.From == from && t.Action == action)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="party"/> may take <paramref name="action"/> from <paramref name="from"/>.</summary>
    public static bool Allows(FilingParty party, FilingStatus from, FilingAction action) =>
        party != FilingParty.None && Find(from, action) is { } t && (t.Who & party) != 0;

    /// <summary>True when some status lets <paramref name="party"/> take <paramref name="action"/> at all.</summary>
    public static bool MayEver(FilingParty party, FilingAction action)
    {
        foreach (var t in Transitions)
        {
            if (t.Action == action && party != FilingParty.None && (t.Who & party) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="party"/> sees a filing in <paramref name="status"/>.</summary>
    public static bool Sees(FilingParty party, FilingStatus status) =>
        party != FilingParty.None && Visibility.TryGetValue(status, out var who) && (who & party) != 0;

    /// <summary>The statuses <paramref name="party"/> sees.</summary>
    public static IReadOnlyList<FilingStatus> Seen(FilingParty party) =>
        [.. Enum.GetValues<FilingStatus>().Where(s => Sees(party, s))];

    /// <summary>The steps <paramref name="party"/> may take from <paramref name="from"/> (for the buttons of a page).</summary>
    public static IReadOnlyList<FilingAction> ActionsOf(FilingParty party, FilingStatus from) =>
        [.. Transitions.Where(t => t.From == from && party != FilingParty.None && (t.Who & party) != 0).Select(t => t.Action)];
}
