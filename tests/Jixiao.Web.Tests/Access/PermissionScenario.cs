using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.App.Library;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Access;

/// <summary>
/// The objects the permissions matrix fills its routes with (权限矩阵场景), named as the table names them: forms,
/// findings, rectification requests and filings of the demo department accounts' own department (<c>own-…</c>, the
/// education bureau of <c>dept</c> and <c>dept-reviewer</c>) and of another (<c>other-…</c>, the police), filings in
/// every status, a library entry, a project, batches to delete, a re-check, a user to change. A filing named
/// <c>own-submitted#approve</c> is a filing of its own, so that a step one role takes never changes what another role's
/// request meets. Made on first use, before the requests; <see cref="Unpublished"/> are the project names that must
/// never be public.
/// </summary>
public sealed partial class PermissionScenario
{
    public const string Own = "江海市临江区教育局";
    public const string Other = "上海市公安局宝山分局";

    private readonly JixiaoWebFactory factory;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> comments = new(StringComparer.Ordinal);

    private PermissionScenario(JixiaoWebFactory factory) => this.factory = factory;

    /// <summary>The project names of every filing that is not published.</summary>
    public List<string> Unpublished { get; } = [];

    /// <summary>The project names of the published filings.</summary>
    public List<string> Published { get; } = [];

    /// <summary>The stored forms and the fixed objects; filings are made when a route names them.</summary>
    public static async Task<PermissionScenario> CreateAsync(JixiaoWebFactory factory, HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var s = new PermissionScenario(factory);
        var imported = await new FormImporter(factory.Database).ImportFormsAsync(
            [SampleForms.SelfEvaluation(Own, 2024, "权限矩阵校舍维修"), SampleForms.SelfEvaluation(Other, 2024, "权限矩阵视频监控")], "permissions.json", new ImportOptions { User = "admin" });
        Assert.True(imported.Succeeded, imported.Error);
        foreach (var name in new[] { "batch-delete-api", "batch-delete-page" })
        {
            var batch = await new FormImporter(factory.Database).ImportFormsAsync([SampleForms.SelfEvaluation(Other, 2023, "权限矩阵" + name)], name + ".json", new ImportOptions { User = "admin" });
            Assert.True(batch.Succeeded, batch.Error);
            s.values[name] = Id(batch.BatchId);
        }

        await using (var db = factory.Database.CreateContext())
        {
            foreach (var (name, project) in new[] { ("own-form", "权限矩阵校舍维修"), ("other-form", "权限矩阵视频监控") })
            {
                var form = await db.Forms.Where(f => f.ProjectName == project).Select(f => new { f.Id, f.LineageKey, f.ImportBatchId }).SingleAsync();
                Assert.True(await db.Findings.AnyAsync(f => f.FormId == form.Id), $"{project} has no finding to review");
                s.values[name] = Id(form.Id);
                s.values[name.Replace("form", "project", StringComparison.Ordinal)] = Uri.EscapeDataString(form.LineageKey);
                s.values["batch"] = Id(form.ImportBatchId);
            }
        }

        s.values["own-rectification"] = Id(await Review.ReviewFixture.RequestAsOfAsync(factory.Database, long.Parse(s.values["own-form"], CultureInfo.InvariantCulture), new DateOnly(2025, 1, 6), new DateOnly(2025, 3, 31)));
        s.values["other-rectification"] = Id(await Review.ReviewFixture.RequestAsOfAsync(factory.Database, long.Parse(s.values["other-form"], CultureInfo.InvariantCulture), new DateOnly(2025, 1, 6), new DateOnly(2025, 3, 31)));

        await factory.Services.GetRequiredService<IndicatorLibrary>().CatchUpAsync();
        await using (var db = factory.Database.CreateContext())
        {
            s.values["library-entry"] = Id(await db.Set<LibraryEntry>().OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        }

        await factory.CreateUserAsync("perm-target", "perm-target-password", UserRole.Supervisor, null);
        s.values["user-target"] = "perm-target";
        var recheck = await SendAsync(admin, HttpMethod.Post, "/api/v1/rechecks");
        Assert.True(recheck.StatusCode == HttpStatusCode.Accepted, $"start a re-check: {(int)recheck.StatusCode}");
        using (var doc = System.Text.Json.JsonDocument.Parse(await recheck.Content.ReadAsStringAsync()))
        {
            s.values["recheck"] = Id(doc.RootElement.GetProperty("id").GetInt64());
        }

        return s;
    }

    /// <summary>
    /// <paramref name="template"/> with each <c>{name}</c> filled: a fixed object, a filing (<c>own-draft</c>,
    /// <c>other-approved#publish</c> …, made now), or the open comment of a filing (<c>comment:own-submitted#resolve</c>).
    /// </summary>
    public async Task<string> FillAsync(string template)
    {
        foreach (Match m in Placeholder().Matches(template))
        {
            var name = m.Groups[1].Value;
            if (!values.ContainsKey(name))
            {
                if (name.StartsWith("comment:", StringComparison.Ordinal))
                {
                    await FillAsync("{" + name["comment:".Length..] + "}");
                    values[name] = Id(comments[name["comment:".Length..]]);
                }
                else
                {
                    values[name] = Id(await FilingAsync(name));
                }
            }
        }

        return Placeholder().Replace(template, m => values[m.Groups[1].Value]);
    }

    /// <summary>
    /// A declaration of the own or the other department brought to the status its name says by the parties who may
    /// (its department's user fills and submits, its reviewer returns or approves, the finance bureau publishes),
    /// with an open comment of its filler; a published one's stored form id is <c>{name}-form</c>.
    /// </summary>
    private async Task<long> FilingAsync(string name)
    {
        var parts = name.Split('#')[0].Split('-');
        var department = parts[0] switch
        {
            "own" => Own,
            "other" => Other,
            _ => throw new InvalidOperationException($"the permissions matrix names an unknown object {{{name}}}"),
        };
        var status = Enum.Parse<FilingStatus>(parts[1], ignoreCase: true);
        var filler = new Caller(parts[0] + "-filler", UserRole.DepartmentUser, department);
        var reviewer = new Caller(parts[0] + "-reviewer", UserRole.DepartmentReviewer, department);
        var finance = new Caller("reviewer", UserRole.FinanceReviewer);
        var project = "权限矩阵填报" + name;
        if (!name.EndsWith("#publish", StringComparison.Ordinal) && !name.EndsWith("#unpublish", StringComparison.Ordinal))
        {
            // (a filing the matrix publishes or unpublishes is neither: whether it is public depends on the order of the tests)
            (status == FilingStatus.Published ? Published : Unpublished).Add(project);
        }
        var services = factory.Services;
        // a whole declaration, so that it may be submitted (a submission with cells to fix is refused, decision 009)
        var created = await services.GetRequiredService<CreateFiling>().ExecuteAsync(
            filler, new FilingDraft(FormKind.TargetDeclaration) { Content = FilingContent.Write(Monitoring.MonitoringScenario.Declaration(project, 2025, 1_000_000m, department)) });
        Assert.True(created.Succeeded, $"{name}: {created.Outcome} {created.Problem}");
        var id = created.Filing!.Filing.Id;
        var comment = await services.GetRequiredService<FilingComments>().AddAsync(filler, id, new FilingCommentInput(null, "自查意见"));
        Assert.True(comment.Succeeded, $"{name}: comment {comment.Outcome}");
        comments[name] = comment.CommentId!.Value;
        var steps = services.GetRequiredService<FilingSteps>();
        if (status != FilingStatus.Draft)
        {
            Assert.True((await steps.SubmitAsync(filler, id)).Succeeded, name + ": submit");
        }

        if (status == FilingStatus.Returned)
        {
            Assert.True((await steps.ReturnAsync(reviewer, id, [new FilingCommentInput(null, "请修改")])).Succeeded, name + ": return");
        }

        if (status is FilingStatus.Approved or FilingStatus.Published)
        {
            Assert.True((await steps.ApproveAsync(reviewer, id, "放行")).Succeeded, name + ": approve");
        }

        if (status == FilingStatus.Published)
        {
            var published = await services.GetRequiredService<PublishFiling>().ExecuteAsync(finance, id);
            Assert.True(published.Succeeded, name + ": publish");
            values[name + "-form"] = Id(published.Filing!.Filing.PublishedFormId!.Value);
        }

        return id;
    }

    /// <summary>
    /// Sends a request with the client's antiforgery token (header, and the form field for a page) and a body of the kind
    /// given that is shaped right but says nothing (version 1; an upload: a one-byte file), so that the answer is about who asks.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? token = null, RequestBody body = RequestBody.Json)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, url);
        if (method != HttpMethod.Get)
        {
            token ??= await ApiClient.TokenAsync(client);
            request.Headers.Add("X-CSRF-TOKEN", token);
            request.Content = body switch
            {
                RequestBody.Form => new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
                RequestBody.Multipart => new MultipartFormDataContent
                {
                    { new StringContent(token), "__RequestVerificationToken" },
                    { new StringContent("1"), "version" },
                    { new ByteArrayContent([0x50]), "file", "empty.xlsx" },
                },
                _ => new StringContent("""{"version":1}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }

        return await client.SendAsync(request);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{([a-z][a-z0-9:#-]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The empty body a change is sent with: JSON for the API, a form for a page, multipart for an upload.</summary>
public enum RequestBody
{
    Json,
    Form,
    Multipart,
}
