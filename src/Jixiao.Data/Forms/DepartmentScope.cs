namespace Jixiao.Data.Forms;

/// <summary>
/// Which 主管部门 a caller may see, as organisation ids: every query of forms and of the portfolio takes one. Made once
/// per caller by the access policy of Jixiao.App (a department user's department, looked up by name); a null scope
/// (or <see cref="All"/>) sees everything.
/// </summary>
public sealed class DepartmentScope
{
    private DepartmentScope(long[]? departmentIds) => DepartmentIds = departmentIds;

    /// <summary>Every department (administrators, finance reviewers, supervisors).</summary>
    public static DepartmentScope All { get; } = new(null);

    /// <summary>The departments with these ids only; none when empty (a department that has no form yet).</summary>
    public static DepartmentScope Only(IEnumerable<long> departmentIds)
    {
        ArgumentNullException.ThrowIfNull(departmentIds);
        return new DepartmentScope([.. departmentIds.Distinct().Order()]);
    }

    /// <summary>The ids allowed, or null for all.</summary>
    public long[]? DepartmentIds { get; }

    /// <summary>True when every department is allowed.</summary>
    public bool IsAll => DepartmentIds is null;

    /// <summary>True when a form of department <paramref name="departmentId"/> may be seen.</summary>
    public bool Allows(long? departmentId) =>
        DepartmentIds is null || (departmentId is { } id && Array.IndexOf(DepartmentIds, id) >= 0);

    public override string ToString() => DepartmentIds is null ? "all" : "departments " + string.Join(",", DepartmentIds);
}
