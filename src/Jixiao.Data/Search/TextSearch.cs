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
/// Full-text matching of the form list (全文检索): the forms whose search text contains every included term of a
/// <see cref="SearchTerms"/> and none of its excluded ones, through the SQLite character index or PostgreSQL's
/// trigram index, in the plan the caller asks for. Each included term narrows through the index; an excluded term is
/// a check on the rows the included ones leave (or, with no included term, an anti-join through the index).
/// </summary>
internal static class TextSearch
{
    /// <summary>The forms of <paramref name="forms"/> that match <paramref name="terms"/> (not empty).</summary>
    internal static IQueryable<FormRecord> WhereText(JixiaoDbContext db, IQueryable<FormRecord> forms, SearchTerms terms, TextPlan plan)
    {
        // SQLite: the FTS5 character index finds the forms (Chinese and ASCII letters and digits exactly) or narrows
        // to candidates that LIKE rechecks for the literal meaning (as pg_trgm's index does on PostgreSQL).
        // TextMatches says the same for the search table alone.
        var narrowed = Narrow(db, terms);
        forms = narrowed.Hits switch
        {
            null => forms,
            var hits when narrowed.HitsExcluded => forms.Where(f => !hits.Contains(f.Id)),
            var hits => forms.Where(f => hits.Contains(f.Id)),
        };

        if (narrowed.Include.Count == 0)
        {
            // no included term left to find the rows by: each excluded one is an anti-join (NOT EXISTS) through the index
            foreach (var term in narrowed.Exclude)
            {
                var excluded = LikePattern(term);
                forms = forms.Where(f => !db.FormSearch.Any(s => s.FormId == f.Id && EF.Functions.Like(s.Text, excluded, "\\")));
            }

            return forms;
        }

        if (plan == TextPlan.Index && db.Provider == DatabaseProvider.Postgres)
        {
            // OFFSET 0 keeps the subquery whole: PostgreSQL cannot turn it back into one probe per form
            // the SQL holds only placeholders ({0} {1} …), one per term; the terms are parameters
            var conditions = narrowed.Include.Select((_, i) => "text LIKE {" + Number(i) + "} ESCAPE '\\'")
                .Concat(narrowed.Exclude.Select((_, i) => "text NOT LIKE {" + Number(narrowed.Include.Count + i) + "} ESCAPE '\\'"));
            var sql = "SELECT form_id, text FROM form_search WHERE " + string.Join(" AND ", conditions) + " OFFSET 0";
            var found = db.FormSearch.FromSqlRaw(sql, [.. narrowed.Include.Concat(narrowed.Exclude).Select(LikePattern)]).Select(s => s.FormId);
            return forms.Where(f => found.Contains(f.Id));
        }

        var matching = Matching(db, narrowed);
        if (plan == TextPlan.Probe && db.Provider == DatabaseProvider.Postgres)
        {
            // a scalar subquery stays a subplan run for each form the walk passes, so a walk in sort order stops at the
            // page; as EXISTS, PostgreSQL may join all the matches first and sort them
            return forms.Where(f => matching.Where(s => s.FormId == f.Id).Select(s => true).FirstOrDefault());
        }

        return forms.Where(f => matching.Any(s => s.FormId == f.Id));
    }

    /// <summary>The ids of the forms whose search text matches <paramref name="terms"/>, as <see cref="Forms.FormQueries"/> matches them.</summary>
    internal static IQueryable<long> TextMatches(JixiaoDbContext db, SearchTerms terms)
    {
        var narrowed = Narrow(db, terms);
        if (narrowed is { Hits: { } exact, HitsExcluded: false, Include.Count: 0, Exclude.Count: 0 })
        {
            return exact;
        }

        var search = Matching(db, narrowed);
        search = narrowed.Hits switch
        {
            null => search,
            var hits when narrowed.HitsExcluded => search.Where(s => !hits.Contains(s.FormId)),
            var hits => search.Where(s => hits.Contains(s.FormId)),
        };
        return search.Select(s => s.FormId);
    }

    /// <summary>What the SQLite character index answers of a search's terms, and what is left for <c>LIKE</c>.</summary>
    /// <param name="Hits">Ids from the index: the forms with every included phrase and no exactly excluded one; or, when
    /// <paramref name="HitsExcluded"/>, the forms with an excluded phrase (no included term has a phrase). Null on
    /// PostgreSQL or when the index cannot narrow.</param>
    /// <param name="HitsExcluded">True when <paramref name="Hits"/> are the forms to leave out.</param>
    /// <param name="Include">Included terms still to check with <c>LIKE</c>.</param>
    /// <param name="Exclude">Excluded terms still to check with <c>NOT LIKE</c>.</param>
    private sealed record Narrowed(IQueryable<long>? Hits, bool HitsExcluded, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

    private static Narrowed Narrow(JixiaoDbContext db, SearchTerms terms)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return new Narrowed(null, false, terms.Include, terms.Exclude);
        }

        var included = terms.Include.Select(SqliteSearchIndex.Phrase).OfType<string>().ToList();
        var exactExcluded = terms.Exclude.Where(SqliteSearchIndex.PhraseIsExact).ToList();
        var excludedPhrases = exactExcluded.Select(SqliteSearchIndex.Phrase).OfType<string>().ToList();
        if (included.Count > 0)
        {
            // every included phrase, and none of the excluded ones the index knows exactly, in one query of the index
            var query = "(" + string.Join(" AND ", included) + ")" + (excludedPhrases.Count > 0 ? " NOT (" + string.Join(" OR ", excludedPhrases) + ")" : "");
            return new Narrowed(IndexHits(db, query), false,
                [.. terms.Include.Where(t => !SqliteSearchIndex.PhraseIsExact(t))], [.. terms.Exclude.Except(exactExcluded)]);
        }

        return excludedPhrases.Count > 0
            ? new Narrowed(IndexHits(db, string.Join(" OR ", excludedPhrases)), true, terms.Include, [.. terms.Exclude.Except(exactExcluded)])
            : new Narrowed(null, false, terms.Include, terms.Exclude);
    }

    /// <summary>The ids the SQLite character index finds for an FTS5 query.</summary>
    private static IQueryable<long> IndexHits(JixiaoDbContext db, string query) =>
        db.Database.SqlQueryRaw<long>($"SELECT rowid AS \"Value\" FROM {SqliteSearchIndex.Table} WHERE {SqliteSearchIndex.Table} MATCH {{0}}", query);

    /// <summary>The search rows that contain every term of <see cref="Narrowed.Include"/> and none of <see cref="Narrowed.Exclude"/>.</summary>
    private static IQueryable<FormSearchRecord> Matching(JixiaoDbContext db, Narrowed narrowed)
    {
        IQueryable<FormSearchRecord> search = db.FormSearch.AsNoTracking();
        foreach (var term in narrowed.Include)
        {
            var pattern = LikePattern(term);
            search = search.Where(s => EF.Functions.Like(s.Text, pattern, "\\"));
        }

        foreach (var term in narrowed.Exclude)
        {
            var pattern = LikePattern(term);
            search = search.Where(s => !EF.Functions.Like(s.Text, pattern, "\\"));
        }

        return search;
    }

    private static string Number(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>LIKE … ESCAPE '\'</c> pattern that finds <paramref name="text"/> literally anywhere.</summary>
    internal static string LikePattern(string text) => "%" + EscapeLike(text) + "%";


    /// <summary>Escapes <c>\</c>, <c>%</c> and <c>_</c> so that a text matches literally under <c>LIKE … ESCAPE '\'</c>.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
