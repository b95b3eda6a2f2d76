using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Core.Checks;
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
/// The checks across forms on the real corpus, as the store runs them: found on import whichever form comes first,
/// removed with the batch of the other form, counted in each form's severity counts and in the portfolio totals.
/// </summary>
public abstract class CrossFormCheckTests : DatabaseTest
{
    /// <summary>What the four corpus files give together, read by hand (docs/checks.md, "Checks across forms").</summary>
    private static readonly Dictionary<string, int> CorpusCounts = new(StringComparer.Ordinal)
    {
        ["FORM-COPIED"] = 12,
        ["GOALS-REUSED"] = 4,
        ["PROJECT-TWICE"] = 4,
        ["DECL-BUDGET-JUMP"] = 1,
        ["DECL-INDICATORS-CHANGED"] = 3,
    };

    private async Task<long> ImportAsync(string file)
    {
        var result = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(file));
        Assert.True(result.Succeeded, result.Error);
        return result.BatchId;
    }

    private async Task<Dictionary<string, int>> CrossCountsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.Findings.Where(x => x.RelatedFormId != null).GroupBy(x => x.Code)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Every form's severity counts agree with its findings, every finding has its form's year, and the stored totals agree with the forms.</summary>
    private async Task AssertCountsAndTotalsAgreeAsync()
    {
        await using (var db = Db.CreateContext())
        {
            var wrong = await db.Forms
                .Where(f => f.WarningCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Warning)
                    || f.ErrorCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Error)
                    || f.InfoCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Info))
                .Select(f => f.ProjectName).ToListAsync();
            Assert.Empty(wrong);

            // each finding carries its form's year (the check code and severity indexes' order)
            Assert.Equal(0, await db.Findings.Join(db.Forms, x => x.FormId, f => f.Id, (x, f) => new { x.Year, FormYear = f.Year }).CountAsync(p => p.Year != p.FormYear));
        }

        var portfolio = new PortfolioQueries(Db);
        var query = new FormQuery();
        var cells = await portfolio.GetStatisticsAsync(query);
        var computed = await portfolio.ComputeStatisticsAsync(query);
        Assert.Equal(
            computed.FindingsByCheck.Select(c => (c.Code, c.Findings, c.Forms)).Order(),
            cells.FindingsByCheck.Select(c => (c.Code, c.Findings, c.Forms)).Order());
        Assert.Equal(
            computed.Rows.Select(r => (r.Year, r.Department, r.Warnings, r.Errors, r.FormsWithErrors)).Order(),
            cells.Rows.Select(r => (r.Year, r.Department, r.Warnings, r.Errors, r.FormsWithErrors)).Order());
    }

    [DbFact]
    public async Task The_corpus_shows_its_copies_its_projects_evaluated_twice_and_its_changed_declarations()
    {
        foreach (var file in Corpus.AllFiles)
        {
            await ImportAsync(file);
        }

        Assert.Equal(CorpusCounts, await CrossCountsAsync());
        await using var db = Db.CreateContext();
        var jump = await db.Findings.SingleAsync(x => x.Code == "DECL-BUDGET-JUMP");
        var self = await db.Forms.SingleAsync(f => f.Id == jump.FormId);
        var declaration = await db.Forms.SingleAsync(f => f.Id == jump.RelatedFormId);
        Assert.Equal(("2024年视频监控共享平台", "视频监控共享平台"), (self.ProjectName, declaration.ProjectName));

        // 18,253.98 万元 evaluated against 3,313.50 万元 declared, computed here from the stored amounts
        Assert.Equal(5.51m, Math.Round(self.TotalAnnualBudget!.Value / declaration.AnnualTotal!.Value, 2));
        Assert.Contains("5.51 倍", jump.MessageZh, StringComparison.Ordinal);
        Assert.Equal("funds.total.annualBudget", jump.Field);

        var copied = await db.Findings.Where(x => x.Code == "FORM-COPIED")
            .Join(db.Forms, x => x.FormId, f => f.Id, (x, f) => f.ProjectName).Distinct().OrderBy(n => n).ToListAsync();
        Assert.Contains("政府信息公开经费", copied);
        Assert.Equal(6, copied.Count);
        Assert.True(await db.ImportBatches.AllAsync(b => b.CrossChecked));
        await AssertCountsAndTotalsAgreeAsync();
    }

    [DbFact]
    public async Task A_declaration_imported_after_its_self_evaluation_flags_the_self_evaluation_the_same_way()
    {
        await ImportAsync(Corpus.Police2024);
        var before = await CrossCountsAsync();
        Assert.False(before.ContainsKey("DECL-BUDGET-JUMP"));

        await ImportAsync(Corpus.Police2023Targets);

        var after = await CrossCountsAsync();
        Assert.Equal(1, after["DECL-BUDGET-JUMP"]);
        Assert.Equal(3, after["DECL-INDICATORS-CHANGED"]);
        await using var db = Db.CreateContext();
        var onDeclarations = await db.Findings.CountAsync(x => x.Code.StartsWith("DECL-") && db.Forms.Any(f => f.Id == x.FormId && f.Kind == Core.Forms.FormKind.TargetDeclaration));
        Assert.Equal(0, onDeclarations);
        await AssertCountsAndTotalsAgreeAsync();
    }

    [DbFact]
    public async Task Deleting_the_declarations_removes_their_findings_from_the_self_evaluations_that_stay_and_importing_them_again_restores_them()
    {
        await ImportAsync(Corpus.Police2024);
        var declarations = await ImportAsync(Corpus.Police2023Targets);
        int warningsBefore;
        await using (var db = Db.CreateContext())
        {
            warningsBefore = await db.Forms.Where(f => f.ProjectName == "2024年视频监控共享平台").Select(f => f.WarningCount).SingleAsync();
        }

        var deleted = await new DeleteBatch(new FormWriter(Db), new ImportBatchStore(Db), new NoKeptFiles())
            .ExecuteAsync(new Caller("admin", UserRole.Administrator), declarations);
        Assert.Equal(BatchDeletion.Deleted, deleted.Outcome);

        var left = await CrossCountsAsync();
        Assert.DoesNotContain(left.Keys, k => k.StartsWith("DECL-", StringComparison.Ordinal));
        await using (var db = Db.CreateContext())
        {
            // the video platform lost its two findings against the declaration (budget jump, indicators changed)
            Assert.Equal(warningsBefore - 2, await db.Forms.Where(f => f.ProjectName == "2024年视频监控共享平台").Select(f => f.WarningCount).SingleAsync());
            Assert.Equal(0, await db.Findings.CountAsync(x => x.RelatedFormId != null && !db.Forms.Any(f => f.Id == x.RelatedFormId)));
            Assert.Equal(0, await db.FormSignatures.CountAsync(s => !db.Forms.Any(f => f.Id == s.FormId)));
        }

        await AssertCountsAndTotalsAgreeAsync();

        await ImportAsync(Corpus.Police2023Targets);
        var again = await CrossCountsAsync();
        Assert.Equal(1, again["DECL-BUDGET-JUMP"]);
        Assert.Equal(3, again["DECL-INDICATORS-CHANGED"]);
        await AssertCountsAndTotalsAgreeAsync();
    }

    [DbFact]
    public async Task A_pass_run_again_adds_nothing_and_batches_stored_before_the_pass_are_compared_by_the_next_one()
    {
        foreach (var file in Corpus.AllFiles)
        {
            await ImportAsync(file);
        }

        await using (var db = Db.CreateContext())
        {
            // as after an upgrade: the batches were never compared
            await db.Findings.Where(x => x.RelatedFormId != null).ExecuteDeleteAsync();
            await db.FormSignatures.ExecuteDeleteAsync();
            await db.ImportBatches.ExecuteUpdateAsync(s => s.SetProperty(b => b.CrossChecked, false));
            foreach (var form in await db.Forms.ToListAsync())
            {
                form.WarningCount = await db.Findings.CountAsync(x => x.FormId == form.Id && x.Severity == Severity.Warning);
                form.InfoCount = await db.Findings.CountAsync(x => x.FormId == form.Id && x.Severity == Severity.Info);
            }

            await db.SaveChangesAsync();
            await using var connection = await Db.OpenConnectionAsync(CancellationToken.None);
            await using var tx = await connection.BeginTransactionAsync();
            await PortfolioCube.RebuildAsync(connection, tx, CancellationToken.None);
            await tx.CommitAsync();
        }

        var checks = new CrossFormChecks(Db);
        Assert.Equal(4, await checks.RunPendingAsync());
        Assert.Equal(CorpusCounts, await CrossCountsAsync());

        await using (var db = Db.CreateContext())
        {
            await db.ImportBatches.ExecuteUpdateAsync(s => s.SetProperty(b => b.CrossChecked, false));
        }

        Assert.Equal(4, await checks.RunPendingAsync());
        Assert.Equal(CorpusCounts, await CrossCountsAsync());
        await AssertCountsAndTotalsAgreeAsync();
    }

    [DbFact]
    public async Task The_forms_kept_in_memory_by_the_importer_give_the_findings_the_forms_read_back_give()
    {
        // generated forms draw names, goals and indicator rows from small vocabularies: many copies across forms
        var forms = new Ingest.Synthetic.FormGenerator(17, new Ingest.Synthetic.GeneratorOptions { ErrorRate = 0.3 }).Generate(600).Select(g => g.Form).ToList();
        Assert.True((await new FormImporter(Db).ImportFormsAsync(forms[..250], "first.json")).Succeeded);
        Assert.True((await new FormImporter(Db).ImportFormsAsync(forms[250..], "second.json")).Succeeded);
        var inMemory = await CrossFindingsAsync();
        Assert.True(inMemory.Count > 100, $"{inMemory.Count} findings across forms");

        // the same batches compared again by the pass that reads every form back from the database
        await using (var db = Db.CreateContext())
        {
            await db.Findings.Where(x => x.RelatedFormId != null).ExecuteDeleteAsync();
            await db.FormSignatures.ExecuteDeleteAsync();
            await db.ImportBatches.ExecuteUpdateAsync(s => s.SetProperty(b => b.CrossChecked, false));
        }

        Assert.Equal(2, await new CrossFormChecks(Db).RunPendingAsync());
        Assert.Equal(inMemory, await CrossFindingsAsync());
    }

    /// <summary>
    /// Every finding across forms: its form, position, code, field, messages, the other form and its source line — but
    /// on a fund line: the store keeps no source line of fund lines, so read back they have none (kept in memory, the
    /// finding names the line of the printed fund table).
    /// </summary>
    private async Task<List<string>> CrossFindingsAsync()
    {
        await using var db = Db.CreateContext();
        return [.. (await db.Findings.AsNoTracking().Where(x => x.RelatedFormId != null).OrderBy(x => x.FormId).ThenBy(x => x.Position).ToListAsync())
            .Select(x => $"{x.FormId}/{x.Position} {x.Code} {x.Field} {x.RelatedFormId} {(x.Field.StartsWith("funds.", StringComparison.Ordinal) ? "" : x.SourceLine)} {x.MessageZh} {x.MessageEn}")];
    }

    [DbFact]
    public async Task The_same_forms_from_another_file_are_duplicates_of_each_other()
    {
        using var text = File.OpenText(Corpus.PathOf(Corpus.Songnan2023));
        var forms = Ingest.Text.TextFormReader.Read(text, Corpus.Songnan2023).Take(3).ToList();
        Assert.True((await new FormImporter(Db).ImportFormsAsync(forms[..2], "first.json")).Succeeded);
        Assert.True((await new FormImporter(Db).ImportFormsAsync([forms[0], forms[2]], "second.json")).Succeeded);

        Assert.Equal(2, (await CrossCountsAsync())["FORM-DUPLICATE"]);
        await AssertCountsAndTotalsAgreeAsync();
    }
}

public sealed class SqliteCrossFormCheckTests : CrossFormCheckTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresCrossFormCheckTests : CrossFormCheckTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
