namespace Jixiao.Data.Entities;

/// <summary>
/// The full-text search column of a form: project, unit, department and indicator names, normalised by
/// <see cref="Search.NameKeys.Search"/> (NFKC, lower case, no white space). Matched with <c>LIKE '%…%'</c>: a pg_trgm
/// GIN index answers it on PostgreSQL, a scan of this narrow table on SQLite.
/// </summary>
public sealed class FormSearchRecord
{
    public long FormId { get; set; }

    public string Text { get; set; } = "";
}
