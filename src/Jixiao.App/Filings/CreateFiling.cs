using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;

namespace Jixiao.App.Filings;

/// <summary>
/// What a new filing starts from: its kind and heading, or a whole content, or — for a self-evaluation — the
/// approved declaration of the same project it continues.
/// </summary>
/// <param name="Kind">绩效目标申报表 or 绩效自评表.</param>
/// <param name="Year">年度 (without <see cref="Content"/> or a declaration).</param>
/// <param name="ProjectName">项目名称 (without <see cref="Content"/> or a declaration).</param>
/// <param name="ImplementingUnit">实施单位 (optional).</param>
public sealed record FilingDraft(FormKind Kind, int? Year = null, string? ProjectName = null, string? ImplementingUnit = null)
{
    /// <summary>The rule set by name (<see cref="RuleSet.Name"/>); by default the one of the form's jurisdiction and year.</summary>
    public string? RuleSet { get; init; }

    /// <summary>A self-evaluation started from this approved declaration: its indicators, targets and weights carried over.</summary>
    public long? DeclarationFilingId { get; init; }

    /// <summary>A whole first content (<c>jixiao.form/1</c>), instead of the heading.</summary>
    public string? Content { get; init; }
}

/// <summary>
/// The use case "start a form" (新建填报): a department user starts a draft of their department — a target
/// declaration, or a self-evaluation, possibly from an approved declaration of the same project (indicators, targets
/// and planned weights carried over; one self-evaluation per declaration). Audited in its transaction.
/// </summary>
public sealed class CreateFiling(FilingCatalog filings, AccessPolicy policy, TimeProvider clock)
{
    /// <summary>Starts a draft from <paramref name="draft"/>.</summary>
    public async Task<FilingResult> ExecuteAsync(Caller caller, FilingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        if (!AccessPolicy.Allows(caller, Permission.FillForms))
        {
            return FilingResult.Forbidden;
        }

        var scope = await policy.ScopeAsync(caller, cancellationToken);
        if (caller.Department is not { } department || scope.DepartmentIds is not [var departmentId, ..])
        {
            return FilingResult.NotNow(FilingProblem.UnknownDepartment);
        }

        if (draft.Kind is not (FormKind.TargetDeclaration or FormKind.SelfEvaluation))
        {
            return FilingResult.Invalid(FilingProblem.KindInvalid);
        }

        var (form, declaration, refusal) = await FormOfAsync(caller, draft, department, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var rules = RuleSets.For(form!);
        if (draft.RuleSet is { Length: > 0 } name)
        {
            if (RuleSets.Find(name.Trim()) is not { } chosen)
            {
                return FilingResult.Invalid(FilingProblem.UnknownRuleSet, FilingMessages.UnknownRuleSet.Format(name.Trim()));
            }

            rules = chosen;
        }
        else if (declaration is not null)
        {
            rules = RuleSets.Find(declaration.RuleSet) ?? rules;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new FilingRecord
        {
            Kind = form!.Kind, Year = form.Year!.Value, ProjectName = form.ProjectName, DepartmentId = departmentId, Department = department,
            ImplementingUnit = form.ImplementingUnit, Status = FilingStatus.Draft, Content = FilingContent.Write(form), RuleSet = rules.Name,
            DeclarationFilingId = declaration?.Id, CreatedBy = caller.Name, CreatedAt = now, UpdatedBy = caller.Name, UpdatedAt = now,
        };
        var id = await filings.Store.CreateAsync(record, id => [
            new AuditRecord(caller.Name, "filing-create", "filing", id.ToString(CultureInfo.InvariantCulture),
                $"kind={form.Kind.ToJsonLabel()}; year={record.Year.ToString(CultureInfo.InvariantCulture)}; department={department}; project={record.ProjectName}"
                + (declaration is null ? "" : "; declaration=" + declaration.Id.ToString(CultureInfo.InvariantCulture))),
        ], cancellationToken);
        if (id is null)
        {
            return await ExistingSelfEvaluationAsync(declaration!.Id, cancellationToken);
        }

        return await filings.DoneAsync(caller, id.Value, null, cancellationToken);
    }

    /// <summary>The first content of the draft, the declaration it continues (if any), or why there is none.</summary>
    private async Task<(PerformanceForm? Form, FilingRecord? Declaration, FilingResult? Refusal)> FormOfAsync(
        Caller caller, FilingDraft draft, string department, CancellationToken cancellationToken)
    {
        if (draft.DeclarationFilingId is { } declarationId)
        {
            if (draft.Kind != FormKind.SelfEvaluation)
            {
                return (null, null, FilingResult.Invalid(FilingProblem.KindInvalid));
            }

            var declaration = await filings.VisibleAsync(caller, declarationId, cancellationToken);
            if (declaration is null)
            {
                return (null, null, FilingResult.Refused(FilingOutcome.NotFound, FilingProblem.NoSuchDeclaration));
            }

            if (declaration.Kind != FormKind.TargetDeclaration || declaration.Status is not (FilingStatus.Approved or FilingStatus.Published))
            {
                return (null, null, FilingResult.NotNow(FilingProblem.DeclarationNotApproved));
            }

            if (await filings.Store.SelfEvaluationOfAsync(declaration.Id, cancellationToken) is not null)
            {
                return (null, null, await ExistingSelfEvaluationAsync(declaration.Id, cancellationToken));
            }

            var form = FilingContent.SelfEvaluationFrom(FilingContent.Parse(declaration.Content));
            form.Department = department;
            return (form, declaration, null);
        }

        if (draft.Content is not null)
        {
            var read = FilingContent.Read(draft.Content, draft.Kind, department, out var problem, out var message);
            return (read, null, read is null ? FilingResult.Invalid(problem, message) : null);
        }

        if (FilingContent.Check(draft.Year, draft.ProjectName, draft.ImplementingUnit) is { } bad)
        {
            return (null, null, FilingResult.Invalid(bad.Item1, bad.Item2));
        }

        return (FilingContent.Empty(draft.Kind, draft.Year!.Value, draft.ProjectName!, department, draft.ImplementingUnit), null, null);
    }

    private async Task<FilingResult> ExistingSelfEvaluationAsync(long declarationId, CancellationToken cancellationToken)
    {
        var existing = await filings.Store.SelfEvaluationOfAsync(declarationId, cancellationToken);
        return FilingResult.NotNow(FilingProblem.SelfEvaluationExists,
            FilingMessages.SelfEvaluationExists.Format((existing ?? 0).ToString(CultureInfo.InvariantCulture)));
    }
}
