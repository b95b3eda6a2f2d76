using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.App.Imports;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Jixiao.Ingest;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>The storage tests, run on SQLite and on PostgreSQL; each test gets a fresh database of its own.</summary>
public abstract class StoreTests : IAsyncLifetime
{
    private const string PoliceDepartment = "上海市公安局宝山分局";

    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    protected JixiaoDatabase Db => test!.Database;

    protected FormImporter Importer => new(Db);

    protected TestStore Store => new(Db);

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    /// <summary>Imports a corpus file; the checks across forms are left out here (CrossFormCheckTests has them), so each form's findings are its own.</summary>
    private Task<ImportResult> ImportCorpusAsync(string file) => Importer.ImportFileAsync(Corpus.PathOf(file), new ImportOptions { User = "tester", CompareAcross = false });

    /// <summary>The forms of a corpus file as the importer reads them (named by the file name, without folders).</summary>
    private static List<PerformanceForm> ReadCorpus(string file)
    {
        using var stream = File.OpenRead(Corpus.PathOf(file));
        return [.. FormFileReader.Read(stream, file)];
    }

    [DataFact]
    public async Task Migrating_a_fresh_database_creates_every_table_and_matches_the_model()
    {
        await using var db = Db.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run scripts/add-migration.sh");
        Assert.Equal(0, await db.Forms.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.AuditLog.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());

        // migrating again is a no-op
        await Db.MigrateAsync();
        Assert.Empty(await Db.PendingMigrationsAsync());
    }

    [DataFact]
    public async Task Imports_each_corpus_file_with_exact_form_and_indicator_counts()
    {
        var expected = new (string File, int Forms, int Indicators)[]
        {
            (Corpus.Police2024, 37, 350),
            (Corpus.Police2023Targets, 3, 40),
            (Corpus.DataBureau2024, 34, 374),
            (Corpus.Songnan2023, 5, 50),
        };
        foreach (var (file, forms, indicators) in expected)
        {
            var result = await ImportCorpusAsync(file);
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(forms, result.Forms);
            Assert.Equal(indicators, result.Indicators);

            await using var db = Db.CreateContext();
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == result.BatchId);
            Assert.Equal(ImportStatus.Succeeded, batch.Status);
            Assert.Equal(file, batch.FileName);
            Assert.Equal(forms, batch.FormCount);
            Assert.Equal("tester", batch.CreatedBy);
            Assert.Equal(64, batch.ContentHash.Length);
            Assert.Equal(new FileInfo(Corpus.PathOf(file)).Length, batch.SizeBytes);
            Assert.Equal(forms, await db.Forms.CountAsync(f => f.ImportBatchId == result.BatchId));
            Assert.Equal(indicators, await db.Indicators.CountAsync(i => db.Forms.Any(f => f.Id == i.FormId && f.ImportBatchId == result.BatchId)));
            Assert.Equal(result.Findings, await db.Findings.CountAsync(x => db.Forms.Any(f => f.Id == x.FormId && f.ImportBatchId == result.BatchId)));
        }

        await using var all = Db.CreateContext();
        Assert.Equal(79, await all.Forms.CountAsync());
        Assert.Equal(814, await all.Indicators.CountAsync());
        Assert.Equal(79, await all.FormGoals.CountAsync());
        Assert.Equal(79, await all.FormSearch.CountAsync());
        Assert.Equal(3, await all.Forms.CountAsync(f => f.Kind == FormKind.TargetDeclaration));
    }

    [DataFact]
    public async Task Stored_forms_read_back_as_the_same_interchange_json()
    {
        var result = await ImportCorpusAsync(Corpus.Police2024);
        var read = ReadCorpus(Corpus.Police2024);
        var page = await Store.ListAsync(new FormQuery { Sort = FormSort.Imported, PageSize = 100 });
        Assert.Equal(read.Count, page.Items.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var detail = await Store.GetAsync(page.Items[i].Id);
            Assert.NotNull(detail);
            JsonEquivalence.AssertEquivalent(FormJsonWriter.ToJson(read[i]), FormJsonWriter.ToJson(detail.ToPerformanceForm()));
            Assert.Equal(result.BatchId, detail.Batch!.Id);
        }
    }

    [DataFact]
    public async Task Stored_forms_read_back_with_their_printed_precision_and_the_lines_of_their_fund_rows()
    {
        // police-2024 prints every score with two decimals (10.00, 8.00), songnan-2023 mixes 4.9, 96 and 10
        foreach (var file in new[] { Corpus.Police2024, Corpus.Songnan2023 })
        {
            await ImportCorpusAsync(file);
        }

        var read = ReadCorpus(Corpus.Police2024).Concat(ReadCorpus(Corpus.Songnan2023)).ToList();
        var page = await Store.ListAsync(new FormQuery { Sort = FormSort.Imported, PageSize = 100 });
        Assert.Equal(read.Count, page.Items.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var stored = (await Store.GetAsync(page.Items[i].Id))!.ToPerformanceForm();
            stored.Provenance = read[i].Provenance;
            Assert.Equal(FormJsonWriter.ToJson(read[i]), FormJsonWriter.ToJson(stored)); // as text: 8.00 stays 8.00
            var lines = new[] { read[i].SelfEvaluationFunds?.Total, read[i].SelfEvaluationFunds?.Appropriation, read[i].SelfEvaluationFunds?.Carryover, read[i].SelfEvaluationFunds?.Other };
            var storedLines = new[] { stored.SelfEvaluationFunds?.Total, stored.SelfEvaluationFunds?.Appropriation, stored.SelfEvaluationFunds?.Carryover, stored.SelfEvaluationFunds?.Other };
            Assert.Equal(lines.Select(l => l?.SourceLine ?? 0), storedLines.Select(l => l?.SourceLine ?? 0));
            Assert.True(lines[0]!.SourceLine > 0);
        }
    }

    [DataFact]
    public async Task Stores_the_fields_of_other_layouts_and_reads_them_back()
    {
        var form = ReadCorpus(Corpus.Police2023Targets)[0];
        var hashBefore = new FormMapper().ToRecord(form, FormChecker.ByJurisdiction().CheckAndScore(form), 1, DateTime.UtcNow).ContentHash;
        form.Goals.LongTerm = "建成书香社区";
        form.Details.ProjectCode = "440300000000000000001";
        form.Details.NewProject = false;
        form.Details.PolicyBasis = "街道文化服务方案";
        form.Details.ConclusionProblems = "无";
        form.Details.Extra["项目负责人"] = "张某";
        form.Details.Extra["财务负责人"] = "李某";
        form.Details.SourceFormat = "xlsx";
        form.Details.SourceSheet = "1.社区图书角";
        form.Indicators[0].Operator = "≥";
        form.Indicators[0].Unit = "%";
        form.Indicators[0].Explanation = "按记录统计";
        Assert.NotEqual(hashBefore, new FormMapper().ToRecord(form, FormChecker.ByJurisdiction().CheckAndScore(form), 1, DateTime.UtcNow).ContentHash);

        await Importer.ImportFormsAsync([form], "layouts.json", new ImportOptions { User = "tester" });
        var page = await Store.ListAsync(new FormQuery { PageSize = 10 });
        var stored = (await Store.GetAsync(Assert.Single(page.Items).Id))!.ToPerformanceForm();
        JsonEquivalence.AssertEquivalent(FormJsonWriter.ToJson(form), FormJsonWriter.ToJson(stored));
        Assert.Equal(["项目负责人", "财务负责人"], stored.Details.Extra.Keys);
        Assert.Equal(("xlsx", "1.社区图书角"), (stored.Details.SourceFormat, stored.Details.SourceSheet));
        Assert.Equal(("≥", "%", "按记录统计"), (stored.Indicators[0].Operator, stored.Indicators[0].Unit, stored.Indicators[0].Explanation));
    }

    [DataFact]
    public async Task Stores_recomputed_scores_and_findings_beside_printed_values()
    {
        await ImportCorpusAsync(Corpus.Police2024);
        var checker = new FormChecker();
        var read = ReadCorpus(Corpus.Police2024);
        var page = await Store.ListAsync(new FormQuery { Sort = FormSort.Imported, PageSize = 100 });
        for (var i = 0; i < read.Count; i++)
        {
            var expected = checker.CheckAndScore(read[i]);
            var detail = (await Store.GetAsync(page.Items[i].Id))!;
            Assert.Equal(expected.Score.Recomputed, detail.Form.RecomputedTotal);
            Assert.Equal(expected.Score.RecomputedGrade, detail.Form.RecomputedGrade);
            Assert.Equal(read[i].TotalScore, detail.Form.TotalScore);
            Assert.Equal(expected.Findings.Select(f => (f.Code, f.Field, f.MessageZh)), detail.Findings.Select(f => (f.Code, f.Field, f.MessageZh)));
            Assert.Equal(expected.Findings.Count(f => f.Severity == Severity.Error), detail.Form.ErrorCount);
            Assert.Equal(expected.Findings.Count(f => f.Severity == Severity.Warning), detail.Form.WarningCount);
            foreach (var f in detail.Findings.Where(f => f.Field.StartsWith("indicators[", StringComparison.Ordinal)))
            {
                Assert.NotNull(f.IndicatorIndex);
                Assert.InRange(f.IndicatorIndex!.Value, 0, detail.Indicators.Count - 1);
            }

            Assert.Equal(read[i].Provenance!.FirstLine, detail.Form.SourceFirstLine);
            Assert.Equal(Corpus.Police2024, detail.Form.SourceFile);
        }
    }

    [DataFact]
    public async Task Reimporting_the_same_content_adds_nothing_and_says_so()
    {
        var first = await ImportCorpusAsync(Corpus.Songnan2023);
        Assert.True(first.Succeeded);

        var again = await ImportCorpusAsync(Corpus.Songnan2023);
        Assert.Equal(ImportStatus.Duplicate, again.Status);
        Assert.Equal(first.BatchId, again.DuplicateOfBatchId);
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(0, again.Forms);
        Assert.Contains("already imported", again.ToString(), StringComparison.Ordinal);

        // the same bytes through a stream that cannot seek, under another name
        var bytes = await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023));
        await using var stream = new ForwardOnlyStream(bytes);
        var third = await Importer.ImportAsync(stream, "renamed.txt");
        Assert.Equal(ImportStatus.Duplicate, third.Status);
        Assert.Equal(first.BatchId, third.DuplicateOfBatchId);

        await using var db = Db.CreateContext();
        Assert.Equal(5, await db.Forms.CountAsync());
        Assert.Equal(50, await db.Indicators.CountAsync());
        var batches = await db.ImportBatches.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal([ImportStatus.Succeeded, ImportStatus.Duplicate, ImportStatus.Duplicate], batches.Select(b => b.Status));
    }

    [DataFact]
    public async Task A_failing_file_stores_nothing_and_leaves_earlier_data_intact()
    {
        var good = await ImportCorpusAsync(Corpus.Police2023Targets);
        Assert.True(good.Succeeded);

        // a PDF renamed .txt
        var pdf = await Importer.ImportAsync(new MemoryStream("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray()), "report.txt");
        Assert.Equal(ImportStatus.Failed, pdf.Status);
        Assert.Contains("report.txt", pdf.Error, StringComparison.Ordinal);
        Assert.Contains("PDF", pdf.Error, StringComparison.Ordinal);

        // text without any form
        var empty = await Importer.ImportAsync(new MemoryStream("hello\nworld\n"u8.ToArray()), "notes.txt");
        Assert.Equal(ImportStatus.Failed, empty.Status);
        Assert.Contains("no form found", empty.Error, StringComparison.Ordinal);

        // JSON whose first forms are fine and then breaks: the forms already written in the transaction are rolled back
        var forms = ReadCorpus(Corpus.Police2024).Take(3).ToList();
        var json = new StringBuilder();
        json.Append('[');
        foreach (var f in forms)
        {
            json.Append(FormJsonWriter.ToJson(f)).Append(",\n");
        }

        json.Append("{\"schema\": \"jixiao.form/1\", \"kind\": ");
        var broken = await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json.ToString())), "broken.json", new ImportOptions { ChunkSize = 1 });
        Assert.Equal(ImportStatus.Failed, broken.Status);
        Assert.StartsWith("broken.json:", broken.Error, StringComparison.Ordinal);
        Assert.Equal(0, broken.Forms);

        await using var db = Db.CreateContext();
        Assert.Equal(3, await db.Forms.CountAsync());
        Assert.Equal(40, await db.Indicators.CountAsync());
        Assert.Equal(3, await db.FormGoals.CountAsync());
        Assert.All(await db.Forms.ToListAsync(), f => Assert.Equal(good.BatchId, f.ImportBatchId));
        var failed = await db.ImportBatches.Where(b => b.Status == ImportStatus.Failed).OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, b =>
        {
            Assert.False(string.IsNullOrEmpty(b.ErrorMessage));
            Assert.NotNull(b.FinishedAt);
            Assert.Equal(0, b.FormCount);
        });
        Assert.True(failed[2].ErrorLine > 0, "a JSON syntax error names its line");

        // the failed content can be imported once fixed, and a missing file fails cleanly
        var missing = await Importer.ImportFileAsync(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".txt"));
        Assert.Equal(ImportStatus.Failed, missing.Status);
    }

    [DataFact]
    public async Task Import_reports_progress_in_forms_and_bytes()
    {
        var seen = new List<ImportProgress>();
        var result = await Importer.ImportFileAsync(Corpus.PathOf(Corpus.DataBureau2024), new ImportOptions { ChunkSize = 10, Progress = seen.Add });
        Assert.True(result.Succeeded);
        Assert.Equal([10L, 20L, 30L, 34L], seen.Select(p => p.Forms));
        Assert.All(seen, p => Assert.Equal(result.BatchId, p.BatchId));
        Assert.True(seen[^1].BytesRead > 0);
        Assert.Equal(new FileInfo(Corpus.PathOf(Corpus.DataBureau2024)).Length, seen[^1].TotalBytes);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.BytesRead <= p.Second.BytesRead));
    }

    [DataFact]
    public async Task Queued_batches_are_processed_in_place()
    {
        var id = await Importer.QueueAsync("../../etc/" + Corpus.Songnan2023, 123, "alice");
        var batch = await Store.GetBatchAsync(id);
        Assert.Equal(ImportStatus.Queued, batch!.Status);
        Assert.Equal(Corpus.Songnan2023, batch.FileName);

        await using var file = File.OpenRead(Corpus.PathOf(Corpus.Songnan2023));
        var result = await Importer.ImportAsync(file, Corpus.Songnan2023, new ImportOptions { BatchId = id });
        Assert.Equal(id, result.BatchId);
        batch = await Store.GetBatchAsync(id);
        Assert.Equal(ImportStatus.Succeeded, batch!.Status);
        Assert.Equal("alice", batch.CreatedBy);
        Assert.Equal(5, batch.FormCount);
        Assert.NotNull(batch.StartedAt);
    }

    [DataFact]
    public async Task Filters_sorting_and_paging_return_the_right_rows()
    {
        foreach (var file in Corpus.AllFiles)
        {
            Assert.True((await ImportCorpusAsync(file)).Succeeded);
        }

        var all = ReadCorpus(Corpus.Police2024).Concat(ReadCorpus(Corpus.Police2023Targets))
            .Concat(ReadCorpus(Corpus.DataBureau2024)).Concat(ReadCorpus(Corpus.Songnan2023)).ToList();
        var store = Store;

        var everything = await store.ListAsync(new FormQuery { PageSize = 500 });
        Assert.Equal(79, everything.TotalCount);

        // year
        var y2023 = await store.ListAsync(new FormQuery { Year = 2023, PageSize = 500 });
        Assert.Equal(all.Count(f => f.Year == 2023), y2023.TotalCount);
        Assert.All(y2023.Items, f => Assert.Equal(2023, f.Year));

        // kind
        var declarations = await store.ListAsync(new FormQuery { Kind = FormKind.TargetDeclaration });
        Assert.Equal(3, declarations.TotalCount);

        // department, matched whatever the spacing and width
        var police = await store.ListAsync(new FormQuery { Department = " 上海市公安局　宝山分局 ", PageSize = 500 });
        Assert.Equal(all.Count(f => NameKeys.Plain(f.Department) == PoliceDepartment), police.TotalCount);
        Assert.Equal(40, police.TotalCount);
        Assert.Empty((await store.ListAsync(new FormQuery { Department = "不存在的部门" })).Items);

        // unit
        var unitName = all[^1].ImplementingUnit!;
        var unit = await store.ListAsync(new FormQuery { Unit = unitName, PageSize = 500 });
        Assert.Equal(all.Count(f => NameKeys.Plain(f.ImplementingUnit) == NameKeys.Plain(unitName)), unit.TotalCount);

        // grade (printed, else the grade of the printed total) and recomputed grade
        var checker = new FormChecker();
        var scores = all.Select(f => checker.CheckAndScore(f)).ToList();
        var excellent = await store.ListAsync(new FormQuery { Grade = Grade.Excellent, PageSize = 500 });
        Assert.Equal(scores.Count(s => (s.Score.PrintedGrade ?? s.Score.PrintedTotalGrade) == Grade.Excellent), excellent.TotalCount);
        var recomputedGood = await store.ListAsync(new FormQuery { RecomputedGrade = Grade.Good, PageSize = 500 });
        Assert.Equal(scores.Count(s => s.Score.RecomputedGrade == Grade.Good), recomputedGood.TotalCount);

        // check code
        var code = scores.SelectMany(s => s.Findings).GroupBy(f => f.Code).OrderByDescending(g => g.Count()).First().Key;
        var withCode = await store.ListAsync(new FormQuery { CheckCode = code.ToLowerInvariant(), PageSize = 500 });
        Assert.Equal(scores.Count(s => s.Findings.Any(f => f.Code == code)), withCode.TotalCount);
        var withErrors = await store.ListAsync(new FormQuery { HasErrors = true, PageSize = 500 });
        Assert.Equal(scores.Count(s => s.HasErrors), withErrors.TotalCount);

        // score range (printed total) and execution-rate range
        var scored = await store.ListAsync(new FormQuery { ScoreMin = 90m, ScoreMax = 99.5m, PageSize = 500 });
        Assert.Equal(all.Count(f => f.TotalScore is >= 90m and <= 99.5m), scored.TotalCount);
        Assert.All(scored.Items, f => Assert.InRange(f.TotalScore!.Value, 90m, 99.5m));
        var rates = scores.Select(s => s.Score.Execution.Rate is { } r ? Math.Round(r, 4) : s.Score.Form.SelfEvaluationFunds?.Total?.ExecutionRate).ToList();
        var low = await store.ListAsync(new FormQuery { ExecutionRateMax = 95m, PageSize = 500 });
        Assert.Equal(rates.Count(r => r <= 95m), low.TotalCount);
        var recomputedRange = await store.ListAsync(new FormQuery { RecomputedMin = 95m, PageSize = 500 });
        Assert.Equal(scores.Count(s => s.Score.RecomputedGrade is not null && s.Score.Recomputed >= 95m), recomputedRange.TotalCount);

        // combined: year + department + kind
        var combined = await store.ListAsync(new FormQuery { Year = 2024, Department = PoliceDepartment, Kind = FormKind.SelfEvaluation, PageSize = 500 });
        Assert.Equal(37, combined.TotalCount);

        // full-text on project, unit, department and indicator names
        var text = await store.ListAsync(new FormQuery { Text = "特保", PageSize = 500 });
        Assert.Equal(all.Count(f => Mentions(f, "特保")), text.TotalCount);
        Assert.Equal(2, text.TotalCount);
        var indicatorText = await store.ListAsync(new FormQuery { Text = "涉案财物存放管理完成率" });
        Assert.Equal(all.Count(f => Mentions(f, "涉案财物存放管理完成率")), indicatorText.TotalCount);
        Assert.True(indicatorText.TotalCount >= 1);
        var phrase = await store.ListAsync(new FormQuery { Text = "\"特 保\"" }); // white space inside a phrase is ignored
        Assert.Equal(2, phrase.TotalCount);
        var words = await store.ListAsync(new FormQuery { Text = "特保\u3000队伍 经费", PageSize = 500 }); // words apart: all of them
        Assert.Equal(all.Count(f => Mentions(f, "特保") && Mentions(f, "队伍") && Mentions(f, "经费")), words.TotalCount);
        Assert.Equal(2, words.TotalCount);

        // sorting: printed total descending, ties by id
        var sorted = await store.ListAsync(new FormQuery { Kind = FormKind.SelfEvaluation, Sort = FormSort.TotalScore, Descending = true, PageSize = 500 });
        var withTotals = sorted.Items.Where(f => f.TotalScore is not null).ToList();
        Assert.Equal(withTotals.OrderByDescending(f => f.TotalScore).ThenByDescending(f => f.Id).Select(f => f.Id), withTotals.Select(f => f.Id));
        var byName = await store.ListAsync(new FormQuery { Sort = FormSort.ProjectName, PageSize = 500 });
        Assert.Equal(byName.Items.Select(f => f.ProjectName).Order(StringComparer.Ordinal), byName.Items.Select(f => f.ProjectName));

        // paging: page 3 of 10 is rows 21..30 of the whole sorted list
        var page3 = await store.ListAsync(new FormQuery { Sort = FormSort.ProjectName, Page = 3, PageSize = 10 });
        Assert.Equal(79, page3.TotalCount);
        Assert.Equal(8, page3.PageCount);
        Assert.Equal(byName.Items.Skip(20).Take(10).Select(f => f.Id), page3.Items.Select(f => f.Id));
        var last = await store.ListAsync(new FormQuery { Sort = FormSort.ProjectName, Page = 8, PageSize = 10 });
        Assert.Equal(9, last.Items.Count);
        var beyond = await store.ListAsync(new FormQuery { Page = 99, PageSize = 10 });
        Assert.Empty(beyond.Items);
        Assert.Equal(79, beyond.TotalCount);
    }

    private static bool Mentions(PerformanceForm f, string text)
    {
        var t = NameKeys.Search(text);
        return NameKeys.Search(f.ProjectName).Contains(t, StringComparison.Ordinal)
            || NameKeys.Search(f.ImplementingUnit).Contains(t, StringComparison.Ordinal)
            || NameKeys.Search(f.Department).Contains(t, StringComparison.Ordinal)
            || f.Indicators.Any(i => NameKeys.Search(i.Name).Contains(t, StringComparison.Ordinal));
    }

    [DataFact]
    public async Task Lineage_links_a_declaration_to_the_next_years_self_evaluation()
    {
        await ImportCorpusAsync(Corpus.Police2023Targets);
        await ImportCorpusAsync(Corpus.Police2024);
        await ImportCorpusAsync(Corpus.DataBureau2024);

        var self = (await Store.ListAsync(new FormQuery { Text = "2024年区特保队伍经费" })).Items.Single();
        Assert.Equal("区特保队伍经费", self.LineageKey);
        var lineage = await Store.GetLineageAsync(self.Id);
        Assert.NotNull(lineage);
        Assert.Equal("区特保队伍经费", lineage.LineageKey);
        Assert.Equal(2, lineage.Forms.Count);
        Assert.Equal((2023, FormKind.TargetDeclaration, "区特保队伍经费"), (lineage.Forms[0].Year!.Value, lineage.Forms[0].Kind, lineage.Forms[0].ProjectName));
        Assert.Equal((2024, FormKind.SelfEvaluation, "2024年区特保队伍经费"), (lineage.Forms[1].Year!.Value, lineage.Forms[1].Kind, lineage.Forms[1].ProjectName));
        var years = lineage.ByYear().ToList();
        Assert.Equal(2, years.Count);
        Assert.NotNull(years[0].Declaration);
        Assert.NotNull(years[1].SelfEvaluation);

        var byKey = await Store.GetLineageAsync("（2024年）区特保队伍经费");
        Assert.Equal(lineage.Forms.Select(f => f.Id), byKey.Forms.Select(f => f.Id));

        // every declaration of 2023 finds its 2024 self-evaluation
        var declarations = await Store.ListAsync(new FormQuery { Kind = FormKind.TargetDeclaration });
        foreach (var d in declarations.Items)
        {
            var l = await Store.GetLineageAsync(d.Id);
            Assert.Contains(l!.Forms, f => f.Kind == FormKind.SelfEvaluation && f.Year == 2024);
        }
    }

    [DataFact]
    public async Task Statistics_sum_money_forms_grades_and_findings()
    {
        foreach (var file in Corpus.AllFiles)
        {
            await ImportCorpusAsync(file);
        }

        var checker = new FormChecker();
        var all = Corpus.AllFiles.SelectMany(ReadCorpus).ToList();
        var stats = await Store.GetStatisticsAsync(new FormQuery());
        Assert.Equal(79, stats.Forms);
        // money and the execution rate over the self-evaluations that state both amounts; declarations apart
        Assert.Equal(all.Where(Rated).Sum(Budget), stats.Budget);
        Assert.Equal(558_957_419.92m, stats.Budget);
        Assert.Equal(all.Where(Rated).Sum(f => f.SelfEvaluationFunds!.Total!.Executed!.Value), stats.Executed);

        var police2024 = stats.Rows.Single(r => r.Year == 2024 && r.Department == PoliceDepartment);
        var expected = all.Where(f => f.Year == 2024 && f.Department == PoliceDepartment).ToList();
        Assert.Equal(37, police2024.Forms);
        Assert.Equal(37, police2024.SelfEvaluations);
        Assert.Equal(expected.Where(Rated).Sum(Budget), police2024.Budget);
        Assert.Equal(expected.Count(f => f.TotalScore >= 90m && f.TotalScore < 95m), police2024.ScoreBuckets[4]);
        Assert.Equal(expected.Count(f => f.TotalScore >= 100m), police2024.ScoreBuckets[6]);
        Assert.Equal(expected.Count(f => f.TotalScore is not null), police2024.ScoreBuckets.Sum());
        var scores = expected.Select(f => checker.CheckAndScore(f)).ToList();
        Assert.Equal(scores.Count(s => (s.Score.PrintedGrade ?? s.Score.PrintedTotalGrade) == Grade.Excellent), police2024.Grades.Excellent);
        Assert.Equal(scores.Count(s => s.Score.RecomputedGrade == Grade.Excellent), police2024.RecomputedGrades.Excellent);
        Assert.Equal(37, police2024.Grades.Total);
        Assert.Equal(scores.Sum(s => s.Findings.Count(f => f.Severity == Severity.Error)), police2024.Errors);
        var rates = scores.Select(s => s.Score.Execution.Rate is { } r ? Math.Round(r, 4) : s.Score.Form.SelfEvaluationFunds?.Total?.ExecutionRate).Where(r => r is not null).Select(r => r!.Value).ToList();
        Assert.Equal((double)rates.Average(), (double)police2024.MeanExecutionRate!.Value, 3);

        var findings = all.SelectMany(f => checker.Check(f)).ToList();
        Assert.Equal(findings.Count, stats.FindingsByCheck.Sum(c => c.Findings));
        foreach (var c in stats.FindingsByCheck)
        {
            Assert.Equal(findings.Count(f => f.Code == c.Code), c.Findings);
        }

        // the same statistics for one department only, and the drill-down list agrees with the numbers
        var scoped = await Store.GetStatisticsAsync(new FormQuery { Scope = await Store.ScopeAsync(PoliceDepartment) });
        Assert.Equal(40, scoped.Forms);
        Assert.All(scoped.Rows, r => Assert.Equal(PoliceDepartment, r.Department));
        var drill = await Store.ListAsync(new FormQuery { Year = 2024, Department = PoliceDepartment, ScoreMin = 90m, ScoreMax = 94.9999m });
        Assert.Equal(police2024.ScoreBuckets[4], drill.TotalCount);

        var groups = await Store.GetFindingGroupsAsync(new FormQuery());
        Assert.Equal(findings.Count, groups.Sum(g => g.Findings));
        foreach (var g in groups)
        {
            Assert.Equal(all.Sum(f => checker.Check(f).Count(x => x.Code == g.Code) * (NameKeys.Plain(f.Department) == NameKeys.Plain(g.Department) ? 1 : 0)), g.Findings);
            Assert.True(g.Forms <= g.Findings);
        }

        // the summary's coarser groupings are the fine groups summed, from the stored totals (no filter beyond year and
        // department) and from the findings themselves (a kind filter)
        foreach (var query in new[] { new FormQuery(), new FormQuery { Year = 2024 }, new FormQuery { Kind = FormKind.SelfEvaluation } })
        {
            var fine = await Store.GetFindingGroupsAsync(query);
            var byCheck = await Store.GetFindingGroupsAsync(query, FindingGrouping.Check);
            var byDepartment = await Store.GetFindingGroupsAsync(query, FindingGrouping.Department);
            Assert.NotEmpty(fine);
            Assert.Equal(
                fine.GroupBy(g => (g.Code, g.Severity)).Select(g => (g.Key.Code, g.Key.Severity, g.Sum(x => x.Findings), g.Sum(x => x.Forms))).Order().ToList(),
                byCheck.Select(g => (g.Code, g.Severity, g.Findings, g.Forms)).Order().ToList());
            Assert.All(byCheck, g => Assert.Null(g.DepartmentId));
            Assert.Equal(
                fine.GroupBy(g => (g.Department, g.Severity)).Select(g => (g.Key.Department, g.Key.Severity, g.Sum(x => x.Findings), g.Sum(x => x.Forms))).Order().ToList(),
                byDepartment.Select(g => (g.Department, g.Severity, g.Findings, g.Forms)).Order().ToList());
            Assert.All(byDepartment, g => Assert.Equal("", g.Code));
        }
    }

    private static bool Rated(PerformanceForm f) =>
        f.Kind != FormKind.TargetDeclaration && f.SelfEvaluationFunds?.Total is { Executed: not null } t && (t.AnnualBudget ?? t.InitialBudget) is not null;

    private static decimal Budget(PerformanceForm f) =>
        f.Kind == FormKind.SelfEvaluation
            ? f.SelfEvaluationFunds?.Total?.AnnualBudget ?? f.SelfEvaluationFunds?.Total?.InitialBudget ?? 0m
            : f.DeclarationFunds?.AnnualTotal ?? f.DeclarationFunds?.ProjectTotal ?? 0m;

    [DataFact]
    public async Task The_filter_choices_are_kept_and_follow_each_import_and_deletion_at_once()
    {
        // one instance, as the web application holds it: the years, departments and units it offers are kept in memory
        var portfolio = new Jixiao.Data.Portfolio.PortfolioQueries(Db);
        var police = await ImportCorpusAsync(Corpus.Police2024);
        Assert.Equal([2024], await portfolio.ListYearsAsync());
        var departments = await portfolio.ListDepartmentsAsync();
        Assert.Equal([(PoliceDepartment, 37)], departments.Select(d => (d.Name, d.Forms)));
        Assert.Same(departments, await portfolio.ListDepartmentsAsync()); // kept, not read again
        var units = await portfolio.ListUnitNamesAsync(null, null, 1000);
        Assert.NotEmpty(units);

        var targets = await ImportCorpusAsync(Corpus.Police2023Targets);
        Assert.Equal([2024, 2023], await portfolio.ListYearsAsync());
        Assert.Equal([(PoliceDepartment, 40)], (await portfolio.ListDepartmentsAsync()).Select(d => (d.Name, d.Forms)));
        var data = await ImportCorpusAsync(Corpus.DataBureau2024);
        Assert.Equal(2, (await portfolio.ListDepartmentsAsync()).Count);
        Assert.True((await portfolio.ListUnitNamesAsync(null, null, 1000)).Count > units.Count);

        // a deleted batch takes its forms; the organisations stay known, with no forms
        Assert.True(await Store.DeleteBatchAsync(data.BatchId));
        Assert.Equal([(PoliceDepartment, 40), ("上海市宝山区数据局", 0)], (await portfolio.ListDepartmentsAsync()).Select(d => (d.Name, d.Forms)));
        Assert.True(await Store.DeleteBatchAsync(targets.BatchId));
        Assert.Equal([(PoliceDepartment, 37), ("上海市宝山区数据局", 0)], (await portfolio.ListDepartmentsAsync()).Select(d => (d.Name, d.Forms)));
        Assert.Equal([2024], await portfolio.ListYearsAsync());
        Assert.True(police.BatchId > 0);
    }

    [DataFact]
    public async Task Department_scope_hides_other_departments_everywhere()
    {
        await ImportCorpusAsync(Corpus.Police2024);
        await ImportCorpusAsync(Corpus.DataBureau2024);
        var store = Store;
        var scoped = await store.ListAsync(new FormQuery { Scope = await Store.ScopeAsync(PoliceDepartment), PageSize = 500 });
        Assert.Equal(37, scoped.TotalCount);
        Assert.All(scoped.Items, f => Assert.Equal(PoliceDepartment, f.Department));

        // asking for another department inside the scope gives nothing
        var other = (await store.ListAsync(new FormQuery { Text = "", PageSize = 500 })).Items.First(f => f.Department != PoliceDepartment);
        var escape = await store.ListAsync(new FormQuery { Scope = await Store.ScopeAsync(PoliceDepartment), Department = other.Department });
        Assert.Equal(0, escape.TotalCount);
        Assert.Null(await store.GetAsync(other.Id, PoliceDepartment));
        Assert.NotNull(await store.GetAsync(other.Id, other.Department));
        Assert.NotNull(await store.GetAsync(other.Id));
        Assert.Null(await store.GetLineageAsync(other.Id, PoliceDepartment));
        Assert.Equal(0, (await store.GetStatisticsAsync(new FormQuery { Scope = await Store.ScopeAsync("不存在的部门") })).Forms);
        Assert.Empty(await store.GetFindingGroupsAsync(new FormQuery { Scope = await Store.ScopeAsync("不存在的部门") }));
        Assert.All(await store.GetFindingGroupsAsync(new FormQuery { Scope = await Store.ScopeAsync(PoliceDepartment) }), g => Assert.Equal(PoliceDepartment, g.Department));
        var departments = await store.ListDepartmentsAsync(PoliceDepartment);
        Assert.Equal(PoliceDepartment, Assert.Single(departments).Name);
        Assert.Equal(37, departments[0].Forms);
        Assert.Equal(2, (await store.ListDepartmentsAsync()).Count);
        await foreach (var d in store.StreamAsync(new FormQuery { Scope = await Store.ScopeAsync(PoliceDepartment) }))
        {
            Assert.Equal(PoliceDepartment, d.Form.Department);
        }
    }

    [DataFact]
    public async Task Injection_strings_are_stored_as_data_and_matched_literally()
    {
        string[] names = ["'; DROP TABLE forms; --", "完成率100%项目", "a_b项目", "abc项目", "x\\y项目", "<script>alert(1)</script>"];
        var forms = names.Select((n, i) => new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = 2024,
            ProjectName = n,
            Department = i == 0 ? "\"; DELETE FROM users; --" : "测试部门",
            ImplementingUnit = "O'Brien单位",
            Indicators = { new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "指标" + n, Target = "≥1(个)", Actual = "1(个)", Weight = 90m, Score = 90m } },
        }).ToList();
        var result = await Importer.ImportFormsAsync(forms, "injection.json");
        Assert.True(result.Succeeded, result.ToString());

        var store = Store;
        Assert.Equal(6, (await store.ListAsync(new FormQuery())).TotalCount);
        Assert.Equal("'; DROP TABLE forms; --", Assert.Single((await store.ListAsync(new FormQuery { Text = "'; DROP TABLE forms; --" })).Items).ProjectName);
        Assert.Equal("完成率100%项目", Assert.Single((await store.ListAsync(new FormQuery { Text = "%" })).Items).ProjectName);
        Assert.Equal("a_b项目", Assert.Single((await store.ListAsync(new FormQuery { Text = "_" })).Items).ProjectName);
        Assert.Equal("x\\y项目", Assert.Single((await store.ListAsync(new FormQuery { Text = "\\" })).Items).ProjectName);
        Assert.Single((await store.ListAsync(new FormQuery { Text = "<script>" })).Items);
        Assert.Empty((await store.ListAsync(new FormQuery { Text = "a%b" })).Items);
        Assert.Equal(6, (await store.ListAsync(new FormQuery { Text = "O'Brien" })).TotalCount);
        Assert.Single((await store.ListAsync(new FormQuery { Department = "\"; DELETE FROM users; --" })).Items);
        Assert.Empty((await store.ListAsync(new FormQuery { Department = "' OR '1'='1" })).Items);
        Assert.Empty((await store.ListAsync(new FormQuery { Scope = await Store.ScopeAsync("' OR '1'='1") })).Items);
        Assert.Empty((await store.ListAsync(new FormQuery { CheckCode = "' OR 1=1 --" })).Items);
        Assert.Empty((await store.ListAsync(new FormQuery { LineageKey = "%" })).Items);

        await using var db = Db.CreateContext();
        Assert.Equal(6, await db.Forms.CountAsync());
        Assert.Equal(1, await db.Forms.CountAsync(f => f.ProjectName == "'; DROP TABLE forms; --"));
    }

    [DataFact]
    public async Task Imports_generated_forms_and_finds_their_mistakes()
    {
        var generator = new FormGenerator(7, new GeneratorOptions { ErrorRate = 0.3 });
        var generated = generator.Generate(300).ToList();
        var result = await Importer.ImportFormsAsync(generated.Select(g => g.Form), "generated-7", new ImportOptions { ChunkSize = 64 });
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(300, result.Forms);
        Assert.Equal(generated.Sum(g => g.Form.Indicators.Count), result.Indicators);

        var again = await Importer.ImportFormsAsync(new FormGenerator(7, new GeneratorOptions { ErrorRate = 0.3 }).Generate(300).Select(g => g.Form), "generated-7 again");
        Assert.Equal(ImportStatus.Duplicate, again.Status);

        var stats = await Store.GetStatisticsAsync(new FormQuery());
        Assert.Equal(300, stats.Forms);
        Assert.Equal(generated.Count(g => g.Form.Kind == FormKind.TargetDeclaration), stats.Rows.Sum(r => r.Declarations));
        var departments = generated.Select(g => NameKeys.Plain(g.Form.Department)).Distinct().Count();
        Assert.Equal(departments, (await Store.ListDepartmentsAsync()).Count);

        await using var db = Db.CreateContext();
        var regions = await db.Organisations.Where(o => o.Kind == OrganisationKind.Region).Select(o => o.Name).ToListAsync();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.StartsWith("江海市", r, StringComparison.Ordinal));
        Assert.Equal(0, await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Unit && o.ParentId == null));
    }

    [DataFact]
    public async Task Streams_every_selected_form_for_export_and_deletes_a_batch()
    {
        var police = await ImportCorpusAsync(Corpus.Police2024);
        var songnan = await ImportCorpusAsync(Corpus.Songnan2023);
        var streamed = new List<FormDetail>();
        await foreach (var d in Store.StreamAsync(new FormQuery { Sort = FormSort.Imported }))
        {
            streamed.Add(d);
        }

        Assert.Equal(42, streamed.Count);
        Assert.Equal(streamed.Select(d => d.Form.Id).Order(), streamed.Select(d => d.Form.Id));
        Assert.Equal(400, streamed.Sum(d => d.Indicators.Count));

        Assert.True(await Store.DeleteBatchAsync(police.BatchId));
        Assert.False(await Store.DeleteBatchAsync(police.BatchId));
        await using var db = Db.CreateContext();
        Assert.Equal(5, await db.Forms.CountAsync());
        Assert.Equal(50, await db.Indicators.CountAsync());
        Assert.Equal(5, await db.FormSearch.CountAsync());
        Assert.All(await db.Forms.ToListAsync(), f => Assert.Equal(songnan.BatchId, f.ImportBatchId));

        // the deleted content may be imported again
        Assert.True((await ImportCorpusAsync(Corpus.Police2024)).Succeeded);
    }

    [DataFact]
    public async Task Accounts_hash_passwords_and_changes_go_to_the_audit_log()
    {
        var accounts = new AccountStore(Db);
        Assert.False(await accounts.AnyAdministratorAsync());
        var admin = await accounts.CreateAsync("admin", "s3cret-密码", UserRole.Administrator, null, "setup");
        Assert.DoesNotContain("s3cret", admin.PasswordHash, StringComparison.Ordinal);
        Assert.True(await accounts.AnyAdministratorAsync());
        await accounts.CreateAsync("police", "pw-police", UserRole.DepartmentUser, PoliceDepartment, "admin");
        await Assert.ThrowsAsync<InvalidOperationException>(() => accounts.CreateAsync("police", "x", UserRole.Supervisor, null, "admin"));
        await Assert.ThrowsAsync<ArgumentException>(() => accounts.CreateAsync("nodept", "x", UserRole.DepartmentUser, null, "admin"));

        Assert.NotNull(await accounts.VerifyAsync("admin", "s3cret-密码"));
        Assert.Null(await accounts.VerifyAsync("admin", "wrong"));
        Assert.Null(await accounts.VerifyAsync("' OR 1=1 --", "x"));
        Assert.NotNull((await accounts.FindAsync("admin"))!.LastLoginAt);

        Assert.True(await accounts.SetRoleAsync("police", UserRole.Supervisor, null, "admin"));
        Assert.Equal(UserRole.Supervisor, (await accounts.FindAsync("police"))!.Role);
        Assert.Null((await accounts.FindAsync("police"))!.Department);

        var audit = new AuditLog(Db);
        await audit.WriteAsync("admin", "delete", "import", "7", "removed by test");
        var log = await audit.ListAsync();
        Assert.Equal(["delete", "role-change", "user-create", "user-create"], log.Items.Select(a => a.Action));
        Assert.All(log.Items, a => Assert.True(a.At > DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal("admin", log.Items[1].Actor);
        Assert.Contains("DepartmentUser", log.Items[1].Details, StringComparison.Ordinal);
    }
}

public sealed class SqliteStoreTests : StoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresStoreTests : StoreTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>A stream that cannot seek, like a network upload.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : Stream
{
    private readonly MemoryStream inner = new(bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
