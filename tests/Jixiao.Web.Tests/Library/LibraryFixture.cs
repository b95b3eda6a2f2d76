using Jixiao.App.Imports;
using Jixiao.App.Library;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Library;

/// <summary>
/// An application of its own for the library's web tests: the five forms of <see cref="LibraryForms"/> imported and
/// counted, signed-in clients of every role, and department users of the police and the education bureau.
/// </summary>
public sealed class LibraryFixture : IAsyncLifetime
{
    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reviewer { get; private set; } = null!;

    public HttpClient PoliceUser { get; private set; } = null!;

    public HttpClient EducationUser { get; private set; } = null!;

    /// <summary>The entries' ids by name.</summary>
    public Dictionary<string, long> Entries { get; } = [];

    public async Task InitializeAsync()
    {
        var result = await new FormImporter(Factory.Database).ImportFormsAsync(LibraryForms.All(), "library.json", new ImportOptions { User = "test" });
        Assert.True(result.Succeeded, result.Error);
        await Factory.Services.GetRequiredService<IndicatorLibrary>().CatchUpAsync();
        await using (var db = Factory.Database.CreateContext())
        {
            foreach (var e in await db.Set<LibraryEntry>().Select(e => new { e.Id, e.Name }).ToListAsync())
            {
                Entries[e.Name] = e.Id;
            }
        }

        Assert.Equal(8, Entries.Count);
        await Factory.CreateUserAsync("police-lib", "police-lib-password", UserRole.DepartmentUser, LibraryForms.Police);
        await Factory.CreateUserAsync("school-lib", "school-lib-password", UserRole.DepartmentUser, LibraryForms.Education);
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        Reviewer = await Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        PoliceUser = await Factory.SignedInAsync("police-lib", "police-lib-password");
        EducationUser = await Factory.SignedInAsync("school-lib", "school-lib-password");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
