namespace Jixiao.Data.Entities;

/// <summary>
/// One entry of the indicator library (指标库条目): an indicator name under its first- and second-level labels, as keys
/// (<see cref="Core.Library.LibraryKeys.Entry"/>), with the curation of the administrators — merged into another entry
/// (同义合并), recommended (推荐), retired (停用). Made by the library's build when an imported form first uses the
/// name; never deleted, so the curation holds when forms are deleted and imported again.
/// </summary>
public sealed class LibraryEntry
{
    public long Id { get; set; }

    /// <summary>一级指标 key (产出指标 …); empty when not printed.</summary>
    public string Level1 { get; set; } = "";

    /// <summary>二级指标 key (数量指标 …); empty when not printed.</summary>
    public string Level2 { get; set; } = "";

    /// <summary>The name's <see cref="Core.Forms.TextKey"/>: with the levels, the entry's identity.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>The name as first printed (三级指标).</summary>
    public string Name { get; set; } = "";

    /// <summary>The entry this one was merged into (its names count there); null for an entry of its own.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>推荐: suggested first.</summary>
    public bool Recommended { get; set; }

    /// <summary>停用: never suggested (a vague or unmeasurable indicator).</summary>
    public bool Retired { get; set; }

    /// <summary>The administrator's note on the last change (why it was retired …).</summary>
    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Who changed the curation last, and when (UTC).</summary>
    public string? UpdatedBy { get; set; }

    public DateTime? UpdatedAt { get; set; }
}

/// <summary>
/// An import batch whose forms the library has counted (<see cref="Library.LibraryBuilder"/>). Deleted with its
/// batch (a foreign key, ON DELETE CASCADE), and with it the batch's cells.
/// </summary>
public sealed class LibraryBatch
{
    public long BatchId { get; set; }

    public int Forms { get; set; }

    public int Indicators { get; set; }

    public DateTime BuiltAt { get; set; }
}

/// <summary>
/// What the library counts of one entry in one import batch, 主管部门 and project type: indicator rows, and of the
/// self-evaluations' rows how many met their target and how many did not. <see cref="DepartmentId"/> 0 stands for
/// "not stated".
/// </summary>
public abstract class LibraryCounts
{
    public long BatchId { get; set; }

    public long EntryId { get; set; }

    public long DepartmentId { get; set; }

    /// <summary>The project type's code (<see cref="Core.Library.ProjectType.Code"/>).</summary>
    public string ProjectType { get; set; } = "";

    /// <summary>Indicator rows.</summary>
    public int Indicators { get; set; }

    /// <summary>Of those, rows of self-evaluations.</summary>
    public int SelfEvaluations { get; set; }

    public int Met { get; set; }

    public int NotMet { get; set; }
}

/// <summary>How one import batch's forms of one 主管部门, project type and year use one library entry (<see cref="Year"/> 0: not stated).</summary>
public sealed class LibraryCell : LibraryCounts
{
    public int Year { get; set; }

    /// <summary>Forms using the entry (a form using it twice counts once).</summary>
    public int Forms { get; set; }
}

/// <summary>
/// One target value (<see cref="Core.Library.LibraryKeys.Target"/>) of one library entry in one batch, 主管部门 and
/// project type: how often it was set, how often self-evaluations met it, and the numbers they reached (in the target's
/// unit: their count, sum, least and greatest).
/// </summary>
public sealed class LibraryTargetCell : LibraryCounts
{
    /// <summary>The target as the library groups targets (<c>≥95%</c>, <c>及时</c>).</summary>
    public string Target { get; set; } = "";

    /// <summary>Self-evaluations whose actual value is a number in the target's unit.</summary>
    public int Actuals { get; set; }

    public decimal ActualSum { get; set; }

    public decimal? ActualMin { get; set; }

    public decimal? ActualMax { get; set; }
}

/// <summary>The forms of one batch, 主管部门, project type and year, and how many are self-evaluations: the base of the library's shares.</summary>
public sealed class LibraryFormCell
{
    public long BatchId { get; set; }

    public long DepartmentId { get; set; }

    public string ProjectType { get; set; } = "";

    public int Year { get; set; }

    public int Forms { get; set; }

    public int SelfEvaluations { get; set; }
}
