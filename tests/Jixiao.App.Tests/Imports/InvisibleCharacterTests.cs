using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Imports;

/// <summary>
/// A department or unit name printed with characters that show nothing — zero-width spaces, direction marks, a soft
/// hyphen, invisible operators — is the same organisation as the plain name (issue 10, item 9: it became a second
/// department), and is shown without them.
/// </summary>
public abstract class InvisibleCharacterTests : DatabaseTest
{
    private const string Plain = "上海市宝山区数据局";

    public static readonly string[] Printings =
    [
        Plain,
        "上海市宝山区\u200B数据局",
        "\uFEFF上海市宝山区数据局",
        "上海市宝山区数据局\u200E",
        "上海\u00AD市宝山区数据局",
        "上海市宝山区数据局\u2063",
        "\u202A上海市宝山区数据局\u202C",
        "上海市宝山区　数据局 ",
    ];

    [DbFact]
    public async Task Every_printing_of_a_department_name_is_one_department_shown_plainly()
    {
        var forms = Printings.Select((name, i) =>
        {
            var form = SampleForms.SelfEvaluation(name, 2024, "项目" + i);
            form.ImplementingUnit = "宝山区大数据中心\u200D";
            return form;
        });

        var result = await new FormImporter(Db).ImportFormsAsync(forms, "printings.json");

        Assert.True(result.Succeeded, result.ToString());
        await using var db = Db.CreateContext();
        var department = Assert.Single(await db.Organisations.Where(o => o.Kind == OrganisationKind.Department).ToListAsync());
        Assert.Equal(Plain, department.Name);
        var unit = Assert.Single(await db.Organisations.Where(o => o.Kind == OrganisationKind.Unit).ToListAsync());
        Assert.Equal("宝山区大数据中心", unit.Name);
        Assert.Equal([department.Id], await db.Forms.Select(f => f.DepartmentId!.Value).Distinct().ToListAsync());

        // a department user named with a variant sees that department
        var ids = await new DepartmentDirectory(Db).IdsOfAsync("上海市宝山区数据局\u200F");
        Assert.Equal([department.Id], ids);
    }
}

public sealed class SqliteInvisibleCharacterTests : InvisibleCharacterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresInvisibleCharacterTests : InvisibleCharacterTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
