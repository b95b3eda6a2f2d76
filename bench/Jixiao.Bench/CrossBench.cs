using System.Diagnostics;
using System.Globalization;
using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jixiao.Bench -- cross [FORMS] [postgres-connection-string]</c>: what the
/// checks across forms cost an import. The same generated forms are imported twice per round into fresh databases,
/// once comparing them with the stored forms (the default) and once without (the baseline), alternating, two rounds;
/// then the pass alone over the baseline's database. Wall time and this process's processor time (the database is
/// in-process on SQLite; on PostgreSQL the server's own time is not counted). <c>BENCH_CROSS_ONLY=with</c> (or
/// <c>without</c>) runs one import of that kind only, after measuring the memory of the lean forms the importer keeps.
/// </summary>
public static class CrossBench
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var postgres = args.Length > 1 ? args[1] : null;
        var forms = BenchData.Read(BenchData.Generated(count * 1_850L)).Take(count).ToList();
        Console.WriteLine($"{forms.Count:N0} generated forms, {(postgres is null ? "SQLite" : "PostgreSQL")}");
        if (Environment.GetEnvironmentVariable("BENCH_CROSS_ONLY") is { Length: > 0 } only)
        {
            var before = GC.GetTotalMemory(true);
            var kept = forms.Take(10_000).Select(f => new Jixiao.Core.Checks.Across.ComparedForm(f).Lean()).ToList();
            Console.WriteLine($"  lean compared forms: {(GC.GetTotalMemory(true) - before) / (double)kept.Count:N0} bytes each");
            kept.Clear();
            Measure(forms, postgres, only == "with", 1).GetAwaiter().GetResult();
            Console.WriteLine($"  managed memory {GC.GetTotalMemory(false) / 1e6:N0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
            return 0;
        }

        for (var round = 1; round <= 2; round++)
        {
            foreach (var across in new[] { false, true })
            {
                Measure(forms, postgres, across, round).GetAwaiter().GetResult();
            }
        }

        return 0;
    }

    private static async Task Measure(List<PerformanceForm> forms, string? postgres, bool across, int round)
    {
        var (database, drop) = await OpenAsync(postgres);
        try
        {
            await database.MigrateAsync();
            var importer = new FormImporter(database);
            var (wall, cpu) = await TimeAsync(() => importer.ImportFormsAsync(forms, "bench.json", new ImportOptions { CompareAcross = across }));
            Console.WriteLine($"round {round} import {(across ? "with checks across forms" : "without (baseline)      ")}: {wall:0.0} s wall, {cpu:0.0} s cpu = {forms.Count / wall,8:N0} forms/s wall, {forms.Count / cpu,8:N0} forms/s cpu");
            if (!across)
            {
                var checks = new CrossFormChecks(database);
                var (pw, pc) = await TimeAsync(() => checks.RunPendingAsync());
                await using var db = database.CreateContext();
                var found = await db.Findings.CountAsync(x => x.RelatedFormId != null);
                Console.WriteLine($"round {round} the pass alone afterwards         : {pw:0.0} s wall, {pc:0.0} s cpu = {forms.Count / pw,8:N0} forms/s wall; {found:N0} findings across forms");
            }
        }
        finally
        {
            await drop();
        }
    }

    internal static async Task<(double Wall, double Cpu)> TimeAsync<T>(Func<Task<T>> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    internal static async Task<(JixiaoDatabase, Func<Task>)> OpenAsync(string? postgres)
    {
        if (postgres is null)
        {
            var path = Path.Combine(Path.GetTempPath(), "jixiao-cross-" + Guid.NewGuid().ToString("N") + ".db");
            var sqlite = JixiaoDatabase.Sqlite(path);
            return (sqlite, async () =>
            {
                await sqlite.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-import", path + "-recheck" })
                {
                    File.Delete(f);
                }
            });
        }

        var name = "jixiao_cross_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        await using (var c = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        var db = JixiaoDatabase.Postgres(new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString);
        return (db, async () =>
        {
            await db.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var c = new Npgsql.NpgsqlConnection(admin.ConnectionString);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        });
    }
}
