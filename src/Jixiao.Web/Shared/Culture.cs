using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Jixiao.Web.Shared;

/// <summary>Request cultures: zh-CN by default, English when chosen (the culture cookie, or <c>?culture=en</c>).</summary>
public static class Culture
{
    public static IApplicationBuilder UseJixiaoCultures(this IApplicationBuilder app)
    {
        CultureInfo[] cultures = [new(Ui.Chinese), new(Ui.English)];
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Ui.Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentUICultures = true,
            FallBackToParentCultures = true,
        };

        // Chinese first: the browser's Accept-Language does not switch the UI, only an explicit choice does.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return app.UseRequestLocalization(options);
    }

    /// <summary><c>GET /culture/{name}?returnUrl=…</c>: remembers the language in a cookie for a year and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext context) =>
        {
            var culture = string.Equals(name, Ui.English, StringComparison.OrdinalIgnoreCase) ? Ui.English : Ui.Chinese;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(ReturnUrls.OrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }
}
