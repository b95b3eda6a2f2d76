using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Storage;
using Jixiao.Ingest;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Data.Import;

/// <summary>
/// Imports files of forms (导入): one file is one <see cref="ImportBatch"/>. The file's SHA-256 is checked first —
/// content imported before adds nothing and the result says so. The forms are read with
/// <see cref="FormFileReader"/> (published text, or <c>jixiao.form/1</c> JSON by its name or first character), each
/// scored and checked with <see cref="FormChecker"/>, and written in chunks — binary COPY on PostgreSQL, a prepared
/// INSERT on SQLite — inside ONE transaction per batch: a file that fails stores nothing, and its batch is marked
/// failed with the reason (<c>file:line: what was expected</c>). A file fails when the reader reports an error about it (not a text file,
/// a JSON syntax error, no form found) or the database refuses it. Thread-safe: imports may run concurrently
/// (on SQLite they queue for the write lock).
/// </summary>
public sealed class FormImporter
{
    private const int MaxDiagnostics = 100;

    private readonly JixiaoDatabase database;
    private readonly FormChecker checker;
    private readonly Lazy<Tables> tables;

    public FormImporter(JixiaoDatabase database, FormChecker? checker = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        this.checker = checker ?? new FormChecker();
        tables = new Lazy<Tables>(() =>
        {
            using var db = database.CreateContext();
            return new Tables(db.Model);
        });
    }

    /// <summary>Records an uploaded file as a queued batch (the web app processes it in the background) and returns its id.</summary>
    public async Task<long> QueueAsync(string fileName, long sizeBytes, string? user, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var batch = new ImportBatch
        {
            FileName = CleanName(fileName),
            SizeBytes = sizeBytes,
            Status = ImportStatus.Queued,
            CreatedBy = user,
            CreatedAt = DateTime.UtcNow,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch.Id;
    }

    /// <summary>Imports the file at <paramref name="path"/>; the batch is named by the file's name.</summary>
    public async Task<ImportResult> ImportFileAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var batch = await StartBatchAsync(Path.GetFileName(path), null, options ?? new ImportOptions(), cancellationToken);
            var message = $"{Path.GetFileName(path)}: cannot open the file ({ex.Message}): expected a readable file of forms";
            await FailBatchAsync(batch.Id, message, 0, "", cancellationToken);
            return new ImportResult(batch.Id, ImportStatus.Failed, batch.FileName, "", 0, 0, 0, message, null, TimeSpan.Zero, []);
        }

        await using (stream)
        {
            return await ImportAsync(stream, Path.GetFileName(path), options, cancellationToken);
        }
    }

    /// <summary>Imports a stream (left open) holding a file named <paramref name="fileName"/>.</summary>
    public async Task<ImportResult> ImportAsync(Stream stream, string fileName, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ImportOptions();
        var name = CleanName(fileName);
        var clock = Stopwatch.StartNew();
        long? size = stream.CanSeek ? stream.Length - stream.Position : null;
        var batch = await StartBatchAsync(name, size, options, cancellationToken);

        // Seekable input (files, uploads buffered to disk): hash first, so a re-import costs one read and no parsing.
        var hash = "";
        if (stream.CanSeek)
        {
            var start = stream.Position;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            stream.Position = start;
            if (await FindDuplicateAsync(hash, batch.Id, cancellationToken) is { } original)
            {
                await MarkDuplicateAsync(batch.Id, hash, original, cancellationToken);
                return new ImportResult(batch.Id, ImportStatus.Duplicate, name, hash, 0, 0, 0, null, original, clock.Elapsed, []);
            }
        }

        var diagnostics = new List<Diagnostic>();
        Diagnostic? fatal = null;
        void Report(Diagnostic d)
        {
            if (diagnostics.Count < MaxDiagnostics)
            {
                diagnostics.Add(d);
            }

            if (d.Severity == DiagnosticSeverity.Error)
            {
                fatal ??= d;
            }
        }

        using var input = new HashingStream(stream, computeHash: hash.Length == 0);
        var forms = FormFileReader.Read(input, name, Report);
        return await WriteBatchAsync(batch, forms, input, size, hash, options, diagnostics, () => fatal, clock, cancellationToken);
    }

    /// <summary>
    /// Imports forms made elsewhere (the synthetic generator, the demo data set, forms entered in the application) as
    /// one batch named <paramref name="name"/>. The content hash is the SHA-256 of the forms' hashes, so importing the
    /// same forms again adds nothing.
    /// </summary>
    public async Task<ImportResult> ImportFormsAsync(IEnumerable<PerformanceForm> forms, string name, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forms);
        options ??= new ImportOptions();
        var clock = Stopwatch.StartNew();
        var batch = await StartBatchAsync(CleanName(name), null, options, cancellationToken);
        return await WriteBatchAsync(batch, forms, null, null, "", options, [], () => null, clock, cancellationToken);
    }

    private async Task<ImportResult> WriteBatchAsync(
        ImportBatch batch,
        IEnumerable<PerformanceForm> forms,
        HashingStream? input,
        long? size,
        string hash,
        ImportOptions options,
        List<Diagnostic> diagnostics,
        Func<Diagnostic?> fatal,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var t = tables.Value;
        var chunkSize = Math.Clamp(options.ChunkSize, 1, 100_000);
        var now = DateTime.UtcNow;
        using var combined = input is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false) // BEGIN IMMEDIATE: take the write lock now
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<Totals>? producer = null;
        try
        {
            await using var writer = BulkWriter.Create(connection, transaction);
            await using var searchIndex = connection is SqliteConnection sqliteConnection
                ? SqliteSearchIndex.CreateInsert(sqliteConnection, (SqliteTransaction)transaction)
                : null;
            var grams = connection is SqliteConnection ? null : new SearchGrams.Collector(batch.Id);
            var organisations = await OrganisationDirectory.LoadAsync(connection, transaction, cancellationToken);

            // Reading, scoring and checking run on one thread, writing on another: the database works while the next
            // chunk is prepared. At most two chunks wait between them.
            var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            producer = Task.Run(() => Produce(forms, batch, input, organisations, combined, fatal, chunkSize, now, channel.Writer, stop.Token), stop.Token);
            var realIds = new Dictionary<long, long>();
            var written = 0;
            await foreach (var chunk in channel.Reader.ReadAllAsync(stop.Token))
            {
                await WriteChunkAsync(writer, searchIndex, t, realIds, chunk, stop.Token);
                if (grams is not null)
                {
                    for (var i = 0; i < chunk.Forms.Count; i++)
                    {
                        grams.Add(chunk.Forms[i].Id, chunk.Forms[i].Year, chunk.Search[i]);
                    }

                    if (grams.Forms >= SearchGrams.PartForms)
                    {
                        await writer.WriteAsync(t.Grams, grams.TakeRows(), stop.Token);
                    }
                }

                written += chunk.Forms.Count;
                options.Progress?.Invoke(new ImportProgress(batch.Id, written, chunk.BytesRead, size));
            }

            var totals = await producer;
            if (grams is { Forms: > 0 })
            {
                await writer.WriteAsync(t.Grams, grams.TakeRows(), cancellationToken);
            }

            hash = input is not null
                ? (hash.Length > 0 ? hash : input.Finish())
                : Convert.ToHexStringLower(combined!.GetHashAndReset());

            // A non-seekable stream is hashed on the way; two imports of one file may also have raced.
            if (await FindDuplicateAsync(hash, batch.Id, cancellationToken) is { } original)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await MarkDuplicateAsync(batch.Id, hash, original, CancellationToken.None);
                return new ImportResult(batch.Id, ImportStatus.Duplicate, batch.FileName, hash, 0, 0, 0, null, original, clock.Elapsed, diagnostics);
            }

            // the stored portfolio totals take the batch in the same transaction: they never count a form that is not there
            await PortfolioCube.ApplyBatchAsync(connection, transaction, batch.Id, 1, cancellationToken);

            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = """
                    UPDATE import_batches SET status = @status, content_hash = @hash, size_bytes = @size, form_count = @forms,
                        indicator_count = @indicators, finding_count = @findings, diagnostic_count = @diagnostics,
                        finished_at = @finished, error_message = NULL, error_line = NULL
                    WHERE id = @id
                    """;
                AddParameter(update, "status", (int)ImportStatus.Succeeded);
                AddParameter(update, "hash", hash);
                AddParameter(update, "size", size ?? input?.BytesRead ?? 0L);
                AddParameter(update, "forms", totals.Forms);
                AddParameter(update, "indicators", totals.Indicators);
                AddParameter(update, "findings", totals.Findings);
                AddParameter(update, "diagnostics", totals.Diagnostics + diagnostics.Count);
                AddParameter(update, "finished", DateTime.UtcNow);
                AddParameter(update, "id", batch.Id);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new ImportResult(batch.Id, ImportStatus.Succeeded, batch.FileName, hash, totals.Forms, totals.Indicators, totals.Findings, null, null, clock.Elapsed, diagnostics);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, nothing of the batch stays and the batch says why: it never hangs in "running".
            await stop.CancelAsync();
            if (producer is not null)
            {
                try
                {
                    await producer;
                }
                catch (Exception) when (producer.IsFaulted || producer.IsCanceled)
                {
                    // its failure is the one being handled, or it stopped because writing failed
                }
            }

            await SafeRollbackAsync(transaction);
            var (message, line) = ex switch
            {
                ImportFailedException f => (f.Message, f.Line),
                ChannelClosedException { InnerException: ImportFailedException f } => (f.Message, f.Line),
                OperationCanceledException when cancellationToken.IsCancellationRequested => ($"{batch.FileName}: the import was cancelled; nothing was stored", 0),
                _ => ($"{batch.FileName}: the import failed ({ex.GetType().Name}: {ex.Message}); nothing was stored", 0),
            };
            await FailBatchAsync(batch.Id, message, line, hash, CancellationToken.None);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new ImportResult(batch.Id, ImportStatus.Failed, batch.FileName, hash, 0, 0, 0, message, null, clock.Elapsed, diagnostics);
        }
    }

    /// <summary>Reads, scores, checks and maps the forms, handing them over in chunks. Fails the batch on a reader error.</summary>
    private Totals Produce(
        IEnumerable<PerformanceForm> forms,
        ImportBatch batch,
        HashingStream? input,
        OrganisationDirectory organisations,
        IncrementalHash? combined,
        Func<Diagnostic?> fatal,
        int chunkSize,
        DateTime now,
        ChannelWriter<Chunk> output,
        CancellationToken cancellationToken)
    {
        var totals = new Totals();
        var mapper = new FormMapper();
        Span<byte> formHash = stackalloc byte[32];
        try
        {
            var chunk = new Chunk(chunkSize);
            foreach (var form in forms)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (fatal() is { } error)
                {
                    throw new ImportFailedException(error.ToString(), error.Line);
                }

                var result = checker.CheckAndScore(form);
                var record = mapper.ToRecord(form, result, batch.Id, now);
                (record.DepartmentId, record.UnitId) = organisations.Resolve(form.Department, form.ImplementingUnit);
                if (combined is not null)
                {
                    Convert.FromHexString(record.ContentHash, formHash, out _, out _);
                    combined.AppendData(formHash);
                }

                chunk.Forms.Add(record);
                chunk.Search.Add(FormMapper.SearchText(record));
                totals.Forms++;
                totals.Indicators += record.Indicators.Count;
                totals.Findings += record.Findings.Count;
                totals.Diagnostics += form.Diagnostics.Count;
                if (chunk.Forms.Count >= chunkSize)
                {
                    Hand(chunk);
                    chunk = new Chunk(chunkSize);
                }
            }

            if (fatal() is { } last)
            {
                throw new ImportFailedException(last.ToString(), last.Line);
            }

            if (totals.Forms == 0)
            {
                throw new ImportFailedException($"{batch.FileName}: no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row", 0);
            }

            if (chunk.Forms.Count > 0)
            {
                Hand(chunk);
            }

            output.Complete();
            return totals;
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }

        void Hand(Chunk chunk)
        {
            chunk.NewOrganisations = organisations.TakePending();
            chunk.BytesRead = input?.BytesRead ?? 0;
            if (!output.TryWrite(chunk))
            {
                output.WriteAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private static async Task WriteChunkAsync(BulkWriter writer, SqliteCommand? searchIndex, Tables t, Dictionary<long, long> realIds, Chunk chunk, CancellationToken cancellationToken)
    {
        var chunkForms = chunk.Forms;
        if (chunk.NewOrganisations.Count > 0)
        {
            var ids = await writer.ReserveIdsAsync(t.Organisations.Name, chunk.NewOrganisations.Count, cancellationToken);
            for (var i = 0; i < ids.Length; i++)
            {
                var o = chunk.NewOrganisations[i];
                realIds[o.Id] = ids[i];
                o.Id = ids[i];
                if (o.ParentId is { } p && p < 0)
                {
                    o.ParentId = realIds[p];
                }
            }

            await writer.WriteAsync(t.Organisations, chunk.NewOrganisations, cancellationToken);
        }

        var formIds = await writer.ReserveIdsAsync(t.Forms.Name, chunkForms.Count, cancellationToken);
        var indicators = new List<IndicatorRecord>(chunkForms.Count * 12);
        var findings = new List<FindingRecord>(chunkForms.Count * 4);
        var goals = new List<FormGoalsRecord>(chunkForms.Count);
        var search = new List<FormSearchRecord>(chunkForms.Count);
        for (var i = 0; i < chunkForms.Count; i++)
        {
            var f = chunkForms[i];
            f.Id = formIds[i];
            if (f.DepartmentId is { } d && d < 0)
            {
                f.DepartmentId = realIds[d];
            }

            if (f.UnitId is { } u && u < 0)
            {
                f.UnitId = realIds[u];
            }

            foreach (var ind in f.Indicators)
            {
                ind.FormId = f.Id;
                indicators.Add(ind);
            }

            foreach (var finding in f.Findings)
            {
                finding.FormId = f.Id;
                findings.Add(finding);
            }

            if (f.Goals is { } g)
            {
                g.FormId = f.Id;
                goals.Add(g);
            }

            search.Add(new FormSearchRecord { FormId = f.Id, Text = chunk.Search[i] });
        }

        await writer.WriteAsync(t.Forms, chunkForms, cancellationToken);
        await writer.WriteAsync(t.Goals, goals, cancellationToken);
        await writer.WriteAsync(t.Search, search, cancellationToken);
        if (searchIndex is not null)
        {
            foreach (var row in search)
            {
                SqliteSearchIndex.Insert(searchIndex, row.FormId, row.Text);
            }
        }

        await writer.WriteAsync(t.Indicators, indicators, cancellationToken);
        await writer.WriteAsync(t.Findings, findings, cancellationToken);
    }

    private async Task<ImportBatch> StartBatchAsync(string name, long? size, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        ImportBatch? batch = null;
        if (options.BatchId is { } id)
        {
            batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
                ?? throw new ArgumentException($"import batch {id} does not exist", nameof(options));
        }

        if (batch is null)
        {
            batch = new ImportBatch { FileName = name, CreatedBy = options.User, CreatedAt = DateTime.UtcNow };
            db.ImportBatches.Add(batch);
        }

        batch.Status = ImportStatus.Running;
        batch.StartedAt = DateTime.UtcNow;
        batch.SizeBytes = size ?? batch.SizeBytes;
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }

    private async Task<long?> FindDuplicateAsync(string hash, long self, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var id = await db.ImportBatches.AsNoTracking()
            .Where(b => b.ContentHash == hash && b.Status == ImportStatus.Succeeded && b.Id != self)
            .OrderBy(b => b.Id)
            .Select(b => (long?)b.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id;
    }

    private async Task MarkDuplicateAsync(long batchId, string hash, long original, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, ImportStatus.Duplicate)
            .SetProperty(b => b.ContentHash, hash)
            .SetProperty(b => b.DuplicateOfBatchId, original)
            .SetProperty(b => b.FinishedAt, DateTime.UtcNow), cancellationToken);
    }

    private async Task FailBatchAsync(long batchId, string message, int line, string hash, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        if (message.Length > 4000)
        {
            message = message[..4000];
        }

        await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, ImportStatus.Failed)
            .SetProperty(b => b.ErrorMessage, message)
            .SetProperty(b => b.ErrorLine, line)
            .SetProperty(b => b.ContentHash, hash)
            .SetProperty(b => b.FormCount, 0)
            .SetProperty(b => b.IndicatorCount, 0)
            .SetProperty(b => b.FindingCount, 0)
            .SetProperty(b => b.FinishedAt, DateTime.UtcNow), cancellationToken);
    }

    private static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = command is NpgsqlCommand ? name : "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>The file name without folders, at most 500 characters.</summary>
    private static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "upload";
        }

        return name.Length > 500 ? name[..500] : name;
    }

    private sealed class Chunk(int capacity)
    {
        public List<FormRecord> Forms { get; } = new(capacity);

        /// <summary>The search text of each form, in the same order.</summary>
        public List<string> Search { get; } = new(capacity);

        public List<Organisation> NewOrganisations { get; set; } = [];

        public long BytesRead { get; set; }
    }

    private sealed class Totals
    {
        public int Forms { get; set; }

        public int Indicators { get; set; }

        public int Findings { get; set; }

        public int Diagnostics { get; set; }
    }

    private sealed class Tables(Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        public BulkTable Forms { get; } = BulkTable.For<FormRecord>(model);

        public BulkTable Indicators { get; } = BulkTable.For<IndicatorRecord>(model);

        public BulkTable Findings { get; } = BulkTable.For<FindingRecord>(model);

        public BulkTable Goals { get; } = BulkTable.For<FormGoalsRecord>(model);

        public BulkTable Search { get; } = BulkTable.For<FormSearchRecord>(model);

        public BulkTable Grams { get; } = BulkTable.For<SearchGramRecord>(model);

        public BulkTable Organisations { get; } = BulkTable.For<Organisation>(model);
    }
}
