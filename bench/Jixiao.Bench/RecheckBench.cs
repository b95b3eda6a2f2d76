using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.App.Rechecks;
using Jixiao.Core.Checks;
using Jixiao.Data.Accounts;
using Jixiao.Data.Forms;
using Jixiao.Data.Rechecks;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Synthetic;

namespace Jixiao.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jixiao.Bench -- recheck [FORMS] [postgres-connection-string]</c>: what the
/// re-check of all stored forms costs, beside the import of the same forms in the same run (the baseline). Generated
/// forms (seed 1) are written to a text file and imported into a fresh database (without the checks across forms);
/// then three re-checks run one after the other: with the same checks (nothing changes: read and check only), with a
/// catalogue lacking two frequent info checks (<c>TGT-UNMEASURABLE</c>, <c>IND-QTY-RATE</c>: most forms change and
/// are rewritten), and with the full catalogue again (all of those change back). During each, a probe writes an
/// audit entry every 50 ms, as a sign-in does, and its waits are reported: on SQLite they show how long the re-check
/// keeps the application's writes out.
/// </summary>
public static class RecheckBench
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var postgres = args.Length > 1 ? args[1] : null;
        RunAsync(count, postgres).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int count, string? postgres)
    {
        var file = Path.Combine(Path.GetTempPath(), $"jixiao-recheck-{count}.txt");
        if (!File.Exists(file))
        {
            await using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
            new FormGenerator(1).WriteText(writer, count, long.MaxValue);
        }

        Console.WriteLine($"{count:N0} generated forms ({BenchData.Mb(new FileInfo(file).Length)}), {(postgres is null ? "SQLite" : "PostgreSQL")}");
        var (database, drop) = await CrossBench.OpenAsync(postgres);
        try
        {
            await database.MigrateAsync();
            var importer = new FormImporter(database);
            var (wall, cpu) = await CrossBench.TimeAsync(() => importer.ImportFileAsync(file, new ImportOptions { CompareAcross = false, User = "bench" }));
            Console.WriteLine($"import (baseline, without the checks across forms)      : {wall,6:0.0} s wall, {cpu,6:0.0} s cpu = {count / wall,7:N0} forms/s wall, {count / cpu,7:N0} forms/s cpu");

            var older = FormChecker.ByJurisdiction(CheckCatalogue.All.Where(c => c.Definition.Code is not ("TGT-UNMEASURABLE" or "IND-QTY-RATE")));
            foreach (var (label, version, checker) in new[]
            {
                ("re-check, same checks (nothing changes)          ", "bench-same", FormChecker.ByJurisdiction()),
                ("re-check, two checks fewer (forms rewritten)     ", "bench-old", older),
                ("re-check, full catalogue again (forms rewritten) ", "bench-new", FormChecker.ByJurisdiction()),
            })
            {
                await RecheckAsync(database, label, version, checker);
            }
        }
        finally
        {
            await drop();
        }
    }

    private static async Task RecheckAsync(JixiaoDatabase database, string label, string version, FormChecker checker)
    {
        var store = new RecheckStore(database);
        using var runner = new RecheckRunner(store, new FormWriter(database), checker: checker, version: version);
        var job = (await new RecheckJobs(store, runner).StartAsync(Caller.Tool("bench"))).Job;
        using var stop = new CancellationTokenSource();
        var probe = Task.Run(() => ProbeAsync(database, stop.Token));
        var (wall, cpu) = await CrossBench.TimeAsync(() => runner.RunJobAsync(job.Id, null, CancellationToken.None));
        await stop.CancelAsync();
        var waits = await probe;
        var done = (await store.GetAsync(job.Id))!;
        waits.Sort();
        string Ms(double q) => waits.Count == 0 ? "—" : waits[Math.Min(waits.Count - 1, (int)(q * waits.Count))].ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"{label}: {wall,6:0.0} s wall, {cpu,6:0.0} s cpu = {done.Done / wall,7:N0} forms/s wall, {done.Done / cpu,7:N0} forms/s cpu; "
            + $"{done.State}, {done.Changed:N0} changed, findings {done.FindingsBefore:N0} → {done.FindingsAfter:N0}; "
            + $"a write of the application waited p50 {Ms(0.5)} ms, p95 {Ms(0.95)} ms, max {Ms(1.0)} ms ({waits.Count} writes)");
    }

    /// <summary>Writes an audit entry every 50 ms until stopped; returns how long each took (ms).</summary>
    private static async Task<List<double>> ProbeAsync(JixiaoDatabase database, CancellationToken stop)
    {
        var log = new AuditLog(database);
        await log.WriteAsync("bench-probe", "login", "user", "bench-probe", cancellationToken: CancellationToken.None); // warm: not counted
        var waits = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            await log.WriteAsync("bench-probe", "login", "user", "bench-probe", cancellationToken: CancellationToken.None);
            waits.Add(clock.Elapsed.TotalMilliseconds);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return waits;
    }
}
