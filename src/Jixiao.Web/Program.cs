using Jixiao.App;
using Jixiao.App.Imports;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Imports;
using Jixiao.Web.Public;
using Jixiao.Web.Shared;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

// Served on http://localhost:5080 unless ASPNETCORE_URLS, --urls or a Kestrel section says otherwise.
var listenUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
if (string.IsNullOrEmpty(listenUrls) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    listenUrls = "http://localhost:5080";
    builder.WebHost.UseUrls(listenUrls);
}

// a setting that would make the application run on the wrong database stops it here, in one line
if (JixiaoServices.ConfigurationProblem(builder.Configuration) is { } configurationProblem)
{
    await Console.Error.WriteLineAsync("jixiao: " + configurationProblem);
    Environment.ExitCode = 1;
    return;
}

var options = builder.Configuration.GetSection(JixiaoOptions.Section).Get<JixiaoOptions>() ?? new JixiaoOptions();
builder.Services.Configure<JixiaoOptions>(builder.Configuration.GetSection(JixiaoOptions.Section));

// Uploads: many files of up to Jixiao:Imports:MaxFileBytes each in one request.
var maxRequest = Math.Max(options.Imports.MaxFileBytes, 1) * 4 + (1 << 20);
builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxRequest);
builder.Services.Configure<FormOptions>(o =>
{
    o.MultipartBodyLengthLimit = maxRequest;
    o.ValueCountLimit = 200;
});

// the database, the stores, the use cases and the query facades: the same composition as the command line's
builder.Services.AddJixiao(builder.Configuration);
builder.Services.AddJixiaoAccounts(options);

builder.Services.AddSingleton<UploadStore>();
builder.Services.AddSingleton<IKeptFiles>(sp => sp.GetRequiredService<UploadStore>());
builder.Services.AddSingleton<UploadHandler>();
// A background service that fails is logged and the application serves on (an outage of the database must not end it).
builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
builder.Services.AddHostedService<ImportWorker>();
builder.Services.AddHostedService<CrossCheckWorker>();
builder.Services.AddHostedService<Jixiao.Web.Rechecks.RecheckWorker>();
builder.Services.AddHostedService<Jixiao.Web.Library.LibraryWorker>();
builder.Services.AddSingleton<DemoState>();
builder.Services.AddHostedService<DemoData>();

// Chinese text stays readable in the HTML (not &#x…; entities); Razor still encodes everything that matters.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

// Cookie and antiforgery keys survive restarts (kept beside the database).
builder.Services.AddDataProtection()
    .SetApplicationName("Jixiao")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(Path.Combine(options.DataDirectory, "keys"))));

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = DatabaseOutage.Customize);
builder.Services.AddApiV1(); // API (owned by Api/)
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "jixiao.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.HeaderName = "X-CSRF-TOKEN";
});
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/"; // feature folders: Forms/, Imports/, Findings/ … hold their pages
    o.Conventions.AuthorizeFolder("/Imports", UserClaims.CanChangePolicy);
    o.Conventions.AuthorizeFolder("/Admin", UserClaims.AdminPolicy);
    o.Conventions.AllowAnonymousToPage("/Accounts/Login");
    o.Conventions.AllowAnonymousToPage("/Accounts/Setup");
    o.Conventions.AllowAnonymousToPage("/Accounts/Denied");
    o.Conventions.AllowAnonymousToPage("/Shared/Error");
    o.Conventions.AllowAnonymousToFolder("/Public"); // 公开: the published forms, for anyone (decision 011)
}).AddJsonOptions(o => o.JsonSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

var app = builder.Build();

// The database is created and migrated before the first request; the demo data loads in the background.
var storage = app.Services.GetRequiredService<JixiaoStorage>();
await storage.MigrateAsync();
await AccountSetup.SeedAsync(app.Services.GetRequiredService<Jixiao.App.Accounts.Accounts>(), options, app.Logger);
if (app.Logger.IsEnabled(LogLevel.Information))
{
    app.Logger.LogInformation("Database: {Database}", storage.ToString());
}

app.UseSecurityHeaders();

// Errors: problem details (RFC 7807) for the API, a friendly page for people; never a stack trace. A database that
// cannot be reached answers 503 with Retry-After (DatabaseOutage), anything else 500.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseOutage.StatusCodeOf });
    api.UseStatusCodePages();
});
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
{
    pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = DatabaseOutage.StatusCodeOf });
    pages.UseStatusCodePagesWithReExecute("/error/{0}");
});

app.UseStaticFiles();
app.UseJixiaoCultures();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter(); // after authentication: exports are limited per signed-in user
app.UseAntiforgery();

app.MapRazorPages();
// browsers ask for /favicon.ico on pages that name no icon (a JSON document, a download): the site's icon answers
app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true)).AllowAnonymous().ExcludeFromDescription();
app.MapCultureSwitch();
app.MapImportStatus();
app.MapOpenData();
app.MapApiV1();

// the one start-up failure a user meets on a shared machine: said in one line, without a stack trace (checked first,
// because the host logs a failed bind with its stack trace before it throws; the catch is for a race)
const string listenHelp = "Stop the other program or choose another address, e.g. dotnet run --project src/Jixiao.Web --urls http://localhost:5081";
if (!string.IsNullOrEmpty(listenUrls) && ListenCheck.FirstTaken(listenUrls) is { } taken)
{
    await Console.Error.WriteLineAsync($"jixiao: cannot listen on {taken}: another program is using that address. {listenHelp}");
    Environment.ExitCode = 1;
    return;
}

try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    await Console.Error.WriteLineAsync($"jixiao: cannot listen: {ex.Message} {listenHelp}");
    Environment.ExitCode = 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
