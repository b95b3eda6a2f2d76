using Jixiao.App.Imports;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>How a search box's text is read as terms: words that must all occur, quoted phrases, excluded words.</summary>
public sealed class SearchTermsParsingTests
{
    [Theory]
    [InlineData("视频 共享", new[] { "视频", "共享" }, new string[0])]
    [InlineData("特保\u3000经费", new[] { "特保", "经费" }, new string[0])] // the full-width space separates too
    [InlineData("  特保 \t 经费  ", new[] { "特保", "经费" }, new string[0])]
    [InlineData("\"视频 共享\"", new[] { "视频共享" }, new string[0])] // a phrase: its space is ignored as in the names
    [InlineData("“区特保 队伍”", new[] { "区特保队伍" }, new string[0])]
    [InlineData("＂特保＂ 经费", new[] { "特保", "经费" }, new string[0])]
    [InlineData("特保 -经费", new[] { "特保" }, new[] { "经费" })]
    [InlineData("特保 －经费", new[] { "特保" }, new[] { "经费" })]
    [InlineData("-“特保 队伍” 经费", new[] { "经费" }, new[] { "特保队伍" })]
    [InlineData("-经费", new string[0], new[] { "经费" })]
    [InlineData("经费 - 特保", new[] { "经费", "特保" }, new string[0])] // a minus sign by itself is nothing
    [InlineData("'; DROP --", new[] { "';", "drop", "--" }, new string[0])]
    [InlineData("COVID-19 Ab", new[] { "covid-19", "ab" }, new string[0])] // a hyphen inside a word is a character
    [InlineData("视频 视频共享 视频", new[] { "视频共享" }, new string[0])] // a word inside another adds nothing
    [InlineData("\"未闭合 的引号", new[] { "未闭合的引号" }, new string[0])]
    [InlineData("\"\" - \u3000", new string[0], new string[0])]
    [InlineData("2024年视频监控共享平台", new[] { "2024年视频监控共享平台" }, new string[0])]
    public void Words_phrases_and_exclusions_are_read_from_the_text(string text, string[] include, string[] exclude)
    {
        var terms = SearchTerms.Parse(text);
        Assert.Equal(include, terms.Include);
        Assert.Equal(exclude, terms.Exclude);
        Assert.Equal(include.Length == 0 && exclude.Length == 0, terms.IsEmpty);
    }

    [Fact]
    public void No_text_is_no_term()
    {
        Assert.True(SearchTerms.Parse(null).IsEmpty);
        Assert.True(SearchTerms.Parse("   ").IsEmpty);
        Assert.True(SearchTerms.Parse("特保").IsSingle);
        Assert.False(SearchTerms.Parse("特保 -经费").IsSingle);
    }
}

/// <summary>
/// Searches of several words, phrases and exclusions over the real corpus and generated forms: the list finds exactly the
/// forms whose search text holds every included term and no excluded one — through the SQLite character index, the
/// PostgreSQL pair lists and the PostgreSQL trigram index alike, in the list's order and with its counts.
/// </summary>
public abstract class SearchTermsTests : ProviderTest
{
    private static readonly string[] Queries =
    [
        "视频 共享", "特保 经费", "特保\u3000经费", "“特保 队伍”", "\"特保队伍\"", "\"视频 共享\"", "特保 -队伍", "经费 -特保",
        "经费 -\"2024\"", "-经费", "-江海 -经费", "满意度 2024 -执法", "江海 救援 -队伍", "% 经费", "(2020年结转) 经费", "经费 -(",
        "a 经费", "江海 -江海", "市 -市", "ab -“江海”", "不存在的词语 经费", "执法 满意度 公安 -视频",
        "江海 满意度", "率 -特保", "满意度 -“不存在的词语”",
    ];

    [DataFact]
    public async Task Every_word_must_occur_a_phrase_as_written_and_an_excluded_word_not_at_all()
    {
        var importer = new FormImporter(Db);
        foreach (var file in Corpus.AllFiles)
        {
            Assert.True((await importer.ImportFileAsync(Corpus.PathOf(file))).Succeeded, file);
        }

        Assert.True((await importer.ImportFormsAsync(new FormGenerator(43).Generate(1500).Select(g => g.Form), "generated-43", new ImportOptions { ChunkSize = 500 })).Succeeded);

        Dictionary<long, string> texts;
        await using (var db = Db.CreateContext())
        {
            texts = await db.FormSearch.AsNoTracking().ToDictionaryAsync(s => s.FormId, s => s.Text);
        }

        // what the issue asked: two words with a space between them find the project that holds both, apart
        var store = new TestStore(Db);
        async Task<List<string>> NamesAsync(string text) => [.. (await store.ListAsync(new FormQuery { Text = text })).Items.Select(f => f.ProjectName)];
        Assert.Contains("2024年视频监控共享平台", await NamesAsync("视频 共享"));
        Assert.Contains("2024年视频监控共享平台", await NamesAsync("视频　共享"));
        Assert.DoesNotContain("2024年视频监控共享平台", await NamesAsync("\"视频 共享\""));
        Assert.Equal(["2024年区特保队伍经费", "区特保队伍经费"], (await NamesAsync("特保 经费")).Order()); // the 2024 self-evaluation and the 2023 declaration
        Assert.Equal(["2024年区特保队伍经费", "区特保队伍经费"], (await NamesAsync("“特保 队伍”")).Order());
        Assert.Empty(await NamesAsync("特保 经费 -队伍"));

        // on PostgreSQL also the trigram index alone; on both a walk window so small that a page with another filter
        // is found through the index as a whole (the walk in sort order, then the index: ManyMatchesPageAsync)
        TestStore[] stores = Provider == DatabaseProvider.Postgres
            ? [store, new TestStore(Db) { UseSearchGrams = false }, new TestStore(Db) { UseSearchGrams = false, TextWalkWindow = 50 }]
            : [store, new TestStore(Db) { TextWalkWindow = 50 }];
        List<long> selfEvaluations;
        await using (var db = Db.CreateContext())
        {
            selfEvaluations = await db.Forms.Where(f => f.Kind == Core.Forms.FormKind.SelfEvaluation).Select(f => f.Id).ToListAsync();
        }

        var walked = 0;
        foreach (var text in Queries)
        {
            var terms = SearchTerms.Parse(text);
            var expected = texts.Where(t => terms.Include.All(w => t.Value.Contains(w, StringComparison.Ordinal))
                    && !terms.Exclude.Any(w => t.Value.Contains(w, StringComparison.Ordinal)))
                .Select(t => t.Key).ToList();
            foreach (var s in stores)
            {
                // every match, in import order
                var all = await s.ListAsync(new FormQuery { Text = text, Sort = FormSort.Imported, PageSize = FormQuery.MaxPageSize });
                Assert.True(expected.Order().Take(FormQuery.MaxPageSize).SequenceEqual(all.Items.Select(f => f.Id)),
                    $"{text}: expected {expected.Count} forms, found {all.Items.Count}");

                // the default order (newest year first, the pair lists on PostgreSQL), a later page, and the count
                var page = await s.ListAsync(new FormQuery { Text = text, Page = 2, PageSize = 20 });
                var byYear = texts.Keys.Where(expected.Contains).ToList();
                await using var db = Db.CreateContext();
                var years = await db.Forms.Where(f => byYear.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Year);
                var ordered = byYear.OrderByDescending(id => years[id] ?? int.MaxValue).ThenByDescending(id => id).Skip(20).Take(20);
                Assert.True(ordered.SequenceEqual(page.Items.Select(f => f.Id)), $"{text}: page 2 differs");
                Assert.Equal(Math.Min(expected.Count, FormQueries.TextCountLimit), page.TotalCount);
                Assert.Equal(expected.Count > FormQueries.TextCountLimit, page.TotalIsLowerBound);

                // with another filter beside the text: more than the count limit match some, which are walked in
                // sort order, or found through the index when the walk window is passed
                var selfPage = await s.ListAsync(new FormQuery { Text = text, Kind = Core.Forms.FormKind.SelfEvaluation, Sort = FormSort.Imported, Page = 3, PageSize = 20 });
                var selfExpected = expected.Intersect(selfEvaluations).Order().ToList();
                Assert.True(selfExpected.Skip(40).Take(20).SequenceEqual(selfPage.Items.Select(f => f.Id)), $"{text}: self-evaluations page 3 differs");
                Assert.Equal(Math.Min(selfExpected.Count, FormQueries.TextCountLimit), selfPage.TotalCount);
                walked += selfExpected.Count > FormQueries.TextCountLimit ? 1 : 0;

                var declarations = await s.ListAsync(new FormQuery { Text = text, Kind = Core.Forms.FormKind.TargetDeclaration, Sort = FormSort.Imported, PageSize = FormQuery.MaxPageSize });
                var kinds = await db.Forms.Where(f => f.Kind == Core.Forms.FormKind.TargetDeclaration).Select(f => f.Id).ToListAsync();
                Assert.True(expected.Intersect(kinds).Order().SequenceEqual(declarations.Items.Select(f => f.Id)), $"{text}: declarations differ");
            }
        }

        Assert.True(walked >= 2 * stores.Length, $"{walked} searches with another filter passed the count limit");
    }
}

public sealed class SqliteSearchTermsTests : SearchTermsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresSearchTermsTests : SearchTermsTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
