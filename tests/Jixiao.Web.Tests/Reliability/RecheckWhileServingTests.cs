using System.Diagnostics;
using System.Net;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Rechecks;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// The site stays usable while every stored form is re-checked on SQLite (issue 10, speed): each step of the re-check is
/// one short transaction that lets the application's waiting writes go first, so sign-ins and an upload finish while
/// it runs, although writes may wait at most 5 s for the lock.
/// </summary>
public sealed class RecheckWhileServingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sign_ins_and_an_upload_during_a_sqlite_recheck_finish_while_it_runs()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Database:BusyTimeoutSeconds"] = "5" });
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var imported = await factory.Services.GetRequiredService<FormImporter>().ImportFormsAsync(
            new FormGenerator(5).Generate(8_000).Select(g => g.Form), "generated.json", new ImportOptions { CompareAcross = false });
        Assert.True(imported.Succeeded, imported.Error);

        // every form's checks look stale (another rule set's name): the re-check rewrites them all
        await using (var db = factory.Database.CreateContext())
        {
            await db.Forms.ExecuteUpdateAsync(s => s.SetProperty(f => f.RuleSet, "older-rules"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rechecks");
        request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(admin));
        using var started = await ApiClient.JsonAsync(await admin.SendAsync(request));
        var id = started.RootElement.GetProperty("id").GetInt64();
        var store = factory.Services.GetRequiredService<RecheckStore>();
        for (var i = 0; i < 1200 && (await store.GetAsync(id))!.Done == 0; i++)
        {
            await Task.Delay(20);
        }

        var clock = Stopwatch.StartNew();
        var signIns = await Task.WhenAll(new[] { "supervisor", "reviewer", "dept", "admin" }.Select(async user =>
        {
            var response = await JixiaoWebFactory.LoginAsync(factory.Client(), user, "jixiao-" + user);
            return (response.StatusCode, clock.Elapsed);
        }));
        var upload = await JixiaoWebFactory.UploadAsync(admin, (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        var during = (await store.GetAsync(id))!;

        Assert.All(signIns, s => Assert.Equal(HttpStatusCode.Redirect, s.StatusCode));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(RecheckState.Running, during.State); // they were done before the re-check
        Assert.InRange(during.Done, 1, 7_999);
        RecheckJob? job = null;
        for (var i = 0; i < 3000 && job?.State is null or RecheckState.Running or RecheckState.Queued; i++)
        {
            await Task.Delay(50);
            job = await store.GetAsync(id);
        }

        Assert.Equal((RecheckState.Succeeded, 8_000, 8_000), (job!.State, job.Done, job.Changed));
        output.WriteLine($"sign-ins during the re-check: {string.Join(", ", signIns.Select(s => $"{s.Elapsed.TotalMilliseconds:0} ms"))}; {during.Done} of 8,000 forms re-checked by then");
    }
}
