namespace Jixiao.Data.Entities;

/// <summary>The levels of the organisation tree.</summary>
public enum OrganisationKind
{
    /// <summary>地区: a city, district, county or town, taken from the department's name.</summary>
    Region,

    /// <summary>主管部门.</summary>
    Department,

    /// <summary>实施单位 (预算单位).</summary>
    Unit,
}

/// <summary>
/// One node of the organisation tree region → department → unit, created from imported forms. Names are matched by
/// their normalised key (NFKC, no white space), so <c>上海市公安局 宝山分局</c> and <c>上海市公安局宝山分局</c> are one.
/// </summary>
public sealed class Organisation
{
    public long Id { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>The name as first seen.</summary>
    public string Name { get; set; } = "";

    /// <summary>The normalised name.</summary>
    public string Key { get; set; } = "";

    public long? ParentId { get; set; }

    /// <summary>Unique: the kind and the keys from the root, e.g. <c>Unit:上海市/上海市公安局宝山分局/上海市公安局宝山分局</c>.</summary>
    public string Path { get; set; } = "";
}
