using System.Globalization;

namespace Jixiao.Web.Api;

/// <summary>
/// The API's errors as RFC 7807 problem details (<c>application/problem+json</c>), each with a title and a detail
/// that says what was wrong and what was expected. Messages never echo more than a clipped, control-free piece of
/// the input, and the JSON encoder escapes HTML-sensitive characters.
/// </summary>
public static class ApiProblems
{
    /// <summary>400 with the problems of each query parameter (<c>errors</c>: parameter → messages).</summary>
    public static IResult BadQuery(ApiQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = query.Errors;
        var first = errors.First();
        return TypedResults.ValidationProblem(
            errors,
            detail: errors.Count == 1
                ? $"The query parameter '{first.Key}' is not valid: {first.Value[0]}"
                : $"{errors.Count} query parameters are not valid ({string.Join(", ", errors.Keys)}); see errors.",
            title: "Invalid query parameters");
    }

    /// <summary>400 for a path value that is not an id.</summary>
    public static IResult BadId(string parameter, string value, string what) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [parameter] = [$"'{ApiQuery.Clip(value)}' is not {what} id: expected a whole number from 1."] },
        detail: $"'{ApiQuery.Clip(value)}' is not {what} id: expected a whole number from 1.",
        title: "Invalid id");

    /// <summary>
    /// 404. The same answer whether the thing does not exist or belongs to a department the caller may not see,
    /// so that a department user learns nothing about others' data.
    /// </summary>
    public static IResult NotFound(string what, long id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"There is no {what} with id {id.ToString(CultureInfo.InvariantCulture)} that you may see.");

    public static IResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    /// <summary>Reads a positive id from a route value.</summary>
    public static bool TryId(string value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
