using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;

namespace Jixiao.App.Tests.Access;

/// <summary>What each role may do, and which departments each caller sees.</summary>
public sealed class AccessPolicyTests : IAsyncLifetime
{
    private const string Police = "上海市公安局宝山分局";

    private TestDatabase? test;

    private AccessPolicy Policy => new(new DepartmentDirectory(test!.Database));

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.True((await new FormImporter(test.Database).ImportFileAsync(Corpus.PathOf(Corpus.Police2024))).Succeeded);
        Assert.True((await new FormImporter(test.Database).ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023))).Succeeded);
    }

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(UserRole.Administrator, true, true, true)]
    [InlineData(UserRole.FinanceReviewer, true, false, false)]
    [InlineData(UserRole.Supervisor, false, false, false)]
    [InlineData(UserRole.DepartmentUser, false, false, false)]
    [InlineData(UserRole.DepartmentReviewer, false, false, false)]
    public void Each_role_may_do_what_its_description_says(UserRole role, bool import, bool delete, bool accounts)
    {
        var caller = new Caller("someone", role, role.HasDepartment() ? Police : null);
        Assert.True(AccessPolicy.Allows(caller, Permission.Read));
        Assert.Equal(import, AccessPolicy.Allows(caller, Permission.Import));
        Assert.Equal(delete, AccessPolicy.Allows(caller, Permission.DeleteBatch));
        Assert.Equal(accounts, AccessPolicy.Allows(caller, Permission.ManageAccounts));
        if (!delete)
        {
            Assert.Throws<AccessDeniedException>(() => AccessPolicy.Demand(caller, Permission.DeleteBatch));
        }
    }

    [Theory]
    [InlineData(UserRole.Administrator, false, true, true)]
    [InlineData(UserRole.FinanceReviewer, false, true, true)]
    [InlineData(UserRole.Supervisor, false, false, false)]
    [InlineData(UserRole.DepartmentUser, true, false, false)]
    [InlineData(UserRole.DepartmentReviewer, false, true, false)]
    public void Filing_permissions_go_to_the_roles_the_issue_names(UserRole role, bool fill, bool review, bool publish)
    {
        var caller = new Caller("someone", role, role.HasDepartment() ? Police : null);
        Assert.Equal(fill, AccessPolicy.Allows(caller, Permission.FillForms));
        Assert.Equal(review, AccessPolicy.Allows(caller, Permission.ReviewFilings));
        Assert.Equal(publish, AccessPolicy.Allows(caller, Permission.PublishFilings));
        Assert.False(AccessPolicy.Allows(new Caller("token", role, caller.Department) { ReadOnly = true }, Permission.FillForms));
    }

    [Fact]
    public async Task A_department_reviewer_sees_their_department_only_as_a_department_user_does()
    {
        var user = await Policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, Police));
        var reviewer = await Policy.ScopeAsync(new Caller("reviewer", UserRole.DepartmentReviewer, Police));
        Assert.False(reviewer.IsAll);
        Assert.NotEmpty(reviewer.DepartmentIds!);
        Assert.Equal(user.DepartmentIds, reviewer.DepartmentIds);
    }

    [Fact]
    public async Task Everyone_but_a_department_user_sees_every_department()
    {
        foreach (var role in new[] { UserRole.Administrator, UserRole.FinanceReviewer, UserRole.Supervisor })
        {
            Assert.True((await Policy.ScopeAsync(new Caller("x", role))).IsAll);
        }

        Assert.True((await Policy.ScopeAsync(Caller.Tool("cli"))).IsAll);
    }

    [Fact]
    public async Task A_department_user_sees_their_department_by_any_spelling_that_normalises_to_it()
    {
        var exact = await Policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, Police));
        var spaced = await Policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, " 上海市公安局  宝山分局 "));
        var id = Assert.Single(exact.DepartmentIds!);
        Assert.Equal([id], spaced.DepartmentIds!);

        var forms = await new FormQueries(test!.Database).ListAsync(new FormQuery { Scope = exact, PageSize = 500 });
        Assert.Equal(37, forms.TotalCount); // the police self-evaluations of 2024; the town's are another department
        Assert.All(forms.Items, f => Assert.Equal(Police, f.Department));
    }

    [Theory]
    [InlineData("不存在的部门")]
    [InlineData(" \t ")]
    [InlineData(null)]
    public async Task A_department_user_of_an_unknown_or_missing_department_sees_nothing(string? department)
    {
        var scope = await Policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, department));
        Assert.False(scope.IsAll);
        Assert.Empty(scope.DepartmentIds!);
        Assert.Equal(0, (await new FormQueries(test!.Database).ListAsync(new FormQuery { Scope = scope })).TotalCount);
    }

    [Fact]
    public async Task A_query_in_everyone_s_scope_is_the_unrestricted_query()
    {
        // the stored totals and the text-only search paths recognise an unrestricted query by equality
        var scope = await Policy.ScopeAsync(new Caller("admin", UserRole.Administrator));
        Assert.Equal(new FormQuery(), new FormQuery { Scope = scope });
        Assert.Equal(new FormQuery { Text = "救援" }, new FormQuery { Text = "救援", Scope = scope });
        Assert.NotEqual(new FormQuery(), new FormQuery { Scope = await Policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, Police)) });
    }

    [Fact]
    public async Task A_department_stored_after_a_first_look_is_seen_at_once_and_a_found_one_is_kept()
    {
        var policy = Policy;
        const string town = "上海市杨浦区新设局";
        Assert.Empty((await policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, town))).DepartmentIds!);

        var form = (await new FormQueries(test!.Database).GetAsync(1))!.ToPerformanceForm();
        form.Department = town;
        form.ProjectName += "（新设）";
        Assert.True((await new FormImporter(test.Database).ImportFormsAsync([form], "new-department")).Succeeded);

        var found = await policy.ScopeAsync(new Caller("dept", UserRole.DepartmentUser, town));
        Assert.Single(found.DepartmentIds!);
        Assert.Same(found, await policy.ScopeAsync(new Caller("dept2", UserRole.DepartmentUser, town)));
    }

    [Fact]
    public async Task A_caller_s_scope_is_resolved_once()
    {
        var caller = new Caller("dept", UserRole.DepartmentUser, Police);
        var first = await Policy.ScopeAsync(caller);
        Assert.Same(first, await Policy.ScopeAsync(caller));
        Assert.Same(first, await new AccessPolicy(new DepartmentDirectory(test!.Database)).ScopeAsync(caller));
    }
}
