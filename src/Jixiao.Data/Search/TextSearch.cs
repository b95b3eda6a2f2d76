using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Search;

/// <summary>How a text filter lets the database find the matches.</summary>
internal enum TextPlan
{
    /// <summary>Any way the planner likes.</summary>
    Any,

    /// <summary>Each form tested on its own as the query passes it (PostgreSQL: a subquery per form, never a join).</summary>
    Probe,

    /// <summary>Through the search index as a whole, then joined (PostgreSQL: the trigram index, never one probe per form).</summary>
    Index,
}

/// <summary>
/// Full-text matching of the form list (全文检索): the forms whose search text contains a normalised text, through the
/// SQLite character index or PostgreSQL's trigram index, in the plan the caller asks for.
/// </summary>
internal static class TextSearch
{
    /// <summary>The forms of <paramref name="forms"/> whose search text contains <paramref name="text"/> (normalised).</summary>
    internal static IQueryable<FormRecord> WhereText(JixiaoDbContext db, IQueryable<FormRecord> forms, string text, TextPlan plan)
    {
        // SQLite: the FTS5 character index finds the forms (Chinese and ASCII letters and digits exactly) or narrows
        // to candidates that LIKE rechecks for the literal meaning (as pg_trgm's index does on PostgreSQL).
        // TextMatches says the same for the search table alone.
        var exact = false;
        if (SearchIndexHits(db, text) is { } hits)
        {
            forms = forms.Where(f => hits.Contains(f.Id));
            exact = SqliteSearchIndex.PhraseIsExact(text);
        }

        if (exact)
        {
            return forms;
        }

        var pattern = LikePattern(text);
        if (plan == TextPlan.Index && db.Provider == DatabaseProvider.Postgres)
        {
            // OFFSET 0 keeps the subquery whole: PostgreSQL cannot turn it back into one probe per form
            var found = db.FormSearch
                .FromSqlRaw("SELECT form_id, text FROM form_search WHERE text LIKE {0} ESCAPE '\\' OFFSET 0", pattern)
                .Select(s => s.FormId);
            return forms.Where(f => found.Contains(f.Id));
        }

        if (plan == TextPlan.Probe && db.Provider == DatabaseProvider.Postgres)
        {
            // a scalar subquery stays a subplan run for each form the walk passes, so a walk in sort order stops at the
            // page; as EXISTS, PostgreSQL may join all the matches first and sort them
            return forms.Where(f => db.FormSearch.Where(s => s.FormId == f.Id)
                .Select(s => EF.Functions.Like(s.Text, pattern, "\\")).FirstOrDefault());
        }

        return forms.Where(f => db.FormSearch.Any(s => s.FormId == f.Id && EF.Functions.Like(s.Text, pattern, "\\")));
    }


    /// <summary>The ids of the forms whose search text contains <paramref name="text"/> (normalised), as <see cref="Forms.FormQueries"/> matches them.</summary>
    internal static IQueryable<long> TextMatches(JixiaoDbContext db, string text)
    {
        var pattern = LikePattern(text);
        var search = db.FormSearch.AsNoTracking();
        if (SearchIndexHits(db, text) is { } hits)
        {
            if (SqliteSearchIndex.PhraseIsExact(text))
            {
                return hits;
            }

            search = search.Where(s => hits.Contains(s.FormId));
        }

        return search.Where(s => EF.Functions.Like(s.Text, pattern, "\\")).Select(s => s.FormId);
    }

    /// <summary>On SQLite, the ids the character index finds for <paramref name="text"/>; null elsewhere or when it cannot narrow.</summary>
    internal static IQueryable<long>? SearchIndexHits(JixiaoDbContext db, string text) =>
        db.Provider == DatabaseProvider.Sqlite && SqliteSearchIndex.Phrase(text) is { } phrase
            ? db.Database.SqlQueryRaw<long>($"SELECT rowid AS \"Value\" FROM {SqliteSearchIndex.Table} WHERE {SqliteSearchIndex.Table} MATCH {{0}}", phrase)
            : null;

    /// <summary>The <c>LIKE … ESCAPE '\'</c> pattern that finds <paramref name="text"/> literally anywhere.</summary>
    internal static string LikePattern(string text) => "%" + EscapeLike(text) + "%";


    /// <summary>Escapes <c>\</c>, <c>%</c> and <c>_</c> so that a text matches literally under <c>LIKE … ESCAPE '\'</c>.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
