using Jixiao.App.Imports;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>The posting-list coding and the pairs of a text (no database).</summary>
public sealed class SearchGramsCodingTests
{
    [Fact]
    public void Ids_survive_encoding_with_small_and_large_gaps()
    {
        long[] ids = [1, 2, 3, 130, 131, 16_515, 1_000_000, 1_000_001, 5_000_000_000, long.MaxValue / 2];
        var bytes = SearchGrams.Encode(ids);
        Assert.Equal(ids, SearchGrams.Decode(bytes));

        // dense ids cost one byte each
        Assert.Equal(3, SearchGrams.Encode([7, 8, 9]).Length);
        Assert.Empty(SearchGrams.Encode([]));
    }

    [Fact]
    public void A_list_cut_inside_a_number_is_refused()
    {
        var bytes = SearchGrams.Encode([300]);
        Assert.Equal(2, bytes.Length);
        Assert.Throws<InvalidDataException>(() => SearchGrams.Decode(bytes.AsSpan(0, 1)));
    }

    [Fact]
    public void The_pairs_of_a_text_are_its_adjacent_code_units_each_once()
    {
        Assert.Equal(
            [SearchGrams.Gram('救', '援'), SearchGrams.Gram('援', '队'), SearchGrams.Gram('队', '救')],
            SearchGrams.GramsOf("救援队救援"));
        Assert.Empty(SearchGrams.GramsOf("市"));
        Assert.Empty(SearchGrams.GramsOf(""));

        // a character outside the BMP is two code units: its pair is its own surrogate pair
        var astral = char.ConvertFromUtf32(0x20000);
        Assert.Equal([SearchGrams.Gram(astral[0], astral[1])], SearchGrams.GramsOf(astral));
    }
}

/// <summary>
/// A search answered from the character-pair lists (PostgreSQL) finds exactly the forms, in exactly the order, that the
/// trigram index and LIKE find; on SQLite the lists are not used and the test shows both stores agree trivially.
/// </summary>
public abstract class SearchGramsTests : ProviderTest
{
    /// <summary>Words of every kind: common and rare, two characters and more, one year's, punctuation, ASCII, none.</summary>
    private static readonly string[] Words =
    [
        "江海市", "江海", "救援队伍", "生产执法", "特保", "2023年", "2025", "年度", "满意度", "经费", "淞南", "淞南镇",
        "社区", "服务平台运行", "(2020年结转)", "(20", "≥9", "%", "ab", "不存在的词语", "市", "𠀀", "执法", "完成率",
    ];

    [DataFact]
    public async Task Pair_lists_find_what_the_trigram_index_finds_in_the_same_order()
    {
        var importer = new FormImporter(Db);
        Assert.True((await importer.ImportFormsAsync(new FormGenerator(41).Generate(900).Select(g => g.Form), "generated-41", new ImportOptions { ChunkSize = 200 })).Succeeded);
        foreach (var file in Corpus.AllFiles)
        {
            Assert.True((await importer.ImportFileAsync(Corpus.PathOf(file))).Succeeded, file);
        }

        var second = await importer.ImportFormsAsync(new FormGenerator(42).Generate(700).Select(g => g.Form), "generated-42");
        Assert.True(second.Succeeded);
        await using (var db = Db.CreateContext())
        {
            var rows = await db.SearchGrams.CountAsync();
            if (Provider == DatabaseProvider.Postgres)
            {
                Assert.True(rows > 1_000, $"{rows} posting lists");
            }
            else
            {
                Assert.Equal(0, rows);
            }
        }

        await AssertSameAsync();

        // a deleted batch takes its lists with it
        Assert.True(await new TestStore(Db).DeleteBatchAsync(second.BatchId));
        await AssertSameAsync();

        // lists of another version are built again from the search texts on the next start
        await using (var db = Db.CreateContext())
        {
            await db.SearchGrams.ExecuteDeleteAsync();
            await db.StorageState.Where(s => s.Key == "search_grams").ExecuteDeleteAsync();
        }

        await Db.MigrateAsync();
        await AssertSameAsync();
    }

    private async Task AssertSameAsync()
    {
        var grams = new TestStore(Db);
        var trigrams = new TestStore(Db) { UseSearchGrams = false };
        foreach (var word in Words)
        {
            foreach (var q in new[]
                     {
                         new FormQuery { Text = word },
                         new FormQuery { Text = word, Page = 3, PageSize = 20 },
                         new FormQuery { Text = word, Sort = FormSort.Year, Descending = true, Page = 2 },
                         new FormQuery { Text = word, Page = 22 },
                     })
            {
                var expected = await trigrams.ListAsync(q);
                var actual = await grams.ListAsync(q);
                var what = $"{word} page {q.Page}";
                Assert.True(expected.Items.Select(f => f.Id).SequenceEqual(actual.Items.Select(f => f.Id)), what);
                if (expected.TotalIsLowerBound && !actual.TotalIsLowerBound)
                {
                    // two characters are counted exactly from their list
                    Assert.True(actual.TotalCount >= expected.TotalCount, what);
                    Assert.Equal(2, word.Length);
                }
                else
                {
                    Assert.Equal(expected.TotalIsLowerBound, actual.TotalIsLowerBound);
                    Assert.Equal(expected.TotalCount, actual.TotalCount);
                }
            }
        }

        // the exact two-character count is the true count
        var all = await new TestStore(Db).ListAsync(new FormQuery { Text = "江海", PageSize = FormQuery.MaxPageSize });
        await using var db = Db.CreateContext();
        var like = await db.FormSearch.CountAsync(s => s.Text.Contains("江海"));
        Assert.Equal(like, Provider == DatabaseProvider.Postgres ? all.TotalCount : like);
    }
}

public sealed class SqliteSearchGramsTests : SearchGramsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresSearchGramsTests : SearchGramsTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
