using System.Text;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Imports;

/// <summary>
/// A file whose forms are all stored already is a duplicate even when its bytes differ — the same forms saved as
/// GB18030 with CRLF line ends (issue 10, item 9: they were imported again) — and is reported as the duplicate of the
/// batch that holds them; a file with one new form is stored. On both databases.
/// </summary>
public abstract class ContentDuplicateTests : DatabaseTest
{
    static ContentDuplicateTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The corpus file as another office would save it: GB18030, CRLF.</summary>
    private static async Task<string> ReencodedAsync(string corpusFile)
    {
        var text = (await File.ReadAllTextAsync(Corpus.PathOf(corpusFile), Encoding.UTF8)).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "jixiao-reencoded-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllBytesAsync(path, Encoding.GetEncoding("GB18030").GetBytes(text));
        return path;
    }

    [DbFact]
    public async Task The_same_forms_in_gb18030_with_crlf_are_a_duplicate_of_the_batch_that_holds_them()
    {
        var first = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Police2024), new ImportOptions { User = "tester" });
        Assert.True(first.Succeeded);
        var path = await ReencodedAsync(Corpus.Police2024);
        try
        {
            Assert.NotEqual(await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024)), await File.ReadAllBytesAsync(path));

            var again = await new FormImporter(Db).ImportFileAsync(path, new ImportOptions { User = "tester" });

            Assert.Equal(ImportStatus.Duplicate, again.Status);
            Assert.Equal(first.BatchId, again.DuplicateOfBatchId);
            Assert.Equal(0, again.Forms);
            await using var db = Db.CreateContext();
            Assert.Equal(first.Forms, await db.Forms.CountAsync());
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == again.BatchId);
            Assert.Equal((ImportStatus.Duplicate, first.BatchId), (batch.Status, batch.DuplicateOfBatchId));
            Assert.Equal(
                $"{Path.GetFileName(path)}: 文件中的表单已全部导入过（批次 #{first.BatchId}，内容相同，编码、换行或格式不同），未重复导入。Every form of the file is already stored by batch #{first.BatchId} (the same content in another encoding, with other line ends or in another format): nothing was added.",
                batch.ErrorMessage);
            Assert.Contains(await db.AuditLog.Select(a => a.Details).ToListAsync(), d => d!.EndsWith($"Duplicate; forms=0; findings=0; duplicate of {first.BatchId}", StringComparison.Ordinal));
            var statistics = await new Data.Portfolio.PortfolioQueries(Db).GetStatisticsAsync(new Data.Forms.FormQuery());
            Assert.Equal(first.Forms, statistics.Forms);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DbFact]
    public async Task Forms_stored_by_two_batches_name_both_and_a_file_with_one_new_form_is_stored()
    {
        var police = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Police2024));
        var songnan = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023));
        var forms = new List<Core.Forms.PerformanceForm>();
        foreach (var file in new[] { Corpus.Songnan2023, Corpus.Police2024 })
        {
            using var text = File.OpenText(Corpus.PathOf(file));
            forms.AddRange(Ingest.Text.TextFormReader.Read(text, file).Take(2));
        }

        var both = await new FormImporter(Db).ImportFormsAsync(forms, "merged.json");
        Assert.Equal((ImportStatus.Duplicate, police.BatchId), (both.Status, both.DuplicateOfBatchId));
        await using (var db = Db.CreateContext())
        {
            var note = (await db.ImportBatches.SingleAsync(b => b.Id == both.BatchId)).ErrorMessage;
            Assert.Contains($"批次 #{police.BatchId}、#{songnan.BatchId}", note, StringComparison.Ordinal);
        }

        var changed = forms[0];
        changed.ProjectName += "（调整）";
        var stored = await new FormImporter(Db).ImportFormsAsync(forms, "merged-and-changed.json");
        Assert.Equal((ImportStatus.Succeeded, 4), (stored.Status, stored.Forms));
    }
}

public sealed class SqliteContentDuplicateTests : ContentDuplicateTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresContentDuplicateTests : ContentDuplicateTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
