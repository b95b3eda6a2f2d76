using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Forms;

/// <summary>Looks up organisations (主管部门, 实施单位) by normalised name and id.</summary>
internal static class Organisations
{
    /// <summary>The ids of the organisations of <paramref name="kind"/> whose normalised name is that of <paramref name="name"/>.</summary>
    internal static async Task<long[]> IdsAsync(JixiaoDbContext db, OrganisationKind kind, string name, CancellationToken cancellationToken)
    {
        var key = NameKeys.Plain(name);
        return await db.Organisations.AsNoTracking().Where(o => o.Kind == kind && o.Key == key).Select(o => o.Id).ToArrayAsync(cancellationToken);
    }

    /// <summary>
    /// The ids of the 实施单位 a unit filter names: the unit of that normalised name when there is one, else every unit
    /// whose normalised name contains it (a part of the name, e.g. 大数据中心), matched literally.
    /// </summary>
    internal static async Task<long[]> UnitIdsAsync(JixiaoDbContext db, string name, CancellationToken cancellationToken)
    {
        var exact = await IdsAsync(db, OrganisationKind.Unit, name, cancellationToken);
        var key = NameKeys.Plain(name);
        if (exact.Length > 0 || key.Length == 0)
        {
            return exact;
        }

        var pattern = TextSearch.LikePattern(key);
        return await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Unit && EF.Functions.Like(o.Key, pattern, "\\"))
            .Select(o => o.Id).ToArrayAsync(cancellationToken);
    }

    /// <summary>The names of the organisations <paramref name="ids"/>.</summary>
    internal static async Task<Dictionary<long, string>> NamesAsync(JixiaoDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }
}

/// <summary>The 主管部门 known to the database, by normalised name (the access policy resolves scopes with it).</summary>
public sealed class DepartmentDirectory
{
    private readonly JixiaoDatabase database;

    public DepartmentDirectory(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>The ids of the departments named <paramref name="name"/> (after normalisation); empty when none.</summary>
    public async Task<long[]> IdsOfAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Search.NameKeys.Plain(name).Length == 0)
        {
            return [];
        }

        await using var db = database.CreateContext();
        return await Organisations.IdsAsync(db, OrganisationKind.Department, name, cancellationToken);
    }
}
