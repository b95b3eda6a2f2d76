using System.Net;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// A return URL that is not a plain path on this site — a tab or another control character in it, another host — is
/// treated as <c>/</c> by the language switch and the login page (issue 10, item 9: a tab answered 500).
/// </summary>
public sealed class ReturnUrlTests(JixiaoWebFactory factory) : IClassFixture<JixiaoWebFactory>
{
    public static TheoryData<string> Unsafe => new()
    {
        "/forms\tx",
        "/\t/evil.example",
        "/forms\0",
        "/forms\u007F",
        "/forms\u0085",
        "/\r\nLocation: https://evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "",
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public async Task The_language_switch_goes_home_for_an_unsafe_return_url(string returnUrl)
    {
        var response = await factory.Client().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    public async Task Signing_in_goes_home_for_an_unsafe_return_url(string returnUrl)
    {
        var client = factory.Client();
        var token = await JixiaoWebFactory.TokenAsync(client, "/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await client.PostAsync("/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "supervisor",
            ["Password"] = "jixiao-supervisor",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);

        // signed in already: the login page sends the user on, home again
        var again = await client.GetAsync("/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_path_on_this_site_is_kept_and_sent_in_ascii()
    {
        var client = factory.Client();
        var plain = await client.GetAsync("/culture/zh-CN?returnUrl=" + Uri.EscapeDataString("/forms?year=2024&sort=score"));
        Assert.Equal("/forms?year=2024&sort=score", plain.Headers.Location!.OriginalString);

        // a project page's path holds its Chinese key: the Location header carries it percent-encoded (UTF-8)
        var chinese = await client.GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString("/projects/区特保队伍经费"));
        Assert.Equal(HttpStatusCode.Redirect, chinese.StatusCode);
        Assert.Equal("/projects/%E5%8C%BA%E7%89%B9%E4%BF%9D%E9%98%9F%E4%BC%8D%E7%BB%8F%E8%B4%B9", chinese.Headers.Location!.OriginalString);
    }
}
