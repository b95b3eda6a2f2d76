using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Imports;

/// <summary>The import and delete use cases: each outcome recorded with its audit entry, the rule set named on every form.</summary>
public abstract class ImportUseCaseTests : DatabaseTest
{
    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Db.CreateContext();
        return await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [DbFact]
    public async Task An_import_records_its_batch_its_forms_and_its_audit_entry_together()
    {
        var result = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023), new ImportOptions { User = "reviewer" });

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(("reviewer", "import", "import"), (entry.Actor, entry.Action, entry.TargetType));
        Assert.Equal(result.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.TargetId);
        Assert.StartsWith($"{Corpus.Songnan2023}: Succeeded; forms={result.Forms}; findings={result.Findings}", entry.Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Every_stored_form_names_the_rule_set_that_scored_it()
    {
        var result = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Police2023Targets));
        Assert.True(result.Succeeded);
        await using var db = Db.CreateContext();
        var names = await db.Forms.Select(f => f.RuleSet).Distinct().ToListAsync();
        Assert.Equal(["national-2020"], names);
    }

    [DbFact]
    public async Task A_shanghai_municipal_form_of_2025_is_scored_by_the_municipal_rules_and_a_district_s_by_the_national()
    {
        var result = await new FormImporter(Db).ImportFormsAsync(
            [SampleForms.SelfEvaluation("上海市财政局", 2025, "市级项目"), SampleForms.SelfEvaluation("上海市宝山区数据局", 2025, "区级项目"), SampleForms.SelfEvaluation("上海市财政局", 2024, "往年市级项目")], "made.json");

        Assert.True(result.Succeeded);
        await using var db = Db.CreateContext();
        var rules = await db.Forms.OrderBy(f => f.Id).Select(f => new { f.ProjectName, f.RuleSet }).ToListAsync();
        Assert.Equal(["shanghai-municipal-2025", "national-2020", "national-2020"], rules.Select(r => r.RuleSet));

        // each form has output indicators only; the municipal rules also require 成本指标, so only the municipal form
        // of 2025 is told of a third missing category
        var missing = await db.Forms.OrderBy(f => f.Id)
            .Select(f => db.Findings.Count(x => x.FormId == f.Id && x.Code == "CAT-MISSING"))
            .ToListAsync();
        Assert.Equal([3, 2, 2], missing);
    }

    [DbFact]
    public async Task A_file_that_is_not_a_form_fails_its_batch_with_the_reason_and_an_audit_entry_and_stores_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), "jixiao-app-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(path, "这不是绩效表\t只是一行文字\n");
        try
        {
            var result = await new FormImporter(Db).ImportFileAsync(path, new ImportOptions { User = "cli" });

            Assert.Equal(ImportStatus.Failed, result.Status);
            Assert.Contains("no form found", result.Error, StringComparison.Ordinal);
            await using var db = Db.CreateContext();
            Assert.Equal(0, await db.Forms.CountAsync());
            var batch = await db.ImportBatches.SingleAsync();
            Assert.Equal((ImportStatus.Failed, result.Error), (batch.Status, batch.ErrorMessage));
            var entry = Assert.Single(await AuditAsync());
            Assert.Equal(("cli", "import"), (entry.Actor, entry.Action));
            Assert.Contains("Failed", entry.Details, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DbFact]
    public async Task Only_an_administrator_deletes_a_batch_and_the_deletion_is_audited_in_its_transaction()
    {
        var imported = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023), new ImportOptions { User = "admin" });
        var delete = new DeleteBatch(new FormWriter(Db), new ImportBatchStore(Db), new NoKeptFiles());

        await Assert.ThrowsAsync<AccessDeniedException>(() => delete.ExecuteAsync(new Caller("reviewer", UserRole.FinanceReviewer), imported.BatchId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => delete.ExecuteAsync(new Caller("dept", UserRole.DepartmentUser, "上海市松江区"), imported.BatchId));
        var result = await delete.ExecuteAsync(new Caller("admin", UserRole.Administrator), imported.BatchId, "API");

        Assert.Equal(BatchDeletion.Deleted, result.Outcome);
        Assert.Equal(imported.FileName, result.Batch!.FileName);
        var entry = (await AuditAsync()).Last();
        Assert.Equal(("admin", "delete", "import"), (entry.Actor, entry.Action, entry.TargetType));
        Assert.Equal($"{Corpus.Songnan2023}: {imported.Forms} forms deleted (API)", entry.Details);
        Assert.Equal(BatchDeletion.NotFound, (await delete.ExecuteAsync(new Caller("admin", UserRole.Administrator), imported.BatchId)).Outcome);
    }

    [DbFact]
    public async Task A_queued_batch_is_not_deleted()
    {
        var batches = new ImportBatchStore(Db);
        var id = await batches.QueueAsync("queued.txt", 10, "admin");
        var result = await new DeleteBatch(new FormWriter(Db), batches, new NoKeptFiles()).ExecuteAsync(new Caller("admin", UserRole.Administrator), id);
        Assert.Equal(BatchDeletion.Busy, result.Outcome);
        Assert.Equal(ImportStatus.Queued, (await batches.GetAsync(id))!.Batch.Status);
    }

}

public sealed class SqliteImportUseCaseTests : ImportUseCaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresImportUseCaseTests : ImportUseCaseTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
