using System.Data.Common;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;

namespace Jixiao.Data.Forms;

/// <summary>
/// The organisation tree (region → department → unit) as one import sees it: loaded at the start of the batch's
/// transaction, grown as new names appear (with temporary negative ids), written with the batch (and rolled back with
/// it). Used by the one thread that reads the forms.
/// </summary>
internal sealed class OrganisationDirectory
{
    private readonly Dictionary<string, long> byPath = new(StringComparer.Ordinal);
    private readonly List<Organisation> pending = [];
    private long nextTemporary = -1;

    public static async Task<OrganisationDirectory> LoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var directory = new OrganisationDirectory();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT id, path FROM organisations";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            directory.byPath[reader.GetString(1)] = reader.GetInt64(0);
        }

        return directory;
    }

    /// <summary>The stored ids of the organisations with these paths (those that exist).</summary>
    public static async Task<Dictionary<string, long>> FindAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var names = new List<string>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var name = "p" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Sql.AddParameter(cmd, name, path);
            names.Add("@" + name);
        }

        if (names.Count == 0)
        {
            return found;
        }

        cmd.CommandText = "SELECT id, path FROM organisations WHERE path IN (" + string.Join(", ", names) + ")";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(1)] = reader.GetInt64(0);
        }

        return found;
    }

    /// <summary>The ids of a form's department and unit; new organisations get temporary negative ids (see <see cref="TakePending"/>).</summary>
    public (long? DepartmentId, long? UnitId) Resolve(string? department, string? unit)
    {
        var deptKey = NameKeys.Plain(department);
        long? deptId = null;
        string deptPath = "";
        if (deptKey.Length > 0)
        {
            var regionName = NameKeys.Region(department);
            long? regionId = null;
            var regionPath = "";
            if (regionName.Length > 0 && regionName.Length < deptKey.Length)
            {
                regionPath = regionName;
                regionId = GetOrAdd(OrganisationKind.Region, "Region:" + regionPath, regionName, regionName, null);
            }

            deptPath = regionPath + "/" + deptKey;
            deptId = GetOrAdd(OrganisationKind.Department, "Department:" + deptPath, NameKeys.Display(department), deptKey, regionId);
        }

        var unitKey = NameKeys.Plain(unit);
        long? unitId = null;
        if (unitKey.Length > 0)
        {
            unitId = GetOrAdd(OrganisationKind.Unit, "Unit:" + deptPath + "/" + unitKey, NameKeys.Display(unit), unitKey, deptId);
        }

        return (deptId, unitId);
    }

    /// <summary>The organisations added since the last call, parents before children, with temporary negative ids.</summary>
    public List<Organisation> TakePending()
    {
        var taken = new List<Organisation>(pending);
        pending.Clear();
        return taken;
    }

    private long GetOrAdd(OrganisationKind kind, string path, string name, string key, long? parentId)
    {
        if (path.Length > 1600)
        {
            path = path[..1600];
        }

        if (byPath.TryGetValue(path, out var id))
        {
            return id;
        }

        id = nextTemporary--;
        pending.Add(new Organisation { Id = id, Kind = kind, Name = name.Length > 500 ? name[..500] : name, Key = key, ParentId = parentId, Path = path });
        byPath[path] = id;
        return id;
    }
}
