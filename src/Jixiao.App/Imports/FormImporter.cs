using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Jixiao.Core.Checks;
using Jixiao.Core.Checks.Across;
using Jixiao.Core.Forms;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Formats;

namespace Jixiao.App.Imports;

/// <summary>
/// The use case "import a file" (导入): one file is one <see cref="ImportBatch"/>. The forms are read with the reader
/// of the file's format (published text, or <c>jixiao.form/1</c> JSON, recognised by content), each scored and checked
/// by the rule set of its jurisdiction and year (<see cref="Core.Scoring.RuleSets.For(PerformanceForm)"/>, unless a
/// checker with one rule set is given), which the stored form names, and written through <see cref="FormWriter"/> in chunks inside ONE transaction per
/// batch, which also completes the batch row and writes the audit entry: a file that fails stores nothing, and its
/// batch is marked failed with the reason (<c>file:line: what was expected</c>). The content's SHA-256 is checked
/// under the content's lock inside that transaction: content imported before (or being imported, or whose batch is
/// being deleted, at the same moment) gives exactly one outcome. Thread-safe: imports may run concurrently (on
/// SQLite they queue for the write lock).
/// </summary>
public sealed class FormImporter
{
    private const int MaxDiagnostics = 100;

    private readonly FormWriter writer;
    private readonly ImportBatchStore batches;
    private readonly FormChecker checker;
    private readonly FormatRegistry formats;
    private readonly CrossFormChecks crossChecks;

    /// <summary>
    /// The first forms of a batch up to this many are kept in memory from reading to the checks across forms, which then
    /// do not read them back — lean copies holding only what the comparisons read (<see cref="ComparedForm.Lean"/>,
    /// about 4 KB each: 400 MB at most); the pass reads the rest of a larger batch.
    /// </summary>
    private const int MaxPrepared = 100_000;

    public FormImporter(FormWriter writer, ImportBatchStore batches, FormChecker? checker = null, FormatRegistry? formats = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batches);
        this.writer = writer;
        this.batches = batches;
        this.checker = checker ?? FormChecker.ByJurisdiction();
        this.formats = formats ?? FormatRegistry.Default;
        crossChecks = new CrossFormChecks(writer.Database);
    }

    /// <summary>An importer over <paramref name="database"/> (tests, benchmarks, tools).</summary>
    public FormImporter(JixiaoDatabase database, FormChecker? checker = null)
        : this(new FormWriter(database), new ImportBatchStore(database), checker)
    {
    }

    /// <summary>
    /// Takes the import lock (dispose to release): on SQLite one import at a time, across processes; every import takes
    /// it, and the start of the background import takes it to tell batches left running by a process that is gone.
    /// </summary>
    public Task<IAsyncDisposable> LockImportsAsync(CancellationToken cancellationToken = default) => writer.LockImportsAsync(cancellationToken);

    /// <summary>Records an uploaded file as a queued batch (processed later by <see cref="ImportRunner"/>) and returns its id.</summary>
    public Task<long> QueueAsync(string fileName, long sizeBytes, string? user, CancellationToken cancellationToken = default) =>
        batches.QueueAsync(FileNames.Clean(fileName), sizeBytes, user, cancellationToken);

    /// <summary>Imports the file at <paramref name="path"/>; the batch is named by the file's name.</summary>
    public async Task<ImportResult> ImportFileAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ImportOptions();
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var batch = await batches.StartAsync(options.BatchId, FileNames.Clean(path), null, options.User, cancellationToken);
            var message = ImportMessages.CannotOpen.Format(Path.GetFileName(path), ex.Message).Kept;
            await batches.FailAsync(batch.Id, message, 0, "", Audit(options, batch.Id, batch.FileName, ImportStatus.Failed, 0, 0, message), cancellationToken);
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
        var name = FileNames.Clean(fileName);
        var clock = Stopwatch.StartNew();
        long? size = stream.CanSeek ? stream.Length - stream.Position : null;
        await using var importLock = await writer.LockImportsAsync(cancellationToken);
        var batch = await batches.StartAsync(options.BatchId, name, size, options.User, cancellationToken);

        // Seekable input (files, uploads kept on disk): hashed first, so a re-import costs one read and no parsing.
        var hash = "";
        if (stream.CanSeek)
        {
            var start = stream.Position;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            stream.Position = start;
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
        var forms = formats.Read(input, name, Report);
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
        await using var importLock = await writer.LockImportsAsync(cancellationToken);
        var batch = await batches.StartAsync(options.BatchId, FileNames.Clean(name), null, options.User, cancellationToken);
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
        var chunkSize = Math.Clamp(options.ChunkSize, 1, 100_000);
        var now = DateTime.UtcNow;
        using var combined = input is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var formSet = new FormSetHash();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<Totals>? producer = null;
        FormBatchSession? session = null;
        try
        {
            session = await writer.BeginBatchAsync(batch.Id, cancellationToken);

            // content known before reading: a duplicate (or one being imported or deleted right now) ends here
            if (hash.Length > 0 && await session.FindDuplicateAsync(hash, cancellationToken) is not null)
            {
                return await DuplicateAsync(session, batch, hash, options, diagnostics, clock);
            }

            // Reading, scoring and checking run on one thread, writing on another: the database works while the next
            // chunk is prepared. At most two chunks wait between them.
            var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            var open = session;
            producer = Task.Run(() => Produce(forms, batch, open, input, combined, formSet, fatal, chunkSize, options.CompareAcross, now, channel.Writer, stop.Token), stop.Token);
            var written = 0;
            var prepared = new Dictionary<long, ComparedForm>();
            await foreach (var chunk in channel.Reader.ReadAllAsync(stop.Token))
            {
                await session.WriteAsync(chunk.Forms, stop.Token);
                if (chunk.Sources is { } sources)
                {
                    CrossFormChecks.Prepare(chunk.Forms, sources, prepared);
                }

                written += chunk.Forms.Count;
                options.Progress?.Invoke(new ImportProgress(batch.Id, written, chunk.BytesRead, size));
            }

            var totals = await producer;
            if (hash.Length == 0)
            {
                // a stream read once, or forms made elsewhere: hashed on the way, checked now under the content's lock
                hash = input is not null ? input.Finish() : Convert.ToHexStringLower(combined!.GetHashAndReset());
                if (await session.FindDuplicateAsync(hash, cancellationToken) is not null)
                {
                    return await DuplicateAsync(session, batch, hash, options, diagnostics, clock);
                }
            }

            // other bytes, the same forms (another encoding, other line ends, another format): a duplicate too
            if (await session.FindSameFormsAsync(formSet.ToString(), cancellationToken) is { Count: > 0 } holders)
            {
                return await DuplicateAsync(session, batch, hash, options, diagnostics, clock, holders);
            }

            var stored = new BatchTotals(hash, size ?? input?.BytesRead ?? 0L, totals.Forms, totals.Indicators, totals.Findings, totals.Diagnostics + diagnostics.Count);
            await session.CommitAsync(stored, Audit(options, batch.Id, batch.FileName, ImportStatus.Succeeded, totals.Forms, totals.Findings, null), cancellationToken);
            if (options.CompareAcross)
            {
                await CompareAcrossAsync(batch.Id, prepared, cancellationToken);
            }
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

            if (session is not null)
            {
                await session.RollbackAsync();
            }

            var (message, line) = ex switch
            {
                ImportFailedException f => (f.Message, f.Line),
                ChannelClosedException { InnerException: ImportFailedException f } => (f.Message, f.Line),
                OperationCanceledException when cancellationToken.IsCancellationRequested => (ImportMessages.Cancelled.Format(batch.FileName).Kept, 0),
                BatchAbandonedException => (ImportMessages.Interrupted(batch.FileName), 0),
                _ when DatabaseErrors.IsUnavailable(ex) => (ImportMessages.DatabaseLost(batch.FileName, ex), 0),
                _ => (ImportMessages.Failed.Format(batch.FileName, ex.GetType().Name, ex.Message).Kept, 0),
            };
            try
            {
                await batches.FailAsync(batch.Id, message, line, hash, Audit(options, batch.Id, batch.FileName, ImportStatus.Failed, 0, 0, message), CancellationToken.None);
            }
            catch (Exception recording) when (recording is not OperationCanceledException and not OutOfMemoryException)
            {
                // the database is away: the failure is recorded later (ImportRunner retries; a start fails what is left running)
                throw new ImportNotRecordedException(batch.Id, message, line, hash, recording);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new ImportResult(batch.Id, ImportStatus.Failed, batch.FileName, hash, 0, 0, 0, message, null, clock.Elapsed, diagnostics);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Compares the stored batch's forms with every stored form (<see cref="CrossFormChecks"/>). The batch is stored whatever happens here: when the comparison fails (the database went away), the batch
    /// stays marked as not compared and the next pass (<see cref="CrossFormChecks.RunPendingAsync"/>) compares it.
    /// </summary>
    private async Task CompareAcrossAsync(long batchId, IReadOnlyDictionary<long, ComparedForm> prepared, CancellationToken cancellationToken)
    {
        try
        {
            await crossChecks.RunBatchAsync(batchId, prepared, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException
            || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // stored, not yet compared: the next pass compares it
        }
    }

    /// <summary>
    /// Records the batch as a duplicate in the session's transaction, under the content's lock, and ends it: the forms
    /// written so far (a stream hashed on the way) are rolled back with it. When the batch holding the content was
    /// deleted in the meantime, the forms are gone and the batch fails, asking for the file again.
    /// </summary>
    private async Task<ImportResult> DuplicateAsync(FormBatchSession session, ImportBatch batch, string hash, ImportOptions options, List<Diagnostic> diagnostics, Stopwatch clock,
        IReadOnlyList<long>? sameForms = null)
    {
        var original = await session.CommitDuplicateAsync(hash,
            id => Audit(options, batch.Id, batch.FileName, ImportStatus.Duplicate, 0, 0, null, id),
            sameForms, sameForms is null ? null : _ => ImportMessages.SameForms(batch.FileName, sameForms), CancellationToken.None);
        if (original is null)
        {
            await session.RollbackAsync();
            var message = ImportMessages.HolderDeleted.Format(batch.FileName).Kept;
            await batches.FailAsync(batch.Id, message, 0, hash, Audit(options, batch.Id, batch.FileName, ImportStatus.Failed, 0, 0, message), CancellationToken.None);
            return new ImportResult(batch.Id, ImportStatus.Failed, batch.FileName, hash, 0, 0, 0, message, null, clock.Elapsed, diagnostics);
        }

        return new ImportResult(batch.Id, ImportStatus.Duplicate, batch.FileName, hash, 0, 0, 0, null, original, clock.Elapsed, diagnostics);
    }

    /// <summary>The audit entry of an import's outcome (written in the transaction that records it).</summary>
    private static AuditRecord Audit(ImportOptions options, long batchId, string fileName, ImportStatus status, int forms, int findings, string? error, long? duplicateOf = null) =>
        new(options.User ?? "system", "import", "import", batchId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{fileName}: {status}; forms={forms}; findings={findings}"
            + (duplicateOf is { } d ? "; duplicate of " + d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
            + (error is null ? "" : "; " + error));

    /// <summary>Reads, scores, checks and maps the forms, handing them over in chunks. Fails the batch on a reader error.</summary>
    private Totals Produce(
        IEnumerable<PerformanceForm> forms,
        ImportBatch batch,
        FormBatchSession session,
        HashingStream? input,
        IncrementalHash? combined,
        FormSetHash formSet,
        Func<Diagnostic?> fatal,
        int chunkSize,
        bool keepSources,
        DateTime now,
        ChannelWriter<Chunk> output,
        CancellationToken cancellationToken)
    {
        var totals = new Totals();
        Span<byte> formHash = stackalloc byte[32];
        try
        {
            var chunk = new Chunk(chunkSize, keepSources);
            foreach (var form in forms)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (fatal() is { } error)
                {
                    throw new ImportFailedException(error.ToString(), error.Line);
                }

                var result = checker.CheckAndScore(form);
                var contentHash = session.Add(chunk.Forms, form, result, result.Rules.Name, now);
                chunk.Sources?.Add(form);
                Convert.FromHexString(contentHash, formHash, out _, out _);
                combined?.AppendData(formHash);
                formSet.Add(formHash);

                totals.Forms++;
                totals.Diagnostics += form.Diagnostics.Count;
                if (chunk.Forms.Count >= chunkSize)
                {
                    Hand(chunk);
                    chunk = new Chunk(chunkSize, keepSources && totals.Forms < MaxPrepared);
                }
            }

            if (fatal() is { } last)
            {
                throw new ImportFailedException(last.ToString(), last.Line);
            }

            if (totals.Forms == 0)
            {
                throw new ImportFailedException(ImportMessages.NoForm.Format(batch.FileName).Kept, 0);
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
            session.Seal(chunk.Forms);
            totals.Indicators += chunk.Forms.Indicators;
            totals.Findings += chunk.Forms.Findings;
            chunk.BytesRead = input?.BytesRead ?? 0;
            if (!output.TryWrite(chunk))
            {
                output.WriteAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private sealed class Chunk(int capacity, bool keepSources)
    {
        public FormChunk Forms { get; } = FormBatchSession.NewChunk(capacity);

        /// <summary>The forms themselves, in the chunk's order, while the checks across forms may use them (else null).</summary>
        public List<PerformanceForm>? Sources { get; } = keepSources ? new List<PerformanceForm>(capacity) : null;

        public long BytesRead { get; set; }
    }

    private sealed class Totals
    {
        public int Forms { get; set; }

        public int Indicators { get; set; }

        public int Findings { get; set; }

        public int Diagnostics { get; set; }
    }
}
