using System.Text.Json.Nodes;
using Microsoft.OpenApi;

using Jixiao.Web.Imports;

namespace Jixiao.Web.Api;

/// <summary>Endpoint metadata: the query parameters an endpoint reads itself (through <see cref="ApiQuery"/>).</summary>
public sealed record QueryParametersMetadata(IReadOnlyList<ParameterSpec> Parameters);

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the <c>/api/v1</c> endpoints only, with the query parameters
/// that <see cref="ApiQuery"/> reads (names, types, allowed values, the pages' short names) and the sign-in and
/// antiforgery rules in the description.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    /// <summary>The OpenAPI name of the API token scheme (HTTP bearer).</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The OpenAPI name of the session cookie scheme.</summary>
    public const string CookieScheme = "cookie";

    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) => services.AddOpenApi(DocumentName, o =>
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.OrdinalIgnoreCase) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Jixiao (绩效) API",
                Version = "v1",
                Description = "Performance forms of public project spending: read, re-score, check, import and export. "
                    + "Every endpoint but /api/v1/health needs a signed-in user: a session (sign in on /login, cookie jixiao.auth) "
                    + "or a personal access token (Authorization: Bearer jx_…, made on /account/tokens; docs/api.md). A token acts as its "
                    + "user with the user's current role and department, read-only tokens may only GET (403 otherwise), a token that "
                    + "does not work answers 401 with the reason, and each token may make Jixiao:Tokens:RequestsPerMinute requests a "
                    + "minute (429 with Retry-After). Department users see only their own department (others' data is 404), "
                    + "supervisors read and confirm or dismiss findings (403 on every other POST and DELETE). With a session, POST "
                    + "requests need the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header; with a token they do not. "
                    + "Forms are in the interchange format jixiao.form/1 (docs/schema.md); errors are RFC 7807 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "jx_ and 43 characters",
                Description = "A personal access token (访问令牌), made on /account/tokens and shown once: Authorization: Bearer jx_…. "
                    + "Acts as its user (role and department as they are now); read-only tokens may only GET. Pages do not accept it.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "jixiao.auth",
                Description = "The session cookie of a sign-in on /login; POST requests also need the X-CSRF-TOKEN header (GET /api/v1/antiforgery).",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
            ];
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var endpointMetadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (endpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                operation.Security = []; // the health check needs no sign-in
            }

            if (endpointMetadata.OfType<ImportRequestBodyMetadata>().Any())
            {
                operation.RequestBody = ImportRequestBody();
            }

            var metadata = endpointMetadata.OfType<QueryParametersMetadata>().LastOrDefault();
            if (metadata is null)
            {
                return Task.CompletedTask;
            }

            operation.Parameters ??= [];
            foreach (var spec in metadata.Parameters)
            {
                var schema = new OpenApiSchema
                {
                    Type = spec.Type switch
                    {
                        ParameterType.Integer => JsonSchemaType.Integer,
                        ParameterType.Number => JsonSchemaType.Number,
                        ParameterType.Boolean => JsonSchemaType.Boolean,
                        _ => JsonSchemaType.String,
                    },
                };
                if (spec.Values is { Length: > 0 } values)
                {
                    schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];
                }

                if (spec.Type == ParameterType.String)
                {
                    schema.MaxLength = ApiQuery.MaxTextLength;
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = spec.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = spec.Description + (spec.Aliases is { Length: > 0 } a ? $" (also: {string.Join(", ", a)})" : ""),
                    Schema = schema,
                });
            }

            return Task.CompletedTask;
        });
    });

    private static OpenApiRequestBody ImportRequestBody() => new()
    {
        Required = true,
        Description = "Files to import: multipart parts (.txt, .json, .jsonl), or jixiao.form/1 forms as a JSON body.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["files"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
            },
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema { Description = "jixiao.form/1: an array of forms, one form object, or JSON Lines." },
            },
        },
    };

    /// <summary>Declares the query parameters an endpoint reads (for the OpenAPI document).</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params ParameterSpec[] parameters) =>
        builder.WithMetadata(new QueryParametersMetadata(parameters));
}
