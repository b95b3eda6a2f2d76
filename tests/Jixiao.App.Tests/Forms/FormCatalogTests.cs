using Jixiao.App.Access;
using Jixiao.App.Forms;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Ingest.Synthetic;

namespace Jixiao.App.Tests.Forms;

/// <summary>
/// The form catalogue gives a caller the same answers as the queries themselves within the caller's scope — and an
/// unrestricted caller the same search path: on PostgreSQL a two-character search by text alone comes from the
/// character-pair lists and is counted exactly, past the count limit of the other paths.
/// </summary>
public abstract class FormCatalogTests : DatabaseTest
{
    private const int Forms = 1_500;
    private const string Word = "江海"; // the generated city: in every form's department

    private FormCatalog Catalog => new(new AccessPolicy(new DepartmentDirectory(Db)), new FormQueries(Db), new FormReader(Db));

    private async Task ImportAsync() =>
        Assert.True((await new FormImporter(Db).ImportFormsAsync(new FormGenerator(3).Generate(Forms).Select(g => g.Form), "generated")).Succeeded);

    [DbFact]
    public async Task An_administrator_s_search_is_the_unrestricted_search()
    {
        await ImportAsync();
        var query = new FormQuery { Text = Word };
        var direct = await new FormQueries(Db).ListAsync(query);
        var viaCatalog = await Catalog.ListAsync(new Caller("admin", UserRole.Administrator), query);

        Assert.Equal(direct.TotalCount, viaCatalog.TotalCount);
        Assert.Equal(direct.TotalIsLowerBound, viaCatalog.TotalIsLowerBound);
        Assert.Equal(direct.Items.Select(f => f.Id), viaCatalog.Items.Select(f => f.Id));
        Assert.True(direct.TotalCount > FormQueries.TextCountLimit || direct.TotalIsLowerBound);
        if (Provider == DatabaseProvider.Postgres)
        {
            // the character-pair lists count two characters exactly
            Assert.False(viaCatalog.TotalIsLowerBound);
            Assert.True(viaCatalog.TotalCount > FormQueries.TextCountLimit);
        }
    }

    [DbFact]
    public async Task A_department_user_s_search_stays_in_the_department()
    {
        await ImportAsync();
        var department = (await new FormQueries(Db).ListAsync(new FormQuery { PageSize = 1 })).Items[0].Department!;
        var caller = new Caller("dept", UserRole.DepartmentUser, department);

        var page = await Catalog.ListAsync(caller, new FormQuery { Text = Word, PageSize = 500 });

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, f => Assert.Equal(department, f.Department));
        var all = await Catalog.ListAsync(new Caller("admin", UserRole.Administrator), new FormQuery { Text = Word, Department = department, PageSize = 500 });
        Assert.Equal(all.Items.Select(f => f.Id), page.Items.Select(f => f.Id));
    }
}

public sealed class SqliteFormCatalogTests : FormCatalogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFormCatalogTests : FormCatalogTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
