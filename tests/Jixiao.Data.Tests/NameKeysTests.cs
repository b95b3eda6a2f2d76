using Jixiao.Data.Accounts;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;

namespace Jixiao.Data.Tests;

public sealed class NameKeysTests
{
    [Theory]
    [InlineData("2024年区特保队伍经费", "区特保队伍经费")]
    [InlineData("区特保队伍经费", "区特保队伍经费")]
    [InlineData("（2024年）区特保队伍经费", "区特保队伍经费")]
    [InlineData("2024年度 区特保 队伍经费", "区特保队伍经费")]
    [InlineData("区特保队伍经费（宝发改【2023】62号）", "区特保队伍经费")]
    [InlineData("区特保队伍经费(2024)", "区特保队伍经费")]
    [InlineData("ＡＢＣ平台运维项目", "ABC平台运维")]
    [InlineData("12345工程", "12345工程")]
    [InlineData("110指挥中心（一期）", "110指挥中心(一期)")]
    [InlineData("", "")]
    public void Lineage_key_drops_years_document_numbers_and_spacing(string name, string key) =>
        Assert.Equal(key, NameKeys.Lineage(name));

    [Theory]
    [InlineData("上海市宝山区数据局", "上海市宝山区")]
    [InlineData("上海市公安局宝山分局", "上海市")]
    [InlineData("淞南镇主管单位", "淞南镇")]
    [InlineData("江海市临江区教育局", "江海市临江区")]
    [InlineData("财政局", "")]
    public void Region_is_the_administrative_prefix_of_a_department(string department, string region) =>
        Assert.Equal(region, NameKeys.Region(department));

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
