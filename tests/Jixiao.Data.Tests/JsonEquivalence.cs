using System.Text.Json;

namespace Jixiao.Data.Tests;

/// <summary>Compares two JSON documents by meaning: numbers by value (10.00 = 10), objects by member, arrays in order.</summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = Compare(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, difference);
    }

    private static string? Compare(JsonElement e, JsonElement a, string path)
    {
        if (e.ValueKind != a.ValueKind)
        {
            return $"{path}: expected {e.ValueKind} {e}, found {a.ValueKind} {a}";
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.GetDecimal() == a.GetDecimal() ? null : $"{path}: expected {e}, found {a}";
            case JsonValueKind.Object:
                var names = e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var other = a.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                if (!names.SequenceEqual(other))
                {
                    return $"{path}: members differ: {string.Join(",", names)} vs {string.Join(",", other)}";
                }

                foreach (var n in names)
                {
                    if (Compare(e.GetProperty(n), a.GetProperty(n), path + "." + n) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (e.GetArrayLength() != a.GetArrayLength())
                {
                    return $"{path}: expected {e.GetArrayLength()} items, found {a.GetArrayLength()}";
                }

                for (var i = 0; i < e.GetArrayLength(); i++)
                {
                    if (Compare(e[i], a[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                return e.ToString() == a.ToString() ? null : $"{path}: expected {e}, found {a}";
        }
    }
}
