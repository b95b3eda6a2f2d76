using Jixiao.App.Imports;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>
/// The SQLite full-text index (an FTS5 table of single characters): it must find exactly what a literal substring
/// search over every form finds — for one, two and many characters, Chinese and ASCII — and follow imports,
/// deletions and a rebuild.
/// </summary>
public sealed class SqliteSearchIndexTests : IAsyncLifetime
{
    private TestDatabase? test;

    private JixiaoDatabase Db => test!.Database;

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [Fact]
    public void Phrases_have_one_token_per_character_and_no_way_out()
    {
        Assert.Equal("医 疗", SqliteSearchIndex.Spaced("医疗"));
        Assert.Equal("\"医 疗\"", SqliteSearchIndex.Phrase("医疗"));
        Assert.Equal("\"a \uE000 b\"", SqliteSearchIndex.Phrase("a\"b")); // a quote is not a token: no way out of the phrase
        Assert.Null(SqliteSearchIndex.Phrase("%_\\"));
        Assert.Equal("𠀀 x", SqliteSearchIndex.Spaced("𠀀x")); // a character outside the BMP stays whole
        Assert.Equal("救 援 \uE000 队 伍", SqliteSearchIndex.Spaced("救援，队伍")); // punctuation keeps its position
        Assert.True(SqliteSearchIndex.PhraseIsExact("救援队伍2024abc"));
        Assert.False(SqliteSearchIndex.PhraseIsExact("a%b"));
        Assert.False(SqliteSearchIndex.PhraseIsExact("（一）"));
        Assert.False(SqliteSearchIndex.PhraseIsExact("é"));
    }

    [Fact]
    public async Task Finds_exactly_what_a_literal_substring_search_finds()
    {
        var importer = new FormImporter(Db);
        foreach (var file in Corpus.AllFiles)
        {
            Assert.True((await importer.ImportFileAsync(Corpus.PathOf(file))).Succeeded);
        }

        await using var db = Db.CreateContext();
        var texts = await db.FormSearch.AsNoTracking().ToDictionaryAsync(s => s.FormId, s => s.Text);
        var store = new TestStore(Db);
        List<string> queries = ["特保", "经费", "费", "率", "满意度", "涉案财物存放管理完成率", "上海市公安局宝山分局", "2024", "2", "%", "(", "（一）", "不存在的词语", "a"];

        // words that run across a field boundary or a punctuation mark must not match: the two characters on each
        // side of the first separator of some texts, without the separator
        foreach (var t in texts.Values.Take(20))
        {
            var cut = t.IndexOfAny(['|', '（', '(', '、']);
            if (cut >= 2 && cut + 3 <= t.Length)
            {
                queries.Add(string.Concat(t.AsSpan(cut - 2, 2), t.AsSpan(cut + 1, 2)));
            }
        }

        foreach (var query in queries)
        {
            var key = NameKeys.Search(query);
            var expected = texts.Where(t => t.Value.Contains(key, StringComparison.Ordinal)).Select(t => t.Key).Order().ToList();
            var found = (await store.ListAsync(new FormQuery { Text = query, PageSize = FormQuery.MaxPageSize, Sort = FormSort.Imported })).Items.Select(f => f.Id).ToList();
            Assert.True(expected.SequenceEqual(found), $"{query}: expected {expected.Count} forms, found {found.Count}");
        }

        Assert.NotEmpty((await store.ListAsync(new FormQuery { Text = "特保" })).Items);
    }

    [Fact]
    public async Task Follows_deletions_and_is_rebuilt_when_missing()
    {
        var importer = new FormImporter(Db);
        var police = await importer.ImportFileAsync(Corpus.PathOf(Corpus.Police2024));
        var songnan = await importer.ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023));
        var store = new TestStore(Db);
        var all = await ExpectedAsync("完成");
        Assert.True(all.Count > 10);
        Assert.Equal(all.Count, (await store.ListAsync(new FormQuery { Text = "完成" })).TotalCount);
        Assert.Equal(42, await CountIndexedAsync());

        Assert.True(await store.DeleteBatchAsync(police.BatchId));
        var left = await ExpectedAsync("完成");
        Assert.True(left.Count < all.Count);
        Assert.Equal(left.Count, (await store.ListAsync(new FormQuery { Text = "完成" })).TotalCount);
        Assert.Equal(songnan.Forms, await CountIndexedAsync());

        // as in a database made before the index existed: the next start builds it from form_search
        await using (var db = Db.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE form_search_fts");
            await db.StorageState.Where(s => s.Key == "search_fts").ExecuteDeleteAsync();
        }

        await Db.MigrateAsync();
        Assert.Equal(songnan.Forms, await CountIndexedAsync());
        Assert.Equal(left.Count, (await store.ListAsync(new FormQuery { Text = "完成" })).TotalCount);
    }

    private async Task<List<long>> ExpectedAsync(string query)
    {
        await using var db = Db.CreateContext();
        var key = NameKeys.Search(query);
        return [.. (await db.FormSearch.AsNoTracking().ToListAsync()).Where(s => s.Text.Contains(key, StringComparison.Ordinal)).Select(s => s.FormId)];
    }

    private async Task<long> CountIndexedAsync()
    {
        await using var db = Db.CreateContext();
        return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM form_search_fts").SingleAsync();
    }
}
