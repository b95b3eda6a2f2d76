using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Jixiao.Data.Search;

/// <summary>
/// Full-text search on SQLite (全文检索): an FTS5 table <c>form_search_fts</c> that indexes every character of a form's
/// search text as a token of its own (the text is written with a space between characters), so that a phrase query
/// finds any substring of one or more characters — Chinese has no spaces between words, and two-character queries
/// (医疗, 特保) are the common case, which a trigram index cannot answer. The table is contentless (it keeps only the
/// index, <c>contentless_delete=1</c> lets rows be deleted) and is written by the importer beside <c>form_search</c>;
/// the form's id is its rowid. Characters that are neither letters nor digits separate tokens and are ignored by a
/// phrase query; a query made only of them is answered with <c>LIKE</c> on <c>form_search</c> instead. PostgreSQL
/// uses its trigram index (pg_trgm) on <c>form_search</c> and needs none of this.
/// </summary>
internal static class SqliteSearchIndex
{
    internal const string Table = "form_search_fts";

    /// <summary>The definition of the index; a change bumps it and the next start rebuilds the index.</summary>
    internal const string Version = "2";

    internal const string StateKey = "search_fts";

    internal const string CreateSql =
        $"CREATE VIRTUAL TABLE IF NOT EXISTS {Table} USING fts5(chars, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')";

    internal const string DropSql = $"DROP TABLE IF EXISTS {Table}";


    /// <summary>
    /// The text as it is indexed: one token per character, separated by spaces. Characters that FTS5's unicode61
    /// tokenizer would drop (punctuation, spaces, controls) become the private-use token U+E000, so that they still
    /// take a position: 救援，队伍 never matches the phrase 救援队伍.
    /// </summary>
    internal static string Spaced(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(Gap);
            }
        }

        return sb.ToString();
    }

    /// <summary>The token that stands for a character that is not a letter or a digit.</summary>
    internal const char Gap = '\uE000';

    /// <summary>
    /// The FTS5 phrase query for a normalised search text (<see cref="NameKeys.Search"/>), or null when the text has no
    /// letter or digit (the index cannot narrow it).
    /// </summary>
    internal static string? Phrase(string text)
    {
        var any = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                any = true;
                break;
            }
        }

        // Spaced maps every character that is not a letter or digit (the quote included) to a token: nothing escapes the phrase
        return any ? "\"" + Spaced(text) + "\"" : null;
    }

    /// <summary>
    /// True when the phrase of <paramref name="text"/> finds exactly the texts that contain it, so no <c>LIKE</c>
    /// recheck is needed: every character is a Chinese character or an ASCII letter or digit (each its own token,
    /// which the tokenizer neither drops nor folds into another). Other characters (punctuation stands for any
    /// punctuation in the index, other scripts fold case) are rechecked.
    /// </summary>
    internal static bool PhraseIsExact(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            var exact = v is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x3134F)
                or (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (!exact)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A prepared insert into the index inside an import's transaction.</summary>
    internal static SqliteCommand CreateInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Table} (rowid, chars) VALUES ($id, $chars)";
        command.Parameters.Add(new SqliteParameter("$id", 0L));
        command.Parameters.Add(new SqliteParameter("$chars", ""));
        command.Prepare();
        return command;
    }

    internal static void Insert(SqliteCommand insert, long formId, string text)
    {
        insert.Parameters[0].Value = formId;
        insert.Parameters[1].Value = Spaced(text);
        insert.ExecuteNonQuery();
    }

    /// <summary>Removes the forms of a batch from the index (before the forms themselves go, in the same transaction).</summary>
    internal static async Task DeleteBatchAsync(DbConnection connection, DbTransaction transaction, long batchId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {Table} WHERE rowid IN (SELECT id FROM forms WHERE import_batch_id = $batch)";
        var p = command.CreateParameter();
        p.ParameterName = "$batch";
        p.Value = batchId;
        command.Parameters.Add(p);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Builds the index again from <c>form_search</c> when it is missing or of another <see cref="Version"/>.</summary>
    internal static async Task EnsureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        if (await StorageStateValueAsync(sqlite, null, cancellationToken) == Version)
        {
            return;
        }

        await using var transaction = sqlite.BeginTransaction(deferred: false);
        if (await StorageStateValueAsync(sqlite, transaction, cancellationToken) != Version)
        {
            await ExecuteAsync(sqlite, transaction, DropSql, cancellationToken);
            await ExecuteAsync(sqlite, transaction, CreateSql, cancellationToken);
            await using (var read = sqlite.CreateCommand())
            await using (var insert = CreateInsert(sqlite, transaction))
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT form_id, text FROM form_search";
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    Insert(insert, reader.GetInt64(0), reader.GetString(1));
                }
            }

            await ExecuteAsync(sqlite, transaction, $"DELETE FROM storage_state WHERE key = '{StateKey}'", cancellationToken);
            await ExecuteAsync(sqlite, transaction, $"INSERT INTO storage_state (key, value) VALUES ('{StateKey}', '{Version}')", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string?> StorageStateValueAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT value FROM storage_state WHERE key = '{StateKey}'";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
