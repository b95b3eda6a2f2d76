using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Data.Filings;

namespace Jixiao.App.Filings;

/// <summary>
/// The refusals of filing (填报) in Chinese and English, each with a stable code: what the pages and the API say when
/// a step is refused, in the user's language.
/// </summary>
public static class FilingMessages
{
    public static readonly MessageTemplate NotFound = new("FILING-NOT-FOUND",
        "没有找到这张填报表，或你无权查看。",
        "No such filing, or not yours to see.");

    public static readonly MessageTemplate Forbidden = new("FILING-FORBIDDEN",
        "你的角色不能执行这一步。",
        "Your role may not take this step.");

    public static readonly MessageTemplate Conflict = new("FILING-CONFLICT",
        "这张表已被 {0} 修改（现为第 {1} 版），你的修改没有保存：请查看对方改了什么，刷新后再改。",
        "{0} changed this filing meanwhile (now version {1}); your change was not saved: look at what changed, reload and try again.");

    public static readonly MessageTemplate WrongStatus = new("FILING-WRONG-STATUS",
        "这张表当前的状态不允许这一步。",
        "The filing's status does not allow this step now.");

    public static readonly MessageTemplate ReviewStarted = new("FILING-REVIEW-STARTED",
        "审核人已开始审核这张表，不能再撤回。",
        "A reviewer has started on this form: it can no longer be withdrawn.");

    public static readonly MessageTemplate UnknownDepartment = new("FILING-UNKNOWN-DEPARTMENT",
        "系统中没有你所在的主管部门，不能新建填报表；请联系管理员。",
        "Your department is not known to Jixiao, so no form can be started; ask an administrator.");

    public static readonly MessageTemplate KindInvalid = new("FILING-KIND",
        "表类型应为 target-declaration（绩效目标申报表）或 self-evaluation（绩效自评表）。",
        "The kind must be target-declaration or self-evaluation.");

    public static readonly MessageTemplate ContentInvalid = new("FILING-CONTENT",
        "表的内容无法读取：应为一个 jixiao.form/1 对象。",
        "The content cannot be read: expected one jixiao.form/1 object.");

    public static readonly MessageTemplate ContentError = new("FILING-CONTENT-ERROR",
        "表的内容有误：{0}",
        "The content has an error: {0}");

    public static readonly MessageTemplate KindMismatch = new("FILING-KIND-MISMATCH",
        "内容的表类型（{0}）与这张填报表（{1}）不同。",
        "The content's kind ({0}) is not the filing's ({1}).");

    public static readonly MessageTemplate YearRequired = new("FILING-YEAR",
        "请填写年度（2000–2100）。",
        "Give the year (2000 to 2100).");

    public static readonly MessageTemplate ProjectRequired = new("FILING-PROJECT",
        "请填写项目名称。",
        "Give the project name.");

    public static readonly MessageTemplate TooLong = new("FILING-TOO-LONG",
        "{0}太长：最多 {1} 个字。",
        "{0} is too long: at most {1} characters.");

    public static readonly MessageTemplate UnknownRuleSet = new("FILING-RULE-SET",
        "没有名为“{0}”的评分规则。",
        "No rule set is named '{0}'.");

    public static readonly MessageTemplate NoSuchDeclaration = new("FILING-NO-DECLARATION",
        "没有找到这张申报表，或你无权查看。",
        "No such declaration, or not yours to see.");

    public static readonly MessageTemplate DeclarationNotApproved = new("FILING-DECLARATION-NOT-APPROVED",
        "只能从已审核通过的绩效目标申报表开始自评。",
        "A self-evaluation starts from an approved target declaration only.");

    public static readonly MessageTemplate SelfEvaluationExists = new("FILING-SELF-EVALUATION-EXISTS",
        "这张申报表已开始自评（填报表 {0}）。",
        "A self-evaluation was already started from this declaration (filing {0}).");

    public static readonly MessageTemplate TextRequired = new("FILING-TEXT",
        "请填写意见内容。",
        "Please write the comment.");

    public static readonly MessageTemplate TextTooLong = new("FILING-TEXT-TOO-LONG",
        "内容太长：最多 {0} 个字。",
        "The text is too long: at most {0} characters.");

    public static readonly MessageTemplate FieldInvalid = new("FILING-FIELD",
        "“{0}”不是表中的单元格：应为如 indicators[3].target、funds.total.executed 的路径，或留空表示整张表。",
        "'{0}' is not a cell of the form: expected a path such as indicators[3].target or funds.total.executed, or none for the whole form.");

    public static readonly MessageTemplate OverrideReasonRequired = new("FILING-OVERRIDE-REASON",
        "检查发现 {0} 个错误：要审核通过，请写明放行理由。",
        "The checks found {0} errors: approving needs your reason for overriding them.");

    public static readonly MessageTemplate CommentRequired = new("FILING-COMMENT-REQUIRED",
        "退回时请至少写一条意见，说明要改什么。",
        "A return needs at least one comment saying what to change.");

    public static readonly MessageTemplate NoSuchComment = new("FILING-NO-COMMENT",
        "这张表没有这条意见。",
        "The filing has no such comment.");

    public static readonly MessageTemplate AlreadyResolved = new("FILING-RESOLVED",
        "这条意见已经解决。",
        "The comment is resolved already.");

    public static readonly MessageTemplate SubmissionBlockedTemplate = new("FILING-SUBMISSION-BLOCKED",
        "无法提交：{0} 处需修改 — {1}。",
        "Cannot submit, {0} cells to fix: {1}.");

    public static readonly MessageTemplate ReasonRequired = new("FILING-REASON",
        "撤销公开须写明理由。",
        "Withdrawing a form from public disclosure needs a reason.");

    /// <summary>The templates of this class.</summary>
    public static MessageCatalogue Catalogue { get; } = new([
        NotFound, Forbidden, Conflict, WrongStatus, ReviewStarted, UnknownDepartment, KindInvalid, ContentInvalid, ContentError, KindMismatch,
        YearRequired, ProjectRequired, TooLong, UnknownRuleSet, NoSuchDeclaration, DeclarationNotApproved, SelfEvaluationExists, TextRequired,
        TextTooLong, FieldInvalid, OverrideReasonRequired, CommentRequired, NoSuchComment, AlreadyResolved, SubmissionBlockedTemplate, ReasonRequired,
    ]);

    /// <summary>The refusal of a submission, listing every cell to fix (无法提交：3 处需修改 — 指标 2 目标值「≥」缺少数值；…).</summary>
    public static LocalText SubmissionBlocked(IReadOnlyList<SubmissionBlocker> blockers)
    {
        ArgumentNullException.ThrowIfNull(blockers);
        return SubmissionBlockedTemplate.Format(blockers.Count,
            new LocalText("FILING-SUBMISSION-CELLS", string.Join("；", blockers.Select(b => b.MessageZh)), string.Join("; ", blockers.Select(b => b.MessageEn))));
    }

    /// <summary>The words of a problem that needs no detail (the others are made where their detail is known).</summary>
    public static LocalText? Of(FilingProblem problem) => problem switch
    {
        FilingProblem.WrongStatus => WrongStatus.Format(),
        FilingProblem.ReviewStarted => ReviewStarted.Format(),
        FilingProblem.UnknownDepartment => UnknownDepartment.Format(),
        FilingProblem.KindInvalid => KindInvalid.Format(),
        FilingProblem.ContentInvalid => ContentInvalid.Format(),
        FilingProblem.YearRequired => YearRequired.Format(),
        FilingProblem.ProjectRequired => ProjectRequired.Format(),
        FilingProblem.NoSuchDeclaration => NoSuchDeclaration.Format(),
        FilingProblem.DeclarationNotApproved => DeclarationNotApproved.Format(),
        FilingProblem.TextRequired => TextRequired.Format(),
        FilingProblem.TextTooLong => TextTooLong.Format(FilingStore.TextLength),
        FilingProblem.CommentRequired => CommentRequired.Format(),
        FilingProblem.ReasonRequired => ReasonRequired.Format(),
        FilingProblem.NoSuchComment => NoSuchComment.Format(),
        FilingProblem.AlreadyResolved => AlreadyResolved.Format(),
        _ => null,
    };
}
