using System.Text;

namespace Jixiao.Web.Tests.Exports;

/// <summary>A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var quoted = false;
        var atStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    Assert.True(i >= text.Length || text[i] is ',' or '\r', $"text after a closing quote at {i}");
                    continue;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when atStart:
                    quoted = true;
                    atStart = false;
                    i++;
                    break;
                case '"':
                    Assert.Fail($"a quote inside an unquoted field at {i}");
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atStart = true;
                    i++;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"CR without LF at {i}");
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    atStart = true;
                    i += 2;
                    break;
                case '\n':
                    Assert.Fail($"a bare LF ends a record at {i}");
                    break;
                default:
                    field.Append(c);
                    atStart = false;
                    i++;
                    break;
            }
        }

        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(fields.Count == 0 && field.Length == 0, "the last record does not end with CRLF");
        return records;
    }
}
