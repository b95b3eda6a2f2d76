using Jixiao.App.Access;
using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;

namespace Jixiao.App.Filings;

/// <summary>
/// A filing as the caller sees it: the filing with its content, its comments (oldest first), the caller's part in
/// filing, the steps the caller may take now (the page's buttons), and what the checks find in its content now.
/// </summary>
public sealed record FilingView(
    FilingRecord Filing,
    IReadOnlyList<FilingCommentRecord> Comments,
    FilingParty Party,
    IReadOnlyList<FilingAction> Actions,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>True when the caller may take <paramref name="action"/> now.</summary>
    public bool May(FilingAction action) => Actions.Contains(action);
}

/// <summary>Which part each caller takes in filing (<see cref="FilingParty"/>), from the access policy's permissions.</summary>
public static class FilingParties
{
    /// <summary>
    /// The part of <paramref name="caller"/>'s role: the finance bureau (may publish), a department's reviewer (may
    /// review, not publish), a department's filler (may fill), or a reader. A read-only token keeps its role's part for
    /// what it sees, and takes no step (<see cref="MayAct"/>).
    /// </summary>
    public static FilingParty Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var role = caller.ReadOnly ? new Caller(caller.Name, caller.Role, caller.Department, caller.IsTool) : caller;
        return AccessPolicy.Allows(role, Permission.PublishFilings) ? FilingParty.Finance
            : AccessPolicy.Allows(role, Permission.ReviewFilings) ? FilingParty.DepartmentReviewer
            : AccessPolicy.Allows(role, Permission.FillForms) ? FilingParty.Filler
            : FilingParty.Reader;
    }

    /// <summary>True when <paramref name="caller"/> may take <paramref name="action"/> on a filing in <paramref name="status"/> (the table, and no read-only token).</summary>
    public static bool MayAct(Caller caller, FilingStatus status, FilingAction action)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !caller.ReadOnly && FilingWorkflow.Allows(Of(caller), status, action);
    }
}

/// <summary>
/// Filing as a caller may see it (填报): one filing with its comments and the caller's buttons, its revisions, and the
/// queues — a department user's own department's filings, a department reviewer's own department's submitted ones,
/// the finance bureau's all. A filing of another department, or a draft of someone the caller does not work with, is
/// not found. Also the gate every use case of filing passes first: found and seen, the role, the status, the version.
/// </summary>
public sealed class FilingCatalog(FilingStore store, AccessPolicy policy, FormChecker? checker = null)
{
    private readonly FormChecker checker = checker ?? FormChecker.ByJurisdiction();

    /// <summary>The store (for the use cases).</summary>
    internal FilingStore Store => store;

    /// <summary>Filing <paramref name="id"/> as <paramref name="caller"/> sees it; null when missing or not the caller's to see.</summary>
    public async Task<FilingView?> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var filing = await VisibleAsync(caller, id, cancellationToken);
        return filing is null ? null : await ViewAsync(caller, filing, cancellationToken);
    }

    /// <summary>The saved versions of filing <paramref name="id"/>'s content, oldest first; null when not the caller's to see.</summary>
    public async Task<IReadOnlyList<FilingRevisionRecord>?> RevisionsAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await VisibleAsync(caller, id, cancellationToken) is null ? null : await store.RevisionsAsync(id, cancellationToken);
    }

    /// <summary>
    /// The caller's queue (我的填报 / 待审核): the filings of the caller's scope in <paramref name="status"/> — by
    /// default every status the caller sees, and for a department reviewer the submitted ones — of a kind and a year
    /// when given, the newest change first. A status the caller does not see gives an empty page.
    /// </summary>
    public async Task<PagedResult<FilingItem>> ListAsync(
        Caller caller, FilingStatus? status = null, FormKind? kind = null, int? year = null, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var party = FilingParties.Of(caller);
        IReadOnlyList<FilingStatus> statuses;
        if (status is { } s)
        {
            statuses = FilingWorkflow.Sees(party, s) ? [s] : [];
        }
        else
        {
            statuses = party == FilingParty.DepartmentReviewer ? [FilingStatus.Submitted] : FilingWorkflow.Seen(party);
        }

        if (statuses.Count == 0)
        {
            return new PagedResult<FilingItem>([], 0, Math.Max(1, page), Math.Clamp(pageSize, 1, FormQuery.MaxPageSize));
        }

        return await store.ListAsync(new FilingQuery
        {
            Scope = await policy.ScopeAsync(caller, cancellationToken),
            Statuses = statuses,
            Kind = kind,
            Year = year,
            Page = page,
            PageSize = pageSize,
        }, cancellationToken);
    }

    /// <summary>
    /// The first checks of every use case, in order: the filing exists and the caller sees it (else not found), the
    /// caller's role may ever take <paramref name="action"/> (else forbidden), the version the caller had is the
    /// current one when given (else a conflict naming who changed what), the status allows the step (else not now).
    /// </summary>
    internal async Task<(FilingRecord? Filing, FilingResult? Refusal)> OpenAsync(
        Caller caller, long id, FilingAction action, int? expectedVersion, CancellationToken cancellationToken)
    {
        var filing = await VisibleAsync(caller, id, cancellationToken);
        if (filing is null)
        {
            return (null, FilingResult.NotFound);
        }

        if (caller.ReadOnly || !FilingWorkflow.MayEver(FilingParties.Of(caller), action))
        {
            return (null, FilingResult.Forbidden);
        }

        if (expectedVersion is { } v && v != filing.Version)
        {
            return (null, FilingResult.Conflicted(await ConflictAsync(filing, v, cancellationToken)));
        }

        if (!FilingParties.MayAct(caller, filing.Status, action))
        {
            return (null, FilingResult.NotNow(FilingProblem.WrongStatus));
        }

        return (filing, null);
    }

    /// <summary>The refusal of a change that was not written because the filing moved on from <paramref name="expectedVersion"/> meanwhile.</summary>
    internal async Task<FilingResult> ConflictAsync(long id, int expectedVersion, CancellationToken cancellationToken)
    {
        var now = await store.GetAsync(id, cancellationToken);
        return now is null ? FilingResult.NotFound : FilingResult.Conflicted(await ConflictAsync(now, expectedVersion, cancellationToken));
    }

    /// <summary>The success of a change: the filing as the caller now sees it, with what the checks found when they ran.</summary>
    internal async Task<FilingResult> DoneAsync(Caller caller, long id, IReadOnlyList<Finding>? findings, CancellationToken cancellationToken, long? commentId = null)
    {
        var filing = await store.GetAsync(id, cancellationToken);
        return new FilingResult(FilingOutcome.Done)
        {
            Filing = filing is null ? null : await ViewAsync(caller, filing, cancellationToken),
            Findings = findings,
            CommentId = commentId,
        };
    }

    /// <summary>The rule set a filing is scored and checked by: the one it names, else the one of its jurisdiction and year.</summary>
    internal static RuleSet RulesOf(FilingRecord filing, PerformanceForm form) => RuleSets.Find(filing.RuleSet) ?? RuleSets.For(form);

    /// <summary>
    /// A filing's content as filed (docs/rules.md §8, <see cref="LiveEvaluation.AsFiled"/>): a self-evaluation with the
    /// empty cells the rules compute — suggested scores, execution rate and score, total and grade — filled in, as the
    /// editor shows them; a declaration as it is. The content itself stays what the unit typed (a suggestion written
    /// into the draft would read as an override once an actual changes), so the checks, the review and the
    /// publication all read the form through this.
    /// </summary>
    internal static PerformanceForm Filed(FilingRecord filing)
    {
        var typed = FilingContent.Parse(filing.Content);
        return LiveEvaluator.For(RulesOf(filing, typed)).Evaluate(typed).AsFiled;
    }

    /// <summary>Scores and checks a filing's content by its rule set.</summary>
    internal CheckResult Check(FilingRecord filing, PerformanceForm form) => checker.CheckAndScore(form, RulesOf(filing, form));

    /// <summary>Filing <paramref name="id"/> when the caller sees it: within the caller's department scope and seen in its status by the caller's part.</summary>
    internal async Task<FilingRecord?> VisibleAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        var filing = await store.GetAsync(id, cancellationToken);
        if (filing is null || !FilingWorkflow.Sees(FilingParties.Of(caller), filing.Status))
        {
            return null;
        }

        return (await policy.ScopeAsync(caller, cancellationToken)).Allows(filing.DepartmentId) ? filing : null;
    }

    private async Task<FilingView> ViewAsync(Caller caller, FilingRecord filing, CancellationToken cancellationToken)
    {
        var comments = await store.CommentsAsync(filing.Id, cancellationToken);
        var party = FilingParties.Of(caller);
        IReadOnlyList<FilingAction> actions = caller.ReadOnly ? [] : [.. FilingWorkflow.ActionsOf(party, filing.Status)
            .Where(a => a != FilingAction.Withdraw || filing.ReviewStartedAt is null)];
        return new FilingView(filing, comments, party, actions, Check(filing, Filed(filing)).Findings);
    }

    private async Task<FilingConflict> ConflictAsync(FilingRecord now, int expectedVersion, CancellationToken cancellationToken)
    {
        var then = await store.RevisionAtAsync(now.Id, expectedVersion, cancellationToken);
        return new FilingConflict(expectedVersion, now.Version, now.Status, now.UpdatedBy, now.UpdatedAt,
            then is null ? [] : FilingContent.Compare(then.Content, now.Content));
    }
}
