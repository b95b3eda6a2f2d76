using System.Net;
using System.Text.Json;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests;

/// <summary>
/// One application with two corpus files imported through the import page (as an administrator): the police
/// 2024 self-evaluations (37 forms, 上海市公安局宝山分局) and the data bureau 2024 self-evaluations (34 forms,
/// 上海市宝山区数据局).
/// </summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    public const string PoliceDepartment = "上海市公安局宝山分局";
    public const string DataBureauDepartment = "上海市宝山区数据局";

    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public ImportBatch Police { get; private set; } = null!;

    public ImportBatch DataBureau { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        var response = await JixiaoWebFactory.UploadAsync(Admin,
            (Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))),
            (Corpus.DataBureau2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = BatchIds(await response.Content.ReadAsStringAsync());
        Police = await Factory.WaitForBatchAsync(ids[0]);
        DataBureau = await Factory.WaitForBatchAsync(ids[1]);
        await Factory.CreateUserAsync("police-user", "police-password-1", UserRole.DepartmentUser, PoliceDepartment);
        await Factory.CreateUserAsync("data-user", "data-password-1", UserRole.DepartmentUser, DataBureauDepartment);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The batch ids of an upload answer, in file order (null for refused files).</summary>
    public static List<long> BatchIds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("batchId").ValueKind == JsonValueKind.Number)
            .Select(f => f.GetProperty("batchId").GetInt64())];
    }
}
