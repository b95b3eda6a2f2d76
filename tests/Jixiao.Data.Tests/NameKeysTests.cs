using Jixiao.Core.Forms;
using Jixiao.Data.Accounts;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;

namespace Jixiao.Data.Tests;

public sealed class NameKeysTests
{
    [Fact]
    public void Stored_keys_are_the_core_keys_cut_to_the_column()
    {
        var name = "2024年" + new string('经', 600) + "项目";
        Assert.Equal(500, NameKeys.Lineage(name).Length);
        Assert.Equal(ProjectKey.Of(name)[..500], NameKeys.Lineage(name));
        Assert.Equal(500, NameKeys.Plain(name).Length);
        Assert.Equal("区特保队伍经费", NameKeys.Lineage("（2024年）区特保 队伍经费项目"));
        Assert.Equal("上海市宝山区", NameKeys.Region("上海市宝山区数据局"));
    }

    [Fact]
    public void Search_form_is_nfkc_lower_case_without_spaces() =>
        Assert.Equal("abc特保100%", NameKeys.Search(" ＡＢＣ 特　保 １００％ "));

    [Fact]
    public void Like_escaping_makes_wildcards_literal() =>
        Assert.Equal("100\\%\\_a\\\\b", TestStore.EscapeLike("100%_a\\b"));

    [Fact]
    public void Password_hashes_are_salted_and_verify()
    {
        var a = PasswordHashing.Hash("密码 pw");
        var b = PasswordHashing.Hash("密码 pw");
        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$210000$", a, StringComparison.Ordinal);
        Assert.True(PasswordHashing.Verify("密码 pw", a));
        Assert.False(PasswordHashing.Verify("密码 pW", a));
        Assert.False(PasswordHashing.Verify("x", "garbage"));
        Assert.False(PasswordHashing.Verify("x", null));
        Assert.False(PasswordHashing.NeedsRehash(a));
    }

    [Fact]
    public void Database_settings_choose_postgres_only_when_a_connection_string_is_given()
    {
        using var sqlite = JixiaoDatabase.FromSettings(null);
        Assert.Equal(DatabaseProvider.Sqlite, sqlite.Provider);
        Assert.EndsWith(Path.Combine("data", "jixiao.db"), sqlite.SqlitePath, StringComparison.Ordinal);
        using var pg = JixiaoDatabase.FromSettings("Host=127.0.0.1;Port=1;Database=x;Username=u;Password=secret");
        Assert.Equal(DatabaseProvider.Postgres, pg.Provider);
        Assert.DoesNotContain("secret", pg.ToString(), StringComparison.Ordinal);
    }
}
