using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.App.Access;

/// <summary>What a caller may do (权限).</summary>
public enum Permission
{
    /// <summary>Read forms, the portfolio and import batches (within the department scope).</summary>
    Read,

    /// <summary>Upload and import files.</summary>
    Import,

    /// <summary>Delete an import batch with its forms.</summary>
    DeleteBatch,

    /// <summary>Create accounts, change roles, disable, reset passwords; read the audit log.</summary>
    ManageAccounts,

    /// <summary>
    /// Confirm or dismiss a finding (复核): administrators, finance reviewers and supervisors — the one change a
    /// supervisor (人大预算工委, 审计) may make, because confirming what the checks flag is their work.
    /// </summary>
    ReviewFindings,

    /// <summary>
    /// Send a form's department a rectification request (整改通知) and accept or send back its answer (督办):
    /// administrators and finance reviewers.
    /// </summary>
    DemandRectification,

    /// <summary>Answer a rectification request of one's own department (答复整改): department users.</summary>
    AnswerRectification,

    /// <summary>Start, follow and cancel a re-check of all stored forms with the current rules (重新核查): administrators.</summary>
    RecheckForms,

    /// <summary>Fill, save, submit and withdraw the forms of one's own department in Jixiao (填报): department users.</summary>
    FillForms,

    /// <summary>
    /// Return or approve submitted forms (审核): department reviewers (their own department's), finance reviewers and
    /// administrators (every department's).
    /// </summary>
    ReviewFilings,

    /// <summary>Publish approved forms (公开): finance reviewers and administrators.</summary>
    PublishFilings,
    /// <summary>Curate the indicator library (指标库维护: merge synonyms, recommend, retire): administrators.</summary>
    CurateLibrary,
}

/// <summary>
/// The one access policy (访问策略): what each role may do, and which 主管部门 each caller may see. Every query of the
/// use-case layer asks it for the caller's <see cref="DepartmentScope"/>, resolved once per caller and kept a minute per department (a department user's
/// or department reviewer's department, looked up by normalised name; a department not in the database yet gives an empty scope — never all).
/// </summary>
public sealed class AccessPolicy
{
    /// <summary>How long a department's ids are kept: a department of the same name stored later is seen after at most this.</summary>
    public static readonly TimeSpan DepartmentLifetime = TimeSpan.FromSeconds(60);

    private readonly DepartmentDirectory departments;
    private readonly TimeProvider clock;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DepartmentScope Scope, long Until)> known = new(StringComparer.Ordinal);

    public AccessPolicy(DepartmentDirectory departments, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(departments);
        this.departments = departments;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// True when <paramref name="caller"/> may do <paramref name="permission"/>: what the role allows, narrowed to
    /// reading for a read-only caller (<see cref="Caller.ReadOnly"/>).
    /// </summary>
    public static bool Allows(Caller caller, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadOnly && permission != Permission.Read)
        {
            return false;
        }

        return permission switch
        {
            Permission.Read => true,
            Permission.Import => caller.Role is UserRole.Administrator or UserRole.FinanceReviewer,
            Permission.DeleteBatch => caller.Role is UserRole.Administrator,
            Permission.ManageAccounts => caller.Role is UserRole.Administrator,
            Permission.ReviewFindings => caller.Role is UserRole.Administrator or UserRole.FinanceReviewer or UserRole.Supervisor,
            Permission.DemandRectification => caller.Role is UserRole.Administrator or UserRole.FinanceReviewer,
            Permission.AnswerRectification => caller.Role is UserRole.DepartmentUser,
            Permission.RecheckForms => caller.Role is UserRole.Administrator,
            Permission.FillForms => caller.Role is UserRole.DepartmentUser,
            Permission.ReviewFilings => caller.Role is UserRole.Administrator or UserRole.FinanceReviewer or UserRole.DepartmentReviewer,
            Permission.PublishFilings => caller.Role is UserRole.Administrator or UserRole.FinanceReviewer,
            Permission.CurateLibrary => caller.Role is UserRole.Administrator,
            _ => false,
        };
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless <paramref name="caller"/> may do <paramref name="permission"/>.</summary>
    public static void Demand(Caller caller, Permission permission)
    {
        if (!Allows(caller, permission))
        {
            throw new AccessDeniedException($"{caller} may not {permission}");
        }
    }

    /// <summary>
    /// The departments <paramref name="caller"/> may see: all, except for the roles of one department (a department
    /// user, a department reviewer: <see cref="UserRoles.HasDepartment"/>) their own (resolved once).
    /// </summary>
    public async ValueTask<DepartmentScope> ScopeAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ResolvedScope is { } known)
        {
            return known;
        }

        var scope = caller.Role.HasDepartment()
            ? await DepartmentAsync(caller.Department, cancellationToken)
            : DepartmentScope.All;
        caller.ResolvedScope = scope;
        return scope;
    }

    /// <summary>
    /// The scope of a department account of <paramref name="department"/>: its ids, kept for <see cref="DepartmentLifetime"/>
    /// once found (a department that is not stored yet is asked again on the next request, so it is seen at once).
    /// </summary>
    private async ValueTask<DepartmentScope> DepartmentAsync(string? department, CancellationToken cancellationToken)
    {
        if (department is null)
        {
            return DepartmentScope.Only([]);
        }

        var now = clock.GetTimestamp();
        if (known.TryGetValue(department, out var entry) && now < entry.Until)
        {
            return entry.Scope;
        }

        var ids = await departments.IdsOfAsync(department, cancellationToken);
        var scope = DepartmentScope.Only(ids);
        if (ids.Length > 0)
        {
            known[department] = (scope, now + (long)(DepartmentLifetime.TotalSeconds * clock.TimestampFrequency));
        }

        return scope;
    }
}
