using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;

namespace Jixiao.App.Tests.Imports;

/// <summary>The projects list pages through every project (it showed the first 300 and said nothing of the rest).</summary>
public abstract class ProjectPageTests : DatabaseTest
{
    [DbFact]
    public async Task Every_project_is_on_some_page_and_a_page_past_the_end_is_the_last()
    {
        var forms = new List<PerformanceForm>();
        for (var i = 0; i < 130; i++)
        {
            var name = $"测试项目{i:D3}";
            forms.Add(SampleForms.SelfEvaluation("某区测试局", 2023, name));
            forms.Add(SampleForms.SelfEvaluation("某区测试局", 2024, name));
        }

        forms.Add(SampleForms.SelfEvaluation("某区测试局", 2024, "只有一张表的项目"));
        Assert.True((await new FormImporter(Db).ImportFormsAsync(forms, "projects.json")).Succeeded);
        var analytics = new PortfolioAnalytics(Db);

        var first = await analytics.PageProjectsAsync(null, null, 1, 100, CancellationToken.None);
        var second = await analytics.PageProjectsAsync(null, null, 2, 100, CancellationToken.None);
        var beyond = await analytics.PageProjectsAsync(null, null, 99, 100, CancellationToken.None);

        Assert.Equal((130, 100, 30), (first.Total, first.Items.Count, second.Items.Count));
        Assert.Equal(130, first.Items.Concat(second.Items).Select(p => p.LineageKey).Distinct().Count());
        Assert.Equal((2, 30), (beyond.Page, beyond.Items.Count));
        Assert.Equal(10, (await analytics.PageProjectsAsync("测试项目01", null, 1, 100, CancellationToken.None)).Total);
    }
}

public sealed class SqliteProjectPageTests : ProjectPageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresProjectPageTests : ProjectPageTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
