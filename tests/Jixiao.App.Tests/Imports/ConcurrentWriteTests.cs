using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Imports;

/// <summary>
/// Writes that race each other end with exactly one correct outcome, on both databases, with real parallel calls:
/// deletions of one batch, imports of the same content, and a re-import while the batch holding that content is
/// being deleted. The stored totals stay equal to the totals computed from the forms, also after a restart.
/// </summary>
public abstract class ConcurrentWriteTests : DatabaseTest
{
    private FormImporter Importer() => new(Db);

    private DeleteBatch Deleter(FormWriter? writer = null) => new(writer ?? new FormWriter(Db), new ImportBatchStore(Db), new NoKeptFiles());

    private static readonly Caller Admin = new("admin", UserRole.Administrator);

    [DbFact]
    public async Task Three_simultaneous_deletions_of_one_batch_delete_it_once_and_the_totals_stay_right()
    {
        var kept = await Importer().ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023), new ImportOptions { User = "tester" });
        var doomed = await Importer().ImportFileAsync(Corpus.PathOf(Corpus.Police2024), new ImportOptions { User = "tester" });
        Assert.True(kept.Succeeded);
        Assert.True(doomed.Succeeded);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Deleter().ExecuteAsync(Admin, doomed.BatchId))));

        Assert.Single(results, r => r.Outcome == BatchDeletion.Deleted);
        Assert.Equal(2, results.Count(r => r.Outcome == BatchDeletion.NotFound));
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(kept.Forms, await db.Forms.CountAsync());
            Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "delete" && a.TargetId == doomed.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await AssertStoredTotalsMatchFormsAsync(kept.Forms);

        // a restart keeps them (the totals are not rebuilt when their version is current: they must already be right)
        await Db.MigrateAsync();
        await AssertStoredTotalsMatchFormsAsync(kept.Forms);
    }

    [DbFact]
    public async Task Five_simultaneous_imports_of_one_file_store_it_once()
    {
        var path = Corpus.PathOf(Corpus.DataBureau2024);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Importer().ImportFileAsync(path, new ImportOptions { User = "tester" }))));

        var stored = Assert.Single(results, r => r.Status == ImportStatus.Succeeded);
        var duplicates = results.Where(r => r.Status == ImportStatus.Duplicate).ToList();
        Assert.Equal(4, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal(stored.BatchId, d.DuplicateOfBatchId));
        await using var db = Db.CreateContext();
        Assert.Equal(stored.Forms, await db.Forms.CountAsync());
        Assert.Equal(5, await db.AuditLog.CountAsync(a => a.Action == "import"));
        await AssertStoredTotalsMatchFormsAsync(stored.Forms);
    }

    [DbFact]
    public async Task Simultaneous_imports_of_one_stream_read_once_store_it_once()
    {
        // a stream that cannot seek is hashed on the way: the duplicate is found at the end, under the content's lock
        var bytes = await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023));
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var stream = new ForwardOnlyStream(bytes);
            return await Importer().ImportAsync(stream, Corpus.Songnan2023, new ImportOptions { User = "tester" });
        })));

        var stored = Assert.Single(results, r => r.Status == ImportStatus.Succeeded);
        Assert.True(2 == results.Count(r => r.Status == ImportStatus.Duplicate && r.DuplicateOfBatchId == stored.BatchId), string.Join("; ", results.Select(r => r.ToString())));
        await using var db = Db.CreateContext();
        Assert.Equal(stored.Forms, await db.Forms.CountAsync());
        await AssertStoredTotalsMatchFormsAsync(stored.Forms);
    }

    [DbFact]
    public async Task A_file_imported_again_while_its_batch_is_being_deleted_is_stored_anew()
    {
        var path = Corpus.PathOf(Corpus.Songnan2023);
        var first = await Importer().ImportFileAsync(path, new ImportOptions { User = "tester" });
        Assert.True(first.Succeeded);

        // the deletion holds its batch and the content's lock; the import starts only then, and must wait for it
        Task<ImportResult>? again = null;
        var writer = new FormWriter(Db)
        {
            AfterDeletionLocked = async () =>
            {
                again = Task.Run(() => Importer().ImportFileAsync(path, new ImportOptions { User = "tester" }));
                await Task.Delay(500);
                Assert.False(again.IsCompleted, "the import finished while the deletion still held the content");
            },
        };

        var deleted = await Deleter(writer).ExecuteAsync(Admin, first.BatchId);
        Assert.Equal(BatchDeletion.Deleted, deleted.Outcome);
        Assert.NotNull(again);
        var result = await again;

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Null(result.DuplicateOfBatchId);
        Assert.Equal(first.Forms, result.Forms);
        await using var db = Db.CreateContext();
        Assert.Equal(first.Forms, await db.Forms.CountAsync(f => f.ImportBatchId == result.BatchId));
        Assert.False(await db.ImportBatches.AnyAsync(b => b.Id == first.BatchId));
        await AssertStoredTotalsMatchFormsAsync(first.Forms);
    }

    /// <summary>The stored totals (overview and findings) equal those computed from the forms, which number <paramref name="forms"/>.</summary>
    private async Task AssertStoredTotalsMatchFormsAsync(int forms)
    {
        var queries = new PortfolioQueries(Db);
        var stored = await queries.GetStatisticsAsync(new FormQuery());
        var computed = await queries.ComputeStatisticsAsync(new FormQuery());
        Assert.Equal(forms, stored.Forms);
        Assert.Equal(computed.Forms, stored.Forms);
        Assert.Equal(computed.Budget, stored.Budget);
        Assert.Equal(computed.Executed, stored.Executed);
        Assert.Equal(computed.FindingsByCheck.Sum(c => c.Findings), stored.FindingsByCheck.Sum(c => c.Findings));
        var storedGroups = await queries.GetFindingGroupsAsync(new FormQuery());
        var computedGroups = await queries.ComputeFindingGroupsAsync(new FormQuery());
        Assert.Equal(computedGroups.Sum(g => g.Findings), storedGroups.Sum(g => g.Findings));
    }


    /// <summary>A stream read once from the start, like a network upload.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}

public sealed class SqliteConcurrentWriteTests : ConcurrentWriteTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresConcurrentWriteTests : ConcurrentWriteTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
