using System.Net;
using System.Text;
using System.Text.Json;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// A department user reads and exports only their own department's data through every endpoint (others' forms and
/// batches are 404, as if missing), and changes nothing; supervisors read everything and change nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ScopeTests(ApiFixture api)
{
    [Fact]
    public async Task A_department_user_lists_only_their_department_whatever_the_filter_says()
    {
        using var own = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/forms?pageSize=500");
        Assert.Equal(40, ApiClient.TotalCount(own));
        Assert.All(ApiClient.Items(own), i => Assert.Equal(ApiFixture.Police, i.GetProperty("department").GetString()));

        using var other = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/forms?department=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        Assert.Equal(0, ApiClient.TotalCount(other));
        using var batch = await ApiClient.GetJsonAsync(api.PoliceUser, $"/api/v1/forms?batch={api.Batches[Corpus.DataBureau2024].Id}");
        Assert.Equal(0, ApiClient.TotalCount(batch));
        using var search = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/forms?q=" + Uri.EscapeDataString("数据局"));
        Assert.Equal(0, ApiClient.TotalCount(search));

        using var data = await ApiClient.GetJsonAsync(api.DataUser, "/api/v1/forms?pageSize=500");
        Assert.Equal(34, ApiClient.TotalCount(data));

        var nobody = await api.Factory.SignedInAsync("dept", "jixiao-dept"); // 江海市临江区教育局: no forms here
        using var none = await ApiClient.GetJsonAsync(nobody, "/api/v1/forms");
        Assert.Equal(0, ApiClient.TotalCount(none));
        using var noStats = await ApiClient.GetJsonAsync(nobody, "/api/v1/statistics");
        Assert.Equal(0, noStats.RootElement.GetProperty("forms").GetInt32());
    }

    [Fact]
    public async Task Another_departments_form_is_not_found_in_every_form_endpoint()
    {
        var all = await api.AllFormsAsync();
        var dataForm = all.First(f => f.Department == ApiFixture.DataBureau).Id;
        var policeForm = all.First(f => f.Department == ApiFixture.Police).Id;

        foreach (var url in new[] { $"/api/v1/forms/{dataForm}", $"/api/v1/forms/{dataForm}/export", $"/api/v1/forms/{dataForm}/export?format=json" })
        {
            var problem = await ApiClient.ProblemAsync(api.PoliceUser, url, HttpStatusCode.NotFound);
            // the same answer as for a form that does not exist
            var missing = await ApiClient.ProblemAsync(api.PoliceUser, url.Replace(dataForm.ToString(System.Globalization.CultureInfo.InvariantCulture), "99999999", StringComparison.Ordinal), HttpStatusCode.NotFound);
            Assert.Equal(missing.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        }

        using var mine = await ApiClient.GetJsonAsync(api.PoliceUser, $"/api/v1/forms/{policeForm}");
        Assert.Equal(ApiFixture.Police, mine.RootElement.GetProperty("department").GetString());
        var xlsx = await api.PoliceUser.GetAsync($"/api/v1/forms/{policeForm}/export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await ApiClient.ProblemAsync(api.DataUser, $"/api/v1/forms/{policeForm}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Findings_statistics_and_exports_cover_only_the_users_department()
    {
        using var stats = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/statistics");
        Assert.Equal(40, stats.RootElement.GetProperty("forms").GetInt32());
        Assert.All(stats.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.Equal(ApiFixture.Police, r.GetProperty("department").GetString()));
        using var otherStats = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/statistics?department=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        Assert.Equal(0, otherStats.RootElement.GetProperty("forms").GetInt32());

        using var findings = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/findings/groups");
        Assert.All(findings.RootElement.GetProperty("checks").EnumerateArray(), c =>
            Assert.All(c.GetProperty("departments").EnumerateArray(), d => Assert.Equal(ApiFixture.Police, d.GetProperty("department").GetString())));
        using var adminPolice = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings/groups?department=" + Uri.EscapeDataString(ApiFixture.Police));
        Assert.Equal(adminPolice.RootElement.GetProperty("findings").GetInt32(), findings.RootElement.GetProperty("findings").GetInt32());

        var json = await api.PoliceUser.GetStringAsync("/api/v1/forms/export?format=json");
        var forms = FormJsonReader.ReadString(json, "export.json", null).ToList();
        Assert.Equal(40, forms.Count);
        Assert.All(forms, f => Assert.Equal(ApiFixture.Police, f.Department));

        var csv = Encoding.UTF8.GetString(await api.DataUser.GetByteArrayAsync("/api/v1/forms/export?format=csv&department=" + Uri.EscapeDataString(ApiFixture.Police)));
        Assert.Single(Exports.Csv.Parse(csv)); // the header only
    }

    [Fact]
    public async Task A_department_user_sees_only_the_batches_holding_their_forms_with_their_counts()
    {
        using var list = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/imports");
        var ids = ApiClient.Items(list).Select(i => i.GetProperty("id").GetInt64()).Order().ToList();
        Assert.Equal(new[] { api.Batches[Corpus.Police2024].Id, api.Batches[Corpus.Police2023Targets].Id }.Order(), ids);

        using var own = await ApiClient.GetJsonAsync(api.PoliceUser, $"/api/v1/imports/{api.Batches[Corpus.Police2023Targets].Id}");
        Assert.Equal(3, own.RootElement.GetProperty("forms").GetInt32());
        await ApiClient.ProblemAsync(api.PoliceUser, $"/api/v1/imports/{api.Batches[Corpus.DataBureau2024].Id}", HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(api.DataUser, $"/api/v1/imports/{api.Batches[Corpus.Songnan2023].Id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Department_users_and_supervisors_cannot_import_or_delete()
    {
        var forms = await api.Factory.CountFormsAsync();
        var batches = await api.Factory.CountBatchesAsync();
        var target = api.Batches[Corpus.DataBureau2024].Id;
        var file = ("forms.txt", await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023)));

        foreach (var client in new[] { api.PoliceUser, api.Supervisor })
        {
            var post = await ApiClient.UploadAsync(client, file);
            var problem = await ApiClient.ProblemAsync(post, HttpStatusCode.Forbidden);
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            await ApiClient.ProblemAsync(await client.DeleteAsync($"/api/v1/imports/{target}"), HttpStatusCode.Forbidden);
        }

        // finance reviewers import, but only administrators delete
        await ApiClient.ProblemAsync(await api.Reviewer.DeleteAsync($"/api/v1/imports/{target}"), HttpStatusCode.Forbidden);

        Assert.Equal(forms, await api.Factory.CountFormsAsync());
        Assert.Equal(batches, await api.Factory.CountBatchesAsync());
        using var still = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/imports/{target}");
        Assert.Equal(34, still.RootElement.GetProperty("forms").GetInt32());
    }

    [Fact]
    public async Task Supervisors_read_everything()
    {
        using var forms = await ApiClient.GetJsonAsync(api.Supervisor, "/api/v1/forms");
        Assert.Equal(ApiFixture.AllForms, ApiClient.TotalCount(forms));
        using var imports = await ApiClient.GetJsonAsync(api.Supervisor, "/api/v1/imports");
        Assert.Equal(4, ApiClient.TotalCount(imports));
        var any = ApiClient.Items(forms).First().GetProperty("id").GetInt64();
        using var one = await ApiClient.GetJsonAsync(api.Supervisor, $"/api/v1/forms/{any}");
        Assert.Equal(JsonValueKind.Array, one.RootElement.GetProperty("findings").ValueKind);
    }
}
