#!/usr/bin/env bash
# Measures bulk import throughput (forms/s) into SQLite and, when JIXIAO_TEST_POSTGRES is set, PostgreSQL.
#
#   bash scripts/bench-import.sh [FORMS]          (default 100000)
#   JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh) bash scripts/bench-import.sh 1000000
#
# Generates FORMS synthetic forms (FormGenerator, seed 1) as one text file in the corpus layout, then imports that
# file into a fresh database of each provider with FormImporter (Jixiao.App) — the whole path: read, score, check, write in one
# transaction — and prints the wall time and forms/s. Builds a throwaway Release console under /tmp.
set -euo pipefail
forms=${1:-100000}
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/jixiao-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/BenchImport.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <ServerGarbageCollection>true</ServerGarbageCollection>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/Jixiao.App/Jixiao.App.csproj" />
  </ItemGroup>
</Project>
XML
echo '<Project></Project>' >"$work/Directory.Build.props"
echo '<Project></Project>' >"$work/Directory.Packages.props"
cat >"$work/Program.cs" <<'CS'
using System.Diagnostics;
using Jixiao.App.Imports;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Synthetic;
using Npgsql;

var count = long.Parse(args[0]);
var dir = args[1];
var file = Path.Combine(dir, $"generated-{count}.txt");
var clock = Stopwatch.StartNew();
await using (var w = new StreamWriter(file))
{
    var summary = new FormGenerator(1, new GeneratorOptions { FileName = Path.GetFileName(file) }).WriteText(w, count);
    Console.WriteLine($"generated {summary.Forms:N0} forms ({summary.Bytes / 1e6:N0} MB) in {clock.Elapsed.TotalSeconds:N1} s");
}

var targets = new List<(string Name, Func<Task<JixiaoDatabase>> Make, Func<Task> Drop)>
{
    ("SQLite", () => Task.FromResult(JixiaoDatabase.Sqlite(Path.Combine(dir, "bench.db"))), () => Task.CompletedTask),
};
var pg = Environment.GetEnvironmentVariable("JIXIAO_TEST_POSTGRES");
if (!string.IsNullOrWhiteSpace(pg))
{
    const string name = "jixiao_bench_import";
    async Task Exec(string sql)
    {
        await using var c = new NpgsqlConnection(pg);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    targets.Add(("PostgreSQL", async () =>
    {
        await Exec($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await Exec($"CREATE DATABASE {name}");
        return JixiaoDatabase.Postgres(new NpgsqlConnectionStringBuilder(pg) { Database = name }.ToString());
    }, () => Exec($"DROP DATABASE IF EXISTS {name} WITH (FORCE)")));
}

foreach (var (label, make, drop) in targets)
{
    await using var db = await make();
    await db.MigrateAsync();
    var last = Stopwatch.StartNew();
    var result = await new FormImporter(db).ImportFileAsync(file, new ImportOptions
    {
        User = "bench",
        ChunkSize = 2000,
        Progress = p =>
        {
            if (last.Elapsed.TotalSeconds >= 10)
            {
                Console.WriteLine($"  {label}: {p.Forms:N0} forms, {p.BytesRead / 1e6:N0} MB");
                last.Restart();
            }
        },
    });
    Console.WriteLine($"{label}: {result}");
    Console.WriteLine($"{label}: {result.Forms:N0} forms, {result.Indicators:N0} indicators, {result.Findings:N0} findings in {result.Elapsed.TotalSeconds:N1} s = {result.FormsPerSecond:N0} forms/s");
    await drop();
}
CS
dotnet build "$work/BenchImport.csproj" -c Release -o "$work/out" -nologo -clp:ErrorsOnly >&2
dotnet "$work/out/BenchImport.dll" "$forms" "$work"
